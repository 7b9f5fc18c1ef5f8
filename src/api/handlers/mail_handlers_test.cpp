#include "api/handlers/mail_handlers.h"

#include <gtest/gtest.h>

#include "api/dispatcher.h"
#include "api/testing/fake_auth_gate.h"
#include "storage/memory/memory_mail_outbox.h"

namespace pairwise::api {
namespace {

nlohmann::json Body(const HttpResponse& r) { return nlohmann::json::parse(r.body); }

domain::Actor Person(std::vector<domain::Role> roles) {
  domain::Actor actor;
  actor.account_id = domain::AccountId(1);
  actor.employee_id = "E1";
  actor.roles = std::move(roles);
  return actor;
}

class MailHandlersTest : public ::testing::Test {
 protected:
  MailHandlersTest() : dispatcher_(router_, 1024) { RegisterMailRoutes(router_, gate_, api_); }

  HttpResponse Get(std::string target) {
    HttpRequest request;
    request.method = HttpMethod::kGet;
    request.target = std::move(target);
    request.request_id = "r";
    return dispatcher_.Handle(request);
  }

  FakeClock clock_{
      TimePoint(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::November / 23))};
  storage::MemoryMailOutbox outbox_;
  domain::MailService service_{outbox_, clock_};
  MailApi api_{service_, false};
  testing::FakeAuthGate gate_;
  Router router_;
  Dispatcher dispatcher_;
};

TEST_F(MailHandlersTest, SignedOutIs401) { EXPECT_EQ(Get("/api/v1/admin/mail").status, 401); }

TEST_F(MailHandlersTest, NonAdminsAre403) {
  gate_.SignIn(Person({}));
  auto r = Get("/api/v1/admin/mail");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Body(r)["error"]["code"], "forbidden");
  gate_.SignIn(Person({domain::Role::kCoordinator}));
  EXPECT_EQ(Get("/api/v1/admin/mail").status, 403);
}

TEST_F(MailHandlersTest, AdminsSeeTheOutboxNewestFirstWithPaging) {
  ASSERT_TRUE(service_.Enqueue({"a@example.com", "First", "Hello\n", "invitation"}).ok());
  ASSERT_TRUE(service_.Enqueue({"b@example.com", "Second", "Reset\n", "password_reset"}).ok());
  ASSERT_TRUE(service_.DeliverDue(nullptr, "test").ok());  // no relay: held
  ASSERT_TRUE(service_.Enqueue({"c@example.com", "Third", "Hi\n", "invitation"}).ok());
  gate_.SignIn(Person({domain::Role::kAdmin}));
  auto r = Get("/api/v1/admin/mail?limit=2");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  nlohmann::json body = Body(r);
  EXPECT_EQ(body["relay_configured"], false);
  ASSERT_EQ(body["items"].size(), 2u);
  EXPECT_EQ(body["items"][0]["to"], "c@example.com");
  EXPECT_EQ(body["items"][0]["status"], "queued");
  EXPECT_EQ(body["items"][1], (nlohmann::json{{"id", "2"},
                                              {"to", "b@example.com"},
                                              {"subject", "Second"},
                                              {"kind", "password_reset"},
                                              {"status", "held"},
                                              {"attempts", 0},
                                              {"created_at", "2026-11-23T00:00:00Z"},
                                              {"sent_at", nullptr},
                                              {"last_error", nullptr},
                                              {"text", "Reset\n"}}));
  ASSERT_EQ(body["next_cursor"], "2");
  r = Get("/api/v1/admin/mail?limit=2&cursor=2");
  body = Body(r);
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["to"], "a@example.com");
  EXPECT_TRUE(body["next_cursor"].is_null());
}

TEST_F(MailHandlersTest, BadQueryIs400) {
  gate_.SignIn(Person({domain::Role::kAdmin}));
  for (const char* target : {"/api/v1/admin/mail?cursor=abc", "/api/v1/admin/mail?cursor=-1",
                             "/api/v1/admin/mail?limit=0", "/api/v1/admin/mail?limit=201",
                             "/api/v1/admin/mail?limit=x"}) {
    auto r = Get(target);
    EXPECT_EQ(r.status, 400) << target;
  }
  EXPECT_EQ(Body(Get("/api/v1/admin/mail?limit=0"))["error"]["field"], "limit");
  EXPECT_EQ(Body(Get("/api/v1/admin/mail?cursor=abc"))["error"]["field"], "cursor");
}

}  // namespace
}  // namespace pairwise::api
