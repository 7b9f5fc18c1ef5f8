#include "api/handlers/form_json.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace pairwise::api {

using nlohmann::json;

namespace {

bool IsSingle(domain::QuestionType type) {
  return type != domain::QuestionType::kMultipleChoice && type != domain::QuestionType::kSkills &&
         type != domain::QuestionType::kRankedMentors && type != domain::QuestionType::kMatrix;
}

}  // namespace

json QuestionsJson(const std::vector<domain::Question>& questions) {
  json out = json::array();
  for (const auto& q : questions) {
    out.push_back({{"id", q.id},
                   {"type", domain::QuestionTypeName(q.type)},
                   {"label", q.label},
                   {"help", q.help},
                   {"required", q.required},
                   {"options", q.options}});
  }
  return out;
}

json AnswersJson(const domain::Answers& answers, const std::vector<domain::Question>& questions) {
  json out = json::object();
  for (const auto& [id, values] : answers) {
    // The id by init-capture: clang before 16 cannot capture a structured binding.
    auto q = std::find_if(questions.begin(), questions.end(),
                          [&key = id](const domain::Question& x) { return x.id == key; });
    if (q != questions.end() && IsSingle(q->type) && values.size() == 1) {
      if (q->type == domain::QuestionType::kScale || q->type == domain::QuestionType::kNps) {
        out[id] = std::stoi(values[0]);
      } else {
        out[id] = values[0];
      }
    } else {
      out[id] = values;
    }
  }
  return out;
}

// The form's questions: an array of {id, type, label, help?, required?, options?}.
std::vector<domain::Question> ReadQuestions(JsonReader& body) {
  std::vector<domain::Question> out;
  body.Objects("questions", /*required=*/true, [&](JsonReader& q) {
    q.OnlyKnown({"id", "type", "label", "help", "required", "options"});
    domain::Question question;
    question.id = q.String("id");
    question.type = q.Enum("type", &domain::ParseQuestionType,
                           "short_text, long_text, single_choice, multiple_choice, scale, "
                           "skills, ranked_mentors, date, nps or matrix");
    question.label = q.String("label");
    question.help = q.OptionalString("help").value_or("");
    question.required = q.OptionalBool("required").value_or(false);
    question.options = q.OptionalStrings("options").value_or(std::vector<std::string>{});
    out.push_back(std::move(question));
  });
  return out;
}

// The answers object, each answer with the JSON shape it came in (the domain checks shapes
// against question types: AnswersFromSent). Null answers are left out.
domain::SentAnswers ReadAnswers(JsonReader& body) {
  domain::SentAnswers out;
  JsonReader answers = body.Object("answers");
  answers.Members([&](const std::string& id, const json& v, const std::string& field) {
    domain::SentAnswer answer;
    if (v.is_null()) return;
    if (v.is_string()) {
      answer = {domain::AnswerShape::kText, {v.get<std::string>()}};
    } else if (v.is_number_integer() || v.is_number_unsigned()) {
      auto n = ReadInt(v, field, INT64_MIN, INT64_MAX);
      if (!n.ok()) return answers.Fail(n.status());
      answer = {domain::AnswerShape::kNumber, {std::to_string(*n)}};
    } else if (v.is_array()) {
      answer.shape = domain::AnswerShape::kList;
      for (std::size_t i = 0; i < v.size(); ++i) {
        auto item = ReadString(v[i], field + "[" + std::to_string(i) + "]");
        if (!item.ok()) return answers.Fail(item.status());
        answer.values.push_back(std::move(item).value());
      }
    } else {
      return answers.Fail(WrongType(field, "a string, a whole number or a list of strings"));
    }
    out.emplace(id, std::move(answer));
  });
  return out;
}

}  // namespace pairwise::api
