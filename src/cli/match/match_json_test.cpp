#include "cli/match/match_json.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace pairwise::cli {
namespace {

using nlohmann::json;

// A small valid instance document; tests break one thing at a time.
json ValidDocument() {
  return json::parse(R"({
    "objective": "total",
    "rules": {"other_department": true, "min_level_gap": 1, "shared_language": true,
              "min_timezone_overlap_hours": 2, "groups": null},
    "weights": {"skills": 50, "ranked_choice": 30},
    "scoring": {"target_level_gap": 2, "department": "different", "site": "same"},
    "people": [{"id": "ceo"}, {"id": "vp", "manager": "ceo"}],
    "mentors": [
      {"id": "ana", "manager": "vp", "level": 7, "department": "Sales", "site": "Lisbon",
       "utc_offset_minutes": 0, "languages": ["Portuguese", "English"],
       "availability_hours": 8, "capacity": 2, "credentialed": true,
       "skills": [{"skill": "negotiation", "level": 4}, {"skill": "pricing", "level": 3}],
       "preferred_mentees": ["rui"]},
      {"id": "bo", "manager": "ceo", "level": 6, "department": "Engineering",
       "site": "Porto", "languages": ["English"], "capacity": 1,
       "skills": [{"skill": "sql", "level": 5}]}
    ],
    "mentees": [
      {"id": "rui", "manager": "bo", "level": 4, "department": "Engineering",
       "site": "Lisbon", "languages": ["Portuguese"], "availability_hours": 4,
       "skills": [{"skill": "negotiation", "level": 3}], "ranked_mentors": ["ana"]},
      {"id": "eva", "level": 2, "department": "Sales", "languages": ["English"],
       "skills": [{"skill": "sql", "level": 2}]}
    ],
    "pinned": [],
    "forbidden": [{"mentee": "eva", "mentor": "ana"}],
    "previous_pairs": []
  })");
}

Status ParseError(const json& doc) {
  Result<matching::Instance> parsed = ParseInstanceJson(doc.dump());
  return parsed.ok() ? Status::Ok() : parsed.status();
}

TEST(InstanceJsonTest, ReadsEveryField) {
  Result<matching::Instance> parsed = ParseInstanceJson(ValidDocument().dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const matching::Instance& in = *parsed;
  ASSERT_EQ(in.mentors.size(), 2u);
  ASSERT_EQ(in.mentees.size(), 2u);
  ASSERT_EQ(in.people.size(), 2u);
  EXPECT_EQ(in.people[1].manager, "ceo");
  const matching::Mentor& ana = in.mentors[0];
  EXPECT_EQ(ana.person.id, "ana");
  EXPECT_EQ(ana.person.manager, "vp");
  EXPECT_EQ(ana.person.level, 7);
  EXPECT_EQ(ana.person.languages, (std::vector<std::string>{"Portuguese", "English"}));
  EXPECT_EQ(ana.capacity, 2);
  EXPECT_TRUE(ana.credentialed);
  ASSERT_EQ(ana.skills.size(), 2u);
  EXPECT_EQ(ana.skills[1].skill, "pricing");
  EXPECT_EQ(ana.skills[1].level, 3);
  EXPECT_EQ(ana.preferred_mentees, std::vector<std::string>{"rui"});
  EXPECT_EQ(in.mentees[0].ranked_mentors, std::vector<std::string>{"ana"});
  EXPECT_TRUE(in.rules.other_department);
  EXPECT_EQ(in.rules.min_level_gap, 1);
  EXPECT_EQ(in.rules.min_timezone_overlap_hours, 2);
  EXPECT_FALSE(in.rules.groups.has_value());
  EXPECT_EQ(in.scoring.Weight(matching::Criterion::kSkills), 50);
  EXPECT_EQ(in.scoring.Weight(matching::Criterion::kRankedChoice), 30);
  EXPECT_EQ(in.scoring.Weight(matching::Criterion::kSite), 5);  // default kept
  EXPECT_EQ(in.scoring.site, matching::Affinity::kSame);
  ASSERT_EQ(in.forbidden.size(), 1u);
  EXPECT_EQ(in.forbidden[0].mentor, "ana");
  EXPECT_FALSE(in.pairs.has_value());
}

TEST(InstanceJsonTest, ExplicitPairsAndObjective) {
  json doc = ValidDocument();
  doc["objective"] = "fairness";
  doc["pairs"] = json::parse(R"([{"mentee": "rui", "mentor": "ana", "score": 70}])");
  Result<matching::Instance> parsed = ParseInstanceJson(doc.dump());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->objective, matching::Objective::kFairness);
  ASSERT_TRUE(parsed->pairs.has_value());
  EXPECT_EQ((*parsed->pairs)[0].score, 70);
}

TEST(InstanceJsonTest, MalformedJson) {
  Result<matching::Instance> parsed = ParseInstanceJson("{\"mentors\": [");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().reason(), "malformed_json");
  EXPECT_NE(parsed.status().client_message().find("malformed JSON"), std::string::npos);
  EXPECT_FALSE(ParseInstanceJson("[1, 2]").ok());
}

TEST(InstanceJsonTest, WrongTypesNameTheRecordAndField) {
  json doc = ValidDocument();
  doc["mentors"][1]["capacity"] = "two";
  Status s = ParseError(doc);
  EXPECT_EQ(s.field(), "mentors[1].capacity");
  EXPECT_EQ(s.client_message(), "mentor \"bo\": capacity must be an integer");

  doc = ValidDocument();
  doc["mentees"][0]["skills"][0]["level"] = 2.5;
  s = ParseError(doc);
  EXPECT_EQ(s.field(), "mentees[0].skills[0].level");
  EXPECT_EQ(s.client_message(), "mentee \"rui\": level must be an integer");

  doc = ValidDocument();
  doc["mentees"][1]["languages"] = json::parse(R"(["English", 3])");
  s = ParseError(doc);
  EXPECT_EQ(s.field(), "mentees[1].languages[1]");

  doc = ValidDocument();
  doc["rules"]["other_department"] = "yes";
  s = ParseError(doc);
  EXPECT_EQ(s.field(), "rules.other_department");

  doc = ValidDocument();
  doc["mentors"][0]["capacity"] = 1e12;
  EXPECT_EQ(ParseError(doc).field(), "mentors[0].capacity");

  doc = ValidDocument();
  doc["objective"] = "happiness";
  EXPECT_EQ(ParseError(doc).field(), "objective");

  doc = ValidDocument();
  doc["scoring"]["site"] = "near";
  EXPECT_EQ(ParseError(doc).field(), "scoring.site");
}

TEST(InstanceJsonTest, MissingAndUnknownFields) {
  json doc = ValidDocument();
  doc["mentors"][0]["capcity"] = 2;
  Status s = ParseError(doc);
  EXPECT_EQ(s.field(), "mentors[0].capcity");
  EXPECT_EQ(s.client_message(), "mentor \"ana\": unknown field \"capcity\"");

  doc = ValidDocument();
  doc["mentees"][1].erase("id");
  s = ParseError(doc);
  EXPECT_EQ(s.field(), "mentees[1].id");
  EXPECT_EQ(s.client_message(), "mentees[1]: id is missing");

  doc = ValidDocument();
  doc.erase("mentees");
  EXPECT_EQ(ParseError(doc).field(), "mentees");

  doc = ValidDocument();
  doc["weights"]["charisma"] = 3;
  EXPECT_EQ(ParseError(doc).field(), "weights.charisma");

  doc = ValidDocument();
  doc["forbidden"][0].erase("mentor");
  EXPECT_EQ(ParseError(doc).field(), "forbidden[0].mentor");
}

TEST(InstanceJsonTest, TruncatedAndTrailingTextIsMalformed) {
  const std::string full = ValidDocument().dump(2);
  for (size_t n = 0; n + 1 < full.size(); n += 3) {
    Result<matching::Instance> parsed = ParseInstanceJson(full.substr(0, n));
    ASSERT_FALSE(parsed.ok()) << n;
    EXPECT_EQ(parsed.status().reason(), "malformed_json") << full.substr(0, n);
    EXPECT_EQ(parsed.status().field(), "");
    EXPECT_NE(parsed.status().client_message().find("(at byte "), std::string::npos);
  }
  EXPECT_EQ(ParseInstanceJson(full + " {}").status().reason(), "malformed_json");
  EXPECT_EQ(ParseInstanceJson(full + " x").status().reason(), "malformed_json");
  EXPECT_EQ(ParseInstanceJson("").status().reason(), "malformed_json");
  json doc = ValidDocument();
  doc["mentors"][0]["level"] = 1;
  std::string text = doc.dump();
  text.replace(text.find("\"level\":1"), 9, "\"level\":01");  // not a JSON number
  EXPECT_EQ(ParseInstanceJson(text).status().reason(), "malformed_json");
  text = doc.dump();
  text.replace(text.find("\"ana\""), 5, "\"a\tna\"");  // a raw control character in a string
  EXPECT_EQ(ParseInstanceJson(text).status().reason(), "malformed_json");
}

TEST(InstanceJsonTest, IntegersOutOfRangeNameTheField) {
  for (const char* number : {"2147483648", "-2147483649", "9223372036854775808",
                             "-9223372036854775809", "99999999999999999999", "1.0", "1e3"}) {
    std::string text = R"({"mentors": [{"id": "m", "capacity": N}], "mentees": []})";
    text.replace(text.find('N'), 1, number);
    const Status s = ParseInstanceJson(text).status();
    EXPECT_EQ(s.field(), "mentors[0].capacity") << number;
    EXPECT_EQ(s.reason(), "") << number;
  }
  EXPECT_EQ(
      ParseInstanceJson(R"({"mentors": [{"id": "m", "capacity": 4294967296}], "mentees": []})")
          .status()
          .client_message(),
      "mentor \"m\": capacity is out of range");
  json doc = ValidDocument();
  doc["pairs"] =
      json::parse(R"([{"mentee": "rui", "mentor": "ana", "score": 9223372036854775808}])");
  EXPECT_EQ(ParseError(doc).field(), "pairs[0].score");
  EXPECT_EQ(ParseError(doc).client_message(), "pairs[0]: score is out of range");
}

// The file's member order does not change which fault is reported or how the record is named.
TEST(InstanceJsonTest, FirstFaultInFieldOrderWhereverItStands) {
  Status s = ParseInstanceJson(
                 R"({"mentees": [], "mentors": [{"capacity": "two", "level": "x", "id": "bo"}]})")
                 .status();
  EXPECT_EQ(s.client_message(), "mentor \"bo\": level must be an integer");
  EXPECT_EQ(s.field(), "mentors[0].level");
  s = ParseInstanceJson(
          R"({"mentees": [], "mentors": [{"level": "x", "zeta": 1, "id": "bo", "alpha": 2}]})")
          .status();
  EXPECT_EQ(s.client_message(), "mentor \"bo\": unknown field \"alpha\"");
  s = ParseInstanceJson(
          R"({"pairs": [{"mentor": 3}], "mentees": [], "mentors": [], "objective": 1})")
          .status();
  EXPECT_EQ(s.field(), "objective");
  EXPECT_EQ(s.client_message(),
            "instance: objective must be \"total\", \"coverage\" or \"fairness\"");
  s = ParseInstanceJson(R"({"pairs": [{"mentor": 3}], "mentees": [], "mentors": []})").status();
  EXPECT_EQ(s.client_message(), "pairs[0]: mentee is missing");
  s = ParseInstanceJson(R"({"mentees": [{"skills": [{"level": 2}], "id": "eva"}], "mentors": []})")
          .status();
  EXPECT_EQ(s.client_message(), "mentee \"eva\": skill is missing");
  EXPECT_EQ(s.field(), "mentees[0].skills[0].skill");
  s = ParseInstanceJson(R"({"mentees": [], "mentors": [], "people": [{"id": "p", "level": 1}]})")
          .status();
  EXPECT_EQ(s.client_message(), "person \"p\": unknown field \"level\"");
  s = ParseInstanceJson(R"({"mentees": [], "mentors": [], "rules": {"groups": {"min_size": "a"}}})")
          .status();
  EXPECT_EQ(s.client_message(), "rules: min_size must be an integer");
  EXPECT_EQ(s.field(), "rules.groups.min_size");
  EXPECT_EQ(ParseInstanceJson("[1, 2]").status().client_message(),
            "the instance must be an object");
  EXPECT_EQ(ParseInstanceJson(R"({"mentees": []})").status().client_message(),
            "instance: mentors is missing");
}

TEST(InstanceJsonTest, EscapedNamesAndValues) {
  Result<matching::Instance> parsed = ParseInstanceJson(
      R"({"mentors": [{"\u0069d": "an\u0061", "department": "R\"&D"}], "mentees": [],
          "pairs": [{"mentee": "e\\1", "mentor": "ana", "score": 2}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->mentors[0].person.id, "ana");
  EXPECT_EQ(parsed->mentors[0].person.department, "R\"&D");
  EXPECT_EQ((*parsed->pairs)[0].mentee, "e\\1");
}

TEST(InstanceJsonTest, ManyPairsInOrder) {
  std::string text = R"({"mentors": [{"id": "m"}], "mentees": [], "pairs": [)";
  for (int i = 0; i < 5000; ++i) {
    if (i) text += ',';
    text += R"({"score": )" + std::to_string(i) + R"(, "mentor": "m", "mentee": "e)" +
            std::to_string(i) + "\"}";
  }
  text += "]}";
  Result<matching::Instance> parsed = ParseInstanceJson(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->pairs->size(), 5000u);
  EXPECT_EQ((*parsed->pairs)[4321].mentee, "e4321");
  EXPECT_EQ((*parsed->pairs)[4321].score, 4321);
  EXPECT_EQ((*parsed->pairs)[4321].mentor, "m");
}

TEST(InstanceJsonTest, ReadInstanceFileReportsAnUnreadableFile) {
  Result<matching::Instance> read = ReadInstanceFile("/nonexistent/instance.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), ErrorCode::kUnavailable);
}

TEST(InstanceJsonTest, ReadInstanceFileReadsWhatParsingReadsAtEveryPageEdge) {
  // A regular file is mapped, with the zero padding simdjson reads past the end on a page of
  // its own when the text ends near or at a page's end: documents and truncated documents
  // ending on each side of a page edge read as parsing the same text does.
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("pairwise-match-json-" + std::to_string(::getpid()) + ".json"))
                               .string();
  const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const std::string document = ValidDocument().dump();
  ASSERT_LT(document.size() + 200, page);
  auto write = [&](const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  };
  for (size_t size : {page - 65, page - 64, page - 63, page - 1, page, page + 1, 2 * page}) {
    // Valid: the document, then spaces up to `size`.
    const std::string valid = document + std::string(size - document.size(), ' ');
    write(valid);
    Result<matching::Instance> read = ReadInstanceFile(path);
    ASSERT_TRUE(read.ok()) << size << ": " << read.status().ToString();
    EXPECT_EQ(read->mentors.size(), 2u) << size;
    EXPECT_EQ(read->forbidden.size(), 1u) << size;
    // Truncated: spaces, then the document cut short right at the end of the file.
    const std::string cut =
        std::string(size - document.size() / 2, ' ') + document.substr(0, document.size() / 2);
    write(cut);
    read = ReadInstanceFile(path);
    ASSERT_FALSE(read.ok()) << size;
    EXPECT_EQ(read.status().ToString(), ParseInstanceJson(cut).status().ToString()) << size;
  }
  write("");  // empty: not mapped, read the ordinary way
  EXPECT_EQ(ReadInstanceFile(path).status().reason(), "malformed_json");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace pairwise::cli
