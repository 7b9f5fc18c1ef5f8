#include "domain/applications/application.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "common/utf8.h"
#include "domain/people/directory_validation.h"

namespace pairwise::domain {

namespace {

constexpr std::array<std::pair<QuestionType, std::string_view>, 10> kTypes = {{
    {QuestionType::kShortText, "short_text"},
    {QuestionType::kLongText, "long_text"},
    {QuestionType::kSingleChoice, "single_choice"},
    {QuestionType::kMultipleChoice, "multiple_choice"},
    {QuestionType::kScale, "scale"},
    {QuestionType::kSkills, "skills"},
    {QuestionType::kRankedMentors, "ranked_mentors"},
    {QuestionType::kDate, "date"},
    {QuestionType::kNps, "nps"},
    {QuestionType::kMatrix, "matrix"},
}};

bool IsChoice(QuestionType type) {
  return type == QuestionType::kSingleChoice || type == QuestionType::kMultipleChoice;
}

bool IsQuestionId(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Status Invalid(std::string message, std::string field) {
  return Status::InvalidArgument(std::move(message), std::move(field));
}

}  // namespace

std::string_view QuestionTypeName(QuestionType type) {
  for (const auto& [t, name] : kTypes) {
    if (t == type) return name;
  }
  return "";
}

std::optional<QuestionType> ParseQuestionType(std::string_view name) {
  for (const auto& [t, n] : kTypes) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string_view ManagerApprovalName(ManagerApproval approval) {
  switch (approval) {
    case ManagerApproval::kNotNeeded:
      return "not_needed";
    case ManagerApproval::kPending:
      return "pending";
    case ManagerApproval::kApproved:
      return "approved";
    case ManagerApproval::kDeclined:
      return "declined";
  }
  return "";
}

Status CheckQuestions(const std::vector<Question>& questions) {
  if (questions.size() > kMaxQuestions) return Invalid("at most 50 questions", "questions");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const Question& q = questions[i];
    const std::string at = "questions[" + std::to_string(i) + "]";
    if (!IsQuestionId(q.id)) {
      return Invalid("a question id is 1 to 40 of a-z, 0-9 and _", at + ".id");
    }
    if (!ids.insert(q.id).second) return Invalid("two questions have the id " + q.id, at + ".id");
    if (!IsValidTextChars(q.label, 300)) {
      return Invalid("A question needs a label of 1 to 300 characters.", at + ".label");
    }
    if (MoreCharsThan(q.help, 1000)) {
      return Invalid("The help text must be at most 1,000 characters.", at + ".help");
    }
    if (IsChoice(q.type) || q.type == QuestionType::kMatrix) {
      if (q.options.size() < 2 || q.options.size() > 30) {
        return Invalid(q.type == QuestionType::kMatrix ? "A matrix needs 2 to 30 items."
                                                       : "A choice question needs 2 to 30 options.",
                       at + ".options");
      }
      std::set<std::string> seen;
      for (std::size_t k = 0; k < q.options.size(); ++k) {
        if (!IsValidTextChars(q.options[k], 200) || !seen.insert(q.options[k]).second) {
          return Invalid("Each choice or item must be 1 to 200 characters, and no two the same.",
                         at + ".options[" + std::to_string(k) + "]");
        }
      }
    } else if (!q.options.empty()) {
      return Invalid("only choice questions have options", at + ".options");
    }
  }
  return Status::Ok();
}

Result<Answers> AnswersFromSent(const std::vector<Question>& questions, const SentAnswers& sent) {
  Answers out;
  for (const auto& [id, answer] : sent) {
    // The id by init-capture: clang before 16 cannot capture a structured binding.
    auto q = std::find_if(questions.begin(), questions.end(),
                          [&key = id](const Question& x) { return x.id == key; });
    if (q != questions.end()) {
      const std::string field = "answers." + id;
      AnswerShape expected = AnswerShape::kText;
      std::string words = "text";
      switch (q->type) {
        case QuestionType::kShortText:
        case QuestionType::kLongText:
        case QuestionType::kDate:
          break;
        case QuestionType::kSingleChoice:
          words = "one of the options, as text";
          break;
        case QuestionType::kScale:
          expected = AnswerShape::kNumber;
          words = "a number from 1 to 5";
          break;
        case QuestionType::kNps:
          expected = AnswerShape::kNumber;
          words = "a number from 0 to 10";
          break;
        case QuestionType::kMatrix:
          expected = AnswerShape::kList;
          words = "a list of ratings from 1 to 5, one per item";
          break;
        case QuestionType::kMultipleChoice:
        case QuestionType::kSkills:
        case QuestionType::kRankedMentors:
          expected = AnswerShape::kList;
          words = "a list";
          break;
      }
      if (answer.shape != expected) {
        return Invalid("\"" + q->label + "\" needs " + words + " as its answer", field);
      }
    }
    out.emplace(id, answer.values);
  }
  return out;
}

Status CheckAnswers(const std::vector<Question>& questions, const Answers& answers,
                    const std::vector<std::string>& skill_codes, int max_ranked) {
  for (const auto& [id, values] : answers) {
    if (std::none_of(questions.begin(), questions.end(),
                     [&key = id](const Question& q) { return q.id == key; })) {
      return Invalid("the form has no question " + id, "answers." + id);
    }
  }
  for (const Question& q : questions) {
    const std::string field = "answers." + q.id;
    auto it = answers.find(q.id);
    const bool empty = it == answers.end() || it->second.empty() ||
                       (it->second.size() == 1 && it->second[0].empty());
    if (empty) {
      if (q.required) return Invalid("\"" + q.label + "\" needs an answer", field);
      continue;
    }
    const std::vector<std::string>& v = it->second;
    if (q.type == QuestionType::kMatrix) {
      // One rating per item, in the items' order: ratings repeat.
      if (v.size() != q.options.size()) return Invalid("one rating per item", field);
      for (const std::string& r : v) {
        if (r.size() != 1 || r[0] < '1' || r[0] > '5') {
          return Invalid("each rating is a number from 1 to 5", field);
        }
      }
      continue;
    }
    const bool single = q.type != QuestionType::kMultipleChoice &&
                        q.type != QuestionType::kSkills && q.type != QuestionType::kRankedMentors;
    if (single && v.size() != 1) return Invalid("one answer only", field);
    std::set<std::string> distinct(v.begin(), v.end());
    if (distinct.size() != v.size()) return Invalid("an answer is given twice", field);
    switch (q.type) {
      case QuestionType::kShortText:
        if (MoreCharsThan(v[0], 200) || v[0].find('\n') != std::string::npos) {
          return Invalid("Write one line of at most 200 characters.", field);
        }
        break;
      case QuestionType::kLongText:
        if (MoreCharsThan(v[0], 5000)) return Invalid("Write at most 5,000 characters.", field);
        break;
      case QuestionType::kSingleChoice:
      case QuestionType::kMultipleChoice:
        for (const std::string& s : v) {
          if (std::find(q.options.begin(), q.options.end(), s) == q.options.end()) {
            return Invalid("\"" + s + "\" is not one of the options", field);
          }
        }
        break;
      case QuestionType::kScale:
        if (v[0].size() != 1 || v[0][0] < '1' || v[0][0] > '5') {
          return Invalid("a number from 1 to 5", field);
        }
        break;
      case QuestionType::kSkills:
        for (const std::string& s : v) {
          if (std::find(skill_codes.begin(), skill_codes.end(), s) == skill_codes.end()) {
            return Invalid("unknown skill \"" + s + "\"", field);
          }
        }
        break;
      case QuestionType::kRankedMentors:
        if (static_cast<int>(v.size()) > max_ranked) {
          return Invalid("rank at most " + std::to_string(max_ranked) + " mentors", field);
        }
        break;
      case QuestionType::kDate:
        if (!ParseDate(v[0])) return Invalid("a date (YYYY-MM-DD)", field);
        break;
      case QuestionType::kNps:
        if (v[0] != "10" && (v[0].size() != 1 || v[0][0] < '0' || v[0][0] > '9')) {
          return Invalid("a number from 0 to 10", field);
        }
        break;
      case QuestionType::kMatrix:
        break;  // checked above
    }
  }
  return Status::Ok();
}

}  // namespace pairwise::domain
