// Application forms and applications: what a person sends to join one side of a program, and
// what the coordinator decides. Plain values and the pure checks of forms and answers; the
// rules of who may do what live in ApplicationService.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/programs/participation.h"
#include "domain/programs/program.h"

namespace pairwise::domain {

enum class QuestionType {
  kShortText,       // one line, up to 200 characters
  kLongText,        // up to 5,000 characters
  kSingleChoice,    // one of `options`
  kMultipleChoice,  // any of `options`
  kScale,           // 1 to 5
  kSkills,          // skill codes of the taxonomy
  kRankedMentors,   // employee ids, most wanted first, up to the program's max_ranked_choices
  kDate,            // YYYY-MM-DD
  kNps,             // 0 to 10: how likely to recommend (surveys)
  kMatrix,          // each of `options` (the items) rated 1 to 5 (surveys)
};
// "short_text" | "long_text" | "single_choice" | "multiple_choice" | "scale" | "skills" |
// "ranked_mentors" | "date" | "nps" | "matrix".
std::string_view QuestionTypeName(QuestionType type);
std::optional<QuestionType> ParseQuestionType(std::string_view name);

struct Question {
  std::string id;  // stable within a form: [a-z0-9_]{1,40}
  QuestionType type = QuestionType::kShortText;
  std::string label;  // 1..300 characters
  std::string help;   // up to 1,000 characters
  bool required = false;
  // Choices' options and a matrix's items: 2..30, each 1..200 characters, no repeats.
  std::vector<std::string> options;
  friend bool operator==(const Question&, const Question&) = default;
};

inline constexpr std::size_t kMaxQuestions = 50;

// One version of a side's form. Version 0 is the empty form a program starts with.
struct ApplicationForm {
  ProgramId program;
  Side side = Side::kMentee;
  int version = 0;
  std::vector<Question> questions;
};

// The level of a skill named on a form (forms name skills without a level), as matching and
// the self-match mentor list read it.
inline constexpr int kFormSkillLevel = 3;

// Answers by question id; every answer is a list of strings (one for text, choice, scale, NPS
// and date questions; any number for multiple choice, skills and ranked mentors; one rating
// "1".."5" per item, in the items' order, for a matrix).
using Answers = std::map<std::string, std::vector<std::string>>;

// An answer as a client sent it, before it is checked against its question: the shape
// matters (a number is no text answer, a single value no list), so it travels with the values.
enum class AnswerShape {
  kText,    // one string
  kNumber,  // one whole number, in `values[0]` in decimal
  kList,    // any number of strings
};
struct SentAnswer {
  AnswerShape shape = AnswerShape::kText;
  std::vector<std::string> values;
};
using SentAnswers = std::map<std::string, SentAnswer>;

// The one check of answers' shapes against their questions' types: text for short and long
// text, single choice and date questions; a whole number for scale questions; a list for
// multiple choice, skills and ranked mentors. Answers to questions the form does not have
// pass through for CheckAnswers to name. InvalidArgument naming "answers.<question id>".
Result<Answers> AnswersFromSent(const std::vector<Question>& questions, const SentAnswers& sent);

// Checks a form a coordinator wrote. InvalidArgument naming the field
// ("questions[2].options").
Status CheckQuestions(const std::vector<Question>& questions);

// Checks `answers` against `questions`: required ones answered, values of the right kind,
// choices among the options, no answers to unknown questions. `skill_codes` are the taxonomy's;
// `max_ranked` the program's max_ranked_choices. Mentors named must be checked by the caller.
// InvalidArgument naming "answers.<question id>".
Status CheckAnswers(const std::vector<Question>& questions, const Answers& answers,
                    const std::vector<std::string>& skill_codes, int max_ranked);

enum class ManagerApproval { kNotNeeded, kPending, kApproved, kDeclined };
// "not_needed" | "pending" | "approved" | "declined".
std::string_view ManagerApprovalName(ManagerApproval approval);

struct Application {
  ApplicationId id;
  ProgramId program;
  Side side = Side::kMentee;
  std::string employee_id;
  ApplicationStatus status = ApplicationStatus::kSubmitted;
  int form_version = 0;
  Answers answers;
  bool nominated = false;  // added by a coordinator, not applied for
  ManagerApproval manager_approval = ManagerApproval::kNotNeeded;
  std::string decision_message;  // the coordinator's words with the decision
  std::string submitted_at;      // ISO 8601 UTC
  std::string updated_at;
};

}  // namespace pairwise::domain
