#include "domain/credentials/credential.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

namespace pairwise::domain {

Framework DefaultFramework() {
  Framework f;
  f.version = 1;
  // Seed 003, "Steps of Mentoring Procedure", in the product's words.
  f.steps = {{
      {"Application", "Tell the reviewers why you want to mentor and what you bring."},
      {"Selection",
       "Credential reviewers assess your application against the stated criteria and accept "
       "you into a cohort."},
      {"Content training and technical guidance",
       "Work through each training module and pass its quiz (or answer its reflection "
       "question)."},
      {"Structured observation",
       "Watch a credentialed mentor work with a protégé, using the observation checklist: what "
       "to watch for, per competency. The mentor you observed signs it off."},
      {"Co-mentoring",
       "Plan and conduct a mentoring session together with a credentialed mentor, who records "
       "it."},
      {"Independent mentoring, observed",
       "Conduct a mentoring session while a credentialed mentor observes and scores the "
       "rubric for every competency."},
      {"Credential",
       "A credential reviewer issues your credential when every competency has been shown."},
  }};
  // Each module is completed by passing a short quiz on its text, written for this product.
  auto single = [](std::string id, std::string text, std::vector<QuizOption> options,
                   std::string correct) {
    return QuizQuestion{
        std::move(id), std::move(text), false, std::move(options), {std::move(correct)}};
  };
  auto several = [](std::string id, std::string text, std::vector<QuizOption> options,
                    std::vector<std::string> correct) {
    return QuizQuestion{std::move(id), std::move(text), true, std::move(options),
                        std::move(correct)};
  };
  f.topics = {
      {"adult_learning", "Adult learning",
       "Adults learn from experience, want to know why something matters, and take charge of "
       "their own learning. Build on what your protégé already knows; agree goals together.",
       "",
       Quiz{
           {single("why_first",
                   "Your protégé asks why they should learn to write design documents. What "
                   "does adult learning suggest you do first?",
                   {{"explain", "Explain why it matters for the work they want to do"},
                    {"require", "Tell them it is required and move on"},
                    {"template", "Hand them a template and a deadline"}},
                   "explain"),
            several("builds_on", "Which of these build on how adults learn? Choose all that apply.",
                    {{"experience", "Start from an experience the protégé already has"},
                     {"goals", "Agree the goals together"},
                     {"fixed", "Cover every topic in a fixed order, whatever they know"},
                     {"choose", "Let the protégé choose what to work on next"}},
                    {"experience", "goals", "choose"}),
            single("knows_already",
                   "Your protégé already knows much of what you planned to cover. What do you "
                   "do?",
                   {{"build", "Build on what they know and move to what they do not"},
                    {"repeat", "Cover it anyway, so nothing is missed"},
                    {"end", "End the session early"}},
                   "build")},
           2}},
      {"levels_of_learning", "Levels of learning",
       "Knowing, understanding, applying, and finally adapting: recognize where your protégé is "
       "with a skill and pitch your guidance one level above.",
       "",
       Quiz{{single("order", "In which order do the levels of learning build on each other?",
                    {{"kuaa", "Knowing, understanding, applying, adapting"},
                     {"akau", "Applying, knowing, adapting, understanding"},
                     {"ukaa", "Understanding, knowing, adapting, applying"}},
                    "kuaa"),
             single("pitch",
                    "Your protégé can explain why code reviews matter but has never led one. "
                    "Where do you pitch your guidance?",
                    {{"apply", "Applying: they lead a review with you beside them"},
                     {"know", "Knowing: you give them a definition of code review"},
                     {"adapt", "Adapting: you ask them to redesign the review process"}},
                    "apply"),
             several("adapting",
                     "Which show that a protégé has reached adapting? Choose all that apply.",
                     {{"new_situation",
                       "They change a method to fit a situation it was not "
                       "made for"},
                      {"recite", "They can repeat the steps from memory"},
                      {"teach", "They teach it to someone else and adjust to that person"}},
                     {"new_situation", "teach"})},
            2}},
      {"problem_solving", "Problem solving",
       "Help your protégé define the problem, look for causes, weigh options and choose; ask "
       "rather than tell, so the way of thinking transfers and not only the answer.",
       "",
       Quiz{{single("stuck",
                    "Your protégé is stuck on a problem you could solve yourself in minutes. "
                    "What helps them most?",
                    {{"ask", "Questions that help them define the problem and find its causes"},
                     {"solve", "Solving it for them, so they can move on"},
                     {"wait", "Telling them to come back once they have solved it"}},
                    "ask"),
             single("first", "What comes first when solving a problem?",
                    {{"define", "Defining the problem"},
                     {"choose", "Choosing an option"},
                     {"weigh", "Weighing the options"}},
                    "define"),
             several("asking", "Which of these ask rather than tell? Choose all that apply.",
                     {{"tried", "What have you tried so far?"},
                      {"nothing", "What would happen if you did nothing?"},
                      {"restart", "Why don't you just restart the server?"}},
                     {"tried", "nothing"})},
            2}},
      {"strategic_planning", "Strategic planning",
       "Connect today's work to where the protégé wants to be: goals that are specific, "
       "measurable, achievable, relevant and time-bound, with milestones between.",
       "",
       Quiz{{single("smart", "Which of these is a SMART goal?",
                    {{"reviews",
                      "Lead two design reviews by the end of March, with feedback "
                      "from the team lead after each"},
                     {"better", "Get better at design"},
                     {"leader", "Become a great leader one day"}},
                    "reviews"),
             several("letters", "What does SMART stand for? Choose all that belong.",
                     {{"specific", "Specific"},
                      {"measurable", "Measurable"},
                      {"mandatory", "Mandatory"},
                      {"time_bound", "Time-bound"}},
                     {"specific", "measurable", "time_bound"}),
             single("milestones", "Why set milestones between today and a goal?",
                    {{"progress", "To see progress and adjust the plan early"},
                     {"meetings", "To have more meetings"},
                     {"paperwork", "Because the program wants paperwork"}},
                    "progress")},
            2}},
  };
  f.competencies = {
      {"trust", "Builds trust",
       "Creates a relationship in which the protégé can say what is not going well without fear "
       "of consequences; keeps confidences."},
      {"strengths", "Recognizes strengths and limits",
       "Sees what the protégé does well and where they struggle, and says so with care."},
      {"transfer", "Transfers knowledge and skill",
       "Guides rather than does: explains, demonstrates, lets the protégé try and reflects with "
       "them."},
      {"outcomes", "Leads outcome-based sessions",
       "Plans and coordinates sessions that lead to results the protégé can use in their work."},
  };
  f.levels = {
      {1, "Not yet shown", "The competency was not seen in this session."},
      {2, "Developing", "Shown in part, or with prompting."},
      {3, "Competent", "Shown clearly and unprompted."},
      {4, "Accomplished", "Shown with skill a candidate could learn from."},
  };
  f.passing_score = 3;
  f.validity_months = kDefaultValidityMonths;
  return f;
}

namespace {

bool IsCode(const std::string& code) {
  return !code.empty() && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Status Invalid(const std::string& field, const std::string& message) {
  return Status::InvalidArgument(message, field);
}

// A required short name and an optional longer text.
Status CheckTexts(const std::string& field, const std::string& name,
                  std::initializer_list<std::pair<const char*, const std::string*>> texts) {
  if (name.empty()) return Invalid(field + ".name", "Give it a name.");
  if (name.size() > kMaxShortTextBytes) {
    return Invalid(field + ".name", "A name has at most 200 characters.");
  }
  for (const auto& [key, text] : texts) {
    if (text->size() > kMaxFrameworkTextBytes) {
      return Invalid(field + "." + key, "This text has at most 4000 characters.");
    }
  }
  return Status::Ok();
}

Status CheckQuiz(const std::string& field, const Quiz& quiz) {
  if (quiz.questions.empty() ||
      quiz.questions.size() > static_cast<std::size_t>(kMaxQuizQuestions)) {
    return Invalid(field + ".questions", "A quiz has between 1 and 20 questions.");
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < quiz.questions.size(); ++i) {
    const QuizQuestion& q = quiz.questions[i];
    const std::string at = field + ".questions[" + std::to_string(i) + "]";
    if (!IsCode(q.id)) {
      return Invalid(at + ".id",
                     "An id is lower-case letters, digits and underscores (at most 40).");
    }
    if (!ids.insert(q.id).second) return Invalid(at + ".id", "Question ids must differ.");
    if (q.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Invalid(at + ".text", "Give the question.");
    }
    if (q.text.size() > kMaxFrameworkTextBytes) {
      return Invalid(at + ".text", "This text has at most 4000 characters.");
    }
    if (q.options.size() < 2 || q.options.size() > static_cast<std::size_t>(kMaxQuizOptions)) {
      return Invalid(at + ".options", "A question has between 2 and 8 options.");
    }
    std::set<std::string> option_ids;
    for (std::size_t k = 0; k < q.options.size(); ++k) {
      const QuizOption& o = q.options[k];
      const std::string opt = at + ".options[" + std::to_string(k) + "]";
      if (!IsCode(o.id)) {
        return Invalid(opt + ".id",
                       "An id is lower-case letters, digits and underscores (at most 40).");
      }
      if (!option_ids.insert(o.id).second) return Invalid(opt + ".id", "Option ids must differ.");
      if (o.text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Invalid(opt + ".text", "Give the option's text.");
      }
      if (o.text.size() > kMaxFrameworkTextBytes) {
        return Invalid(opt + ".text", "This text has at most 4000 characters.");
      }
    }
    if (q.correct.empty()) return Invalid(at + ".correct", "Mark the correct answer.");
    std::set<std::string> correct;
    for (const std::string& c : q.correct) {
      if (!option_ids.contains(c)) {
        return Invalid(at + ".correct", "A correct answer must be one of the question's options.");
      }
      if (!correct.insert(c).second) {
        return Invalid(at + ".correct", "Each correct answer is listed once.");
      }
    }
    if (!q.multiple && correct.size() > 1) {
      return Invalid(at + ".correct",
                     "A single-choice question has one correct answer; allow several choices "
                     "to mark more.");
    }
  }
  if (quiz.pass_mark < 1 || quiz.pass_mark > static_cast<int>(quiz.questions.size())) {
    return Invalid(field + ".pass_mark",
                   "The pass mark is between 1 and the number of questions (" +
                       std::to_string(quiz.questions.size()) + ").");
  }
  return Status::Ok();
}

}  // namespace

void StripQuizAnswers(Framework& framework) {
  for (TrainingTopic& t : framework.topics) {
    if (!t.quiz) continue;
    for (QuizQuestion& q : t.quiz->questions) q.correct.clear();
  }
}

Result<QuizGrade> GradeQuiz(const Quiz& quiz, const std::vector<QuizAnswer>& answers) {
  std::map<std::string, std::size_t> given;  // question id -> index in `answers`
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const QuizAnswer& a = answers[i];
    const std::string at = "answers[" + std::to_string(i) + "]";
    const auto question = std::find_if(quiz.questions.begin(), quiz.questions.end(),
                                       [&](const QuizQuestion& q) { return q.id == a.question; });
    if (question == quiz.questions.end()) {
      return Status::InvalidArgument("There is no such question in this quiz.", at + ".question");
    }
    if (!given.emplace(a.question, i).second) {
      return Status::InvalidArgument("Each question is answered once.", at + ".question");
    }
    if (a.options.empty()) return Status::InvalidArgument("Choose an answer.", at + ".options");
    std::set<std::string> chosen;
    for (const std::string& o : a.options) {
      if (std::none_of(question->options.begin(), question->options.end(),
                       [&](const QuizOption& option) { return option.id == o; })) {
        return Status::InvalidArgument("This answer is not one of the question's options.",
                                       at + ".options");
      }
      if (!chosen.insert(o).second) {
        return Status::InvalidArgument("Each answer is chosen once.", at + ".options");
      }
    }
    if (!question->multiple && chosen.size() > 1) {
      return Status::InvalidArgument("This question takes one answer.", at + ".options");
    }
  }
  QuizGrade grade;
  for (const QuizQuestion& q : quiz.questions) {
    auto found = given.find(q.id);
    if (found == given.end()) {
      return Status::InvalidArgument("Answer every question.", "answers");
    }
    const QuizAnswer& a = answers[found->second];
    const std::set<std::string> chosen(a.options.begin(), a.options.end());
    const std::set<std::string> correct(q.correct.begin(), q.correct.end());
    if (chosen == correct) ++grade.score;
    grade.answers.push_back(a);
  }
  grade.passed = grade.score >= quiz.pass_mark;
  return grade;
}

std::vector<QuizAnswer> RightAnswers(const Quiz& quiz) {
  std::vector<QuizAnswer> out;
  for (const QuizQuestion& q : quiz.questions) out.push_back({q.id, q.correct});
  return out;
}

Status CheckFramework(const Framework& f) {
  for (int i = 0; i < kStepCount; ++i) {
    const std::string field = "steps[" + std::to_string(i) + "]";
    PAIRWISE_RETURN_IF_ERROR(
        CheckTexts(field, f.steps[i].name, {{"description", &f.steps[i].description}}));
  }
  if (f.topics.empty() || f.topics.size() > static_cast<std::size_t>(kMaxTopics)) {
    return Invalid("topics", "Give between 1 and 30 training modules.");
  }
  std::set<std::string> codes;
  for (std::size_t i = 0; i < f.topics.size(); ++i) {
    const TrainingTopic& t = f.topics[i];
    const std::string field = "topics[" + std::to_string(i) + "]";
    if (!IsCode(t.code)) {
      return Invalid(field + ".code",
                     "A code is lower-case letters, digits and underscores (at most 40).");
    }
    if (!codes.insert(t.code).second) return Invalid(field + ".code", "Codes must differ.");
    PAIRWISE_RETURN_IF_ERROR(
        CheckTexts(field, t.name, {{"content", &t.content}, {"check", &t.check}}));
    if (t.quiz) {
      if (!t.check.empty()) {
        return Invalid(field + ".check",
                       "A module is completed by a quiz or by a reflection, not both.");
      }
      PAIRWISE_RETURN_IF_ERROR(CheckQuiz(field + ".quiz", *t.quiz));
    } else if (t.check.empty()) {
      return Invalid(field + ".check", "Give the reflection question, or a quiz.");
    }
  }
  if (f.competencies.empty() ||
      f.competencies.size() > static_cast<std::size_t>(kMaxCompetencies)) {
    return Invalid("competencies", "Give between 1 and 30 competencies.");
  }
  codes.clear();
  for (std::size_t i = 0; i < f.competencies.size(); ++i) {
    const Competency& c = f.competencies[i];
    const std::string field = "competencies[" + std::to_string(i) + "]";
    if (!IsCode(c.code)) {
      return Invalid(field + ".code",
                     "A code is lower-case letters, digits and underscores (at most 40).");
    }
    if (!codes.insert(c.code).second) return Invalid(field + ".code", "Codes must differ.");
    PAIRWISE_RETURN_IF_ERROR(CheckTexts(field, c.name, {{"description", &c.description}}));
  }
  if (f.levels.size() < 2 || f.levels.size() > static_cast<std::size_t>(kMaxRubricLevels)) {
    return Invalid("levels", "Give between 2 and 10 rubric levels.");
  }
  bool passing_found = false;
  for (std::size_t i = 0; i < f.levels.size(); ++i) {
    const RubricLevel& l = f.levels[i];
    const std::string field = "levels[" + std::to_string(i) + "]";
    if (i > 0 && l.score <= f.levels[i - 1].score) {
      return Invalid(field + ".score", "Scores must increase from one level to the next.");
    }
    PAIRWISE_RETURN_IF_ERROR(CheckTexts(field, l.name, {{"description", &l.description}}));
    passing_found = passing_found || l.score == f.passing_score;
  }
  if (!passing_found) {
    return Invalid("passing_score", "The passing score must be one of the rubric's scores.");
  }
  if (f.validity_months < 1 || f.validity_months > kMaxValidityMonths) {
    return Invalid("validity_months", "A credential is valid for 1 to 120 months.");
  }
  return Status::Ok();
}

std::string_view CandidateStatusName(CandidateStatus status) {
  switch (status) {
    case CandidateStatus::kApplied:
      return "applied";
    case CandidateStatus::kSelected:
      return "selected";
    case CandidateStatus::kDeclined:
      return "declined";
    case CandidateStatus::kCredentialed:
      return "credentialed";
  }
  return "applied";
}

std::optional<CandidateStatus> ParseCandidateStatus(std::string_view name) {
  for (auto s : {CandidateStatus::kApplied, CandidateStatus::kSelected, CandidateStatus::kDeclined,
                 CandidateStatus::kCredentialed}) {
    if (CandidateStatusName(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view CredentialStatusName(CredentialStatus status) {
  switch (status) {
    case CredentialStatus::kCurrent:
      return "current";
    case CredentialStatus::kExpired:
      return "expired";
    case CredentialStatus::kRevoked:
      return "revoked";
  }
  return "expired";
}

PathProgress ProgressOf(const Framework& framework, const std::vector<SignOff>& sign_offs) {
  PathProgress p;
  std::set<std::string> reflected;
  for (const SignOff& s : sign_offs) {
    if (s.step < 1 || s.step > kStepCount) continue;
    if (s.step == kStepTraining) {
      reflected.insert(s.topic);
    } else {
      p.done[s.step - 1] = true;
    }
  }
  for (const TrainingTopic& t : framework.topics) {
    if (!reflected.contains(t.code)) p.topics_open.push_back(t.code);
  }
  p.done[kStepTraining - 1] = p.topics_open.empty();
  for (int step = 1; step <= kStepCount; ++step) {
    if (!p.done[step - 1]) {
      p.next_step = step;
      break;
    }
  }
  return p;
}

TimePoint AddMonths(TimePoint from, int months) {
  using namespace std::chrono;
  const sys_days day = floor<days>(from);
  const auto time_of_day = from - day;
  year_month_day ymd(day);
  year_month_day moved = ymd.year() / ymd.month() / ymd.day() + std::chrono::months(months);
  if (!moved.ok()) moved = moved.year() / moved.month() / last;
  return sys_days(moved) + time_of_day;
}

Status StepTakesFiles(const Candidate& candidate, const PathProgress& progress, int step) {
  if (step < kStepApplication || step > kStepIndependent || step == kStepSelection) {
    return Status::InvalidArgument(
        "Files go with the application, the training or the observed sessions (steps 1, 3, 4, "
        "5 and 6).",
        "step");
  }
  if (candidate.status != CandidateStatus::kApplied &&
      candidate.status != CandidateStatus::kSelected) {
    return Status::Conflict("This candidacy is closed; its files can no longer change.")
        .WithReason("invalid_status");
  }
  if (step == kStepApplication) {
    if (candidate.status == CandidateStatus::kApplied) return Status::Ok();
    return Status::Conflict("Your application is decided; its files can no longer change.")
        .WithReason("already_signed");
  }
  if (candidate.status != CandidateStatus::kSelected) {
    return Status::Conflict("This step opens once reviewers have selected you.")
        .WithReason("step_not_open");
  }
  if (progress.done[step - 1]) {
    return Status::Conflict("This step is signed off already; its evidence is closed.")
        .WithReason("already_signed");
  }
  return Status::Ok();
}

}  // namespace pairwise::domain
