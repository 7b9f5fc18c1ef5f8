// The GroupMeetingRepository contract, run against the in-memory fake, SQLite and PostgreSQL 15
// (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1).
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "domain/meetings/group_meeting.h"
#include "storage/database.h"
#include "storage/group_meeting_repository.h"
#include "storage/meeting_repository.h"
#include "storage/memory/memory_group_meeting_repository.h"
#include "storage/memory/memory_mail_outbox.h"
#include "storage/memory/memory_meeting_repository.h"
#include "storage/testing/contract.h"
#include "storage/testing/test_database.h"

namespace pairwise::storage {
namespace {

using domain::GroupAttendee;
using domain::GroupMeeting;
using domain::GroupResponse;
using domain::MeetingStatus;

struct GroupMeetingStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::MailOutbox> outbox;
    std::unique_ptr<domain::GroupMeetingRepository> meetings;
    // A pair's meetings: busy time for a group's, and the other way round.
    std::unique_ptr<domain::MeetingRepository> pairs;
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Memory() {
    Store store;
    store.outbox = std::make_unique<MemoryMailOutbox>();
    auto groups = std::make_unique<MemoryGroupMeetingRepository>(*store.outbox);
    auto pairs = std::make_unique<MemoryMeetingRepository>(*store.outbox);
    groups->SetMeetings(pairs.get());
    pairs->SetGroupMeetings(groups.get());
    store.meetings = std::move(groups);
    store.pairs = std::move(pairs);
    return store;
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> migrated) {
    Store store;
    store.outbox = MakeMailOutbox(migrated->db());
    store.meetings = MakeGroupMeetingRepository(migrated->db());
    store.pairs = MakeMeetingRepository(migrated->db());
    store.database = std::move(migrated);
    return store;
  }
};

TimePoint Hour(int h) { return TimePoint(std::chrono::hours(500'000 + h)); }

template <typename Backend>
class GroupMeetingRepositoryContract : public testing::ContractTest<Backend> {
 protected:
  domain::GroupMeetingRepository& repo() { return *this->store_.meetings; }

  static GroupMeeting Make(int64_t program, std::string mentor, int hour, std::string uid) {
    GroupMeeting m;
    m.program = domain::ProgramId(program);
    m.mentor = std::move(mentor);
    m.status = MeetingStatus::kScheduled;
    m.details.mode = domain::MeetingMode::kInPerson;
    m.details.starts_at = Hour(hour);
    m.details.ends_at = Hour(hour) + std::chrono::minutes(90);
    m.details.location = "Room 4 — Zürich";
    m.details.video_url = "https://meet.example.com/g";
    m.details.agenda = "Line one\nLine two";
    m.uid = std::move(uid);
    m.created_at = Hour(0) + std::chrono::microseconds(17);
    m.attendees = {GroupAttendee{"A", GroupResponse::kPending, {}, {}},
                   GroupAttendee{"B", GroupResponse::kPending, {}, {}}};
    return m;
  }
};

TYPED_TEST_SUITE(GroupMeetingRepositoryContract, testing::ContractBackends<GroupMeetingStores>,
                 testing::BackendNames);

TYPED_TEST(GroupMeetingRepositoryContract, MeetingsAreStoredWithAttendeesAndTheirMail) {
  GroupMeeting m = this->Make(3, "M1", 10, "g-1@pairwise");
  domain::MailMessage mail{"a@example.com", "Group meeting", "Hello", "meeting_invite"};
  mail.calendar = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
  mail.calendar_method = "REQUEST";
  ASSERT_TRUE(this->repo().Save(m, std::nullopt, {mail, mail}, Hour(1)).ok());
  ASSERT_TRUE(m.id.valid());
  EXPECT_EQ(m.updated_at, Hour(1));
  auto found = this->repo().Find(m.id);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(*found, m);
  auto outbox = this->store_.outbox->List(std::nullopt, 10);
  ASSERT_TRUE(outbox.ok());
  ASSERT_EQ(outbox->items.size(), 2u);
  EXPECT_EQ(outbox->items[0].message.calendar_method, "REQUEST");
  EXPECT_EQ(this->repo().Find(domain::GroupMeetingId(9999)).status().code(), ErrorCode::kNotFound);

  // An update replaces the attendees and the log; a stale one writes nothing.
  const TimePoint read_at = found->updated_at;
  m.status = MeetingStatus::kHeld;
  m.log_minutes = 75;
  m.log_topics = "Negotiation";
  m.logged_by = "M1";
  m.logged_at = Hour(12);
  m.attendees = {GroupAttendee{"A", GroupResponse::kAccepted, Hour(2), true},
                 GroupAttendee{"C", GroupResponse::kPending, {}, false}};
  ASSERT_TRUE(this->repo().Save(m, read_at, {}, Hour(13)).ok());
  EXPECT_EQ(*this->repo().Find(m.id), m);
  GroupMeeting stale = m;
  stale.details.agenda = "overwritten";
  EXPECT_EQ(this->repo().Save(stale, read_at, {mail}, Hour(14)).reason(), "stale");
  EXPECT_EQ(this->repo().Find(m.id)->details.agenda, "Line one\nLine two");
  EXPECT_EQ(this->store_.outbox->List(std::nullopt, 10)->items.size(), 2u);
}

TYPED_TEST(GroupMeetingRepositoryContract, AMentorsScheduledMeetingsDoNotOverlap) {
  GroupMeeting first = this->Make(3, "M1", 10, "g-1@pairwise");
  ASSERT_TRUE(this->repo().Save(first, std::nullopt, {}, Hour(1)).ok());
  // The same mentor's other group (another program) at an overlapping time: refused, no mail.
  GroupMeeting clash = this->Make(4, "M1", 11, "g-2@pairwise");
  domain::MailMessage mail{"a@example.com", "Group meeting", "Hello", "meeting_invite"};
  Status refused = this->repo().Save(clash, std::nullopt, {mail}, Hour(1));
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  EXPECT_EQ(refused.field(), "starts_at");
  EXPECT_FALSE(clash.id.valid());
  EXPECT_TRUE(this->store_.outbox->List(std::nullopt, 10)->items.empty());
  // Later, another mentor at the same time, or once the first is cancelled: fine.
  GroupMeeting after = this->Make(3, "M1", 13, "g-3@pairwise");
  EXPECT_TRUE(this->repo().Save(after, std::nullopt, {}, Hour(1)).ok());
  GroupMeeting other = this->Make(3, "M2", 10, "g-4@pairwise");
  EXPECT_TRUE(this->repo().Save(other, std::nullopt, {}, Hour(1)).ok());
  first.status = MeetingStatus::kCancelled;
  ASSERT_TRUE(this->repo().Save(first, std::nullopt, {}, Hour(2)).ok());
  EXPECT_TRUE(this->repo().Save(clash, std::nullopt, {}, Hour(2)).ok());

  // A group's list: its program and mentor only, by start.
  auto list = this->repo().ListForGroup(domain::ProgramId(3), "M1");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, first.id);
  EXPECT_EQ((*list)[1].id, after.id);
  EXPECT_EQ((*list)[1].attendees.size(), 2u);
  EXPECT_TRUE(this->repo().ListForGroup(domain::ProgramId(5), "M1")->empty());
}

TYPED_TEST(GroupMeetingRepositoryContract, AnswersAreKeptPerPersonWithoutMakingTheMeetingStale) {
  GroupMeeting m = this->Make(3, "M1", 10, "g-1@pairwise");
  ASSERT_TRUE(this->repo().Save(m, std::nullopt, {}, Hour(1)).ok());
  domain::MailMessage mail{"m1@example.com", "A cannot come", "Hello", "meeting"};
  ASSERT_TRUE(this->repo().SetResponse(m.id, "A", GroupResponse::kDeclined, {mail}, Hour(2)).ok());
  ASSERT_TRUE(this->repo().SetResponse(m.id, "B", GroupResponse::kAccepted, {}, Hour(3)).ok());
  auto read = this->repo().Find(m.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->updated_at, Hour(1));
  EXPECT_EQ(read->attendees[0], (GroupAttendee{"A", GroupResponse::kDeclined, Hour(2), {}}));
  EXPECT_EQ(read->attendees[1], (GroupAttendee{"B", GroupResponse::kAccepted, Hour(3), {}}));
  EXPECT_EQ(this->store_.outbox->List(std::nullopt, 10)->items.size(), 1u);
  // Someone not invited, or an unknown meeting: NotFound, nothing queued.
  EXPECT_EQ(this->repo().SetResponse(m.id, "Z", GroupResponse::kAccepted, {mail}, Hour(4)).code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(
      this->repo()
          .SetResponse(domain::GroupMeetingId(999), "A", GroupResponse::kAccepted, {}, Hour(4))
          .code(),
      ErrorCode::kNotFound);
  EXPECT_EQ(this->store_.outbox->List(std::nullopt, 10)->items.size(), 1u);
}

TYPED_TEST(GroupMeetingRepositoryContract, APersonsGroupMeetingsAreBusyAndListed) {
  // M1 leads one at 10:00 (A pending, B accepted) and one at 20:00 later cancelled; A and B
  // are also invited by M2 at 30:00, and A declined.
  GroupMeeting led = this->Make(3, "M1", 10, "g-1@pairwise");
  led.attendees[1].response = GroupResponse::kAccepted;
  GroupMeeting cancelled = this->Make(3, "M1", 20, "g-2@pairwise");
  cancelled.status = MeetingStatus::kCancelled;
  GroupMeeting declined = this->Make(4, "M2", 30, "g-3@pairwise");
  declined.attendees[0].response = GroupResponse::kDeclined;
  for (GroupMeeting* g : {&led, &cancelled, &declined}) {
    ASSERT_TRUE(this->repo().Save(*g, std::nullopt, {}, Hour(1)).ok());
  }
  auto ids = [](const Result<std::vector<GroupMeeting>>& list) {
    std::vector<int64_t> out;
    for (const GroupMeeting& g : list.value()) out.push_back(g.id.value);
    return out;
  };
  // Busy: what the person leads or has accepted, scheduled, overlapping the range.
  EXPECT_EQ(ids(this->repo().ListBusy("M1", Hour(0), Hour(40))), (std::vector{led.id.value}));
  EXPECT_EQ(ids(this->repo().ListBusy("B", Hour(0), Hour(40))), (std::vector{led.id.value}));
  EXPECT_TRUE(this->repo().ListBusy("A", Hour(0), Hour(40))->empty());
  EXPECT_TRUE(this->repo().ListBusy("M1", Hour(0), Hour(10))->empty());
  EXPECT_EQ(ids(this->repo().ListBusy("M1", Hour(11), Hour(12))), (std::vector{led.id.value}));
  // Listed (the calendar feed): led or invited and not declined, any status, from `from` on.
  EXPECT_EQ(ids(this->repo().ListForPerson("M1", Hour(0))),
            (std::vector{led.id.value, cancelled.id.value}));
  EXPECT_EQ(ids(this->repo().ListForPerson("A", Hour(0))),
            (std::vector{led.id.value, cancelled.id.value}));
  EXPECT_EQ(ids(this->repo().ListForPerson("B", Hour(15))),
            (std::vector{cancelled.id.value, declined.id.value}));
  EXPECT_TRUE(this->repo().ListForPerson("Z", Hour(0))->empty());
  auto listed = this->repo().ListForPerson("M2", Hour(0));
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front(), declined);
}

TYPED_TEST(GroupMeetingRepositoryContract, PairAndGroupMeetingsOfOnePersonDoNotOverlap) {
  domain::MeetingRepository& pairs = *this->store_.pairs;
  // M1 leads a group meeting at 10:00-11:30 that B accepted and A did not answer.
  GroupMeeting group = this->Make(3, "M1", 10, "g-1@pairwise");
  group.attendees[1].response = GroupResponse::kAccepted;
  ASSERT_TRUE(this->repo().Save(group, std::nullopt, {}, Hour(1)).ok());
  auto pair_meeting = [](std::string mentor, std::string mentee, int hour, std::string uid) {
    domain::Meeting m;
    m.relationship = domain::RelationshipId(7);
    m.mentor = std::move(mentor);
    m.mentee = std::move(mentee);
    m.status = MeetingStatus::kProposed;
    m.starts_at = Hour(hour) + std::chrono::minutes(30);
    m.ends_at = m.starts_at + std::chrono::hours(1);
    m.proposed_by = m.organizer = m.mentor;
    m.uid = std::move(uid);
    return m;
  };
  // The mentor (as mentor or mentee of a pair) and B are busy then; A is not.
  domain::MailMessage mail{"a@example.com", "Meeting", "Hello", "meeting"};
  for (auto [mentor, mentee] : {std::pair("M1", "X"), std::pair("X", "M1"), std::pair("Y", "B")}) {
    domain::Meeting m = pair_meeting(mentor, mentee, 10, std::string("p-") + mentor + mentee);
    Status refused = pairs.SaveMeeting(m, std::nullopt, {mail}, Hour(1));
    EXPECT_EQ(refused.code(), ErrorCode::kConflict) << mentor << " " << mentee;
    EXPECT_EQ(refused.field(), "starts_at");
    EXPECT_FALSE(m.id.valid());
  }
  EXPECT_TRUE(this->store_.outbox->List(std::nullopt, 10)->items.empty());
  domain::Meeting free_a = pair_meeting("Y", "A", 10, "p-ya");
  ASSERT_TRUE(pairs.SaveMeeting(free_a, std::nullopt, {}, Hour(1)).ok());
  // A group meeting over the mentor's pair meeting (M1 mentors X at 20:30): refused.
  domain::Meeting m1 = pair_meeting("M1", "X", 20, "p-m1x");
  ASSERT_TRUE(pairs.SaveMeeting(m1, std::nullopt, {}, Hour(1)).ok());
  GroupMeeting clash = this->Make(4, "M1", 21, "g-2@pairwise");
  Status refused = this->repo().Save(clash, std::nullopt, {mail}, Hour(1));
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  EXPECT_EQ(refused.field(), "starts_at");
  EXPECT_FALSE(clash.id.valid());
  // A mentee accepting is checked as the mentor is: A's pair meeting with Y (10:30) overlaps
  // the group meeting (10:00), so A cannot accept it; declining is always possible.
  Status accepted =
      this->repo().SetResponse(group.id, "A", GroupResponse::kAccepted, {mail}, Hour(2));
  EXPECT_EQ(accepted.code(), ErrorCode::kConflict);
  EXPECT_EQ(accepted.field(), "response");
  EXPECT_EQ(accepted.reason(), "overlap");
  EXPECT_EQ(this->repo().Find(group.id)->attendees[0].response, GroupResponse::kPending);
  EXPECT_TRUE(this->store_.outbox->List(std::nullopt, 10)->items.empty());
  EXPECT_TRUE(this->repo().SetResponse(group.id, "A", GroupResponse::kDeclined, {}, Hour(2)).ok());
  // Another mentor's group meeting B is invited to, over the one B accepted: refused too;
  // once B declines the first, accepted.
  GroupMeeting other = this->Make(5, "M3", 11, "g-3@pairwise");
  ASSERT_TRUE(this->repo().Save(other, std::nullopt, {}, Hour(1)).ok());
  EXPECT_EQ(this->repo().SetResponse(other.id, "B", GroupResponse::kAccepted, {}, Hour(2)).reason(),
            "overlap");
  EXPECT_EQ(this->repo().Find(other.id)->attendees[1].response, GroupResponse::kPending);
  ASSERT_TRUE(this->repo().SetResponse(group.id, "B", GroupResponse::kDeclined, {}, Hour(2)).ok());
  EXPECT_TRUE(this->repo().SetResponse(other.id, "B", GroupResponse::kAccepted, {}, Hour(2)).ok());

  // Cancelled, the pair meeting frees the time.
  const TimePoint read_at = m1.updated_at;
  m1.status = MeetingStatus::kCancelled;
  ASSERT_TRUE(pairs.SaveMeeting(m1, read_at, {}, Hour(2)).ok());
  EXPECT_TRUE(this->repo().Save(clash, std::nullopt, {}, Hour(2)).ok());
}

}  // namespace
}  // namespace pairwise::storage

namespace pairwise::storage {
namespace {

TYPED_TEST(GroupMeetingRepositoryContract, ALogStoresTheGroupsActionItems) {
  GroupMeeting m = this->Make(3, "M1", 10, "g-1@pairwise");
  ASSERT_TRUE(this->repo().Save(m, std::nullopt, {}, Hour(1)).ok());
  GroupMeeting other_group = this->Make(4, "M1", 40, "g-2@pairwise");
  ASSERT_TRUE(this->repo().Save(other_group, std::nullopt, {}, Hour(1)).ok());
  auto item = [](std::string owner, std::string owner_id, std::string text, int day) {
    domain::ActionItem i;
    i.owner = std::move(owner);
    i.owner_id = std::move(owner_id);
    i.text = std::move(text);
    i.due = domain::Date{std::chrono::year{2027} / 3 / day};
    i.created_by = "M1";
    i.created_at = Hour(12) + std::chrono::microseconds(5);
    return i;
  };
  const TimePoint read_at = m.updated_at;
  m.status = MeetingStatus::kHeld;
  m.log_minutes = 60;
  m.logged_by = "M1";
  m.logged_at = Hour(12);
  m.attendees[0].attended = true;
  m.attendees[1].attended = false;
  std::vector<domain::ActionItem> items = {item("mentee", "B", "Draft the plan — ünïcode", 9),
                                           item("mentor", "M1", "Send the reading list", 5)};
  ASSERT_TRUE(this->repo().SaveLog(m, read_at, items, Hour(13)).ok());
  EXPECT_EQ(m.updated_at, Hour(13));
  EXPECT_EQ(*this->repo().Find(m.id), m);
  ASSERT_TRUE(items[0].id.valid());
  EXPECT_NE(items[0].id, items[1].id);
  EXPECT_EQ(items[0].group_meeting, m.id);
  GroupMeeting logged_other = other_group;
  logged_other.status = MeetingStatus::kMissed;
  std::vector<domain::ActionItem> elsewhere = {item("mentee", "A", "Another group's", 1)};
  ASSERT_TRUE(this->repo().SaveLog(logged_other, other_group.updated_at, elsewhere, Hour(13)).ok());

  // The group's items, open first then by due date; not another group's of the same mentor.
  auto listed = this->repo().ListActionItems(domain::ProgramId(3), "M1");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0], items[1]);
  EXPECT_EQ((*listed)[1], items[0]);
  EXPECT_TRUE(this->repo().ListActionItems(domain::ProgramId(3), "M2")->empty());
  EXPECT_EQ(*this->repo().FindActionItem(items[0].id), items[0]);
  EXPECT_EQ(this->repo().FindActionItem(domain::ActionItemId(9999)).status().code(),
            ErrorCode::kNotFound);

  // Done and open again.
  ASSERT_TRUE(this->repo().SetActionItemDone(items[1].id, true, Hour(20)).ok());
  auto done = this->repo().FindActionItem(items[1].id);
  EXPECT_TRUE(done->done);
  EXPECT_EQ(done->done_at, Hour(20));
  EXPECT_EQ(this->repo().ListActionItems(domain::ProgramId(3), "M1")->back().id, items[1].id);
  ASSERT_TRUE(this->repo().SetActionItemDone(items[1].id, false, Hour(21)).ok());
  EXPECT_FALSE(this->repo().FindActionItem(items[1].id)->done_at.has_value());
  EXPECT_EQ(this->repo().SetActionItemDone(domain::ActionItemId(9999), true, Hour(21)).code(),
            ErrorCode::kNotFound);

  // A stale log writes neither the meeting nor its items.
  GroupMeeting stale = m;
  stale.log_topics = "overwritten";
  std::vector<domain::ActionItem> more = {item("mentee", "A", "Lost", 2)};
  EXPECT_EQ(this->repo().SaveLog(stale, read_at, more, Hour(22)).reason(), "stale");
  EXPECT_EQ(this->repo().Find(m.id)->log_topics, "");
  EXPECT_EQ(this->repo().ListActionItems(domain::ProgramId(3), "M1")->size(), 2u);
}

}  // namespace
}  // namespace pairwise::storage
