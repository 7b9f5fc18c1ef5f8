// Which CSV column fills which directory field. Standard headers map to themselves; the
// headers real HRIS exports use ("Employee Number", "Work Email", "Legal First Name",
// "Manager ID", "Start Date", "Location", "Grade", ...) are suggested from synonyms; an admin's
// choices are saved (ImportMappingRepository) and win over suggestions on the next upload.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace pairwise::domain::import {

enum class ImportField {
  kEmployeeId,
  kFirstName,
  kLastName,
  kEmail,
  kDepartment,
  kSite,
  kTimeZone,
  kJobTitle,
  kLevel,
  kManagerEmployeeId,
  kHireDate,
  kStatus,
  kLanguages,
};
inline constexpr std::size_t kImportFieldCount = 13;
inline constexpr std::array<ImportField, kImportFieldCount> kAllImportFields = {
    ImportField::kEmployeeId, ImportField::kFirstName,
    ImportField::kLastName,   ImportField::kEmail,
    ImportField::kDepartment, ImportField::kSite,
    ImportField::kTimeZone,   ImportField::kJobTitle,
    ImportField::kLevel,      ImportField::kManagerEmployeeId,
    ImportField::kHireDate,   ImportField::kStatus,
    ImportField::kLanguages};

// The standard column name: "employee_id", "manager_employee_id", ...
std::string_view ImportFieldName(ImportField field);
std::optional<ImportField> ParseImportField(std::string_view name);
// Fields every file must map: employee_id, first_name, last_name, email, job_title, level,
// hire_date. The others may be absent (status then defaults to active, time_zone to the site's).
bool IsRequiredField(ImportField field);

// A column may instead fill an optional reporting attribute (ReportingAttribute, shown only in
// aggregate): its field is "attribute:<name>", the name 1 to 40 bytes of [a-z0-9_]. A header
// written that way ("attribute:gender", any case) maps to itself.
inline constexpr std::string_view kAttributeFieldPrefix = "attribute:";
// The name in an "attribute:<name>" field; nullopt when `field` is not one or the name is bad.
std::optional<std::string> ParseAttributeField(std::string_view field);

// How a header compares: lower case, letters and digits only ("Work E-mail" -> "workemail").
std::string NormalizeHeader(std::string_view header);

// One saved choice: the header as the admin saw it and the field name, or "" to ignore it.
struct SavedMappingEntry {
  std::string header;
  std::string field;
  friend bool operator==(const SavedMappingEntry&, const SavedMappingEntry&) = default;
};

// Checks and tidies a mapping before it is saved: each field a standard name, an attribute
// field or "", each
// header non-empty text; a header repeated (after NormalizeHeader) keeps its last entry.
// InvalidArgument naming the entry ("mapping.Work Email") otherwise. Order kept.
Result<std::vector<SavedMappingEntry>> NormalizeMapping(std::span<const SavedMappingEntry> entries);

// Overlays `changes` on `saved` (entries with the same normalized header are replaced).
std::vector<SavedMappingEntry> MergeMapping(std::span<const SavedMappingEntry> saved,
                                            std::span<const SavedMappingEntry> changes);

// Where a column's field came from.
enum class MappingSource { kOverride, kSaved, kStandard, kSynonym, kNone };
std::string_view MappingSourceName(MappingSource source);  // "override", "saved", ...

struct ColumnMapping {
  std::string header;
  std::optional<ImportField> field;  // nullopt: the column is ignored or is an attribute
  std::string attribute;             // not empty: the reporting attribute the column fills
  MappingSource source = MappingSource::kNone;
};

// The column's field as the mapping names it: "email", "attribute:gender", or "" when ignored.
std::string ColumnFieldName(const ColumnMapping& column);

// A problem with the mapping itself (two columns for one field, an unknown field name).
struct MappingIssue {
  int column = -1;  // 0-based; -1 when about the file as a whole
  std::string header;
  std::string field;
  std::string code;  // "duplicate_mapping" | "unknown_field" | "missing_column"
  std::string message;
};

struct ResolvedMapping {
  std::vector<ColumnMapping> columns;         // one per header, in file order
  std::vector<std::string> unmapped_headers;  // neither a field nor an attribute
  std::vector<std::string> missing_fields;    // required fields no column fills
  std::vector<MappingIssue> issues;           // when not empty, the file cannot be imported
  // For each ImportField (by its enum value), the column that fills it, or -1.
  std::array<int, kImportFieldCount> column_of{};
};

// Decides each header's field: `overrides` first (this upload's explicit choices, including ""
// to ignore a column), then `saved`, then the standard names, then synonyms. A suggestion never
// takes a field another column already has; an explicit choice (override or saved) that does is
// a "duplicate_mapping" issue. An override naming no standard field is "unknown_field".
ResolvedMapping ResolveMapping(std::span<const std::string> headers,
                               std::span<const SavedMappingEntry> saved,
                               std::span<const SavedMappingEntry> overrides);

}  // namespace pairwise::domain::import
