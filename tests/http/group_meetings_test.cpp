// Group meetings (issue 19) over the real server and SQLite: E7 mentors E5 and E11 in a group
// program. The mentor schedules a meeting for the group, each member answers, the mentor
// reschedules, cancels and logs who attended; the invites in the outbox read, through the
// mail formatter, as real iCalendar to an independent parser (python3-icalendar,
// tests/mail/parse_invite.py); the program's people read without the agenda; others are
// refused; a held meeting counts in each attendee's health.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mail/message_format.h"
#include "relationship_fixture.h"
#include "source_dir.h"
#include "storage/health_repository.h"

namespace pairwise::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kPython = "/usr/bin/python3";

// What tests/mail/parse_invite.py finds in `mail` as the sender would format it.
json ParseInvite(const domain::MailMessage& mail) {
  const fs::path file =
      fs::temp_directory_path() / ("pairwise-group-invite-" + std::to_string(getpid()) + ".eml");
  {
    std::ofstream out(file, std::ios::binary);
    out << mail::FormatMessage(mail, *mail::ParseMailbox(std::string(mail::kDefaultMailFrom)),
                               domain::DeliveryHeaders{"group-test"},
                               TimePoint(std::chrono::hours(500'000)));
  }
  const std::string command = std::string(kPython) + " " + SourceDir().string() +
                              "/tests/mail/parse_invite.py " + file.string();
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    pclose(pipe);
  }
  fs::remove(file);
  return json::parse(output.empty() ? "{}" : output);
}

// What tests/mail/parse_feed.py (python3-icalendar) finds in a calendar feed.
json ParseFeed(const std::string& ics) {
  const fs::path file =
      fs::temp_directory_path() / ("pairwise-group-feed-" + std::to_string(getpid()) + ".ics");
  std::ofstream(file, std::ios::binary) << ics;
  const std::string command = std::string(kPython) + " " + SourceDir().string() +
                              "/tests/mail/parse_feed.py " + file.string();
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    pclose(pipe);
  }
  fs::remove(file);
  return json::parse(output.empty() ? "{}" : output);
}

class GroupMeetingsHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    r_ = PublishRelationship(server_, coordinator_, "group");
    auto list = Get(r_.program + "/relationships", coordinator_.Auth());
    for (const auto& item : list["items"]) {
      if (item["mentee"]["employee_id"] == "E11") {
        other_ = "/api/v1/relationships/" + std::to_string(item["id"].get<int64_t>());
        other_id_ = item["id"].get<int64_t>();
      }
    }
    ASSERT_FALSE(other_.empty()) << list.dump();
    // E5 is active; E11 has not accepted the agreement yet.
    ActivateRelationship(server_, r_, "E5");
  }
  ClientResponse Call(const std::string& method, const std::string& path, const Headers& who,
                      const json& body = nullptr) {
    return CallAs(server_, method, path, who, body);
  }
  json Get(const std::string& path, const Headers& who) {
    auto r = Call("GET", path, who);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return JsonOf(r);
  }
  // Calendar mail in the outbox, oldest first, from the `skip`th on.
  std::vector<domain::MailMessage> Invites(std::size_t skip = 0) {
    auto outbox = storage::MakeMailOutbox(server_.app().database());
    auto page = outbox->List(std::nullopt, 200);
    EXPECT_TRUE(page.ok());
    std::vector<domain::MailMessage> out;
    for (auto it = page->items.rbegin(); it != page->items.rend(); ++it) {
      if (!it->message.calendar.empty()) out.push_back(it->message);
    }
    out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(std::min(skip, out.size())));
    return out;
  }
  std::optional<domain::MailMessage> LastTo(const std::string& address) {
    auto outbox = storage::MakeMailOutbox(server_.app().database());
    auto page = outbox->List(std::nullopt, 200);
    for (const auto& m : page->items) {
      if (m.message.to == address) return m.message;
    }
    return std::nullopt;
  }

  AuthTestServer server_{GroupDirectory()};  // the clock: Monday 23 November 2026, 00:00 UTC
  TestSession coordinator_ = SignInAs(server_, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r_;
  std::string other_;
  int64_t other_id_ = 0;
  const Headers mentor_ = SignInAs(server_, "E7").Auth();
  const Headers e5_ = SignInAs(server_, "E5").Auth();
  const Headers e11_ = SignInAs(server_, "E11").Auth();
};

TEST_F(GroupMeetingsHttpTest, TheMentorSchedulesMembersAnswerAndTheLogCountsForEachAttendee) {
  const std::string meetings = r_.path + "/group/meetings";
  const json plan = {{"starts_at", "2026-11-26T15:00:00Z"},
                     {"duration_minutes", 90},
                     {"mode", "virtual"},
                     {"video_url", "https://meet.example.com/circle"},
                     {"agenda", "Introductions; what each of us wants from the group"}};

  // Only the mentor schedules; bad input is a 400 naming its field and writes nothing.
  EXPECT_EQ(Call("POST", meetings, e5_, plan).status, 403);
  json past = plan;
  past["starts_at"] = "2026-11-20T15:00:00Z";
  auto refused = Call("POST", meetings, mentor_, past);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(JsonOf(refused)["error"]["field"], "starts_at");
  json slot = plan;
  slot["from_slot"] = true;  // nobody has said when they are free
  auto outside = Call("POST", meetings, mentor_, slot);
  ASSERT_EQ(outside.status, 400) << outside.body;
  EXPECT_EQ(JsonOf(outside)["error"]["field"], "starts_at");
  EXPECT_TRUE(Get(meetings, mentor_)["items"].empty());
  EXPECT_TRUE(Invites().empty());

  auto created = Call("POST", meetings, mentor_, plan);
  ASSERT_EQ(created.status, 201) << created.body;
  const json meeting = JsonOf(created);
  EXPECT_EQ(meeting["status"], "scheduled");
  EXPECT_EQ(meeting["role"], "mentor");
  ASSERT_EQ(meeting["attendees"].size(), 1u) << "only active members are invited";
  EXPECT_EQ(meeting["attendees"][0]["employee_id"], "E5");
  EXPECT_EQ(meeting["attendees"][0]["response"], "pending");
  const std::string one = meetings + "/" + std::to_string(meeting["id"].get<int64_t>());

  // The invites: one REQUEST for the mentor and each invited member, parsed independently.
  auto invites = Invites();
  ASSERT_EQ(invites.size(), 2u);
  std::string uid;
  for (const auto& mail : invites) {
    const json ics = ParseInvite(mail);
    ASSERT_TRUE(ics.contains("method")) << "python3-icalendar found no calendar in " << mail.text;
    EXPECT_EQ(ics["content_method"], "REQUEST");
    EXPECT_EQ(ics["method"], "REQUEST");
    EXPECT_EQ(ics["sequence"], 0);
    EXPECT_EQ(ics["dtstart"], "2026-11-26T15:00:00+00:00");
    EXPECT_EQ(ics["dtend"], "2026-11-26T16:30:00+00:00");
    EXPECT_EQ(ics["organizer"], "mailto:p.E7@example.com");
    EXPECT_EQ(ics["attendees"],
              json::array({"mailto:p.E5@example.com", "mailto:p.E7@example.com"}));
    EXPECT_EQ(ics["url"], "https://meet.example.com/circle");
    if (uid.empty()) uid = ics["uid"];
    EXPECT_EQ(ics["uid"], uid);
  }
  EXPECT_NE(invites[1].text.find("Please say whether you can come"), std::string::npos)
      << invites[1].text;

  // The member answers; the mentor cannot answer for them, nor a member change the meeting.
  auto bad = Call("POST", one + "/respond", e5_, {{"response", "pending"}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(JsonOf(bad)["error"]["field"], "response");
  EXPECT_EQ(Call("POST", one + "/respond", mentor_, {{"response", "accepted"}}).status, 403);
  EXPECT_EQ(Call("POST", one + "/reschedule", e5_, plan).status, 403);
  EXPECT_EQ(Call("POST", one + "/cancel", e5_).status, 403);
  auto accepted = Call("POST", one + "/respond", e5_, {{"response", "accepted"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(JsonOf(accepted)["my_response"], "accepted");
  EXPECT_EQ(JsonOf(accepted)["awaiting_me"], false);

  // Who reads it: members, and the program's people without the agenda or the link.
  EXPECT_EQ(Get(meetings, e5_)["items"][0]["agenda"], plan["agenda"]);
  EXPECT_EQ(Get(other_ + "/group/meetings", e11_)["items"].size(), 1u);
  for (const Headers& overseer : {coordinator_.Auth(), SignInAs(server_, "E8").Auth()}) {
    auto seen = Get(meetings, overseer)["items"][0];
    EXPECT_EQ(seen["role"], "overseer");
    EXPECT_EQ(seen["agenda"], "");
    EXPECT_EQ(seen["video_url"], "");
    EXPECT_EQ(seen["attendees"][0]["response"], "accepted");
    EXPECT_EQ(Call("POST", one + "/cancel", overseer).status, 403);
  }
  EXPECT_EQ(Call("GET", meetings, SignInAs(server_, "E2").Auth()).status, 403);  // a manager
  EXPECT_EQ(Call("GET", meetings, SignInAs(server_, "E9").Auth()).status, 404);  // a stranger

  // E11 joins (accepts their agreement); a new time invites them too and asks everyone again.
  ActivateRelationship(server_, PublishedRelationship{r_.program, other_, other_id_}, "E11");
  json later = {{"starts_at", "2026-11-27T15:00:00Z"}};
  auto moved = Call("POST", one + "/reschedule", mentor_, later);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(JsonOf(moved)["sequence"], 1);
  EXPECT_EQ(JsonOf(moved)["duration_minutes"], 90);
  ASSERT_EQ(JsonOf(moved)["attendees"].size(), 2u);
  for (const auto& a : JsonOf(moved)["attendees"]) EXPECT_EQ(a["response"], "pending");
  auto updates = Invites(2);
  ASSERT_EQ(updates.size(), 3u);
  for (const auto& mail : updates) {
    const json ics = ParseInvite(mail);
    EXPECT_EQ(ics["method"], "REQUEST");
    EXPECT_EQ(ics["uid"], uid);
    EXPECT_EQ(ics["sequence"], 1);
    EXPECT_EQ(ics["dtstart"], "2026-11-27T15:00:00+00:00");
    EXPECT_EQ(ics["attendees"].size(), 3u);
  }
  EXPECT_EQ(Get(other_ + "/group/meetings", e11_)["items"][0]["awaiting_me"], true);
  ASSERT_EQ(
      Call("POST",
           other_ + "/group/meetings/" + std::to_string(meeting["id"].get<int64_t>()) + "/respond",
           e11_, {{"response", "declined"}})
          .status,
      200);
  auto told = LastTo("p.E7@example.com");
  ASSERT_TRUE(told.has_value());
  EXPECT_NE(told->subject.find("cannot come"), std::string::npos) << told->subject;

  // A second meeting, cancelled: everyone gets the CANCEL.
  auto second = Call("POST", meetings, mentor_, {{"starts_at", "2026-12-03T15:00:00Z"}});
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string two = meetings + "/" + std::to_string(JsonOf(second)["id"].get<int64_t>());
  // Overlapping the first: refused.
  auto overlap = Call("POST", meetings, mentor_, {{"starts_at", "2026-11-27T16:00:00Z"}});
  EXPECT_EQ(overlap.status, 409) << overlap.body;
  const std::size_t before_cancel = Invites().size();
  auto cancelled = Call("POST", two + "/cancel", mentor_);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(JsonOf(cancelled)["status"], "cancelled");
  auto cancels = Invites(before_cancel);
  ASSERT_EQ(cancels.size(), 3u);
  for (const auto& mail : cancels) {
    const json ics = ParseInvite(mail);
    EXPECT_EQ(ics["content_method"], "CANCEL");
    EXPECT_EQ(ics["method"], "CANCEL");
    EXPECT_EQ(ics["sequence"], 1);
    EXPECT_EQ(ics["status"], "CANCELLED");
  }
  EXPECT_EQ(Call("POST", two + "/cancel", mentor_).status, 409);

  // The log: not before it starts; only invited people attended; then it counts.
  const json log = {{"outcome", "held"},
                    {"duration_minutes", 80},
                    {"topics", "Goals of each member"},
                    {"attended", {"E5"}}};
  EXPECT_EQ(Call("POST", one + "/log", mentor_, log).status, 409);
  server_.clock().Advance(std::chrono::hours(5 * 24));
  // Sessions lapse over five idle days: sign in again.
  const Headers mentor = SignInAs(server_, "E7").Auth(), e5 = SignInAs(server_, "E5").Auth();
  json stranger = log;
  stranger["attended"] = {"E5", "E9"};
  auto wrong = Call("POST", one + "/log", mentor, stranger);
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(JsonOf(wrong)["error"]["field"], "attended[1]");
  EXPECT_EQ(Call("POST", one + "/log", e5, log).status, 403);
  auto logged = Call("POST", one + "/log", mentor, log);
  ASSERT_EQ(logged.status, 200) << logged.body;
  const json held = JsonOf(logged);
  EXPECT_EQ(held["status"], "held");
  EXPECT_EQ(held["log"]["duration_minutes"], 80);
  for (const auto& a : held["attendees"]) {
    EXPECT_EQ(a["attended"], a["employee_id"] == "E5") << a.dump();
  }
  EXPECT_EQ(Get(meetings, SignInAs(server_, "E6", {domain::Role::kCoordinator})
                              .Auth())["items"][0]["log"]["topics"],
            "");

  // Health reads it: a meeting held for E5's relationship, none for E11 who was not there.
  auto health = storage::MakeHealthRepository(server_.app().database());
  auto e5_facts =
      health->LoadRelationshipFacts(domain::RelationshipId(r_.id), server_.clock().Now());
  ASSERT_TRUE(e5_facts.ok() && e5_facts->has_value());
  EXPECT_EQ((*e5_facts)->meetings_held, 1);
  EXPECT_EQ((*e5_facts)->last_meeting_at, ParseIso8601("2026-11-27T15:00:00Z"));
  auto e11_facts =
      health->LoadRelationshipFacts(domain::RelationshipId(other_id_), server_.clock().Now());
  ASSERT_TRUE(e11_facts.ok() && e11_facts->has_value());
  EXPECT_EQ((*e11_facts)->meetings_held, 0);
}

// Group free slots suit everyone; a group meeting is busy time for the group's and the pair's
// free slots and overlap checks; each person's calendar feed lists the group meetings they did
// not decline, a cancelled one as cancelled (read by python3-icalendar).
TEST_F(GroupMeetingsHttpTest, FreeSlotsSuitEveryoneAndTheFeedListsGroupMeetings) {
  ActivateRelationship(server_, PublishedRelationship{r_.program, other_, other_id_}, "E11");
  // Everyone is in London (UTC in November). Tuesdays: E7 09-12, E5 10-13, E11 10-11:30.
  auto free_on_tuesday = [&](const Headers& who, const char* start, const char* end) {
    auto saved = Call("PUT", "/api/v1/me/availability", who,
                      {{"windows", {{{"weekday", "tuesday"}, {"start", start}, {"end", end}}}}});
    ASSERT_EQ(saved.status, 200) << saved.body;
  };
  free_on_tuesday(mentor_, "09:00", "12:00");
  free_on_tuesday(e5_, "10:00", "13:00");
  free_on_tuesday(e11_, "10:00", "11:30");
  const std::string slots = r_.path + "/group/free-slots?duration_minutes=60&limit=3";
  const json found = Get(slots, mentor_)["items"];
  ASSERT_EQ(found.size(), 3u) << found.dump();
  EXPECT_EQ(found[0]["starts_at"], "2026-11-24T10:00:00Z");
  EXPECT_EQ(found[1]["starts_at"], "2026-11-24T10:30:00Z");
  EXPECT_EQ(found[2]["starts_at"], "2026-12-01T10:00:00Z");
  ASSERT_EQ(found[0]["local"].size(), 3u);
  EXPECT_EQ(found[0]["local"][0]["employee_id"], "E7");
  EXPECT_EQ(found[0]["local"][0]["starts_at"], "2026-11-24T10:00:00+00:00");
  // The mentor asks; members are refused, strangers told nothing; bad input names its field.
  EXPECT_EQ(Call("GET", slots, e5_).status, 403);
  EXPECT_EQ(Call("GET", slots, SignInAs(server_, "E9").Auth()).status, 404);
  auto bad = Call("GET", r_.path + "/group/free-slots?limit=0", mentor_);
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(JsonOf(bad)["error"]["field"], "limit");

  // One click: the first slot proposed as it is; a time outside E11's window is refused.
  const std::string meetings = r_.path + "/group/meetings";
  auto late =
      Call("POST", meetings, mentor_, {{"starts_at", "2026-11-24T11:00:00Z"}, {"from_slot", true}});
  ASSERT_EQ(late.status, 400) << late.body;
  EXPECT_EQ(JsonOf(late)["error"]["field"], "starts_at");
  auto made = Call("POST", meetings, mentor_,
                   {{"starts_at", found[0]["starts_at"]},
                    {"duration_minutes", 60},
                    {"from_slot", true},
                    {"location", "Room 4"}});
  ASSERT_EQ(made.status, 201) << made.body;
  // Now the mentor is busy then: the group's next slot is a week later.
  EXPECT_EQ(Get(slots, mentor_)["items"][0]["starts_at"], "2026-12-01T10:00:00Z");

  // The pair (E7 and E5): the mentor's group meeting is busy time for their slots and proposals.
  const json pair_slots = Get(r_.path + "/free-slots?duration_minutes=60", e5_)["items"];
  ASSERT_FALSE(pair_slots.empty());
  EXPECT_EQ(pair_slots[0]["starts_at"], "2026-11-24T11:00:00Z") << pair_slots.dump();
  auto clash = Call("POST", r_.path + "/meetings", e5_, {{"starts_at", "2026-11-24T10:30:00Z"}});
  ASSERT_EQ(clash.status, 409) << clash.body;
  EXPECT_EQ(JsonOf(clash)["error"]["field"], "starts_at");
  // And a pair meeting of the mentor is busy time for the group: a second group meeting over
  // E5's proposal to E7 at 11:00 is refused.
  ASSERT_EQ(
      Call("POST", r_.path + "/meetings", e5_, {{"starts_at", "2026-11-24T11:00:00Z"}}).status,
      201);
  auto over_pair = Call("POST", meetings, mentor_, {{"starts_at", "2026-11-24T11:30:00Z"}});
  ASSERT_EQ(over_pair.status, 409) << over_pair.body;
  EXPECT_EQ(JsonOf(over_pair)["error"]["field"], "starts_at");

  // A second group meeting, cancelled; E11 declines the first.
  auto second = Call("POST", meetings, mentor_, {{"starts_at", "2026-12-08T10:00:00Z"}});
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string two = meetings + "/" + std::to_string(JsonOf(second)["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", two + "/cancel", mentor_).status, 200);
  ASSERT_EQ(Call("POST",
                 other_ + "/group/meetings/" + std::to_string(JsonOf(made)["id"].get<int64_t>()) +
                     "/respond",
                 e11_, {{"response", "declined"}})
                .status,
            200);

  // The feeds, read without a session through the secret link.
  auto feed_of = [&](const Headers& who) {
    auto link = Call("POST", "/api/v1/me/calendar-feed", who);
    EXPECT_EQ(link.status, 201) << link.body;
    auto feed = server_.Connect().Request("GET", JsonOf(link)["path"], "", {});
    EXPECT_EQ(feed.status, 200) << feed.body;
    return ParseFeed(feed.body);
  };
  const json e5_feed = feed_of(e5_);
  ASSERT_EQ(e5_feed["method"], "PUBLISH") << e5_feed.dump();
  std::vector<json> group_events;
  for (const json& e : e5_feed["events"]) {
    if (e["summary"].get<std::string>().starts_with("Group mentoring")) group_events.push_back(e);
  }
  ASSERT_EQ(group_events.size(), 2u) << e5_feed.dump();
  EXPECT_EQ(group_events[0]["dtstart"], "2026-11-24T10:00:00+00:00");
  EXPECT_EQ(group_events[0]["dtend"], "2026-11-24T11:00:00+00:00");
  EXPECT_EQ(group_events[0]["status"], "CONFIRMED");
  EXPECT_EQ(group_events[0]["sequence"], 0);
  EXPECT_EQ(group_events[0]["organizer"], "mailto:p.E7@example.com");
  EXPECT_EQ(group_events[0]["attendees"],
            json::array({"mailto:p.E11@example.com", "mailto:p.E5@example.com",
                         "mailto:p.E7@example.com"}));
  EXPECT_EQ(group_events[1]["dtstart"], "2026-12-08T10:00:00+00:00");
  EXPECT_EQ(group_events[1]["status"], "CANCELLED");
  EXPECT_EQ(group_events[1]["sequence"], 1);
  // The invite's UID: a calendar that got the invite and subscribes to the feed shows one event.
  const json invite = ParseInvite(Invites().front());
  EXPECT_EQ(group_events[0]["uid"], invite["uid"]);
  // E11 declined the first: only the cancelled second is theirs.
  const json e11_feed = feed_of(e11_);
  ASSERT_EQ(e11_feed["events"].size(), 1u) << e11_feed.dump();
  EXPECT_EQ(e11_feed["events"][0]["status"], "CANCELLED");
  // The mentor's feed has both, and the pair meeting E5 proposed (tentative).
  const json e7_feed = feed_of(mentor_);
  EXPECT_EQ(e7_feed["events"].size(), 3u) << e7_feed.dump();
}

// Action items on a group meeting (as a pair's): the log gives them to the mentor or any
// invited member; each owner reads theirs (and the mentor's) in their relationship's list, as
// My mentoring does; the owner or the mentor ticks one off; nobody else, and a stranger learns
// nothing.
TEST_F(GroupMeetingsHttpTest, ALogGivesActionItemsToTheMentorAndEachMember) {
  ActivateRelationship(server_, PublishedRelationship{r_.program, other_, other_id_}, "E11");
  const std::string meetings = r_.path + "/group/meetings";
  auto created = Call("POST", meetings, mentor_, {{"starts_at", "2026-11-26T15:00:00Z"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(JsonOf(created)["id"].get<int64_t>());
  ASSERT_EQ(JsonOf(created)["attendees"].size(), 2u);
  server_.clock().Advance(std::chrono::hours(4 * 24));
  const Headers mentor = SignInAs(server_, "E7").Auth(), e5 = SignInAs(server_, "E5").Auth(),
                e11 = SignInAs(server_, "E11").Auth(),
                coordinator = SignInAs(server_, "E6", {domain::Role::kCoordinator}).Auth(),
                stranger = SignInAs(server_, "E9").Auth();
  json log = {{"outcome", "held"},
              {"duration_minutes", 60},
              {"attended", {"E5", "E11"}},
              {"action_items",
               {{{"text", "Share the reading list"}, {"owner", "E7"}, {"due_date", "2026-12-04"}},
                {{"text", "Draft a first goal"}, {"owner", "E5"}, {"due_date", "2026-12-10"}}}}};

  // Bad items are a 400 naming the field, and nothing is written.
  for (const auto& [field, value, where] :
       {std::tuple("owner", json("E9"), "action_items[1].owner"),
        std::tuple("due_date", json("2026-11-01"), "action_items[1].due_date"),
        std::tuple("text", json(""), "action_items[1].text")}) {
    json bad = log;
    bad["action_items"][1][field] = value;
    auto refused = Call("POST", meetings + "/" + id + "/log", mentor, bad);
    ASSERT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(JsonOf(refused)["error"]["field"], where);
  }
  EXPECT_EQ(Get(meetings, mentor)["items"][0]["status"], "scheduled");
  EXPECT_TRUE(Get(r_.path + "/action-items", e5)["items"].empty());

  auto logged = Call("POST", meetings + "/" + id + "/log", mentor, log);
  ASSERT_EQ(logged.status, 200) << logged.body;
  const json items = JsonOf(logged)["action_items"];
  ASSERT_EQ(items.size(), 2u) << items.dump();
  int64_t mentors = 0, e5s = 0;
  for (const auto& item : items) {
    EXPECT_EQ(item["group_meeting_id"], std::stoll(id));
    EXPECT_EQ(item["done"], false);
    if (item["owner_id"] == "E7") {
      EXPECT_EQ(item["owner"], "mentor");
      mentors = item["id"];
    } else {
      EXPECT_EQ(item["owner_id"], "E5");
      EXPECT_EQ(item["owner"], "mentee");
      EXPECT_EQ(item["text"], "Draft a first goal");
      e5s = item["id"];
    }
  }
  ASSERT_TRUE(mentors > 0 && e5s > 0);
  // Members read them on the meeting; the program's people do not.
  EXPECT_EQ(Get(other_ + "/group/meetings", e11)["items"][0]["action_items"].size(), 2u);
  EXPECT_TRUE(Get(meetings, coordinator)["items"][0]["action_items"].empty());

  // Each relationship's list (My mentoring): its mentee's and its mentor's items.
  const json e5_list = Get(r_.path + "/action-items", e5)["items"];
  ASSERT_EQ(e5_list.size(), 2u) << e5_list.dump();
  EXPECT_EQ(e5_list[0]["text"], "Share the reading list");  // due first
  const json e11_list = Get(other_ + "/action-items", e11)["items"];
  ASSERT_EQ(e11_list.size(), 1u) << e11_list.dump();
  EXPECT_EQ(e11_list[0]["owner"], "mentor");
  EXPECT_EQ(Get(other_ + "/action-items", mentor)["items"].size(), 1u);

  // Ticking off: the owner or the mentor; not another member, an overseer or a stranger.
  auto done = [&](const std::string& path, int64_t item, const Headers& who, bool value) {
    return Call("PUT", path + "/group/action-items/" + std::to_string(item) + "/done", who,
                {{"done", value}});
  };
  EXPECT_EQ(done(other_, e5s, e11, true).status, 403);
  EXPECT_EQ(done(r_.path, mentors, e5, true).status, 403);
  EXPECT_EQ(done(r_.path, e5s, coordinator, true).status, 403);
  EXPECT_EQ(done(r_.path, e5s, stranger, true).status, 404);
  EXPECT_EQ(done(r_.path, 999999, e5, true).status, 404);
  auto bad_body = Call("PUT", r_.path + "/group/action-items/" + std::to_string(e5s) + "/done", e5,
                       {{"done", "yes"}});
  EXPECT_EQ(bad_body.status, 400);
  EXPECT_EQ(JsonOf(bad_body)["error"]["field"], "done");
  EXPECT_EQ(Get(r_.path + "/action-items", e5)["items"][1]["done"], false);
  auto ticked = done(r_.path, e5s, e5, true);
  ASSERT_EQ(ticked.status, 200) << ticked.body;
  EXPECT_EQ(JsonOf(ticked)["done"], true);
  EXPECT_NE(JsonOf(ticked)["done_at"], nullptr);
  // Done items go last.
  EXPECT_EQ(Get(r_.path + "/action-items", e5)["items"][1]["done"], true);
  ASSERT_EQ(done(other_, mentors, mentor, true).status, 200);
  ASSERT_EQ(done(r_.path, e5s, mentor, false).status, 200);
  const json after = Get(meetings, e5)["items"][0]["action_items"];
  for (const auto& item : after) EXPECT_EQ(item["done"], item["owner_id"] == "E7") << item.dump();
  // The pair route does not reach a group's items.
  EXPECT_EQ(
      Call("PUT", r_.path + "/action-items/" + std::to_string(e5s) + "/done", e5, {{"done", true}})
          .status,
      404);
}

}  // namespace
}  // namespace pairwise::testing
