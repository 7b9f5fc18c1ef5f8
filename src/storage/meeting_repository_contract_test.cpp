// The MeetingRepository contract, run against the in-memory fake, SQLite and PostgreSQL 15
// (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "domain/meetings/meeting.h"
#include "storage/database.h"
#include "storage/meeting_repository.h"
#include "storage/memory/memory_mail_outbox.h"
#include "storage/memory/memory_meeting_repository.h"
#include "storage/testing/contract.h"
#include "storage/testing/test_database.h"

namespace pairwise::storage {
namespace {

using domain::AvailabilityWindow;
using domain::Meeting;
using domain::MeetingMode;
using domain::MeetingStatus;

// How each backend makes the store (storage/testing/contract.h).
struct MeetingStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::MailOutbox> outbox;
    std::unique_ptr<domain::MeetingRepository> meetings;
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Memory() {
    Store store;
    store.outbox = std::make_unique<MemoryMailOutbox>();
    store.meetings = std::make_unique<MemoryMeetingRepository>(*store.outbox);
    return store;
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> migrated) {
    Store store;
    store.outbox = MakeMailOutbox(migrated->db());
    store.meetings = MakeMeetingRepository(migrated->db());
    store.database = std::move(migrated);
    return store;
  }
};

TimePoint Hour(int h) { return TimePoint(std::chrono::hours(500'000 + h)); }

template <typename Backend>
class MeetingRepositoryContract : public testing::ContractTest<Backend> {
 protected:
  domain::MeetingRepository& repo() { return *this->store_.meetings; }

  static Meeting Make(int64_t relationship, std::string mentor, std::string mentee, int hour,
                      std::string uid) {
    Meeting m;
    m.relationship = domain::RelationshipId(relationship);
    m.mentor = std::move(mentor);
    m.mentee = std::move(mentee);
    m.status = MeetingStatus::kProposed;
    m.mode = MeetingMode::kInPerson;
    m.starts_at = Hour(hour);
    m.ends_at = Hour(hour) + std::chrono::minutes(60);
    m.location = "Room 4 — Zürich";
    m.video_url = "https://meet.example.com/x";
    m.agenda = "Line one\nLine two";
    m.proposed_by = m.mentee;
    m.organizer = m.mentee;
    m.uid = std::move(uid);
    m.created_at = Hour(0) + std::chrono::microseconds(17);
    m.updated_at = Hour(0) + std::chrono::microseconds(17);
    return m;
  }
};

TYPED_TEST_SUITE(MeetingRepositoryContract, testing::ContractBackends<MeetingStores>,
                 testing::BackendNames);

TYPED_TEST(MeetingRepositoryContract, AvailabilityIsReplacedWhole) {
  auto none = this->repo().GetAvailability("E1");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->first.empty());
  EXPECT_FALSE(none->second);
  const std::vector<AvailabilityWindow> windows = {{4, 600, 720}, {0, 540, 600}, {0, 780, 1440}};
  ASSERT_TRUE(this->repo().SetAvailability("E1", windows, Hour(1)).ok());
  auto read = this->repo().GetAvailability("E1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->first,
            (std::vector<AvailabilityWindow>{{0, 540, 600}, {0, 780, 1440}, {4, 600, 720}}));
  EXPECT_EQ(read->second, Hour(1));
  ASSERT_TRUE(this->repo().SetAvailability("E1", {{6, 0, 60}}, Hour(2)).ok());
  EXPECT_EQ(this->repo().GetAvailability("E1")->first,
            (std::vector<AvailabilityWindow>{{6, 0, 60}}));
  EXPECT_TRUE(this->repo().GetAvailability("E2")->first.empty());
}

// Two sessions of one person saving their availability at once (the cluster soak did this) got
// 409 on PostgreSQL: both deleted the old windows, then the later insert hit the earlier one's
// rows. Saves of one person now take turns; the last one wins whole.
TYPED_TEST(MeetingRepositoryContract, ConcurrentAvailabilitySavesOfOnePersonAllSucceed) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const std::vector<AvailabilityWindow> windows = {{1, 9 * 60, (12 + (t + i) % 6) * 60},
                                                         {3, 8 * 60, 10 * 60}};
        if (!this->repo().SetAvailability("E1", windows, Hour(i)).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto saved = this->repo().GetAvailability("E1");
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->first.size(), 2u);
}

TYPED_TEST(MeetingRepositoryContract, MeetingsAreStoredReadAndUpdatedWithTheirMail) {
  Meeting m = this->Make(7, "M1", "A", 10, "uid-1@pairwise");
  domain::MailMessage mail{"a@example.com", "Proposed", "Hello", "meeting"};
  mail.calendar = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
  mail.calendar_method = "REQUEST";
  ASSERT_TRUE(this->repo().SaveMeeting(m, std::nullopt, {mail}, Hour(0)).ok());
  ASSERT_TRUE(m.id.valid());
  auto found = this->repo().FindMeeting(m.id);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  m.updated_at = Hour(0);
  EXPECT_EQ(*found, m);
  auto outbox = this->store_.outbox->List(std::nullopt, 10);
  ASSERT_TRUE(outbox.ok());
  ASSERT_EQ(outbox->items.size(), 1u);
  EXPECT_EQ(outbox->items[0].message.calendar, mail.calendar);
  EXPECT_EQ(outbox->items[0].message.calendar_method, "REQUEST");
  EXPECT_EQ(this->repo().FindMeeting(domain::MeetingId(9999)).status().code(),
            ErrorCode::kNotFound);

  // Update, with the stale check.
  Meeting changed = *found;
  changed.status = MeetingStatus::kScheduled;
  changed.sequence = 1;
  changed.starts_at = Hour(11);
  changed.ends_at = Hour(12);
  EXPECT_EQ(this->repo().SaveMeeting(changed, Hour(5), {}, Hour(1)).code(), ErrorCode::kConflict);
  ASSERT_TRUE(this->repo().SaveMeeting(changed, found->updated_at, {}, Hour(1)).ok());
  EXPECT_EQ(this->repo().FindMeeting(m.id)->sequence, 1);
  EXPECT_EQ(this->repo().FindMeeting(m.id)->status, MeetingStatus::kScheduled);
  EXPECT_EQ(this->repo().FindMeeting(m.id)->updated_at, Hour(1));
  Meeting unknown = changed;
  unknown.id = domain::MeetingId(9999);
  EXPECT_EQ(this->repo().SaveMeeting(unknown, std::nullopt, {}, Hour(1)).code(),
            ErrorCode::kNotFound);
}

TYPED_TEST(MeetingRepositoryContract, OverlapsOfEitherPersonAreRefusedAndNothingIsWritten) {
  Meeting a = this->Make(7, "M1", "A", 10, "u1");
  ASSERT_TRUE(this->repo().SaveMeeting(a, std::nullopt, {}, Hour(0)).ok());
  // B's meeting with M1 (another relationship) at 10:30 overlaps.
  Meeting b = this->Make(8, "M1", "B", 10, "u2");
  b.starts_at += std::chrono::minutes(30);
  b.ends_at += std::chrono::minutes(30);
  domain::MailMessage mail{"b@example.com", "Proposed", "Hello", "meeting"};
  Status clash = this->repo().SaveMeeting(b, std::nullopt, {mail}, Hour(0));
  EXPECT_EQ(clash.code(), ErrorCode::kConflict);
  EXPECT_EQ(clash.field(), "starts_at");
  EXPECT_FALSE(b.id.valid());
  EXPECT_TRUE(this->store_.outbox->List(std::nullopt, 10)->items.empty());
  // Back to back is fine; so is an overlap with a cancelled meeting.
  Meeting c = this->Make(8, "M2", "A", 11, "u3");
  ASSERT_TRUE(this->repo().SaveMeeting(c, std::nullopt, {}, Hour(0)).ok());
  Meeting cancelled = *this->repo().FindMeeting(a.id);
  cancelled.status = MeetingStatus::kCancelled;
  ASSERT_TRUE(this->repo().SaveMeeting(cancelled, std::nullopt, {}, Hour(0)).ok());
  ASSERT_TRUE(this->repo().SaveMeeting(b, std::nullopt, {}, Hour(0)).ok());

  auto busy = this->repo().ListBusy("A", Hour(0), Hour(24));
  ASSERT_TRUE(busy.ok()) << busy.status().ToString();
  ASSERT_EQ(busy->size(), 1u);  // the cancelled one is not busy
  EXPECT_EQ((*busy)[0].uid, "u3");
  EXPECT_EQ(this->repo().ListBusy("M1", Hour(0), Hour(24))->size(), 1u);
  EXPECT_TRUE(this->repo().ListBusy("M1", Hour(12), Hour(24))->empty());
  auto mine = this->repo().ListForPerson("A", Hour(0));
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].uid, "u1");
  EXPECT_EQ((*mine)[1].uid, "u3");
  EXPECT_EQ(this->repo().ListForPerson("A", Hour(11))->size(), 1u);
  auto of_eight = this->repo().ListForRelationship(domain::RelationshipId(8));
  ASSERT_TRUE(of_eight.ok());
  ASSERT_EQ(of_eight->size(), 2u);
  EXPECT_EQ((*of_eight)[0].uid, "u2");
}

TYPED_TEST(MeetingRepositoryContract, LogsActionItemsAndFeeds) {
  Meeting m = this->Make(7, "M1", "A", 10, "u1");
  m.status = MeetingStatus::kScheduled;
  ASSERT_TRUE(this->repo().SaveMeeting(m, std::nullopt, {}, Hour(0)).ok());
  m.status = MeetingStatus::kHeld;
  m.log_minutes = 45;
  m.log_topics = "Career — next steps";
  m.logged_by = "A";
  m.logged_at = Hour(12);
  domain::ActionItem item;
  item.relationship = domain::RelationshipId(7);
  item.meeting = m.id;
  item.text = "Read the book";
  item.owner = "mentee";
  item.due = *domain::ParseDate("2027-01-31");
  item.created_by = "A";
  item.created_at = Hour(12);
  domain::ActionItem second = item;
  second.text = "Send the intro";
  second.owner = "mentor";
  second.due = *domain::ParseDate("2027-01-15");
  std::vector<domain::ActionItem> items = {item, second};
  EXPECT_EQ(this->repo().SaveLog(m, Hour(5), items, Hour(12)).code(), ErrorCode::kConflict);
  ASSERT_TRUE(this->repo().SaveLog(m, Hour(0), items, Hour(12)).ok());
  ASSERT_TRUE(items[0].id.valid());
  ASSERT_TRUE(items[1].id.valid());
  auto found = this->repo().FindMeeting(m.id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, m);

  auto list = this->repo().ListActionItems(domain::RelationshipId(7));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0], items[1]);  // the earlier due date first
  EXPECT_EQ((*list)[1], items[0]);
  ASSERT_TRUE(this->repo().SetActionItemDone(items[1].id, true, Hour(20)).ok());
  list = this->repo().ListActionItems(domain::RelationshipId(7));
  EXPECT_EQ((*list)[0].id, items[0].id);  // open first
  EXPECT_TRUE((*list)[1].done);
  EXPECT_EQ((*list)[1].done_at, Hour(20));
  ASSERT_TRUE(this->repo().SetActionItemDone(items[1].id, false, Hour(21)).ok());
  EXPECT_FALSE(this->repo().FindActionItem(items[1].id)->done_at);
  EXPECT_EQ(this->repo().SetActionItemDone(domain::ActionItemId(9999), true, Hour(1)).code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(this->repo().FindActionItem(domain::ActionItemId(9999)).status().code(),
            ErrorCode::kNotFound);

  // Feeds: one token per person, found by its hash, replaced by a reset, revoked.
  EXPECT_FALSE(*this->repo().FeedCreatedAt("A"));
  ASSERT_TRUE(this->repo().SetFeedToken("A", "hash-1", Hour(1)).ok());
  EXPECT_EQ(*this->repo().FeedCreatedAt("A"), Hour(1));
  EXPECT_EQ(*this->repo().FeedOwner("hash-1"), "A");
  ASSERT_TRUE(this->repo().SetFeedToken("A", "hash-2", Hour(2)).ok());
  EXPECT_FALSE(*this->repo().FeedOwner("hash-1"));
  EXPECT_EQ(*this->repo().FeedOwner("hash-2"), "A");
  ASSERT_TRUE(this->repo().DeleteFeedToken("A").ok());
  EXPECT_FALSE(*this->repo().FeedOwner("hash-2"));
  EXPECT_TRUE(this->repo().DeleteFeedToken("A").ok());
}

TYPED_TEST(MeetingRepositoryContract, ImportsHistoryInOneGo) {
  ASSERT_TRUE(this->repo().SetAvailability("M1", {{6, 0, 60}}, Hour(1)).ok());
  domain::MeetingHistory history;
  history.availability = {{"M1", {{0, 540, 720}}}, {"A", {{1, 600, 660}, {0, 60, 120}}}};
  Meeting held = this->Make(7, "M1", "A", 10, "h1");
  held.status = MeetingStatus::kHeld;
  held.log_minutes = 50;
  held.log_topics = "Goals";
  held.logged_by = "A";
  held.logged_at = Hour(12);
  held.updated_at = Hour(12);
  Meeting missed = this->Make(7, "M1", "A", 10, "h2");  // the same time: no overlap check
  missed.status = MeetingStatus::kMissed;
  missed.logged_by = "M1";
  missed.logged_at = Hour(13);
  domain::ActionItem item;
  item.text = "Read the book";
  item.owner = "mentee";
  item.due = *domain::ParseDate("2027-01-31");
  item.done = true;
  item.done_at = Hour(30);
  item.created_by = "A";
  item.created_at = Hour(12);
  history.meetings = {{held, {item}}, {missed, {}}};
  ASSERT_TRUE(this->repo().ImportHistory(history, Hour(40)).ok());

  EXPECT_EQ(this->repo().GetAvailability("M1")->first,
            (std::vector<AvailabilityWindow>{{0, 540, 720}}));
  EXPECT_EQ(this->repo().GetAvailability("A")->first,
            (std::vector<AvailabilityWindow>{{0, 60, 120}, {1, 600, 660}}));
  EXPECT_EQ(this->repo().GetAvailability("A")->second, Hour(40));
  auto list = this->repo().ListForRelationship(domain::RelationshipId(7));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  held.id = history.meetings[0].meeting.id;
  missed.id = history.meetings[1].meeting.id;
  ASSERT_TRUE(held.id.valid());
  EXPECT_NE(held.id, missed.id);
  EXPECT_EQ(*this->repo().FindMeeting(held.id), held);
  EXPECT_EQ(*this->repo().FindMeeting(missed.id), missed);
  auto items = this->repo().ListActionItems(domain::RelationshipId(7));
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 1u);
  item.id = history.meetings[0].items[0].id;
  item.relationship = domain::RelationshipId(7);
  item.meeting = held.id;
  EXPECT_EQ(items->front(), item);
}

}  // namespace
}  // namespace pairwise::storage
