// The default surveys (survey_defaults.cpp) are one table: this pins what it gives, field by
// field, to what the hand-built list gave before (its rendering's SHA-256), so that reshaping the
// table changes nothing a program or the builder receives. A deliberate change of the defaults
// updates the digest here.
#include "domain/surveys/survey_defaults.h"

#include <gtest/gtest.h>

#include <string>

#include "common/crypto.h"

namespace pairwise::domain {
namespace {

// Every field of every survey and question, each on its own line.
std::string Render(const std::vector<SurveyFields>& surveys) {
  std::string out;
  auto line = [&out](std::string_view name, std::string_view value) {
    out.append(name).append("=").append(value).append("\n");
  };
  for (const SurveyFields& s : surveys) {
    line("title", s.title);
    line("intro", s.intro);
    line("kind", SurveyKindName(s.kind));
    line("privacy", SurveyPrivacyName(s.privacy));
    line("audience", SurveyAudienceName(s.audience));
    line("anchor", SurveyAnchorName(s.schedule.anchor));
    line("days", std::to_string(s.schedule.days));
    line("open_days", std::to_string(s.schedule.open_days));
    line("reminder_days", std::to_string(s.schedule.reminder_days));
    line("min_group", std::to_string(s.min_group));
    line("active", s.active ? "yes" : "no");
    for (const Question& q : s.questions) {
      line("question", q.id);
      line("type", QuestionTypeName(q.type));
      line("label", q.label);
      line("help", q.help);
      line("required", q.required ? "yes" : "no");
      for (const std::string& option : q.options) line("option", option);
    }
  }
  return out;
}

TEST(DefaultSurveys, AreWhatTheHandBuiltListGave) {
  const std::vector<SurveyFields> surveys = DefaultSurveys();
  ASSERT_EQ(surveys.size(), 4u);
  EXPECT_EQ(crypto::Sha256Hex(Render(surveys)),
            "52e6bdd7b82f262947984bc12fe261f65880b43d4daf168511665f3d6926caf2")
      << Render(surveys);
  for (const SurveyFields& s : surveys) EXPECT_TRUE(CheckSurveyFields(s).ok()) << s.title;
}

}  // namespace
}  // namespace pairwise::domain
