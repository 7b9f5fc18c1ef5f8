// What an import would do: every row checked against the file and the stored directory, every
// problem listed by row and column, and the changes (people created, updated, unchanged, marked
// left; departments and sites created; history events) computed. Pure functions: the service
// feeds them what storage holds and writes what they return.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/people/import/csv.h"
#include "domain/people/import/mapping.h"
#include "domain/people/person.h"

namespace pairwise::domain::import {

// A problem found in the file. `row` is the spreadsheet row (the header is row 1; 0 when about
// the file as a whole), `column` the CSV header concerned (empty for the whole row), `field` the
// directory field. Codes: missing_column, duplicate_mapping, unknown_field, empty_file,
// too_many_columns, bad_header, bad_utf8, bad_quote, unterminated_quote, ragged_row, no_rows,
// missing_field, bad_employee_id, bad_text, bad_email, duplicate_id, duplicate_email,
// bad_department, bad_site, too_many_new, bad_time_zone, bad_level, unknown_manager,
// management_cycle, bad_date, bad_status, bad_language. A reporting attribute's value longer
// than 100 bytes (or with control characters) is bad_text with field "attribute:<name>".
// Messages quote what the file holds with QuoteForMessage: short, one line, control characters
// escaped.
struct ImportError {
  int row = 0;
  std::string column;
  std::string field;
  std::string code;
  std::string message;
  friend bool operator==(const ImportError&, const ImportError&) = default;
};

enum class RowAction { kCreate, kUpdate, kUnchanged };
std::string_view RowActionName(RowAction action);  // "create" | "update" | "unchanged"

struct RowOutcome {
  int row = 0;
  std::string employee_id;
  RowAction action = RowAction::kUnchanged;
  std::vector<std::string> changed_fields;  // kUpdate: the fields that differ, in field order
};

struct ImportCounts {
  int64_t create = 0;
  int64_t update = 0;
  int64_t unchanged = 0;
  int64_t mark_left = 0;
  friend bool operator==(const ImportCounts&, const ImportCounts&) = default;
};

// A department or site value as the file writes it, and what it was taken for.
struct NamedReference {
  std::string value;    // as written (trimmed); each distinct value once, in file order
  std::string code;     // the stored department's (site's) code, or the new one's
  std::string name;     // the stored name, or `value` for a new one
  bool is_new = false;  // no stored department (site) has this code or name
  int64_t rows = 0;     // how many rows name it
};

// What the admin must confirm before an import writes. `code` is the option that confirms it:
// "confirm_leavers" (a full import marks more than PlanOptions::max_left_percent of the people
// as left) or "confirm_new" (the file names departments or sites that do not exist yet).
struct Confirmation {
  std::string code;
  std::string message;  // what would happen, in plain words; callers add how to confirm
  friend bool operator==(const Confirmation&, const Confirmation&) = default;
};

struct ImportPlan {
  ResolvedMapping mapping;
  std::vector<std::string> headers;
  // The first kMaxListedProblems problems, by row then column order; error_count counts all.
  std::vector<ImportError> errors;
  int64_t error_count = 0;
  // The department and site values the file uses, matched or new (rows that could be read).
  std::vector<NamedReference> departments;
  std::vector<NamedReference> sites;
  // The departments and sites the import would create (is_new above).
  std::vector<Department> new_departments;
  std::vector<Site> new_sites;
  // Only meaningful when errors is empty:
  std::vector<RowOutcome> rows;          // one per valid data row, in file order
  std::vector<std::string> marked_left;  // full import: stored people missing from the file
  ImportCounts counts;
  int64_t stored_not_left = 0;  // people stored and not left before the import
  // What PlanOptions did not confirm; the import writes only when this is empty too.
  std::vector<Confirmation> unconfirmed;
  // What to write: new reference data, created/updated/marked-left people and their events, and
  // the reporting attributes of every row of the file, unchanged ones too (an empty value
  // removes a stored one; a column left out of the file leaves stored values as they are).
  Directory changes;
  // For each changes.people[i], the spreadsheet row it came from (0: marked left).
  std::vector<int> change_rows;
  // Stored people whose address another person of the file takes over (two people swapping
  // addresses, or one taking a colleague's old one): written first with a placeholder address
  // (VacatedEmail), in the same transaction, so that no write meets the address still taken.
  std::vector<PersonRecord> email_vacates;
};

// The placeholder address of a person whose address moves to someone else during an import:
// "<employee_id>@vacated.import.invalid" (".invalid" is reserved: it is nobody's address).
std::string VacatedEmail(std::string_view employee_id);

// The stored directory the plan compares against.
struct StoredDirectory {
  std::unordered_map<std::string, Person> people;  // by employee id
  std::vector<Department> departments;
  std::vector<Site> sites;
};

// A full import that would mark more than this share of the people stored (and not left) as
// left needs confirming: an export cut short, or the wrong file, must not empty the directory.
inline constexpr int kDefaultMaxLeftPercent = 10;
// More new departments (or sites) than this in one file is an error: the column is most likely
// not the department (site) at all.
inline constexpr std::size_t kMaxNewReferences = 1000;

struct PlanOptions {
  bool full = false;  // people stored but missing from the file are marked left
  Date today{};       // the import day: dates left and events
  int max_left_percent = kDefaultMaxLeftPercent;  // 0..100
  bool confirm_leavers = false;  // a full import may mark more than max_left_percent as left
  bool confirm_new = false;      // the new departments and sites may be created
};

// Checks every row of `table` mapped by `mapping` and computes the changes against `stored`.
//
// Rules (beyond each field's syntax):
// - upsert by employee id; a row equal to what is stored is unchanged and not written;
// - department and site values are matched against stored codes, then, ignoring case and
//   accents, stored codes and names (ReferenceIndex); a value matching none is a new department
//   or site named after it (NewDepartment, NewSite; a site's time zone is that of the first row
//   naming it), created only when options.confirm_new — otherwise "confirm_new" is unconfirmed;
// - a full import of a file without rows is an error (it would mark everyone left); one that
//   marks more than options.max_left_percent of the people as left is unconfirmed
//   ("confirm_leavers") unless options.confirm_leavers;
// - time_zone may be empty when the site is known: the site's time zone is used;
// - status defaults to active; "left" keeps a stored left date or takes `today`;
// - a level rise records a promotion, any other level or title change a title_change, a new
//   person a hire (on the hire date), leaving (from the file or a full import) an exit, all
//   dated `today` except the hire;
// - the manager must be in the file or stored, and no management chain may loop once the file
//   is applied over what is stored (people the file does not name keep their stored manager).
ImportPlan PlanImport(const CsvTable& table, const ResolvedMapping& mapping,
                      const StoredDirectory& stored, const PlanOptions& options);

}  // namespace pairwise::domain::import
