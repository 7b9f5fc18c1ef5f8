#include "domain/credentials/credential.h"

#include <algorithm>
#include <chrono>
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
       "Work through each training module and answer its reflection question."},
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
  f.topics = {
      {"adult_learning", "Adult learning",
       "Adults learn from experience, want to know why something matters, and take charge of "
       "their own learning. Build on what your protégé already knows; agree goals together.",
       "Describe a time you learned something as an adult. What made it stick?"},
      {"levels_of_learning", "Levels of learning",
       "Knowing, understanding, applying, and finally adapting: recognize where your protégé is "
       "with a skill and pitch your guidance one level above.",
       "Pick a skill you could mentor. What would each level of learning look like for it?"},
      {"problem_solving", "Problem solving",
       "Help your protégé define the problem, look for causes, weigh options and choose; ask "
       "rather than tell, so the way of thinking transfers and not only the answer.",
       "Which questions would you ask a protégé stuck on a problem you could solve yourself?"},
      {"strategic_planning", "Strategic planning",
       "Connect today's work to where the protégé wants to be: goals that are specific, "
       "measurable, achievable, relevant and time-bound, with milestones between.",
       "Write one SMART goal you might help a protégé set, with two milestones."},
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

}  // namespace

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
    if (t.check.empty()) return Invalid(field + ".check", "Give the reflection question.");
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
