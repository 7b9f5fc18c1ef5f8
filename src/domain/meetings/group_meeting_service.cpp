#include "domain/meetings/group_meeting_service.h"

#include <algorithm>
#include <set>
#include <utility>

#include "common/crypto.h"
#include "domain/access/access_policy.h"
#include "domain/mail/mail_service.h"
#include "domain/relationships/relationship_access.h"

namespace pairwise::domain {
namespace {

std::string FullName(const Person& p) { return p.first_name + " " + p.last_name; }

Status NoMeeting(GroupMeetingId id) {
  return Status::NotFound("no group meeting " + std::to_string(id.value));
}

Status RequireScheduled(const GroupMeeting& meeting) {
  if (meeting.status == MeetingStatus::kScheduled) return Status::Ok();
  return Status::Conflict("This meeting is no longer scheduled.").WithReason("not_scheduled");
}

GroupAttendee* AttendeeOf(GroupMeeting& meeting, const std::string& employee_id) {
  for (GroupAttendee& a : meeting.attendees) {
    if (a.employee_id == employee_id) return &a;
  }
  return nullptr;
}

// Invites the group's active mentees not yet invited (a new meeting: all of them), keeping the
// list ordered by employee id as the repository returns it.
void InviteActiveMembers(GroupMeeting& meeting,
                         const std::unordered_map<std::string, Relationship>& members) {
  for (const auto& [employee_id, relationship] : members) {
    if (relationship.status == RelationshipStatus::kActive && !AttendeeOf(meeting, employee_id)) {
      meeting.attendees.push_back(GroupAttendee{employee_id, GroupResponse::kPending, {}, {}});
    }
  }
  std::sort(
      meeting.attendees.begin(), meeting.attendees.end(),
      [](const GroupAttendee& a, const GroupAttendee& b) { return a.employee_id < b.employee_id; });
}

}  // namespace

Result<GroupMeetingService::Group> GroupMeetingService::LoadGroup(const Actor& actor,
                                                                  RelationshipId id, Need need) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  switch (need) {
    case Need::kRead:
      PAIRWISE_RETURN_IF_ERROR(RequireGroupVisible(actor, *context));
      break;
    case Need::kMentor:
      PAIRWISE_RETURN_IF_ERROR(RequireGroupMentor(actor, *context));
      break;
    case Need::kMentee:
      PAIRWISE_RETURN_IF_ERROR(RequireActiveGroupMentee(actor, *context));
      break;
  }
  auto relationships = relationships_.GroupRelationships(*context);
  if (!relationships.ok()) return relationships.status();
  Group group;
  group.context = std::move(context).value();
  for (Relationship& r : *relationships) {
    std::string mentee = r.mentee;
    group.members.emplace(std::move(mentee), std::move(r));
  }
  auto mentor = PersonOf(group, group.context.relationship.mentor);
  if (!mentor.ok()) return mentor.status();
  return group;
}

Result<const Person*> GroupMeetingService::PersonOf(Group& group, const std::string& employee_id) {
  auto it = group.people.find(employee_id);
  if (it == group.people.end()) {
    auto found = people_.FindPerson(employee_id);
    if (!found.ok()) return found.status();
    it = group.people.emplace(employee_id, std::move(found).value()).first;
  }
  return &it->second;
}

Result<GroupMeeting> GroupMeetingService::LoadMeeting(const Group& group, GroupMeetingId id) {
  auto meeting = meetings_.Find(id);
  if (!meeting.ok()) return meeting.status();
  if (meeting->program != group.context.program.id ||
      meeting->mentor != group.context.relationship.mentor) {
    return NoMeeting(id);
  }
  return meeting;
}

std::string GroupMeetingService::LinkFor(const Group& group, const std::string& employee_id) const {
  // Each mentee's link opens their own relationship's group tab; the mentor's the one they
  // acted from.
  auto it = group.members.find(employee_id);
  const RelationshipId id =
      it != group.members.end() ? it->second.id : group.context.relationship.id;
  return base_url_ + "/relationships/" + std::to_string(id.value) + "/group";
}

Result<std::vector<MailMessage>> GroupMeetingService::Invites(Group& group,
                                                              const GroupMeeting& meeting,
                                                              std::string_view method) {
  const bool cancel = method == kCalendarCancel;
  auto mentor = PersonOf(group, meeting.mentor);
  if (!mentor.ok()) return mentor.status();
  std::vector<const Person*> everyone = {*mentor};
  for (const GroupAttendee& a : meeting.attendees) {
    auto person = PersonOf(group, a.employee_id);
    if (!person.ok()) return person.status();
    everyone.push_back(*person);
  }
  // One event for everyone, built as a pair's invites are (the same CalendarWriter): the
  // mentor organizes, every invited mentee attends.
  CalendarEvent event;
  event.uid = meeting.uid;
  event.sequence = meeting.sequence;
  event.stamp = clock_.Now();
  event.starts_at = meeting.details.starts_at;
  event.ends_at = meeting.details.ends_at;
  event.summary = "Group mentoring: " + group.context.program.name + " with " + FullName(**mentor);
  event.description = meeting.details.agenda;
  event.location = meeting.details.location;
  event.url = meeting.details.video_url;
  event.organizer = {FullName(**mentor), (*mentor)->email};
  for (const Person* p : everyone) event.attendees.push_back({FullName(*p), p->email});
  event.cancelled = cancel;
  auto ics = calendar_.Write(method, {event});
  if (!ics.ok()) return ics.status();
  const std::string what = "group mentoring meeting of " + group.context.program.name;
  std::vector<MailMessage> out;
  for (const Person* p : everyone) {
    const bool is_mentor = p == *mentor;
    std::string subject, lead;
    if (cancel) {
      subject = "Cancelled: " + what;
      lead = is_mentor ? "You cancelled the " + what + "."
                       : FullName(**mentor) + " cancelled the " + what + ".";
    } else if (meeting.sequence > 0) {
      subject = "Updated: " + what;
      lead = is_mentor ? "You changed the " + what + "."
                       : FullName(**mentor) + " changed the " + what +
                             ". Please say again whether you can come.";
    } else {
      subject = "Group mentoring meeting with " + FullName(**mentor);
      lead = is_mentor ? "You invited your group to a meeting."
                       : FullName(**mentor) +
                             " invites the group to a mentoring meeting. Please say whether you "
                             "can come.";
    }
    MailMessage mail =
        MeetingNotice(*p, meeting.details, subject, lead, LinkFor(group, p->employee_id));
    mail.kind = cancel ? "meeting_cancel" : "meeting_invite";
    mail.calendar = *ics;
    mail.calendar_method = std::string(method);
    out.push_back(std::move(mail));
  }
  return out;
}

Result<std::vector<ActionItem>> GroupMeetingService::ItemsFor(const Group& group) {
  // What the group agreed to do stays with the group, as its topics do.
  if (!group.context.relations.Member()) return std::vector<ActionItem>{};
  return meetings_.ListActionItems(group.context.program.id, group.context.relationship.mentor);
}

Result<GroupMeetingView> GroupMeetingService::View(Group& group, GroupMeeting meeting,
                                                   const Actor& actor,
                                                   const std::vector<ActionItem>& items) {
  GroupMeetingView view;
  for (const ActionItem& item : items) {
    if (item.group_meeting == meeting.id) {
      view.action_items.push_back(item);
    } else if (meeting.status == MeetingStatus::kScheduled && !item.done &&
               item.created_at < meeting.details.starts_at) {
      // Raised (logged) before this meeting and still open: it carries over.
      view.carried_over.push_back(item);
    }
  }
  const RelationshipRelations& relations = group.context.relations;
  view.role = relations.mentor ? "mentor" : relations.mentee ? "mentee" : "overseer";
  auto mentor = PersonOf(group, meeting.mentor);
  if (!mentor.ok()) return mentor.status();
  view.mentor_name = FullName(**mentor);
  for (const GroupAttendee& a : meeting.attendees) {
    auto person = PersonOf(group, a.employee_id);
    view.attendee_names.push_back(person.ok() ? FullName(**person) : "A former member");
    if (relations.mentee && a.employee_id == actor.employee_id) {
      view.my_response = a.response;
      view.awaiting_me = a.response == GroupResponse::kPending &&
                         meeting.status == MeetingStatus::kScheduled &&
                         meeting.details.starts_at > clock_.Now();
    }
  }
  if (!relations.Member()) {
    // What was said and where to join stay with the group (relationship_access.h).
    meeting.details.agenda.clear();
    meeting.details.video_url.clear();
    meeting.log_topics.clear();
  }
  view.meeting = std::move(meeting);
  return view;
}

Result<GroupMeetingView> GroupMeetingService::ViewWithItems(Group& group, GroupMeeting meeting,
                                                            const Actor& actor) {
  auto items = ItemsFor(group);
  if (!items.ok()) return items.status();
  return View(group, std::move(meeting), actor, *items);
}

Result<std::vector<GroupMeetingView>> GroupMeetingService::List(const Actor& actor,
                                                                RelationshipId id) {
  auto group = LoadGroup(actor, id, Need::kRead);
  if (!group.ok()) return group.status();
  auto list = meetings_.ListForGroup(group->context.program.id, group->context.relationship.mentor);
  if (!list.ok()) return list.status();
  auto items = ItemsFor(*group);
  if (!items.ok()) return items.status();
  std::vector<GroupMeetingView> out;
  for (GroupMeeting& m : *list) {
    auto view = View(*group, std::move(m), actor, *items);
    if (!view.ok()) return view.status();
    out.push_back(std::move(view).value());
  }
  return out;
}

Result<GroupMeetingView> GroupMeetingService::Get(const Actor& actor, RelationshipId id,
                                                  GroupMeetingId meeting_id) {
  auto group = LoadGroup(actor, id, Need::kRead);
  if (!group.ok()) return group.status();
  auto meeting = LoadMeeting(*group, meeting_id);
  if (!meeting.ok()) return meeting.status();
  return ViewWithItems(*group, std::move(meeting).value(), actor);
}

Result<std::vector<const Person*>> GroupMeetingService::ActivePeople(Group& group) {
  std::vector<std::string> ids;
  for (const auto& [employee_id, relationship] : group.members) {
    if (relationship.status == RelationshipStatus::kActive) ids.push_back(employee_id);
  }
  if (ids.empty()) {
    return Status::Conflict("Nobody in the group has accepted their agreement yet.")
        .WithReason("no_members");
  }
  std::sort(ids.begin(), ids.end());
  ids.insert(ids.begin(), group.context.relationship.mentor);
  std::vector<const Person*> out;
  for (const std::string& employee_id : ids) {
    auto person = PersonOf(group, employee_id);
    if (!person.ok()) return person.status();
    out.push_back(*person);
  }
  return out;
}

Status GroupMeetingService::CheckSlot(Group& group, const MeetingInput& input,
                                      const MeetingDetails& details) {
  if (!input.from_slot) return Status::Ok();
  // A time picked from the group's free slots must still suit everyone (availability may have
  // changed since the slots were listed).
  auto people = ActivePeople(group);
  if (!people.ok()) return people.status();
  return pair_meetings_.CheckInsideAvailability(*people, {details.starts_at, details.ends_at});
}

Result<std::vector<FreeSlot>> GroupMeetingService::FreeSlots(const Actor& actor, RelationshipId id,
                                                             int duration_minutes,
                                                             std::size_t limit) {
  auto group = LoadGroup(actor, id, Need::kMentor);
  if (!group.ok()) return group.status();
  auto people = ActivePeople(*group);
  if (!people.ok()) return people.status();
  return pair_meetings_.CommonFreeSlotsOf(*people, duration_minutes, limit);
}

Result<GroupMeetingView> GroupMeetingService::Propose(const Actor& actor, RelationshipId id,
                                                      const MeetingInput& input) {
  auto group = LoadGroup(actor, id, Need::kMentor);
  if (!group.ok()) return group.status();
  const TimePoint now = clock_.Now();
  GroupMeeting meeting;
  meeting.program = group->context.program.id;
  meeting.mentor = group->context.relationship.mentor;
  meeting.status = MeetingStatus::kScheduled;
  meeting.uid = crypto::RandomToken(18) + "@pairwise";
  meeting.created_at = now;
  PAIRWISE_RETURN_IF_ERROR(ApplyMeetingInput(input, now, meeting.details));
  InviteActiveMembers(meeting, group->members);
  if (meeting.attendees.empty()) {
    return Status::Conflict("Nobody in the group has accepted their agreement yet.")
        .WithReason("no_members");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckSlot(*group, input, meeting.details));
  auto invites = Invites(*group, meeting, kCalendarRequest);
  if (!invites.ok()) return invites.status();
  PAIRWISE_RETURN_IF_ERROR(meetings_.Save(meeting, std::nullopt,
                                          MailService::Sendable(std::move(invites).value()), now));
  return ViewWithItems(*group, std::move(meeting), actor);
}

Result<GroupMeetingView> GroupMeetingService::Respond(const Actor& actor, RelationshipId id,
                                                      GroupMeetingId meeting_id,
                                                      GroupResponse response) {
  if (response == GroupResponse::kPending) {
    return Status::InvalidArgument("response must be accepted or declined", "response");
  }
  auto group = LoadGroup(actor, id, Need::kMentee);
  if (!group.ok()) return group.status();
  auto meeting = LoadMeeting(*group, meeting_id);
  if (!meeting.ok()) return meeting.status();
  PAIRWISE_RETURN_IF_ERROR(RequireScheduled(*meeting));
  const TimePoint now = clock_.Now();
  if (meeting->details.starts_at <= now) {
    return Status::Conflict("This meeting has already started.").WithReason("in_the_past");
  }
  GroupAttendee* me = AttendeeOf(*meeting, actor.employee_id);
  if (!me) return Status::Forbidden("You are not invited to this meeting.");
  std::vector<MailMessage> mails;
  if (response == GroupResponse::kDeclined && me->response != GroupResponse::kDeclined) {
    // The mentor hears of a decline; acceptances are shown in Pairwise only.
    auto mentor = PersonOf(*group, meeting->mentor);
    auto mentee = PersonOf(*group, actor.employee_id);
    if (!mentor.ok()) return mentor.status();
    if (!mentee.ok()) return mentee.status();
    mails.push_back(MeetingNotice(
        **mentor, meeting->details, FullName(**mentee) + " cannot come to the group meeting",
        FullName(**mentee) + " cannot come to your group mentoring meeting.",
        LinkFor(*group, meeting->mentor)));
  }
  PAIRWISE_RETURN_IF_ERROR(meetings_.SetResponse(meeting_id, actor.employee_id, response,
                                                 MailService::Sendable(std::move(mails)), now));
  me->response = response;
  me->responded_at = now;
  return ViewWithItems(*group, std::move(meeting).value(), actor);
}

Result<GroupMeetingView> GroupMeetingService::Reschedule(const Actor& actor, RelationshipId id,
                                                         GroupMeetingId meeting_id,
                                                         const MeetingInput& input) {
  auto group = LoadGroup(actor, id, Need::kMentor);
  if (!group.ok()) return group.status();
  auto meeting = LoadMeeting(*group, meeting_id);
  if (!meeting.ok()) return meeting.status();
  PAIRWISE_RETURN_IF_ERROR(RequireScheduled(*meeting));
  const TimePoint now = clock_.Now();
  const TimePoint expected = meeting->updated_at;
  const TimeSpan before{meeting->details.starts_at, meeting->details.ends_at};
  PAIRWISE_RETURN_IF_ERROR(ApplyMeetingInput(input, now, meeting->details));
  if (before != TimeSpan{meeting->details.starts_at, meeting->details.ends_at}) {
    // A new time is a new question: everyone answers again.
    for (GroupAttendee& a : meeting->attendees) {
      a.response = GroupResponse::kPending;
      a.responded_at.reset();
    }
  }
  InviteActiveMembers(*meeting, group->members);
  PAIRWISE_RETURN_IF_ERROR(CheckSlot(*group, input, meeting->details));
  meeting->sequence += 1;
  auto invites = Invites(*group, *meeting, kCalendarRequest);
  if (!invites.ok()) return invites.status();
  PAIRWISE_RETURN_IF_ERROR(
      meetings_.Save(*meeting, expected, MailService::Sendable(std::move(invites).value()), now));
  return ViewWithItems(*group, std::move(meeting).value(), actor);
}

Result<GroupMeetingView> GroupMeetingService::Cancel(const Actor& actor, RelationshipId id,
                                                     GroupMeetingId meeting_id) {
  auto group = LoadGroup(actor, id, Need::kMentor);
  if (!group.ok()) return group.status();
  auto meeting = LoadMeeting(*group, meeting_id);
  if (!meeting.ok()) return meeting.status();
  PAIRWISE_RETURN_IF_ERROR(RequireScheduled(*meeting));
  const TimePoint expected = meeting->updated_at;
  meeting->status = MeetingStatus::kCancelled;
  meeting->sequence += 1;
  auto invites = Invites(*group, *meeting, kCalendarCancel);
  if (!invites.ok()) return invites.status();
  PAIRWISE_RETURN_IF_ERROR(meetings_.Save(
      *meeting, expected, MailService::Sendable(std::move(invites).value()), clock_.Now()));
  return ViewWithItems(*group, std::move(meeting).value(), actor);
}

Result<GroupMeetingView> GroupMeetingService::Log(const Actor& actor, RelationshipId id,
                                                  GroupMeetingId meeting_id,
                                                  const GroupMeetingLog& log) {
  auto group = LoadGroup(actor, id, Need::kMentor);
  if (!group.ok()) return group.status();
  auto meeting = LoadMeeting(*group, meeting_id);
  if (!meeting.ok()) return meeting.status();
  MeetingLog basics;
  basics.outcome = log.outcome;
  basics.duration_minutes = log.duration_minutes;
  basics.topics = log.topics;
  PAIRWISE_RETURN_IF_ERROR(CheckMeetingLogBasics(basics));
  if (log.attended.size() > kMaxGroupAttended) {
    return Status::InvalidArgument(
        "at most " + std::to_string(kMaxGroupAttended) + " people attend", "attended");
  }
  if (log.outcome == MeetingStatus::kMissed && !log.attended.empty()) {
    return Status::InvalidArgument("Nobody attends a meeting that did not happen.", "attended");
  }
  std::set<std::string> attended;
  for (std::size_t i = 0; i < log.attended.size(); ++i) {
    if (!AttendeeOf(*meeting, log.attended[i])) {
      return Status::InvalidArgument("Only people invited to the meeting can have attended it.",
                                     "attended[" + std::to_string(i) + "]");
    }
    attended.insert(log.attended[i]);
  }
  auto checked = CheckActionItemInputs(log.action_items, meeting->details.starts_at);
  if (!checked.ok()) return checked.status();
  std::vector<ActionItem> items = std::move(checked).value();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& owner = log.action_items[i].owner;
    if (owner != meeting->mentor && !AttendeeOf(*meeting, owner)) {
      return Status::InvalidArgument(
          "An action item is owned by the mentor or someone invited to the meeting.",
          "action_items[" + std::to_string(i) + "].owner");
    }
    items[i].owner = owner == meeting->mentor ? "mentor" : "mentee";
    items[i].owner_id = owner;
    items[i].created_by = actor.employee_id;
  }
  if (meeting->status == MeetingStatus::kCancelled) {
    return Status::Conflict("A cancelled meeting has no log.").WithReason("not_live");
  }
  const TimePoint now = clock_.Now();
  if (meeting->details.starts_at > now) {
    return Status::Conflict("A meeting is logged once it has started.").WithReason("not_yet");
  }
  const TimePoint expected = meeting->updated_at;
  meeting->status = log.outcome;
  if (log.mode) meeting->details.mode = *log.mode;
  meeting->log_minutes =
      log.outcome == MeetingStatus::kHeld ? log.duration_minutes : std::optional<int>();
  meeting->log_topics = log.topics;
  meeting->logged_by = actor.employee_id;
  meeting->logged_at = now;
  for (GroupAttendee& a : meeting->attendees) a.attended = attended.contains(a.employee_id);
  for (ActionItem& item : items) item.created_at = now;
  PAIRWISE_RETURN_IF_ERROR(meetings_.SaveLog(*meeting, expected, items, now));
  if (activity_) {
    // A held meeting counts in the health of each attendee's relationship.
    for (const GroupAttendee& a : meeting->attendees) {
      auto member = group->members.find(a.employee_id);
      if (member != group->members.end()) activity_->RelationshipChanged(member->second.id);
    }
  }
  // The pair's event, with what names the group (its program and mentor) and says which kind
  // of meeting `meeting_id` counts.
  PublishEvent(events_, "meeting.logged",
               {{"relationship_id", std::to_string(id.value)},
                {"meeting_id", std::to_string(meeting_id.value)},
                {"outcome", log.outcome == MeetingStatus::kHeld ? "held" : "missed"},
                {"minutes", meeting->log_minutes ? std::to_string(*meeting->log_minutes) : ""},
                {"group", "true"},
                {"program_id", std::to_string(meeting->program.value)},
                {"mentor", meeting->mentor}});
  return ViewWithItems(*group, std::move(meeting).value(), actor);
}

Result<ActionItem> GroupMeetingService::SetActionItemDone(const Actor& actor, RelationshipId id,
                                                          ActionItemId item_id, bool done) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  // Who may tick off any item at all (a member: their own at least) before the item is read:
  // strangers learn nothing of it, overseers are refused.
  PAIRWISE_RETURN_IF_ERROR(RequireGroupActionItemWriter(actor, *context, actor.employee_id));
  auto item = meetings_.FindActionItem(item_id);
  if (!item.ok()) return item.status();
  auto meeting = meetings_.Find(item->group_meeting);
  if (!meeting.ok()) return meeting.status();
  if (meeting->program != context->program.id || meeting->mentor != context->relationship.mentor) {
    return Status::NotFound("no action item " + std::to_string(item_id.value));
  }
  PAIRWISE_RETURN_IF_ERROR(RequireGroupActionItemWriter(actor, *context, item->owner_id));
  PAIRWISE_RETURN_IF_ERROR(meetings_.SetActionItemDone(item_id, done, clock_.Now()));
  auto saved = meetings_.FindActionItem(item_id);
  if (saved.ok()) saved->relationship = id;
  return saved;
}

}  // namespace pairwise::domain
