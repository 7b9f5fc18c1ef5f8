// PeopleRepository over SOCI: the same statements for SQLite and PostgreSQL.
#include <soci/soci.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/text.h"
#include "storage/bulk_copy.h"
#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/soci_errors.h"
#include "storage/vector_rows.h"

namespace pairwise::storage {

namespace {

using domain::Department;
using domain::Person;
using domain::PersonEvent;
using domain::PersonRecord;
using domain::ReportingAttribute;
using domain::Site;
using domain::Skill;

// pg_advisory_xact_lock(kLockSpace, kDirectoryLock): directory writers take turns on
// PostgreSQL as they do on SQLite (BEGIN IMMEDIATE), so that what a writer checked before
// writing (e.g. management cycles) still holds when it writes.
constexpr int kLockSpace = 0x70777365;  // "pwse", as in database.cpp
constexpr int kDirectoryLock = 2;
// Beyond this many keys, resolving employee ids reads the whole (id, employee_id) index once
// instead of looking keys up one by one.
constexpr std::size_t kScanThreshold = 2000;
// A longer management chain can only be a loop.
constexpr int kMaxChainLength = 1000;

std::string BadRecordPrefix(std::string_view collection, std::size_t index) {
  return std::string(collection) + "[" + std::to_string(index) + "]";
}

Status BadRecord(std::string_view collection, std::size_t index, std::string_view field,
                 std::string message) {
  const std::string prefix = BadRecordPrefix(collection, index);
  return Status::InvalidArgument(prefix + ": " + message, prefix + "." + std::string(field));
}

Status StatusOf(const Status& status) { return status; }
template <typename T>
Status StatusOf(const Result<T>& result) {
  return result.status();
}

std::string DateText(domain::Date date) { return domain::FormatDate(date); }

domain::Date ParseStoredDate(const std::string& text) {
  // "YYYY-MM-DD" from both: SQLite returns what was bound, PostgreSQL's sessions use DateStyle
  // ISO (database.cpp).
  std::optional<domain::Date> date = domain::ParseDate(std::string_view(text).substr(0, 10));
  if (!date) throw soci::soci_error("unreadable stored date \"" + text + "\"");
  return *date;
}

// The batch's indexes, each person after their manager when the manager is in the batch
// (breadth first from the people whose manager is not); people in a management loop, which
// have no such order, last.
std::vector<std::size_t> ManagersFirst(
    std::span<const PersonRecord> people,
    const std::unordered_map<std::string_view, std::size_t>& batch) {
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  const std::size_t n = people.size();
  std::vector<std::size_t> first_report(n, kNone), next_sibling(n, kNone);
  std::vector<std::size_t> order;
  order.reserve(n);
  for (std::size_t i = n; i-- > 0;) {
    auto manager = people[i].manager_employee_id.empty()
                       ? batch.end()
                       : batch.find(people[i].manager_employee_id);
    if (manager == batch.end()) continue;
    next_sibling[i] = first_report[manager->second];
    first_report[manager->second] = i;
  }
  std::vector<bool> placed(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (people[i].manager_employee_id.empty() || !batch.contains(people[i].manager_employee_id)) {
      order.push_back(i);
      placed[i] = true;
    }
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (std::size_t r = first_report[order[k]]; r != kNone; r = next_sibling[r]) {
      order.push_back(r);
      placed[r] = true;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!placed[i]) order.push_back(i);
  }
  return order;
}

// The columns every person query reads, bound for bulk fetches.
constexpr std::string_view kPersonSelect =
    "SELECT p.id, p.employee_id, p.first_name, p.last_name, p.email, d.code, s.code, "
    "p.time_zone, p.job_title, p.level, m.employee_id, p.hire_date, p.status, p.left_date "
    "FROM people p "
    "LEFT JOIN departments d ON d.id = p.department_id "
    "LEFT JOIN sites s ON s.id = p.site_id "
    "LEFT JOIN people m ON m.id = p.manager_id ";

struct PersonColumns {
  std::vector<long long> id;
  std::vector<std::string> employee_id, first_name, last_name, email, department, site, time_zone,
      job_title, manager, hire_date, status, left_date;
  std::vector<int> level;
  std::vector<soci::indicator> department_ind, site_ind, manager_ind, left_date_ind;

  void Resize(std::size_t n) {
    for (auto* v : {&employee_id, &first_name, &last_name, &email, &department, &site, &time_zone,
                    &job_title, &manager, &hire_date, &status, &left_date}) {
      v->resize(n);
    }
    for (auto* v : {&department_ind, &site_ind, &manager_ind, &left_date_ind}) v->resize(n);
    id.resize(n);
    level.resize(n);
  }

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(employee_id));
    st.exchange(soci::into(first_name));
    st.exchange(soci::into(last_name));
    st.exchange(soci::into(email));
    st.exchange(soci::into(department, department_ind));
    st.exchange(soci::into(site, site_ind));
    st.exchange(soci::into(time_zone));
    st.exchange(soci::into(job_title));
    st.exchange(soci::into(level));
    st.exchange(soci::into(manager, manager_ind));
    st.exchange(soci::into(hire_date));
    st.exchange(soci::into(status));
    st.exchange(soci::into(left_date, left_date_ind));
  }

  void AppendTo(std::vector<Person>& out) const {
    for (std::size_t i = 0; i < id.size(); ++i) {
      Person p;
      p.id = domain::PersonId(id[i]);
      p.employee_id = employee_id[i];
      p.first_name = first_name[i];
      p.last_name = last_name[i];
      p.email = email[i];
      if (department_ind[i] == soci::i_ok) p.department = department[i];
      if (site_ind[i] == soci::i_ok) p.site = site[i];
      p.time_zone = time_zone[i];
      p.job_title = job_title[i];
      p.level = level[i];
      if (manager_ind[i] == soci::i_ok) p.manager_employee_id = manager[i];
      p.hire_date = ParseStoredDate(hire_date[i]);
      std::optional<domain::EmploymentStatus> parsed = domain::ParseEmploymentStatus(status[i]);
      if (!parsed) throw soci::soci_error("unknown stored status \"" + status[i] + "\"");
      p.status = *parsed;
      if (left_date_ind[i] == soci::i_ok) p.left_date = ParseStoredDate(left_date[i]);
      out.push_back(std::move(p));
    }
  }
};

struct LanguageColumns {
  std::vector<long long> person_id;
  std::vector<std::string> language;
  void Resize(std::size_t n) {
    person_id.resize(n);
    language.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(language));
  }
};

struct CodeIdColumns {
  std::vector<long long> id;
  std::vector<std::string> code;
  void Resize(std::size_t n) {
    id.resize(n);
    code.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(code));
  }
};

// The statements, on one session; the caller owns the transaction. Methods throw SOCI errors.
class SqlPeopleStore {
 public:
  SqlPeopleStore(soci::session& session, DatabaseKind kind) : s_(session), kind_(kind) {}

  // Whether a statement failed and the error was turned into a Status here rather than thrown:
  // the transaction may be unusable all the same (PostgreSQL aborts it).
  bool statement_failed() const { return statement_failed_; }

  // Serializes directory writers on PostgreSQL (SQLite's BEGIN IMMEDIATE already does).
  void LockForWriting() {
    if (kind_ == DatabaseKind::kPostgresql) {
      s_ << "SELECT pg_advisory_xact_lock(" + std::to_string(kLockSpace) + ", " +
                std::to_string(kDirectoryLock) + ")";
    }
  }

  Status UpsertDepartments(std::span<const Department> departments) {
    if (departments.empty()) return Status::Ok();
    std::vector<std::string> code, name, division;
    for (const Department& d : departments) {
      code.push_back(d.code);
      name.push_back(d.name);
      division.push_back(d.division);
    }
    s_ << "INSERT INTO departments (code, name, division) VALUES (:code, :name, :division) "
          "ON CONFLICT (code) DO UPDATE SET name = excluded.name, division = excluded.division",
        soci::use(code), soci::use(name), soci::use(division);
    return Status::Ok();
  }

  Status UpsertSites(std::span<const Site> sites) {
    if (sites.empty()) return Status::Ok();
    std::vector<std::string> code, name, country, time_zone;
    for (const Site& site : sites) {
      code.push_back(site.code);
      name.push_back(site.name);
      country.push_back(site.country);
      time_zone.push_back(site.time_zone);
    }
    s_ << "INSERT INTO sites (code, name, country, time_zone) VALUES (:code, :name, :country, "
          ":time_zone) ON CONFLICT (code) DO UPDATE SET name = excluded.name, country = "
          "excluded.country, time_zone = excluded.time_zone",
        soci::use(code), soci::use(name), soci::use(country), soci::use(time_zone);
    return Status::Ok();
  }

  Status UpsertSkills(std::span<const Skill> skills) {
    if (skills.empty()) return Status::Ok();
    std::vector<std::string> code, name, family;
    for (const Skill& skill : skills) {
      code.push_back(skill.code);
      name.push_back(skill.name);
      family.push_back(skill.family);
    }
    s_ << "INSERT INTO skills (code, name, family) VALUES (:code, :name, :family) "
          "ON CONFLICT (code) DO UPDATE SET name = excluded.name, family = excluded.family",
        soci::use(code), soci::use(name), soci::use(family);
    return Status::Ok();
  }

  Status UpsertPeople(std::span<const PersonRecord> people) {
    if (people.empty()) return Status::Ok();
    // Everything that can be checked is checked before the first write.
    std::unordered_map<std::string_view, std::size_t> batch;
    batch.reserve(people.size());
    for (std::size_t i = 0; i < people.size(); ++i) {
      if (!batch.emplace(people[i].employee_id, i).second) {
        return BadRecord("people", i, "employee_id", "employee id is repeated in the batch");
      }
    }
    const std::unordered_map<std::string, long long> departments = CodeIds("departments");
    const std::unordered_map<std::string, long long> sites = CodeIds("sites");
    std::vector<std::string> external_managers;
    std::unordered_set<std::string_view> seen_external;
    for (std::size_t i = 0; i < people.size(); ++i) {
      const PersonRecord& p = people[i];
      if (!p.department.empty() && !departments.contains(p.department)) {
        return BadRecord("people", i, "department", "unknown department \"" + p.department + "\"");
      }
      if (!p.site.empty() && !sites.contains(p.site)) {
        return BadRecord("people", i, "site", "unknown site \"" + p.site + "\"");
      }
      if (!p.manager_employee_id.empty() && !batch.contains(p.manager_employee_id) &&
          seen_external.insert(p.manager_employee_id).second) {
        external_managers.push_back(p.manager_employee_id);
      }
    }
    const std::unordered_map<std::string, long long> stored_managers =
        ResolveEmployeeIds(external_managers);
    for (std::size_t i = 0; i < people.size(); ++i) {
      const std::string& manager = people[i].manager_employee_id;
      if (!manager.empty() && !batch.contains(manager) && !stored_managers.contains(manager)) {
        return BadRecord("people", i, "manager_employee_id", "unknown manager \"" + manager + "\"");
      }
    }

    // Ids above this one are new rows: they have no languages to compare.
    long long max_id_before = 0;
    soci::indicator max_ind = soci::i_null;
    s_ << "SELECT MAX(id) FROM people", soci::into(max_id_before, max_ind);
    if (max_ind != soci::i_ok) max_id_before = 0;

    std::vector<long long> ids(people.size(), 0);  // 0: not written yet
    if (kind_ == DatabaseKind::kPostgresql) {
      // A statement per person is a round trip per person: write them all in a few statements.
      if (Status written = UpsertPeopleInBulk(people, departments, sites, ids); !written.ok()) {
        return written;
      }
      return WriteLanguages(people, ids, max_id_before);
    }

    // One prepared statement, executed per person, managers before their reports so that each
    // row names its manager as it is written; RETURNING gives each id. (No second pass over the
    // rows: inside one large SQLite transaction, every statement costs more than the last.)
    std::string employee_id, first_name, last_name, email, time_zone, job_title, hire_date, status,
        left_date;
    long long department_id = 0, site_id = 0, manager_id = 0, id = 0;
    int level = 0;
    soci::indicator department_ind = soci::i_null, site_ind = soci::i_null,
                    manager_ind = soci::i_null, left_date_ind = soci::i_null;
    soci::statement upsert =
        (s_.prepare << "INSERT INTO people (employee_id, first_name, last_name, email, "
                       "department_id, site_id, time_zone, job_title, level, manager_id, "
                       "hire_date, status, left_date) VALUES (:employee_id, :first_name, "
                       ":last_name, :email, :department_id, :site_id, :time_zone, :job_title, "
                       ":level, :manager_id, :hire_date, :status, :left_date) "
                       "ON CONFLICT (employee_id) DO UPDATE SET "
                       "first_name = excluded.first_name, last_name = excluded.last_name, "
                       "email = excluded.email, department_id = excluded.department_id, "
                       "site_id = excluded.site_id, time_zone = excluded.time_zone, "
                       "job_title = excluded.job_title, level = excluded.level, "
                       "manager_id = excluded.manager_id, hire_date = excluded.hire_date, "
                       "status = excluded.status, left_date = excluded.left_date RETURNING id",
         soci::use(employee_id), soci::use(first_name), soci::use(last_name), soci::use(email),
         soci::use(department_id, department_ind), soci::use(site_id, site_ind),
         soci::use(time_zone), soci::use(job_title), soci::use(level),
         soci::use(manager_id, manager_ind), soci::use(hire_date), soci::use(status),
         soci::use(left_date, left_date_ind), soci::into(id));
    std::vector<std::size_t> managed_later;  // only people in a management loop
    for (std::size_t i : ManagersFirst(people, batch)) {
      const PersonRecord& p = people[i];
      employee_id = p.employee_id;
      first_name = p.first_name;
      last_name = p.last_name;
      email = p.email;
      department_ind = p.department.empty() ? soci::i_null : soci::i_ok;
      department_id = p.department.empty() ? 0 : departments.at(p.department);
      site_ind = p.site.empty() ? soci::i_null : soci::i_ok;
      site_id = p.site.empty() ? 0 : sites.at(p.site);
      manager_ind = soci::i_null;
      manager_id = 0;
      if (!p.manager_employee_id.empty()) {
        auto in_batch = batch.find(p.manager_employee_id);
        if (in_batch == batch.end()) {
          manager_id = stored_managers.at(p.manager_employee_id);
          manager_ind = soci::i_ok;
        } else if (ids[in_batch->second] != 0) {
          manager_id = ids[in_batch->second];
          manager_ind = soci::i_ok;
        } else {
          managed_later.push_back(i);
        }
      }
      time_zone = p.time_zone;
      job_title = p.job_title;
      level = p.level;
      hire_date = DateText(p.hire_date);
      status = std::string(domain::EmploymentStatusName(p.status));
      left_date_ind = p.left_date ? soci::i_ok : soci::i_null;
      left_date = p.left_date ? DateText(*p.left_date) : std::string();
      try {
        upsert.execute(true);
      } catch (const soci::soci_error& e) {
        if (!IsUniqueViolation(e)) throw;
        statement_failed_ = true;
        return Status::Error(ErrorCode::kConflict,
                             BadRecordPrefix("people", i) + ": email \"" + p.email +
                                 "\" is already used by another person",
                             BadRecordPrefix("people", i) + ".email", e.what());
      }
      ids[i] = id;
    }
    for (std::size_t i : managed_later) {
      const long long row = ids[i];
      const long long manager = ids[batch.at(people[i].manager_employee_id)];
      s_ << "UPDATE people SET manager_id = :manager_id WHERE id = :id", soci::use(manager),
          soci::use(row);
    }

    return WriteLanguages(people, ids, max_id_before);
  }

  // PostgreSQL: the people go into a temporary table with one COPY, then into `people` with one
  // INSERT ... ON CONFLICT and their managers with one UPDATE. Fills ids (index of `people`).
  // The same outcome as the statement per person of UpsertPeople, including the refusal of an
  // email another person holds (checked first, so that it names the row).
  Status UpsertPeopleInBulk(std::span<const PersonRecord> people,
                            const std::unordered_map<std::string, long long>& departments,
                            const std::unordered_map<std::string, long long>& sites,
                            std::vector<long long>& ids) {
    constexpr const char* kColumns =
        "employee_id, first_name, last_name, email, department_id, site_id, time_zone, "
        "job_title, level, hire_date, status, left_date";
    s_ << std::string("CREATE TEMP TABLE pairwise_people_load ON COMMIT DROP AS SELECT ") +
              kColumns +
              ", 0::bigint AS ord, ''::text AS manager_employee_id FROM people WITH NO DATA";
    CopyRows rows(14);
    for (std::size_t i = 0; i < people.size(); ++i) {
      const PersonRecord& p = people[i];
      rows.Text(p.employee_id).Text(p.first_name).Text(p.last_name).Text(p.email);
      if (p.department.empty())
        rows.Null();
      else
        rows.Int(departments.at(p.department));
      if (p.site.empty())
        rows.Null();
      else
        rows.Int(sites.at(p.site));
      rows.Text(p.time_zone).Text(p.job_title).Int(p.level).Text(DateText(p.hire_date));
      rows.Text(domain::EmploymentStatusName(p.status));
      if (p.left_date)
        rows.Text(DateText(*p.left_date));
      else
        rows.Null();
      rows.Int(static_cast<std::int64_t>(i)).Text(p.manager_employee_id);
    }
    CopyInto(s_, "pairwise_people_load", std::string(kColumns) + ", ord, manager_employee_id",
             rows);

    // An email held by someone else who keeps it (ignoring case, as the unique index does).
    long long taken = -1;
    soci::indicator taken_ind = soci::i_null;
    s_ << "SELECT MIN(l.ord) FROM pairwise_people_load l JOIN people p ON lower(p.email) = "
          "lower(l.email) AND p.employee_id <> l.employee_id WHERE NOT EXISTS (SELECT 1 FROM "
          "pairwise_people_load o WHERE o.employee_id = p.employee_id AND lower(o.email) <> "
          "lower(p.email))",
        soci::into(taken, taken_ind);
    if (taken_ind == soci::i_ok) {
      // As when the statement per person fails: the transaction must not commit.
      statement_failed_ = true;
      const auto i = static_cast<std::size_t>(taken);
      return Status::Error(ErrorCode::kConflict,
                           BadRecordPrefix("people", i) + ": email \"" + people[i].email +
                               "\" is already used by another person",
                           BadRecordPrefix("people", i) + ".email");
    }
    try {
      s_ << std::string("INSERT INTO people (") + kColumns + ") SELECT " + kColumns +
                " FROM pairwise_people_load ORDER BY ord ON CONFLICT (employee_id) DO UPDATE SET "
                "first_name = excluded.first_name, last_name = excluded.last_name, "
                "email = excluded.email, department_id = excluded.department_id, "
                "site_id = excluded.site_id, time_zone = excluded.time_zone, "
                "job_title = excluded.job_title, level = excluded.level, "
                "hire_date = excluded.hire_date, status = excluded.status, "
                "left_date = excluded.left_date";
    } catch (const soci::soci_error& e) {
      if (!IsUniqueViolation(e)) throw;
      statement_failed_ = true;  // emails swapped within the batch: refused as a whole
      return Status::Error(ErrorCode::kConflict,
                           "an email in the batch is already used by another person", "people",
                           e.what());
    }
    s_ << "UPDATE people p SET manager_id = m.id FROM pairwise_people_load l LEFT JOIN people m "
          "ON m.employee_id = l.manager_employee_id WHERE p.employee_id = l.employee_id AND "
          "p.manager_id IS DISTINCT FROM m.id";
    struct IdColumns {
      std::vector<long long> id, ord;
      void Resize(std::size_t n) { id.resize(n), ord.resize(n); }
      void Bind(soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(ord));
      }
    } columns;
    FetchAll(
        s_, "SELECT p.id, l.ord FROM pairwise_people_load l JOIN people p USING (employee_id)",
        [](soci::statement&) {}, columns,
        [&](const IdColumns& c) {
          for (std::size_t k = 0; k < c.id.size(); ++k) {
            ids[static_cast<std::size_t>(c.ord[k])] = c.id[k];
          }
        });
    s_ << "DROP TABLE pairwise_people_load";
    return Status::Ok();
  }

  // Languages are rewritten only for the people whose list changed. ids: of `people`, written.
  Status WriteLanguages(std::span<const PersonRecord> people, const std::vector<long long>& ids,
                        long long max_id_before) {
    std::vector<long long> replaced;
    for (std::size_t i = 0; i < people.size(); ++i) {
      if (ids[i] <= max_id_before) replaced.push_back(ids[i]);
    }
    const std::unordered_map<long long, std::vector<std::string>> stored_languages =
        LanguagesOf(replaced);
    std::vector<long long> changed;
    std::vector<long long> language_person;
    std::vector<int> language_ordinal;
    std::vector<std::string> language_code;
    for (std::size_t i = 0; i < people.size(); ++i) {
      auto stored = stored_languages.find(ids[i]);
      const bool had_some = stored != stored_languages.end();
      if (had_some ? stored->second == people[i].languages : people[i].languages.empty()) {
        continue;
      }
      if (had_some) changed.push_back(ids[i]);
      for (std::size_t k = 0; k < people[i].languages.size(); ++k) {
        language_person.push_back(ids[i]);
        language_ordinal.push_back(static_cast<int>(k));
        language_code.push_back(people[i].languages[k]);
      }
    }
    if (!changed.empty()) {
      s_ << "DELETE FROM person_languages WHERE person_id = :person_id", soci::use(changed);
    }
    if (!language_person.empty() && IsPostgresql(s_)) {  // one COPY, not a row per statement
      CopyRows rows(3);
      for (std::size_t i = 0; i < language_person.size(); ++i) {
        rows.Int(language_person[i]).Int(language_ordinal[i]).Text(language_code[i]);
      }
      CopyInto(s_, "person_languages", "person_id, ordinal, language", rows);
    } else if (!language_person.empty()) {
      s_ << "INSERT INTO person_languages (person_id, ordinal, language) VALUES (:person_id, "
            ":ordinal, :language)",
          soci::use(language_person), soci::use(language_ordinal), soci::use(language_code);
    }
    return Status::Ok();
  }

  Status AppendEvents(std::span<const PersonEvent> events) {
    if (events.empty()) return Status::Ok();
    Result<std::vector<long long>> person_id = PersonIdsOf(events, "events");
    if (!person_id.ok()) return person_id.status();
    std::vector<std::string> kind, date, from_title, to_title;
    std::vector<int> from_level, to_level;
    std::vector<soci::indicator> from_level_ind, to_level_ind, from_title_ind, to_title_ind;
    for (const PersonEvent& e : events) {
      kind.emplace_back(domain::PersonEventKindName(e.kind));
      date.push_back(DateText(e.date));
      from_level.push_back(e.from_level.value_or(0));
      from_level_ind.push_back(e.from_level ? soci::i_ok : soci::i_null);
      to_level.push_back(e.to_level.value_or(0));
      to_level_ind.push_back(e.to_level ? soci::i_ok : soci::i_null);
      from_title.push_back(e.from_title);
      from_title_ind.push_back(e.from_title.empty() ? soci::i_null : soci::i_ok);
      to_title.push_back(e.to_title);
      to_title_ind.push_back(e.to_title.empty() ? soci::i_null : soci::i_ok);
    }
    if (IsPostgresql(s_)) {  // COPY, then one INSERT: not a statement per event
      CopyRows rows(7);
      for (std::size_t i = 0; i < events.size(); ++i) {
        const PersonEvent& e = events[i];
        rows.Int((*person_id)[i]).Text(kind[i]).Text(date[i]);
        rows.IntOrNull(e.from_level).IntOrNull(e.to_level);
        rows.TextOrNull(e.from_title).TextOrNull(e.to_title);
      }
      CopyThenInsert(s_, "person_events",
                     "person_id, kind, event_date, from_level, to_level, from_title, to_title",
                     rows, "ON CONFLICT (person_id, kind, event_date) DO NOTHING");
      return Status::Ok();
    }
    s_ << "INSERT INTO person_events (person_id, kind, event_date, from_level, to_level, "
          "from_title, to_title) VALUES (:person_id, :kind, :event_date, :from_level, "
          ":to_level, :from_title, :to_title) ON CONFLICT (person_id, kind, event_date) DO "
          "NOTHING",
        soci::use(*person_id), soci::use(kind), soci::use(date),
        soci::use(from_level, from_level_ind), soci::use(to_level, to_level_ind),
        soci::use(from_title, from_title_ind), soci::use(to_title, to_title_ind);
    return Status::Ok();
  }

  Status SetReportingAttributes(std::span<const ReportingAttribute> values) {
    if (values.empty()) return Status::Ok();
    Result<std::vector<long long>> person_id = PersonIdsOf(values, "attributes");
    if (!person_id.ok()) return person_id.status();
    std::vector<long long> set_person, drop_person;
    std::vector<std::string> set_name, set_value, drop_name;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const ReportingAttribute& v = values[i];
      if (v.value.empty()) {
        drop_person.push_back((*person_id)[i]);
        drop_name.push_back(v.name);
      } else {
        set_person.push_back((*person_id)[i]);
        set_name.push_back(v.name);
        set_value.push_back(v.value);
      }
    }
    if (!drop_person.empty()) {
      s_ << "DELETE FROM person_attributes WHERE person_id = :person_id AND name = :name",
          soci::use(drop_person), soci::use(drop_name);
    }
    if (!set_person.empty() && IsPostgresql(s_)) {  // COPY, then one INSERT
      // One INSERT may not set a row twice: the last value of a (person, name) wins, as it does
      // written row by row.
      std::unordered_set<std::string> seen;
      CopyRows rows(3);
      for (std::size_t i = set_person.size(); i-- > 0;) {
        if (!seen.insert(std::to_string(set_person[i]) + '\n' + set_name[i]).second) continue;
        rows.Int(set_person[i]).Text(set_name[i]).Text(set_value[i]);
      }
      CopyThenInsert(s_, "person_attributes", "person_id, name, value", rows,
                     "ON CONFLICT (person_id, name) DO UPDATE SET value = excluded.value");
    } else if (!set_person.empty()) {
      s_ << "INSERT INTO person_attributes (person_id, name, value) VALUES (:person_id, :name, "
            ":value) ON CONFLICT (person_id, name) DO UPDATE SET value = excluded.value",
          soci::use(set_person), soci::use(set_name), soci::use(set_value);
    }
    return Status::Ok();
  }

  Result<std::vector<ReportingAttribute>> ListReportingAttributes() {
    std::vector<ReportingAttribute> out;
    ReadTriples(
        "SELECT p.employee_id, a.name, a.value FROM person_attributes a JOIN people p ON p.id = "
        "a.person_id ORDER BY p.employee_id, a.name",
        [&](std::string a, std::string b, std::string c) {
          out.push_back({std::move(a), std::move(b), std::move(c)});
        });
    return out;
  }

  Result<int64_t> CountPeople() {
    long long count = 0;
    s_ << "SELECT COUNT(*) FROM people", soci::into(count);
    return static_cast<int64_t>(count);
  }

  Result<std::optional<Person>> FindByEmployeeId(std::string_view employee_id) {
    const std::string key(employee_id);
    auto bind = [&](soci::statement& st) { st.exchange(soci::use(key)); };
    std::vector<Person> found = SelectPeople("WHERE p.employee_id = :employee_id", bind,
                                             "WHERE p.employee_id = :employee_id", bind);
    if (found.empty()) return std::optional<Person>();
    return std::optional<Person>(std::move(found.front()));
  }

  Result<std::optional<Person>> FindByEmail(std::string_view email) {
    const std::string key(email);
    // lower() matches the unique index on lower(email); emails are ASCII, so both backends agree.
    auto bind = [&](soci::statement& st) { st.exchange(soci::use(key)); };
    std::vector<Person> found = SelectPeople("WHERE lower(p.email) = lower(:email)", bind,
                                             "WHERE lower(p.email) = lower(:email)", bind);
    if (found.empty()) return std::optional<Person>();
    return std::optional<Person>(std::move(found.front()));
  }

  Result<std::vector<Person>> ListAtOffset(int64_t offset, int limit) {
    if (offset < 0) return Status::InvalidArgument("offset must not be negative", "offset");
    if (limit < 1 || limit > domain::kMaxPeoplePageSize) {
      return Status::InvalidArgument(
          "limit must be between 1 and " + std::to_string(domain::kMaxPeoplePageSize), "limit");
    }
    const long long skip = offset;
    std::string first, last;
    {
      std::vector<std::string> keys(VectorRows(limit));
      s_ << "SELECT employee_id FROM people ORDER BY employee_id LIMIT :limit OFFSET :skip",
          soci::use(limit), soci::use(skip), soci::into(keys);
      if (keys.empty()) return std::vector<Person>();
      first = keys.front();
      last = keys.back();
    }
    auto bind = [&](soci::statement& st) {
      st.exchange(soci::use(first));
      st.exchange(soci::use(last));
    };
    return SelectPeople(
        "WHERE p.employee_id >= :first AND p.employee_id <= :last ORDER BY p.employee_id", bind,
        "WHERE p.employee_id >= :first AND p.employee_id <= :last", bind);
  }

  Result<std::optional<std::string>> FindExternalId(std::string_view employee_id) {
    const std::string key(employee_id);
    std::string external_id;
    soci::statement st =
        OnceStatement(s_,
                      "SELECT x.external_id FROM person_external_ids x JOIN people p ON p.id = "
                      "x.person_id WHERE p.employee_id = :employee_id",
                      soci::use(key), soci::into(external_id));
    st.execute(true);
    if (!st.got_data()) return std::optional<std::string>();
    return std::optional<std::string>(external_id);
  }

  Result<std::optional<Person>> FindByExternalId(std::string_view external_id) {
    const std::string key(external_id);
    auto bind = [&](soci::statement& st) { st.exchange(soci::use(key)); };
    constexpr std::string_view kWhere =
        "WHERE p.id = (SELECT person_id FROM person_external_ids WHERE external_id = :x)";
    std::vector<Person> found = SelectPeople(kWhere, bind, kWhere, bind);
    if (found.empty()) return std::optional<Person>();
    return std::optional<Person>(std::move(found.front()));
  }

  Status SetExternalId(std::string_view employee_id, std::string_view external_id) {
    const std::string key(employee_id);
    const std::string wanted(external_id);
    long long person_id = 0;
    soci::statement find = (s_.prepare << "SELECT id FROM people WHERE employee_id = :e",
                            soci::use(key), soci::into(person_id));
    find.execute(true);
    if (!find.got_data()) return Status::NotFound("no person has employee id \"" + key + "\"");
    if (wanted.empty()) {
      s_ << "DELETE FROM person_external_ids WHERE person_id = :id", soci::use(person_id);
      return Status::Ok();
    }
    long long holder = 0;
    soci::statement held =
        (s_.prepare << "SELECT person_id FROM person_external_ids WHERE external_id = :x",
         soci::use(wanted), soci::into(holder));
    held.execute(true);
    if (held.got_data() && holder != person_id) {
      return Status::Conflict("external id \"" + wanted + "\" is held by another person",
                              "external_id");
    }
    s_ << "INSERT INTO person_external_ids (person_id, external_id) VALUES (:id, :x) "
          "ON CONFLICT (person_id) DO UPDATE SET external_id = excluded.external_id",
        soci::use(person_id), soci::use(wanted);
    return Status::Ok();
  }

  Result<std::optional<std::string>> FindUserName(std::string_view employee_id) {
    const std::string key(employee_id);
    std::string user_name;
    soci::statement st =
        OnceStatement(s_,
                      "SELECT u.user_name FROM person_user_names u JOIN people p ON p.id = "
                      "u.person_id WHERE p.employee_id = :employee_id",
                      soci::use(key), soci::into(user_name));
    st.execute(true);
    if (!st.got_data()) return std::optional<std::string>();
    return std::optional<std::string>(user_name);
  }

  Result<std::optional<Person>> FindByUserName(std::string_view user_name) {
    const std::string key = AsciiLower(user_name);
    auto bind = [&](soci::statement& st) { st.exchange(soci::use(key)); };
    constexpr std::string_view kWhere =
        "WHERE p.id = (SELECT person_id FROM person_user_names WHERE user_name_key = :u)";
    std::vector<Person> found = SelectPeople(kWhere, bind, kWhere, bind);
    if (found.empty()) return std::optional<Person>();
    return std::optional<Person>(std::move(found.front()));
  }

  Status SetUserName(std::string_view employee_id, std::string_view user_name) {
    const std::string key(employee_id);
    const std::string wanted(user_name);
    const std::string wanted_key = AsciiLower(user_name);
    long long person_id = 0;
    soci::statement find = (s_.prepare << "SELECT id FROM people WHERE employee_id = :e",
                            soci::use(key), soci::into(person_id));
    find.execute(true);
    if (!find.got_data()) return Status::NotFound("no person has employee id \"" + key + "\"");
    if (wanted.empty()) {
      s_ << "DELETE FROM person_user_names WHERE person_id = :id", soci::use(person_id);
      return Status::Ok();
    }
    long long holder = 0;
    soci::statement held =
        (s_.prepare << "SELECT person_id FROM person_user_names WHERE user_name_key = :u",
         soci::use(wanted_key), soci::into(holder));
    held.execute(true);
    if (held.got_data() && holder != person_id) {
      return Status::Conflict("userName \"" + wanted + "\" is held by another person", "user_name");
    }
    s_ << "INSERT INTO person_user_names (person_id, user_name, user_name_key) "
          "VALUES (:id, :u, :k) ON CONFLICT (person_id) DO UPDATE SET "
          "user_name = excluded.user_name, user_name_key = excluded.user_name_key",
        soci::use(person_id), soci::use(wanted), soci::use(wanted_key);
    return Status::Ok();
  }

  Result<std::vector<Person>> ListPage(const domain::PeoplePageRequest& request) {
    if (request.limit < 1 || request.limit > domain::kMaxPeoplePageSize) {
      return Status::InvalidArgument(
          "limit must be between 1 and " + std::to_string(domain::kMaxPeoplePageSize), "limit");
    }
    const std::string after = request.after_employee_id;
    const int limit = request.limit;
    // The page's last key bounds the language query to the same people.
    std::string last;
    {
      std::vector<std::string> keys(VectorRows(limit));
      s_ << "SELECT employee_id FROM people WHERE employee_id > :after ORDER BY employee_id "
            "LIMIT :limit",
          soci::use(after), soci::use(limit), soci::into(keys);
      if (keys.empty()) return std::vector<Person>();
      last = keys.back();
    }
    return SelectPeople(
        "WHERE p.employee_id > :after AND p.employee_id <= :last ORDER BY p.employee_id",
        [&](soci::statement& st) {
          st.exchange(soci::use(after));
          st.exchange(soci::use(last));
        },
        "WHERE p.employee_id > :after AND p.employee_id <= :last",
        [&](soci::statement& st) {
          st.exchange(soci::use(after));
          st.exchange(soci::use(last));
        });
  }

  Result<std::vector<Person>> ListDirectReports(std::string_view manager_employee_id) {
    const std::string manager(manager_employee_id);
    if (manager.empty()) return std::vector<Person>();
    auto bind = [&](soci::statement& st) { st.exchange(soci::use(manager)); };
    return SelectPeople("WHERE m.employee_id = :manager ORDER BY p.employee_id", bind,
                        "WHERE m.employee_id = :manager", bind);
  }

  Result<std::vector<std::string>> ManagementChain(std::string_view employee_id) {
    const std::string key(employee_id);
    long long id = 0;
    soci::statement find = (s_.prepare << "SELECT id FROM people WHERE employee_id = :e",
                            soci::use(key), soci::into(id));
    find.execute(true);
    if (!find.got_data()) {
      return Status::NotFound("no person has employee id \"" + key + "\"");
    }
    const int max_depth = kMaxChainLength + 1;
    std::vector<std::string> chain(kMaxChainLength + 2);
    s_ << "WITH RECURSIVE chain (id, manager_id, depth) AS ("
          " SELECT id, manager_id, 0 FROM people WHERE id = :id"
          " UNION ALL"
          " SELECT p.id, p.manager_id, c.depth + 1 FROM people p JOIN chain c"
          " ON p.id = c.manager_id WHERE c.depth < :max_depth)"
          " SELECT p.employee_id FROM chain c JOIN people p ON p.id = c.id"
          " WHERE c.depth > 0 ORDER BY c.depth",
        soci::use(id), soci::use(max_depth), soci::into(chain);
    if (chain.size() > static_cast<std::size_t>(kMaxChainLength)) {
      return Status::Internal("the stored management chain of " + key + " loops");
    }
    return chain;
  }

  Result<std::vector<Person>> ListWithManagers(std::span<const std::string> employee_ids) {
    if (employee_ids.empty()) return std::vector<Person>();
    const bool postgres = kind_ == DatabaseKind::kPostgresql;
    // The ids travel as one JSON array parameter, so that any number of them is one statement
    // (no IN list of thousands of placeholders, no batches repeating the shared managers).
    nlohmann::json array = nlohmann::json::array();
    for (const std::string& id : employee_ids) array.push_back(id);
    const std::string ids = array.dump();
    const std::string wanted =
        postgres ? "SELECT value FROM json_array_elements_text(CAST(:ids AS json))"
                 : "SELECT value FROM json_each(:ids)";
    // UNION, not UNION ALL: a person already reached is not added again, which is also what
    // ends the recursion on a stored loop (both databases discard rows seen before).
    const std::string with = "WITH RECURSIVE wanted (employee_id) AS (" + wanted +
                             "), reach (id) AS ("
                             " SELECT p.id FROM people p JOIN wanted w"
                             " ON p.employee_id = w.employee_id"
                             " UNION"
                             " SELECT p.manager_id FROM people p JOIN reach r ON p.id = r.id"
                             " WHERE p.manager_id IS NOT NULL) ";
    std::vector<Person> people;
    PersonColumns columns;
    FetchAll(
        s_,
        with + std::string(kPersonSelect) +
            "WHERE p.id IN (SELECT id FROM reach) ORDER BY p.employee_id",
        [&](soci::statement& st) { st.exchange(soci::use(ids)); }, columns,
        [&](const PersonColumns& c) { c.AppendTo(people); });
    if (people.empty()) return people;
    // The languages of the people read, by their row ids (one more JSON array): the walk up the
    // chains is done once, not again for the languages.
    std::unordered_map<long long, std::size_t> index;
    index.reserve(people.size());
    std::string person_ids = "[";
    for (std::size_t i = 0; i < people.size(); ++i) {
      index.emplace(people[i].id.value, i);
      if (i) person_ids += ',';
      person_ids += std::to_string(people[i].id.value);
    }
    person_ids += ']';
    LanguageColumns languages;
    FetchAll(
        s_,
        std::string(
            "SELECT l.person_id, l.language FROM person_languages l WHERE l.person_id IN (") +
            (postgres ? "SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(:ids "
                        "AS json))"
                      : "SELECT value FROM json_each(:ids)") +
            ") ORDER BY l.person_id, l.ordinal",
        [&](soci::statement& st) { st.exchange(soci::use(person_ids)); }, languages,
        [&](const LanguageColumns& c) {
          for (std::size_t i = 0; i < c.person_id.size(); ++i) {
            if (auto it = index.find(c.person_id[i]); it != index.end()) {
              people[it->second].languages.push_back(c.language[i]);
            }
          }
        });
    return people;
  }

  Result<std::vector<PersonEvent>> ListEvents(std::string_view employee_id) {
    const std::string key(employee_id);
    struct EventColumns {
      std::vector<std::string> kind, date, from_title, to_title;
      std::vector<int> from_level, to_level;
      std::vector<soci::indicator> from_level_ind, to_level_ind, from_title_ind, to_title_ind;
      void Resize(std::size_t n) {
        for (auto* v : {&kind, &date, &from_title, &to_title}) v->resize(n);
        for (auto* v : {&from_level, &to_level}) v->resize(n);
        for (auto* v : {&from_level_ind, &to_level_ind, &from_title_ind, &to_title_ind}) {
          v->resize(n);
        }
      }
      void Bind(soci::statement& st) {
        st.exchange(soci::into(kind));
        st.exchange(soci::into(date));
        st.exchange(soci::into(from_level, from_level_ind));
        st.exchange(soci::into(to_level, to_level_ind));
        st.exchange(soci::into(from_title, from_title_ind));
        st.exchange(soci::into(to_title, to_title_ind));
      }
    } columns;
    std::vector<PersonEvent> events;
    FetchAll(
        s_,
        "SELECT e.kind, e.event_date, e.from_level, e.to_level, e.from_title, e.to_title "
        "FROM person_events e JOIN people p ON p.id = e.person_id "
        "WHERE p.employee_id = :employee_id "
        "ORDER BY e.event_date, CASE e.kind WHEN 'hire' THEN 0 WHEN 'promotion' THEN 1 "
        "WHEN 'title_change' THEN 2 ELSE 3 END",
        [&](soci::statement& st) { st.exchange(soci::use(key)); }, columns,
        [&](const EventColumns& c) {
          for (std::size_t i = 0; i < c.kind.size(); ++i) {
            PersonEvent e;
            e.employee_id = key;
            std::optional<domain::PersonEventKind> kind = domain::ParsePersonEventKind(c.kind[i]);
            if (!kind) throw soci::soci_error("unknown stored event kind \"" + c.kind[i] + "\"");
            e.kind = *kind;
            e.date = ParseStoredDate(c.date[i]);
            if (c.from_level_ind[i] == soci::i_ok) e.from_level = c.from_level[i];
            if (c.to_level_ind[i] == soci::i_ok) e.to_level = c.to_level[i];
            if (c.from_title_ind[i] == soci::i_ok) e.from_title = c.from_title[i];
            if (c.to_title_ind[i] == soci::i_ok) e.to_title = c.to_title[i];
            events.push_back(std::move(e));
          }
        });
    return events;
  }

  Result<std::vector<Department>> ListDepartments() {
    std::vector<Department> out;
    ReadTriples("SELECT code, name, division FROM departments ORDER BY code",
                [&](std::string a, std::string b, std::string c) {
                  out.push_back({std::move(a), std::move(b), std::move(c)});
                });
    return out;
  }

  Result<std::vector<Skill>> ListSkills() {
    std::vector<Skill> out;
    ReadTriples("SELECT code, name, family FROM skills ORDER BY code",
                [&](std::string a, std::string b, std::string c) {
                  out.push_back({std::move(a), std::move(b), std::move(c)});
                });
    return out;
  }

  Result<std::vector<Site>> ListSites() {
    struct SiteColumns {
      std::vector<std::string> code, name, country, time_zone;
      void Resize(std::size_t n) {
        for (auto* v : {&code, &name, &country, &time_zone}) v->resize(n);
      }
      void Bind(soci::statement& st) {
        for (auto* v : {&code, &name, &country, &time_zone}) st.exchange(soci::into(*v));
      }
    } columns;
    std::vector<Site> out;
    FetchAll(
        s_, "SELECT code, name, country, time_zone FROM sites ORDER BY code",
        [](soci::statement&) {}, columns,
        [&](const SiteColumns& c) {
          for (std::size_t i = 0; i < c.code.size(); ++i) {
            out.push_back({c.code[i], c.name[i], c.country[i], c.time_zone[i]});
          }
        });
    return out;
  }

 private:
  template <typename Add>
  void ReadTriples(std::string_view sql, Add&& add) {
    struct Columns {
      std::vector<std::string> a, b, c;
      void Resize(std::size_t n) {
        for (auto* v : {&a, &b, &c}) v->resize(n);
      }
      void Bind(soci::statement& st) {
        for (auto* v : {&a, &b, &c}) st.exchange(soci::into(*v));
      }
    } columns;
    FetchAll(
        s_, sql, [](soci::statement&) {}, columns,
        [&](Columns& c) {
          for (std::size_t i = 0; i < c.a.size(); ++i) {
            add(std::move(c.a[i]), std::move(c.b[i]), std::move(c.c[i]));
          }
        });
  }

  std::unordered_map<std::string, long long> CodeIds(std::string_view table) {
    std::unordered_map<std::string, long long> ids;
    CodeIdColumns columns;
    FetchAll(
        s_, "SELECT id, code FROM " + std::string(table), [](soci::statement&) {}, columns,
        [&](const CodeIdColumns& c) {
          for (std::size_t i = 0; i < c.id.size(); ++i) ids.emplace(c.code[i], c.id[i]);
        });
    return ids;
  }

  // The stored languages of these people (those with none are absent).
  std::unordered_map<long long, std::vector<std::string>> LanguagesOf(
      const std::vector<long long>& person_ids) {
    std::unordered_map<long long, std::vector<std::string>> languages;
    if (person_ids.empty()) return languages;
    LanguageColumns columns;
    if (person_ids.size() > kScanThreshold) {
      const std::unordered_set<long long> wanted(person_ids.begin(), person_ids.end());
      FetchAll(
          s_, "SELECT person_id, language FROM person_languages ORDER BY person_id, ordinal",
          [](soci::statement&) {}, columns,
          [&](const LanguageColumns& c) {
            for (std::size_t i = 0; i < c.person_id.size(); ++i) {
              if (wanted.contains(c.person_id[i])) {
                languages[c.person_id[i]].push_back(c.language[i]);
              }
            }
          });
      return languages;
    }
    long long id = 0;
    std::vector<std::string> found(64);
    soci::statement st = (s_.prepare << "SELECT language FROM person_languages WHERE person_id "
                                        "= :id ORDER BY ordinal",
                          soci::use(id), soci::into(found));
    for (long long person : person_ids) {
      id = person;
      found.resize(64);
      st.execute(true);
      if (!found.empty()) languages.emplace(person, found);
    }
    return languages;
  }

  // Per record (anything with an employee_id), the stored id of its person; InvalidArgument
  // naming `collection`[i].employee_id when a record's person does not exist.
  template <typename Record>
  Result<std::vector<long long>> PersonIdsOf(std::span<const Record> records,
                                             std::string_view collection) {
    std::vector<std::string> wanted;
    std::unordered_set<std::string_view> seen;
    for (const Record& r : records) {
      if (seen.insert(r.employee_id).second) wanted.push_back(r.employee_id);
    }
    const std::unordered_map<std::string, long long> ids = ResolveEmployeeIds(wanted);
    std::vector<long long> person_id;
    person_id.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
      auto it = ids.find(records[i].employee_id);
      if (it == ids.end()) {
        return BadRecord(collection, i, "employee_id",
                         "unknown employee id \"" + records[i].employee_id + "\"");
      }
      person_id.push_back(it->second);
    }
    return person_id;
  }

  // The stored ids of those of `employee_ids` that exist.
  std::unordered_map<std::string, long long> ResolveEmployeeIds(
      const std::vector<std::string>& employee_ids) {
    std::unordered_map<std::string, long long> ids;
    if (employee_ids.empty()) return ids;
    ids.reserve(employee_ids.size());
    if (employee_ids.size() > kScanThreshold) {
      const std::unordered_set<std::string_view> wanted(employee_ids.begin(), employee_ids.end());
      CodeIdColumns columns;
      FetchAll(
          s_, "SELECT id, employee_id FROM people", [](soci::statement&) {}, columns,
          [&](const CodeIdColumns& c) {
            for (std::size_t i = 0; i < c.id.size(); ++i) {
              if (wanted.contains(c.code[i])) ids.emplace(c.code[i], c.id[i]);
            }
          });
      return ids;
    }
    std::string key;
    long long id = 0;
    soci::statement find = (s_.prepare << "SELECT id FROM people WHERE employee_id = :e",
                            soci::use(key), soci::into(id));
    for (const std::string& employee_id : employee_ids) {
      key = employee_id;
      find.execute(true);
      if (find.got_data()) ids.emplace(employee_id, id);
    }
    return ids;
  }

  // People matching `where` (a clause over the aliases of kPersonSelect), with their languages,
  // which `languages_where` selects (the same clause, over the same aliases, without ORDER BY
  // or LIMIT: an equivalent condition). `with`, when given, is a WITH clause put before both
  // queries, for the clauses to use.
  std::vector<Person> SelectPeople(std::string_view where,
                                   const std::function<void(soci::statement&)>& bind,
                                   std::string_view languages_where,
                                   const std::function<void(soci::statement&)>& bind_languages,
                                   std::string_view with = {}) {
    std::vector<Person> people;
    PersonColumns columns;
    FetchAll(s_, std::string(with) + std::string(kPersonSelect) + std::string(where), bind, columns,
             [&](const PersonColumns& c) { c.AppendTo(people); });
    if (people.empty()) return people;

    std::unordered_map<long long, std::size_t> index;
    index.reserve(people.size());
    for (std::size_t i = 0; i < people.size(); ++i) index.emplace(people[i].id.value, i);
    LanguageColumns languages;
    FetchAll(s_,
             std::string(with) +
                 "SELECT l.person_id, l.language FROM person_languages l "
                 "JOIN people p ON p.id = l.person_id LEFT JOIN people m ON m.id = p.manager_id " +
                 std::string(languages_where) + " ORDER BY l.person_id, l.ordinal",
             bind_languages, languages, [&](const LanguageColumns& c) {
               for (std::size_t i = 0; i < c.person_id.size(); ++i) {
                 if (auto it = index.find(c.person_id[i]); it != index.end()) {
                   people[it->second].languages.push_back(c.language[i]);
                 }
               }
             });
    return people;
  }

  soci::session& s_;
  DatabaseKind kind_;
  bool statement_failed_ = false;
};

// The repository handed to RunInTransaction's work: its calls share the transaction's session.
// A SOCI error inside leaves the transaction unusable on PostgreSQL, so the first one is kept
// and the transaction is rolled back even if `work` carries on and returns OK.
class TransactionRepository final : public domain::PeopleRepository {
 public:
  TransactionRepository(soci::session& session, DatabaseKind kind) : store_(session, kind) {}

  const Status& failure() const { return failure_; }

  Status RunInTransaction(const std::function<Status(PeopleRepository&)>& work) override {
    return work(*this);
  }
  Status UpsertDepartments(std::span<const Department> d) override {
    return Call("UpsertDepartments", [&] { return store_.UpsertDepartments(d); });
  }
  Status UpsertSites(std::span<const Site> s) override {
    return Call("UpsertSites", [&] { return store_.UpsertSites(s); });
  }
  Status UpsertSkills(std::span<const Skill> s) override {
    return Call("UpsertSkills", [&] { return store_.UpsertSkills(s); });
  }
  Status UpsertPeople(std::span<const PersonRecord> p) override {
    return Call("UpsertPeople", [&] { return store_.UpsertPeople(p); });
  }
  Status AppendEvents(std::span<const PersonEvent> e) override {
    return Call("AppendEvents", [&] { return store_.AppendEvents(e); });
  }
  Result<int64_t> CountPeople() override {
    return Call("CountPeople", [&] { return store_.CountPeople(); });
  }
  Result<std::optional<Person>> FindByEmployeeId(std::string_view id) override {
    return Call("FindByEmployeeId", [&] { return store_.FindByEmployeeId(id); });
  }
  Result<std::optional<Person>> FindByEmail(std::string_view email) override {
    return Call("FindByEmail", [&] { return store_.FindByEmail(email); });
  }
  Result<std::vector<Person>> ListAtOffset(int64_t offset, int limit) override {
    return Call("ListAtOffset", [&] { return store_.ListAtOffset(offset, limit); });
  }
  Result<std::optional<std::string>> FindExternalId(std::string_view id) override {
    return Call("FindExternalId", [&] { return store_.FindExternalId(id); });
  }
  Result<std::optional<Person>> FindByExternalId(std::string_view x) override {
    return Call("FindByExternalId", [&] { return store_.FindByExternalId(x); });
  }
  Status SetExternalId(std::string_view id, std::string_view x) override {
    return Call("SetExternalId", [&] { return store_.SetExternalId(id, x); });
  }
  Result<std::optional<std::string>> FindUserName(std::string_view id) override {
    return Call("FindUserName", [&] { return store_.FindUserName(id); });
  }
  Result<std::optional<Person>> FindByUserName(std::string_view u) override {
    return Call("FindByUserName", [&] { return store_.FindByUserName(u); });
  }
  Status SetUserName(std::string_view id, std::string_view u) override {
    return Call("SetUserName", [&] { return store_.SetUserName(id, u); });
  }
  Result<std::vector<Person>> ListPage(const domain::PeoplePageRequest& r) override {
    return Call("ListPage", [&] { return store_.ListPage(r); });
  }
  Result<std::vector<Person>> ListDirectReports(std::string_view id) override {
    return Call("ListDirectReports", [&] { return store_.ListDirectReports(id); });
  }
  Result<std::vector<std::string>> ManagementChain(std::string_view id) override {
    return Call("ManagementChain", [&] { return store_.ManagementChain(id); });
  }
  Result<std::vector<Person>> ListWithManagers(std::span<const std::string> ids) override {
    return Call("ListWithManagers", [&] { return store_.ListWithManagers(ids); });
  }
  Result<std::vector<PersonEvent>> ListEvents(std::string_view id) override {
    return Call("ListEvents", [&] { return store_.ListEvents(id); });
  }
  Result<std::vector<Department>> ListDepartments() override {
    return Call("ListDepartments", [&] { return store_.ListDepartments(); });
  }
  Result<std::vector<Site>> ListSites() override {
    return Call("ListSites", [&] { return store_.ListSites(); });
  }
  Result<std::vector<Skill>> ListSkills() override {
    return Call("ListSkills", [&] { return store_.ListSkills(); });
  }
  Status SetReportingAttributes(std::span<const ReportingAttribute> values) override {
    return Call("SetReportingAttributes", [&] { return store_.SetReportingAttributes(values); });
  }
  Result<std::vector<ReportingAttribute>> ListReportingAttributes() override {
    return Call("ListReportingAttributes", [&] { return store_.ListReportingAttributes(); });
  }

 private:
  template <typename Body>
  auto Call(std::string_view what, Body&& body) -> decltype(body()) {
    try {
      auto result = body();
      if (store_.statement_failed() && failure_.ok()) failure_ = StatusOf(result);
      return result;
    } catch (...) {
      Status status = StatusFromCurrentException(what);
      if (failure_.ok()) failure_ = status;
      return status;
    }
  }

  SqlPeopleStore store_;
  Status failure_;
};

class SqlPeopleRepository final : public domain::PeopleRepository {
 public:
  explicit SqlPeopleRepository(Database& db) : db_(db) {}

  Status RunInTransaction(const std::function<Status(PeopleRepository&)>& work) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& session) -> Status {
      SqlPeopleStore(session, db_.kind()).LockForWriting();
      TransactionRepository tx(session, db_.kind());
      Status status = work(tx);
      if (status.ok() && !tx.failure().ok()) {
        return Status::Internal(
            "a statement failed inside the transaction, which was then "
            "asked to commit: " +
            tx.failure().log_message());
      }
      return status;
    });
  }

  Status UpsertDepartments(std::span<const Department> d) override {
    return Write([&](SqlPeopleStore& store) { return store.UpsertDepartments(d); });
  }
  Status UpsertSites(std::span<const Site> s) override {
    return Write([&](SqlPeopleStore& store) { return store.UpsertSites(s); });
  }
  Status UpsertSkills(std::span<const Skill> s) override {
    return Write([&](SqlPeopleStore& store) { return store.UpsertSkills(s); });
  }
  Status UpsertPeople(std::span<const PersonRecord> p) override {
    return Write([&](SqlPeopleStore& store) { return store.UpsertPeople(p); });
  }
  Status AppendEvents(std::span<const PersonEvent> e) override {
    return Write([&](SqlPeopleStore& store) { return store.AppendEvents(e); });
  }
  Result<int64_t> CountPeople() override {
    return Read(TransactionMode::kNone, [](SqlPeopleStore& store) { return store.CountPeople(); });
  }
  Result<std::optional<Person>> FindByEmployeeId(std::string_view id) override {
    // Without a transaction (the row, then its languages): every relationship and meeting read
    // looks people up by id, and BEGIN and COMMIT are two more round trips on PostgreSQL.
    return Read(TransactionMode::kNone,
                [&](SqlPeopleStore& store) { return store.FindByEmployeeId(id); });
  }
  Result<std::optional<Person>> FindByEmail(std::string_view email) override {
    return Read(TransactionMode::kRead,
                [&](SqlPeopleStore& store) { return store.FindByEmail(email); });
  }
  Result<std::vector<Person>> ListAtOffset(int64_t offset, int limit) override {
    return Read(TransactionMode::kRead,
                [&](SqlPeopleStore& store) { return store.ListAtOffset(offset, limit); });
  }
  Result<std::optional<std::string>> FindExternalId(std::string_view id) override {
    return Read(TransactionMode::kNone,
                [&](SqlPeopleStore& store) { return store.FindExternalId(id); });
  }
  Result<std::optional<Person>> FindByExternalId(std::string_view x) override {
    return Read(TransactionMode::kRead,
                [&](SqlPeopleStore& store) { return store.FindByExternalId(x); });
  }
  Status SetExternalId(std::string_view id, std::string_view x) override {
    return Write([&](SqlPeopleStore& store) { return store.SetExternalId(id, x); });
  }
  Result<std::optional<std::string>> FindUserName(std::string_view id) override {
    return Read(TransactionMode::kNone,
                [&](SqlPeopleStore& store) { return store.FindUserName(id); });
  }
  Result<std::optional<Person>> FindByUserName(std::string_view u) override {
    return Read(TransactionMode::kRead,
                [&](SqlPeopleStore& store) { return store.FindByUserName(u); });
  }
  Status SetUserName(std::string_view id, std::string_view u) override {
    return Write([&](SqlPeopleStore& store) { return store.SetUserName(id, u); });
  }
  Result<std::vector<Person>> ListPage(const domain::PeoplePageRequest& r) override {
    return Read(TransactionMode::kRead, [&](SqlPeopleStore& store) { return store.ListPage(r); });
  }
  Result<std::vector<Person>> ListDirectReports(std::string_view id) override {
    return Read(TransactionMode::kRead,
                [&](SqlPeopleStore& store) { return store.ListDirectReports(id); });
  }
  Result<std::vector<std::string>> ManagementChain(std::string_view id) override {
    return Read(TransactionMode::kRead,
                [&](SqlPeopleStore& store) { return store.ManagementChain(id); });
  }
  Result<std::vector<Person>> ListWithManagers(std::span<const std::string> ids) override {
    return Read(TransactionMode::kRead,
                [&](SqlPeopleStore& store) { return store.ListWithManagers(ids); });
  }
  Result<std::vector<PersonEvent>> ListEvents(std::string_view id) override {
    return Read(TransactionMode::kNone,
                [&](SqlPeopleStore& store) { return store.ListEvents(id); });
  }
  Result<std::vector<Department>> ListDepartments() override {
    return Read(TransactionMode::kNone,
                [](SqlPeopleStore& store) { return store.ListDepartments(); });
  }
  Result<std::vector<Site>> ListSites() override {
    return Read(TransactionMode::kNone, [](SqlPeopleStore& store) { return store.ListSites(); });
  }
  Result<std::vector<Skill>> ListSkills() override {
    return Read(TransactionMode::kNone, [](SqlPeopleStore& store) { return store.ListSkills(); });
  }
  Status SetReportingAttributes(std::span<const ReportingAttribute> values) override {
    return Write([&](SqlPeopleStore& store) { return store.SetReportingAttributes(values); });
  }
  Result<std::vector<ReportingAttribute>> ListReportingAttributes() override {
    return Read(TransactionMode::kNone,
                [](SqlPeopleStore& store) { return store.ListReportingAttributes(); });
  }

 private:
  template <typename Body>
  Status Write(Body&& body) {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& session) {
      SqlPeopleStore store(session, db_.kind());
      store.LockForWriting();
      return body(store);
    });
  }

  template <typename Body>
  auto Read(TransactionMode mode, Body&& body) -> decltype(body(std::declval<SqlPeopleStore&>())) {
    using R = decltype(body(std::declval<SqlPeopleStore&>()));
    std::optional<R> result;
    Status status = db_.Run(mode, [&](soci::session& session) {
      SqlPeopleStore store(session, db_.kind());
      result.emplace(body(store));
      return result->status();
    });
    if (!status.ok()) return status;
    return std::move(*result);
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::PeopleRepository> MakePeopleRepository(Database& db) {
  return std::make_unique<SqlPeopleRepository>(db);
}

}  // namespace pairwise::storage
