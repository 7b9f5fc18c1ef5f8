// CredentialRepository over SOCI: the same statements for SQLite and PostgreSQL (migrations 35,
// 36, 47).
// A framework version is stored as one JSON document (it is read and written whole, and an old
// version never changes); sign-offs keep their rubric scores as a JSON object. A person's one
// open candidacy and a step's one sign-off are also unique indexes, so two servers racing cannot
// both write them.
#include "domain/credentials/credential_repository.h"

#include <soci/soci.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/crypto.h"
#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/mail_outbox_rows.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::Candidate;
using domain::CandidateStatus;
using domain::Credential;
using domain::CredentialStatus;
using domain::Framework;
using domain::SignOff;
using nlohmann::json;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

Status Conflict(std::string message, std::string reason) {
  return Status::Error(ErrorCode::kConflict, std::move(message)).WithReason(std::move(reason));
}

std::string FrameworkJson(const Framework& f) {
  json steps = json::array(), topics = json::array(), competencies = json::array(),
       levels = json::array();
  for (const auto& s : f.steps) steps.push_back({{"name", s.name}, {"description", s.description}});
  for (const auto& t : f.topics) {
    json topic = {{"code", t.code}, {"name", t.name}, {"content", t.content}, {"check", t.check}};
    if (t.quiz) {
      json questions = json::array();
      for (const auto& q : t.quiz->questions) {
        json options = json::array();
        for (const auto& o : q.options) options.push_back({{"id", o.id}, {"text", o.text}});
        questions.push_back({{"id", q.id},
                             {"text", q.text},
                             {"multiple", q.multiple},
                             {"options", options},
                             {"correct", q.correct}});
      }
      topic["quiz"] = {{"questions", questions}, {"pass_mark", t.quiz->pass_mark}};
    }
    topics.push_back(std::move(topic));
  }
  for (const auto& c : f.competencies) {
    competencies.push_back({{"code", c.code}, {"name", c.name}, {"description", c.description}});
  }
  for (const auto& l : f.levels) {
    levels.push_back({{"score", l.score}, {"name", l.name}, {"description", l.description}});
  }
  return json{{"steps", steps},
              {"topics", topics},
              {"competencies", competencies},
              {"levels", levels},
              {"passing_score", f.passing_score},
              {"validity_months", f.validity_months}}
      .dump();
}

// Throws (nlohmann's exceptions, turned into Internal by Database::Run) on a damaged document.
Framework FrameworkOf(int version, const std::string& body, const std::string& created_by,
                      long long created_at) {
  const json j = json::parse(body);
  Framework f;
  f.version = version;
  f.created_by = created_by;
  f.created_at = FromUs(created_at);
  const json& steps = j.at("steps");
  if (steps.size() != f.steps.size()) throw soci::soci_error("a stored framework lacks steps");
  for (std::size_t i = 0; i < f.steps.size(); ++i) {
    f.steps[i] = {steps[i].at("name").get<std::string>(),
                  steps[i].at("description").get<std::string>()};
  }
  for (const json& t : j.at("topics")) {
    domain::TrainingTopic topic{t.at("code").get<std::string>(), t.at("name").get<std::string>(),
                                t.at("content").get<std::string>(),
                                t.at("check").get<std::string>(), std::nullopt};
    // Versions stored before quizzes (migration 51) have none.
    if (t.contains("quiz")) {
      domain::Quiz quiz;
      quiz.pass_mark = t["quiz"].at("pass_mark").get<int>();
      for (const json& q : t["quiz"].at("questions")) {
        domain::QuizQuestion question;
        question.id = q.at("id").get<std::string>();
        question.text = q.at("text").get<std::string>();
        question.multiple = q.at("multiple").get<bool>();
        for (const json& o : q.at("options")) {
          question.options.push_back(
              {o.at("id").get<std::string>(), o.at("text").get<std::string>()});
        }
        question.correct = q.at("correct").get<std::vector<std::string>>();
        quiz.questions.push_back(std::move(question));
      }
      topic.quiz = std::move(quiz);
    }
    f.topics.push_back(std::move(topic));
  }
  for (const json& c : j.at("competencies")) {
    f.competencies.push_back({c.at("code").get<std::string>(), c.at("name").get<std::string>(),
                              c.at("description").get<std::string>()});
  }
  for (const json& l : j.at("levels")) {
    f.levels.push_back({l.at("score").get<int>(), l.at("name").get<std::string>(),
                        l.at("description").get<std::string>()});
  }
  f.passing_score = j.at("passing_score").get<int>();
  f.validity_months = j.at("validity_months").get<int>();
  return f;
}

std::string ScoresJson(const std::map<std::string, int>& scores) {
  json out = json::object();
  for (const auto& [code, score] : scores) out[code] = score;
  return out.dump();
}

std::map<std::string, int> ScoresOf(const std::string& text) {
  std::map<std::string, int> out;
  const json parsed = json::parse(text);
  if (!parsed.is_object()) throw soci::soci_error("stored rubric scores are not an object");
  for (auto it = parsed.cbegin(); it != parsed.cend(); ++it) out[it.key()] = it->get<int>();
  return out;
}

std::string AnswersJson(const std::vector<domain::QuizAnswer>& answers) {
  json out = json::array();
  for (const auto& a : answers) out.push_back({{"question", a.question}, {"options", a.options}});
  return out.dump();
}

std::vector<domain::QuizAnswer> AnswersOf(const std::string& text) {
  std::vector<domain::QuizAnswer> out;
  for (const json& a : json::parse(text)) {
    out.push_back(
        {a.at("question").get<std::string>(), a.at("options").get<std::vector<std::string>>()});
  }
  return out;
}

// --- Row readers -----------------------------------------------------------------------------

constexpr const char* kCandidateSelect =
    "SELECT id, employee_id, framework_version, status, motivation, experience, cohort, "
    "applied_at_us, updated_at_us FROM credential_candidates ";

struct CandidateColumns {
  std::vector<long long> id;
  std::vector<std::string> employee;
  std::vector<int> version;
  std::vector<std::string> status, motivation, experience, cohort;
  std::vector<long long> applied, updated;
  void Resize(std::size_t n) {
    id.resize(n), employee.resize(n), version.resize(n), status.resize(n);
    motivation.resize(n), experience.resize(n), cohort.resize(n), applied.resize(n);
    updated.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(employee));
    st.exchange(soci::into(version));
    st.exchange(soci::into(status));
    st.exchange(soci::into(motivation));
    st.exchange(soci::into(experience));
    st.exchange(soci::into(cohort));
    st.exchange(soci::into(applied));
    st.exchange(soci::into(updated));
  }
  Candidate At(std::size_t i) const {
    Candidate c;
    c.id = domain::CandidateId(id[i]);
    c.employee_id = employee[i];
    c.framework_version = version[i];
    auto s = domain::ParseCandidateStatus(status[i]);
    if (!s) throw soci::soci_error("unknown stored candidate status \"" + status[i] + "\"");
    c.status = *s;
    c.motivation = motivation[i];
    c.experience = experience[i];
    c.cohort = cohort[i];
    c.applied_at = FromUs(applied[i]);
    c.updated_at = FromUs(updated[i]);
    return c;
  }
};

template <typename Bind>
std::vector<Candidate> SelectCandidates(soci::session& s, const std::string& where, Bind&& bind) {
  std::vector<Candidate> out;
  CandidateColumns columns;
  FetchAll(s, std::string(kCandidateSelect) + where, bind, columns, [&](CandidateColumns& c) {
    for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
  });
  return out;
}

std::optional<Candidate> CandidateById(soci::session& s, long long id) {
  auto found = SelectCandidates(s, "WHERE id = :id",
                                [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

constexpr const char* kSignOffSelect =
    "SELECT id, candidate_id, step, topic, signed_by, signed_at_us, evidence, scores, "
    "framework_version FROM credential_sign_offs ";

struct SignOffColumns {
  std::vector<long long> id, candidate;
  std::vector<int> step;
  std::vector<std::string> topic, signer;
  std::vector<long long> at;
  std::vector<std::string> evidence, scores;
  std::vector<int> version;
  void Resize(std::size_t n) {
    id.resize(n), candidate.resize(n), step.resize(n), topic.resize(n), signer.resize(n);
    at.resize(n), evidence.resize(n), scores.resize(n), version.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(candidate));
    st.exchange(soci::into(step));
    st.exchange(soci::into(topic));
    st.exchange(soci::into(signer));
    st.exchange(soci::into(at));
    st.exchange(soci::into(evidence));
    st.exchange(soci::into(scores));
    st.exchange(soci::into(version));
  }
  SignOff At(std::size_t i) const {
    SignOff s;
    s.id = domain::SignOffId(id[i]);
    s.candidate = domain::CandidateId(candidate[i]);
    s.step = step[i];
    s.topic = topic[i];
    s.signed_by = signer[i];
    s.signed_at = FromUs(at[i]);
    s.evidence = evidence[i];
    s.scores = ScoresOf(scores[i]);
    s.framework_version = version[i];
    return s;
  }
};

constexpr const char* kCredentialSelect =
    "SELECT id, holder, candidate_id, framework_version, issued_by, note, issued_at_us, "
    "expires_at_us, revoked_at_us, revoked_by, revoke_reason FROM credentials ";

struct CredentialColumns {
  std::vector<long long> id;
  std::vector<std::string> holder;
  std::vector<long long> candidate;
  std::vector<soci::indicator> candidate_ind;
  std::vector<int> version;
  std::vector<std::string> issued_by, note;
  std::vector<long long> issued, expires, revoked;
  std::vector<soci::indicator> revoked_ind;
  std::vector<std::string> revoked_by, reason;
  void Resize(std::size_t n) {
    id.resize(n), holder.resize(n), candidate.resize(n), candidate_ind.resize(n);
    version.resize(n), issued_by.resize(n), note.resize(n), issued.resize(n), expires.resize(n),
        revoked.resize(n);
    revoked_ind.resize(n), revoked_by.resize(n), reason.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(holder));
    st.exchange(soci::into(candidate, candidate_ind));
    st.exchange(soci::into(version));
    st.exchange(soci::into(issued_by));
    st.exchange(soci::into(note));
    st.exchange(soci::into(issued));
    st.exchange(soci::into(expires));
    st.exchange(soci::into(revoked, revoked_ind));
    st.exchange(soci::into(revoked_by));
    st.exchange(soci::into(reason));
  }
  Credential At(std::size_t i) const {
    Credential c;
    c.id = domain::CredentialId(id[i]);
    c.holder = holder[i];
    if (candidate_ind[i] == soci::i_ok) c.candidate = domain::CandidateId(candidate[i]);
    c.framework_version = version[i];
    c.issued_by = issued_by[i];
    c.note = note[i];
    c.issued_at = FromUs(issued[i]);
    c.expires_at = FromUs(expires[i]);
    if (revoked_ind[i] == soci::i_ok) c.revoked_at = FromUs(revoked[i]);
    c.revoked_by = revoked_by[i];
    c.revoke_reason = reason[i];
    return c;
  }
};

template <typename Bind>
std::vector<Credential> SelectCredentials(soci::session& s, const std::string& where, Bind&& bind) {
  std::vector<Credential> out;
  CredentialColumns columns;
  FetchAll(s, std::string(kCredentialSelect) + where, bind, columns, [&](CredentialColumns& c) {
    for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
  });
  return out;
}

constexpr const char* kEvidenceFileSelect =
    "SELECT id, candidate_id, step, name, content_type, size_bytes, uploaded_by, uploaded_at_us "
    "FROM credential_evidence_files ";

struct EvidenceFileColumns {
  std::vector<long long> id, candidate;
  std::vector<int> step;
  std::vector<std::string> name, type;
  std::vector<long long> size;
  std::vector<std::string> by;
  std::vector<long long> at;
  void Resize(std::size_t n) {
    id.resize(n), candidate.resize(n), step.resize(n), name.resize(n), type.resize(n);
    size.resize(n), by.resize(n), at.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(candidate));
    st.exchange(soci::into(step));
    st.exchange(soci::into(name));
    st.exchange(soci::into(type));
    st.exchange(soci::into(size));
    st.exchange(soci::into(by));
    st.exchange(soci::into(at));
  }
  domain::EvidenceFile At(std::size_t i) const {
    domain::EvidenceFile f;
    f.id = domain::EvidenceFileId(id[i]);
    f.candidate = domain::CandidateId(candidate[i]);
    f.step = step[i];
    f.name = name[i];
    f.content_type = type[i];
    f.size_bytes = static_cast<std::size_t>(size[i]);
    f.uploaded_by = by[i];
    f.uploaded_at = FromUs(at[i]);
    return f;
  }
};

std::vector<domain::EvidenceFile> SelectEvidenceFiles(soci::session& s, const std::string& where,
                                                      long long key) {
  std::vector<domain::EvidenceFile> out;
  EvidenceFileColumns columns;
  FetchAll(
      s, std::string(kEvidenceFileSelect) + where,
      [&](soci::statement& st) { st.exchange(soci::use(key)); }, columns,
      [&](const EvidenceFileColumns& c) {
        for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
      });
  return out;
}

// Inserts `sign_off` and returns its id.
long long InsertSignOff(soci::session& s, const SignOff& sign_off) {
  long long candidate = sign_off.candidate.value, at = Us(sign_off.signed_at), id = 0;
  int step = sign_off.step, version = sign_off.framework_version;
  std::string topic = sign_off.topic, signer = sign_off.signed_by, evidence = sign_off.evidence,
              scores = ScoresJson(sign_off.scores);
  s << "INSERT INTO credential_sign_offs (candidate_id, step, topic, signed_by, signed_at_us, "
       "evidence, scores, framework_version) VALUES (:c, :s, :t, :b, :a, :e, :sc, :v) "
       "RETURNING id",
      soci::use(candidate), soci::use(step), soci::use(topic), soci::use(signer), soci::use(at),
      soci::use(evidence), soci::use(scores), soci::use(version), soci::into(id);
  return id;
}

struct AttemptColumns {
  std::vector<long long> id, at;
  std::vector<std::string> topic, answers, by;
  std::vector<int> version, score, total, pass_mark, passed;
  void Resize(std::size_t n) {
    id.resize(n), at.resize(n), topic.resize(n), answers.resize(n), by.resize(n);
    version.resize(n), score.resize(n), total.resize(n), pass_mark.resize(n), passed.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(topic));
    st.exchange(soci::into(version));
    st.exchange(soci::into(answers));
    st.exchange(soci::into(score));
    st.exchange(soci::into(total));
    st.exchange(soci::into(pass_mark));
    st.exchange(soci::into(passed));
    st.exchange(soci::into(by));
    st.exchange(soci::into(at));
  }
  domain::QuizAttempt At(std::size_t i, domain::CandidateId candidate) const {
    domain::QuizAttempt a;
    a.id = domain::QuizAttemptId(id[i]);
    a.candidate = candidate;
    a.topic = topic[i];
    a.framework_version = version[i];
    a.answers = AnswersOf(answers[i]);
    a.score = score[i];
    a.total = total[i];
    a.pass_mark = pass_mark[i];
    a.passed = passed[i] != 0;
    a.taken_by = by[i];
    a.taken_at = FromUs(at[i]);
    return a;
  }
};

// AddSignOff's checks and insert inside the caller's transaction; the new sign-off's id.
Result<long long> InsertCheckedSignOff(soci::session& s, const SignOff& sign_off) {
  const long long key = sign_off.candidate.value;
  auto candidate = CandidateById(s, key);
  if (!candidate) return Status::NotFound("no candidate " + std::to_string(key));
  if (candidate->status != CandidateStatus::kSelected) {
    return Conflict("This candidate is not on the path.", "invalid_status");
  }
  long long signed_already = 0;
  int step = sign_off.step;
  s << "SELECT COUNT(*) FROM credential_sign_offs WHERE candidate_id = :c AND step = :s AND "
       "topic = :t",
      soci::use(key), soci::use(step), soci::use(sign_off.topic), soci::into(signed_already);
  if (signed_already > 0) return Conflict("This step is signed off already.", "already_signed");
  const long long id = InsertSignOff(s, sign_off);
  long long at = Us(sign_off.signed_at);
  s << "UPDATE credential_candidates SET updated_at_us = :u WHERE id = :id", soci::use(at),
      soci::use(key);
  return id;
}

void SetCandidate(soci::session& s, long long id, CandidateStatus status, const std::string& cohort,
                  long long at) {
  const std::string name(domain::CandidateStatusName(status));
  s << "UPDATE credential_candidates SET status = :s, cohort = :c, updated_at_us = :u "
       "WHERE id = :id",
      soci::use(name), soci::use(cohort), soci::use(at), soci::use(id);
}

class SqlCredentialRepository final : public domain::CredentialRepository {
 public:
  explicit SqlCredentialRepository(Database& db) : db_(db) {}

  Result<std::set<std::string>> CurrentHolders(const std::vector<std::string>& employee_ids,
                                               TimePoint now) override {
    std::set<std::string> wanted(employee_ids.begin(), employee_ids.end()), out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      long long at = Us(now);
      struct Columns {
        std::vector<std::string> holder;
        void Resize(std::size_t n) { holder.resize(n); }
        void Bind(soci::statement& st) { st.exchange(soci::into(holder)); }
      } columns;
      // Every current holder: far fewer than the people asked about in a large program, and
      // one statement however many are asked about.
      FetchAll(
          s,
          "SELECT DISTINCT holder FROM credentials WHERE revoked_at_us IS NULL AND "
          "expires_at_us > :now",
          [&](soci::statement& st) { st.exchange(soci::use(at)); }, columns,
          [&](const Columns& c) {
            for (const std::string& h : c.holder) {
              if (wanted.contains(h)) out.insert(h);
            }
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<bool> AnyCurrent(TimePoint now) override {
    long long count = 0;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long at = Us(now);
      s << "SELECT COUNT(*) FROM credentials WHERE revoked_at_us IS NULL AND expires_at_us > :n",
          soci::use(at), soci::into(count);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return count > 0;
  }

  Result<std::optional<Framework>> LatestFramework() override {
    std::optional<Framework> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = Load(s, "ORDER BY version DESC LIMIT 1", std::nullopt);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::optional<Framework>> FindFramework(int version) override {
    std::optional<Framework> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = Load(s, "WHERE version = :v", version);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Framework> SaveFramework(const Framework& framework) override {
    std::optional<Framework> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      auto latest = Load(s, "ORDER BY version DESC LIMIT 1", std::nullopt);
      const int current = latest ? latest->version : 1;
      if (framework.version != current) {
        return Conflict("The framework was changed meanwhile; reload it.", "stale_framework");
      }
      int version = current + 1;
      std::string body = FrameworkJson(framework), by = framework.created_by;
      long long at = Us(framework.created_at);
      s << "INSERT INTO credential_frameworks (version, body, created_by, created_at_us) VALUES "
           "(:v, :b, :c, :a)",
          soci::use(version), soci::use(body), soci::use(by), soci::use(at);
      out = Load(s, "WHERE version = :v", version);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Result<std::vector<domain::Reviewer>> ListReviewers() override {
    std::vector<domain::Reviewer> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      struct Columns {
        std::vector<std::string> id, by;
        std::vector<long long> at;
        void Resize(std::size_t n) { id.resize(n), by.resize(n), at.resize(n); }
        void Bind(soci::statement& st) {
          st.exchange(soci::into(id));
          st.exchange(soci::into(by));
          st.exchange(soci::into(at));
        }
      } columns;
      FetchAll(
          s,
          "SELECT employee_id, appointed_by, appointed_at_us FROM credential_reviewers ORDER BY "
          "employee_id",
          [](soci::statement&) {}, columns,
          [&](const Columns& c) {
            for (std::size_t i = 0; i < c.id.size(); ++i) {
              out.push_back({c.id[i], c.by[i], FromUs(c.at[i])});
            }
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<bool> IsReviewer(const std::string& employee_id) override {
    long long count = 0;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      s << "SELECT COUNT(*) FROM credential_reviewers WHERE employee_id = :e",
          soci::use(employee_id), soci::into(count);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return count > 0;
  }

  Status AddReviewer(const domain::Reviewer& reviewer) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long count = 0;
      s << "SELECT COUNT(*) FROM credential_reviewers WHERE employee_id = :e",
          soci::use(reviewer.employee_id), soci::into(count);
      if (count > 0) return Conflict("This person is a reviewer already.", "already_reviewer");
      long long at = Us(reviewer.appointed_at);
      s << "INSERT INTO credential_reviewers (employee_id, appointed_by, appointed_at_us) VALUES "
           "(:e, :b, :a)",
          soci::use(reviewer.employee_id), soci::use(reviewer.appointed_by), soci::use(at);
      return Status::Ok();
    });
  }

  Status RemoveReviewer(const std::string& employee_id) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      soci::statement st = OnceStatement(
          s, "DELETE FROM credential_reviewers WHERE employee_id = :e", soci::use(employee_id));
      st.execute(true);
      if (st.get_affected_rows() == 0) return Status::NotFound("no reviewer " + employee_id);
      return Status::Ok();
    });
  }

  Result<Candidate> CreateCandidate(const Candidate& candidate,
                                    const SignOff& application) override {
    std::optional<Candidate> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long open = 0;
      s << "SELECT COUNT(*) FROM credential_candidates WHERE employee_id = :e AND status IN "
           "('applied', 'selected')",
          soci::use(candidate.employee_id), soci::into(open);
      if (open > 0) return Conflict("You are on the credential path already.", "open_candidacy");
      const std::string applied(domain::CandidateStatusName(CandidateStatus::kApplied));
      std::string employee = candidate.employee_id, motivation = candidate.motivation,
                  experience = candidate.experience, cohort;
      int version = candidate.framework_version;
      long long at = Us(candidate.applied_at), updated = Us(candidate.updated_at), id = 0;
      s << "INSERT INTO credential_candidates (employee_id, framework_version, status, "
           "motivation, experience, cohort, applied_at_us, updated_at_us) VALUES (:e, :v, :s, "
           ":m, :x, :c, :a, :u) RETURNING id",
          soci::use(employee), soci::use(version), soci::use(applied), soci::use(motivation),
          soci::use(experience), soci::use(cohort), soci::use(at), soci::use(updated),
          soci::into(id);
      SignOff first = application;
      first.candidate = domain::CandidateId(id);
      InsertSignOff(s, first);
      out = CandidateById(s, id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Result<Candidate> FindCandidate(domain::CandidateId id) override {
    std::optional<Candidate> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = CandidateById(s, id.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!out) return Status::NotFound("no candidate " + std::to_string(id.value));
    return std::move(*out);
  }

  Result<std::vector<Candidate>> ListCandidates(
      const std::optional<std::string>& employee_id) override {
    std::vector<Candidate> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = SelectCandidates(s, employee_id ? "WHERE employee_id = :e ORDER BY id" : "ORDER BY id",
                             [&](soci::statement& st) {
                               if (employee_id) st.exchange(soci::use(*employee_id));
                             });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Candidate> Decide(domain::CandidateId id, CandidateStatus to, const std::string& cohort,
                           const SignOff& selection) override {
    std::optional<Candidate> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      auto candidate = CandidateById(s, id.value);
      if (!candidate) return Status::NotFound("no candidate " + std::to_string(id.value));
      if (candidate->status != CandidateStatus::kApplied) {
        return Conflict("This application was decided already.", "invalid_status");
      }
      SetCandidate(s, id.value, to, cohort, Us(selection.signed_at));
      InsertSignOff(s, selection);
      out = CandidateById(s, id.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Result<SignOff> AddSignOff(const SignOff& sign_off) override {
    std::optional<SignOff> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      auto id = InsertCheckedSignOff(s, sign_off);
      if (!id.ok()) return id.status();
      auto found = Signs(s, "WHERE id = :id ORDER BY id", *id);
      if (found.size() != 1) return Status::Internal("a sign-off cannot be read back");
      out = std::move(found.front());
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Result<domain::QuizAttempt> AddQuizAttempt(const domain::QuizAttempt& attempt,
                                             const std::optional<SignOff>& completes) override {
    domain::QuizAttempt out = attempt;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long candidate_id = attempt.candidate.value;
      auto candidate = CandidateById(s, candidate_id);
      if (!candidate) return Status::NotFound("no candidate " + std::to_string(candidate_id));
      if (candidate->status != CandidateStatus::kSelected) {
        return Conflict("This candidate is not on the path.", "invalid_status");
      }
      if (completes) {
        auto signed_off = InsertCheckedSignOff(s, *completes);
        if (!signed_off.ok()) return signed_off.status();
      }
      std::string topic = attempt.topic, answers = AnswersJson(attempt.answers),
                  by = attempt.taken_by;
      int version = attempt.framework_version, score = attempt.score, total = attempt.total,
          pass_mark = attempt.pass_mark, passed = attempt.passed ? 1 : 0;
      long long at = Us(attempt.taken_at), id = 0;
      s << "INSERT INTO credential_quiz_attempts (candidate_id, topic, framework_version, "
           "answers, score, total, pass_mark, passed, taken_by, taken_at_us) VALUES (:c, :t, "
           ":v, :a, :s, :n, :p, :ok, :b, :at) RETURNING id",
          soci::use(candidate_id), soci::use(topic), soci::use(version), soci::use(answers),
          soci::use(score), soci::use(total), soci::use(pass_mark), soci::use(passed),
          soci::use(by), soci::use(at), soci::into(id);
      out.id = domain::QuizAttemptId(id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<domain::QuizAttempt>> ListQuizAttempts(
      domain::CandidateId candidate) override {
    std::vector<domain::QuizAttempt> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long key = candidate.value;
      AttemptColumns columns;
      FetchAll(
          s,
          "SELECT id, topic, framework_version, answers, score, total, pass_mark, passed, "
          "taken_by, taken_at_us FROM credential_quiz_attempts WHERE candidate_id = :c ORDER BY "
          "taken_at_us, id",
          [&](soci::statement& st) { st.exchange(soci::use(key)); }, columns,
          [&](const AttemptColumns& c) {
            for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i, candidate));
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<SignOff>> ListSignOffs(domain::CandidateId candidate) override {
    std::vector<SignOff> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = Signs(s, "WHERE candidate_id = :id ORDER BY signed_at_us, id", candidate.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<domain::EvidenceFile> AddEvidenceFile(const domain::EvidenceFile& file,
                                               const std::string& bytes) override {
    std::optional<domain::EvidenceFile> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long key = file.candidate.value;
      auto candidate = CandidateById(s, key);
      if (!candidate) return Status::NotFound("no candidate " + std::to_string(key));
      if (candidate->status != CandidateStatus::kApplied &&
          candidate->status != CandidateStatus::kSelected) {
        return Conflict("This candidacy is closed; files can no longer be added.",
                        "invalid_status");
      }
      long long count = 0;
      s << "SELECT COUNT(*) FROM credential_evidence_files WHERE candidate_id = :c", soci::use(key),
          soci::into(count);
      if (count >= domain::kMaxEvidenceFiles) {
        return Conflict("A candidacy holds at most " + std::to_string(domain::kMaxEvidenceFiles) +
                            " files; remove one first.",
                        "too_many_files");
      }
      int step = file.step;
      std::string name = file.name, type = file.content_type, by = file.uploaded_by,
                  content = crypto::Base64(bytes);
      long long size = static_cast<long long>(bytes.size()), at = Us(file.uploaded_at), id = 0;
      s << "INSERT INTO credential_evidence_files (candidate_id, step, name, content_type, "
           "size_bytes, uploaded_by, uploaded_at_us, content_base64) VALUES (:c, :s, :n, :t, "
           ":z, :b, :a, :x) RETURNING id",
          soci::use(key), soci::use(step), soci::use(name), soci::use(type), soci::use(size),
          soci::use(by), soci::use(at), soci::use(content), soci::into(id);
      auto found = SelectEvidenceFiles(s, "WHERE id = :id", id);
      if (found.size() != 1) return Status::Internal("an evidence file cannot be read back");
      out = std::move(found.front());
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Result<std::vector<domain::EvidenceFile>> ListEvidenceFiles(
      domain::CandidateId candidate) override {
    std::vector<domain::EvidenceFile> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = SelectEvidenceFiles(s, "WHERE candidate_id = :c ORDER BY uploaded_at_us, id",
                                candidate.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<domain::EvidenceFileContent> ReadEvidenceFile(domain::EvidenceFileId id) override {
    std::optional<domain::EvidenceFileContent> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.reset();
      long long key = id.value;
      auto found = SelectEvidenceFiles(s, "WHERE id = :id", key);
      if (found.empty()) return Status::Ok();
      std::string content;
      s << "SELECT content_base64 FROM credential_evidence_files WHERE id = :id", soci::use(key),
          soci::into(content);
      auto bytes = crypto::FromBase64(content);
      if (!bytes)
        return Status::Internal("stored evidence file " + std::to_string(key) + " is not base64");
      out = domain::EvidenceFileContent{std::move(found.front()), std::move(*bytes)};
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!out) return Status::NotFound("no evidence file " + std::to_string(id.value));
    return std::move(*out);
  }

  Status DeleteEvidenceFile(domain::EvidenceFileId id) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long key = id.value;
      soci::statement st =
          OnceStatement(s, "DELETE FROM credential_evidence_files WHERE id = :id", soci::use(key));
      st.execute(true);
      if (st.get_affected_rows() == 0) {
        return Status::NotFound("no evidence file " + std::to_string(key));
      }
      return Status::Ok();
    });
  }

  Result<Credential> Issue(const Credential& credential, const SignOff& step) override {
    std::optional<Credential> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = credential.candidate.value;
      auto candidate = CandidateById(s, key);
      if (!candidate) return Status::NotFound("no candidate " + std::to_string(key));
      if (candidate->status != CandidateStatus::kSelected) {
        return Conflict("Only a selected candidate can be credentialed.", "invalid_status");
      }
      SetCandidate(s, key, CandidateStatus::kCredentialed, candidate->cohort, Us(step.signed_at));
      InsertSignOff(s, step);
      out = CredentialById(s, InsertCredential(s, credential));
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Result<Credential> Grant(const Credential& credential) override {
    std::optional<Credential> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      out = CredentialById(s, InsertCredential(s, credential));
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Result<Credential> FindCredential(domain::CredentialId id) override {
    std::optional<Credential> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = CredentialById(s, id.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!out) return Status::NotFound("no credential " + std::to_string(id.value));
    return std::move(*out);
  }

  Result<std::vector<Credential>> ListCredentials(
      const std::optional<std::string>& holder) override {
    std::vector<Credential> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = SelectCredentials(s, holder ? "WHERE holder = :h ORDER BY id" : "ORDER BY id",
                              [&](soci::statement& st) {
                                if (holder) st.exchange(soci::use(*holder));
                              });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::set<std::pair<int64_t, int>>> ListRenewalReminders() override {
    std::set<std::pair<int64_t, int>> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      struct Columns {
        std::vector<long long> credential;
        std::vector<int> days;
        void Resize(std::size_t n) { credential.resize(n), days.resize(n); }
        void Bind(soci::statement& st) {
          st.exchange(soci::into(credential));
          st.exchange(soci::into(days));
        }
      } columns;
      FetchAll(
          s, "SELECT credential_id, days_before FROM credential_renewal_reminders",
          [](soci::statement&) {}, columns,
          [&](const Columns& c) {
            for (std::size_t i = 0; i < c.credential.size(); ++i) {
              out.emplace(c.credential[i], c.days[i]);
            }
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<bool> RecordRenewalReminder(domain::CredentialId credential, int days_before, TimePoint at,
                                     const std::vector<domain::MailMessage>& mails) override {
    bool inserted = false;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long key = credential.value, when = Us(at);
      int days = days_before;
      soci::statement st =
          (s.prepare << "INSERT INTO credential_renewal_reminders (credential_id, days_before, "
                        "sent_at_us) VALUES (:c, :d, :a) ON CONFLICT (credential_id, days_before) "
                        "DO NOTHING",
           soci::use(key), soci::use(days), soci::use(when));
      st.execute(true);
      inserted = st.get_affected_rows() == 1;
      if (inserted && !mails.empty()) {
        QueuedMailInsert insert(s, at);
        for (const domain::MailMessage& m : mails) insert.Insert(m);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return inserted;
  }

  Result<Credential> Revoke(domain::CredentialId id, const std::string& by,
                            const std::string& reason, TimePoint at) override {
    std::optional<Credential> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      auto credential = CredentialById(s, id.value);
      if (!credential) return Status::NotFound("no credential " + std::to_string(id.value));
      if (credential->revoked_at) {
        return Conflict("This credential is revoked already.", "already_revoked");
      }
      long long when = Us(at), key = id.value;
      s << "UPDATE credentials SET revoked_at_us = :a, revoked_by = :b, revoke_reason = :r "
           "WHERE id = :id",
          soci::use(when), soci::use(by), soci::use(reason), soci::use(key);
      out = CredentialById(s, id.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

 private:
  static std::optional<Framework> Load(soci::session& s, const std::string& where,
                                       std::optional<int> version) {
    struct Columns {
      std::vector<int> version;
      std::vector<std::string> body, by;
      std::vector<long long> at;
      void Resize(std::size_t n) { version.resize(n), body.resize(n), by.resize(n), at.resize(n); }
      void Bind(soci::statement& st) {
        st.exchange(soci::into(version));
        st.exchange(soci::into(body));
        st.exchange(soci::into(by));
        st.exchange(soci::into(at));
      }
    } columns;
    std::optional<Framework> out;
    int key = version.value_or(0);
    FetchAll(
        s, "SELECT version, body, created_by, created_at_us FROM credential_frameworks " + where,
        [&](soci::statement& st) {
          if (version) st.exchange(soci::use(key));
        },
        columns,
        [&](const Columns& c) {
          if (!c.version.empty()) out = FrameworkOf(c.version[0], c.body[0], c.by[0], c.at[0]);
        });
    return out;
  }

  static std::vector<SignOff> Signs(soci::session& s, const std::string& where, long long key) {
    std::vector<SignOff> out;
    SignOffColumns columns;
    FetchAll(
        s, std::string(kSignOffSelect) + where,
        [&](soci::statement& st) { st.exchange(soci::use(key)); }, columns,
        [&](const SignOffColumns& c) {
          for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
        });
    return out;
  }

  // Inserts `c` (its candidacy NULL for a founding credential) and returns its id.
  static long long InsertCredential(soci::session& s, const Credential& c) {
    std::string holder = c.holder, by = c.issued_by, note = c.note, empty;
    int version = c.framework_version;
    long long candidate = c.candidate.value, issued = Us(c.issued_at), expires = Us(c.expires_at),
              id = 0;
    soci::indicator candidate_ind = c.candidate.valid() ? soci::i_ok : soci::i_null;
    s << "INSERT INTO credentials (holder, candidate_id, framework_version, issued_by, note, "
         "issued_at_us, expires_at_us, revoked_by, revoke_reason) VALUES (:h, :c, :v, :b, :n, "
         ":i, :x, :rb, :rr) RETURNING id",
        soci::use(holder), soci::use(candidate, candidate_ind), soci::use(version), soci::use(by),
        soci::use(note), soci::use(issued), soci::use(expires), soci::use(empty), soci::use(empty),
        soci::into(id);
    return id;
  }

  static std::optional<Credential> CredentialById(soci::session& s, long long id) {
    auto found = SelectCredentials(s, "WHERE id = :id",
                                   [&](soci::statement& st) { st.exchange(soci::use(id)); });
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::CredentialRepository> MakeCredentialRepository(Database& db) {
  return std::make_unique<SqlCredentialRepository>(db);
}

}  // namespace pairwise::storage
