// One-click unsubscribe from reminders (issue 20, RFC 8058) over the real server: only the
// one-click form POST (or the page's confirm) turns reminders off; reading the link, any other
// body and any unknown token change nothing and are never a 5xx; a second POST changes nothing
// more; the audit log records the change once.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api/dispatcher.h"
#include "api/handlers/unsubscribe_handlers.h"
#include "auth_test_support.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

class UnsubscribeTest : public ::testing::Test {
 protected:
  // A fresh link for E5's meeting reminders, as the mail sender makes one; its path.
  std::string LinkPath(const std::string& kind = "meeting_reminder") {
    domain::MailMessage mail{"p.E5@example.com", "Reminder", "Text", kind};
    mail.reminder_for = "E5";
    auto link = server_.app().unsubscribe().Issue(mail);
    EXPECT_TRUE(link.ok()) << link.status().ToString();
    const std::string base = "https://pairwise.test";
    EXPECT_EQ(link->substr(0, base.size()), base);
    return link->substr(base.size());
  }
  ClientResponse Post(const std::string& path, const std::string& body,
                      const std::string& content_type) {
    Headers headers;
    if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
    return server_.Connect().Request("POST", path, body, headers);
  }
  bool RemindersOff() {
    auto r = server_.Connect().Request("GET", "/api/v1/me/reminders", "", person_.Auth());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).value("non_essential_off", false);
  }
  int AuditCount() {
    auto r = server_.Connect().Request("GET", "/api/v1/audit?action=reminders_unsubscribed", "",
                                       admin_.Auth());
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<int>(json::parse(r.body)["items"].size());
  }

  AuthTestServer server_;
  TestSession person_ = SignInAs(server_, "E5");
  TestSession admin_ = SignInAs(server_, "E1", {domain::Role::kAdmin});
};

constexpr const char* kForm = "application/x-www-form-urlencoded";

TEST_F(UnsubscribeTest, ReadingTheLinkSaysWhatItStopsAndChangesNothing) {
  const std::string path = LinkPath();
  EXPECT_EQ(path.substr(0, 13), "/unsubscribe/");
  EXPECT_EQ(path.size(), 13u + 43u);
  for (const std::string& read : {path, "/api/v1" + path}) {
    auto r = server_.Connect().Request("GET", read);
    ASSERT_EQ(r.status, 200) << read << ": " << r.body;
    const json view = json::parse(r.body);
    EXPECT_FALSE(view["reminders_off"]);
    EXPECT_EQ(view["came_in"], "reminders of your mentoring meetings the day before");
    EXPECT_EQ(view["stops"].size(), domain::kReminderKinds.size());
    EXPECT_EQ(r.Header("cache-control"), "private, no-store");
    EXPECT_EQ(server_.Connect().Request("HEAD", read).status, 200);
  }
  EXPECT_FALSE(RemindersOff());
  EXPECT_EQ(AuditCount(), 0);
}

TEST_F(UnsubscribeTest, TheOneClickPostTurnsRemindersOffOnceAndIsRecorded) {
  const std::string path = LinkPath();
  auto r = Post(path, "List-Unsubscribe=One-Click", kForm);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(json::parse(r.body)["reminders_off"]);
  EXPECT_TRUE(json::parse(r.body)["just_turned_off"]);
  EXPECT_TRUE(RemindersOff());
  // Again (providers retry): still off, nothing more recorded.
  r = Post(path, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded; charset=utf-8");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(json::parse(r.body)["just_turned_off"]);
  EXPECT_EQ(AuditCount(), 1);
  auto audit = server_.Connect().Request("GET", "/api/v1/audit?action=reminders_unsubscribed", "",
                                         admin_.Auth());
  const json entry = json::parse(audit.body)["items"][0];
  EXPECT_EQ(entry["target"], "person E5");
  EXPECT_NE(entry["detail"].get<std::string>().find("meeting_reminder"), std::string::npos);
  // The person turns them back on in their settings; another link still works after that.
  auto on = server_.Connect().Request(
      "PUT", "/api/v1/me/reminders", R"({"non_essential_off":false})", JsonHeaders(person_.Auth()));
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_FALSE(RemindersOff());
  // multipart/form-data, as RFC 8058 prefers, and the page's confirm (no body) work too.
  const std::string boundary = "----x";
  r = Post(
      LinkPath("nudge"),
      "--" + boundary +
          "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--" +
          boundary + "--\r\n",
      "multipart/form-data; boundary=" + boundary);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(RemindersOff());
  ASSERT_EQ(server_.Connect()
                .Request("PUT", "/api/v1/me/reminders", R"({"non_essential_off":false})",
                         JsonHeaders(person_.Auth()))
                .status,
            200);
  r = server_.Connect().Request("POST", "/api/v1" + LinkPath("feedback_reminder"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(RemindersOff());
  EXPECT_EQ(AuditCount(), 3);
}

// Bad input on the one-click route: any body but the one-click form is a 400 naming it, an
// oversized one 413, an unknown token 404; never a 5xx, and nothing changes.
TEST_F(UnsubscribeTest, AnyOtherBodyOrAnUnknownTokenChangesNothing) {
  const std::string path = LinkPath();
  const std::vector<std::pair<std::string, std::string>> wrong = {
      {"", ""},
      {"List-Unsubscribe=One-Click", ""},
      {"List-Unsubscribe=One-Click", "text/plain"},
      {R"({"List-Unsubscribe":"One-Click"})", "application/json"},
      {"List-Unsubscribe=Yes", kForm},
      {"List-Unsubscribe", kForm},
      {"list-unsubscribe=one-click", kForm},
      {"%ZZ=%", kForm},
      {"", kForm},
      {"--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nOne-Click\r\n--b--",
       "multipart/form-data; boundary=b"},
      {"--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"",
       "multipart/form-data; boundary=b"},
  };
  for (const auto& [body, type] : wrong) {
    auto r = Post(path, body, type);
    EXPECT_EQ(r.status, 400) << type << " " << body << ": " << r.body;
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "List-Unsubscribe") << body;
  }
  EXPECT_EQ(Post(path, std::string(5000, 'a'), kForm).status, 413);
  for (const std::string& token :
       {std::string("bogus"), std::string(43, 'A'), std::string(43, '*'), std::string(2000, 'x'),
        std::string("%00"), std::string("..%2F..%2Fetc")}) {
    for (const std::string& p : {"/unsubscribe/" + token, "/api/v1/unsubscribe/" + token}) {
      auto r = Post(p, "List-Unsubscribe=One-Click", kForm);
      EXPECT_GE(r.status, 400) << p;
      EXPECT_LT(r.status, 500) << p << ": " << r.body;
      auto g = server_.Connect().Request("GET", p);
      EXPECT_GE(g.status, 400) << p;
      EXPECT_LT(g.status, 500) << p << ": " << g.body;
    }
  }
  EXPECT_EQ(
      Post("/unsubscribe/" + std::string(43, 'A'), "List-Unsubscribe=One-Click", kForm).status,
      404);
  EXPECT_FALSE(RemindersOff());
  EXPECT_EQ(AuditCount(), 0);
}

TEST(OneClickBodyTest, TheAccessLogHidesTheToken) {
  EXPECT_EQ(api::RedactTargetForLog("/unsubscribe/AbC_9"), "/unsubscribe/***");
  EXPECT_EQ(api::RedactTargetForLog("/api/v1/unsubscribe/AbC_9"), "/api/v1/unsubscribe/***");
}

TEST(OneClickBodyTest, OnlyTheFormOfRfc8058) {
  EXPECT_TRUE(api::IsOneClickBody(kForm, "List-Unsubscribe=One-Click"));
  EXPECT_TRUE(
      api::IsOneClickBody("Application/X-WWW-Form-Urlencoded", "a=1&List-Unsubscribe=One-Click"));
  EXPECT_TRUE(api::IsOneClickBody(kForm, "List%2DUnsubscribe=One%2DClick"));
  EXPECT_FALSE(api::IsOneClickBody(kForm, "List-Unsubscribe=One-Click2"));
  EXPECT_FALSE(api::IsOneClickBody("application/json", "List-Unsubscribe=One-Click"));
}

}  // namespace
}  // namespace pairwise::testing
