#include "domain/credentials/credential_service.h"

#include <gtest/gtest.h>

#include "domain/people/import/testing/fake_audit_log.h"
#include "domain/people/test_util.h"
#include "storage/memory/memory_credential_repository.h"
#include "storage/memory/memory_people_repository.h"

namespace pairwise::domain {
namespace {

using testing::D;
using testing::MakePerson;

Actor PersonActor(std::string employee_id, std::vector<Role> roles = {}) {
  Actor a;
  a.account_id = AccountId(7);
  a.employee_id = std::move(employee_id);
  a.roles = std::move(roles);
  return a;
}

// Admin E1; candidate C1 managed by M1 (who holds a credential); credentialed mentors S1, S2;
// S3 whose credential expires; reviewer R1; coordinator K1; P1 plain. Today 2026-11-23.
class CredentialServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Directory d = testing::SmallDirectory();
    for (const char* id : {"M1", "S1", "S2", "S3", "R1", "K1", "P1"}) {
      d.people.push_back(MakePerson(id, "E2"));
    }
    d.people.push_back(MakePerson("C1", "M1"));
    ASSERT_TRUE(people_.LoadDirectory(d).ok());
    ASSERT_TRUE(service_.AppointReviewer(admin_, "R1").ok());
    for (const char* id : {"M1", "S1", "S2", "S3"}) {
      auto granted = service_.GrantFounding(admin_, id, "Ran the pilot program.");
      ASSERT_TRUE(granted.ok()) << granted.status().ToString();
    }
  }

  // C1 applies, is selected and completes every training module.
  CandidateId Trained() {
    auto applied = service_.Apply(PersonActor("C1"), "I want to give back.", "Ten years.");
    EXPECT_TRUE(applied.ok()) << applied.status().ToString();
    const CandidateId id = applied->candidate.id;
    auto decided = service_.Decide(reviewer_, id, true, "Spring 2027", "");
    EXPECT_TRUE(decided.ok()) << decided.status().ToString();
    for (const TrainingTopic& t : DefaultFramework().topics) {
      auto done = service_.TakeQuiz(PersonActor("C1"), id, t.code, RightAnswers(*t.quiz));
      EXPECT_TRUE(done.ok()) << done.status().ToString();
    }
    return id;
  }

  std::map<std::string, int> AllScores(int score) {
    std::map<std::string, int> out;
    for (const Competency& c : DefaultFramework().competencies) out[c.code] = score;
    return out;
  }

  storage::MemoryPeopleRepository people_repository_;
  PeopleService people_{people_repository_};
  storage::MemoryCredentialRepository repository_;
  testing::FakeAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::sys_days(D(2026, 11, 23)))};
  CredentialService service_{repository_, people_, audit_, clock_};
  const Actor admin_ = PersonActor("E1", {Role::kAdmin});
  const Actor reviewer_ = PersonActor("R1");
};

TEST_F(CredentialServiceTest, ACandidateWalksTheSevenStepsToACredential) {
  const CandidateId id = Trained();
  for (int step : {kStepObservation, kStepCoMentoring}) {
    auto signed_off = service_.SignOffStep(PersonActor(step == 4 ? "S1" : "S2"), id,
                                           {step, "Watched a full session.", {}});
    ASSERT_TRUE(signed_off.ok()) << signed_off.status().ToString();
    EXPECT_FALSE(signed_off->with_evidence);
  }
  // Step 6 needs every competency scored.
  auto partial =
      service_.SignOffStep(PersonActor("S1"), id, {kStepIndependent, "Observed.", {{"trust", 3}}});
  EXPECT_EQ(partial.status().field(), "scores.strengths");
  auto off_rubric =
      service_.SignOffStep(PersonActor("S1"), id, {kStepIndependent, "Observed.", AllScores(9)});
  EXPECT_EQ(off_rubric.status().code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(
      service_.SignOffStep(PersonActor("S1"), id, {kStepIndependent, "Observed.", AllScores(3)})
          .ok());
  // Only reviewers issue, and not before the steps are done.
  EXPECT_EQ(service_.Issue(PersonActor("S1"), id, std::nullopt).status().code(),
            ErrorCode::kForbidden);
  auto issued = service_.Issue(reviewer_, id, std::nullopt);
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_EQ(issued->status, CredentialStatus::kCurrent);
  EXPECT_EQ(issued->credential.expires_at,
            TimePoint(std::chrono::sys_days(D(2028, 11, 23))));  // two years by default
  auto mine = service_.Mine(PersonActor("C1"));
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE(mine->holds_current);
  EXPECT_EQ(mine->candidacy->progress.next_step, 0);
  ASSERT_EQ(mine->candidacy->sign_offs.size(), 1u + 1u + 4u + 3u + 1u);
  EXPECT_EQ(mine->candidacy->sign_offs[7].sign_off.signed_by, "S2");
  EXPECT_EQ(mine->candidacy->sign_offs[7].sign_off.evidence, "Watched a full session.");
  EXPECT_EQ(mine->candidacy->sign_offs[8].sign_off.scores.at("trust"), 3);
  EXPECT_GE(audit_.entries().size(), 10u);
}

// Seed 003: supervising conflicts with mentoring. Anyone above the candidate in the management
// chain is barred, not only the direct manager: E2 manages M1, who manages C1.
TEST_F(CredentialServiceTest, NoOneAboveTheCandidateInTheManagementChainSigns) {
  const CandidateId id = Trained();
  ASSERT_TRUE(service_.GrantFounding(admin_, "E2", "Led mentoring for years.").ok());
  auto refused =
      service_.SignOffStep(PersonActor("E2"), id, {kStepObservation, "Watched a session.", {}});
  EXPECT_EQ(refused.status().reason(), "manager");
  auto to_sign = service_.ToSign(PersonActor("E2"));
  ASSERT_TRUE(to_sign.ok()) << to_sign.status().ToString();
  EXPECT_TRUE(to_sign->empty());
  EXPECT_EQ(service_.GetCandidate(PersonActor("E2"), id).status().code(), ErrorCode::kNotFound);
  // S1, a peer of M1 under E2 but not above C1, signs.
  EXPECT_TRUE(
      service_.SignOffStep(PersonActor("S1"), id, {kStepObservation, "Watched a session.", {}})
          .ok());
}

TEST_F(CredentialServiceTest, SignOffsAreRefusedToTheWrongPeople) {
  const CandidateId id = Trained();
  const SignOffInput step4{kStepObservation, "Watched.", {}};
  auto reason = [&](const Actor& who) {
    return service_.SignOffStep(who, id, step4).status().reason();
  };
  EXPECT_EQ(reason(PersonActor("P1")), "not_credentialed");
  EXPECT_EQ(reason(PersonActor("C1")), "own_candidacy");
  EXPECT_EQ(reason(PersonActor("M1")), "manager");  // holds a credential, manages C1
  EXPECT_EQ(reason(reviewer_), "not_credentialed");
  // An expired credential no longer signs: S3's, once time passes its expiry, and revoked ones.
  auto s3 = service_.PersonCredential(admin_, "S3");
  ASSERT_TRUE(s3.ok() && s3->has_value());
  clock_.Advance(std::chrono::duration_cast<std::chrono::microseconds>(
      (*s3)->credential.expires_at - clock_.Now() + std::chrono::hours(1)));
  EXPECT_EQ(reason(PersonActor("S3")), "not_credentialed");
  EXPECT_EQ(reason(PersonActor("S1")), "not_credentialed");  // all founding ones expired
}

TEST_F(CredentialServiceTest, RevokedCredentialsNoLongerSign) {
  const CandidateId id = Trained();
  auto s1 = service_.PersonCredential(PersonActor("S1"), "S1");
  ASSERT_TRUE(s1.ok() && s1->has_value());
  EXPECT_EQ(service_.Revoke(PersonActor("P1"), (*s1)->credential.id, "x").status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(service_.Revoke(reviewer_, (*s1)->credential.id, "").status().field(), "reason");
  auto revoked = service_.Revoke(reviewer_, (*s1)->credential.id, "Left mentoring.");
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->status, CredentialStatus::kRevoked);
  EXPECT_EQ(
      service_.SignOffStep(PersonActor("S1"), id, {kStepObservation, "W", {}}).status().reason(),
      "not_credentialed");
}

TEST_F(CredentialServiceTest, EvidenceIsForTheCandidateAndReviewersOnly) {
  const CandidateId id = Trained();
  auto as = [&](const Actor& who) { return service_.GetCandidate(who, id); };
  EXPECT_TRUE(as(PersonActor("C1"))->with_evidence);
  EXPECT_TRUE(as(reviewer_)->with_evidence);
  EXPECT_FALSE(as(PersonActor("S1"))->with_evidence);  // may sign: sees the path only
  EXPECT_TRUE(as(PersonActor("S1"))->sign_offs.empty());
  EXPECT_EQ(as(PersonActor("M1")).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(as(PersonActor("P1")).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(as(PersonActor("K1", {Role::kCoordinator})).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(as(admin_).status().code(), ErrorCode::kNotFound);
  // Credential status: coordinators yes, plain people no.
  EXPECT_TRUE(service_.PersonCredential(PersonActor("K1", {Role::kCoordinator}), "S1").ok());
  EXPECT_EQ(service_.PersonCredential(PersonActor("P1"), "S1").status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(service_.Board(PersonActor("S1")).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_.Board(reviewer_)->size(), 1u);
}

TEST_F(CredentialServiceTest, SelectionIsTheReviewersAndStepsGoInOrder) {
  auto applied = service_.Apply(PersonActor("C1"), "Motivated.", "");
  ASSERT_TRUE(applied.ok());
  const CandidateId id = applied->candidate.id;
  EXPECT_EQ(service_.Apply(PersonActor("C1"), "Again.", "").status().reason(), "open_candidacy");
  EXPECT_EQ(service_.Decide(PersonActor("S1"), id, true, "X", "").status().reason(),
            "not_reviewer");
  EXPECT_EQ(service_.Decide(reviewer_, id, true, "", "").status().field(), "cohort");
  EXPECT_EQ(service_
                .TakeQuiz(PersonActor("C1"), id, "adult_learning",
                          RightAnswers(*DefaultFramework().topics[0].quiz))
                .status()
                .reason(),
            "step_not_open");
  ASSERT_TRUE(service_.Decide(reviewer_, id, true, "Spring", "").ok());
  EXPECT_EQ(
      service_.SignOffStep(PersonActor("S1"), id, {kStepObservation, "W", {}}).status().reason(),
      "step_not_open");
  EXPECT_EQ(service_.TakeQuiz(PersonActor("C1"), id, "nope", {}).status().field(), "topic");
  // The default modules are completed by their quizzes, not by a reflection.
  EXPECT_EQ(
      service_.CompleteTraining(PersonActor("C1"), id, "adult_learning", "R").status().reason(),
      "quiz_required");
  EXPECT_EQ(service_.Issue(reviewer_, id, std::nullopt).status().reason(), "step_not_open");
}

TEST_F(CredentialServiceTest, ACompetencyBelowPassingKeepsTheCredentialBack) {
  const CandidateId id = Trained();
  ASSERT_TRUE(service_.SignOffStep(PersonActor("S1"), id, {4, "W", {}}).ok());
  ASSERT_TRUE(service_.SignOffStep(PersonActor("S2"), id, {5, "W", {}}).ok());
  auto scores = AllScores(4);
  scores["trust"] = 2;
  ASSERT_TRUE(service_.SignOffStep(PersonActor("S1"), id, {6, "W", scores}).ok());
  auto refused = service_.Issue(reviewer_, id, std::nullopt);
  EXPECT_EQ(refused.status().reason(), "competencies_not_shown");
  EXPECT_NE(refused.status().client_message().find("Builds trust"), std::string::npos);
}

TEST_F(CredentialServiceTest, FrameworkVersionsKeepEarlierEvidenceReadable) {
  const CandidateId id = Trained();
  Framework edited = DefaultFramework();
  edited.competencies.push_back({"ethics", "Acts ethically", ""});
  EXPECT_EQ(service_.SaveFramework(reviewer_, edited).status().code(), ErrorCode::kForbidden);
  auto saved = service_.SaveFramework(admin_, edited);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(service_.SaveFramework(admin_, edited).status().reason(), "stale_framework");
  // C1 stays on version 1: four competencies, so four scores suffice.
  auto candidate = service_.GetCandidate(PersonActor("C1"), id);
  EXPECT_EQ(candidate->framework.version, 1);
  EXPECT_EQ(candidate->framework.competencies.size(), 4u);
  Framework bad = DefaultFramework();
  bad.version = 2;
  bad.passing_score = 7;
  EXPECT_EQ(service_.SaveFramework(admin_, bad).status().field(), "passing_score");
}

// Issue 21: evidence files, typed by their bytes, seen by the candidate and reviewers only.
TEST_F(CredentialServiceTest, EvidenceFilesAreCheckedByContentAndSeenOnlyByCandidateAndReviewers) {
  const Actor candidate = PersonActor("C1");
  auto applied = service_.Apply(candidate, "I want to give back.", "Ten years.");
  ASSERT_TRUE(applied.ok());
  const CandidateId id = applied->candidate.id;
  const std::string pdf = "%PDF-1.7\n1 0 obj\n";
  auto field = [&](int step, const std::string& name, const std::string& bytes) {
    return service_.AttachFile(candidate, id, step, name, bytes).status().field();
  };
  EXPECT_EQ(field(1, "page.pdf", "<html><script>alert(1)</script></html>"), "file");
  EXPECT_EQ(field(1, "photo.png", pdf), "file");  // a lying extension
  EXPECT_EQ(field(1, "plan", pdf), "file");
  EXPECT_EQ(field(1, "plan.pdf", ""), "file");
  EXPECT_EQ(field(1, "plan.pdf", pdf + std::string(kMaxEvidenceFileBytes, ' ')), "file");
  EXPECT_EQ(field(1, " ", pdf), "name");
  EXPECT_EQ(field(1, "../../etc/plan.pdf", pdf), "name");
  EXPECT_EQ(field(2, "plan.pdf", pdf), "step");
  EXPECT_EQ(field(7, "plan.pdf", pdf), "step");

  auto attached = service_.AttachFile(candidate, id, 1, "Plan.PDF", pdf);
  ASSERT_TRUE(attached.ok()) << attached.status().ToString();
  EXPECT_EQ(attached->content_type, "application/pdf");
  EXPECT_EQ(attached->size_bytes, pdf.size());
  // Others may neither add nor read; a reviewer reads but does not add.
  EXPECT_EQ(service_.AttachFile(PersonActor("P1"), id, 1, "a.pdf", pdf).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_.AttachFile(reviewer_, id, 1, "a.pdf", pdf).status().code(),
            ErrorCode::kForbidden);
  for (const char* who : {"P1", "M1", "S1", "K1"}) {
    EXPECT_EQ(service_.DownloadFile(PersonActor(who), attached->id).status().code(),
              ErrorCode::kNotFound)
        << who;
  }
  EXPECT_EQ(service_.DownloadFile(admin_, attached->id).status().code(), ErrorCode::kNotFound);
  auto by_reviewer = service_.DownloadFile(reviewer_, attached->id);
  ASSERT_TRUE(by_reviewer.ok()) << by_reviewer.status().ToString();
  EXPECT_EQ(by_reviewer->bytes, pdf);
  auto by_candidate = service_.DownloadFile(candidate, attached->id);
  ASSERT_TRUE(by_candidate.ok());
  EXPECT_EQ(by_candidate->file.name, "Plan.PDF");
  // The candidacy lists it for those who read evidence.
  auto view = service_.GetCandidate(reviewer_, id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->files.size(), 1u);
  EXPECT_EQ(view->files[0].name, "Plan.PDF");

  // Once selected, the application's files are closed; step 3 takes files until it is done.
  ASSERT_TRUE(service_.Decide(reviewer_, id, true, "Spring 2027", "").ok());
  EXPECT_EQ(service_.AttachFile(candidate, id, 1, "more.pdf", pdf).status().reason(),
            "already_signed");
  EXPECT_EQ(service_.RemoveFile(candidate, attached->id).reason(), "already_signed");
  auto training = service_.AttachFile(candidate, id, 3, "certificate.png",
                                      std::string("\x89PNG\r\n\x1a\n", 8) + "IHDR");
  ASSERT_TRUE(training.ok()) << training.status().ToString();
  EXPECT_EQ(service_.RemoveFile(reviewer_, training->id).code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_.RemoveFile(PersonActor("P1"), training->id).code(), ErrorCode::kNotFound);
  ASSERT_TRUE(service_.RemoveFile(candidate, training->id).ok());
  EXPECT_EQ(service_.DownloadFile(candidate, training->id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(audit_.entries().back().action, "credential_evidence_removed");
}

// Training quizzes (step 3): graded here, answers never shown to candidates, every attempt kept,
// passing completes the module, retries limited per day.
TEST_F(CredentialServiceTest, AQuizIsGradedHereAndPassingItCompletesTheModule) {
  auto applied = service_.Apply(PersonActor("C1"), "I want to give back.", "Ten years.");
  ASSERT_TRUE(applied.ok());
  const CandidateId id = applied->candidate.id;
  ASSERT_TRUE(service_.Decide(reviewer_, id, true, "Spring", "").ok());
  const Quiz quiz = *DefaultFramework().topics[0].quiz;
  const Actor candidate = PersonActor("C1");

  // The candidate never reads the correct answers; the admin's editor does.
  auto mine = service_.Mine(candidate);
  ASSERT_TRUE(mine.ok());
  for (const auto* f : {&mine->framework, &mine->candidacy->framework}) {
    for (const TrainingTopic& t : f->topics) {
      ASSERT_TRUE(t.quiz);
      for (const QuizQuestion& q : t.quiz->questions) EXPECT_TRUE(q.correct.empty()) << q.id;
    }
  }
  auto admin_view = service_.CurrentFramework(admin_);
  ASSERT_TRUE(admin_view.ok());
  EXPECT_FALSE(admin_view->topics[0].quiz->questions[0].correct.empty());

  // Bad answers name their field and are not kept.
  std::vector<QuizAnswer> answers = RightAnswers(quiz);
  answers[0].options = {"nope"};
  EXPECT_EQ(service_.TakeQuiz(candidate, id, "adult_learning", answers).status().field(),
            "answers[0].options");
  answers = RightAnswers(quiz);
  answers[0].options = {quiz.questions[0].options[0].id, quiz.questions[0].options[1].id};
  EXPECT_EQ(service_.TakeQuiz(candidate, id, "adult_learning", answers).status().field(),
            "answers[0].options");  // a single-choice question takes one answer
  answers = RightAnswers(quiz);
  answers.pop_back();
  EXPECT_EQ(service_.TakeQuiz(candidate, id, "adult_learning", answers).status().field(),
            "answers");
  answers = RightAnswers(quiz);
  answers[1].question = "nope";
  EXPECT_EQ(service_.TakeQuiz(candidate, id, "adult_learning", answers).status().field(),
            "answers[1].question");
  // Only the candidate takes it.
  EXPECT_EQ(service_.TakeQuiz(reviewer_, id, "adult_learning", RightAnswers(quiz)).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(service_.TakeQuiz(PersonActor("S1"), id, "adult_learning", RightAnswers(quiz))
                .status()
                .code(),
            ErrorCode::kNotFound);

  // A failed attempt is kept and the module stays open.
  std::vector<QuizAnswer> wrong = RightAnswers(quiz);
  wrong[0].options = {quiz.questions[0].options[1].id};
  wrong[2].options = {quiz.questions[2].options[1].id};
  auto failed = service_.TakeQuiz(candidate, id, "adult_learning", wrong);
  ASSERT_TRUE(failed.ok()) << failed.status().ToString();
  EXPECT_FALSE(failed->attempt.passed);
  EXPECT_EQ(failed->attempt.score, 1);
  EXPECT_EQ(failed->attempt.total, 3);
  EXPECT_EQ(failed->candidate.progress.topics_open.front(), "adult_learning");
  // Three tries a day: the fourth waits until the first leaves the window.
  clock_.Advance(std::chrono::hours(1));
  ASSERT_TRUE(service_.TakeQuiz(candidate, id, "adult_learning", wrong).ok());
  ASSERT_TRUE(service_.TakeQuiz(candidate, id, "adult_learning", wrong).ok());
  EXPECT_EQ(
      service_.TakeQuiz(candidate, id, "adult_learning", RightAnswers(quiz)).status().reason(),
      "too_many_attempts");
  clock_.Advance(std::chrono::hours(23));
  auto passed = service_.TakeQuiz(candidate, id, "adult_learning", RightAnswers(quiz));
  ASSERT_TRUE(passed.ok()) << passed.status().ToString();
  EXPECT_TRUE(passed->attempt.passed);
  EXPECT_EQ(passed->attempt.score, 3);
  EXPECT_EQ(passed->candidate.quiz_attempts.size(), 4u);
  EXPECT_EQ(std::count(passed->candidate.progress.topics_open.begin(),
                       passed->candidate.progress.topics_open.end(), "adult_learning"),
            0);
  EXPECT_EQ(
      service_.TakeQuiz(candidate, id, "adult_learning", RightAnswers(quiz)).status().reason(),
      "already_signed");
  EXPECT_EQ(audit_.entries().back().action, "credential_quiz_attempted");

  // Reviewers see the attempts and scores; a mentor who may sign sees no evidence.
  auto reviewed = service_.GetCandidate(reviewer_, id);
  ASSERT_TRUE(reviewed.ok());
  ASSERT_EQ(reviewed->quiz_attempts.size(), 4u);
  EXPECT_EQ(reviewed->quiz_attempts[0].score, 1);
  EXPECT_TRUE(reviewed->quiz_attempts[3].passed);
  EXPECT_TRUE(reviewed->framework.topics[0].quiz->questions[0].correct.empty());
  auto signer = service_.GetCandidate(PersonActor("S1"), id);
  ASSERT_TRUE(signer.ok());
  EXPECT_TRUE(signer->quiz_attempts.empty());
}

TEST_F(CredentialServiceTest, QuizzesAreCheckedAndVersionedWithTheFramework) {
  auto applied = service_.Apply(PersonActor("C1"), "I want to give back.", "Ten years.");
  ASSERT_TRUE(applied.ok());
  const CandidateId id = applied->candidate.id;
  ASSERT_TRUE(service_.Decide(reviewer_, id, true, "Spring", "").ok());

  Framework f = DefaultFramework();
  f.topics[0].quiz->questions[0].correct.clear();
  EXPECT_EQ(service_.SaveFramework(admin_, f).status().field(),
            "topics[0].quiz.questions[0].correct");
  f = DefaultFramework();
  f.topics[0].quiz->questions[0].correct = {"nope"};
  EXPECT_EQ(service_.SaveFramework(admin_, f).status().field(),
            "topics[0].quiz.questions[0].correct");
  f = DefaultFramework();
  f.topics[1].quiz->pass_mark = 0;
  EXPECT_EQ(service_.SaveFramework(admin_, f).status().field(), "topics[1].quiz.pass_mark");
  f.topics[1].quiz->pass_mark = 4;  // three questions
  EXPECT_EQ(service_.SaveFramework(admin_, f).status().field(), "topics[1].quiz.pass_mark");
  f = DefaultFramework();
  f.topics[0].check = "And a reflection?";
  EXPECT_EQ(service_.SaveFramework(admin_, f).status().field(), "topics[0].check");
  f = DefaultFramework();
  f.topics[0].quiz->questions[0].options.pop_back();
  f.topics[0].quiz->questions[0].options.pop_back();
  EXPECT_EQ(service_.SaveFramework(admin_, f).status().field(),
            "topics[0].quiz.questions[0].options");

  // Version 2 makes another option right; the candidate stays on version 1 and is graded on it.
  f = DefaultFramework();
  const std::string v1_right = f.topics[0].quiz->questions[0].correct[0];
  const std::string v2_right = f.topics[0].quiz->questions[0].options[1].id;
  f.topics[0].quiz->questions[0].correct = {v2_right};
  f.topics[0].quiz->pass_mark = 3;
  ASSERT_TRUE(service_.SaveFramework(admin_, f).ok());
  auto passed = service_.TakeQuiz(PersonActor("C1"), id, "adult_learning",
                                  RightAnswers(*DefaultFramework().topics[0].quiz));
  ASSERT_TRUE(passed.ok()) << passed.status().ToString();
  EXPECT_TRUE(passed->attempt.passed);
  EXPECT_EQ(passed->attempt.framework_version, 1);
  EXPECT_EQ(passed->attempt.pass_mark, 2);
  EXPECT_NE(v1_right, v2_right);
}

}  // namespace
}  // namespace pairwise::domain
