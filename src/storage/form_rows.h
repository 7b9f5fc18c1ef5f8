// The form engine's questions and answers as stored JSON text (application forms, surveys):
// read whole, never queried. Throws soci::soci_error for a stored question of an unknown type
// (callers run inside Database::Run, which turns it into a Status).
#pragma once

#include <string>
#include <vector>

#include "domain/applications/application.h"

namespace pairwise::storage {

std::string QuestionsText(const std::vector<domain::Question>& questions);
std::vector<domain::Question> ParseQuestions(const std::string& text);
std::string AnswersText(const domain::Answers& answers);
domain::Answers ParseAnswers(const std::string& text);

}  // namespace pairwise::storage
