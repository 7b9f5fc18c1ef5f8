// ProgramRepository over SOCI: the same statements for SQLite and PostgreSQL (migration 0007).
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/programs/capacity.h"
#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::EligibilityRules;
using domain::MentorCapacity;
using domain::Program;
using domain::ProgramFields;
using domain::ProgramId;
using domain::ProgramStatus;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }

std::optional<int> Optional(int value, soci::indicator ind) {
  if (ind == soci::i_null) return std::nullopt;
  return value;
}

// Nullable integer columns: the value, or NULL.
struct NullableInt {
  int value = 0;
  soci::indicator ind = soci::i_null;
  explicit NullableInt(std::optional<int> v) {
    if (v) {
      value = *v;
      ind = soci::i_ok;
    }
  }
};

domain::Date DateOr(std::string_view text, const char* column) {
  auto date = domain::ParseDate(text);
  if (!date) throw soci::soci_error(std::string("stored ") + column + " is not a date");
  return *date;
}

// The kinds of program_values rows, one per list-valued field.
struct ListField {
  const char* kind;
  std::vector<std::string> ProgramFields::*list;
};

std::vector<std::string>& Rules(ProgramFields& f, bool mentor, const char* which) {
  EligibilityRules& r = mentor ? f.mentor_eligibility : f.mentee_eligibility;
  const std::string_view w(which);
  if (w == "departments") return r.departments;
  if (w == "sites") return r.sites;
  return r.employee_ids;
}

// Every list of `f` as (kind, values), statuses included as their names.
std::vector<std::pair<std::string, std::vector<std::string>>> Lists(const ProgramFields& f) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out = {
      {"measure", f.measures},
      {"coordinator", f.coordinators},
      {"shadow_mentor", f.shadow_mentors},
      {"training_skill", f.training ? f.training->skills : std::vector<std::string>{}},
  };
  for (bool mentor : {true, false}) {
    const EligibilityRules& r = mentor ? f.mentor_eligibility : f.mentee_eligibility;
    const std::string side = mentor ? "mentor_" : "mentee_";
    out.emplace_back(side + "department", r.departments);
    out.emplace_back(side + "site", r.sites);
    out.emplace_back(side + "employee", r.employee_ids);
    std::vector<std::string> statuses;
    for (auto s : r.statuses) statuses.emplace_back(domain::EmploymentStatusName(s));
    out.emplace_back(side + "status", std::move(statuses));
  }
  return out;
}

// Puts one program_values row back into `f`.
void AddListValue(ProgramFields& f, std::string_view kind, std::string value) {
  if (kind == "measure") {
    f.measures.push_back(std::move(value));
  } else if (kind == "coordinator") {
    f.coordinators.push_back(std::move(value));
  } else if (kind == "shadow_mentor") {
    f.shadow_mentors.push_back(std::move(value));
  } else if (kind == "training_skill") {
    if (f.training) f.training->skills.push_back(std::move(value));
  } else if (kind.starts_with("mentor_") || kind.starts_with("mentee_")) {
    const bool mentor = kind.starts_with("mentor_");
    const std::string_view what = kind.substr(7);
    if (what == "status") {
      auto status = domain::ParseEmploymentStatus(value);
      if (!status) throw soci::soci_error("unknown stored status \"" + value + "\"");
      (mentor ? f.mentor_eligibility : f.mentee_eligibility).statuses.push_back(*status);
    } else if (what == "department") {
      Rules(f, mentor, "departments").push_back(std::move(value));
    } else if (what == "site") {
      Rules(f, mentor, "sites").push_back(std::move(value));
    } else if (what == "employee") {
      Rules(f, mentor, "employee_ids").push_back(std::move(value));
    }
  }
}

struct ValueColumns {
  std::vector<std::string> kind;
  std::vector<std::string> value;
  void Resize(std::size_t n) {
    kind.resize(n);
    value.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(kind));
    st.exchange(soci::into(value));
  }
};

// The scalar columns of `f`, bound for an INSERT or UPDATE; must outlive the statement.
struct Scalars {
  std::string name, description, type, need, objectives, start_date, end_date, opens, closes,
      cadence, course;
  soci::indicator course_ind = soci::i_null;
  int relationship_months, capacity_mentees, capacity_hours, credential, manager_approval,
      max_ranked, expiry_days;
  NullableInt group_min, group_max, mentor_min, mentor_max, mentor_tenure, mentee_min, mentee_max,
      mentee_tenure;

  explicit Scalars(const ProgramFields& f)
      : name(f.name),
        description(f.description),
        type(domain::ProgramTypeName(f.type)),
        need(domain::ProgramNeedName(f.need)),
        objectives(f.objectives),
        start_date(domain::FormatDate(f.start_date)),
        end_date(domain::FormatDate(f.end_date)),
        opens(domain::FormatDate(f.enrollment_opens)),
        closes(domain::FormatDate(f.enrollment_closes)),
        cadence(domain::MeetingCadenceName(f.cadence)),
        relationship_months(f.relationship_months),
        capacity_mentees(f.mentor_capacity.mentees),
        capacity_hours(f.mentor_capacity.hours_per_month),
        credential(f.requires_mentor_credential ? 1 : 0),
        manager_approval(f.manager_approval ? 1 : 0),
        max_ranked(f.max_ranked_choices),
        expiry_days(f.request_expiry_days),
        group_min(f.group ? std::optional(f.group->min_size) : std::nullopt),
        group_max(f.group ? std::optional(f.group->max_size) : std::nullopt),
        mentor_min(f.mentor_eligibility.min_level),
        mentor_max(f.mentor_eligibility.max_level),
        mentor_tenure(f.mentor_eligibility.min_tenure_months),
        mentee_min(f.mentee_eligibility.min_level),
        mentee_max(f.mentee_eligibility.max_level),
        mentee_tenure(f.mentee_eligibility.min_tenure_months) {
    if (f.training) {
      course = f.training->course;
      course_ind = soci::i_ok;
    }
  }
};

constexpr const char* kScalarColumns =
    "name, description, type, need, objectives, start_date, end_date, enrollment_opens, "
    "enrollment_closes, relationship_months, cadence, group_min_size, group_max_size, "
    "training_course, capacity_mentees, capacity_hours, mentor_min_level, mentor_max_level, "
    "mentor_min_tenure_months, mentee_min_level, mentee_max_level, mentee_min_tenure_months, "
    "requires_mentor_credential, manager_approval, max_ranked_choices, request_expiry_days";

// Binds `v` to `st` in the order of kScalarColumns.
void BindScalars(soci::statement& st, Scalars& v) {
  st.exchange(soci::use(v.name));
  st.exchange(soci::use(v.description));
  st.exchange(soci::use(v.type));
  st.exchange(soci::use(v.need));
  st.exchange(soci::use(v.objectives));
  st.exchange(soci::use(v.start_date));
  st.exchange(soci::use(v.end_date));
  st.exchange(soci::use(v.opens));
  st.exchange(soci::use(v.closes));
  st.exchange(soci::use(v.relationship_months));
  st.exchange(soci::use(v.cadence));
  st.exchange(soci::use(v.group_min.value, v.group_min.ind));
  st.exchange(soci::use(v.group_max.value, v.group_max.ind));
  st.exchange(soci::use(v.course, v.course_ind));
  st.exchange(soci::use(v.capacity_mentees));
  st.exchange(soci::use(v.capacity_hours));
  st.exchange(soci::use(v.mentor_min.value, v.mentor_min.ind));
  st.exchange(soci::use(v.mentor_max.value, v.mentor_max.ind));
  st.exchange(soci::use(v.mentor_tenure.value, v.mentor_tenure.ind));
  st.exchange(soci::use(v.mentee_min.value, v.mentee_min.ind));
  st.exchange(soci::use(v.mentee_max.value, v.mentee_max.ind));
  st.exchange(soci::use(v.mentee_tenure.value, v.mentee_tenure.ind));
  st.exchange(soci::use(v.credential));
  st.exchange(soci::use(v.manager_approval));
  st.exchange(soci::use(v.max_ranked));
  st.exchange(soci::use(v.expiry_days));
}

// ":c0, :c1, ..." (an INSERT's values) or "name = :c0, ..." (an UPDATE's SET) for kScalarColumns.
std::string ScalarPlaceholders(bool assignments) {
  std::string out;
  std::string_view columns = kScalarColumns;
  int n = 0;
  while (!columns.empty()) {
    const std::size_t comma = columns.find(',');
    std::string_view column = columns.substr(0, comma);
    while (!column.empty() && column.front() == ' ') column.remove_prefix(1);
    if (n > 0) out += ", ";
    if (assignments) out += std::string(column) + " = ";
    out += ":c" + std::to_string(n++);
    columns = comma == std::string_view::npos ? std::string_view() : columns.substr(comma + 1);
  }
  return out;
}

void WriteLists(soci::session& s, long long id, const ProgramFields& f) {
  s << "DELETE FROM program_values WHERE program_id = :id", soci::use(id);
  std::vector<long long> ids;
  std::vector<std::string> kinds, values;
  std::vector<int> ordinals;
  for (const auto& [kind, list] : Lists(f)) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      ids.push_back(id);
      kinds.push_back(kind);
      ordinals.push_back(static_cast<int>(i));
      values.push_back(list[i]);
    }
  }
  if (ids.empty()) return;
  s << "INSERT INTO program_values (program_id, kind, ordinal, value) "
       "VALUES (:id, :kind, :ordinal, :value)",
      soci::use(ids), soci::use(kinds), soci::use(ordinals), soci::use(values);
}

std::optional<Program> ReadProgram(soci::session& s, long long id) {
  Program p;
  std::string type, need, start_date, end_date, opens, closes, cadence, course, status;
  soci::indicator course_ind = soci::i_ok;
  int group_min = 0, group_max = 0, mentor_min = 0, mentor_max = 0, mentor_tenure = 0,
      mentee_min = 0, mentee_max = 0, mentee_tenure = 0, credential = 0, manager_approval = 0;
  soci::indicator group_min_ind, group_max_ind, mentor_min_ind, mentor_max_ind, mentor_tenure_ind,
      mentee_min_ind, mentee_max_ind, mentee_tenure_ind;
  long long created = 0, updated = 0;
  s << "SELECT " + std::string(kScalarColumns) +
           ", status, created_at_us, updated_at_us FROM programs WHERE id = :id",
      soci::into(p.name), soci::into(p.description), soci::into(type), soci::into(need),
      soci::into(p.objectives), soci::into(start_date), soci::into(end_date), soci::into(opens),
      soci::into(closes), soci::into(p.relationship_months), soci::into(cadence),
      soci::into(group_min, group_min_ind), soci::into(group_max, group_max_ind),
      soci::into(course, course_ind), soci::into(p.mentor_capacity.mentees),
      soci::into(p.mentor_capacity.hours_per_month), soci::into(mentor_min, mentor_min_ind),
      soci::into(mentor_max, mentor_max_ind), soci::into(mentor_tenure, mentor_tenure_ind),
      soci::into(mentee_min, mentee_min_ind), soci::into(mentee_max, mentee_max_ind),
      soci::into(mentee_tenure, mentee_tenure_ind), soci::into(credential),
      soci::into(manager_approval), soci::into(p.max_ranked_choices),
      soci::into(p.request_expiry_days), soci::into(status), soci::into(created),
      soci::into(updated), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  p.id = ProgramId(id);
  auto parsed_type = domain::ParseProgramType(type);
  auto parsed_need = domain::ParseProgramNeed(need);
  auto parsed_cadence = domain::ParseMeetingCadence(cadence);
  auto parsed_status = domain::ParseProgramStatus(status);
  if (!parsed_type || !parsed_need || !parsed_cadence || !parsed_status) {
    throw soci::soci_error("program " + std::to_string(id) + " has an unknown stored name");
  }
  p.type = *parsed_type;
  p.need = *parsed_need;
  p.cadence = *parsed_cadence;
  p.status = *parsed_status;
  p.start_date = DateOr(start_date, "start_date");
  p.end_date = DateOr(end_date, "end_date");
  p.enrollment_opens = DateOr(opens, "enrollment_opens");
  p.enrollment_closes = DateOr(closes, "enrollment_closes");
  if (group_min_ind == soci::i_ok && group_max_ind == soci::i_ok) {
    p.group = domain::ProgramGroup{group_min, group_max};
  }
  if (course_ind == soci::i_ok) p.training = domain::ProgramTraining{course, {}};
  p.mentor_eligibility.min_level = Optional(mentor_min, mentor_min_ind);
  p.mentor_eligibility.max_level = Optional(mentor_max, mentor_max_ind);
  p.mentor_eligibility.min_tenure_months = Optional(mentor_tenure, mentor_tenure_ind);
  p.mentee_eligibility.min_level = Optional(mentee_min, mentee_min_ind);
  p.mentee_eligibility.max_level = Optional(mentee_max, mentee_max_ind);
  p.mentee_eligibility.min_tenure_months = Optional(mentee_tenure, mentee_tenure_ind);
  p.requires_mentor_credential = credential != 0;
  p.manager_approval = manager_approval != 0;
  p.created_at = FormatIso8601(TimePoint(std::chrono::microseconds(created)));
  p.updated_at = FormatIso8601(TimePoint(std::chrono::microseconds(updated)));
  ValueColumns columns;
  FetchAll(
      s, "SELECT kind, value FROM program_values WHERE program_id = :id ORDER BY kind, ordinal",
      [&](soci::statement& st) { st.exchange(soci::use(id)); }, columns,
      [&](ValueColumns& c) {
        for (std::size_t i = 0; i < c.kind.size(); ++i) AddListValue(p, c.kind[i], c.value[i]);
      });
  return p;
}

Status NoProgram(ProgramId id) {
  return Status::NotFound("no program " + std::to_string(id.value));
}

class SqlProgramRepository final : public domain::ProgramRepository {
 public:
  explicit SqlProgramRepository(Database& db) : db_(db) {}

  Result<Program> CreateProgram(const ProgramFields& fields, TimePoint now) override {
    std::optional<Program> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      Scalars v(fields);
      const std::string draft(domain::ProgramStatusName(ProgramStatus::kDraft));
      const long long at = Us(now);
      long long id = 0;
      soci::statement st(s);
      BindScalars(st, v);
      st.exchange(soci::use(draft));
      st.exchange(soci::use(at));
      st.exchange(soci::use(at));
      st.exchange(soci::into(id));
      PrepareOnce(st, "INSERT INTO programs (" + std::string(kScalarColumns) +
                          ", status, created_at_us, updated_at_us) VALUES (" +
                          ScalarPlaceholders(false) +
                          ", :status, :created, :updated) RETURNING id");
      st.execute(true);
      WriteLists(s, id, fields);
      out = ReadProgram(s, id);
      if (!out) return Status::Internal("program vanished after insert");
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Status UpdateProgram(ProgramId id, const ProgramFields& fields, TimePoint now) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      Scalars v(fields);
      const long long at = Us(now);
      long long key = id.value;
      soci::statement st(s);
      BindScalars(st, v);
      st.exchange(soci::use(at));
      st.exchange(soci::use(key));
      PrepareOnce(st, "UPDATE programs SET " + ScalarPlaceholders(true) +
                          ", updated_at_us = :updated WHERE id = :id");
      st.execute(true);
      if (st.get_affected_rows() == 0) return NoProgram(id);
      WriteLists(s, key, fields);
      return Status::Ok();
    });
  }

  Status SetProgramStatus(ProgramId id, ProgramStatus from, ProgramStatus to,
                          TimePoint now) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long key = id.value;
      const std::string from_name(domain::ProgramStatusName(from));
      const std::string to_name(domain::ProgramStatusName(to));
      const long long at = Us(now);
      soci::statement st =
          OnceStatement(s,
                        "UPDATE programs SET status = :to, updated_at_us = :at "
                        "WHERE id = :id AND status = :from",
                        soci::use(to_name), soci::use(at), soci::use(key), soci::use(from_name));
      st.execute(true);
      if (st.get_affected_rows() > 0) return Status::Ok();
      long long exists = 0;
      s << "SELECT COUNT(*) FROM programs WHERE id = :id", soci::use(key), soci::into(exists);
      if (exists == 0) return NoProgram(id);
      return Status::Error(ErrorCode::kConflict, "the program's status changed meanwhile")
          .WithReason("invalid_transition");
    });
  }

  Result<std::vector<Program>> ListPrograms() override {
    std::vector<Program> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      std::vector<long long> ids;
      struct IdColumns {
        std::vector<long long> id;
        void Resize(std::size_t n) { id.resize(n); }
        void Bind(soci::statement& st) { st.exchange(soci::into(id)); }
      } columns;
      FetchAll(
          s, "SELECT id FROM programs ORDER BY id", [](soci::statement&) {}, columns,
          [&](IdColumns& c) { ids.insert(ids.end(), c.id.begin(), c.id.end()); });
      for (long long id : ids) {
        auto p = ReadProgram(s, id);
        if (p) out.push_back(std::move(*p));
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SetMentorCapacity(ProgramId id, std::string_view mentor_employee_id,
                           std::optional<MentorCapacity> capacity) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long key = id.value;
      long long exists = 0;
      s << "SELECT COUNT(*) FROM programs WHERE id = :id", soci::use(key), soci::into(exists);
      if (exists == 0) return NoProgram(id);
      const std::string employee(mentor_employee_id);
      s << "DELETE FROM program_mentor_capacities WHERE program_id = :id AND employee_id = :e",
          soci::use(key), soci::use(employee);
      if (capacity) {
        int mentees = capacity->mentees, hours = capacity->hours_per_month;
        s << "INSERT INTO program_mentor_capacities (program_id, employee_id, mentees, "
             "hours_per_month) VALUES (:id, :e, :m, :h)",
            soci::use(key), soci::use(employee), soci::use(mentees), soci::use(hours);
      }
      return Status::Ok();
    });
  }

  Result<Program> FindProgram(ProgramId id) override {
    std::optional<Program> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = ReadProgram(s, id.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!out) return NoProgram(id);
    return std::move(*out);
  }

  Result<MentorCapacity> EffectiveMentorCapacity(ProgramId id,
                                                 std::string_view mentor_employee_id) override {
    std::optional<MentorCapacity> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long key = id.value;
      MentorCapacity program;
      s << "SELECT capacity_mentees, capacity_hours FROM programs WHERE id = :id",
          soci::into(program.mentees), soci::into(program.hours_per_month), soci::use(key);
      if (!s.got_data()) return Status::Ok();
      const std::string employee(mentor_employee_id);
      MentorCapacity own;
      s << "SELECT mentees, hours_per_month FROM program_mentor_capacities "
           "WHERE program_id = :id AND employee_id = :e",
          soci::into(own.mentees), soci::into(own.hours_per_month), soci::use(key),
          soci::use(employee);
      out = EffectiveCapacity(program, s.got_data() ? &own : nullptr);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!out) return NoProgram(id);
    return *out;
  }

  Result<std::map<std::string, MentorCapacity>> ListMentorCapacities(ProgramId id) override {
    std::map<std::string, MentorCapacity> out;
    bool found = false;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long key = id.value;
      long long exists = 0;
      s << "SELECT COUNT(*) FROM programs WHERE id = :id", soci::use(key), soci::into(exists);
      found = exists != 0;
      if (!found) return Status::Ok();
      struct Columns {
        std::vector<std::string> employee;
        std::vector<int> mentees, hours;
        void Resize(std::size_t n) {
          employee.resize(n);
          mentees.resize(n);
          hours.resize(n);
        }
        void Bind(soci::statement& st) {
          st.exchange(soci::into(employee));
          st.exchange(soci::into(mentees));
          st.exchange(soci::into(hours));
        }
      } columns;
      FetchAll(
          s,
          "SELECT employee_id, mentees, hours_per_month FROM program_mentor_capacities "
          "WHERE program_id = :id",
          [&](soci::statement& st) { st.exchange(soci::use(key)); }, columns,
          [&](const Columns& c) {
            for (std::size_t i = 0; i < c.employee.size(); ++i) {
              out[c.employee[i]] = MentorCapacity{c.mentees[i], c.hours[i]};
            }
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!found) return NoProgram(id);
    return out;
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<domain::ProgramRepository> MakeProgramRepository(Database& db) {
  return std::make_unique<SqlProgramRepository>(db);
}

}  // namespace pairwise::storage
