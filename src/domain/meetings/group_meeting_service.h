// Meetings of a group (group programs; group_meeting.h): the group's mentor schedules one for
// the whole group, each invited mentee accepts or declines, the mentor reschedules or cancels
// it (everyone gets the iCalendar REQUEST or CANCEL, through the outbox as a pair's invites
// do) and logs it afterwards with who attended; a held meeting counts in the health of each
// attendee's relationship. The group is reached through any relationship of it, as its notes
// are: /relationships/{id}/group/meetings.
//
// Who may do what (relationship_access.h): the group's members read (RequireGroupVisible);
// the mentor schedules, changes, cancels and logs (RequireGroupMentor); an invited mentee
// answers (RequireActiveGroupMentee). The program's coordinators, shadow mentors and admins
// read when, where, the mode, the status and the answers, never the agenda, the video link or
// the logged topics. Managers are refused; strangers are told nothing exists.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/meetings/calendar.h"
#include "domain/meetings/group_meeting.h"
#include "domain/meetings/meeting_service.h"
#include "domain/people/people_service.h"
#include "domain/relationships/activity.h"
#include "domain/relationships/relationship_service.h"

namespace pairwise::domain {

inline constexpr std::size_t kMaxGroupAttended = 100;

// What happened, written by the mentor after a group meeting.
struct GroupMeetingLog {
  MeetingStatus outcome = MeetingStatus::kHeld;  // kHeld or kMissed
  std::optional<int> duration_minutes;           // required when held
  std::optional<MeetingMode> mode;               // how it happened; unset keeps it
  std::string topics;
  std::vector<std::string> attended;  // employee ids of invited mentees who were there
  // New action items, each owned by the mentor or a mentee invited to the meeting (`owner`:
  // their employee id).
  std::vector<ActionItemInput> action_items;
};

struct GroupMeetingView {
  // For the program's overseers the agenda, the video link and the logged topics are empty.
  GroupMeeting meeting;
  std::string mentor_name;
  std::vector<std::string> attendee_names;  // in the order of meeting.attendees
  // The actor's part: "mentor" | "mentee" | "overseer".
  std::string role;
  // A mentee invited to it: their answer; whether they still have to give it (the meeting is
  // scheduled and to come, and they have not answered).
  std::optional<GroupResponse> my_response;
  bool awaiting_me = false;
  // For the group's members: the action items raised at this meeting and, for a meeting still
  // to come, the open ones from earlier meetings of the group (as a pair's meetings carry them
  // over). Empty for overseers.
  std::vector<ActionItem> action_items;
  std::vector<ActionItem> carried_over;
};

// Thread-safe; every dependency must outlive the service.
class GroupMeetingService {
 public:
  // `pair_meetings`: the free-slot search and availability checks a pair's meetings use
  // (shared, so a group's slots are found the same way).
  GroupMeetingService(GroupMeetingRepository& meetings, MeetingService& pair_meetings,
                      RelationshipService& relationships, PeopleService& people,
                      const CalendarWriter& calendar, const Clock& clock, std::string base_url)
      : meetings_(meetings),
        pair_meetings_(pair_meetings),
        relationships_(relationships),
        people_(people),
        calendar_(calendar),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  // Told, for each attendee's relationship, after a log; may be null. Set once at start-up.
  void SetActivityObserver(RelationshipActivityObserver* observer) { activity_ = observer; }
  // Where meeting.logged goes (webhooks); null: nowhere. Must outlive the service.
  void SetEvents(WebhookEvents* events) { events_ = events; }

  // The group's meetings, by start. NotFound unless the relationship's program is a group
  // program (and for strangers).
  Result<std::vector<GroupMeetingView>> List(const Actor& actor, RelationshipId relationship);
  // One meeting of the group; NotFound when it belongs to another group.
  Result<GroupMeetingView> Get(const Actor& actor, RelationshipId relationship,
                               GroupMeetingId meeting);

  // The next free slots (checks and search as MeetingService::FreeSlots) that suit the mentor
  // and every mentee of the group whose relationship is active: inside everyone's weekly
  // availability, outside everyone's other meetings. FreeSlot::starts holds the mentor's
  // clock first, then each mentee's by employee id. The mentor only (RequireGroupMentor);
  // Conflict "no_members" when no mentee is active yet.
  Result<std::vector<FreeSlot>> FreeSlots(const Actor& actor, RelationshipId relationship,
                                          int duration_minutes, std::size_t limit);
  // The mentor schedules a meeting for the group's mentees whose relationships are active:
  // checks as MeetingService::Propose (ApplyMeetingInput; a time picked from the free slots,
  // `from_slot`, must lie inside everyone's availability: InvalidArgument "starts_at"),
  // Conflict "no_members" when no mentee is active yet, Conflict "starts_at" ("overlap") when
  // it overlaps another meeting of the mentor's groups or a pair meeting of the mentor.
  // Everyone invited and the mentor get the iCalendar REQUEST.
  Result<GroupMeetingView> Propose(const Actor& actor, RelationshipId relationship,
                                   const MeetingInput& input);
  // An invited mentee accepts or declines (or changes their answer) while the meeting is
  // scheduled and to come; a decline is mailed to the mentor. Conflict "not_scheduled",
  // "in_the_past"; Forbidden when not invited; InvalidArgument "response" for kPending;
  // Conflict "overlap" (field "response") when accepting it overlaps another meeting of the
  // mentee's (GroupMeetingRepository::SetResponse).
  Result<GroupMeetingView> Respond(const Actor& actor, RelationshipId relationship,
                                   GroupMeetingId meeting, GroupResponse response);
  // The mentor changes a scheduled meeting (checks as Propose, `from_slot` included): SEQUENCE
  // rises and everyone
  // gets the updated REQUEST; a new time asks everyone to answer again; mentees who became
  // active since are invited too. Conflict "not_scheduled"; Conflict "stale" when it changed
  // meanwhile.
  Result<GroupMeetingView> Reschedule(const Actor& actor, RelationshipId relationship,
                                      GroupMeetingId meeting, const MeetingInput& input);
  // The mentor cancels a scheduled meeting: everyone gets the iCalendar CANCEL (SEQUENCE
  // raised). Conflict "not_scheduled".
  Result<GroupMeetingView> Cancel(const Actor& actor, RelationshipId relationship,
                                  GroupMeetingId meeting);
  // The mentor logs a meeting that has started (or corrects the log): held (with its duration)
  // or missed, topics, who attended ("attended[i]": an invited mentee; none when missed:
  // "attended") and new action items (CheckActionItemInputs; "action_items[i].owner": the
  // mentor or an invited mentee), in one write. Checks as MeetingService::LogMeeting
  // (CheckMeetingLogBasics); Conflict "not_yet" before it starts, "not_live" when cancelled.
  // Publishes meeting.logged (docs/webhooks.md) with the group's program and mentor.
  Result<GroupMeetingView> Log(const Actor& actor, RelationshipId relationship,
                               GroupMeetingId meeting, const GroupMeetingLog& log);
  // An action item of the group's meetings ticked off (or opened again) by its owner or the
  // group's mentor (RequireGroupActionItemWriter: a mentee outside the group is told nothing
  // exists). NotFound for an item of another group.
  Result<ActionItem> SetActionItemDone(const Actor& actor, RelationshipId relationship,
                                       ActionItemId item, bool done);

 private:
  struct Group {
    RelationshipContext context;
    // The group's relationships that did not end early, by the mentee's employee id.
    std::unordered_map<std::string, Relationship> members;
    std::unordered_map<std::string, Person> people;  // the mentor and every member loaded
  };
  enum class Need { kRead, kMentor, kMentee };
  Result<Group> LoadGroup(const Actor& actor, RelationshipId id, Need need);
  Result<GroupMeeting> LoadMeeting(const Group& group, GroupMeetingId id);
  Result<const Person*> PersonOf(Group& group, const std::string& employee_id);
  std::string LinkFor(const Group& group, const std::string& employee_id) const;
  Result<std::vector<MailMessage>> Invites(Group& group, const GroupMeeting& meeting,
                                           std::string_view method);
  // `items`: the group's action items (GroupMeetingRepository::ListActionItems), for members.
  Result<GroupMeetingView> View(Group& group, GroupMeeting meeting, const Actor& actor,
                                const std::vector<ActionItem>& items);
  Result<std::vector<ActionItem>> ItemsFor(const Group& group);
  // View with the group's items read for it.
  Result<GroupMeetingView> ViewWithItems(Group& group, GroupMeeting meeting, const Actor& actor);

  // The mentor, then the group's active mentees by employee id; Conflict "no_members" when
  // none is active.
  Result<std::vector<const Person*>> ActivePeople(Group& group);
  // When `input` was picked from free slots: InvalidArgument "starts_at" unless `details`' time
  // lies inside the availability of the mentor and every active mentee.
  Status CheckSlot(Group& group, const MeetingInput& input, const MeetingDetails& details);

  GroupMeetingRepository& meetings_;
  MeetingService& pair_meetings_;
  RelationshipService& relationships_;
  PeopleService& people_;
  const CalendarWriter& calendar_;
  const Clock& clock_;
  std::string base_url_;
  RelationshipActivityObserver* activity_ = nullptr;
  WebhookEvents* events_ = nullptr;
};

}  // namespace pairwise::domain
