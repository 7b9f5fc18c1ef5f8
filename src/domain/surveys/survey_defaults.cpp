#include "domain/surveys/survey_defaults.h"

#include <string>

namespace pairwise::domain {
namespace {

Question Nps(std::string label) {
  return {"recommend",
          QuestionType::kNps,
          std::move(label),
          "0 is not at all likely, 10 is extremely likely.",
          true,
          {}};
}

}  // namespace

std::vector<SurveyFields> DefaultSurveys() {
  SurveyFields start;
  start.title = "Getting started";
  start.intro = "Two weeks in: how did your mentoring relationship begin?";
  start.kind = SurveyKind::kStart;
  start.privacy = SurveyPrivacy::kAnonymous;
  start.schedule = {SurveyAnchor::kAfterStart, 14, 14, 5};
  start.questions = {{"first_meeting",
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
                      {}}};
  SurveyFields mid;
  mid.title = "Halfway check-in";
  mid.intro = "You are halfway through. Tell us how it is going, so we can help where needed.";
  mid.kind = SurveyKind::kMidpoint;
  mid.privacy = SurveyPrivacy::kAnonymous;
  mid.schedule = {SurveyAnchor::kHalfway, 0, 14, 5};
  mid.questions = {Nps("How likely are you to recommend this program to a colleague?"),
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
                    {}}};
  SurveyFields end;
  end.title = "Looking back";
  end.intro = "Your relationship ends soon. What did it give you?";
  end.kind = SurveyKind::kEnd;
  end.privacy = SurveyPrivacy::kConfidential;
  end.schedule = {SurveyAnchor::kBeforeEnd, 14, 21, 7};
  end.questions = {
      Nps("How likely are you to recommend this program to a colleague?"),
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
       {}}};
  SurveyFields meeting;
  meeting.title = "How was your meeting?";
  meeting.intro = "One minute, the day after a meeting you logged.";
  meeting.kind = SurveyKind::kAfterMeeting;
  meeting.privacy = SurveyPrivacy::kAnonymous;
  meeting.schedule = {SurveyAnchor::kAfterMeeting, 1, 7, 3};
  meeting.questions = {{"worth",
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
                        {"Yes", "Partly", "No"}}};
  return {start, mid, end, meeting};
}

}  // namespace pairwise::domain
