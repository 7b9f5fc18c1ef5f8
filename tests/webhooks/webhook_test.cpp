// Webhooks end to end (issue 24): the application on SQLite and PostgreSQL posts events to a real
// HTTP receiver on loopback (tests/webhooks/receiver.py, python3's http.server), which checks
// every signature as a receiver should; retries with backoff through the database queue; a
// receiver's refusal is final; the delivery log; a test event; several senders at once deliver
// each event exactly once.
#include <gtest/gtest.h>
#include <signal.h>
#include <soci/soci.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "app/application.h"
#include "common/crypto.h"
#include "domain/demo/demo_relationships.h"
#include "smtp_sink.h"
#include "sso/webhook_transport.h"
#include "storage/testing/test_database.h"

extern char** environ;

namespace pairwise {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using storage::testing::TestDatabase;

// One receiver process; stopped on destruction.
class Receiver {
 public:
  explicit Receiver(int fail_first = 0) : port_(mail::testing::FreePort()) {
    dir_ = fs::temp_directory_path() /
           ("pairwise-hooks-" + std::to_string(getpid()) + "-" + std::to_string(port_));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::vector<std::string> args = {"/usr/bin/python3",
                                     PAIRWISE_WEBHOOK_RECEIVER,
                                     "--port",
                                     std::to_string(port_),
                                     "--dir",
                                     dir_.string(),
                                     "--fail-first",
                                     std::to_string(fail_first)};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) pid_ = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (pid_ && !fs::exists(dir_ / "ready") && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~Receiver() {
    if (pid_) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    fs::remove_all(dir_);
  }
  bool ready() const { return pid_ && fs::exists(dir_ / "ready"); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hooks"; }
  void SetSecret(const std::string& secret) { std::ofstream(dir_ / "secret") << secret; }
  int Count() const {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir_)) n += e.path().extension() == ".json";
    return n;
  }
  json Request(int n) const {
    std::ifstream in(dir_ / (std::to_string(n) + ".json"));
    return json::parse(in, nullptr, false);
  }

 private:
  uint16_t port_;
  fs::path dir_;
  pid_t pid_ = 0;
};

domain::Actor PersonActor(const std::string& employee_id) {
  domain::Actor actor;
  actor.account_id = domain::AccountId(99);
  actor.employee_id = employee_id;
  return actor;
}

class WebhookTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam() && !storage::testing::PostgresTestUrl()) {
      if (storage::testing::PostgresRequired()) FAIL() << "PostgreSQL required";
      GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is not set";
    }
    auto db = GetParam() ? TestDatabase::Postgres(1) : TestDatabase::Sqlite(1);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    db_->Close();
    const auto& url = db_->url();
    app::ApplicationOptions options;
    options.password_cost = crypto::PasswordCost::Fast();
    options.clock = &clock_;
    options.notes_key = std::string(64, 'b');
    auto app = app::Application::Open(
        url.kind == DatabaseKind::kSqlite ? "sqlite:" + url.target : url.target, 6, options);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    admin_.account_id = domain::AccountId(1);
    admin_.employee_id = "E1";
    admin_.roles = {domain::Role::kAdmin};
  }

  domain::CreatedWebhook Register(const Receiver& receiver, std::vector<std::string> events) {
    auto made = app_->webhooks().Create(admin_, {receiver.url(), "Reports", std::move(events)});
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? *made : domain::CreatedWebhook{};
  }
  domain::WebhookRound Round(const std::string& claimer = "test") {
    auto round = app_->webhooks().DeliverDue(transport_, claimer);
    EXPECT_TRUE(round.ok()) << round.status().ToString();
    return round.ok() ? *round : domain::WebhookRound{};
  }
  std::vector<domain::WebhookDelivery> Log(domain::WebhookId id) {
    auto page = app_->webhooks().Deliveries(admin_, id, std::nullopt, 200);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->items : std::vector<domain::WebhookDelivery>{};
  }

  // Real time: the receiver refuses signatures older than five minutes.
  FakeClock clock_{SystemClock().Now()};
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<app::Application> app_;
  domain::Actor admin_;
  sso::HttpWebhookTransport transport_{sso::HttpsClientOptions{}};
};

TEST_P(WebhookTest, SubscribedEventsArriveSignedOthersDoNot) {
  Receiver receiver;
  ASSERT_TRUE(receiver.ready());
  auto hook = Register(receiver, {"relationship.started", "meeting.logged"});
  ASSERT_TRUE(hook.secret.starts_with("whsec_"));
  receiver.SetSecret(hook.secret);
  // The secret is stored sealed, never as it was shown.
  auto listed = app_->webhooks().List(admin_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().sealed_secret.find(hook.secret), std::string::npos);
  EXPECT_TRUE(listed->front().sealed_secret.starts_with("sealed:"));

  ASSERT_TRUE(app_->webhooks().Publish("relationship.started", {{"relationship_id", "7"}}).ok());
  ASSERT_TRUE(app_->webhooks().Publish("goal.completed", {{"goal_id", "3"}}).ok());
  EXPECT_EQ(Round().delivered, 1);
  ASSERT_EQ(receiver.Count(), 1);
  const json got = receiver.Request(1);
  EXPECT_TRUE(got["valid"]) << got.dump();
  EXPECT_EQ(got["event"], "relationship.started");
  const json body = json::parse(got["body"].get<std::string>());
  EXPECT_EQ(body["type"], "relationship.started");
  EXPECT_EQ(body["data"]["relationship_id"], "7");
  EXPECT_TRUE(body["id"].get<std::string>().starts_with("evt_"));

  // A test event goes to this endpoint whatever it subscribes to.
  auto test = app_->webhooks().SendTest(admin_, hook.endpoint.id);
  ASSERT_TRUE(test.ok()) << test.status().ToString();
  EXPECT_EQ(Round().delivered, 1);
  EXPECT_EQ(receiver.Request(2)["event"], "webhook.test");
  EXPECT_TRUE(receiver.Request(2)["valid"]);
  auto log = Log(hook.endpoint.id);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].event, "webhook.test") << "newest first";
  EXPECT_EQ(log[0].status, domain::WebhookDeliveryStatus::kDelivered);
  EXPECT_EQ(log[0].last_status, 204);
  EXPECT_EQ(log[0].attempts, 1);

  // A receiver that does not know the secret refuses: final, not retried.
  receiver.SetSecret("whsec_someone-else");
  ASSERT_TRUE(app_->webhooks().Publish("meeting.logged", {{"meeting_id", "1"}}).ok());
  EXPECT_EQ(Round().failed, 1);
  EXPECT_FALSE(receiver.Request(3)["valid"]);
  log = Log(hook.endpoint.id);
  EXPECT_EQ(log[0].status, domain::WebhookDeliveryStatus::kFailed);
  EXPECT_EQ(log[0].last_status, 401);
  EXPECT_EQ(Round().claimed, 0);

  // Paused: nothing is queued for it.
  auto paused = app_->webhooks().Update(
      admin_, hook.endpoint.id, {receiver.url(), "Reports", {"relationship.started"}, false});
  ASSERT_TRUE(paused.ok()) << paused.status().ToString();
  ASSERT_TRUE(app_->webhooks().Publish("relationship.started", {{"relationship_id", "8"}}).ok());
  EXPECT_EQ(Round().claimed, 0);
}

TEST_P(WebhookTest, AnUnavailableReceiverIsRetriedWithBackoff) {
  Receiver receiver(/*fail_first=*/2);
  ASSERT_TRUE(receiver.ready());
  auto hook = Register(receiver, {"goal.completed"});
  receiver.SetSecret(hook.secret);
  ASSERT_TRUE(app_->webhooks().Publish("goal.completed", {{"goal_id", "1"}}).ok());
  EXPECT_EQ(Round().retried, 1);
  EXPECT_EQ(Round().claimed, 0) << "not due before its backoff";
  clock_.Advance(std::chrono::seconds(31));
  EXPECT_EQ(Round().retried, 1);
  clock_.Advance(std::chrono::seconds(31));
  EXPECT_EQ(Round().claimed, 0) << "the second wait is twice as long";
  clock_.Advance(std::chrono::seconds(31));
  EXPECT_EQ(Round().delivered, 1);
  auto log = Log(hook.endpoint.id);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].attempts, 3);
  EXPECT_EQ(receiver.Count(), 3);
  EXPECT_EQ(receiver.Request(1)["answered"], 503);
  EXPECT_EQ(receiver.Request(3)["answered"], 204);
  // A receiver that is not there: retried, the error says why.
  auto gone = app_->webhooks().Create(admin_, {"http://127.0.0.1:1/x", "", {"goal.completed"}});
  ASSERT_TRUE(gone.ok());
  ASSERT_TRUE(app_->webhooks().Publish("goal.completed", {{"goal_id", "2"}}).ok());
  auto round = Round();
  EXPECT_EQ(round.retried, 1);
  EXPECT_EQ(round.delivered, 1);
  log = Log(gone->endpoint.id);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].last_error.find("cannot connect"), std::string::npos) << log[0].last_error;
}

TEST_P(WebhookTest, SeveralSendersAtOnceDeliverEachEventOnce) {
  Receiver receiver;
  ASSERT_TRUE(receiver.ready());
  auto hook = Register(receiver, {"meeting.logged"});
  receiver.SetSecret(hook.secret);
  for (int i = 0; i < 12; ++i) {
    ASSERT_TRUE(
        app_->webhooks().Publish("meeting.logged", {{"meeting_id", std::to_string(i)}}).ok());
  }
  std::vector<std::thread> senders;
  for (int t = 0; t < 4; ++t) {
    senders.emplace_back([this, t] {
      sso::HttpWebhookTransport transport{sso::HttpsClientOptions{}};
      for (int r = 0; r < 3; ++r) {
        auto round = app_->webhooks().DeliverDue(transport, "sender" + std::to_string(t));
        EXPECT_TRUE(round.ok()) << round.status().ToString();
      }
    });
  }
  for (auto& s : senders) s.join();
  EXPECT_EQ(receiver.Count(), 12);
  std::set<std::string> deliveries;
  for (int n = 1; n <= receiver.Count(); ++n) {
    EXPECT_TRUE(receiver.Request(n)["valid"]);
    deliveries.insert(receiver.Request(n)["delivery"].get<std::string>());
  }
  EXPECT_EQ(deliveries.size(), 12u);
}

// What happens in a relationship reaches the endpoint: the demo's mentor ends a pair early and
// the receiver gets relationship.ended, signed, naming the pair and the reason.
TEST_P(WebhookTest, EndingARelationshipSendsItsEvent) {
  domain::DemoOptions demo;
  demo.people = 600;
  auto loaded = app_->LoadDemoIfEmpty(demo);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Receiver receiver;
  ASSERT_TRUE(receiver.ready());
  auto hook = Register(receiver, {"relationship.ended"});
  receiver.SetSecret(hook.secret);
  // An active pair of the demo's Leadership Circle.
  long long id = 0;
  std::string mentor;
  // Bound by reference: the name must outlive the statement, which runs at the end of the line.
  const std::string program(domain::kDemoRelationshipsProgramName);
  Status read = app_->database().Run(storage::TransactionMode::kRead, [&](soci::session& sql) {
    sql << "SELECT r.id, r.mentor FROM relationships r JOIN programs p ON p.id = r.program_id "
           "WHERE r.status = 'active' AND p.name = :name ORDER BY r.id LIMIT 1",
        soci::into(id), soci::into(mentor), soci::use(program);
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.ToString();
  ASSERT_GT(id, 0);
  domain::Actor actor;
  actor.account_id = domain::AccountId(99);
  actor.employee_id = mentor;
  auto ended =
      app_->relationships().End(actor, domain::RelationshipId(id), domain::EndReason::kNoTime, "");
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(Round().delivered, 1);
  ASSERT_EQ(receiver.Count(), 1);
  const json got = receiver.Request(1);
  EXPECT_TRUE(got["valid"]) << got.dump();
  EXPECT_EQ(got["event"], "relationship.ended");
  const json body = json::parse(got["body"].get<std::string>());
  EXPECT_EQ(body["data"]["relationship_id"], std::to_string(id));
  EXPECT_EQ(body["data"]["mentor"], mentor);
  EXPECT_EQ(body["data"]["end_reason"], "no_time");
}

// A group meeting logged as held reaches the endpoint as meeting.logged, as a pair's does, with
// what names the group: the demo's Peer Circles mentor corrects the log of a held meeting.
TEST_P(WebhookTest, LoggingAGroupMeetingSendsMeetingLogged) {
  domain::DemoOptions demo;
  demo.people = 600;
  auto loaded = app_->LoadDemoIfEmpty(demo);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Receiver receiver;
  ASSERT_TRUE(receiver.ready());
  auto hook = Register(receiver, {"meeting.logged"});
  receiver.SetSecret(hook.secret);
  long long meeting = 0, relationship = 0, program = 0;
  std::string mentor;
  Status read = app_->database().Run(storage::TransactionMode::kRead, [&](soci::session& sql) {
    sql << "SELECT g.id, g.mentor, g.program_id, r.id FROM group_meetings g JOIN relationships r "
           "ON r.program_id = g.program_id AND r.mentor = g.mentor WHERE g.status = 'held' AND "
           "r.status = 'active' ORDER BY g.id, r.id LIMIT 1",
        soci::into(meeting), soci::into(mentor), soci::into(program), soci::into(relationship);
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.ToString();
  ASSERT_GT(meeting, 0) << "the demo has a held group meeting";
  auto before = app_->group_meetings().Get(
      PersonActor(mentor), domain::RelationshipId(relationship), domain::GroupMeetingId(meeting));
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  domain::GroupMeetingLog log;
  log.outcome = domain::MeetingStatus::kHeld;
  log.duration_minutes = 50;
  log.topics = "Feedback on presentations";
  for (const auto& a : before->meeting.attendees) log.attended.push_back(a.employee_id);
  auto logged =
      app_->group_meetings().Log(PersonActor(mentor), domain::RelationshipId(relationship),
                                 domain::GroupMeetingId(meeting), log);
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  EXPECT_EQ(Round().delivered, 1);
  ASSERT_EQ(receiver.Count(), 1);
  const json got = receiver.Request(1);
  EXPECT_TRUE(got["valid"]) << got.dump();
  EXPECT_EQ(got["event"], "meeting.logged");
  const json data = json::parse(got["body"].get<std::string>())["data"];
  EXPECT_EQ(data["relationship_id"], std::to_string(relationship));
  EXPECT_EQ(data["meeting_id"], std::to_string(meeting));
  EXPECT_EQ(data["outcome"], "held");
  EXPECT_EQ(data["minutes"], "50");
  EXPECT_EQ(data["group"], "true");
  EXPECT_EQ(data["program_id"], std::to_string(program));
  EXPECT_EQ(data["mentor"], mentor);
}

TEST_P(WebhookTest, OnlyAdminsAndOnlyGoodInput) {
  domain::Actor person;
  person.account_id = domain::AccountId(2);
  person.employee_id = "E2";
  EXPECT_EQ(app_->webhooks().List(person).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(app_->webhooks()
                .Create(person, {"https://x.example.com/", "", {"goal.completed"}})
                .status()
                .code(),
            ErrorCode::kForbidden);
  auto field = [&](domain::WebhookInput input) {
    return app_->webhooks().Create(admin_, input).status().field();
  };
  EXPECT_EQ(field({"ftp://x.example.com/", "", {"goal.completed"}}), "url");
  EXPECT_EQ(field({"https://user:pw@x.example.com/", "", {"goal.completed"}}), "url");
  EXPECT_EQ(field({"https://x.example.com/#a", "", {"goal.completed"}}), "url");
  EXPECT_EQ(field({"https://", "", {"goal.completed"}}), "url");
  EXPECT_EQ(field({"https://x.example.com/", std::string(201, 'a'), {"goal.completed"}}),
            "description");
  EXPECT_EQ(field({"https://x.example.com/", "", {}}), "events");
  EXPECT_EQ(field({"https://x.example.com/", "", {"goal.completed", "nope"}}), "events[1]");
  EXPECT_EQ(field({"https://x.example.com/", "", {"goal.completed", "goal.completed"}}),
            "events[1]");
  auto listed = app_->webhooks().List(admin_);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty()) << "nothing was stored";
}

TEST(WebhookSignatureTest, IsTheHmacOfTimestampDotBody) {
  // RFC 4231 test case 2 ("Jefe"), with the data split as "<t>.<body>".
  EXPECT_EQ(domain::WebhookSignature("Jefe", 0, "what do ya want for nothing?").substr(0, 7),
            "t=0,v1=");
  EXPECT_EQ(crypto::HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(domain::WebhookSignature("Jefe", 0, "x"),
            "t=0,v1=" + crypto::HmacSha256Hex("Jefe", "0.x"));
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Postgres" : "Sqlite"; });

}  // namespace
}  // namespace pairwise
