// MeetingService over the in-memory repositories and the real libical writer: availability,
// free slots, the proposal / counter / accept / reschedule / cancel life, invites, and who may
// do what.
#include "domain/meetings/meeting_service.h"

#include <gtest/gtest.h>

#include "domain/people/test_util.h"
#include "domain/relationships/agreement.h"
#include "mail/icalendar.h"
#include "storage/memory/memory_group_meeting_repository.h"
#include "storage/memory/memory_mail_outbox.h"
#include "storage/memory/memory_meeting_repository.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/memory_relationship_repository.h"

namespace pairwise::domain {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using testing::D;
using testing::MakePerson;

Actor PersonActor(std::string employee_id) {
  Actor a;
  a.account_id = AccountId(1);
  a.employee_id = std::move(employee_id);
  return a;
}

TimePoint Utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return TimePoint(sys_days(std::chrono::year(y) / m / d) + hours(h) + minutes(min));
}

// Mentor E1 (New York) and mentee E2 (London) in relationship 1; E3 is a stranger. Now is
// Monday 2 March 2026, 08:00 UTC.
class MeetingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    meetings_.SetGroupMeetings(&group_meetings_);
    group_meetings_.SetMeetings(&meetings_);
    ASSERT_TRUE(people_.LoadDirectory(testing::SmallDirectory()).ok());
    Relationship r;
    r.mentor = "E1";
    r.mentee = "E2";
    r.explanation = "test";
    auto made = relationships_.Apply(ProgramId(1), ProposalId(1), {}, "", {r}, clock_.Now());
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    relationship_ = made->front().id;
    // Meetings are planned once both sides accepted the agreement (the relationship is active).
    Agreement agreement;
    agreement.relationship_id = relationship_.value;
    agreement.mentor_accepted_at = agreement.mentee_accepted_at = clock_.Now();
    auto active = relationships_.SaveAgreement(agreement, 0, clock_.Now());
    ASSERT_TRUE(active.ok()) << active.status().ToString();
    ASSERT_EQ(active->status, RelationshipStatus::kActive);
    // New York Mon 09:00-12:00, London Mon 14:00-17:00: 14:00-16:00 UTC in common on 9 March.
    ASSERT_TRUE(service_.SetMyAvailability(mentor_, {{0, 9 * 60, 12 * 60}}).ok());
    ASSERT_TRUE(service_.SetMyAvailability(mentee_, {{0, 14 * 60, 17 * 60}}).ok());
  }

  std::vector<OutboxMail> Mail() { return outbox_.List(std::nullopt, 200)->items; }

  MeetingInput At(TimePoint start, bool from_slot = true) {
    MeetingInput in;
    in.starts_at = start;
    in.from_slot = from_slot;
    in.video_url = "https://meet.example.com/abc";
    in.agenda = "Career plan";
    return in;
  }

  storage::MemoryPeopleRepository people_repository_;
  PeopleService people_{people_repository_};
  storage::MemoryRelationshipRepository relationships_;
  storage::MemoryMailOutbox outbox_;
  storage::MemoryMeetingRepository meetings_{outbox_};
  storage::MemoryGroupMeetingRepository group_meetings_{outbox_};
  mail::ICalendarWriter calendar_;
  FakeClock clock_{Utc(2026, 3, 2, 8)};
  MeetingService service_{meetings_, group_meetings_, relationships_,   people_,
                          calendar_, clock_,          "https://pw.test"};
  RelationshipId relationship_;
  Actor mentor_ = PersonActor("E1");
  Actor mentee_ = PersonActor("E2");
};

TEST_F(MeetingServiceTest, AvailabilityIsReadBackWithTheDirectoryZone) {
  auto mine = service_.GetMyAvailability(mentee_);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->time_zone, "Europe/London");
  EXPECT_EQ(mine->windows, (std::vector<AvailabilityWindow>{{0, 14 * 60, 17 * 60}}));
  EXPECT_EQ(mine->updated_at, clock_.Now());
  auto bad = service_.SetMyAvailability(mentee_, {{0, 14 * 60, 13 * 60}});
  EXPECT_EQ(bad.status().field(), "windows[0].end");
  EXPECT_EQ(service_.GetMyAvailability(mentee_)->windows.size(), 1u);  // nothing written
  Actor token;
  token.kind = Actor::Kind::kApiToken;
  EXPECT_EQ(service_.GetMyAvailability(token).status().code(), ErrorCode::kForbidden);
}

TEST_F(MeetingServiceTest, FreeSlotsAreMutualInEachPersonsClockAndSkipMeetings) {
  auto slots = service_.FreeSlots(mentee_, relationship_, 60, 50);
  ASSERT_TRUE(slots.ok()) << slots.status().ToString();
  // 2 March: 14-17 UTC for both (3 slots at 30-minute steps: 14:00, 14:30, ..., 16:00 = 5).
  ASSERT_GE(slots->size(), 5u);
  EXPECT_EQ((*slots)[0].span.start, Utc(2026, 3, 2, 14));
  EXPECT_EQ((*slots)[4].span.start, Utc(2026, 3, 2, 16));
  // 9 March, New York already on summer time: 14:00-16:00 UTC only (14:00, 14:30, 15:00).
  EXPECT_EQ((*slots)[5].span.start, Utc(2026, 3, 9, 14));
  EXPECT_EQ((*slots)[7].span.start, Utc(2026, 3, 9, 15));
  EXPECT_EQ((*slots)[8].span.start, Utc(2026, 3, 16, 14));
  const FreeSlot& s = (*slots)[5];
  ASSERT_EQ(s.starts.size(), 2u);
  EXPECT_EQ(s.starts[0].time_zone, "America/New_York");
  EXPECT_EQ(s.starts[0].utc_offset_minutes, -240);
  EXPECT_EQ(s.starts[1].utc_offset_minutes, 0);
  EXPECT_EQ(s.starts[1].wall, std::chrono::floor<std::chrono::seconds>(Utc(2026, 3, 9, 14)));

  auto proposed = service_.Propose(mentee_, relationship_, At(Utc(2026, 3, 2, 14)));
  ASSERT_TRUE(proposed.ok()) << proposed.status().ToString();
  auto after = service_.FreeSlots(mentor_, relationship_, 60, 3);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 3u);
  EXPECT_EQ((*after)[0].span.start, Utc(2026, 3, 2, 15));

  EXPECT_EQ(service_.FreeSlots(mentor_, relationship_, 5, 3).status().field(), "duration_minutes");
  EXPECT_EQ(service_.FreeSlots(mentor_, relationship_, 60, 0).status().field(), "limit");
  EXPECT_EQ(service_.FreeSlots(PersonActor("E3"), relationship_, 60, 3).status().code(),
            ErrorCode::kNotFound);
}

TEST_F(MeetingServiceTest, ProposeCounterAcceptRescheduleCancel) {
  auto proposed = service_.Propose(mentee_, relationship_, At(Utc(2026, 3, 9, 14)));
  ASSERT_TRUE(proposed.ok()) << proposed.status().ToString();
  const MeetingId id = proposed->meeting.id;
  EXPECT_EQ(proposed->meeting.status, MeetingStatus::kProposed);
  EXPECT_FALSE(proposed->awaiting_me);
  ASSERT_EQ(Mail().size(), 1u);
  EXPECT_EQ(Mail()[0].message.to, "p.E1@example.com");
  EXPECT_EQ(Mail()[0].message.calendar, "");
  // Monday 9 March 10:00 in New York.
  EXPECT_NE(Mail()[0].message.text.find("Monday 9 March 2026, 10:00 (America/New_York)"),
            std::string::npos)
      << Mail()[0].message.text;

  // The proposer cannot accept their own proposal; the other side answers with another time.
  EXPECT_EQ(service_.Accept(mentee_, relationship_, id).status().code(), ErrorCode::kConflict);
  auto countered = service_.Counter(mentor_, relationship_, id, At(Utc(2026, 3, 9, 15)));
  ASSERT_TRUE(countered.ok()) << countered.status().ToString();
  EXPECT_EQ(countered->meeting.proposed_by, "E1");
  EXPECT_EQ(service_.Accept(mentor_, relationship_, id).status().code(), ErrorCode::kConflict);

  auto accepted = service_.Accept(mentee_, relationship_, id);
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->meeting.status, MeetingStatus::kScheduled);
  EXPECT_EQ(accepted->meeting.starts_at, Utc(2026, 3, 9, 15));
  auto mail = Mail();  // newest first
  ASSERT_EQ(mail.size(), 4u);
  for (int i : {0, 1}) {
    const MailMessage& m = mail[static_cast<std::size_t>(i)].message;
    EXPECT_EQ(m.calendar_method, "REQUEST");
    EXPECT_NE(m.calendar.find("METHOD:REQUEST"), std::string::npos) << m.calendar;
    EXPECT_NE(m.calendar.find("UID:" + accepted->meeting.uid), std::string::npos);
    EXPECT_NE(m.calendar.find("SEQUENCE:0"), std::string::npos);
    EXPECT_NE(m.calendar.find("DTSTART:20260309T150000Z"), std::string::npos);
    EXPECT_NE(m.calendar.find("DTEND:20260309T160000Z"), std::string::npos);
    EXPECT_NE(m.calendar.find("mailto:p.E1@example.com"), std::string::npos);
    EXPECT_NE(m.calendar.find("mailto:p.E2@example.com"), std::string::npos);
    EXPECT_NE(m.calendar.find("URL:https://meet.example.com/abc"), std::string::npos);
  }

  auto moved = service_.Reschedule(mentor_, relationship_, id, At(Utc(2026, 3, 16, 14)));
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->meeting.sequence, 1);
  EXPECT_EQ(moved->meeting.uid, accepted->meeting.uid);
  mail = Mail();
  ASSERT_EQ(mail.size(), 6u);
  EXPECT_NE(mail[0].message.calendar.find("SEQUENCE:1"), std::string::npos);
  EXPECT_NE(mail[0].message.calendar.find("DTSTART:20260316T140000Z"), std::string::npos);

  auto cancelled = service_.Cancel(mentee_, relationship_, id);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status().ToString();
  EXPECT_EQ(cancelled->meeting.status, MeetingStatus::kCancelled);
  mail = Mail();
  ASSERT_EQ(mail.size(), 8u);
  EXPECT_EQ(mail[0].message.calendar_method, "CANCEL");
  EXPECT_NE(mail[0].message.calendar.find("METHOD:CANCEL"), std::string::npos);
  EXPECT_NE(mail[0].message.calendar.find("SEQUENCE:2"), std::string::npos);
  EXPECT_NE(mail[0].message.calendar.find("STATUS:CANCELLED"), std::string::npos);
  EXPECT_EQ(service_.Cancel(mentee_, relationship_, id).status().code(), ErrorCode::kConflict);
}

TEST_F(MeetingServiceTest, BadProposalsNameTheFieldAndWriteNothing) {
  struct Case {
    MeetingInput input;
    std::string field;
  };
  std::vector<Case> cases;
  cases.push_back({At(Utc(2026, 3, 1, 14)), "starts_at"});   // in the past
  cases.push_back({At(Utc(2026, 3, 9, 17)), "starts_at"});   // outside New York's 09-12 (EDT)
  cases.push_back({At(Utc(2026, 3, 10, 14)), "starts_at"});  // a Tuesday: nobody's available
  MeetingInput too_long = At(Utc(2026, 3, 9, 14));
  too_long.duration_minutes = 600;
  cases.push_back({too_long, "duration_minutes"});
  MeetingInput bad_link = At(Utc(2026, 3, 9, 14));
  bad_link.video_url = "javascript:alert(1)";
  cases.push_back({bad_link, "video_url"});
  MeetingInput long_agenda = At(Utc(2026, 3, 9, 14));
  long_agenda.agenda = std::string(kMaxAgendaChars + 1, 'a');
  cases.push_back({long_agenda, "agenda"});
  MeetingInput bad_location = At(Utc(2026, 3, 9, 14));
  bad_location.location = "Room\n4";
  cases.push_back({bad_location, "location"});
  for (const Case& c : cases) {
    auto r = service_.Propose(mentee_, relationship_, c.input);
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(r.status().field(), c.field);
  }
  EXPECT_TRUE(service_.List(mentee_, relationship_)->empty());
  EXPECT_TRUE(Mail().empty());

  // Ad hoc (not from a slot) may be outside availability, but never over another meeting.
  ASSERT_TRUE(service_.Propose(mentee_, relationship_, At(Utc(2026, 3, 10, 14), false)).ok());
  auto clash = service_.Propose(mentor_, relationship_, At(Utc(2026, 3, 10, 14, 30), false));
  EXPECT_EQ(clash.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(clash.status().field(), "starts_at");
  EXPECT_EQ(service_.List(mentor_, relationship_)->size(), 1u);
}

TEST_F(MeetingServiceTest, OnlyThePairSeesOrActs) {
  auto proposed = service_.Propose(mentee_, relationship_, At(Utc(2026, 3, 9, 14)));
  ASSERT_TRUE(proposed.ok());
  const MeetingId id = proposed->meeting.id;
  const Actor stranger = PersonActor("E3");
  EXPECT_EQ(service_.List(stranger, relationship_).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.Get(stranger, relationship_, id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.Accept(stranger, relationship_, id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.Cancel(stranger, relationship_, id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.Propose(stranger, relationship_, At(Utc(2026, 3, 9, 15))).status().code(),
            ErrorCode::kNotFound);
  Actor token;
  token.kind = Actor::Kind::kApiToken;
  EXPECT_EQ(service_.List(token, relationship_).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_.List(mentee_, RelationshipId(999)).status().code(), ErrorCode::kNotFound);
  // A meeting is reached only through its own relationship.
  EXPECT_EQ(service_.Get(mentee_, RelationshipId(999), id).status().code(), ErrorCode::kNotFound);
  // Ended: history stays readable, nothing new is planned.
  ASSERT_TRUE(relationships_
                  .Apply(ProgramId(1), ProposalId(2), {relationship_}, "rematch", {}, clock_.Now())
                  .ok());
  EXPECT_EQ(service_.List(mentee_, relationship_)->size(), 1u);
  EXPECT_EQ(service_.Propose(mentee_, relationship_, At(Utc(2026, 3, 16, 14))).status().code(),
            ErrorCode::kConflict);
}

TEST_F(MeetingServiceTest, LogsAndActionItemsCarryOverUntilDone) {
  auto first = service_.Propose(mentee_, relationship_, At(Utc(2026, 3, 9, 14)));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(service_.Accept(mentor_, relationship_, first->meeting.id).ok());
  auto second = service_.Propose(mentor_, relationship_, At(Utc(2026, 3, 16, 14)));
  ASSERT_TRUE(second.ok());
  MeetingLog log;
  log.outcome = MeetingStatus::kHeld;
  log.duration_minutes = 50;
  log.mode = MeetingMode::kInPerson;
  log.topics = "Promotion case";
  log.action_items = {{"Draft the promotion case", "mentee", D(2026, 3, 13)},
                      {"Introduce to Ana", "mentor", D(2026, 3, 20)}};
  // Not before it starts.
  auto early = service_.LogMeeting(mentee_, relationship_, first->meeting.id, log);
  EXPECT_EQ(early.status().code(), ErrorCode::kConflict);
  clock_.Advance(std::chrono::hours(24 * 7 + 7));  // Monday 9 March, 15:00 UTC

  // Bad logs name the field and write nothing.
  MeetingLog bad = log;
  bad.duration_minutes.reset();
  EXPECT_EQ(service_.LogMeeting(mentee_, relationship_, first->meeting.id, bad).status().field(),
            "duration_minutes");
  bad = log;
  bad.action_items[1].owner = "manager";
  EXPECT_EQ(service_.LogMeeting(mentee_, relationship_, first->meeting.id, bad).status().field(),
            "action_items[1].owner");
  bad = log;
  bad.action_items[0].due = D(2026, 3, 1);
  EXPECT_EQ(service_.LogMeeting(mentee_, relationship_, first->meeting.id, bad).status().field(),
            "action_items[0].due_date");
  bad = log;
  bad.action_items[0].text = "";
  EXPECT_EQ(service_.LogMeeting(mentee_, relationship_, first->meeting.id, bad).status().field(),
            "action_items[0].text");
  EXPECT_TRUE(service_.ListActionItems(mentee_, relationship_)->empty());

  auto logged = service_.LogMeeting(mentee_, relationship_, first->meeting.id, log);
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  EXPECT_EQ(logged->meeting.status, MeetingStatus::kHeld);
  EXPECT_EQ(logged->meeting.log_minutes, 50);
  EXPECT_EQ(logged->meeting.mode, MeetingMode::kInPerson);
  ASSERT_EQ(logged->action_items.size(), 2u);

  // Both items carry over to the next meeting; once one is done, only the other.
  auto list = service_.List(mentor_, relationship_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].action_items.size(), 2u);
  EXPECT_EQ((*list)[1].carried_over.size(), 2u);
  auto done = service_.SetActionItemDone(mentor_, relationship_, logged->action_items[1].id, true);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_TRUE(done->done);
  list = service_.List(mentor_, relationship_);
  ASSERT_EQ((*list)[1].carried_over.size(), 1u);
  EXPECT_EQ((*list)[1].carried_over[0].text, "Draft the promotion case");
  auto items = service_.ListActionItems(mentee_, relationship_);
  ASSERT_EQ(items->size(), 2u);
  EXPECT_FALSE((*items)[0].done);  // open first
  EXPECT_EQ(
      service_.SetActionItemDone(PersonActor("E3"), relationship_, logged->action_items[0].id, true)
          .status()
          .code(),
      ErrorCode::kNotFound);
}

// A group meeting (another program's group) at `start`, led by `mentor`, with `mentee` invited
// and answering `response`.
GroupMeeting GroupMeetingAt(TimePoint start, std::string mentor, std::string mentee,
                            GroupResponse response) {
  GroupMeeting g;
  g.program = ProgramId(7);
  g.mentor = std::move(mentor);
  g.details.starts_at = start;
  g.details.ends_at = start + hours(1);
  g.uid = "group-" + std::to_string(start.time_since_epoch().count()) + "@pairwise";
  g.attendees = {GroupAttendee{std::move(mentee), response, {}, {}}};
  return g;
}

TEST_F(MeetingServiceTest, GroupMeetingsAreBusyForFreeSlotsAndProposals) {
  // The mentor leads a group meeting 14:00-15:00 on 2 March; the mentee is invited to one at
  // 16:00 but has not answered, and has accepted one on 9 March 14:00.
  GroupMeeting led = GroupMeetingAt(Utc(2026, 3, 2, 14), "E1", "E9", GroupResponse::kAccepted);
  GroupMeeting pending = GroupMeetingAt(Utc(2026, 3, 2, 16), "E9", "E2", GroupResponse::kPending);
  GroupMeeting accepted = GroupMeetingAt(Utc(2026, 3, 9, 14), "E9", "E2", GroupResponse::kAccepted);
  for (GroupMeeting* g : {&led, &pending, &accepted}) {
    ASSERT_TRUE(group_meetings_.Save(*g, std::nullopt, {}, clock_.Now()).ok());
  }
  auto slots = service_.FreeSlots(mentee_, relationship_, 60, 50);
  ASSERT_TRUE(slots.ok()) << slots.status().ToString();
  // 2 March: 15:00, 15:30, 16:00 (the unanswered invite is not busy); 9 March: 15:00 only.
  ASSERT_GE(slots->size(), 4u);
  EXPECT_EQ((*slots)[0].span.start, Utc(2026, 3, 2, 15));
  EXPECT_EQ((*slots)[2].span.start, Utc(2026, 3, 2, 16));
  EXPECT_EQ((*slots)[3].span.start, Utc(2026, 3, 9, 15));
  // Proposing over either person's group meeting is refused; nothing is written.
  auto over_mentor = service_.Propose(mentee_, relationship_, At(Utc(2026, 3, 2, 14, 30)));
  EXPECT_EQ(over_mentor.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(over_mentor.status().field(), "starts_at");
  auto over_mentee = service_.Propose(mentor_, relationship_, At(Utc(2026, 3, 9, 14)));
  EXPECT_EQ(over_mentee.status().code(), ErrorCode::kConflict);
  EXPECT_TRUE(service_.List(mentor_, relationship_)->empty());
  // And a group meeting may not take the time of the mentor's pair meeting.
  auto pair = service_.Propose(mentee_, relationship_, At(Utc(2026, 3, 2, 15)));
  ASSERT_TRUE(pair.ok()) << pair.status().ToString();
  GroupMeeting clash = GroupMeetingAt(Utc(2026, 3, 2, 15, 30), "E1", "E9", GroupResponse::kPending);
  Status refused = group_meetings_.Save(clash, std::nullopt, {}, clock_.Now());
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  EXPECT_EQ(refused.field(), "starts_at");
}

// A group program's relationship lists, with its pair's items, the items of the group's meetings
// owned by its mentor or its mentee (not another member's, not another group's).
TEST_F(MeetingServiceTest, ARelationshipsListHasItsGroupsItemsOfItsPair) {
  auto item = [](std::string owner_id, std::string text) {
    ActionItem i;
    i.owner = owner_id == "E1" ? "mentor" : "mentee";
    i.owner_id = std::move(owner_id);
    i.text = std::move(text);
    i.due = D(2026, 3, 20);
    i.created_by = "E1";
    return i;
  };
  GroupMeeting group = GroupMeetingAt(Utc(2026, 3, 1, 14), "E1", "E2", GroupResponse::kAccepted);
  group.program = ProgramId(1);  // the relationship's program
  group.attendees.push_back(GroupAttendee{"E9", GroupResponse::kAccepted, {}, {}});
  GroupMeeting other = GroupMeetingAt(Utc(2026, 2, 1, 14), "E1", "E2", GroupResponse::kAccepted);
  for (GroupMeeting* g : {&group, &other}) {
    ASSERT_TRUE(group_meetings_.Save(*g, std::nullopt, {}, clock_.Now()).ok());
    g->status = MeetingStatus::kHeld;
  }
  std::vector<ActionItem> items = {item("E1", "Reading list"), item("E2", "Draft a goal"),
                                   item("E9", "Another member's")};
  ASSERT_TRUE(group_meetings_.SaveLog(group, group.updated_at, items, clock_.Now()).ok());
  std::vector<ActionItem> elsewhere = {item("E2", "Another group's")};
  ASSERT_TRUE(group_meetings_.SaveLog(other, other.updated_at, elsewhere, clock_.Now()).ok());
  for (const Actor& who : {mentor_, mentee_}) {
    auto listed = service_.ListActionItems(who, relationship_);
    ASSERT_TRUE(listed.ok()) << listed.status().ToString();
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[0].text, "Reading list");
    EXPECT_EQ((*listed)[0].owner, "mentor");
    EXPECT_EQ((*listed)[1].owner, "mentee");
    EXPECT_EQ((*listed)[1].owner_id, "E2");
    EXPECT_EQ((*listed)[1].relationship, relationship_);
    EXPECT_EQ((*listed)[1].group_meeting, group.id);
  }
  EXPECT_EQ(service_.ListActionItems(PersonActor("E9"), relationship_).status().code(),
            ErrorCode::kNotFound);
  // The checks a group's log shares with a pair's.
  std::vector<ActionItemInput> many(kMaxActionItemsPerLog + 1,
                                    ActionItemInput{"x", "E1", D(2026, 3, 20)});
  EXPECT_EQ(CheckActionItemInputs(many, Utc(2026, 3, 1, 14)).status().field(), "action_items");
  EXPECT_EQ(CheckActionItemInputs({ActionItemInput{"x", "E1", D(2027, 3, 20)}}, Utc(2026, 3, 1, 14))
                .status()
                .field(),
            "action_items[0].due_date");
}

}  // namespace
}  // namespace pairwise::domain
