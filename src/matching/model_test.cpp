// Bad instances: every one gets InvalidArgument naming the record and the field.
#include <gtest/gtest.h>

#include "matching/engine.h"
#include "matching/test_util.h"

namespace pairwise::matching {
namespace {

using testing::MakeMentee;
using testing::MakeMentor;

Instance Valid() {
  Instance in;
  in.people = {{"ceo", ""}};
  in.mentors = {MakeMentor("m1"), MakeMentor("m2")};
  in.mentees = {MakeMentee("e1"), MakeMentee("e2")};
  in.mentors[0].person.manager = "ceo";
  in.mentees[0].person.manager = "m2";
  return in;
}

// Creates the engine and expects InvalidArgument with `field` and a message containing
// `words`.
void ExpectInvalid(const Instance& in, const std::string& field, const std::string& words) {
  Result<Engine> engine = Engine::Create(in);
  ASSERT_FALSE(engine.ok()) << "expected an error on " << field;
  EXPECT_EQ(engine.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(engine.status().field(), field);
  EXPECT_NE(engine.status().client_message().find(words), std::string::npos)
      << engine.status().client_message();
}

TEST(ValidationTest, ValidInstanceIsAccepted) {
  Result<Engine> engine = Engine::Create(Valid());
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  EXPECT_GE(engine->prepare_ms(), 0.0);
}

TEST(ValidationTest, DuplicateIdsAcrossRecords) {
  Instance in = Valid();
  in.mentees[1].person.id = "m1";
  ExpectInvalid(in, "mentees[1].id", "duplicate id \"m1\"");
  in = Valid();
  in.people.push_back({"e2", ""});
  ExpectInvalid(in, "people[1].id", "duplicate id \"e2\"");
  in = Valid();
  in.mentors[1].person.id.clear();
  ExpectInvalid(in, "mentors[1].id", "id is missing");
}

TEST(ValidationTest, UnknownIds) {
  Instance in = Valid();
  in.mentees[1].person.manager = "nobody";
  ExpectInvalid(in, "mentees[1].manager", "mentee \"e2\": manager \"nobody\"");
  in = Valid();
  in.mentees[0].ranked_mentors = {"m1", "e2"};
  ExpectInvalid(in, "mentees[0].ranked_mentors[1]", "\"e2\" is not a mentor");
  in = Valid();
  in.mentors[1].preferred_mentees = {"ghost"};
  ExpectInvalid(in, "mentors[1].preferred_mentees[0]", "\"ghost\" is not a mentee");
  in = Valid();
  in.forbidden = {{"e1", "m1"}, {"e1", "m9"}};
  ExpectInvalid(in, "forbidden[1].mentor", "mentor \"m9\" is not a mentor");
  in = Valid();
  in.previous_pairs = {{"m1", "m2"}};
  ExpectInvalid(in, "previous_pairs[0].mentee", "mentee \"m1\" is not a mentee");
  in = Valid();
  in.pinned = {{"e3", "m1"}};
  ExpectInvalid(in, "pinned[0].mentee", "\"e3\"");
}

TEST(ValidationTest, ValuesOutOfRange) {
  Instance in = Valid();
  in.mentors[1].capacity = -1;
  ExpectInvalid(in, "mentors[1].capacity", "mentor \"m2\": capacity must be between 0 and");
  in = Valid();
  in.mentees[0].person.level = 101;
  ExpectInvalid(in, "mentees[0].level", "mentee \"e1\": level");
  in = Valid();
  in.mentees[1].person.utc_offset_minutes = 15 * 60;
  ExpectInvalid(in, "mentees[1].utc_offset_minutes", "utc_offset_minutes");
  in = Valid();
  in.mentors[0].person.availability_hours = 1000;
  ExpectInvalid(in, "mentors[0].availability_hours", "availability_hours");
  in = Valid();
  in.mentees[0].skills = {{"sql", 6}};
  ExpectInvalid(in, "mentees[0].skills[0].level", "skill level");
  in = Valid();
  in.mentees[0].skills = {{"sql", 2}, {"sql", 3}};
  ExpectInvalid(in, "mentees[0].skills[1].skill", "listed twice");
  in = Valid();
  in.scoring.weight[static_cast<int>(Criterion::kSite)] = -5;
  ExpectInvalid(in, "weights.site", "weight of site");
  in = Valid();
  in.rules.min_timezone_overlap_hours = 9;
  ExpectInvalid(in, "rules.min_timezone_overlap_hours", "between 0 and 8");
  in = Valid();
  in.rules.groups = GroupRule{4, 3};
  ExpectInvalid(in, "rules.groups.max_size", "groups.max_size");
  in = Valid();
  in.rules.groups = GroupRule{2, 4};
  in.objective = Objective::kFairness;
  ExpectInvalid(in, "objective", "fairness is not available for group programs");
}

TEST(ValidationTest, ManagementChainWithACycle) {
  Instance in = Valid();
  in.mentors[1].person.manager = "e1";  // e1 -> m2 -> e1
  ExpectInvalid(in, "mentors[1].manager", "loops back");
  in = Valid();
  in.mentees[1].person.manager = "e2";
  ExpectInvalid(in, "mentees[1].manager", "their own manager");
}

TEST(ValidationTest, PinsThatBreakRules) {
  Instance in = Valid();
  in.pinned = {{"e1", "m2"}};  // m2 manages e1
  ExpectInvalid(in, "pinned[0]", "breaks the hard rule \"not in the mentee's management chain\"");
  in = Valid();
  in.rules.other_department = true;
  in.mentees[1].person.department = "Engineering";
  in.pinned = {{"e2", "m1"}};
  ExpectInvalid(in, "pinned[0]", "\"other department\"");
  in = Valid();
  in.forbidden = {{"e2", "m1"}};
  in.pinned = {{"e2", "m1"}};
  ExpectInvalid(in, "pinned[0]", "also forbidden");
  in = Valid();
  in.pinned = {{"e2", "m1"}, {"e2", "m2"}};
  ExpectInvalid(in, "pinned[1].mentee", "pinned more than once");
  in = Valid();
  in.mentees.push_back(MakeMentee("e3"));
  in.pinned = {{"e2", "m1"}, {"e3", "m1"}};  // capacity 1
  ExpectInvalid(in, "pinned[1].mentor", "more pins than capacity");
}

TEST(ValidationTest, ExplicitPairs) {
  Instance in = Valid();
  in.pairs = std::vector<ScoredPair>{{"e1", "m1", 10}, {"e2", "m1", -3}};
  ExpectInvalid(in, "pairs[1].score", "score must be between 0");
  in.pairs = std::vector<ScoredPair>{{"e1", "m1", 10}, {"e1", "m1", 3}};
  ExpectInvalid(in, "pairs", "listed twice");
  in.pairs = std::vector<ScoredPair>{{"e1", "m2", 10}};  // m2 manages e1
  ExpectInvalid(in, "pairs[0]", "management chain");
  in.pairs = std::vector<ScoredPair>{{"e1", "m1", 10}};
  in.pinned = {{"e2", "m1"}};
  ExpectInvalid(in, "pinned[0]", "not among the allowed pairs");
}

TEST(ValidationTest, ExplicitPairsNameUnknownIdsWhereverTheyStand) {
  // The list's ids are looked up in an index of their own (not the map of every id): an id
  // of the other side, of the directory or of nobody is refused where it stands, also after
  // a pair of the same mentee.
  Instance in = Valid();
  in.people.push_back({"p1", ""});
  const std::vector<std::pair<ScoredPair, std::string>> bad = {
      {{"m1", "m1", 1}, "mentee \"m1\" is not a mentee"},
      {{"p1", "m1", 1}, "mentee \"p1\" is not a mentee"},
      {{"nobody", "m1", 1}, "mentee \"nobody\" is not a mentee"},
      {{"e2", "e1", 1}, "mentor \"e1\" is not a mentor"},
      {{"e2", "p1", 1}, "mentor \"p1\" is not a mentor"},
      {{"e2", "", 1}, "mentor \"\" is not a mentor"},
  };
  for (const auto& [pair, words] : bad) {
    in.pairs = std::vector<ScoredPair>{{"e2", "m2", 1}, pair};
    const std::string side = words.substr(0, words.find(' '));
    ExpectInvalid(in, "pairs[1]." + side, words);
  }
}

TEST(ValidationTest, ExplicitPairsResolveEveryIdOfALargeProgram) {
  // Enough ids that the index's slots collide: every listed pair lands on its own mentor.
  Instance in;
  for (int i = 0; i < 3000; ++i) in.mentors.push_back(MakeMentor("m" + std::to_string(i)));
  for (int i = 0; i < 500; ++i) in.mentees.push_back(MakeMentee("e" + std::to_string(i)));
  std::vector<ScoredPair> pairs;
  for (int e = 0; e < 500; ++e) {
    for (int k = 0; k < 6; ++k) {
      const int m = (e * 7 + k * 509) % 3000;
      pairs.push_back({"e" + std::to_string(e), "m" + std::to_string(m), (e + m) % 100});
    }
  }
  in.pairs = pairs;
  Result<Engine> engine = Engine::Create(in);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  for (const ScoredPair& p : pairs) {
    const int32_t e = std::stoi(p.mentee.substr(1));
    const int32_t m = std::stoi(p.mentor.substr(1));
    EXPECT_EQ(engine->PairScore(e, m), p.score) << p.mentee << " " << p.mentor;
  }
  EXPECT_EQ(engine->PairScore(0, 1), 0);  // not listed: the pair is not eligible
}

}  // namespace
}  // namespace pairwise::matching
