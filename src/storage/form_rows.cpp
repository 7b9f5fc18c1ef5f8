#include "storage/form_rows.h"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

namespace pairwise::storage {

using domain::Question;
using nlohmann::json;

std::string QuestionsText(const std::vector<Question>& questions) {
  json out = json::array();
  for (const Question& q : questions) {
    out.push_back({{"id", q.id},
                   {"type", domain::QuestionTypeName(q.type)},
                   {"label", q.label},
                   {"help", q.help},
                   {"required", q.required},
                   {"options", q.options}});
  }
  return out.dump();
}

std::vector<Question> ParseQuestions(const std::string& text) {
  const json in = json::parse(text);
  std::vector<Question> out;
  for (const json& q : in) {
    auto type = domain::ParseQuestionType(q.at("type").get<std::string>());
    if (!type) throw soci::soci_error("stored question of an unknown type");
    out.push_back({q.at("id").get<std::string>(), *type, q.at("label").get<std::string>(),
                   q.at("help").get<std::string>(), q.at("required").get<bool>(),
                   q.at("options").get<std::vector<std::string>>()});
  }
  return out;
}

std::string AnswersText(const domain::Answers& answers) { return json(answers).dump(); }
domain::Answers ParseAnswers(const std::string& text) {
  return json::parse(text).get<domain::Answers>();
}

}  // namespace pairwise::storage
