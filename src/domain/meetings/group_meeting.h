// Meetings of a group (group programs): one mentor meets several mentees together. The group
// is the mentor's relationships in the program (RelationshipService::GroupRelationships), named
// by the program and the mentor, as its notes are. The mentor schedules a meeting for the whole
// group; each invited member answers (accepts or declines); the mentor may reschedule or cancel
// it and logs it afterwards with who attended. Plain values and the repository interface; the
// rules live in GroupMeetingService.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/mail/mail_queue.h"
#include "domain/meetings/meeting.h"
#include "domain/programs/program.h"

namespace pairwise::domain {

// A member's answer to the invite.
enum class GroupResponse { kPending, kAccepted, kDeclined };
// "pending" | "accepted" | "declined".
std::string_view GroupResponseName(GroupResponse response);
std::optional<GroupResponse> ParseGroupResponse(std::string_view name);

// A mentee invited to a group meeting.
struct GroupAttendee {
  std::string employee_id;
  GroupResponse response = GroupResponse::kPending;
  std::optional<TimePoint> responded_at;
  std::optional<bool> attended;  // set by the log: whether they were there
  friend bool operator==(const GroupAttendee&, const GroupAttendee&) = default;
};

struct GroupMeeting {
  GroupMeetingId id;
  ProgramId program;   // the group: its program
  std::string mentor;  // and its mentor (the organizer), an employee id
  // kScheduled from the start (the mentor's invite is the proposal), then kCancelled, or kHeld
  // / kMissed once logged.
  MeetingStatus status = MeetingStatus::kScheduled;
  MeetingDetails details;
  std::string uid;   // iCalendar UID, the same for the meeting's whole life
  int sequence = 0;  // iCalendar SEQUENCE: raised by every change
  TimePoint created_at{};
  TimePoint updated_at{};
  std::optional<int> log_minutes;  // held: how long it took
  std::string log_topics;
  std::string logged_by;
  std::optional<TimePoint> logged_at;
  std::vector<GroupAttendee> attendees;  // by employee id
  friend bool operator==(const GroupMeeting&, const GroupMeeting&) = default;
};

// Thread-safe. Implementations: storage/group_meeting_repository.cpp and the in-memory one; the
// contract suite (storage/group_meeting_repository_contract_test.cpp) runs on both.
class GroupMeetingRepository {
 public:
  virtual ~GroupMeetingRepository() = default;

  // NotFound for an unknown id.
  virtual Result<GroupMeeting> Find(GroupMeetingId id) = 0;
  // The group's meetings (every status), by start time then id.
  virtual Result<std::vector<GroupMeeting>> ListForGroup(ProgramId program,
                                                         std::string_view mentor) = 0;
  // Inserts (id unset; assigned into `meeting`) or updates (id set; NotFound when unknown;
  // Conflict reason "stale" when the stored updated_at differs from `expected_updated_at`) the
  // meeting with its attendees as given (rows of people no longer listed are removed), and
  // queues `mails` (each passed MailService::Check) in the outbox, all in one transaction.
  // When the meeting is scheduled, Conflict (field "starts_at", reason "overlap") if another
  // scheduled meeting of the same mentor's groups, or a proposed or scheduled one-on-one
  // meeting of the mentor (as mentor or mentee; MeetingRepository), overlaps it; nothing is
  // written then.
  virtual Status Save(GroupMeeting& meeting, std::optional<TimePoint> expected_updated_at,
                      const std::vector<MailMessage>& mails, TimePoint now) = 0;
  // One attendee's answer, at `now`, with `mails`, in one transaction; the meeting's
  // updated_at is left alone (answers of several members never make each other stale).
  // NotFound when the meeting is unknown or the person is not invited to it. Accepting a
  // scheduled meeting: Conflict (field "response", reason "overlap") if a proposed or scheduled
  // pair meeting of the person (as mentor or mentee; MeetingRepository) or another scheduled
  // group meeting they lead or have accepted overlaps it, checked as Save checks the mentor's;
  // nothing is written then.
  virtual Status SetResponse(GroupMeetingId id, std::string_view employee_id,
                             GroupResponse response, const std::vector<MailMessage>& mails,
                             TimePoint now) = 0;

  // Writes the meeting's log as Save does (without mail; the overlap check does not apply to a
  // logged meeting) and inserts `items` (group_meeting, owner and owner_id set; ids assigned
  // into them), in one transaction. NotFound for an unknown meeting; Conflict "stale" as Save.
  virtual Status SaveLog(GroupMeeting& meeting, TimePoint expected_updated_at,
                         std::vector<ActionItem>& items, TimePoint now) = 0;
  // The group's action items (every meeting of the program and mentor): open ones first, then
  // by due date and id; `relationship` unset.
  virtual Result<std::vector<ActionItem>> ListActionItems(ProgramId program,
                                                          std::string_view mentor) = 0;
  // NotFound for an unknown id (of a group's item).
  virtual Result<ActionItem> FindActionItem(ActionItemId id) = 0;
  // Marks the group's item done (at `now`) or open again; NotFound for an unknown id.
  virtual Status SetActionItemDone(ActionItemId id, bool done, TimePoint now) = 0;

  // The person's part in other meetings (free slots, overlap checks, the calendar feed).
  // Scheduled meetings overlapping [from, to) that the person leads (mentor) or has accepted,
  // by start time then id.
  virtual Result<std::vector<GroupMeeting>> ListBusy(std::string_view employee_id, TimePoint from,
                                                     TimePoint to) = 0;
  // Every meeting starting at or after `from` (any status) that the person leads or is invited
  // to and has not declined, by start time then id.
  virtual Result<std::vector<GroupMeeting>> ListForPerson(std::string_view employee_id,
                                                          TimePoint from) = 0;
};

}  // namespace pairwise::domain
