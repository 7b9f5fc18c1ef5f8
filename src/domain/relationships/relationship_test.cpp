#include "domain/relationships/relationship.h"

#include <gtest/gtest.h>

namespace pairwise::domain {
namespace {

const std::unordered_map<std::string, std::string> kSkills = {
    {"cpp", "C++"}, {"kubernetes", "Kubernetes"}, {"sql", "SQL"}};

// The matching's wording (matching/explain.cpp) as the pair reads it.
TEST(ExplanationForParticipant, TheMenteeReadsItWrittenForThem) {
  const std::string coordinators =
      "pinned by the coordinator; offers all 3 skills the mentee wants: cpp, kubernetes and sql "
      "(below the level wanted in sql); 2 levels above; same department (ENG); other site; "
      "no language in common; has the 4 hours a month the mentee wants; ranked 1st by the mentee";
  EXPECT_EQ(ExplanationForParticipant(coordinators, false, kSkills),
            "They offer all 3 skills you want: C++, Kubernetes and SQL; they are 2 levels above "
            "you; you work in the same department; they have the 4 hours a month you want; you "
            "ranked them 1st.");
  EXPECT_EQ(ExplanationForParticipant(coordinators, true, kSkills),
            "You offer all 3 skills your mentee wants: C++, Kubernetes and SQL; you are 2 levels "
            "above them; you work in the same department; you have the 4 hours a month your "
            "mentee wants; your mentee ranked you 1st.");
}

TEST(ExplanationForParticipant, NothingOfTheCoordinatorsBusinessIsLeft) {
  const std::string text =
      "pinned by the coordinator; score 80 as given in the list of allowed pairs; shares 1 of the "
      "2 skills the mentee wants: go; the mentor asked for this mentee";
  const std::string mentee = ExplanationForParticipant(text, false, kSkills);
  EXPECT_EQ(mentee, "They offer 1 of the 2 skills you want: go; they asked for you.");
  EXPECT_EQ(mentee.find("coordinator"), std::string::npos);
  EXPECT_EQ(ExplanationForParticipant("pinned by the coordinator", false, kSkills), "");
  EXPECT_EQ(ExplanationForParticipant("", true, kSkills), "");
  EXPECT_EQ(ExplanationForParticipant("same level; both speak English", true, kSkills),
            "You are at the same level; you both speak English.");
  // Languages are named, not coded.
  EXPECT_EQ(ExplanationForParticipant("both speak en, fr and sw", false, kSkills),
            "You both speak English, French and Swahili.");
}

}  // namespace
}  // namespace pairwise::domain
