// The form engine's questions and answers as JSON, for every form that uses it (application
// forms, surveys): writing questions and answers, and reading them from a body through
// JsonReader (failures name the field, "questions[2].type", "answers.goals").
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "api/json_reader.h"
#include "domain/applications/application.h"

namespace pairwise::api {

nlohmann::json QuestionsJson(const std::vector<domain::Question>& questions);
// Answers as clients send them: a number for scale and NPS questions, a string for other single
// answers, a list of strings otherwise.
nlohmann::json AnswersJson(const domain::Answers& answers,
                           const std::vector<domain::Question>& questions);
// The body's "questions": an array of {id, type, label, help?, required?, options?}.
std::vector<domain::Question> ReadQuestions(JsonReader& body);
// The body's "answers" object, each answer with the JSON shape it came in (the domain checks
// shapes against question types: AnswersFromSent). Null answers are left out.
domain::SentAnswers ReadAnswers(JsonReader& body);

}  // namespace pairwise::api
