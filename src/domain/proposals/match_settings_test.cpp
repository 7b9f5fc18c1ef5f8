#include "domain/proposals/match_settings.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace pairwise::domain {
namespace {

TEST(MatchSettingFieldsTest, NamesEveryFieldOnceAndFindsThem) {
  std::set<std::string> names;
  for (const SettingField& f : MatchSettingFields()) {
    EXPECT_TRUE(names.insert(std::string(f.name)).second) << f.name;
    EXPECT_EQ(FindSettingField(f.name), &f);
  }
  EXPECT_EQ(names.size(), 15u);
  EXPECT_EQ(FindSettingField("weight"), nullptr);
}

TEST(MatchSettingFieldsTest, AChangeTouchesOnlyTheFieldsGiven) {
  MatchSettings base;
  base.min_level_gap = 1;
  SettingsChange change;
  change.values.min_level_gap.reset();
  change.values.objective = matching::Objective::kCoverage;
  change.values.weights[static_cast<int>(matching::Criterion::kSite)] = 99;
  change.values.weights[static_cast<int>(matching::Criterion::kSkills)] = 77;  // not given
  change.values.mentee_skills_question = "q";                                  // not given
  change.given = {"min_level_gap", "objective", "weights.site"};
  const MatchSettings out = ApplySettingsChange(base, change);
  EXPECT_FALSE(out.min_level_gap.has_value());
  EXPECT_EQ(out.objective, matching::Objective::kCoverage);
  EXPECT_EQ(out.weights[static_cast<int>(matching::Criterion::kSite)], 99);
  EXPECT_EQ(out.weights[static_cast<int>(matching::Criterion::kSkills)],
            matching::kDefaultWeights[static_cast<int>(matching::Criterion::kSkills)]);
  EXPECT_EQ(out.mentee_skills_question, "");
  EXPECT_EQ(ApplySettingsChange(base, SettingsChange{}), base);
}

TEST(MatchSettingFieldsTest, DifferingSettingsNamesEachFieldThatDiffers) {
  MatchSettings a;
  EXPECT_TRUE(DifferingSettings(a, a).empty());
  MatchSettings b = a;
  b.min_level_gap = 3;
  b.other_department = !a.other_department;
  b.weights[static_cast<int>(matching::Criterion::kSite)] += 1;
  b.objective = matching::Objective::kCoverage;
  b.ranked_mentors_question = "mentors";
  EXPECT_EQ(DifferingSettings(a, b),
            (std::vector<std::string>{"min_level_gap", "other_department", "weights.site",
                                      "objective", "ranked_mentors_question"}));
}

TEST(MatchSettingFieldsTest, TheCheckUsesTheTablesRanges) {
  Program program;
  ApplicationForm none;
  for (const SettingField& f : MatchSettingFields()) {
    if (f.kind != SettingKind::kInt && f.kind != SettingKind::kOptionalInt &&
        f.kind != SettingKind::kWeights) {
      continue;
    }
    for (int wrong : {f.min - 1, f.max + 1}) {
      MatchSettings s;
      if (f.kind == SettingKind::kInt) s.*f.number = wrong;
      if (f.kind == SettingKind::kOptionalInt) s.*f.optional_number = wrong;
      if (f.kind == SettingKind::kWeights) s.weights[2] = wrong;
      Status st = CheckMatchSettings(s, program, none, none, false);
      const std::string field = f.kind == SettingKind::kWeights
                                    ? std::string(f.name) + ".department"
                                    : std::string(f.name);
      EXPECT_EQ(st.field(), field) << wrong;
      EXPECT_EQ(st.client_message(), f.rule);
    }
    MatchSettings edge;
    if (f.kind == SettingKind::kInt) edge.*f.number = f.max;
    if (f.kind == SettingKind::kOptionalInt) edge.*f.optional_number = f.min;
    EXPECT_TRUE(CheckMatchSettings(edge, program, none, none, false).ok()) << f.name;
  }
}

}  // namespace
}  // namespace pairwise::domain
