// The CredentialRepository contract, run against the in-memory fake, SQLite and PostgreSQL 15
// (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "domain/credentials/credential_repository.h"
#include "storage/database.h"
#include "storage/memory/memory_credential_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::Candidate;
using domain::CandidateStatus;
using domain::Credential;
using domain::SignOff;

struct CredentialStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::CredentialRepository> credentials;
  };
  static constexpr std::size_t kPool = 2;
  static Result<Store> Memory() {
    Store store;
    store.credentials = std::make_unique<MemoryCredentialRepository>();
    return store;
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> t) {
    Store store;
    store.credentials = MakeCredentialRepository(t->db());
    store.database = std::move(t);
    return store;
  }
};

TimePoint At(int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

template <typename Backend>
class CredentialContract : public testing::ContractTest<Backend> {
 protected:
  domain::CredentialRepository& repo() { return *this->store_.credentials; }

  SignOff Sign(domain::CandidateId candidate, int step, std::string by, int64_t at,
               std::string topic = {}) {
    SignOff s;
    s.candidate = candidate;
    s.step = step;
    s.topic = std::move(topic);
    s.signed_by = std::move(by);
    s.signed_at = At(at);
    s.evidence = "Evidence for step " + std::to_string(step) + " — ünïcode";
    return s;
  }

  Candidate Apply(const std::string& who, int64_t at) {
    Candidate c;
    c.employee_id = who;
    c.motivation = "Give back";
    c.experience = "Years";
    c.applied_at = c.updated_at = At(at);
    auto created = repo().CreateCandidate(c, Sign({}, 1, who, at));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : Candidate{};
  }
};

TYPED_TEST_SUITE(CredentialContract, testing::ContractBackends<CredentialStores>,
                 testing::BackendNames);

TYPED_TEST(CredentialContract, FrameworksAreVersionedAndKeptWhole) {
  auto none = this->repo().LatestFramework();
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());
  domain::Framework f = domain::DefaultFramework();
  f.competencies.push_back({"ethics", "Acts ethically", "Keeps confidences — always"});
  f.created_by = "E1";
  f.created_at = At(100);
  auto saved = this->repo().SaveFramework(f);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(this->repo().SaveFramework(f).status().reason(), "stale_framework");
  f.version = 2;
  f.validity_months = 12;
  ASSERT_TRUE(this->repo().SaveFramework(f).ok());
  auto two = this->repo().FindFramework(2);
  ASSERT_TRUE(two.ok() && two->has_value());
  EXPECT_EQ((*two)->competencies.size(), 5u);
  EXPECT_EQ((*two)->competencies[4].description, "Keeps confidences — always");
  EXPECT_EQ((*two)->steps[5].name, "Independent mentoring, observed");
  EXPECT_EQ((*two)->validity_months, 24);
  EXPECT_EQ((*two)->created_at, At(100));
  EXPECT_EQ(this->repo().LatestFramework()->value().validity_months, 12);
  EXPECT_FALSE(this->repo().FindFramework(9)->has_value());
  // Quizzes are kept whole, answers included; a module without one stays without.
  const domain::Quiz& quiz = *(*two)->topics[0].quiz;
  const domain::Quiz& original = *f.topics[0].quiz;
  ASSERT_EQ(quiz.questions.size(), original.questions.size());
  EXPECT_EQ(quiz.pass_mark, original.pass_mark);
  EXPECT_EQ(quiz.questions[1].multiple, true);
  EXPECT_EQ(quiz.questions[1].correct, original.questions[1].correct);
  EXPECT_EQ(quiz.questions[1].options[0].text, original.questions[1].options[0].text);
  f.version = 3;
  f.topics[0].quiz.reset();
  f.topics[0].check = "What stuck?";
  ASSERT_TRUE(this->repo().SaveFramework(f).ok());
  auto four = this->repo().FindFramework(4);
  ASSERT_TRUE(four.ok() && four->has_value());
  EXPECT_FALSE((*four)->topics[0].quiz.has_value());
  EXPECT_EQ((*four)->topics[0].check, "What stuck?");
}

// Every quiz attempt is kept; a passed one is stored with the module's sign-off, in one
// transaction that stores nothing when the module was completed already.
TYPED_TEST(CredentialContract, QuizAttemptsAreKeptAndAPassCompletesTheModule) {
  Candidate c = this->Apply("C1", 10);
  domain::QuizAttempt attempt;
  attempt.candidate = c.id;
  attempt.topic = "adult_learning";
  attempt.framework_version = 1;
  attempt.answers = {{"why_first", {"require"}}, {"builds_on", {"experience", "goals"}}};
  attempt.score = 0;
  attempt.total = 2;
  attempt.pass_mark = 2;
  attempt.taken_by = "C1";
  attempt.taken_at = At(15);
  EXPECT_EQ(this->repo().AddQuizAttempt(attempt, std::nullopt).status().reason(), "invalid_status");
  ASSERT_TRUE(this->repo()
                  .Decide(c.id, CandidateStatus::kSelected, "Spring", this->Sign(c.id, 2, "R1", 20))
                  .ok());
  attempt.taken_at = At(30);
  auto failed = this->repo().AddQuizAttempt(attempt, std::nullopt);
  ASSERT_TRUE(failed.ok()) << failed.status().ToString();
  EXPECT_TRUE(failed->id.valid());
  attempt.answers = {{"why_first", {"explain"}}, {"builds_on", {"experience", "goals", "choose"}}};
  attempt.score = 2;
  attempt.passed = true;
  attempt.taken_at = At(40);
  auto passed =
      this->repo().AddQuizAttempt(attempt, this->Sign(c.id, 3, "C1", 40, "adult_learning"));
  ASSERT_TRUE(passed.ok()) << passed.status().ToString();
  attempt.taken_at = At(50);
  EXPECT_EQ(this->repo()
                .AddQuizAttempt(attempt, this->Sign(c.id, 3, "C1", 50, "adult_learning"))
                .status()
                .reason(),
            "already_signed");
  auto attempts = this->repo().ListQuizAttempts(c.id);
  ASSERT_TRUE(attempts.ok()) << attempts.status().ToString();
  ASSERT_EQ(attempts->size(), 2u);  // the refused one was not kept
  EXPECT_FALSE((*attempts)[0].passed);
  EXPECT_EQ((*attempts)[0].answers[0].options, std::vector<std::string>{"require"});
  EXPECT_EQ((*attempts)[1].answers[1].options,
            (std::vector<std::string>{"experience", "goals", "choose"}));
  EXPECT_TRUE((*attempts)[1].passed);
  EXPECT_EQ((*attempts)[1].score, 2);
  EXPECT_EQ((*attempts)[1].total, 2);
  EXPECT_EQ((*attempts)[1].pass_mark, 2);
  EXPECT_EQ((*attempts)[1].taken_by, "C1");
  EXPECT_EQ((*attempts)[1].taken_at, At(40));
  EXPECT_EQ((*attempts)[1].topic, "adult_learning");
  auto sign_offs = this->repo().ListSignOffs(c.id);
  ASSERT_TRUE(sign_offs.ok());
  EXPECT_EQ(std::count_if(sign_offs->begin(), sign_offs->end(),
                          [](const SignOff& s) { return s.step == 3; }),
            1);
  EXPECT_TRUE(this->repo().ListQuizAttempts(domain::CandidateId(999))->empty());
}

TYPED_TEST(CredentialContract, ReviewersAreAppointedOnce) {
  ASSERT_TRUE(this->repo().AddReviewer({"R1", "E1", At(5)}).ok());
  EXPECT_EQ(this->repo().AddReviewer({"R1", "E1", At(6)}).reason(), "already_reviewer");
  EXPECT_TRUE(*this->repo().IsReviewer("R1"));
  EXPECT_FALSE(*this->repo().IsReviewer("R2"));
  ASSERT_EQ(this->repo().ListReviewers()->size(), 1u);
  EXPECT_EQ(this->repo().ListReviewers()->front().appointed_at, At(5));
  ASSERT_TRUE(this->repo().RemoveReviewer("R1").ok());
  EXPECT_EQ(this->repo().RemoveReviewer("R1").code(), ErrorCode::kNotFound);
}

TYPED_TEST(CredentialContract, APathIsRecordedStepByStep) {
  Candidate c = this->Apply("C1", 10);
  EXPECT_EQ(c.status, CandidateStatus::kApplied);
  Candidate again;
  again.employee_id = "C1";
  EXPECT_EQ(this->repo().CreateCandidate(again, this->Sign({}, 1, "C1", 11)).status().reason(),
            "open_candidacy");
  // Not selected yet: no sign-off.
  EXPECT_EQ(
      this->repo().AddSignOff(this->Sign(c.id, 3, "C1", 12, "adult_learning")).status().reason(),
      "invalid_status");
  auto selected = this->repo().Decide(c.id, CandidateStatus::kSelected, "Spring",
                                      this->Sign(c.id, 2, "R1", 20));
  ASSERT_TRUE(selected.ok()) << selected.status().ToString();
  EXPECT_EQ(selected->cohort, "Spring");
  EXPECT_EQ(this->repo()
                .Decide(c.id, CandidateStatus::kDeclined, "", this->Sign(c.id, 2, "R1", 21))
                .status()
                .reason(),
            "invalid_status");
  ASSERT_TRUE(this->repo().AddSignOff(this->Sign(c.id, 3, "C1", 30, "adult_learning")).ok());
  ASSERT_TRUE(this->repo().AddSignOff(this->Sign(c.id, 3, "C1", 31, "problem_solving")).ok());
  EXPECT_EQ(
      this->repo().AddSignOff(this->Sign(c.id, 3, "C1", 32, "adult_learning")).status().reason(),
      "already_signed");
  SignOff six = this->Sign(c.id, 6, "S1", 40);
  six.scores = {{"trust", 3}, {"outcomes", 4}};
  six.framework_version = 2;
  ASSERT_TRUE(this->repo().AddSignOff(six).ok());
  auto list = this->repo().ListSignOffs(c.id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 5u);
  EXPECT_EQ((*list)[0].step, 1);
  EXPECT_EQ((*list)[4].scores, six.scores);
  EXPECT_EQ((*list)[4].framework_version, 2);
  EXPECT_EQ((*list)[4].signed_at, At(40));
  EXPECT_EQ((*list)[4].evidence, six.evidence);
  EXPECT_EQ(this->repo().FindCandidate(c.id)->updated_at, At(40));

  Credential credential;
  credential.holder = "C1";
  credential.candidate = c.id;
  credential.issued_by = "R1";
  credential.issued_at = At(50);
  credential.expires_at = At(1000);
  auto issued = this->repo().Issue(credential, this->Sign(c.id, 7, "R1", 50));
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_EQ(this->repo().FindCandidate(c.id)->status, CandidateStatus::kCredentialed);
  EXPECT_EQ(this->repo().Issue(credential, this->Sign(c.id, 7, "R1", 51)).status().reason(),
            "invalid_status");
  EXPECT_EQ(this->repo().ListCandidates(std::string("C1"))->size(), 1u);
  EXPECT_EQ(this->repo().FindCandidate(domain::CandidateId(999)).status().code(),
            ErrorCode::kNotFound);
  // A new candidacy (to renew) is allowed once the open one is closed.
  EXPECT_TRUE(this->repo().CreateCandidate(again, this->Sign({}, 1, "C1", 60)).ok());
}

TYPED_TEST(CredentialContract, CurrentMeansIssuedUnexpiredAndUnrevoked) {
  Credential a;
  a.holder = "A";
  a.issued_by = "E1";
  a.note = "Founding mentor";
  a.issued_at = At(0);
  a.expires_at = At(100);
  auto granted = this->repo().Grant(a);
  ASSERT_TRUE(granted.ok()) << granted.status().ToString();
  EXPECT_FALSE(granted->candidate.valid());
  EXPECT_EQ(granted->note, "Founding mentor");
  Credential b = a;
  b.holder = "B";
  b.expires_at = At(200);
  auto other = this->repo().Grant(b);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*this->repo().CurrentHolders({"A", "B", "C"}, At(50)),
            (std::set<std::string>{"A", "B"}));
  EXPECT_EQ(*this->repo().CurrentHolders({"A", "B"}, At(100)), (std::set<std::string>{"B"}));
  ASSERT_TRUE(this->repo().Revoke(other->id, "R1", "Misconduct", At(150)).ok());
  EXPECT_EQ(this->repo().Revoke(other->id, "R1", "Again", At(151)).status().reason(),
            "already_revoked");
  EXPECT_TRUE(this->repo().CurrentHolders({"A", "B"}, At(160))->empty());
  EXPECT_FALSE(*this->repo().AnyCurrent(At(160)));
  EXPECT_TRUE(*this->repo().AnyCurrent(At(50)));
  auto revoked = this->repo().FindCredential(other->id);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->revoke_reason, "Misconduct");
  EXPECT_EQ(revoked->revoked_at, At(150));
  EXPECT_EQ(revoked->StatusAt(At(10)), domain::CredentialStatus::kRevoked);
  EXPECT_EQ(this->repo().ListCredentials(std::nullopt)->size(), 2u);
  EXPECT_EQ(this->repo().ListCredentials(std::string("A"))->size(), 1u);
}

TYPED_TEST(CredentialContract, EvidenceFilesKeepEveryByteInTheDatabase) {
  const Candidate c = this->Apply("C1", 10);
  domain::EvidenceFile meta;
  meta.candidate = c.id;
  meta.step = 1;
  meta.name = "Lesson plan — ünïcode.pdf";
  meta.content_type = "application/pdf";
  meta.uploaded_by = "C1";
  meta.uploaded_at = At(20);
  // Every byte value, NULs and invalid UTF-8 included, comes back as it went in.
  std::string bytes = "%PDF-1.7\n";
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += std::string(70000, '\0');
  auto added = this->repo().AddEvidenceFile(meta, bytes);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_TRUE(added->id.valid());
  EXPECT_EQ(added->size_bytes, bytes.size());
  EXPECT_EQ(added->name, meta.name);
  domain::EvidenceFile second = meta;
  second.step = 4;
  second.name = "photo.png";
  second.content_type = "image/png";
  second.uploaded_at = At(30);
  auto other = this->repo().AddEvidenceFile(second, "\x89PNG\r\n\x1a\n");
  ASSERT_TRUE(other.ok()) << other.status().ToString();

  auto listed = this->repo().ListEvidenceFiles(c.id);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, added->id);
  EXPECT_EQ((*listed)[1].step, 4);
  EXPECT_EQ((*listed)[1].uploaded_at, At(30));
  EXPECT_EQ((*listed)[0].uploaded_by, "C1");
  auto read = this->repo().ReadEvidenceFile(added->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->bytes, bytes);
  EXPECT_EQ(read->file.content_type, "application/pdf");
  EXPECT_TRUE(this->repo().ListEvidenceFiles(domain::CandidateId(c.id.value + 1000))->empty());

  ASSERT_TRUE(this->repo().DeleteEvidenceFile(added->id).ok());
  EXPECT_EQ(this->repo().ReadEvidenceFile(added->id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->repo().DeleteEvidenceFile(added->id).code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->repo().ListEvidenceFiles(c.id)->size(), 1u);
  meta.candidate = domain::CandidateId(c.id.value + 1000);
  EXPECT_EQ(this->repo().AddEvidenceFile(meta, "%PDF-").status().code(), ErrorCode::kNotFound);
}

TYPED_TEST(CredentialContract, EvidenceFilesAreLimitedPerCandidacyAndClosedCandidacies) {
  const Candidate c = this->Apply("C1", 10);
  domain::EvidenceFile meta;
  meta.candidate = c.id;
  meta.step = 1;
  meta.name = "a.pdf";
  meta.content_type = "application/pdf";
  meta.uploaded_by = "C1";
  meta.uploaded_at = At(20);
  for (int i = 0; i < domain::kMaxEvidenceFiles; ++i) {
    ASSERT_TRUE(this->repo().AddEvidenceFile(meta, "%PDF-1").ok());
  }
  EXPECT_EQ(this->repo().AddEvidenceFile(meta, "%PDF-1").status().reason(), "too_many_files");
  ASSERT_TRUE(this->repo()
                  .Decide(c.id, CandidateStatus::kDeclined, "", this->Sign(c.id, 2, "R1", 30))
                  .ok());
  ASSERT_TRUE(
      this->repo().DeleteEvidenceFile(this->repo().ListEvidenceFiles(c.id)->front().id).ok());
  EXPECT_EQ(this->repo().AddEvidenceFile(meta, "%PDF-1").status().reason(), "invalid_status");
}

TYPED_TEST(CredentialContract, ARenewalReminderIsRecordedOnceWithItsMails) {
  Credential c;
  c.holder = "H1";
  c.issued_by = "E1";
  c.note = "Founding";
  c.issued_at = At(0);
  c.expires_at = At(1000);
  auto granted = this->repo().Grant(c);
  ASSERT_TRUE(granted.ok()) << granted.status().ToString();
  domain::MailMessage mail;
  mail.to = "h1@example.com";
  mail.subject = "Your Mentor credential expires soon";
  mail.text = "Renew it.";
  mail.kind = "credential_renewal_reminder";
  mail.reminder_for = "H1";
  EXPECT_TRUE(this->repo().ListRenewalReminders()->empty());
  auto first = this->repo().RecordRenewalReminder(granted->id, 60, At(500), {mail, mail});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(*first);
  // Again (a second tick, another server): nothing recorded or queued.
  auto again = this->repo().RecordRenewalReminder(granted->id, 60, At(501), {mail});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(*again);
  EXPECT_TRUE(*this->repo().RecordRenewalReminder(granted->id, 14, At(900), {}));
  EXPECT_EQ(*this->repo().ListRenewalReminders(),
            (std::set<std::pair<int64_t, int>>{{granted->id.value, 14}, {granted->id.value, 60}}));
}

}  // namespace
}  // namespace pairwise::storage
