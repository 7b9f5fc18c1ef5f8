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
// bad_utf8, bad_quote, unterminated_quote, ragged_row, missing_field, bad_employee_id,
// bad_text, bad_email, duplicate_id, duplicate_email, bad_department, bad_site, bad_time_zone,
// bad_level, unknown_manager, management_cycle, bad_date, bad_status, bad_language. A reporting
// attribute's value longer than 100 bytes (or with control characters) is bad_text with field
// "attribute:<name>".
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

struct ImportPlan {
  ResolvedMapping mapping;
  std::vector<std::string> headers;
  std::vector<ImportError> errors;  // all of them, by row then column order
  // Only meaningful when errors is empty:
  std::vector<RowOutcome> rows;          // one per valid data row, in file order
  std::vector<std::string> marked_left;  // full import: stored people missing from the file
  std::vector<std::string> new_departments;
  std::vector<std::string> new_sites;
  ImportCounts counts;
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

struct PlanOptions {
  bool full = false;  // people stored but missing from the file are marked left
  Date today{};       // the import day: dates left and events
};

// Checks every row of `table` mapped by `mapping` and computes the changes against `stored`.
//
// Rules (beyond each field's syntax):
// - upsert by employee id; a row equal to what is stored is unchanged and not written;
// - departments as DepartmentResolver resolves them (by code, then name; any other name is a
//   new department, created); site values are matched against stored codes, then (ignoring
//   case) stored names, a value matching neither is a new code and the site is created from it
//   (name = code, its time zone that of the first row naming it, its country "ZZ", unknown) —
//   both listed in new_departments/new_sites so the preview shows them;
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
