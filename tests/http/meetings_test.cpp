// Meetings over the real server and SQLite: availability, mutual free slots, proposing from a
// slot, accepting as the other side (invites queued in the outbox), bad input (4xx naming the
// field, nothing written), and who may see or act on a real relationship (only its pair).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth_test_support.h"
#include "domain/people/test_util.h"
#include "storage/database.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

json Body(const ClientResponse& r) { return json::parse(r.body); }

// AccessDirectory() plus mentors F1, F2 (Finance, level 6, under E3), all in London.
domain::Directory MeetingDirectory() {
  domain::Directory d = AccessDirectory();
  for (const char* id : {"F1", "F2"}) {
    domain::PersonRecord p = domain::testing::MakePerson(id, "E3");
    p.department = "FIN";
    p.level = 6;
    d.people.push_back(p);
  }
  return d;
}

class MeetingsHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A published one-on-one program: E5 (mentee, reports to E2) gets F1 or F2.
    auto created = Call("POST", "/api/v1/programs", coordinator_,
                        {{"name", "Meetings"},
                         {"type", "one_on_one"},
                         {"need", "career_development"},
                         {"start_date", "2027-01-01"},
                         {"end_date", "2027-12-31"},
                         {"enrollment_opens", "2026-11-01"},
                         {"enrollment_closes", "2026-12-15"},
                         {"mentor_capacity", {{"mentees", 2}, {"hours_per_month", 4}}}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string program =
        "/api/v1/programs/" + std::to_string(Body(created)["id"].get<int64_t>());
    ASSERT_EQ(Call("POST", program + "/open", coordinator_).status, 200);
    ASSERT_EQ(Call("POST", program + "/nominations", coordinator_,
                   {{"side", "mentor"}, {"employee_ids", {"F1", "F2"}}})
                  .status,
              200);
    ASSERT_EQ(Call("POST", program + "/nominations", coordinator_,
                   {{"side", "mentee"}, {"employee_ids", {"E5"}}})
                  .status,
              200);
    auto queued = Call("POST", program + "/proposals", coordinator_, json::object());
    ASSERT_EQ(queued.status, 202) << queued.body;
    auto ran = server_.app().matching().RunNextJob("test-worker");
    ASSERT_TRUE(ran.ok() && *ran);
    const std::string proposal =
        program + "/proposals/" + std::to_string(Body(queued)["id"].get<int64_t>());
    auto published = Call("POST", proposal + "/publish", coordinator_);
    ASSERT_EQ(published.status, 200) << published.body;
    auto mine = Body(Call("GET", "/api/v1/me/relationships", mentee_));
    ASSERT_EQ(mine["items"].size(), 1u) << mine.dump();
    relationship_ =
        "/api/v1/relationships/" + std::to_string(mine["items"][0]["id"].get<int64_t>());
    mentor_ = SignInAs(server_, mine["items"][0]["mentor"]["employee_id"].get<std::string>());
    // Meetings are planned once both sides accepted the agreement.
    auto accepted = Call("POST", relationship_ + "/agreement/accept", mentee_, {{"version", 0}});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    accepted = Call("POST", relationship_ + "/agreement/accept", mentor_, {{"version", 1}});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    ASSERT_EQ(Body(accepted)["status"], "active") << accepted.body;
  }

  ClientResponse Call(const std::string& method, const std::string& path, const TestSession& who,
                      const json& body = nullptr) {
    Headers headers = who.Auth();
    std::string text;
    if (!body.is_null()) {
      headers.emplace_back("Content-Type", "application/json");
      text = body.dump();
    }
    return server_.Connect().Request(method, path, text, headers);
  }

  // Mail in the outbox (invites are queued with the meeting's write), newest first.
  std::vector<domain::OutboxMail> Outbox() {
    auto outbox = storage::MakeMailOutbox(server_.app().database());
    auto page = outbox->List(std::nullopt, 200);
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->items : std::vector<domain::OutboxMail>{};
  }

  AuthTestServer server_{MeetingDirectory()};  // the clock: Monday 23 November 2026, 00:00 UTC
  TestSession coordinator_ = SignInAs(server_, "E3", {domain::Role::kCoordinator});
  TestSession mentee_ = SignInAs(server_, "E5");
  TestSession mentor_;
  std::string relationship_;
};

TEST_F(MeetingsHttpTest, ProposeFromAFreeSlotAndAcceptAsTheOtherSide) {
  // Availability: the mentee weekdays 09:00-17:00, the mentor Mondays 13:00-15:00 (London).
  json week = json::array();
  for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday"}) {
    week.push_back({{"weekday", day}, {"start", "09:00"}, {"end", "17:00"}});
  }
  auto set = Call("PUT", "/api/v1/me/availability", mentee_, {{"windows", week}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Body(set)["time_zone"], "Europe/London");
  EXPECT_EQ(Body(set)["windows"].size(), 5u);
  ASSERT_EQ(Call("PUT", "/api/v1/me/availability", mentor_,
                 {{"windows", {{{"weekday", "monday"}, {"start", "13:00"}, {"end", "15:00"}}}}})
                .status,
            200);
  auto got = Body(Call("GET", "/api/v1/me/availability", mentor_));
  EXPECT_EQ(got["windows"][0], json({{"weekday", "monday"}, {"start", "13:00"}, {"end", "15:00"}}));

  auto slots = Call("GET", relationship_ + "/free-slots?duration_minutes=60&limit=5", mentee_);
  ASSERT_EQ(slots.status, 200) << slots.body;
  const json items = Body(slots)["items"];
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0]["starts_at"], "2026-11-23T13:00:00Z");
  EXPECT_EQ(items[1]["starts_at"], "2026-11-23T13:30:00Z");
  EXPECT_EQ(items[2]["starts_at"], "2026-11-23T14:00:00Z");
  EXPECT_EQ(items[3]["starts_at"], "2026-11-30T13:00:00Z");
  EXPECT_EQ(items[0]["local"][1]["starts_at"], "2026-11-23T13:00:00+00:00");
  EXPECT_EQ(items[0]["local"][1]["time_zone"], "Europe/London");

  auto proposed = Call("POST", relationship_ + "/meetings", mentee_,
                       {{"starts_at", items[0]["starts_at"]},
                        {"duration_minutes", 60},
                        {"mode", "virtual"},
                        {"video_url", "https://meet.example.com/abc"},
                        {"agenda", "Goals for the quarter"},
                        {"from_slot", true}});
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const std::string meeting =
      relationship_ + "/meetings/" + std::to_string(Body(proposed)["id"].get<int64_t>());
  EXPECT_EQ(Body(proposed)["status"], "proposed");
  auto theirs = Body(Call("GET", relationship_ + "/meetings", mentor_))["items"];
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0]["awaiting_me"], true);
  EXPECT_EQ(Call("POST", meeting + "/accept", mentee_).status, 409);  // one's own proposal

  auto accepted = Call("POST", meeting + "/accept", mentor_);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(Body(accepted)["status"], "scheduled");
  EXPECT_EQ(Body(Call("GET", meeting, mentee_))["status"], "scheduled");
  auto outbox = Outbox();
  int invites = 0;
  for (const auto& m : outbox) {
    if (m.message.kind != "meeting_invite") continue;
    ++invites;
    EXPECT_EQ(m.message.calendar_method, "REQUEST");
    EXPECT_NE(m.message.calendar.find("DTSTART:20261123T130000Z"), std::string::npos);
  }
  EXPECT_EQ(invites, 2);
  // The slot is taken now.
  EXPECT_EQ(
      Body(Call("GET", relationship_ + "/free-slots?limit=1", mentee_))["items"][0]["starts_at"],
      "2026-11-23T14:00:00Z");
}

TEST_F(MeetingsHttpTest, BadInputIsA4xxNamingTheFieldAndWritesNothing) {
  struct Case {
    json body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"starts_at", "2026-11-20T10:00:00Z"}}, 400, "starts_at"},  // in the past
      {{{"starts_at", "tomorrow"}}, 400, "starts_at"},
      {{{"duration_minutes", 60}}, 400, "starts_at"},
      {{{"starts_at", "2026-12-01T10:00:00Z"}, {"duration_minutes", "60"}},
       400,
       "duration_minutes"},
      {{{"starts_at", "2026-12-01T10:00:00Z"}, {"duration_minutes", 5}}, 400, "duration_minutes"},
      {{{"starts_at", "2026-12-01T10:00:00Z"}, {"mode", "carrier_pigeon"}}, 400, "mode"},
      {{{"starts_at", "2026-12-01T10:00:00Z"}, {"video_url", "ftp://x"}}, 400, "video_url"},
      {{{"starts_at", "2026-12-01T10:00:00Z"}, {"agenda", 7}}, 400, "agenda"},
      {{{"starts_at", "2026-12-01T10:00:00Z"}, {"from_slot", true}},
       400,
       "starts_at"},  // no availability
      {{{"starts_at", "2026-12-01T10:00:00Z"}, {"colour", "red"}}, 400, "colour"},
  };
  for (const Case& c : cases) {
    auto r = Call("POST", relationship_ + "/meetings", mentee_, c.body);
    EXPECT_EQ(r.status, c.status) << c.body.dump() << ": " << r.body;
    EXPECT_EQ(Body(r)["error"]["field"], c.field) << c.body.dump();
  }
  EXPECT_TRUE(Body(Call("GET", relationship_ + "/meetings", mentee_))["items"].empty());

  ASSERT_EQ(
      Call("POST", relationship_ + "/meetings", mentee_, {{"starts_at", "2026-12-01T10:00:00Z"}})
          .status,
      201);
  auto clash =
      Call("POST", relationship_ + "/meetings", mentor_, {{"starts_at", "2026-12-01T10:30:00Z"}});
  EXPECT_EQ(clash.status, 409) << clash.body;
  EXPECT_EQ(Body(clash)["error"]["field"], "starts_at");
  EXPECT_EQ(Body(Call("GET", relationship_ + "/meetings", mentee_))["items"].size(), 1u);

  auto bad_week = Call("PUT", "/api/v1/me/availability", mentee_,
                       {{"windows",
                         {{{"weekday", "monday"}, {"start", "09:00"}, {"end", "12:00"}},
                          {{"weekday", "monday"}, {"start", "11:00"}, {"end", "13:00"}}}}});
  EXPECT_EQ(bad_week.status, 400);
  EXPECT_EQ(Body(bad_week)["error"]["field"], "windows[1].start");
  auto off_grid =
      Call("PUT", "/api/v1/me/availability", mentee_,
           {{"windows", {{{"weekday", "monday"}, {"start", "09:10"}, {"end", "12:00"}}}}});
  EXPECT_EQ(Body(off_grid)["error"]["field"], "windows[0].start");
  auto no_day =
      Call("PUT", "/api/v1/me/availability", mentee_,
           {{"windows", {{{"weekday", "someday"}, {"start", "09:00"}, {"end", "12:00"}}}}});
  EXPECT_EQ(Body(no_day)["error"]["field"], "windows[0].weekday");
  EXPECT_TRUE(Body(Call("GET", "/api/v1/me/availability", mentee_))["windows"].empty());
  EXPECT_EQ(Body(Call("GET", relationship_ + "/free-slots?duration_minutes=abc",
                      mentee_))["error"]["field"],
            "duration_minutes");
}

TEST_F(MeetingsHttpTest, OnlyThePairSeesOrActs) {
  auto proposed =
      Call("POST", relationship_ + "/meetings", mentee_, {{"starts_at", "2026-12-01T10:00:00Z"}});
  ASSERT_EQ(proposed.status, 201);
  const std::string meeting =
      relationship_ + "/meetings/" + std::to_string(Body(proposed)["id"].get<int64_t>());
  // The mentee's manager (E2), the program's coordinator (E3), an admin (E1), a stranger (E6).
  const std::vector<TestSession> others = {SignInAs(server_, "E2"), coordinator_,
                                           SignInAs(server_, "E1", {domain::Role::kAdmin}),
                                           SignInAs(server_, "E6", {domain::Role::kCoordinator})};
  const json when = {{"starts_at", "2026-12-02T10:00:00Z"}};
  for (const TestSession& who : others) {
    EXPECT_EQ(Call("GET", relationship_ + "/meetings", who).status, 404) << who.employee_id;
    EXPECT_EQ(Call("GET", relationship_ + "/free-slots", who).status, 404) << who.employee_id;
    EXPECT_EQ(Call("POST", relationship_ + "/meetings", who, when).status, 404) << who.employee_id;
    EXPECT_EQ(Call("GET", meeting, who).status, 404) << who.employee_id;
    for (const char* action : {"/accept", "/cancel"}) {
      EXPECT_EQ(Call("POST", meeting + action, who).status, 404) << who.employee_id << action;
    }
    for (const char* action : {"/counter", "/reschedule"}) {
      EXPECT_EQ(Call("POST", meeting + action, who, when).status, 404) << who.employee_id << action;
    }
  }
  const std::string token = MintApiToken(server_, {"export"});
  EXPECT_EQ(server_.Connect().Request("GET", relationship_ + "/meetings", "", Bearer(token)).status,
            401);
  // The pair: both read it; the mentor counters; the mentee cancels.
  EXPECT_EQ(Call("GET", meeting, mentor_).status, 200);
  EXPECT_EQ(Call("POST", meeting + "/counter", mentor_, when).status, 200);
  EXPECT_EQ(Call("POST", meeting + "/cancel", mentee_).status, 200);
  EXPECT_EQ(Body(Call("GET", meeting, mentor_))["status"], "cancelled");
}

TEST_F(MeetingsHttpTest, LogActionItemsAndTheCalendarFeed) {
  auto proposed = Call("POST", relationship_ + "/meetings", mentee_,
                       {{"starts_at", "2026-11-23T13:00:00Z"}, {"agenda", "First steps"}});
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const std::string meeting =
      relationship_ + "/meetings/" + std::to_string(Body(proposed)["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", meeting + "/accept", mentor_).status, 200);
  const json log = {{"outcome", "held"},
                    {"duration_minutes", 55},
                    {"mode", "in_person"},
                    {"topics", "Goals"},
                    {"action_items",
                     {{{"text", "Draft goals"}, {"owner", "mentee"}, {"due_date", "2026-11-30"}}}}};
  EXPECT_EQ(Call("POST", meeting + "/log", mentee_, log).status, 409);  // not started yet
  server_.clock().Advance(std::chrono::hours(14));
  // The sessions went idle meanwhile: sign in again.
  mentee_ = SignInAs(server_, "E5");
  mentor_ = SignInAs(server_, mentor_.employee_id);

  json bad = log;
  bad["action_items"][0]["due_date"] = "2026-11-01";
  auto refused = Call("POST", meeting + "/log", mentee_, bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(Body(refused)["error"]["field"], "action_items[0].due_date");
  bad = log;
  bad["outcome"] = "scheduled";
  EXPECT_EQ(Body(Call("POST", meeting + "/log", mentee_, bad))["error"]["field"], "outcome");
  EXPECT_TRUE(Body(Call("GET", relationship_ + "/action-items", mentor_))["items"].empty());

  auto logged = Call("POST", meeting + "/log", mentee_, log);
  ASSERT_EQ(logged.status, 200) << logged.body;
  EXPECT_EQ(Body(logged)["status"], "held");
  EXPECT_EQ(Body(logged)["log"]["duration_minutes"], 55);
  // The program's relationships table counts it for the coordinator (signed in again: the
  // 14 hours that passed ended their idle session).
  const TestSession coordinator = SignInAs(server_, "E3", {domain::Role::kCoordinator});
  const int64_t program_id = Body(Call("GET", relationship_, coordinator))["program"]["id"];
  auto table = Body(Call("GET", "/api/v1/programs/" + std::to_string(program_id) + "/relationships",
                         coordinator));
  ASSERT_EQ(table["items"].size(), 1u) << table.dump();
  EXPECT_EQ(table["items"][0]["meetings_held"], 1);
  EXPECT_EQ(table["items"][0]["last_meeting_at"], "2026-11-23T13:00:00Z");
  auto items = Body(Call("GET", relationship_ + "/action-items", mentor_))["items"];
  ASSERT_EQ(items.size(), 1u);
  // The next meeting carries the open item over until it is done.
  auto next =
      Call("POST", relationship_ + "/meetings", mentor_, {{"starts_at", "2026-11-30T13:00:00Z"}});
  ASSERT_EQ(next.status, 201);
  auto listed = Body(Call("GET", relationship_ + "/meetings", mentee_))["items"];
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1]["carried_over"].size(), 1u);
  const std::string item =
      relationship_ + "/action-items/" + std::to_string(items[0]["id"].get<int64_t>());
  auto done = Call("PUT", item + "/done", mentor_, {{"done", true}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Body(done)["done"], true);
  EXPECT_EQ(Body(Call("PUT", item + "/done", mentor_, {{"done", "yes"}}))["error"]["field"],
            "done");
  listed = Body(Call("GET", relationship_ + "/meetings", mentee_))["items"];
  EXPECT_TRUE(listed[1]["carried_over"].empty());

  // The feed: a secret link without a session, revocable, listing my meetings.
  EXPECT_EQ(Body(Call("GET", "/api/v1/me/calendar-feed", mentee_))["exists"], false);
  auto made = Call("POST", "/api/v1/me/calendar-feed", mentee_);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = Body(made)["path"];
  auto feed = server_.Connect().Request("GET", path, "", {});
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_NE(feed.body.find("METHOD:PUBLISH"), std::string::npos) << feed.body;
  EXPECT_NE(feed.body.find("DTSTART:20261123T130000Z"), std::string::npos);
  EXPECT_NE(feed.body.find("DTSTART:20261130T130000Z"), std::string::npos);
  EXPECT_NE(feed.body.find("STATUS:TENTATIVE"), std::string::npos);  // the proposed one
  EXPECT_EQ(Body(Call("GET", "/api/v1/me/calendar-feed", mentee_))["exists"], true);
  auto reset = Call("POST", "/api/v1/me/calendar-feed", mentee_);
  const std::string new_path = Body(reset)["path"];
  EXPECT_NE(new_path, path);
  EXPECT_EQ(server_.Connect().Request("GET", path, "", {}).status, 404);
  EXPECT_EQ(server_.Connect().Request("GET", new_path, "", {}).status, 200);
  EXPECT_EQ(Call("DELETE", "/api/v1/me/calendar-feed", mentee_).status, 204);
  EXPECT_EQ(server_.Connect().Request("GET", new_path, "", {}).status, 404);
}

}  // namespace
}  // namespace pairwise::testing
