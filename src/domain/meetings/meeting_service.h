// Meetings of a relationship and the weekly availability they are planned from. Holds the
// rules: who may act (relationships/relationship_access.h), what a valid meeting is, when invites
// go out.
//
// Life of a meeting: one side proposes a time (from a mutual free slot or ad hoc); the other
// accepts (scheduled: both get an iCalendar REQUEST) or proposes another time (counter: the
// roles swap). A scheduled meeting may be rescheduled by either side (REQUEST with the same
// UID and a higher SEQUENCE) or cancelled (CANCEL); a proposed one may be cancelled by either.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/meetings/calendar.h"
#include "domain/meetings/group_meeting.h"
#include "domain/meetings/meeting.h"
#include "domain/people/people_service.h"
#include "domain/relationships/activity.h"
#include "domain/webhooks/webhook.h"

namespace pairwise::domain {

// How far ahead mutual free slots are searched.
inline constexpr std::chrono::days kFreeSlotHorizon{28};
inline constexpr int kDefaultMeetingMinutes = 60;
inline constexpr std::size_t kDefaultFreeSlots = 20;
inline constexpr std::size_t kMaxFreeSlots = 200;
// How far back a calendar feed lists meetings.
inline constexpr std::chrono::days kFeedHistory{180};

// A moment as one person reads it on their own clock.
struct LocalTime {
  std::string employee_id;
  std::string time_zone;
  std::chrono::sys_seconds wall{};  // the wall-clock time, read as if it were UTC
  int utc_offset_minutes = 0;
};

struct FreeSlot {
  TimeSpan span;                  // UTC
  std::vector<LocalTime> starts;  // the start for the mentor, then the mentee
};

// A proposal or a change. Unset optionals keep the meeting's current value (or the default
// for a new one: 60 minutes, virtual, empty texts).
struct MeetingInput {
  TimePoint starts_at{};
  std::optional<int> duration_minutes;
  std::optional<MeetingMode> mode;
  std::optional<std::string> location;
  std::optional<std::string> video_url;
  std::optional<std::string> agenda;
  // The time was picked from the mutual free slots: it must lie inside both people's
  // availability.
  bool from_slot = false;
};

struct MeetingView {
  Meeting meeting;
  // Action items raised at this meeting; for a meeting still to come, also the open ones from
  // earlier meetings, which carry over until done.
  std::vector<ActionItem> action_items;
  std::vector<ActionItem> carried_over;
  std::string mentor_name;
  std::string mentee_name;
  // The actor's part: "mentor" | "mentee"; and whether it is the actor's turn to answer.
  std::string role;
  bool awaiting_me = false;
};

struct ActionItemInput {
  std::string text;
  // A pair's meeting: "mentor" | "mentee". A group's meeting: the employee id of the group's
  // mentor or of a mentee invited to the meeting.
  std::string owner;
  Date due{};
};

// What happened, written after a meeting.
struct MeetingLog {
  MeetingStatus outcome = MeetingStatus::kHeld;  // kHeld or kMissed
  std::optional<int> duration_minutes;           // required when held
  std::optional<MeetingMode> mode;               // how it actually happened; unset keeps it
  std::string topics;
  std::vector<ActionItemInput> action_items;
};

// Applies `input` onto `details` (unset optionals keep what `details` holds; the duration
// defaults to the current one, else kDefaultMeetingMinutes) and checks the result:
// InvalidArgument naming the field for a start not after `now` or more than two years ahead
// ("starts_at"), a duration out of range ("duration_minutes"), a place, link or agenda too long
// or a link that is not http(s) ("location", "video_url", "agenda"). Availability is the
// caller's to check. On failure `details` may be partly changed.
Status ApplyMeetingInput(const MeetingInput& input, TimePoint now, MeetingDetails& details);
// The checks of a log's outcome (held or missed: "outcome"), its duration when held
// (1..kMaxMeetingMinutes: "duration_minutes") and its topics (at most kMaxTopicsChars:
// "topics").
Status CheckMeetingLogBasics(const MeetingLog& log);
// The checks of the action items raised when a meeting that started at `meeting_start` is logged,
// for a pair's meetings and a group's alike: at most kMaxActionItemsPerLog ("action_items");
// each "action_items[i].text" one line of 1..kMaxActionItemChars characters and
// ".due_date" from the meeting's day to a year later. Who may own them is the caller's to check.
// On success, the items (text and due set; the rest the caller's).
Result<std::vector<ActionItem>> CheckActionItemInputs(const std::vector<ActionItemInput>& items,
                                                      TimePoint meeting_start);
// A mail to `to` about a meeting: a greeting, `lead`, then when (on `to`'s clock, with the
// duration), where, the link and the agenda, and `link` to the meeting in Pairwise. Kind
// "meeting".
MailMessage MeetingNotice(const Person& to, const MeetingDetails& details,
                          const std::string& subject, const std::string& lead,
                          const std::string& link);

// Thread-safe; every dependency must outlive the service.
class MeetingService {
 public:
  // Told after each write that changes what the relationship's health reads; may be null.
  // Set once at start-up (before serving); must outlive the service.
  void SetActivityObserver(RelationshipActivityObserver* observer) { activity_ = observer; }
  // Where meeting.logged goes (webhooks); null: nowhere. Must outlive the service.
  void SetEvents(WebhookEvents* events) { events_ = events; }

  // `group_meetings`: a person's group meetings are busy time for free slots and are listed in
  // their calendar feed.
  MeetingService(MeetingRepository& meetings, GroupMeetingRepository& group_meetings,
                 RelationshipReader& relationships, PeopleService& people,
                 const CalendarWriter& calendar, const Clock& clock, std::string base_url)
      : meetings_(meetings),
        group_meetings_(group_meetings),
        relationships_(relationships),
        people_(people),
        calendar_(calendar),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  // The actor's own weekly availability, with the directory's time zone. Forbidden for tokens.
  Result<Availability> GetMyAvailability(const Actor& actor);
  // Replaces it; InvalidArgument naming the window's field (CheckAvailabilityWindows).
  Result<Availability> SetMyAvailability(const Actor& actor,
                                         std::vector<AvailabilityWindow> windows);

  // The earliest `limit` (1..kMaxFreeSlots, else InvalidArgument "limit") slots of
  // `duration_minutes` (kMinMeetingMinutes..kMaxMeetingMinutes, else "duration_minutes") over
  // the next kFreeSlotHorizon inside both people's availability and outside their other
  // proposed or scheduled meetings and the scheduled group meetings they lead or have accepted.
  // Access as RequireActiveMember (relationship_access.h).
  Result<std::vector<FreeSlot>> FreeSlots(const Actor& actor, RelationshipId relationship,
                                          int duration_minutes, std::size_t limit);

  // The free slots (checks and search as FreeSlots) that suit every one of `people` (one or
  // more; FreeSlot::starts in their order): a pair's or a group's. Access is the caller's to
  // check: for GroupMeetingService, which decides who may see a group's slots.
  Result<std::vector<FreeSlot>> CommonFreeSlotsOf(const std::vector<const Person*>& people,
                                                  int duration_minutes, std::size_t limit);
  // InvalidArgument ("starts_at", naming the person) unless [span.start, span.end) lies inside
  // the weekly availability of each of `people`: a time picked from free slots, checked again
  // when it is proposed (availability may have changed since). Access is the caller's.
  Status CheckInsideAvailability(const std::vector<const Person*>& people, const TimeSpan& span);

  // The relationship's meetings, by start. Access as RequireMember (relationship_access.h).
  Result<std::vector<MeetingView>> List(const Actor& actor, RelationshipId relationship);
  // One meeting of the relationship; NotFound when it belongs to another.
  Result<MeetingView> Get(const Actor& actor, RelationshipId relationship, MeetingId meeting);

  // A new proposed meeting. InvalidArgument naming the field for a start in the past
  // ("starts_at"), a duration out of range, a location, link or agenda too long or a link that
  // is not http(s) ("video_url"), a slot outside either person's availability ("starts_at");
  // Conflict ("starts_at") when it overlaps another meeting of either person. Mails the other.
  Result<MeetingView> Propose(const Actor& actor, RelationshipId relationship,
                              const MeetingInput& input);
  // The side that did not propose the current time accepts it: scheduled, and both get an
  // iCalendar REQUEST. Conflict when the meeting is not proposed, is the actor's own proposal,
  // or its time has passed.
  Result<MeetingView> Accept(const Actor& actor, RelationshipId relationship, MeetingId meeting);
  // The side that did not propose answers with another time: still proposed, now awaiting the
  // other side. Checks as Propose.
  Result<MeetingView> Counter(const Actor& actor, RelationshipId relationship, MeetingId meeting,
                              const MeetingInput& input);
  // A scheduled meeting changes (time, mode, place, agenda): SEQUENCE rises and both get the
  // updated REQUEST. Checks as Propose; Conflict when not scheduled.
  Result<MeetingView> Reschedule(const Actor& actor, RelationshipId relationship, MeetingId meeting,
                                 const MeetingInput& input);
  // Either side cancels a proposed or scheduled meeting; a scheduled one's invite is withdrawn
  // with an iCalendar CANCEL (SEQUENCE raised).
  Result<MeetingView> Cancel(const Actor& actor, RelationshipId relationship, MeetingId meeting);

  // Logs a proposed or scheduled meeting that has started (or corrects an earlier log):
  // held (duration 1..kMaxMeetingMinutes, "duration_minutes") or missed ("outcome"), topics
  // ("topics", at most kMaxTopicsChars), and new action items ("action_items[i].text" 1..500
  // characters, ".owner" mentor|mentee, ".due_date" from the meeting's day to a year later), in one
  // write. Conflict (reason "not_yet") before the meeting starts, "not_live" when cancelled.
  Result<MeetingView> LogMeeting(const Actor& actor, RelationshipId relationship, MeetingId meeting,
                                 const MeetingLog& log);
  // The relationship's action items, open ones first, then by due date: its pair meetings'
  // and, in a group program, those of the group's meetings owned by its mentor or its mentee
  // (group_meeting and owner_id set; ticked off through GroupMeetingService). Access as
  // RequireMember (relationship_access.h).
  Result<std::vector<ActionItem>> ListActionItems(const Actor& actor, RelationshipId relationship);
  // Marks an item of the relationship done or open again (either side may).
  Result<ActionItem> SetActionItemDone(const Actor& actor, RelationshipId relationship,
                                       ActionItemId item, bool done);

  // Personal calendar feed: a secret, revocable link listing the person's mentoring meetings
  // for a calendar subscription. The token is shown once, when made; only its SHA-256 is kept.
  // When the actor's link was made; nullopt when they have none. Forbidden for tokens.
  Result<std::optional<TimePoint>> MyFeed(const Actor& actor);
  // A new secret token for the actor (the old link stops working).
  Result<std::string> ResetMyFeed(const Actor& actor);
  // The actor has no link any more.
  Status RevokeMyFeed(const Actor& actor);
  // The iCalendar feed (METHOD:PUBLISH) of the person whose token this is: their meetings from
  // kFeedHistory ago on, and the group meetings they lead or are invited to and did not
  // decline, cancelled (and missed) ones marked so. NotFound for an unknown or malformed token;
  // the token is the only credential (calendar programs send no session).
  Result<std::string> Feed(std::string_view token);

 private:
  struct Pair {
    Relationship relationship;
    Person mentor;
    Person mentee;
  };
  Result<Pair> LoadPair(RelationshipId relationship);
  Result<Meeting> LoadMeeting(const Pair& pair, MeetingId meeting);
  // Applies `input` onto `meeting` and checks it (see Propose).
  Status Apply(const Pair& pair, const MeetingInput& input, Meeting& meeting);
  Result<std::vector<MailMessage>> Invites(const Pair& pair, const Meeting& meeting,
                                           std::string_view method);
  MailMessage Notice(const Pair& pair, const Meeting& meeting, const std::string& to_employee,
                     const std::string& subject, const std::string& lead) const;
  MeetingView View(const Pair& pair, Meeting meeting, const Actor& actor) const;
  Result<MeetingView> Save(const Pair& pair, Meeting meeting, std::optional<TimePoint> expected,
                           const std::vector<MailMessage>& mails, const Actor& actor,
                           TimePoint now);

  MeetingRepository& meetings_;
  GroupMeetingRepository& group_meetings_;
  RelationshipReader& relationships_;
  PeopleService& people_;
  const CalendarWriter& calendar_;
  const Clock& clock_;
  std::string base_url_;
  RelationshipActivityObserver* activity_ = nullptr;
  WebhookEvents* events_ = nullptr;
};

// The person's zone, "UTC" when the directory has none.
std::string ZoneOf(const Person& person);
// `t` on the person's clock.
LocalTime LocalTimeOf(const Person& person, TimePoint t);

}  // namespace pairwise::domain
