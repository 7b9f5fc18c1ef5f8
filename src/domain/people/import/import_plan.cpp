#include "domain/people/import/import_plan.h"

#include <algorithm>
#include <unordered_set>

#include "common/text.h"
#include "domain/people/directory_validation.h"
#include "domain/people/reference_match.h"

namespace pairwise::domain::import {

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string Quote(std::string_view text) { return QuoteForMessage(text); }

// ISO 8601 calendar date, optionally with a time part ("2024-03-15T00:00:00Z"), which is
// dropped: HRIS exports often write dates as midnight timestamps.
std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  std::optional<Date> date = ParseDate(text.substr(0, 10));
  if (!date || !IsPlausibleDate(*date)) return std::nullopt;
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

std::string Percent(int64_t part, int64_t whole) {
  return std::to_string(whole == 0 ? 100 : (part * 100 + whole / 2) / whole) + "%";
}

// The problems found, in bounded memory: every one is counted, the first kMaxListedProblems in
// reading order (row, then column position, then the order found) are kept in a max-heap, so a
// file with a million problems costs a thousand.
class Errors {
 public:
  Errors(const std::vector<std::string>& header, const ResolvedMapping& mapping)
      : header_(header), mapping_(mapping) {}

  void AddAtColumn(int row, int column_index, std::string field, std::string code,
                   std::string message) {
    ++total_;
    const Key key{row, column_index, sequence_++};
    if (kept_.size() == kMaxListedProblems) {
      if (!(key < kept_.front().key)) return;
      std::pop_heap(kept_.begin(), kept_.end());
      kept_.pop_back();
    }
    std::string column;
    if (column_index >= 0) {
      column = static_cast<std::size_t>(column_index) < header_.size()
                   ? header_[static_cast<std::size_t>(column_index)]
                   : "column " + std::to_string(column_index + 1);
    }
    kept_.push_back({key, ImportError{row, std::move(column), std::move(field), std::move(code),
                                      std::move(message)}});
    std::push_heap(kept_.begin(), kept_.end());
  }
  void Add(int row, ImportField field, std::string code, std::string message) {
    AddAtColumn(row, mapping_.column_of[static_cast<std::size_t>(field)],
                std::string(ImportFieldName(field)), std::move(code), std::move(message));
  }
  // Problems known to come after every kept one.
  void CountUnlisted(int64_t n) { total_ += n; }
  bool empty() const { return total_ == 0; }
  int64_t total() const { return total_; }

  std::vector<ImportError> Take() {
    std::sort_heap(kept_.begin(), kept_.end());
    std::vector<ImportError> out;
    out.reserve(kept_.size());
    for (Kept& e : kept_) out.push_back(std::move(e.error));
    kept_.clear();
    return out;
  }

 private:
  struct Key {
    int row;
    int column;
    int64_t sequence;
    auto operator<=>(const Key&) const = default;
  };
  struct Kept {
    Key key;
    ImportError error;
    bool operator<(const Kept& other) const { return key < other.key; }
  };
  const std::vector<std::string>& header_;
  const ResolvedMapping& mapping_;
  std::vector<Kept> kept_;
  int64_t total_ = 0;
  int64_t sequence_ = 0;
};

// What the checks across rows need of a data row: its keys. The full record is kept apart, and
// only while the file has no problem: a file with one cannot be imported, and a broken file of
// many rows must not cost a full record per row.
struct RowKeys {
  int row = 0;
  std::string employee_id;  // empty when missing or invalid
  std::string email;
  std::string manager_employee_id;
};

// A row read into a record, with its reporting attributes (name, value; "" removes).
struct ReadRow {
  PersonRecord record;
  std::vector<std::pair<std::string, std::string>> attributes;
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
  check(before.status != after.status || before.left_date != after.left_date, "status");
  check(before.languages != after.languages, "languages");
  return changed;
}

// The department (or site) values of the file, each looked up once: the stored entry it names,
// or a new one, or a problem. Remembers each distinct value for the preview.
class ReferenceResolver {
 public:
  enum class Problem { kNone, kAmbiguous, kBadName, kTooManyNew };
  struct Resolved {
    std::string code;
    bool is_new = false;
    Problem problem = Problem::kNone;
  };

  ReferenceResolver(ReferenceIndex index, const std::unordered_map<std::string, std::string>& names)
      : index_(std::move(index)), stored_names_(names) {}

  const Resolved& Resolve(std::string_view value) {
    auto [it, inserted] = by_value_.try_emplace(std::string(value));
    Entry& entry = it->second;
    if (inserted) entry = Look(value);
    if (entry.use >= 0) ++uses_[static_cast<std::size_t>(entry.use)].rows;
    return entry.resolved;
  }
  std::vector<NamedReference> TakeUses() { return std::move(uses_); }
  const std::vector<std::pair<std::string, std::string>>& created() const { return created_; }

 private:
  struct Entry {
    Resolved resolved;
    int64_t use = -1;  // index in uses_
  };

  Entry Look(std::string_view value) {
    Entry entry;
    const ReferenceIndex::Match match = index_.Find(value);
    if (match.outcome == ReferenceIndex::Outcome::kAmbiguous) {
      entry.resolved.problem = Problem::kAmbiguous;
      return entry;
    }
    if (match.outcome == ReferenceIndex::Outcome::kFound) {
      entry.resolved.code = match.code;
      auto stored = stored_names_.find(match.code);
      entry.resolved.is_new = stored == stored_names_.end();
      // A second spelling of a value new in this file names the same new entry.
      std::string name = entry.resolved.is_new ? NewName(match.code) : stored->second;
      entry.use = static_cast<int64_t>(uses_.size());
      uses_.push_back({std::string(value), match.code, std::move(name), entry.resolved.is_new, 0});
      return entry;
    }
    if (!IsValidText(value, kMaxTitleBytes)) {
      entry.resolved.problem = Problem::kBadName;
      return entry;
    }
    if (created_.size() >= kMaxNewReferences) {
      entry.resolved.problem = Problem::kTooManyNew;
      return entry;
    }
    entry.resolved.code = index_.AddNew(value);
    entry.resolved.is_new = true;
    created_.emplace_back(entry.resolved.code, std::string(value));
    entry.use = static_cast<int64_t>(uses_.size());
    uses_.push_back({std::string(value), entry.resolved.code, std::string(value), true, 0});
    return entry;
  }

  std::string NewName(const std::string& code) const {
    for (const auto& [c, name] : created_) {
      if (c == code) return name;
    }
    return code;
  }

  ReferenceIndex index_;
  const std::unordered_map<std::string, std::string>& stored_names_;  // code -> name
  std::unordered_map<std::string, Entry> by_value_;
  std::vector<NamedReference> uses_;
  std::vector<std::pair<std::string, std::string>> created_;  // code, name, in file order
};

std::unordered_map<std::string, std::string> NamesByCode(const auto& entries) {
  std::unordered_map<std::string, std::string> out;
  for (const auto& e : entries) out.emplace(e.code, e.name);
  return out;
}

// PlanImport, phase by phase: the file's own problems, each row read and checked, the checks
// across rows and against what is stored, then (only for a file without problems) the changes
// and what they need confirmed.
class Planner {
 public:
  Planner(const CsvTable& table, const ResolvedMapping& mapping, const StoredDirectory& stored,
          const PlanOptions& options)
      : table_(table),
        mapping_(mapping),
        stored_(stored),
        options_(options),
        errors_(table.header, mapping),
        department_names_(NamesByCode(stored.departments)),
        site_names_(NamesByCode(stored.sites)),
        departments_(ReferenceIndex(stored.departments), department_names_),
        sites_(ReferenceIndex(stored.sites), site_names_) {
    for (const Site& s : stored.sites) site_time_zone_.emplace(s.code, s.time_zone);
  }

  ImportPlan Run() {
    plan_.mapping = mapping_;
    plan_.headers = table_.header;
    ReportFileProblems();
    ReadRows();
    CheckRepeatedKeys();
    CheckStoredEmails();
    CheckManagers();
    CheckManagementCycles();
    plan_.departments = departments_.TakeUses();
    plan_.sites = sites_.TakeUses();
    CollectNewReferences();
    plan_.error_count = errors_.total();
    plan_.errors = errors_.Take();
    if (!plan_.errors.empty()) return std::move(plan_);
    PlanRows();
    VacateMovedEmails();
    if (options_.full) MarkMissingPeopleLeft();
    ListUnconfirmed();
    return std::move(plan_);
  }

 private:
  int Column(ImportField f) const { return mapping_.column_of[static_cast<std::size_t>(f)]; }

  // Phase 1: the mapping's and the CSV text's problems; a full import of no rows.
  void ReportFileProblems() {
    for (const MappingIssue& issue : mapping_.issues) {
      errors_.AddAtColumn(issue.column >= 0 ? 1 : 0, issue.column, issue.field, issue.code,
                          issue.message);
    }
    for (const CsvIssue& issue : table_.issues) {
      std::string field;
      if (issue.column >= 0 && static_cast<std::size_t>(issue.column) < mapping_.columns.size() &&
          mapping_.columns[static_cast<std::size_t>(issue.column)].field) {
        field = ImportFieldName(*mapping_.columns[static_cast<std::size_t>(issue.column)].field);
      }
      errors_.AddAtColumn(issue.code == "empty_file" ? 0 : issue.row, issue.column, field,
                          issue.code, issue.message);
    }
    // Issues beyond the listed ones come after them in the file: counted, never listed.
    errors_.CountUnlisted(table_.issue_count - static_cast<int64_t>(table_.issues.size()));
    if (options_.full && table_.rows.empty() && !table_.header.empty()) {
      errors_.AddAtColumn(0, -1, "", "no_rows",
                          "the file has no rows: a full import of it would mark everyone as left");
    }
  }

  // Phase 2: each row read into a record, field by field, and its date left checked. Records
  // are kept only as long as no problem is found.
  void ReadRows() {
    keys_.reserve(table_.rows.size());
    for (const CsvRecord& csv : table_.rows) {
      RowKeys& keys = keys_.emplace_back();
      keys.row = csv.row;
      if (csv.unterminated) continue;  // its text could not be read reliably
      if (csv.field_count != table_.header.size()) {
        errors_.AddAtColumn(csv.row, -1, "", "ragged_row",
                            "the row has " + std::to_string(csv.field_count) +
                                " fields but the header has " +
                                std::to_string(table_.header.size()));
        continue;
      }
      ReadRow out;
      ReadIdentity(csv, out.record);
      ReadPlacement(csv, out.record);
      ReadJob(csv, out.record);
      ReadLanguages(csv, out.record);
      ReadAttributes(csv, out);
      CheckLeavingDate(csv.row, out.record);
      keys.employee_id = out.record.employee_id;
      keys.email = out.record.email;
      keys.manager_employee_id = out.record.manager_employee_id;
      if (errors_.empty()) {
        read_.push_back(std::move(out));
      } else if (!read_.empty()) {
        read_ = {};
      }
    }
  }

  std::string_view Get(const CsvRecord& csv, ImportField f) const {
    const int c = Column(f);
    return c < 0 ? std::string_view() : Trim(table_.Field(csv, static_cast<std::size_t>(c)));
  }
  // Whether the field is mapped and given; a mapped required field left empty is reported.
  bool Required(const CsvRecord& csv, ImportField f) {
    if (Column(f) < 0) return false;
    if (!Get(csv, f).empty()) return true;
    errors_.Add(csv.row, f, "missing_field", std::string(ImportFieldName(f)) + " is required");
    return false;
  }
  void Text(const CsvRecord& csv, ImportField f, std::size_t max_bytes, std::string& into) {
    if (!Required(csv, f)) return;
    const std::string_view value = Get(csv, f);
    if (!IsValidText(value, max_bytes)) {
      errors_.Add(csv.row, f, "bad_text",
                  std::string(ImportFieldName(f)) + " must be at most " +
                      std::to_string(max_bytes) +
                      " bytes of UTF-8 text without control characters");
      return;
    }
    into.assign(value);
  }

  void ReadIdentity(const CsvRecord& csv, PersonRecord& p) {
    if (Required(csv, ImportField::kEmployeeId)) {
      const std::string_view id = Get(csv, ImportField::kEmployeeId);
      if (!IsValidKey(id)) {
        errors_.Add(
            csv.row, ImportField::kEmployeeId, "bad_employee_id",
            "employee id " + Quote(id) + " must be 1 to 64 of the characters A-Z a-z 0-9 . _ -");
      } else {
        p.employee_id.assign(id);
      }
    }
    Text(csv, ImportField::kFirstName, kMaxNameBytes, p.first_name);
    Text(csv, ImportField::kLastName, kMaxNameBytes, p.last_name);
    if (Required(csv, ImportField::kEmail)) {
      const std::string_view email = Get(csv, ImportField::kEmail);
      if (!IsValidEmail(email)) {
        errors_.Add(csv.row, ImportField::kEmail, "bad_email",
                    "email " + Quote(email) + " is not a valid address");
      } else {
        p.email.assign(email);
      }
    }
  }

  // Department, site and time zone: names or codes, matched or new.
  void ReadPlacement(const CsvRecord& csv, PersonRecord& p) {
    if (const std::string_view value = Get(csv, ImportField::kDepartment); !value.empty()) {
      const auto& resolved = departments_.Resolve(value);
      if (ReportReference(csv, ImportField::kDepartment, "department", value, resolved)) {
        p.department = resolved.code;
      }
    }
    bool site_known = false;
    if (const std::string_view value = Get(csv, ImportField::kSite); !value.empty()) {
      const auto& resolved = sites_.Resolve(value);
      if (ReportReference(csv, ImportField::kSite, "site", value, resolved)) {
        p.site = resolved.code;
        site_known = true;
      }
    }
    const auto site_zone = site_known ? site_time_zone_.find(p.site) : site_time_zone_.end();
    if (const std::string_view tz = Get(csv, ImportField::kTimeZone); !tz.empty()) {
      if (!IsValidTimeZoneName(tz)) {
        errors_.Add(
            csv.row, ImportField::kTimeZone, "bad_time_zone",
            "time zone " + Quote(tz) + " is not an IANA time zone name such as \"Europe/Paris\"");
      } else {
        p.time_zone.assign(tz);
        // A new site takes the time zone of the first row that names it.
        if (site_known) site_time_zone_.emplace(p.site, p.time_zone);
      }
    } else if (site_zone != site_time_zone_.end()) {
      p.time_zone = site_zone->second;
    } else {
      errors_.Add(csv.row, ImportField::kTimeZone, "missing_field",
                  "time_zone is required when the site is not a known one");
    }
  }

  // Reports a department or site value that cannot be used; true when it can.
  bool ReportReference(const CsvRecord& csv, ImportField field, std::string_view what,
                       std::string_view value, const ReferenceResolver::Resolved& resolved) {
    using Problem = ReferenceResolver::Problem;
    const std::string code = std::string("bad_") + std::string(what);
    switch (resolved.problem) {
      case Problem::kNone:
        return true;
      case Problem::kAmbiguous:
        errors_.Add(csv.row, field, code,
                    std::string(what) + " " + Quote(value) + " names several " + std::string(what) +
                        "s; give the code");
        return false;
      case Problem::kBadName:
        errors_.Add(csv.row, field, code,
                    std::string(what) + " " + Quote(value) +
                        " is not a known one, nor a name for a new one (at most " +
                        std::to_string(kMaxTitleBytes) +
                        " bytes of text without control characters)");
        return false;
      case Problem::kTooManyNew:
        errors_.Add(csv.row, field, "too_many_new",
                    "more than " + std::to_string(kMaxNewReferences) + " new " + std::string(what) +
                        "s: is this column really the " + std::string(what) + "?");
        return false;
    }
    return false;
  }

  void ReadJob(const CsvRecord& csv, PersonRecord& p) {
    Text(csv, ImportField::kJobTitle, kMaxTitleBytes, p.job_title);
    if (Required(csv, ImportField::kLevel)) {
      const std::string_view level = Get(csv, ImportField::kLevel);
      if (auto value = ParseLevel(level)) {
        p.level = *value;
      } else {
        errors_.Add(csv.row, ImportField::kLevel, "bad_level",
                    "level " + Quote(level) + " is not a whole number from " +
                        std::to_string(kMinLevel) + " to " + std::to_string(kMaxLevel));
      }
    }
    if (const std::string_view manager = Get(csv, ImportField::kManagerEmployeeId);
        !manager.empty()) {
      if (!IsValidKey(manager)) {
        errors_.Add(csv.row, ImportField::kManagerEmployeeId, "unknown_manager",
                    "manager " + Quote(manager) + " is not a valid employee id");
      } else if (!p.employee_id.empty() && manager == p.employee_id) {
        errors_.Add(csv.row, ImportField::kManagerEmployeeId, "management_cycle",
                    "a person cannot be their own manager");
      } else {
        p.manager_employee_id.assign(manager);
      }
    }
    if (Required(csv, ImportField::kHireDate)) {
      const std::string_view hire = Get(csv, ImportField::kHireDate);
      if (auto date = ParseIsoDate(hire)) {
        p.hire_date = *date;
      } else {
        errors_.Add(csv.row, ImportField::kHireDate, "bad_date",
                    "hire date " + Quote(hire) + " is not an ISO 8601 date (YYYY-MM-DD) between " +
                        std::to_string(kMinYear) + " and " + std::to_string(kMaxYear));
      }
    }
    if (const std::string_view status = Get(csv, ImportField::kStatus); !status.empty()) {
      if (auto value = ParseStatus(status)) {
        p.status = *value;
      } else {
        errors_.Add(csv.row, ImportField::kStatus, "bad_status",
                    "status " + Quote(status) + " is not one of active, leave, left");
      }
    }
  }

  void ReadLanguages(const CsvRecord& csv, PersonRecord& p) {
    const std::string_view languages = Get(csv, ImportField::kLanguages);
    if (languages.empty()) return;
    std::size_t start = 0;
    while (start <= languages.size()) {
      std::size_t end = languages.find(';', start);
      if (end == std::string_view::npos) end = languages.size();
      const std::string code = AsciiLower(Trim(languages.substr(start, end - start)));
      start = end + 1;
      if (code.empty()) continue;
      if (!IsValidLanguageCode(code)) {
        errors_.Add(csv.row, ImportField::kLanguages, "bad_language",
                    "language " + Quote(code) +
                        " is not an ISO 639-1 code such as \"en\" (separate codes with ;)");
      } else if (std::find(p.languages.begin(), p.languages.end(), code) != p.languages.end()) {
        errors_.Add(csv.row, ImportField::kLanguages, "bad_language",
                    "language " + Quote(code) + " is repeated");
      } else {
        p.languages.push_back(code);
      }
    }
    if (p.languages.size() > kMaxLanguages) {
      errors_.Add(csv.row, ImportField::kLanguages, "bad_language",
                  "more than " + std::to_string(kMaxLanguages) + " languages");
    }
  }

  void ReadAttributes(const CsvRecord& csv, ReadRow& out) {
    for (std::size_t c = 0; c < table_.header.size(); ++c) {
      const std::string& name = mapping_.columns[c].attribute;
      if (name.empty()) continue;
      const std::string_view value = Trim(table_.Field(csv, c));
      if (!value.empty() && !IsValidText(value, kMaxAttributeValueBytes)) {
        errors_.AddAtColumn(csv.row, static_cast<int>(c), ColumnFieldName(mapping_.columns[c]),
                            "bad_text",
                            name + " must be at most " + std::to_string(kMaxAttributeValueBytes) +
                                " bytes of UTF-8 text without control characters");
        continue;
      }
      out.attributes.emplace_back(name, std::string(value));
    }
  }

  // Phase 3: employee ids and emails repeated within the file.
  void CheckRepeatedKeys() {
    std::unordered_map<std::string, int> row_of_email;
    row_of_id_.reserve(keys_.size());
    row_of_email.reserve(keys_.size());
    for (const RowKeys& p : keys_) {
      const RowKeys& row = p;
      if (!p.employee_id.empty()) {
        auto [it, inserted] = row_of_id_.emplace(p.employee_id, row.row);
        if (!inserted) {
          errors_.Add(row.row, ImportField::kEmployeeId, "duplicate_id",
                      "employee id " + Quote(p.employee_id) + " is also on row " +
                          std::to_string(it->second));
        }
      }
      if (!p.email.empty()) {
        auto [it, inserted] = row_of_email.emplace(AsciiLower(p.email), row.row);
        if (!inserted) {
          errors_.Add(row.row, ImportField::kEmail, "duplicate_email",
                      "email " + Quote(p.email) + " is also on row " + std::to_string(it->second));
        }
      }
    }
  }

  // Phase 4: addresses kept by stored people the file does not name.
  void CheckStoredEmails() {
    std::unordered_map<std::string, const Person*> stored_by_email;
    stored_by_email.reserve(stored_.people.size());
    for (const auto& [id, person] : stored_.people) {
      stored_by_email.emplace(AsciiLower(person.email), &person);
    }
    for (const RowKeys& p : keys_) {
      const RowKeys& row = p;
      if (p.email.empty()) continue;
      auto it = stored_by_email.find(AsciiLower(p.email));
      if (it == stored_by_email.end() || it->second->employee_id == p.employee_id) continue;
      const Person& owner = *it->second;
      // An owner named by the file keeps the address only if their row repeats it, which
      // CheckRepeatedKeys already reports.
      if (row_of_id_.contains(owner.employee_id)) continue;
      errors_.Add(
          row.row, ImportField::kEmail, "duplicate_email",
          "email " + Quote(p.email) + " belongs to " + owner.employee_id + " in the directory");
    }
  }

  // Phase 5: managers are in the file or stored.
  void CheckManagers() {
    for (const RowKeys& row : keys_) {
      const std::string& manager = row.manager_employee_id;
      if (manager.empty() || row_of_id_.contains(manager) || stored_.people.contains(manager)) {
        continue;
      }
      errors_.Add(row.row, ImportField::kManagerEmployeeId, "unknown_manager",
                  "manager " + Quote(manager) + " is neither in the file nor in the directory");
    }
  }

  // Phase 6: no management chain loops once the file's links replace the stored ones.
  void CheckManagementCycles() {
    std::unordered_map<std::string_view, std::string_view> manager_of;
    manager_of.reserve(stored_.people.size() + keys_.size());
    for (const auto& [id, person] : stored_.people) {
      if (!person.manager_employee_id.empty()) manager_of[id] = person.manager_employee_id;
    }
    for (const RowKeys& p : keys_) {
      if (p.employee_id.empty()) continue;
      if (p.manager_employee_id.empty()) {
        manager_of.erase(p.employee_id);
      } else {
        manager_of[p.employee_id] = p.manager_employee_id;
      }
    }
    // Out-degree is at most one: a walk ends, meets a person known safe, or comes back onto
    // itself (a cycle: the walk from there on).
    enum : uint8_t { kOnWalk = 1, kSafe = 2 };
    std::unordered_map<std::string_view, uint8_t> state;
    state.reserve(manager_of.size());
    std::unordered_set<std::string_view> on_cycle;
    std::vector<std::string_view> walk;
    for (const RowKeys& row : keys_) {
      if (row.employee_id.empty()) continue;
      std::string_view at = row.employee_id;
      if (state.contains(at)) continue;
      walk.clear();
      while (true) {
        auto s = state.find(at);
        if (s != state.end()) {
          if (s->second == kOnWalk) {
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
    if (on_cycle.empty()) return;
    for (const RowKeys& p : keys_) {
      const RowKeys& row = p;
      if (p.employee_id.empty() || !on_cycle.contains(p.employee_id)) continue;
      // Name the loop from this person.
      std::string loop = p.employee_id;
      std::string_view k = manager_of[p.employee_id];
      for (int shown = 0; shown < 10 && k != p.employee_id; ++shown) {
        loop += " -> " + std::string(k);
        k = manager_of[k];
      }
      loop += k == p.employee_id ? " -> " + p.employee_id : " -> ...";
      errors_.Add(row.row, ImportField::kManagerEmployeeId, "management_cycle",
                  "management cycle: " + loop);
    }
  }

  // A person who left has a date left ("left" keeps a stored one, or takes today), not before
  // their hire date.
  void CheckLeavingDate(int row, PersonRecord& p) {
    if (p.status != EmploymentStatus::kLeft || !p.hire_date.ok()) return;
    auto s = stored_.people.find(p.employee_id);
    const bool already_left = s != stored_.people.end() &&
                              s->second.status == EmploymentStatus::kLeft && s->second.left_date;
    p.left_date = already_left ? *s->second.left_date : options_.today;
    if (std::chrono::sys_days(*p.left_date) < std::chrono::sys_days(p.hire_date)) {
      errors_.Add(row, ImportField::kHireDate, "bad_date",
                  "status is left (on " + FormatDate(*p.left_date) + ") but hire_date " +
                      FormatDate(p.hire_date) + " is later");
    }
  }

  void CollectNewReferences() {
    for (const auto& [code, name] : departments_.created()) {
      plan_.new_departments.push_back(NewDepartment(code, name));
    }
    for (const auto& [code, name] : sites_.created()) {
      auto zone = site_time_zone_.find(code);
      plan_.new_sites.push_back(
          NewSite(code, name, zone == site_time_zone_.end() ? "" : zone->second));
    }
  }

  // Phase 7: the changes of a file without problems: new departments and sites, each row's
  // outcome and events, the reporting attributes of every row.
  void PlanRows() {
    // Without problems every row was read and kept, in file order.
    for (const ReadRow& row : read_) {
      for (const auto& [name, value] : row.attributes) {
        plan_.changes.attributes.push_back({row.record.employee_id, name, value});
      }
    }
    plan_.changes.departments = plan_.new_departments;
    plan_.changes.sites = plan_.new_sites;
    plan_.rows.reserve(read_.size());
    for (std::size_t i = 0; i < read_.size(); ++i) {
      PersonRecord& p = read_[i].record;
      const int row = keys_[i].row;
      RowOutcome outcome{row, p.employee_id, RowAction::kCreate, {}};
      auto s = stored_.people.find(p.employee_id);
      if (s == stored_.people.end()) {
        ++plan_.counts.create;
        plan_.changes.events.push_back({p.employee_id, PersonEventKind::kHire, p.hire_date,
                                        std::nullopt, p.level, "", p.job_title});
        if (p.status == EmploymentStatus::kLeft) AddExit(p, *p.left_date);
      } else {
        const PersonRecord& before = s->second;
        if (before == p) {
          outcome.action = RowAction::kUnchanged;
          ++plan_.counts.unchanged;
          plan_.rows.push_back(std::move(outcome));
          continue;
        }
        outcome.action = RowAction::kUpdate;
        outcome.changed_fields = ChangedFields(before, p);
        ++plan_.counts.update;
        if (p.level > before.level) {
          plan_.changes.events.push_back({p.employee_id, PersonEventKind::kPromotion,
                                          options_.today, before.level, p.level, before.job_title,
                                          p.job_title});
        } else if (p.level != before.level || p.job_title != before.job_title) {
          plan_.changes.events.push_back({p.employee_id, PersonEventKind::kTitleChange,
                                          options_.today, before.level, p.level, before.job_title,
                                          p.job_title});
        }
        if (p.status == EmploymentStatus::kLeft && before.status != EmploymentStatus::kLeft) {
          AddExit(p, *p.left_date);
        }
      }
      plan_.rows.push_back(std::move(outcome));
      plan_.change_rows.push_back(row);
      plan_.changes.people.push_back(std::move(p));
    }
  }

  void AddExit(const PersonRecord& p, Date date) {
    plan_.changes.events.push_back(
        {p.employee_id, PersonEventKind::kExit, date, p.level, std::nullopt, p.job_title, ""});
  }

  // Addresses that move from one stored person to another are vacated first.
  void VacateMovedEmails() {
    std::unordered_map<std::string, const std::string*> new_owner;  // lower email -> id
    for (const PersonRecord& p : plan_.changes.people) {
      new_owner.emplace(AsciiLower(p.email), &p.employee_id);
    }
    for (const PersonRecord& p : plan_.changes.people) {
      auto s = stored_.people.find(p.employee_id);
      if (s == stored_.people.end()) continue;
      const std::string old_email = AsciiLower(s->second.email);
      if (old_email == AsciiLower(p.email)) continue;
      auto owner = new_owner.find(old_email);
      if (owner == new_owner.end() || *owner->second == p.employee_id) continue;
      PersonRecord vacate = s->second;
      vacate.email = VacatedEmail(p.employee_id);
      plan_.email_vacates.push_back(std::move(vacate));
    }
  }

  // A full import: stored people missing from the file leave today (or on their hire date,
  // when hired in the future).
  void MarkMissingPeopleLeft() {
    std::vector<const Person*> missing;
    for (const auto& [id, person] : stored_.people) {
      if (person.status != EmploymentStatus::kLeft && !row_of_id_.contains(id)) {
        missing.push_back(&person);
      }
    }
    std::sort(missing.begin(), missing.end(),
              [](const Person* a, const Person* b) { return a->employee_id < b->employee_id; });
    for (const Person* person : missing) {
      PersonRecord p = *person;
      p.status = EmploymentStatus::kLeft;
      p.left_date = std::chrono::sys_days(options_.today) < std::chrono::sys_days(p.hire_date)
                        ? p.hire_date
                        : options_.today;
      AddExit(p, *p.left_date);
      plan_.marked_left.push_back(p.employee_id);
      plan_.changes.people.push_back(std::move(p));
      plan_.change_rows.push_back(0);
      ++plan_.counts.mark_left;
    }
  }

  // What the options must confirm before this plan is written.
  void ListUnconfirmed() {
    for (const auto& [id, person] : stored_.people) {
      if (person.status != EmploymentStatus::kLeft) ++plan_.stored_not_left;
    }
    const int64_t left = plan_.counts.mark_left;
    const int64_t of = plan_.stored_not_left;
    if (left > 0 && left * 100 > static_cast<int64_t>(options_.max_left_percent) * of &&
        !options_.confirm_leavers) {
      plan_.unconfirmed.push_back(
          {"confirm_leavers",
           "this full import would mark " + std::to_string(left) + " of " + std::to_string(of) +
               " people (" + Percent(left, of) + ") as left, more than the " +
               std::to_string(options_.max_left_percent) + "% allowed without confirmation"});
    }
    const std::size_t created = plan_.new_departments.size() + plan_.new_sites.size();
    if (created > 0 && !options_.confirm_new) {
      std::string what;
      if (!plan_.new_departments.empty()) {
        what = std::to_string(plan_.new_departments.size()) + " new department(s)";
      }
      if (!plan_.new_sites.empty()) {
        if (!what.empty()) what += " and ";
        what += std::to_string(plan_.new_sites.size()) + " new site(s)";
      }
      plan_.unconfirmed.push_back(
          {"confirm_new", "the file names " + what + " that would be created"});
    }
  }

  const CsvTable& table_;
  const ResolvedMapping& mapping_;
  const StoredDirectory& stored_;
  const PlanOptions& options_;
  Errors errors_;
  const std::unordered_map<std::string, std::string> department_names_;
  const std::unordered_map<std::string, std::string> site_names_;
  ReferenceResolver departments_;
  ReferenceResolver sites_;
  std::unordered_map<std::string, std::string> site_time_zone_;  // code -> time zone
  std::vector<RowKeys> keys_;                                    // one per data row
  std::vector<ReadRow> read_;  // one per data row while no problem is found, then none
  std::unordered_map<std::string, int> row_of_id_;
  ImportPlan plan_;
};

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
  return Planner(table, mapping, stored, options).Run();
}

}  // namespace pairwise::domain::import
