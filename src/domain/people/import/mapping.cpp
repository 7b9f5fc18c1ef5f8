#include "domain/people/import/mapping.h"

#include <unordered_map>

#include "common/text.h"
#include "domain/people/directory_validation.h"

namespace pairwise::domain::import {

namespace {

struct Synonyms {
  ImportField field;
  std::vector<std::string_view> headers;  // normalized
};

// Headers seen in common HRIS exports (Workday, BambooHR, SAP SuccessFactors, HiBob, Personio),
// normalized. Order matters only within a field.
const std::vector<Synonyms>& SynonymTable() {
  static const std::vector<Synonyms> table = {
      {ImportField::kEmployeeId,
       {"employeeid", "employeenumber", "employeeno", "empid", "empno", "employeecode", "workerid",
        "personid", "personnelnumber", "staffid", "staffnumber", "employee", "id"}},
      {ImportField::kFirstName,
       {"firstname", "legalfirstname", "givenname", "forename", "preferredfirstname",
        "preferredname"}},
      {ImportField::kLastName,
       {"lastname", "legallastname", "surname", "familyname", "preferredlastname"}},
      {ImportField::kEmail,
       {"email", "workemail", "emailaddress", "workemailaddress", "businessemail", "primaryemail",
        "companyemail", "mail"}},
      {ImportField::kDepartment,
       {"department", "departmentcode", "dept", "deptcode", "departmentid", "orgunit",
        "organizationunit", "organisationunit", "costcenter", "costcentre", "team"}},
      {ImportField::kSite,
       {"site", "sitecode", "location", "locationcode", "worklocation", "office", "officecode",
        "worksite"}},
      {ImportField::kTimeZone, {"timezone", "tz", "worktimezone", "timezonename"}},
      {ImportField::kJobTitle,
       {"jobtitle", "title", "businesstitle", "position", "positiontitle", "jobname", "job"}},
      {ImportField::kLevel,
       {"level", "grade", "joblevel", "jobgrade", "paygrade", "band", "careerlevel", "seniority",
        "senioritylevel"}},
      {ImportField::kManagerEmployeeId,
       {"manageremployeeid", "managerid", "manageremployeenumber", "managernumber", "supervisorid",
        "supervisoremployeeid", "linemanagerid", "reportsto", "reportstoid", "managerworkerid",
        "manager"}},
      {ImportField::kHireDate,
       {"hiredate", "startdate", "dateofhire", "originalhiredate", "joindate", "joiningdate",
        "employmentstartdate", "datehired", "datejoined"}},
      {ImportField::kStatus, {"status", "employmentstatus", "employeestatus", "workerstatus"}},
      {ImportField::kLanguages, {"languages", "language", "spokenlanguages", "languagecodes"}},
  };
  return table;
}

}  // namespace

std::string_view ImportFieldName(ImportField field) {
  switch (field) {
    case ImportField::kEmployeeId:
      return "employee_id";
    case ImportField::kFirstName:
      return "first_name";
    case ImportField::kLastName:
      return "last_name";
    case ImportField::kEmail:
      return "email";
    case ImportField::kDepartment:
      return "department";
    case ImportField::kSite:
      return "site";
    case ImportField::kTimeZone:
      return "time_zone";
    case ImportField::kJobTitle:
      return "job_title";
    case ImportField::kLevel:
      return "level";
    case ImportField::kManagerEmployeeId:
      return "manager_employee_id";
    case ImportField::kHireDate:
      return "hire_date";
    case ImportField::kStatus:
      return "status";
    case ImportField::kLanguages:
      return "languages";
  }
  return "employee_id";
}

std::optional<ImportField> ParseImportField(std::string_view name) {
  for (ImportField field : kAllImportFields) {
    if (ImportFieldName(field) == name) return field;
  }
  return std::nullopt;
}

bool IsRequiredField(ImportField field) {
  switch (field) {
    case ImportField::kEmployeeId:
    case ImportField::kFirstName:
    case ImportField::kLastName:
    case ImportField::kEmail:
    case ImportField::kJobTitle:
    case ImportField::kLevel:
    case ImportField::kHireDate:
      return true;
    default:
      return false;
  }
}

std::string NormalizeHeader(std::string_view header) {
  std::string out;
  out.reserve(header.size());
  for (char c : header) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::string> ParseAttributeField(std::string_view field) {
  if (!field.starts_with(kAttributeFieldPrefix)) return std::nullopt;
  const std::string_view name = field.substr(kAttributeFieldPrefix.size());
  if (!IsValidAttributeName(name)) return std::nullopt;
  return std::string(name);
}

std::string ColumnFieldName(const ColumnMapping& column) {
  if (column.field) return std::string(ImportFieldName(*column.field));
  if (!column.attribute.empty()) return std::string(kAttributeFieldPrefix) + column.attribute;
  return "";
}

std::string_view MappingSourceName(MappingSource source) {
  switch (source) {
    case MappingSource::kOverride:
      return "override";
    case MappingSource::kSaved:
      return "saved";
    case MappingSource::kStandard:
      return "standard";
    case MappingSource::kSynonym:
      return "synonym";
    case MappingSource::kNone:
      return "none";
  }
  return "none";
}

Result<std::vector<SavedMappingEntry>> NormalizeMapping(
    std::span<const SavedMappingEntry> entries) {
  constexpr std::size_t kMaxEntries = 500;
  if (entries.size() > kMaxEntries) {
    return Status::InvalidArgument(
        "a mapping has at most " + std::to_string(kMaxEntries) + " headers", "mapping");
  }
  std::vector<SavedMappingEntry> out;
  std::unordered_map<std::string, std::size_t> position;
  for (const SavedMappingEntry& entry : entries) {
    const std::string field_name = "mapping." + entry.header;
    if (!IsValidText(entry.header, 200) || NormalizeHeader(entry.header).empty()) {
      return Status::InvalidArgument(
          "a header must be 1 to 200 bytes of text with at least one letter or digit", field_name);
    }
    if (!entry.field.empty() && !ParseImportField(entry.field) &&
        !ParseAttributeField(entry.field)) {
      return Status::InvalidArgument("\"" + entry.field +
                                         "\" is not a directory field (employee_id, first_name, "
                                         "last_name, email, department, site, time_zone, "
                                         "job_title, level, manager_employee_id, hire_date, "
                                         "status, languages), nor \"attribute:<name>\" (a-z, "
                                         "0-9 and _), nor \"\" to ignore the column",
                                     field_name);
    }
    const std::string key = NormalizeHeader(entry.header);
    if (auto it = position.find(key); it != position.end()) {
      out[it->second] = entry;
    } else {
      position.emplace(key, out.size());
      out.push_back(entry);
    }
  }
  return out;
}

std::vector<SavedMappingEntry> MergeMapping(std::span<const SavedMappingEntry> saved,
                                            std::span<const SavedMappingEntry> changes) {
  std::vector<SavedMappingEntry> out(saved.begin(), saved.end());
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < out.size(); ++i) position.emplace(NormalizeHeader(out[i].header), i);
  for (const SavedMappingEntry& change : changes) {
    const std::string key = NormalizeHeader(change.header);
    if (auto it = position.find(key); it != position.end()) {
      out[it->second] = change;
    } else {
      position.emplace(key, out.size());
      out.push_back(change);
    }
  }
  return out;
}

ResolvedMapping ResolveMapping(std::span<const std::string> headers,
                               std::span<const SavedMappingEntry> saved,
                               std::span<const SavedMappingEntry> overrides) {
  ResolvedMapping result;
  result.column_of.fill(-1);
  std::unordered_map<std::string, const SavedMappingEntry*> saved_by_key, override_by_key;
  for (const SavedMappingEntry& e : saved) saved_by_key[NormalizeHeader(e.header)] = &e;
  for (const SavedMappingEntry& e : overrides) override_by_key[NormalizeHeader(e.header)] = &e;

  const std::size_t n = headers.size();
  result.columns.resize(n);
  std::vector<bool> decided(n, false);
  std::unordered_map<std::string, std::size_t> attribute_owner;  // name -> column
  // Whether column c may take the attribute; a second column for one attribute is an issue.
  auto take_attribute = [&](std::size_t c, const std::string& name) {
    auto [it, fresh] = attribute_owner.emplace(name, c);
    if (fresh) {
      result.columns[c].attribute = name;
      return;
    }
    const std::string field = std::string(kAttributeFieldPrefix) + name;
    result.issues.push_back({static_cast<int>(c), headers[c], field, "duplicate_mapping",
                             "columns \"" + headers[it->second] + "\" and \"" + headers[c] +
                                 "\" are both mapped to " + field});
  };

  // Explicit choices first, so that suggestions only fill what is left.
  for (std::size_t c = 0; c < n; ++c) {
    ColumnMapping& column = result.columns[c];
    column.header = headers[c];
    const std::string key = NormalizeHeader(headers[c]);
    const SavedMappingEntry* choice = nullptr;
    MappingSource source = MappingSource::kNone;
    if (auto it = override_by_key.find(key); it != override_by_key.end()) {
      choice = it->second;
      source = MappingSource::kOverride;
    } else if (auto s = saved_by_key.find(key); s != saved_by_key.end()) {
      choice = s->second;
      source = MappingSource::kSaved;
    }
    if (choice == nullptr) continue;
    decided[c] = true;
    column.source = source;
    if (choice->field.empty()) continue;  // deliberately ignored
    if (std::optional<std::string> attribute = ParseAttributeField(choice->field)) {
      take_attribute(c, *attribute);
      continue;
    }
    const std::optional<ImportField> field = ParseImportField(choice->field);
    if (!field) {
      result.issues.push_back({static_cast<int>(c), headers[c], choice->field, "unknown_field",
                               "\"" + choice->field + "\" is not a directory field"});
      continue;
    }
    int& owner = result.column_of[static_cast<std::size_t>(*field)];
    if (owner >= 0) {
      result.issues.push_back({static_cast<int>(c), headers[c], choice->field, "duplicate_mapping",
                               "columns \"" + headers[static_cast<std::size_t>(owner)] +
                                   "\" and \"" + headers[c] + "\" are both mapped to " +
                                   choice->field});
      continue;
    }
    owner = static_cast<int>(c);
    column.field = field;
  }

  // Standard names, then synonyms in table order.
  auto suggest = [&](std::size_t c, ImportField field, MappingSource source) {
    int& owner = result.column_of[static_cast<std::size_t>(field)];
    if (owner >= 0) return false;
    owner = static_cast<int>(c);
    result.columns[c].field = field;
    result.columns[c].source = source;
    decided[c] = true;
    return true;
  };
  for (std::size_t c = 0; c < n; ++c) {
    if (decided[c]) continue;
    const std::optional<ImportField> field = ParseImportField(headers[c]);
    if (field) {
      suggest(c, *field, MappingSource::kStandard);
      continue;
    }
    if (std::optional<std::string> attribute = ParseAttributeField(AsciiLower(headers[c]))) {
      decided[c] = true;
      result.columns[c].source = MappingSource::kStandard;
      take_attribute(c, *attribute);
    }
  }
  // For each field, the column matching its most specific synonym ("Legal First Name" wins
  // over "Preferred Name" whatever their order in the file).
  std::vector<std::string> keys(n);
  for (std::size_t c = 0; c < n; ++c) keys[c] = NormalizeHeader(headers[c]);
  for (const Synonyms& synonyms : SynonymTable()) {
    bool found = false;
    for (std::string_view synonym : synonyms.headers) {
      for (std::size_t c = 0; c < n && !found; ++c) {
        if (!decided[c] && keys[c] == synonym)
          found = suggest(c, synonyms.field, MappingSource::kSynonym);
      }
      if (found || result.column_of[static_cast<std::size_t>(synonyms.field)] >= 0) break;
    }
  }

  for (const ColumnMapping& column : result.columns) {
    if (!column.field && column.attribute.empty()) result.unmapped_headers.push_back(column.header);
  }
  for (ImportField field : kAllImportFields) {
    if (IsRequiredField(field) && result.column_of[static_cast<std::size_t>(field)] < 0) {
      result.missing_fields.emplace_back(ImportFieldName(field));
      result.issues.push_back({-1, "", std::string(ImportFieldName(field)), "missing_column",
                               "no column is mapped to " + std::string(ImportFieldName(field)) +
                                   " (a required field)"});
    }
  }
  return result;
}

}  // namespace pairwise::domain::import
