// Mentor development and credentialing (issue 21): the competency framework, a candidate's path
// through the seven steps (seed 003) as sign-off records, and the credential itself. Plain
// values and the pure rules over them; the repository is credential_repository.h, the rules
// that need people and roles are CredentialService.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"

namespace pairwise::domain {

using CandidateId = Id<struct CandidateTag>;
using SignOffId = Id<struct SignOffTag>;
using CredentialId = Id<struct CredentialTag>;
using EvidenceFileId = Id<struct EvidenceFileTag>;

// The credential's name as programs, refusals and the UI say it.
inline constexpr std::string_view kCredentialName = "Mentor credential";

// The seven steps, numbered as the seed numbers them.
inline constexpr int kStepApplication = 1;
inline constexpr int kStepSelection = 2;
inline constexpr int kStepTraining = 3;
inline constexpr int kStepObservation = 4;
inline constexpr int kStepCoMentoring = 5;
inline constexpr int kStepIndependent = 6;
inline constexpr int kStepCredential = 7;
inline constexpr int kStepCount = 7;
// Steps 4 to 6 are signed by a holder of a current credential.
inline bool IsObservedStep(int step) {
  return step >= kStepObservation && step <= kStepIndependent;
}

inline constexpr std::size_t kMaxEvidenceBytes = 8000;
inline constexpr std::size_t kMaxShortTextBytes = 200;
inline constexpr std::size_t kMaxFrameworkTextBytes = 4000;
inline constexpr int kMaxCompetencies = 30;
inline constexpr int kMaxTopics = 30;
inline constexpr int kMaxRubricLevels = 10;
inline constexpr int kDefaultValidityMonths = 24;
inline constexpr int kMaxValidityMonths = 120;
// Evidence files (PDF, images, Word documents): the one size limit, which the upload route's
// body limit also uses, and how many one candidacy may hold.
inline constexpr std::size_t kMaxEvidenceFileBytes = 10 * 1024 * 1024;
inline constexpr int kMaxEvidenceFiles = 30;
// A selected candidate with no new sign-off for this long shows as stuck on the cohort board.
inline constexpr int kStuckAfterDays = 30;

struct StepText {
  std::string name;
  std::string description;
};

struct Competency {
  std::string code;  // [a-z0-9_], unique in its framework; rubric scores are keyed by it
  std::string name;
  std::string description;  // what to watch for
};

struct RubricLevel {
  int score = 0;  // increasing through the list
  std::string name;
  std::string description;
};

// A quiz: the completion check of a training module that has one (issue 21). Graded on the
// server; the correct answers leave it only for admins (the framework editor), never for a
// candidate (CredentialService clears them, StripQuizAnswers).
inline constexpr int kMaxQuizQuestions = 20;
inline constexpr int kMaxQuizOptions = 8;
// A candidate may try one module's quiz this many times in kQuizAttemptWindowHours; the next try
// opens when the oldest of those leaves the window. Enough to retry after rereading the module,
// too few to find the answers by trying every combination.
inline constexpr int kMaxQuizAttemptsPerWindow = 3;
inline constexpr int kQuizAttemptWindowHours = 24;

struct QuizOption {
  std::string id;  // [a-z0-9_], unique in its question
  std::string text;
};

struct QuizQuestion {
  std::string id;  // [a-z0-9_], unique in its quiz
  std::string text;
  bool multiple = false;             // several options are correct; the candidate picks all of them
  std::vector<QuizOption> options;   // 2..kMaxQuizOptions
  std::vector<std::string> correct;  // option ids; exactly one unless `multiple`
};

struct Quiz {
  std::vector<QuizQuestion> questions;  // 1..kMaxQuizQuestions
  int pass_mark = 1;                    // questions answered right to pass, 1..questions
};

// A content-training module of step 3. Its completion check is its quiz when it has one,
// otherwise a reflection on `check`.
struct TrainingTopic {
  std::string code;  // [a-z0-9_], unique in its framework
  std::string name;
  std::string content;  // the module's text, links included
  std::string check;    // the reflection question; empty when the module has a quiz
  std::optional<Quiz> quiz;
};

// The organization's framework. Every change is a new version; a candidate stays on the version
// they applied under, so earlier evidence reads against the competencies it was scored on.
// Version 1 is the seed's default (DefaultFramework) and is never stored.
struct Framework {
  int version = 1;
  std::array<StepText, kStepCount> steps;  // steps[0] is step 1
  std::vector<TrainingTopic> topics;
  std::vector<Competency> competencies;
  std::vector<RubricLevel> levels;
  int passing_score = 3;  // every competency needs at least this at step 6
  int validity_months = kDefaultValidityMonths;
  std::string created_by;  // employee id; empty for version 1
  TimePoint created_at{};
};

// Clears every quiz's correct answers: what candidates and everyone but admins read.
void StripQuizAnswers(Framework& framework);

// The seed's seven steps, its four training topics, four competencies and a four-level rubric.
Framework DefaultFramework();

// InvalidArgument naming the field ("steps[2].name", "competencies[1].code", "passing_score"):
// names required and at most kMaxShortTextBytes, texts at most kMaxFrameworkTextBytes, codes
// [a-z0-9_] and unique, 1..kMaxCompetencies competencies, 1..kMaxTopics topics, 2..kMax
// RubricLevels levels with increasing scores, a passing score that is one of them, validity
// 1..kMaxValidityMonths. A module has a reflection question ("topics[i].check") or a quiz, not
// both; a quiz has 1..kMaxQuizQuestions questions with unique [a-z0-9_] ids and a text, each
// 2..kMaxQuizOptions options with unique ids and texts, correct answers that are its options
// ("topics[i].quiz.questions[j].correct": none, an unknown id, several on a single-choice
// question) and a pass mark of 1..questions ("topics[i].quiz.pass_mark").
Status CheckFramework(const Framework& framework);

enum class CandidateStatus { kApplied, kSelected, kDeclined, kCredentialed };
// "applied" | "selected" | "declined" | "credentialed".
std::string_view CandidateStatusName(CandidateStatus status);
std::optional<CandidateStatus> ParseCandidateStatus(std::string_view name);

// One person's way through the path. A person has at most one open candidacy (applied or
// selected); after a decline, or to renew an expired credential, they apply again.
struct Candidate {
  CandidateId id;
  std::string employee_id;
  int framework_version = 1;
  CandidateStatus status = CandidateStatus::kApplied;
  std::string motivation;
  std::string experience;
  std::string cohort;  // given at selection
  TimePoint applied_at{};
  TimePoint updated_at{};  // the last sign-off
};

// A step done: who, when, what evidence. Step 3 has one per training topic (`topic`); every
// other step at most one. Scores are rubric scores by competency code.
struct SignOff {
  SignOffId id;
  CandidateId candidate;
  int step = 0;
  std::string topic;  // step 3 only
  std::string signed_by;
  TimePoint signed_at{};
  std::string evidence;
  std::map<std::string, int> scores;
  int framework_version = 1;
};

// A file the candidate attached as evidence for a step (1-6). Its type was told from its bytes
// (common/file_type.h); the bytes themselves are read only through the download.
struct EvidenceFile {
  EvidenceFileId id;
  CandidateId candidate;
  int step = 0;
  std::string name;          // as uploaded; its extension fits content_type
  std::string content_type;  // sniffed, never the client's
  std::size_t size_bytes = 0;
  std::string uploaded_by;
  TimePoint uploaded_at{};
};

struct EvidenceFileContent {
  EvidenceFile file;
  std::string bytes;
};

enum class CredentialStatus { kCurrent, kExpired, kRevoked };
// "current" | "expired" | "revoked".
std::string_view CredentialStatusName(CredentialStatus status);

struct Credential {
  CredentialId id;
  std::string holder;
  CandidateId candidate;  // not valid() for a founding credential (granted, no path)
  int framework_version = 1;
  std::string issued_by;
  std::string note;  // why a founding credential was granted; empty otherwise
  TimePoint issued_at{};
  TimePoint expires_at{};
  std::optional<TimePoint> revoked_at;
  std::string revoked_by;
  std::string revoke_reason;

  CredentialStatus StatusAt(TimePoint now) const {
    if (revoked_at) return CredentialStatus::kRevoked;
    return now < expires_at ? CredentialStatus::kCurrent : CredentialStatus::kExpired;
  }
};

// An appointed credential reviewer: selects candidates and issues credentials.
struct Reviewer {
  std::string employee_id;
  std::string appointed_by;
  TimePoint appointed_at{};
};

using QuizAttemptId = Id<struct QuizAttemptTag>;

// One question's answer: the option ids chosen.
struct QuizAnswer {
  std::string question;
  std::vector<std::string> options;
};

// A candidate's try at a module's quiz, kept whether passed or not. Passing stores the module's
// step 3 sign-off with it.
struct QuizAttempt {
  QuizAttemptId id;
  CandidateId candidate;
  std::string topic;
  int framework_version = 1;
  std::vector<QuizAnswer> answers;  // in the quiz's question order
  int score = 0;                    // questions answered right
  int total = 0;
  int pass_mark = 0;
  bool passed = false;
  std::string taken_by;
  TimePoint taken_at{};
};

// Grades `answers` against `quiz`: a question is right when exactly its correct options are
// chosen. InvalidArgument naming the field: "answers" (a question unanswered or answered twice),
// "answers[i].question" (not in the quiz), "answers[i].options" (none chosen, an option not in
// the question, several on a single-choice question). On success the answers come back in the
// quiz's question order.
struct QuizGrade {
  std::vector<QuizAnswer> answers;
  int score = 0;
  bool passed = false;
};
Result<QuizGrade> GradeQuiz(const Quiz& quiz, const std::vector<QuizAnswer>& answers);
// The right answer to every question of `quiz` (which must still carry its answers): what the
// demo's candidates and the tests send.
std::vector<QuizAnswer> RightAnswers(const Quiz& quiz);

// Where a candidate stands, computed from their sign-offs against their framework version.
struct PathProgress {
  std::array<bool, kStepCount> done{};   // done[0]: step 1
  int next_step = 0;                     // the first step not done; 0 when all are
  std::vector<std::string> topics_open;  // step 3's topics without a reflection
};
PathProgress ProgressOf(const Framework& framework, const std::vector<SignOff>& sign_offs);

// Whether the candidate may add or remove evidence files at `step` now: step 1 while the
// application is undecided, steps 3-6 once selected and until the step is signed off.
// InvalidArgument "step" for step 2, 7 or none; Conflict "invalid_status" for a closed
// candidacy, "step_not_open" for steps 3-6 before selection, "already_signed" for a done step.
Status StepTakesFiles(const Candidate& candidate, const PathProgress& progress, int step);

// `months` calendar months after `from`, same time of day (the 31st becomes the month's last day).
TimePoint AddMonths(TimePoint from, int months);

}  // namespace pairwise::domain
