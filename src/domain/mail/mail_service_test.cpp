#include "domain/mail/mail_service.h"

#include <gtest/gtest.h>

#include <deque>

#include "storage/memory/memory_mail_outbox.h"

namespace pairwise::domain {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

MailMessage Mail(std::string to = "ada@example.com") {
  return MailMessage{std::move(to), "Welcome", "Hello\n", "invitation"};
}

Actor Admin() {
  Actor actor;
  actor.employee_id = "E1";
  actor.roles = {Role::kAdmin};
  return actor;
}

// Answers each Send with the next scripted Status (OK when the script is empty).
class ScriptedTransport final : public MailTransport {
 public:
  std::deque<Status> script;
  std::vector<MailMessage> sent;
  std::vector<DeliveryHeaders> headers;
  Status Send(const MailMessage& message, const DeliveryHeaders& h) override {
    headers.push_back(h);
    Status next = Status::Ok();
    if (!script.empty()) {
      next = script.front();
      script.pop_front();
    }
    if (next.ok()) sent.push_back(message);
    return next;
  }
};

class MailServiceTest : public ::testing::Test {
 protected:
  FakeClock clock_{TimePoint(std::chrono::hours(24 * 365 * 56))};
  storage::MemoryMailOutbox outbox_;
  MailService service_{outbox_, clock_};
  ScriptedTransport transport_;
};

TEST(MailAddressTest, AcceptsOrdinaryAddresses) {
  EXPECT_TRUE(IsValidMailAddress("ada@example.com"));
  EXPECT_TRUE(IsValidMailAddress("first.last+tag@mail.example.co.uk"));
  EXPECT_TRUE(IsValidMailAddress("x@localhost"));
}

TEST(MailAddressTest, RefusesMalformedAddresses) {
  for (const char* bad : {"", "ada", "@example.com", "ada@", "ada@@example.com", "a b@example.com",
                          "ada@example..com", ".ada@example.com", "ada.@example.com",
                          "ada@-example.com", "ada@example.com\r\nBcc: x@y.z", "<ada@example.com>",
                          "ada@exa_mple.com", "Ada <ada@example.com>"}) {
    EXPECT_FALSE(IsValidMailAddress(bad)) << bad;
  }
  EXPECT_FALSE(IsValidMailAddress(std::string(250, 'a') + "@example.com"));
}

TEST(RetryDelayTest, DoublesFromOneMinuteUpToOneHour) {
  MailPolicy policy;
  EXPECT_EQ(RetryDelay(policy, 1), seconds(60));
  EXPECT_EQ(RetryDelay(policy, 2), seconds(120));
  EXPECT_EQ(RetryDelay(policy, 3), seconds(240));
  EXPECT_EQ(RetryDelay(policy, 6), seconds(1920));
  EXPECT_EQ(RetryDelay(policy, 7), seconds(3600));
  EXPECT_EQ(RetryDelay(policy, 50), seconds(3600));
}

TEST_F(MailServiceTest, EnqueueValidates) {
  Status bad_to = service_.Enqueue(Mail("not an address"));
  EXPECT_EQ(bad_to.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad_to.field(), "to");
  MailMessage cr = Mail();
  cr.subject = "Hi\r\nBcc: everyone@example.com";
  EXPECT_EQ(service_.Enqueue(cr).field(), "subject");
  MailMessage lf = Mail();
  lf.subject = "Hi\nthere";
  EXPECT_EQ(service_.Enqueue(lf).code(), ErrorCode::kInvalidArgument);
  MailMessage no_kind = Mail();
  no_kind.kind.clear();
  EXPECT_EQ(service_.Enqueue(no_kind).field(), "kind");
  auto page = outbox_.List(std::nullopt, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
}

// Mail a repository writes in its own transaction (publishing, meetings) meets the same rules.
TEST(MailCheckTest, ChecksAsEnqueueAndKeepsOnlySendableMail) {
  EXPECT_TRUE(MailService::Check(Mail()).ok());
  EXPECT_EQ(MailService::Check(Mail("not an address")).field(), "to");
  MailMessage cr = Mail("bob@example.com");
  cr.subject = "Hi\r\nBcc: everyone@example.com";
  EXPECT_EQ(MailService::Check(cr).field(), "subject");
  MailMessage no_kind = Mail("cy@example.com");
  no_kind.kind.clear();
  const std::vector<MailMessage> kept =
      MailService::Sendable({Mail(), cr, Mail("x@"), no_kind, Mail("dee@example.com")});
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].to, "ada@example.com");
  EXPECT_EQ(kept[1].to, "dee@example.com");
}

TEST_F(MailServiceTest, DeliversQueuedMail) {
  ASSERT_TRUE(service_.Enqueue(Mail()).ok());
  auto round = service_.DeliverDue(&transport_, "s1");
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->sent, 1);
  ASSERT_EQ(transport_.sent.size(), 1u);
  EXPECT_EQ(transport_.sent[0].to, "ada@example.com");
  auto mail = outbox_.Get(MailId(1));
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(mail->status, MailStatus::kSent);
  EXPECT_EQ(mail->attempts, 1);
  EXPECT_EQ(mail->sent_at, clock_.Now());
  // Nothing is sent twice.
  round = service_.DeliverDue(&transport_, "s1");
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->claimed, 0);
}

TEST_F(MailServiceTest, RetriesWithBackoffThenSends) {
  ASSERT_TRUE(service_.Enqueue(Mail()).ok());
  transport_.script = {Status::Unavailable("relay down"), Status::Unavailable("relay down")};
  ASSERT_EQ(service_.DeliverDue(&transport_, "s1")->retried, 1);
  auto mail = outbox_.Get(MailId(1));
  EXPECT_EQ(mail->status, MailStatus::kQueued);
  EXPECT_EQ(mail->attempts, 1);
  EXPECT_EQ(mail->last_error, "relay down");
  EXPECT_EQ(mail->next_attempt_at, clock_.Now() + minutes(1));
  // Not due yet.
  clock_.Advance(seconds(59));
  EXPECT_EQ(service_.DeliverDue(&transport_, "s1")->claimed, 0);
  clock_.Advance(seconds(1));
  EXPECT_EQ(service_.DeliverDue(&transport_, "s1")->retried, 1);
  EXPECT_EQ(outbox_.Get(MailId(1))->next_attempt_at, clock_.Now() + minutes(2));
  clock_.Advance(minutes(2));
  EXPECT_EQ(service_.DeliverDue(&transport_, "s1")->sent, 1);
  mail = outbox_.Get(MailId(1));
  EXPECT_EQ(mail->status, MailStatus::kSent);
  EXPECT_EQ(mail->attempts, 3);
  EXPECT_EQ(mail->last_error, "");
}

TEST_F(MailServiceTest, PermanentRefusalFailsAtOnce) {
  ASSERT_TRUE(service_.Enqueue(Mail()).ok());
  transport_.script = {Status::InvalidArgument("550 no such user")};
  EXPECT_EQ(service_.DeliverDue(&transport_, "s1")->failed, 1);
  auto mail = outbox_.Get(MailId(1));
  EXPECT_EQ(mail->status, MailStatus::kFailed);
  EXPECT_EQ(mail->last_error, "550 no such user");
  clock_.Advance(std::chrono::hours(10));
  EXPECT_EQ(service_.DeliverDue(&transport_, "s1")->claimed, 0);
}

TEST_F(MailServiceTest, GivesUpAfterMaxAttempts) {
  MailPolicy policy;
  policy.max_attempts = 3;
  MailService service(outbox_, clock_, policy);
  ASSERT_TRUE(service.Enqueue(Mail()).ok());
  for (int i = 0; i < 3; ++i) {
    transport_.script.push_back(Status::Unavailable("timeout"));
    ASSERT_EQ(service.DeliverDue(&transport_, "s1")->claimed, 1);
    clock_.Advance(std::chrono::hours(2));
  }
  auto mail = outbox_.Get(MailId(1));
  EXPECT_EQ(mail->status, MailStatus::kFailed);
  EXPECT_EQ(mail->attempts, 3);
  EXPECT_EQ(mail->last_error, "gave up after 3 attempts: timeout");
}

// A slow relay: a round stops starting deliveries once half the lease has passed, and the
// messages it did not reach go out in a later round, once their lease ended.
TEST_F(MailServiceTest, SlowRoundLeavesTheRestToALaterRound) {
  class SlowTransport final : public MailTransport {
   public:
    explicit SlowTransport(FakeClock& clock) : clock_(clock) {}
    Status Send(const MailMessage&, const DeliveryHeaders&) override {
      clock_.Advance(std::chrono::minutes(2));
      ++sent;
      return Status::Ok();
    }
    int sent = 0;

   private:
    FakeClock& clock_;
  } slow(clock_);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(service_.Enqueue(Mail()).ok());
  auto round = service_.DeliverDue(&slow, "s1");
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->claimed, 5);
  EXPECT_EQ(round->sent, 3);  // at 0, 2 and 4 minutes; at 6 the 10-minute lease is half gone
  EXPECT_EQ(service_.DeliverDue(&slow, "s2")->claimed, 0);  // still leased to s1
  clock_.Advance(std::chrono::minutes(5));
  round = service_.DeliverDue(&slow, "s2");
  EXPECT_EQ(round->sent, 2);
  EXPECT_EQ(slow.sent, 5);
}

TEST_F(MailServiceTest, WithoutTransportMailIsHeld) {
  ASSERT_TRUE(service_.Enqueue(Mail()).ok());
  auto round = service_.DeliverDue(nullptr, "s1");
  EXPECT_EQ(round->held, 1);
  auto mail = outbox_.Get(MailId(1));
  EXPECT_EQ(mail->status, MailStatus::kHeld);
  EXPECT_EQ(mail->attempts, 0);
  EXPECT_EQ(mail->message.text, "Hello\n");
}

TEST_F(MailServiceTest, HeldMailIsSentOnceARelayIsConfigured) {
  ASSERT_TRUE(service_.Enqueue(Mail()).ok());
  ASSERT_EQ(service_.DeliverDue(nullptr, "s1")->held, 1);
  ScriptedTransport relay;
  EXPECT_EQ(service_.DeliverDue(&relay, "s1")->claimed, 0);  // held stays held by itself
  auto released = service_.ReleaseHeld();
  ASSERT_TRUE(released.ok());
  EXPECT_EQ(*released, 1);
  auto round = service_.DeliverDue(&relay, "s1");
  EXPECT_EQ(round->sent, 1);
  EXPECT_EQ(outbox_.Get(MailId(1))->status, MailStatus::kSent);
  EXPECT_EQ(*service_.ReleaseHeld(), 0);
}

TEST_F(MailServiceTest, ListIsForAdminsOnly) {
  ASSERT_TRUE(service_.Enqueue(Mail("a@example.com")).ok());
  ASSERT_TRUE(service_.Enqueue(Mail("b@example.com")).ok());
  Actor participant;
  participant.employee_id = "E2";
  EXPECT_EQ(service_.List(participant, std::nullopt, 10).status().code(), ErrorCode::kForbidden);
  Actor coordinator = participant;
  coordinator.roles = {Role::kCoordinator};
  EXPECT_EQ(service_.List(coordinator, std::nullopt, 10).status().code(), ErrorCode::kForbidden);
  Actor token;
  token.kind = Actor::Kind::kApiToken;
  token.scopes = {"export"};
  EXPECT_EQ(service_.List(token, std::nullopt, 10).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_.List(Admin(), std::nullopt, 0).status().field(), "limit");
  auto page = service_.List(Admin(), std::nullopt, 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].message.to, "b@example.com");
  ASSERT_TRUE(page->next.has_value());
  page = service_.List(Admin(), page->next, 1);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].message.to, "a@example.com");
  EXPECT_FALSE(page->next.has_value());
}

// The admin's outbox never shows a one-time survey link (it answers the survey as its person,
// without sign-in); the stored mail keeps it, and the rest of the text shows.
TEST_F(MailServiceTest, ListHidesOneTimeSurveyLinks) {
  const std::string token = "AbC-d_0123456789abcdefghijklmnopqrstuvwxyzA";
  MailMessage survey = Mail("a@example.com");
  survey.kind = "survey";
  survey.text = "Answer here:\nhttps://x.test/survey-links/" + token +
                "\nor again: https://x.test/survey-links/" + token +
                ".\nThe details: " + "https://x.test/relationships/4";
  ASSERT_TRUE(service_.Enqueue(survey).ok());
  auto page = service_.List(Admin(), std::nullopt, 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].message.text,
            "Answer here:\nhttps://x.test/survey-links/[one-time link, hidden]\nor again: "
            "https://x.test/survey-links/[one-time link, hidden].\nThe details: "
            "https://x.test/relationships/4");
  EXPECT_EQ(outbox_.Get(MailId(1))->message.text, survey.text) << "the relay still gets it";
  EXPECT_EQ(HideOneTimeLinks("no link /survey-links/"),
            "no link /survey-links/[one-time link, hidden]");
}

// Issues "https://x.test/unsubscribe/<n>" links, counting them, or fails when told to.
class CountingLinks final : public ReminderLinks {
 public:
  int issued = 0;
  bool fail = false;
  Result<std::string> Issue(const MailMessage& message) override {
    if (fail) return Status::Unavailable("database down");
    return "https://x.test/unsubscribe/" + message.reminder_for + "-" + std::to_string(++issued);
  }
};

TEST_F(MailServiceTest, OnlyReminderKindsMayCarryAnUnsubscribeLink) {
  MailMessage invitation = Mail();
  invitation.reminder_for = "E1";
  Status s = service_.Enqueue(invitation);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "reminder_for");
  for (const ReminderKind& kind : kReminderKinds) {
    MailMessage reminder = Mail();
    reminder.kind = std::string(kind.kind);
    reminder.reminder_for = "E1";
    EXPECT_TRUE(service_.Enqueue(reminder).ok()) << kind.kind;
  }
}

// The sender makes a link for each reminder at delivery and none for other mail; when no link
// can be made the attempt counts as failed and is retried, never sent without it.
TEST_F(MailServiceTest, RemindersGetALinkAtDeliveryOtherMailDoesNot) {
  CountingLinks links;
  service_.SetReminderLinks(&links);
  MailMessage reminder = Mail();
  reminder.kind = "meeting_reminder";
  reminder.reminder_for = "E7";
  ASSERT_TRUE(service_.Enqueue(reminder).ok());
  ASSERT_TRUE(service_.Enqueue(Mail()).ok());
  links.fail = true;
  auto round = service_.DeliverDue(&transport_, "me");
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->sent, 1);
  EXPECT_EQ(round->retried, 1);
  ASSERT_EQ(transport_.headers.size(), 1u);
  EXPECT_EQ(transport_.headers[0].list_unsubscribe, "") << "the invitation";
  links.fail = false;
  clock_.Advance(minutes(2));
  round = service_.DeliverDue(&transport_, "me");
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->sent, 1);
  ASSERT_EQ(transport_.headers.size(), 2u);
  EXPECT_EQ(transport_.headers[1].list_unsubscribe, "https://x.test/unsubscribe/E7-1");
  EXPECT_EQ(links.issued, 1);
}

}  // namespace
}  // namespace pairwise::domain
