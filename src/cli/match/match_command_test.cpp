#include "cli/match/match_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/match/match_json.h"
#include "matching/engine.h"

namespace pairwise::cli {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class MatchCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("pairwise-match-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  static std::string Read(const std::string& path) {
    std::ifstream file(path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
  }
  int Run(const std::string& instance_json, const std::string& out_name = "result.json") {
    MatchCommandOptions options;
    options.instance_path = Write("instance.json", instance_json);
    options.out_path = (dir_ / out_name).string();
    options.threads = 2;
    return RunMatchCommand(options);
  }
  std::string OutPath() const { return (dir_ / "result.json").string(); }

  fs::path dir_;
};

json Instance() {
  return json::parse(R"({
    "rules": {"other_department": true},
    "people": [{"id": "ceo"}],
    "mentors": [
      {"id": "ana", "manager": "ceo", "level": 7, "department": "Sales", "site": "Lisbon",
       "languages": ["Portuguese", "English"], "availability_hours": 8, "capacity": 1,
       "skills": [{"skill": "negotiation", "level": 4}]},
      {"id": "bo", "level": 6, "department": "Engineering", "site": "Porto",
       "languages": ["English"], "capacity": 1, "skills": [{"skill": "sql", "level": 5}]}
    ],
    "mentees": [
      {"id": "rui", "level": 4, "department": "Engineering", "site": "Lisbon",
       "languages": ["Portuguese"], "availability_hours": 4,
       "skills": [{"skill": "negotiation", "level": 3}], "ranked_mentors": ["ana"]},
      {"id": "eva", "level": 2, "department": "Sales", "languages": ["English"],
       "skills": [{"skill": "sql", "level": 2}]},
      {"id": "ian", "level": 2, "department": "Sales"}
    ]
  })");
}

TEST_F(MatchCommandTest, SolvesAndWritesTheResult) {
  ASSERT_EQ(Run(Instance().dump()), 0);
  const json result = json::parse(Read(OutPath()));
  EXPECT_EQ(result["objective"], "total");
  EXPECT_EQ(result["optimal"], true);
  EXPECT_EQ(result["matched"], 2);
  ASSERT_EQ(result["pairs"].size(), 2u);
  const json& rui = result["pairs"][0];
  EXPECT_EQ(rui["mentee"], "rui");
  EXPECT_EQ(rui["mentor"], "ana");
  EXPECT_EQ(rui["breakdown"]["skills"]["points"], 100);
  EXPECT_EQ(rui["breakdown"]["ranked_choice"]["weighted"], 2000);
  int64_t sum = 0;
  for (const auto& [criterion, value] : rui["breakdown"].items())
    sum += value["weighted"].get<int64_t>();
  EXPECT_EQ(rui["score"], sum);
  EXPECT_NE(rui["explanation"].get<std::string>().find("both speak Portuguese"), std::string::npos);
  EXPECT_EQ(result["pairs"][1]["mentee"], "eva");
  EXPECT_EQ(result["pairs"][1]["mentor"], "bo");
  EXPECT_EQ(result["total_score"],
            rui["score"].get<int64_t>() + result["pairs"][1]["score"].get<int64_t>());
  ASSERT_EQ(result["unmatched"].size(), 1u);
  EXPECT_EQ(result["unmatched"][0]["id"], "ian");
  EXPECT_EQ(result["unmatched"][0]["reason"], "eligible_mentors_full");
  EXPECT_TRUE(result["greedy_total_score"].is_number_integer());
  EXPECT_TRUE(result["gap_to_greedy"].is_object());
  for (const char* phase :
       {"read", "prepare", "candidates", "solve", "proof", "greedy", "explain", "total"}) {
    EXPECT_TRUE(result["timings_ms"][phase].is_number()) << phase;
  }
  EXPECT_TRUE(result["stats"]["rounds"].is_array());
}

TEST_F(MatchCommandTest, ExplicitPairsRoundTrip) {
  json doc = Instance();
  doc["pairs"] = json::parse(R"([{"mentee": "rui", "mentor": "bo", "score": 5},
                                  {"mentee": "ian", "mentor": "ana", "score": 9}])");
  doc["objective"] = "coverage";
  ASSERT_EQ(Run(doc.dump()), 0);
  const json result = json::parse(Read(OutPath()));
  EXPECT_EQ(result["objective"], "coverage");
  EXPECT_EQ(result["total_score"], 14);
  EXPECT_EQ(result["pairs"][0]["breakdown"], json::object());
  EXPECT_EQ(result["pairs"][0]["explanation"], "score 5 as given in the list of allowed pairs");
  EXPECT_EQ(result["unmatched"][0]["id"], "eva");
  EXPECT_EQ(result["unmatched"][0]["reason"], "no_eligible_mentor");
  EXPECT_EQ(result["unmatched"][0]["rule"], "not_listed");
}

TEST_F(MatchCommandTest, TheResultIsTheTextNlohmannWouldPrint) {
  // The pairs and unmatched mentees are written straight into the text: it must be what a JSON
  // library prints for the same document with 2 spaces (breakdowns, empty breakdowns, nulls,
  // pins, escapes, an empty list), byte for byte.
  json with_escapes = Instance();
  with_escapes["mentors"][0]["id"] = "an\"a\\ \u00e9";
  with_escapes["mentees"][0]["ranked_mentors"] = {"an\"a\\ \u00e9"};
  json pinned = Instance();
  pinned["pinned"] = json::parse(R"([{"mentee": "eva", "mentor": "bo"}])");
  json explicit_pairs = Instance();
  explicit_pairs["pairs"] = json::parse(R"([{"mentee": "rui", "mentor": "bo", "score": 5}])");
  json nobody = Instance();
  nobody["mentees"] = json::array();
  for (const json& doc : {Instance(), with_escapes, pinned, explicit_pairs, nobody}) {
    ASSERT_EQ(Run(doc.dump()), 0) << doc.dump();
    const std::string text = Read(OutPath());
    EXPECT_EQ(nlohmann::ordered_json::parse(text).dump(2) + "\n", text);
  }
}

TEST_F(MatchCommandTest, BadInstancesExitWithTwoAndWriteNothing) {
  const auto expect_bad = [&](const std::string& text) {
    EXPECT_EQ(Run(text), 2) << text;
    EXPECT_FALSE(fs::exists(OutPath())) << text;
  };
  expect_bad("{not json");
  json doc = Instance();
  doc["mentors"][1]["capacity"] = -2;  // negative capacity
  expect_bad(doc.dump());
  doc = Instance();
  doc["mentees"][2]["id"] = "rui";  // duplicate id
  expect_bad(doc.dump());
  doc = Instance();
  doc["mentees"][0]["ranked_mentors"] = {"zoe"};  // unknown id
  expect_bad(doc.dump());
  doc = Instance();
  doc["pinned"] = json::parse(R"([{"mentee": "eva", "mentor": "ana"}])");  // same department
  expect_bad(doc.dump());
  doc = Instance();
  doc["mentors"][0]["manager"] = "rui";
  doc["mentees"][0]["manager"] = "ana";  // a cycle
  expect_bad(doc.dump());
  doc = Instance();
  doc["mentors"][0]["level"] = "senior";  // wrong type
  expect_bad(doc.dump());
  doc = Instance();
  doc["pairs"] = json::parse(R"([{"mentee": "zoe", "mentor": "ana", "score": 1}])");  // unknown id
  expect_bad(doc.dump());
  const std::string text = Instance().dump();
  expect_bad(text.substr(0, text.size() / 2));  // truncated
  expect_bad(text + "}");                       // trailing text
}

TEST_F(MatchCommandTest, UnknownIdInThePairsNamesThePair) {
  json doc = Instance();
  doc["pairs"] = json::parse(R"([{"mentee": "rui", "mentor": "ana", "score": 1},
                                  {"mentee": "zoe", "mentor": "ana", "score": 1}])");
  Result<matching::Instance> parsed = ParseInstanceJson(doc.dump());
  ASSERT_TRUE(parsed.ok());
  Result<matching::Engine> engine = matching::Engine::Create(std::move(parsed).value());
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().field(), "pairs[1].mentee");
  EXPECT_EQ(engine.status().client_message(),
            "pairs[1]: mentee \"zoe\" is not a mentee of this program");
  // The same mentee as the pair before, an unknown mentor.
  doc["pairs"] = json::parse(R"([{"mentee": "rui", "mentor": "ana", "score": 1},
                                  {"mentee": "rui", "mentor": "zed", "score": 1}])");
  parsed = ParseInstanceJson(doc.dump());
  ASSERT_TRUE(parsed.ok());
  engine = matching::Engine::Create(std::move(parsed).value());
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().field(), "pairs[1].mentor");
}

TEST_F(MatchCommandTest, UnreadableInputOrUnwritableOutputExitWithOne) {
  MatchCommandOptions options;
  options.instance_path = (dir_ / "missing.json").string();
  options.out_path = OutPath();
  EXPECT_EQ(RunMatchCommand(options), 1);
  EXPECT_EQ(Run(Instance().dump(), "no-such-dir/result.json"), 1);
}

}  // namespace
}  // namespace pairwise::cli
