#include "domain/surveys/survey_defaults.h"

#include <string>
#include <utility>
#include <vector>

namespace pairwise::domain {
namespace {

// Every default survey asks the same recommendation question where it asks one.
const Question kRecommend = {"recommend",
                             QuestionType::kNps,
                             "How likely are you to recommend this program to a colleague?",
                             "0 is not at all likely, 10 is extremely likely.",
                             true,
                             {}};

// One default survey: its words, kind, privacy, schedule and questions (the audience, minimum
// group and the active flag are SurveyFields' defaults).
struct DefaultSurvey {
  const char* title;
  const char* intro;
  SurveyKind kind;
  SurveyPrivacy privacy;
  SurveySchedule schedule;
  std::vector<Question> questions;
};

const std::vector<DefaultSurvey>& Table() {
  static const std::vector<DefaultSurvey> table = {
      {"Getting started",
       "Two weeks in: how did your mentoring relationship begin?",
       SurveyKind::kStart,
       SurveyPrivacy::kAnonymous,
       {SurveyAnchor::kAfterStart, 14, 14, 5},
       {{"first_meeting",
         QuestionType::kSingleChoice,
         "Have you had your first meeting?",
         "",
         true,
         {"Yes", "It is planned", "Not yet"}},
        {"clarity",
         QuestionType::kScale,
         "How clear are your goals for this relationship?",
         "1 is not clear at all, 5 is very clear.",
         true,
         {}},
        {"help",
         QuestionType::kLongText,
         "What would help you get off to a good start?",
         "",
         false,
         {}}}},
      {"Halfway check-in",
       "You are halfway through. Tell us how it is going, so we can help where needed.",
       SurveyKind::kMidpoint,
       SurveyPrivacy::kAnonymous,
       {SurveyAnchor::kHalfway, 0, 14, 5},
       {kRecommend,
        {"relationship",
         QuestionType::kMatrix,
         "How much do you agree?",
         "1 is not at all, 5 is completely.",
         false,
         {"We meet as often as we agreed", "Our meetings are worth the time",
          "I am making progress on my goals"}},
        {"better",
         QuestionType::kLongText,
         "What would make the second half better?",
         "",
         false,
         {}}}},
      {"Looking back",
       "Your relationship ends soon. What did it give you?",
       SurveyKind::kEnd,
       SurveyPrivacy::kConfidential,
       {SurveyAnchor::kBeforeEnd, 14, 21, 7},
       {kRecommend,
        {"outcomes",
         QuestionType::kMultipleChoice,
         "What did you gain?",
         "",
         false,
         {"New skills", "Confidence", "A wider network", "A clearer career path", "Fresh ideas"}},
        {"goals",
         QuestionType::kScale,
         "How far did you reach your goals?",
         "1 is not at all, 5 is fully.",
         true,
         {}}}},
      {"How was your meeting?",
       "One minute, the day after a meeting you logged.",
       SurveyKind::kAfterMeeting,
       SurveyPrivacy::kAnonymous,
       {SurveyAnchor::kAfterMeeting, 1, 7, 3},
       {{"worth",
         QuestionType::kScale,
         "How useful was the meeting?",
         "1 is not useful, 5 is very useful.",
         true,
         {}},
        {"next",
         QuestionType::kSingleChoice,
         "Do you know what you will do before the next one?",
         "",
         false,
         {"Yes", "Partly", "No"}}}},
  };
  return table;
}

}  // namespace

std::vector<SurveyFields> DefaultSurveys() {
  std::vector<SurveyFields> out;
  for (const DefaultSurvey& d : Table()) {
    SurveyFields fields;
    fields.title = d.title;
    fields.intro = d.intro;
    fields.kind = d.kind;
    fields.privacy = d.privacy;
    fields.schedule = d.schedule;
    fields.questions = d.questions;
    out.push_back(std::move(fields));
  }
  return out;
}

}  // namespace pairwise::domain
