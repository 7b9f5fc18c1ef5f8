#include "domain/people/import/import_plan.h"

#include <algorithm>
#include <unordered_set>

#include "common/text.h"
#include "domain/people/department_resolver.h"
#include "domain/people/directory_validation.h"

namespace pairwise::domain::import {

namespace {

constexpr std::size_t kMaxNameBytes = 100;
constexpr std::size_t kMaxTitleBytes = 200;
constexpr std::size_t kMaxLanguages = 20;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string Quote(std::string_view text) {
  constexpr std::size_t kShown = 60;
  std::string out = "\"";
  out.append(text.substr(0, kShown));
  if (text.size() > kShown) out += "...";
  out += "\"";
  return out;
}

// ISO 8601 calendar date, optionally with a time part ("2024-03-15T00:00:00Z"), which is
// dropped: HRIS exports often write dates as midnight timestamps.
std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  std::optional<Date> date = ParseDate(text.substr(0, 10));
  if (!date) return std::nullopt;
  const int year = static_cast<int>(date->year());
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  return date;
}

std::optional<int> ParseLevel(std::string_view text) {
  if (text.empty() || text.size() > 3) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value < kMinLevel || value > kMaxLevel) return std::nullopt;
  return value;
}

std::optional<EmploymentStatus> ParseStatus(std::string_view text) {
  const std::string lower = AsciiLower(text);
  if (auto status = ParseEmploymentStatus(lower)) return status;
  if (lower == "on leave" || lower == "on_leave") return EmploymentStatus::kLeave;
  if (lower == "terminated") return EmploymentStatus::kLeft;
  return std::nullopt;
}

bool SameDate(const std::optional<Date>& a, const std::optional<Date>& b) { return a == b; }

// Errors with a sort key (row, column position) so that they come out in reading order.
struct KeyedError {
  int column_index;
  ImportError error;
};

class Errors {
 public:
  Errors(const std::vector<std::string>& header, const ResolvedMapping& mapping)
      : header_(header), mapping_(mapping) {}

  void AddAtColumn(int row, int column_index, std::string field, std::string code,
                   std::string message) {
    std::string column;
    if (column_index >= 0) {
      column = static_cast<std::size_t>(column_index) < header_.size()
                   ? header_[static_cast<std::size_t>(column_index)]
                   : "column " + std::to_string(column_index + 1);
    }
    errors_.push_back(KeyedError{column_index, ImportError{row, std::move(column), std::move(field),
                                                           std::move(code), std::move(message)}});
  }
  void Add(int row, ImportField field, std::string code, std::string message) {
    AddAtColumn(row, mapping_.column_of[static_cast<std::size_t>(field)],
                std::string(ImportFieldName(field)), std::move(code), std::move(message));
  }
  bool empty() const { return errors_.empty(); }

  std::vector<ImportError> Take() {
    std::stable_sort(errors_.begin(), errors_.end(), [](const KeyedError& a, const KeyedError& b) {
      if (a.error.row != b.error.row) return a.error.row < b.error.row;
      return a.column_index < b.column_index;
    });
    std::vector<ImportError> out;
    out.reserve(errors_.size());
    for (KeyedError& e : errors_) out.push_back(std::move(e.error));
    return out;
  }

 private:
  const std::vector<std::string>& header_;
  const ResolvedMapping& mapping_;
  std::vector<KeyedError> errors_;
};

// A data row read into a record, before cross-row checks.
struct ParsedRow {
  int row = 0;
  bool usable = false;  // the row had the header's shape: its fields were checked
  PersonRecord record;
  bool status_given = false;
  std::string new_site;
  std::vector<std::pair<std::string, std::string>> attributes;  // name, value ("" removes)
};

std::vector<std::string> ChangedFields(const PersonRecord& before, const PersonRecord& after) {
  std::vector<std::string> changed;
  auto check = [&](bool differs, std::string_view name) {
    if (differs) changed.emplace_back(name);
  };
  check(before.first_name != after.first_name, "first_name");
  check(before.last_name != after.last_name, "last_name");
  check(before.email != after.email, "email");
  check(before.department != after.department, "department");
  check(before.site != after.site, "site");
  check(before.time_zone != after.time_zone, "time_zone");
  check(before.job_title != after.job_title, "job_title");
  check(before.level != after.level, "level");
  check(before.manager_employee_id != after.manager_employee_id, "manager_employee_id");
  check(before.hire_date != after.hire_date, "hire_date");
  check(before.status != after.status || !SameDate(before.left_date, after.left_date), "status");
  check(before.languages != after.languages, "languages");
  return changed;
}

}  // namespace

std::string VacatedEmail(std::string_view employee_id) {
  return std::string(employee_id) + "@vacated.import.invalid";
}

std::string_view RowActionName(RowAction action) {
  switch (action) {
    case RowAction::kCreate:
      return "create";
    case RowAction::kUpdate:
      return "update";
    case RowAction::kUnchanged:
      return "unchanged";
  }
  return "unchanged";
}

ImportPlan PlanImport(const CsvTable& table, const ResolvedMapping& mapping,
                      const StoredDirectory& stored, const PlanOptions& options) {
  ImportPlan plan;
  plan.mapping = mapping;
  plan.headers = table.header;
  Errors errors(table.header, mapping);

  for (const MappingIssue& issue : mapping.issues) {
    errors.AddAtColumn(issue.column >= 0 ? 1 : 0, issue.column, issue.field, issue.code,
                       issue.message);
  }
  std::unordered_set<int> broken_rows;  // rows whose text could not be read reliably
  for (const CsvIssue& issue : table.issues) {
    std::string field;
    if (issue.column >= 0 && static_cast<std::size_t>(issue.column) < mapping.columns.size() &&
        mapping.columns[static_cast<std::size_t>(issue.column)].field) {
      field = ImportFieldName(*mapping.columns[static_cast<std::size_t>(issue.column)].field);
    }
    errors.AddAtColumn(issue.code == "empty_file" ? 0 : issue.row, issue.column, field, issue.code,
                       issue.message);
    if (issue.code == "unterminated_quote") broken_rows.insert(issue.row);
  }

  // Stored reference data, by code and by name.
  DepartmentResolver departments(stored.departments);
  std::unordered_map<std::string, const Site*> site_by_code;
  std::unordered_map<std::string, const Site*> site_by_name;
  for (const Site& s : stored.sites) {
    site_by_code.emplace(s.code, &s);
    site_by_name.emplace(AsciiLower(s.name), &s);
  }

  const auto column = [&](ImportField f) { return mapping.column_of[static_cast<std::size_t>(f)]; };
  const std::size_t width = table.header.size();

  std::vector<ParsedRow> parsed(table.rows.size());
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const CsvRecord& csv = table.rows[i];
    ParsedRow& out = parsed[i];
    out.row = csv.row;
    if (broken_rows.contains(csv.row)) continue;
    if (csv.fields.size() != width) {
      errors.AddAtColumn(csv.row, -1, "", "ragged_row",
                         "the row has " + std::to_string(csv.fields.size()) +
                             " fields but the header has " + std::to_string(width));
      continue;
    }
    out.usable = true;
    const auto get = [&](ImportField f) -> std::string_view {
      const int c = column(f);
      return c < 0 ? std::string_view() : Trim(csv.fields[static_cast<std::size_t>(c)]);
    };
    const auto mapped = [&](ImportField f) { return column(f) >= 0; };
    const auto required = [&](ImportField f) {
      if (get(f).empty() && mapped(f)) {
        errors.Add(csv.row, f, "missing_field", std::string(ImportFieldName(f)) + " is required");
        return false;
      }
      return mapped(f);
    };
    const auto text = [&](ImportField f, std::size_t max_bytes, std::string& into) {
      if (!required(f)) return;
      const std::string_view value = get(f);
      if (!IsValidText(value, max_bytes)) {
        errors.Add(csv.row, f, "bad_text",
                   std::string(ImportFieldName(f)) + " must be at most " +
                       std::to_string(max_bytes) +
                       " bytes of UTF-8 text without control characters");
        return;
      }
      into.assign(value);
    };
    PersonRecord& p = out.record;

    if (required(ImportField::kEmployeeId)) {
      const std::string_view id = get(ImportField::kEmployeeId);
      if (!IsValidKey(id)) {
        errors.Add(
            csv.row, ImportField::kEmployeeId, "bad_employee_id",
            "employee id " + Quote(id) + " must be 1 to 64 of the characters A-Z a-z 0-9 . _ -");
      } else {
        p.employee_id.assign(id);
      }
    }
    text(ImportField::kFirstName, kMaxNameBytes, p.first_name);
    text(ImportField::kLastName, kMaxNameBytes, p.last_name);
    if (required(ImportField::kEmail)) {
      const std::string_view email = get(ImportField::kEmail);
      if (!IsValidEmail(email)) {
        errors.Add(csv.row, ImportField::kEmail, "bad_email",
                   "email " + Quote(email) + " is not a valid address");
      } else {
        p.email.assign(email);
      }
    }
    if (const std::string_view department = get(ImportField::kDepartment); !department.empty()) {
      if (auto resolved = departments.Resolve(department)) {
        p.department = std::move(resolved->code);
      } else {
        errors.Add(csv.row, ImportField::kDepartment, "bad_department",
                   "department " + Quote(department) +
                       " is neither a known department (code or name) nor a department name "
                       "(at most 200 bytes of text without control characters)");
      }
    }
    const Site* site = nullptr;
    if (const std::string_view site_value = get(ImportField::kSite); !site_value.empty()) {
      if (auto it = site_by_code.find(std::string(site_value)); it != site_by_code.end()) {
        site = it->second;
      } else if (auto by_name = site_by_name.find(AsciiLower(site_value));
                 by_name != site_by_name.end()) {
        site = by_name->second;
      }
      if (site != nullptr) {
        p.site = site->code;
      } else if (IsValidKey(site_value)) {
        p.site.assign(site_value);
        out.new_site = p.site;
      } else {
        errors.Add(csv.row, ImportField::kSite, "bad_site",
                   "site " + Quote(site_value) +
                       " is neither a known site (code or name) nor a valid new code "
                       "(1 to 64 of A-Z a-z 0-9 . _ -)");
      }
    }
    if (const std::string_view tz = get(ImportField::kTimeZone); !tz.empty()) {
      if (!IsValidTimeZoneName(tz)) {
        errors.Add(
            csv.row, ImportField::kTimeZone, "bad_time_zone",
            "time zone " + Quote(tz) + " is not an IANA time zone name such as \"Europe/Paris\"");
      } else {
        p.time_zone.assign(tz);
      }
    } else if (site != nullptr) {
      p.time_zone = site->time_zone;
    } else {
      errors.Add(csv.row, ImportField::kTimeZone, "missing_field",
                 "time_zone is required when the site is not a known one");
    }
    text(ImportField::kJobTitle, kMaxTitleBytes, p.job_title);
    if (required(ImportField::kLevel)) {
      const std::string_view level = get(ImportField::kLevel);
      if (auto value = ParseLevel(level)) {
        p.level = *value;
      } else {
        errors.Add(csv.row, ImportField::kLevel, "bad_level",
                   "level " + Quote(level) + " is not a whole number from " +
                       std::to_string(kMinLevel) + " to " + std::to_string(kMaxLevel));
      }
    }
    if (const std::string_view manager = get(ImportField::kManagerEmployeeId); !manager.empty()) {
      if (!IsValidKey(manager)) {
        errors.Add(csv.row, ImportField::kManagerEmployeeId, "unknown_manager",
                   "manager " + Quote(manager) + " is not a valid employee id");
      } else if (!p.employee_id.empty() && manager == p.employee_id) {
        errors.Add(csv.row, ImportField::kManagerEmployeeId, "management_cycle",
                   "a person cannot be their own manager");
      } else {
        p.manager_employee_id.assign(manager);
      }
    }
    if (required(ImportField::kHireDate)) {
      const std::string_view hire = get(ImportField::kHireDate);
      if (auto date = ParseIsoDate(hire)) {
        p.hire_date = *date;
      } else {
        errors.Add(csv.row, ImportField::kHireDate, "bad_date",
                   "hire date " + Quote(hire) + " is not an ISO 8601 date (YYYY-MM-DD) between " +
                       std::to_string(kMinYear) + " and " + std::to_string(kMaxYear));
      }
    }
    if (const std::string_view status = get(ImportField::kStatus); !status.empty()) {
      if (auto value = ParseStatus(status)) {
        p.status = *value;
        out.status_given = true;
      } else {
        errors.Add(csv.row, ImportField::kStatus, "bad_status",
                   "status " + Quote(status) + " is not one of active, leave, left");
      }
    }
    if (const std::string_view languages = get(ImportField::kLanguages); !languages.empty()) {
      std::size_t start = 0;
      while (start <= languages.size()) {
        std::size_t end = languages.find(';', start);
        if (end == std::string_view::npos) end = languages.size();
        const std::string code = AsciiLower(Trim(languages.substr(start, end - start)));
        start = end + 1;
        if (code.empty()) continue;
        if (!IsValidLanguageCode(code)) {
          errors.Add(csv.row, ImportField::kLanguages, "bad_language",
                     "language " + Quote(code) +
                         " is not an ISO 639-1 code such as \"en\" (separate codes with ;)");
        } else if (std::find(p.languages.begin(), p.languages.end(), code) != p.languages.end()) {
          errors.Add(csv.row, ImportField::kLanguages, "bad_language",
                     "language " + Quote(code) + " is repeated");
        } else {
          p.languages.push_back(code);
        }
      }
      if (p.languages.size() > kMaxLanguages) {
        errors.Add(csv.row, ImportField::kLanguages, "bad_language",
                   "more than " + std::to_string(kMaxLanguages) + " languages");
      }
    }
    for (std::size_t c = 0; c < width; ++c) {
      const std::string& name = mapping.columns[c].attribute;
      if (name.empty()) continue;
      const std::string_view value = Trim(csv.fields[c]);
      if (!value.empty() && !IsValidText(value, kMaxAttributeValueBytes)) {
        errors.AddAtColumn(csv.row, static_cast<int>(c), ColumnFieldName(mapping.columns[c]),
                           "bad_text",
                           name + " must be at most " + std::to_string(kMaxAttributeValueBytes) +
                               " bytes of UTF-8 text without control characters");
        continue;
      }
      out.attributes.emplace_back(name, std::string(value));
    }
  }

  // Across rows: repeated ids and emails.
  std::unordered_map<std::string, int> row_of_id;
  std::unordered_map<std::string, std::pair<int, std::string>> row_of_email;
  row_of_id.reserve(parsed.size());
  row_of_email.reserve(parsed.size());
  for (const ParsedRow& row : parsed) {
    const PersonRecord& p = row.record;
    if (!p.employee_id.empty()) {
      auto [it, inserted] = row_of_id.emplace(p.employee_id, row.row);
      if (!inserted) {
        errors.Add(row.row, ImportField::kEmployeeId, "duplicate_id",
                   "employee id " + Quote(p.employee_id) + " is also on row " +
                       std::to_string(it->second));
      }
    }
    if (!p.email.empty()) {
      auto [it, inserted] =
          row_of_email.emplace(AsciiLower(p.email), std::pair(row.row, p.employee_id));
      if (!inserted) {
        errors.Add(
            row.row, ImportField::kEmail, "duplicate_email",
            "email " + Quote(p.email) + " is also on row " + std::to_string(it->second.first));
      }
    }
  }

  // Against what is stored: emails kept by people the file does not name (or renames).
  std::unordered_map<std::string, const Person*> stored_by_email;
  stored_by_email.reserve(stored.people.size());
  for (const auto& [id, person] : stored.people)
    stored_by_email.emplace(AsciiLower(person.email), &person);
  for (const ParsedRow& row : parsed) {
    const PersonRecord& p = row.record;
    if (p.email.empty()) continue;
    auto it = stored_by_email.find(AsciiLower(p.email));
    if (it == stored_by_email.end() || it->second->employee_id == p.employee_id) continue;
    const Person& owner = *it->second;
    // An owner named by the file keeps the address only if their row repeats it, which the
    // check above already reports.
    if (row_of_id.contains(owner.employee_id)) continue;
    errors.Add(
        row.row, ImportField::kEmail, "duplicate_email",
        "email " + Quote(p.email) + " belongs to " + owner.employee_id + " in the directory");
  }

  // Managers: in the file or stored.
  for (const ParsedRow& row : parsed) {
    const std::string& manager = row.record.manager_employee_id;
    if (manager.empty() || row_of_id.contains(manager) || stored.people.contains(manager)) continue;
    errors.Add(row.row, ImportField::kManagerEmployeeId, "unknown_manager",
               "manager " + Quote(manager) + " is neither in the file nor in the directory");
  }

  // Management cycles once the file is applied: the file's links over the stored ones.
  {
    std::unordered_map<std::string_view, std::string_view> manager_of;
    manager_of.reserve(stored.people.size() + parsed.size());
    for (const auto& [id, person] : stored.people) {
      if (!person.manager_employee_id.empty()) manager_of[id] = person.manager_employee_id;
    }
    for (const ParsedRow& row : parsed) {
      const PersonRecord& p = row.record;
      if (p.employee_id.empty()) continue;
      if (p.manager_employee_id.empty()) {
        manager_of.erase(p.employee_id);
      } else {
        manager_of[p.employee_id] = p.manager_employee_id;
      }
    }
    enum : uint8_t { kOnWalk = 1, kSafe = 2 };
    std::unordered_map<std::string_view, uint8_t> state;
    state.reserve(manager_of.size());
    std::unordered_set<std::string_view> on_cycle;
    std::vector<std::string_view> walk;
    for (const ParsedRow& row : parsed) {
      if (row.record.employee_id.empty()) continue;
      std::string_view at = row.record.employee_id;
      if (state.contains(at)) continue;
      walk.clear();
      while (true) {
        auto s = state.find(at);
        if (s != state.end()) {
          if (s->second == kOnWalk) {
            // `at` is on the current walk: the cycle is the walk from `at` on.
            auto from = std::find(walk.begin(), walk.end(), at);
            for (auto it = from; it != walk.end(); ++it) on_cycle.insert(*it);
          }
          break;
        }
        state.emplace(at, kOnWalk);
        walk.push_back(at);
        auto next = manager_of.find(at);
        if (next == manager_of.end()) break;
        at = next->second;
      }
      for (std::string_view w : walk) state[w] = kSafe;
    }
    if (!on_cycle.empty()) {
      for (const ParsedRow& row : parsed) {
        const PersonRecord& p = row.record;
        if (p.employee_id.empty() || !on_cycle.contains(p.employee_id)) continue;
        // Name the loop from this person.
        std::string loop = p.employee_id;
        std::string_view k = manager_of[p.employee_id];
        for (int shown = 0; shown < 10 && k != p.employee_id; ++shown) {
          loop += " -> " + std::string(k);
          k = manager_of[k];
        }
        loop += k == p.employee_id ? " -> " + p.employee_id : " -> ...";
        errors.Add(row.row, ImportField::kManagerEmployeeId, "management_cycle",
                   "management cycle: " + loop);
      }
    }
  }

  // Leaving before joining.
  for (ParsedRow& row : parsed) {
    PersonRecord& p = row.record;
    if (!row.usable || p.status != EmploymentStatus::kLeft || !p.hire_date.ok()) continue;
    auto s = stored.people.find(p.employee_id);
    const bool already_left = s != stored.people.end() &&
                              s->second.status == EmploymentStatus::kLeft && s->second.left_date;
    p.left_date = already_left ? *s->second.left_date : options.today;
    if (std::chrono::sys_days(*p.left_date) < std::chrono::sys_days(p.hire_date)) {
      errors.Add(row.row, ImportField::kHireDate, "bad_date",
                 "status is left (on " + FormatDate(*p.left_date) + ") but hire_date " +
                     FormatDate(p.hire_date) + " is later");
    }
  }

  plan.errors = errors.Take();
  if (!plan.errors.empty()) return plan;
  for (const ParsedRow& row : parsed) {
    for (const auto& [name, value] : row.attributes) {
      plan.changes.attributes.push_back({row.record.employee_id, name, value});
    }
  }

  // The changes.
  for (const Department& d : departments.created()) {
    plan.new_departments.push_back(d.code);
    plan.changes.departments.push_back(d);
  }
  std::unordered_set<std::string> seen_sites;
  for (const ParsedRow& row : parsed) {
    if (!row.new_site.empty() && seen_sites.insert(row.new_site).second) {
      plan.new_sites.push_back(row.new_site);
      plan.changes.sites.push_back({row.new_site, row.new_site, "ZZ", row.record.time_zone});
    }
  }
  plan.rows.reserve(parsed.size());
  for (ParsedRow& row : parsed) {
    PersonRecord& p = row.record;
    RowOutcome outcome{row.row, p.employee_id, RowAction::kCreate, {}};
    auto s = stored.people.find(p.employee_id);
    if (s == stored.people.end()) {
      ++plan.counts.create;
      plan.changes.events.push_back({p.employee_id, PersonEventKind::kHire, p.hire_date,
                                     std::nullopt, p.level, "", p.job_title});
      if (p.status == EmploymentStatus::kLeft) {
        plan.changes.events.push_back({p.employee_id, PersonEventKind::kExit, *p.left_date, p.level,
                                       std::nullopt, p.job_title, ""});
      }
    } else {
      const PersonRecord& before = s->second;
      if (before == p) {
        outcome.action = RowAction::kUnchanged;
        ++plan.counts.unchanged;
        plan.rows.push_back(std::move(outcome));
        continue;
      }
      outcome.action = RowAction::kUpdate;
      outcome.changed_fields = ChangedFields(before, p);
      ++plan.counts.update;
      if (p.level > before.level) {
        plan.changes.events.push_back({p.employee_id, PersonEventKind::kPromotion, options.today,
                                       before.level, p.level, before.job_title, p.job_title});
      } else if (p.level != before.level || p.job_title != before.job_title) {
        plan.changes.events.push_back({p.employee_id, PersonEventKind::kTitleChange, options.today,
                                       before.level, p.level, before.job_title, p.job_title});
      }
      if (p.status == EmploymentStatus::kLeft && before.status != EmploymentStatus::kLeft) {
        plan.changes.events.push_back({p.employee_id, PersonEventKind::kExit, *p.left_date, p.level,
                                       std::nullopt, p.job_title, ""});
      }
    }
    plan.rows.push_back(std::move(outcome));
    plan.changes.people.push_back(p);
    plan.change_rows.push_back(row.row);
  }
  // Addresses that move from one stored person to another.
  {
    std::unordered_map<std::string, const std::string*> new_owner;  // lower email -> id
    for (const PersonRecord& p : plan.changes.people)
      new_owner.emplace(AsciiLower(p.email), &p.employee_id);
    for (const PersonRecord& p : plan.changes.people) {
      auto s = stored.people.find(p.employee_id);
      if (s == stored.people.end()) continue;
      const std::string old_email = AsciiLower(s->second.email);
      if (old_email == AsciiLower(p.email)) continue;
      auto owner = new_owner.find(old_email);
      if (owner == new_owner.end() || *owner->second == p.employee_id) continue;
      PersonRecord vacate = s->second;
      vacate.email = VacatedEmail(p.employee_id);
      plan.email_vacates.push_back(std::move(vacate));
    }
  }
  if (options.full) {
    std::vector<const Person*> missing;
    for (const auto& [id, person] : stored.people) {
      if (person.status != EmploymentStatus::kLeft && !row_of_id.contains(id)) {
        missing.push_back(&person);
      }
    }
    std::sort(missing.begin(), missing.end(),
              [](const Person* a, const Person* b) { return a->employee_id < b->employee_id; });
    for (const Person* person : missing) {
      PersonRecord p = *person;
      p.status = EmploymentStatus::kLeft;
      // Someone hired in the future and gone from the export leaves on their hire date.
      p.left_date = std::chrono::sys_days(options.today) < std::chrono::sys_days(p.hire_date)
                        ? p.hire_date
                        : options.today;
      plan.changes.events.push_back({p.employee_id, PersonEventKind::kExit, *p.left_date, p.level,
                                     std::nullopt, p.job_title, ""});
      plan.marked_left.push_back(p.employee_id);
      plan.changes.people.push_back(std::move(p));
      plan.change_rows.push_back(0);
      ++plan.counts.mark_left;
    }
  }
  return plan;
}

}  // namespace pairwise::domain::import
