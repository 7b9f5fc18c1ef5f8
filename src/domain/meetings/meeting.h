// Mentoring meetings of a relationship: proposed by one side, accepted (scheduled) or answered
// with another time by the other, cancelled, rescheduled, and afterwards logged as held or
// missed. Plain values and the repository interface; the rules live in MeetingService.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/mail/mail_queue.h"
#include "domain/meetings/availability.h"
#include "domain/meetings/free_slots.h"
#include "domain/people/person.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

using MeetingId = Id<struct MeetingTag>;

enum class MeetingStatus { kProposed, kScheduled, kCancelled, kHeld, kMissed };
// "proposed" | "scheduled" | "cancelled" | "held" | "missed".
std::string_view MeetingStatusName(MeetingStatus status);
std::optional<MeetingStatus> ParseMeetingStatus(std::string_view name);

enum class MeetingMode { kVirtual, kInPerson, kPhone };
// "virtual" | "in_person" | "phone".
std::string_view MeetingModeName(MeetingMode mode);
std::optional<MeetingMode> ParseMeetingMode(std::string_view name);

// Limits on what a meeting holds.
inline constexpr int kMinMeetingMinutes = 15;
inline constexpr int kMaxMeetingMinutes = 8 * 60;
inline constexpr std::size_t kMaxLocationChars = 500;
inline constexpr std::size_t kMaxVideoUrlBytes = 2000;
inline constexpr std::size_t kMaxAgendaChars = 5000;

// What a meeting holds besides its people and its state: the part a pair's meetings and a
// group's meetings (group_meeting.h) share, with one set of checks.
struct MeetingDetails {
  MeetingMode mode = MeetingMode::kVirtual;
  TimePoint starts_at{};
  TimePoint ends_at{};
  std::string location;
  std::string video_url;
  std::string agenda;
  friend bool operator==(const MeetingDetails&, const MeetingDetails&) = default;
};

struct Meeting {
  MeetingId id;
  RelationshipId relationship;
  std::string mentor;  // employee ids, copied from the relationship: overlaps are per person
  std::string mentee;
  MeetingStatus status = MeetingStatus::kProposed;
  MeetingMode mode = MeetingMode::kVirtual;
  TimePoint starts_at{};
  TimePoint ends_at{};
  std::string location;   // in person / phone: where or which number; may be empty
  std::string video_url;  // virtual: the link; may be empty
  std::string agenda;
  std::string proposed_by;  // who proposed the current time (the other side accepts)
  std::string organizer;    // who first proposed the meeting: the invite's ORGANIZER
  std::string uid;          // iCalendar UID, the same for the meeting's whole life
  int sequence = 0;         // iCalendar SEQUENCE: raised by every change after scheduling
  TimePoint created_at{};
  TimePoint updated_at{};
  // The log written afterwards (status held or missed): how long it took when held, what was
  // talked about, who wrote it and when. Unset until logged.
  std::optional<int> log_minutes;
  std::string log_topics;
  std::string logged_by;
  std::optional<TimePoint> logged_at;
  friend bool operator==(const Meeting&, const Meeting&) = default;
};

// The part of a meeting a group's meetings share (MeetingDetails).
MeetingDetails DetailsOf(const Meeting& meeting);
void SetDetails(Meeting& meeting, const MeetingDetails& details);

using ActionItemId = Id<struct ActionItemTag>;
// A group's meeting (group_meeting.h); declared here for the action items raised at one.
using GroupMeetingId = Id<struct GroupMeetingTag>;

inline constexpr std::size_t kMaxActionItemChars = 500;
inline constexpr std::size_t kMaxActionItemsPerLog = 20;
inline constexpr std::size_t kMaxTopicsChars = 2000;

// Something one side agreed to do, raised when a meeting is logged; it stays open, and is shown
// with every later meeting, until marked done. Raised at a group's meeting (group_meeting.h), it
// is owned by the group's mentor or one of its mentees: `group_meeting` and `owner_id` are set,
// `relationship` is the relationship it was read through (unset when read for the whole group)
// and `meeting` is unset. Ids of a pair's items and a group's items are separate.
struct ActionItem {
  ActionItemId id;
  RelationshipId relationship;
  MeetingId meeting;  // the meeting it was raised at
  std::string text;
  std::string owner;             // "mentor" | "mentee"
  GroupMeetingId group_meeting;  // a group's item: the group meeting it was raised at
  std::string owner_id;          // a group's item: the owner's employee id
  Date due{};
  bool done = false;
  std::optional<TimePoint> done_at;
  std::string created_by;
  TimePoint created_at{};
  friend bool operator==(const ActionItem&, const ActionItem&) = default;
};

// Meetings that already happened (or were missed or cancelled), with the action items raised at
// each, and people's weekly availability: what the demo organization loads in one go.
struct MeetingHistory {
  struct Entry {
    Meeting meeting;
    std::vector<ActionItem> items;  // relationship and meeting are taken from `meeting`
  };
  std::vector<std::pair<std::string, std::vector<AvailabilityWindow>>> availability;
  std::vector<Entry> meetings;
};

// Thread-safe. Implementations: storage/meeting_repository.cpp and the in-memory one; the
// contract suite (storage/meeting_repository_contract_test.cpp) runs on both.
class MeetingRepository {
 public:
  virtual ~MeetingRepository() = default;

  // The person's windows (ordered), and when they were last saved (nullopt when never).
  virtual Result<std::pair<std::vector<AvailabilityWindow>, std::optional<TimePoint>>>
  GetAvailability(std::string_view employee_id) = 0;
  // Replaces the person's windows (checked by the caller) in one transaction.
  virtual Status SetAvailability(std::string_view employee_id,
                                 const std::vector<AvailabilityWindow>& windows, TimePoint now) = 0;

  // NotFound for an unknown id.
  virtual Result<Meeting> FindMeeting(MeetingId id) = 0;
  // The relationship's meetings, by start time then id.
  virtual Result<std::vector<Meeting>> ListForRelationship(RelationshipId relationship) = 0;
  // The person's meetings (as mentor or mentee, any relationship) that are proposed or
  // scheduled and overlap [from, to), by start time.
  virtual Result<std::vector<Meeting>> ListBusy(std::string_view employee_id, TimePoint from,
                                                TimePoint to) = 0;
  // Every meeting of the person (as mentor or mentee) starting at or after `from`, by start.
  virtual Result<std::vector<Meeting>> ListForPerson(std::string_view employee_id,
                                                     TimePoint from) = 0;

  // Inserts (meeting.id unset; the id is assigned into `meeting`) or updates (meeting.id set;
  // NotFound when unknown; Conflict "stale" when the stored updated_at differs from
  // `expected_updated_at`) the meeting and queues `mails` (each passed MailService::Check) in
  // the outbox, all in one transaction. When the meeting is proposed or scheduled, Conflict (field
  // "starts_at") if another proposed or scheduled meeting of its mentor or mentee overlaps it,
  // or a scheduled group meeting either of them leads or has accepted (GroupMeetingRepository::
  // ListBusy); nothing is written then.
  virtual Status SaveMeeting(Meeting& meeting, std::optional<TimePoint> expected_updated_at,
                             const std::vector<MailMessage>& mails, TimePoint now) = 0;

  // Personal calendar feeds: one secret token per person, stored only as its SHA-256 hex.
  // Replaces the person's token hash (a reset revokes the old link).
  virtual Status SetFeedToken(std::string_view employee_id, const std::string& token_hash,
                              TimePoint now) = 0;
  // Revokes the person's feed; OK when there was none.
  virtual Status DeleteFeedToken(std::string_view employee_id) = 0;
  // When the person's feed link was made; nullopt when they have none.
  virtual Result<std::optional<TimePoint>> FeedCreatedAt(std::string_view employee_id) = 0;
  // The owner of the feed whose token hashes to `token_hash`; nullopt when none does.
  virtual Result<std::optional<std::string>> FeedOwner(const std::string& token_hash) = 0;

  // Writes the meeting's log (its status, log fields and mode, as `meeting` holds them) and
  // inserts `items` (ids assigned into them), in one transaction. NotFound for an unknown
  // meeting; Conflict "stale" when its stored updated_at differs from `expected_updated_at`.
  virtual Status SaveLog(Meeting& meeting, TimePoint expected_updated_at,
                         std::vector<ActionItem>& items, TimePoint now) = 0;
  // The relationship's action items: open ones first, then by due date and id.
  virtual Result<std::vector<ActionItem>> ListActionItems(RelationshipId relationship) = 0;
  // NotFound for an unknown id.
  virtual Result<ActionItem> FindActionItem(ActionItemId id) = 0;
  // Marks the item done (at `now`) or open again.
  virtual Status SetActionItemDone(ActionItemId id, bool done, TimePoint now) = 0;
  // Writes the whole history in one transaction (nothing on failure): each person's windows
  // replace theirs; meetings are inserted as given, log and all, without the overlap check (the
  // caller plans them), their ids assigned into `history`, and their action items (done_at
  // kept) with ids assigned too. For loading past data, not for users' writes.
  virtual Status ImportHistory(MeetingHistory& history, TimePoint now) = 0;
};

}  // namespace pairwise::domain
