// The MailOutbox contract, run against the in-memory fake, SQLite and PostgreSQL 15
// (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "domain/mail/mail_outbox.h"
#include "storage/database.h"
#include "storage/memory/memory_mail_outbox.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::MailId;
using domain::MailMessage;
using domain::MailOutbox;
using domain::MailStatus;
using domain::OutboxMail;
using std::chrono::minutes;
using std::chrono::seconds;

struct OutboxStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<MailOutbox> outbox;
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Memory() { return Store{nullptr, std::make_unique<MemoryMailOutbox>()}; }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> t) {
    Store store;
    store.outbox = MakeMailOutbox(t->db());
    store.database = std::move(t);
    return store;
  }
};

const TimePoint kT0 = TimePoint(std::chrono::hours(24 * 365 * 56));

MailMessage Mail(int n) {
  return MailMessage{"person" + std::to_string(n) + "@example.com", "Subject " + std::to_string(n),
                     "Body äö\nline 2\n", "invitation"};
}

template <typename Backend>
class MailOutboxContract : public testing::ContractTest<Backend> {
 protected:
  using testing::ContractTest<Backend>::store_;
  MailOutbox& outbox() { return *store_.outbox; }

  MailId Add(int n, TimePoint at = kT0) {
    auto id = outbox().Add(Mail(n), at);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : MailId();
  }

  std::vector<OutboxMail> Claim(TimePoint now, int limit, const std::string& claimer) {
    auto claimed = outbox().Claim(now, limit, claimer, now + minutes(5));
    EXPECT_TRUE(claimed.ok()) << claimed.status().ToString();
    return claimed.ok() ? *claimed : std::vector<OutboxMail>{};
  }

  OutboxMail Get(MailId id) {
    auto mail = outbox().Get(id);
    EXPECT_TRUE(mail.ok()) << mail.status().ToString();
    return mail.ok() ? *mail : OutboxMail{};
  }
};

TYPED_TEST_SUITE(MailOutboxContract, testing::ContractBackends<OutboxStores>,
                 testing::BackendNames);

TYPED_TEST(MailOutboxContract, AddStoresAQueuedMessage) {
  const MailId id = this->Add(1);
  ASSERT_TRUE(id.valid());
  OutboxMail mail = this->Get(id);
  EXPECT_EQ(mail.id, id);
  EXPECT_EQ(mail.message.to, "person1@example.com");
  EXPECT_EQ(mail.message.subject, "Subject 1");
  EXPECT_EQ(mail.message.text, "Body äö\nline 2\n");
  EXPECT_EQ(mail.message.kind, "invitation");
  EXPECT_EQ(mail.status, MailStatus::kQueued);
  EXPECT_EQ(mail.attempts, 0);
  EXPECT_EQ(mail.created_at, kT0);
  EXPECT_EQ(mail.next_attempt_at, kT0);
  EXPECT_FALSE(mail.sent_at.has_value());
  EXPECT_EQ(mail.last_error, "");
  EXPECT_EQ(mail.message.reminder_for, "");
  EXPECT_EQ(this->outbox().Get(MailId(id.value + 100)).status().code(), ErrorCode::kNotFound);
}

// A reminder keeps whose it is (migration 31): the sender makes its unsubscribe link from it.
TYPED_TEST(MailOutboxContract, AReminderKeepsItsRecipientsEmployeeId) {
  domain::MailMessage reminder{"p@example.com", "Reminder", "Text", "meeting_reminder"};
  reminder.reminder_for = "E42";
  auto id = this->outbox().Add(reminder, kT0);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(this->Get(*id).message.reminder_for, "E42");
  auto claimed = this->outbox().Claim(kT0, 10, "me", kT0 + std::chrono::minutes(1));
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ(claimed->front().message.reminder_for, "E42");
}

TYPED_TEST(MailOutboxContract, ClaimTakesDueMessagesOldestFirstAndLeasesThem) {
  const MailId a = this->Add(1, kT0);
  const MailId b = this->Add(2, kT0 - seconds(10));
  const MailId later = this->Add(3, kT0 + minutes(1));
  std::vector<OutboxMail> claimed = this->Claim(kT0, 10, "s1");
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_EQ(claimed[0].id, b);
  EXPECT_EQ(claimed[1].id, a);
  // Leased: nobody else gets them while the lease lasts.
  EXPECT_TRUE(this->Claim(kT0 + seconds(1), 10, "s2").empty());
  // The later one comes due.
  claimed = this->Claim(kT0 + minutes(1), 10, "s2");
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, later);
  // An expired lease (a sender that died) frees the message for another sender.
  claimed = this->Claim(kT0 + minutes(5) + seconds(30), 10, "s3");
  ASSERT_EQ(claimed.size(), 2u);
  // ... and the first claimer may no longer mark it.
  EXPECT_EQ(this->outbox().MarkSent(a, "s1", kT0).code(), ErrorCode::kConflict);
  EXPECT_TRUE(this->outbox().MarkSent(a, "s3", kT0 + minutes(6)).ok());
}

TYPED_TEST(MailOutboxContract, ClaimHonoursTheLimit) {
  for (int i = 0; i < 5; ++i) this->Add(i);
  EXPECT_EQ(this->Claim(kT0, 2, "s1").size(), 2u);
  EXPECT_EQ(this->Claim(kT0, 2, "s2").size(), 2u);
  EXPECT_EQ(this->Claim(kT0, 2, "s3").size(), 1u);
}

TYPED_TEST(MailOutboxContract, MarkSentRecordsTheAttempt) {
  const MailId id = this->Add(1);
  ASSERT_EQ(this->Claim(kT0, 1, "s1").size(), 1u);
  ASSERT_TRUE(this->outbox().MarkSent(id, "s1", kT0 + seconds(2)).ok());
  OutboxMail mail = this->Get(id);
  EXPECT_EQ(mail.status, MailStatus::kSent);
  EXPECT_EQ(mail.attempts, 1);
  EXPECT_EQ(mail.sent_at, kT0 + seconds(2));
  EXPECT_TRUE(this->Claim(kT0 + std::chrono::hours(1), 10, "s1").empty());
  // Marking again: no longer leased.
  EXPECT_EQ(this->outbox().MarkSent(id, "s1", kT0).code(), ErrorCode::kConflict);
  EXPECT_EQ(this->outbox().MarkSent(MailId(id.value + 50), "s1", kT0).code(), ErrorCode::kNotFound);
}

TYPED_TEST(MailOutboxContract, MarkRetryRequeuesForLater) {
  const MailId id = this->Add(1);
  ASSERT_EQ(this->Claim(kT0, 1, "s1").size(), 1u);
  ASSERT_TRUE(this->outbox().MarkRetry(id, "s1", "421 try later", kT0 + minutes(1)).ok());
  OutboxMail mail = this->Get(id);
  EXPECT_EQ(mail.status, MailStatus::kQueued);
  EXPECT_EQ(mail.attempts, 1);
  EXPECT_EQ(mail.last_error, "421 try later");
  EXPECT_EQ(mail.next_attempt_at, kT0 + minutes(1));
  EXPECT_TRUE(this->Claim(kT0 + seconds(59), 10, "s1").empty());
  std::vector<OutboxMail> again = this->Claim(kT0 + minutes(1), 10, "s2");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 1);
  ASSERT_TRUE(this->outbox().MarkFailed(id, "s2", "550 no such user").ok());
  mail = this->Get(id);
  EXPECT_EQ(mail.status, MailStatus::kFailed);
  EXPECT_EQ(mail.attempts, 2);
  EXPECT_EQ(mail.last_error, "550 no such user");
  EXPECT_TRUE(this->Claim(kT0 + std::chrono::hours(5), 10, "s1").empty());
}

TYPED_TEST(MailOutboxContract, MarkHeldKeepsTheMessageOutOfDelivery) {
  const MailId id = this->Add(1);
  ASSERT_EQ(this->Claim(kT0, 1, "s1").size(), 1u);
  ASSERT_TRUE(this->outbox().MarkHeld(id, "s1").ok());
  OutboxMail mail = this->Get(id);
  EXPECT_EQ(mail.status, MailStatus::kHeld);
  EXPECT_EQ(mail.attempts, 0);
  EXPECT_TRUE(this->Claim(kT0 + std::chrono::hours(5), 10, "s1").empty());
}

TYPED_TEST(MailOutboxContract, RequeueHeldQueuesOnlyHeldMessagesAgain) {
  const MailId held = this->Add(1);
  const MailId sent = this->Add(2);
  ASSERT_EQ(this->Claim(kT0, 2, "s1").size(), 2u);
  ASSERT_TRUE(this->outbox().MarkHeld(held, "s1").ok());
  ASSERT_TRUE(this->outbox().MarkSent(sent, "s1", kT0).ok());
  const TimePoint later = kT0 + std::chrono::hours(3);
  auto count = this->outbox().RequeueHeld(later);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 1);
  EXPECT_EQ(this->Get(held).status, MailStatus::kQueued);
  EXPECT_EQ(this->Get(sent).status, MailStatus::kSent);
  EXPECT_TRUE(this->Claim(later - std::chrono::seconds(1), 10, "s2").empty());  // due at `later`
  auto claimed = this->Claim(later, 10, "s2");
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, held);
  EXPECT_EQ(*this->outbox().RequeueHeld(later), 0);
}

TYPED_TEST(MailOutboxContract, ListPagesNewestFirst) {
  std::vector<MailId> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(this->Add(i));
  auto page = this->outbox().List(std::nullopt, 2);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, ids[4]);
  EXPECT_EQ(page->items[1].id, ids[3]);
  ASSERT_EQ(page->next, ids[3]);
  page = this->outbox().List(page->next, 2);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, ids[2]);
  page = this->outbox().List(page->next, 2);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, ids[0]);
  EXPECT_FALSE(page->next.has_value());
  page = this->outbox().List(std::nullopt, 5);
  EXPECT_EQ(page->items.size(), 5u);
  EXPECT_FALSE(page->next.has_value());
}

// Several senders claiming at once (on PostgreSQL: FOR UPDATE SKIP LOCKED; on SQLite: one write
// transaction at a time) share the messages out: each message goes to exactly one of them.
TYPED_TEST(MailOutboxContract, ConcurrentClaimersNeverShareAMessage) {
  constexpr int kMessages = 120;
  constexpr int kClaimers = 4;
  for (int i = 0; i < kMessages; ++i) this->Add(i);
  std::vector<std::vector<int64_t>> got(kClaimers);
  std::vector<std::string> errors(kClaimers);
  std::vector<std::thread> threads;
  for (int c = 0; c < kClaimers; ++c) {
    threads.emplace_back([&, c] {
      const std::string name = "sender-" + std::to_string(c);
      while (true) {
        auto claimed = this->outbox().Claim(kT0, 3, name, kT0 + minutes(5));
        if (!claimed.ok()) {
          errors[c] = claimed.status().ToString();
          return;
        }
        if (claimed->empty()) return;
        for (const OutboxMail& mail : *claimed) {
          got[c].push_back(mail.id.value);
          Status sent = this->outbox().MarkSent(mail.id, name, kT0);
          if (!sent.ok()) errors[c] = sent.ToString();
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::multiset<int64_t> all;
  for (int c = 0; c < kClaimers; ++c) {
    EXPECT_EQ(errors[c], "") << "claimer " << c;
    all.insert(got[c].begin(), got[c].end());
  }
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kMessages));
  EXPECT_EQ(std::set<int64_t>(all.begin(), all.end()).size(), static_cast<std::size_t>(kMessages));
}

}  // namespace
}  // namespace pairwise::storage
