// ApplicationRepository over SOCI: the same statements for SQLite and PostgreSQL (migration
// 0008). Questions and answers are stored as JSON text: they are read whole, never queried.
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "storage/bulk_copy.h"
#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/form_rows.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::Application;
using domain::ApplicationForm;
using domain::ApplicationId;
using domain::ApplicationStatus;
using domain::ProgramId;
using domain::Question;
using domain::Side;
using nlohmann::json;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
std::string Iso(long long us) { return FormatIso8601(TimePoint(std::chrono::microseconds(us))); }

domain::ManagerApproval ParseApproval(const std::string& name) {
  for (auto a : {domain::ManagerApproval::kNotNeeded, domain::ManagerApproval::kPending,
                 domain::ManagerApproval::kApproved, domain::ManagerApproval::kDeclined}) {
    if (domain::ManagerApprovalName(a) == name) return a;
  }
  throw soci::soci_error("unknown stored manager approval \"" + name + "\"");
}

constexpr const char* kColumns =
    "SELECT id, program_id, side, employee_id, status, form_version, answers, nominated, "
    "manager_approval, decision_message, submitted_at_us, updated_at_us FROM applications ";

struct Columns {
  std::vector<long long> id, program;
  std::vector<std::string> side, employee, status;
  std::vector<int> version;
  std::vector<std::string> answers;
  std::vector<int> nominated;
  std::vector<std::string> approval, message;
  std::vector<long long> submitted, updated;
  void Resize(std::size_t n) {
    id.resize(n), program.resize(n), side.resize(n), employee.resize(n), status.resize(n);
    version.resize(n), answers.resize(n), nominated.resize(n), approval.resize(n);
    message.resize(n), submitted.resize(n), updated.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(program));
    st.exchange(soci::into(side));
    st.exchange(soci::into(employee));
    st.exchange(soci::into(status));
    st.exchange(soci::into(version));
    st.exchange(soci::into(answers));
    st.exchange(soci::into(nominated));
    st.exchange(soci::into(approval));
    st.exchange(soci::into(message));
    st.exchange(soci::into(submitted));
    st.exchange(soci::into(updated));
  }
  Application At(std::size_t i) const {
    Application a;
    a.id = ApplicationId(id[i]);
    a.program = ProgramId(program[i]);
    auto s = domain::ParseSide(side[i]);
    auto st = domain::ParseApplicationStatus(status[i]);
    if (!s || !st) throw soci::soci_error("unknown stored side or status");
    a.side = *s;
    a.status = *st;
    a.employee_id = employee[i];
    a.form_version = version[i];
    a.answers = ParseAnswers(answers[i]);
    a.nominated = nominated[i] != 0;
    a.manager_approval = ParseApproval(approval[i]);
    a.decision_message = message[i];
    a.submitted_at = Iso(submitted[i]);
    a.updated_at = Iso(updated[i]);
    return a;
  }
};

template <typename Bind>
std::vector<Application> Select(soci::session& s, const std::string& where, Bind&& bind) {
  std::vector<Application> out;
  Columns columns;
  FetchAll(s, std::string(kColumns) + where, bind, columns, [&](Columns& c) {
    for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
  });
  return out;
}

Status NoApplication(ApplicationId id) {
  return Status::NotFound("no application " + std::to_string(id.value));
}

class SqlApplicationRepository final : public domain::ApplicationRepository {
 public:
  explicit SqlApplicationRepository(Database& db) : db_(db) {}

  Result<ApplicationForm> FindForm(ProgramId program, Side side) override {
    ApplicationForm form{program, side, 0, {}};
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      ReadLatest(s, form);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return form;
  }

  Result<ApplicationForm> FindFormVersion(ProgramId program, Side side, int version) override {
    std::optional<ApplicationForm> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long key = program.value;
      const std::string side_name(domain::SideName(side));
      std::string questions;
      s << "SELECT questions FROM application_forms WHERE program_id = :p AND side = :s AND "
           "version = :v",
          soci::use(key), soci::use(side_name), soci::use(version), soci::into(questions);
      if (s.got_data()) out = ApplicationForm{program, side, version, ParseQuestions(questions)};
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!out) return Status::NotFound("no such form version");
    return std::move(*out);
  }

  Result<ApplicationForm> SaveForm(ProgramId program, Side side,
                                   const std::vector<Question>& questions) override {
    ApplicationForm form{program, side, 0, {}};
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      ReadLatest(s, form);
      long long key = program.value;
      const std::string side_name(domain::SideName(side));
      long long answered = 0;
      s << "SELECT COUNT(*) FROM applications WHERE program_id = :p AND side = :s AND "
           "form_version = :v",
          soci::use(key), soci::use(side_name), soci::use(form.version), soci::into(answered);
      const std::string text = QuestionsText(questions);
      if (form.version > 0 && answered == 0) {
        s << "UPDATE application_forms SET questions = :q WHERE program_id = :p AND side = :s "
             "AND version = :v",
            soci::use(text), soci::use(key), soci::use(side_name), soci::use(form.version);
      } else {
        ++form.version;
        s << "INSERT INTO application_forms (program_id, side, version, questions) VALUES (:p, "
             ":s, :v, :q)",
            soci::use(key), soci::use(side_name), soci::use(form.version), soci::use(text);
      }
      form.questions = questions;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return form;
  }

  Result<std::vector<Application>> CreateApplications(const std::vector<Application>& fresh,
                                                      TimePoint now) override {
    std::vector<Application> out;
    if (fresh.empty()) return out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      // People who already take part, per (program, side) this batch touches.
      std::set<std::tuple<long long, std::string, std::string>> taken;
      std::set<std::pair<long long, std::string>> scopes;
      for (const Application& a : fresh) {
        scopes.emplace(a.program.value, std::string(domain::SideName(a.side)));
      }
      for (const auto& [program, side] : scopes) {
        long long key = program;
        std::string side_name = side;
        for (const Application& a :
             Select(s, "WHERE program_id = :p AND side = :s AND status <> 'withdrawn'",
                    [&](soci::statement& st) {
                      st.exchange(soci::use(key));
                      st.exchange(soci::use(side_name));
                    })) {
          taken.emplace(program, side, a.employee_id);
        }
      }
      std::vector<long long> programs;
      std::vector<std::string> sides, employees, statuses, answers, approvals, messages;
      std::vector<int> versions, nominated;
      std::vector<long long> times;
      for (const Application& a : fresh) {
        const std::string side(domain::SideName(a.side));
        if (!taken.emplace(a.program.value, side, a.employee_id).second) {
          return Status::Error(ErrorCode::kConflict,
                               a.employee_id + " has applied to this side of the program already",
                               "employee_id")
              .WithReason("duplicate_application");
        }
        programs.push_back(a.program.value);
        sides.push_back(side);
        employees.push_back(a.employee_id);
        statuses.emplace_back(domain::ApplicationStatusName(a.status));
        versions.push_back(a.form_version);
        answers.push_back(AnswersText(a.answers));
        nominated.push_back(a.nominated ? 1 : 0);
        approvals.emplace_back(domain::ManagerApprovalName(a.manager_approval));
        messages.push_back(a.decision_message);
        times.push_back(Us(now));
      }
      if (IsPostgresql(s)) {  // one COPY, not a statement per application
        CopyRows rows(11);
        for (std::size_t i = 0; i < programs.size(); ++i) {
          rows.Int(programs[i]).Text(sides[i]).Text(employees[i]).Text(statuses[i]);
          rows.Int(versions[i]).Text(answers[i]).Int(nominated[i]).Text(approvals[i]);
          rows.Text(messages[i]).Int(times[i]).Int(times[i]);
        }
        CopyInto(s, "applications",
                 "program_id, side, employee_id, status, form_version, answers, nominated, "
                 "manager_approval, decision_message, submitted_at_us, updated_at_us",
                 rows);
      } else {
        s << "INSERT INTO applications (program_id, side, employee_id, status, form_version, "
             "answers, nominated, manager_approval, decision_message, submitted_at_us, "
             "updated_at_us) VALUES (:p, :s, :e, :st, :v, :a, :n, :m, :d, :t1, :t2)",
            soci::use(programs), soci::use(sides), soci::use(employees), soci::use(statuses),
            soci::use(versions), soci::use(answers), soci::use(nominated), soci::use(approvals),
            soci::use(messages), soci::use(times), soci::use(times);
      }
      // Read them back with their ids, in the order given.
      std::map<std::tuple<long long, std::string, std::string>, Application> stored;
      for (const auto& [program, side] : scopes) {
        long long key = program;
        std::string side_name = side;
        for (Application& a :
             Select(s, "WHERE program_id = :p AND side = :s AND status <> 'withdrawn'",
                    [&](soci::statement& st) {
                      st.exchange(soci::use(key));
                      st.exchange(soci::use(side_name));
                    })) {
          std::string employee = a.employee_id;
          stored.emplace(std::tuple(program, side, std::move(employee)), std::move(a));
        }
      }
      for (const Application& a : fresh) {
        out.push_back(
            stored.at({a.program.value, std::string(domain::SideName(a.side)), a.employee_id}));
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Application> FindApplication(ApplicationId id) override {
    std::optional<Application> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long key = id.value;
      auto found =
          Select(s, "WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(key)); });
      if (!found.empty()) out = std::move(found.front());
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!out) return NoApplication(id);
    return std::move(*out);
  }

  Status UpdateAnswers(ApplicationId id, int form_version, const domain::Answers& answers,
                       TimePoint now) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long key = id.value;
      std::string current;
      s << "SELECT status FROM applications WHERE id = :id", soci::use(key), soci::into(current);
      if (!s.got_data()) return NoApplication(id);
      if (current != domain::ApplicationStatusName(ApplicationStatus::kSubmitted)) {
        return Status::Error(ErrorCode::kConflict, "the application was reviewed already")
            .WithReason("already_reviewed");
      }
      const std::string text = AnswersText(answers);
      const long long at = Us(now);
      int version = form_version;
      s << "UPDATE applications SET answers = :a, form_version = :v, updated_at_us = :t WHERE "
           "id = :id",
          soci::use(text), soci::use(version), soci::use(at), soci::use(key);
      return Status::Ok();
    });
  }

  Status Decide(ProgramId program, const std::vector<ApplicationId>& ids,
                const std::vector<ApplicationStatus>& from, ApplicationStatus to,
                std::string_view message, TimePoint now) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long key = program.value;
      std::map<long long, ApplicationStatus> current;
      for (const Application& a : Select(s, "WHERE program_id = :p", [&](soci::statement& st) {
             st.exchange(soci::use(key));
           })) {
        current.emplace(a.id.value, a.status);
      }
      for (ApplicationId id : ids) {
        auto it = current.find(id.value);
        if (it == current.end()) {
          return Status::NotFound("no application " + std::to_string(id.value) +
                                  " in this program");
        }
        if (std::find(from.begin(), from.end(), it->second) == from.end()) {
          return Status::Error(ErrorCode::kConflict,
                               "application " + std::to_string(id.value) + " is " +
                                   std::string(domain::ApplicationStatusName(it->second)))
              .WithReason("invalid_status");
        }
      }
      if (ids.empty()) return Status::Ok();
      std::vector<long long> keys;
      for (ApplicationId id : ids) keys.push_back(id.value);
      const std::string to_name(domain::ApplicationStatusName(to));
      const std::string text(message);
      const long long at = Us(now);
      if (IsPostgresql(s)) {
        // A statement per chunk of ids (written out: they are numbers), not one per application.
        constexpr std::size_t kIdsPerStatement = 5'000;
        for (std::size_t first = 0; first < keys.size(); first += kIdsPerStatement) {
          std::string list;
          const std::size_t last = std::min(keys.size(), first + kIdsPerStatement);
          for (std::size_t i = first; i < last; ++i) {
            if (i > first) list += ',';
            list += std::to_string(keys[i]);
          }
          s << "UPDATE applications SET status = :st, decision_message = :m, updated_at_us = :t "
               "WHERE id IN (" +
                   list + ")",
              soci::use(to_name), soci::use(text), soci::use(at);
        }
        return Status::Ok();
      }
      std::vector<std::string> tos(keys.size(), to_name), texts(keys.size(), text);
      std::vector<long long> ats(keys.size(), at);
      s << "UPDATE applications SET status = :st, decision_message = :m, updated_at_us = :t "
           "WHERE id = :id",
          soci::use(tos), soci::use(texts), soci::use(ats), soci::use(keys);
      return Status::Ok();
    });
  }

  Status SetManagerApproval(ApplicationId id, domain::ManagerApproval approval,
                            TimePoint now) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long key = id.value;
      const std::string name(domain::ManagerApprovalName(approval));
      const long long at = Us(now);
      soci::statement st = OnceStatement(s,
                                         "UPDATE applications SET manager_approval = :m, "
                                         "updated_at_us = :t WHERE id = :id",
                                         soci::use(name), soci::use(at), soci::use(key));
      st.execute(true);
      if (st.get_affected_rows() == 0) return NoApplication(id);
      return Status::Ok();
    });
  }

  Result<std::vector<Application>> ListApplications(ProgramId program) override {
    std::vector<Application> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long key = program.value;
      out = Select(s, "WHERE program_id = :p ORDER BY id",
                   [&](soci::statement& st) { st.exchange(soci::use(key)); });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<Application>> ListByPerson(std::string_view employee_id) override {
    std::vector<Application> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      const std::string key(employee_id);
      out = Select(s, "WHERE employee_id = :e ORDER BY id",
                   [&](soci::statement& st) { st.exchange(soci::use(key)); });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::optional<domain::Participant>> FindParticipant(
      ProgramId program, Side side, std::string_view employee_id) override {
    std::optional<domain::Participant> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long key = program.value;
      const std::string side_name(domain::SideName(side));
      const std::string employee(employee_id);
      auto found = Select(s, "WHERE program_id = :p AND side = :s AND employee_id = :e ORDER BY id",
                          [&](soci::statement& st) {
                            st.exchange(soci::use(key));
                            st.exchange(soci::use(side_name));
                            st.exchange(soci::use(employee));
                          });
      // The latest application that is not withdrawn, else the latest.
      const Application* best = nullptr;
      for (const Application& a : found) {
        if (!best || a.status != ApplicationStatus::kWithdrawn ||
            best->status == ApplicationStatus::kWithdrawn) {
          best = &a;
        }
      }
      if (best)
        out = domain::Participant{best->id, best->program, best->side, best->employee_id,
                                  best->status};
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<std::string>> ListApproved(ProgramId program, Side side) override {
    std::vector<std::string> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long key = program.value;
      const std::string side_name(domain::SideName(side));
      for (const Application& a :
           Select(s, "WHERE program_id = :p AND side = :s AND status = 'approved'",
                  [&](soci::statement& st) {
                    st.exchange(soci::use(key));
                    st.exchange(soci::use(side_name));
                  })) {
        out.push_back(a.employee_id);
      }
      std::sort(out.begin(), out.end());
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<int> CountApproved(ProgramId program, Side side) override {
    int count = 0;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long key = program.value;
      const std::string side_name(domain::SideName(side));
      long long n = 0;
      s << "SELECT COUNT(*) FROM applications WHERE program_id = :p AND side = :s AND status = "
           "'approved'",
          soci::use(key), soci::use(side_name), soci::into(n);
      count = static_cast<int>(n);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return count;
  }

 private:
  static void ReadLatest(soci::session& s, ApplicationForm& form) {
    long long key = form.program.value;
    const std::string side_name(domain::SideName(form.side));
    int version = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT MAX(version) FROM application_forms WHERE program_id = :p AND side = :s",
        soci::use(key), soci::use(side_name), soci::into(version, ind);
    if (ind == soci::i_null || version == 0) return;
    std::string questions;
    s << "SELECT questions FROM application_forms WHERE program_id = :p AND side = :s AND "
         "version = :v",
        soci::use(key), soci::use(side_name), soci::use(version), soci::into(questions);
    form.version = version;
    form.questions = ParseQuestions(questions);
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::ApplicationRepository> MakeApplicationRepository(Database& db) {
  return std::make_unique<SqlApplicationRepository>(db);
}

}  // namespace pairwise::storage
