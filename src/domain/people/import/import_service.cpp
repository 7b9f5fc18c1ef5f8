#include "domain/people/import/import_service.h"

#include "domain/people/import/csv.h"
#include "domain/people/people_service.h"

namespace pairwise::domain::import {

namespace {

constexpr std::string_view kLocalOperatorAddress = "local";

Status RequireAdmin(const Actor& actor) {
  if (!actor.IsAdmin()) {
    return Status::Forbidden("only admins import the directory").WithReason("admin_only");
  }
  return Status::Ok();
}

// "people[12].email" -> {12, "email"}; nullopt for other collections.
std::optional<std::pair<std::size_t, std::string>> PeopleField(std::string_view field) {
  constexpr std::string_view kPrefix = "people[";
  if (!field.starts_with(kPrefix)) return std::nullopt;
  const std::size_t close = field.find(']');
  if (close == std::string_view::npos || close + 2 > field.size()) return std::nullopt;
  std::size_t index = 0;
  for (char c : field.substr(kPrefix.size(), close - kPrefix.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return std::pair(index, std::string(field.substr(close + 2)));
}

// The checks of PeopleService::LoadDirectory back PlanImport's: should one still fail, the
// failure is reported like the plan's, on the row it concerns.
ImportError ToImportError(const Status& status, const ImportPlan& plan) {
  ImportError error{0, "", status.field(), "invalid", status.client_message()};
  if (auto people = PeopleField(status.field());
      people && people->first < plan.change_rows.size()) {
    error.row = plan.change_rows[people->first];
    error.field = people->second;
    if (auto field = ParseImportField(error.field)) {
      const int column = plan.mapping.column_of[static_cast<std::size_t>(*field)];
      if (column >= 0) error.column = plan.headers[static_cast<std::size_t>(column)];
    }
  }
  return error;
}

// The choices a successful import made that are worth remembering: explicit ones and
// suggestions from synonyms (standard headers need none).
std::vector<SavedMappingEntry> ChoicesToSave(const ResolvedMapping& mapping) {
  std::vector<SavedMappingEntry> out;
  for (const ColumnMapping& column : mapping.columns) {
    if (column.source == MappingSource::kOverride || column.source == MappingSource::kSynonym) {
      out.push_back({column.header, ColumnFieldName(column)});
    }
  }
  return out;
}

Status CheckRequest(const ImportRequest& request) {
  if (request.max_left_percent < 0 || request.max_left_percent > 100) {
    return Status::InvalidArgument("max_left_percent must be a whole number from 0 to 100",
                                   "max_left_percent");
  }
  return Status::Ok();
}

std::string CountsText(const ImportCounts& counts) {
  return std::to_string(counts.create) + " created, " + std::to_string(counts.update) +
         " updated, " + std::to_string(counts.unchanged) + " unchanged, " +
         std::to_string(counts.mark_left) + " marked left";
}

}  // namespace

Actor LocalOperator() {
  Actor actor;
  actor.kind = Actor::Kind::kPerson;
  actor.roles = {Role::kAdmin};
  actor.remote_address = std::string(kLocalOperatorAddress);
  return actor;
}

std::string DescribeImportActor(const Actor& actor) {
  if (actor.IsPerson() && actor.employee_id.empty() && actor.account_id.value == 0 &&
      actor.remote_address == kLocalOperatorAddress) {
    return "local operator";
  }
  return actor.Describe();
}

Result<StoredDirectory> LoadStoredDirectory(PeopleRepository& repository) {
  StoredDirectory stored;
  PeoplePageRequest page{"", kMaxPeoplePageSize};
  while (true) {
    Result<std::vector<Person>> people = repository.ListPage(page);
    if (!people.ok()) return people.status();
    const bool last_page = people->size() < static_cast<std::size_t>(page.limit);
    if (!people->empty()) page.after_employee_id = people->back().employee_id;
    for (Person& person : *people) {
      std::string id = person.employee_id;
      stored.people.emplace(std::move(id), std::move(person));
    }
    if (last_page) break;
  }
  Result<std::vector<Department>> departments = repository.ListDepartments();
  if (!departments.ok()) return departments.status();
  stored.departments = std::move(departments).value();
  Result<std::vector<Site>> sites = repository.ListSites();
  if (!sites.ok()) return sites.status();
  stored.sites = std::move(sites).value();
  return stored;
}

Date ImportService::Today() const {
  return Date(std::chrono::floor<std::chrono::days>(clock_.Now()));
}

PlanOptions ImportService::Options(const ImportRequest& request) const {
  return PlanOptions{request.full, Today(), request.max_left_percent, request.confirm_leavers,
                     request.confirm_new};
}

Result<ResolvedMapping> ImportService::Resolve(const CsvTable& table,
                                               const ImportRequest& request) {
  Result<std::vector<SavedMappingEntry>> saved = mappings_.Load();
  if (!saved.ok()) return saved.status();
  return ResolveMapping(table.header, *saved, request.overrides);
}

Result<ImportReport> ImportService::Preview(const Actor& actor, const ImportRequest& request) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  PAIRWISE_RETURN_IF_ERROR(CheckRequest(request));
  const CsvTable table = ParseCsv(request.csv);
  Result<ResolvedMapping> mapping = Resolve(table, request);
  if (!mapping.ok()) return mapping.status();
  Result<StoredDirectory> stored = LoadStoredDirectory(people_);
  if (!stored.ok()) return stored.status();
  ImportReport report;
  report.plan = PlanImport(table, *mapping, *stored, Options(request));
  return report;
}

Result<ImportReport> ImportService::Import(const Actor& actor, const ImportRequest& request) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  PAIRWISE_RETURN_IF_ERROR(CheckRequest(request));
  const CsvTable table = ParseCsv(request.csv);
  Result<ResolvedMapping> mapping = Resolve(table, request);
  if (!mapping.ok()) return mapping.status();
  const PlanOptions options = Options(request);

  ImportReport report;
  bool invalid = false;
  // The plan is made inside the transaction so that what was checked is what is written.
  Status written = people_.RunInTransaction([&](PeopleRepository& tx) -> Status {
    Result<StoredDirectory> stored = LoadStoredDirectory(tx);
    if (!stored.ok()) return stored.status();
    report.plan = PlanImport(table, *mapping, *stored, options);
    if (!report.plan.errors.empty() || !report.plan.unconfirmed.empty()) {
      invalid = true;
      return Status::InvalidArgument("the file has errors or needs confirming")
          .WithReason("import_invalid");
    }
    if (!report.plan.email_vacates.empty()) {
      PAIRWISE_RETURN_IF_ERROR(tx.UpsertPeople(report.plan.email_vacates));
    }
    PeopleService service(tx);
    Status loaded = service.LoadDirectory(report.plan.changes);
    if (!loaded.ok() && loaded.code() == ErrorCode::kInvalidArgument) {
      invalid = true;
      report.plan.errors.push_back(ToImportError(loaded, report.plan));
      ++report.plan.error_count;
    }
    return loaded;
  });
  if (!written.ok()) {
    if (invalid) return report;
    return written;
  }
  report.applied = true;
  if (departures_ != nullptr) {
    std::vector<std::string> left = DeparturesIn(report.plan.changes);
    if (!left.empty()) departures_->PeopleLeft(left);
  }

  AuditEntry entry;
  entry.actor = DescribeImportActor(actor);
  entry.action = "import_people";
  entry.target = "directory";
  entry.detail = std::string(request.full ? "full" : "partial") + " import of " +
                 std::to_string(report.plan.rows.size()) +
                 " rows: " + CountsText(report.plan.counts);
  if (!report.plan.new_departments.empty() || !report.plan.new_sites.empty()) {
    entry.detail += ", " + std::to_string(report.plan.new_departments.size()) +
                    " new department(s), " + std::to_string(report.plan.new_sites.size()) +
                    " new site(s)";
  }
  entry.remote_address = actor.remote_address;
  if (Status recorded = audit_.Record(std::move(entry)); !recorded.ok()) {
    report.warnings.push_back("the audit entry could not be recorded: " +
                              recorded.client_message());
  }

  const std::vector<SavedMappingEntry> choices = ChoicesToSave(report.plan.mapping);
  if (!choices.empty()) {
    Result<std::vector<SavedMappingEntry>> saved = mappings_.Load();
    Status kept = saved.status();
    if (saved.ok()) {
      std::vector<SavedMappingEntry> merged = MergeMapping(*saved, choices);
      if (merged != *saved) kept = mappings_.Replace(merged);
    }
    if (!kept.ok()) {
      report.warnings.push_back("the column mapping could not be saved: " + kept.client_message());
    }
  }
  return report;
}

Result<std::vector<SavedMappingEntry>> ImportService::GetMapping(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  return mappings_.Load();
}

Result<std::vector<SavedMappingEntry>> ImportService::SaveMapping(
    const Actor& actor, std::vector<SavedMappingEntry> entries) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  Result<std::vector<SavedMappingEntry>> normalized = NormalizeMapping(entries);
  if (!normalized.ok()) return normalized.status();
  PAIRWISE_RETURN_IF_ERROR(mappings_.Replace(*normalized));
  AuditEntry entry;
  entry.actor = DescribeImportActor(actor);
  entry.action = "import_mapping_saved";
  entry.target = "import mapping";
  entry.detail = std::to_string(normalized->size()) + " header(s)";
  entry.remote_address = actor.remote_address;
  if (Status recorded = audit_.Record(std::move(entry)); !recorded.ok()) return recorded;
  return normalized;
}

}  // namespace pairwise::domain::import
