#include "cli/import/import_command.h"

#include <fstream>

#include "common/text.h"

namespace pairwise::cli {

namespace {

using domain::import::ImportError;
using domain::import::ImportReport;
using domain::import::SavedMappingEntry;

void PrintErrors(const domain::import::ImportPlan& plan, std::FILE* err) {
  for (const ImportError& e : plan.errors) {
    std::string where = e.row > 0 ? "row " + std::to_string(e.row) : std::string("file");
    if (!e.column.empty()) where += ", column " + QuoteForMessage(e.column, 200);
    if (!e.field.empty() && e.field != e.column) where += " (" + e.field + ")";
    std::fprintf(err, "%s: %s: %s\n", where.c_str(), e.code.c_str(), e.message.c_str());
  }
  if (static_cast<int64_t>(plan.errors.size()) < plan.error_count) {
    std::fprintf(err, "%lld error(s), the first %zu listed; nothing was imported\n",
                 static_cast<long long>(plan.error_count), plan.errors.size());
  } else {
    std::fprintf(err, "%zu error(s); nothing was imported\n", plan.errors.size());
  }
}

// What a flag of this command confirms, for each PlanOptions confirmation.
std::string_view FlagFor(std::string_view confirmation) {
  return confirmation == "confirm_leavers" ? "--confirm-leavers" : "--confirm-new";
}

void PrintReferences(const std::vector<domain::import::NamedReference>& references,
                     std::string_view what, std::FILE* out) {
  for (const auto& r : references) {
    if (r.is_new) {
      std::fprintf(out, "new %s \"%s\" (code %s), named on %lld row(s)\n",
                   std::string(what).c_str(), r.name.c_str(), r.code.c_str(),
                   static_cast<long long>(r.rows));
    } else if (r.value != r.code) {
      std::fprintf(out, "%s \"%s\" is %s (%s)\n", std::string(what).c_str(), r.value.c_str(),
                   r.name.c_str(), r.code.c_str());
    }
  }
}

void PrintSummary(const ImportReport& report, bool dry_run, std::FILE* out) {
  const auto& plan = report.plan;
  for (const auto& column : plan.mapping.columns) {
    if (column.source == domain::import::MappingSource::kStandard) continue;
    std::fprintf(out, "column \"%s\" -> %s (%s)\n", column.header.c_str(),
                 column.field ? std::string(ImportFieldName(*column.field)).c_str() : "ignored",
                 std::string(MappingSourceName(column.source)).c_str());
  }
  PrintReferences(plan.departments, "department", out);
  PrintReferences(plan.sites, "site", out);
  std::fprintf(
      out, "%s: %lld created, %lld updated, %lld unchanged, %lld marked left\n",
      dry_run ? "dry run, nothing written; would import" : "imported",
      static_cast<long long>(plan.counts.create), static_cast<long long>(plan.counts.update),
      static_cast<long long>(plan.counts.unchanged), static_cast<long long>(plan.counts.mark_left));
}

}  // namespace

Result<SavedMappingEntry> ParseMapOption(std::string_view text) {
  const std::size_t equals = text.rfind('=');
  if (equals == std::string_view::npos || equals == 0) {
    return Status::InvalidArgument(
        "--map wants \"Header=field\" (or \"Header=\" to ignore the "
        "column), not \"" +
            std::string(text) + "\"",
        "map");
  }
  return SavedMappingEntry{std::string(text.substr(0, equals)),
                           std::string(text.substr(equals + 1))};
}

int RunImportPeople(domain::import::ImportService& service, const ImportCommandOptions& options,
                    std::FILE* out, std::FILE* err) {
  std::vector<SavedMappingEntry> overrides;
  for (const std::string& map : options.maps) {
    Result<SavedMappingEntry> entry = ParseMapOption(map);
    if (!entry.ok()) {
      std::fprintf(err, "pairwise: %s\n", entry.status().client_message().c_str());
      return 2;
    }
    overrides.push_back(std::move(entry).value());
  }
  Result<std::vector<SavedMappingEntry>> checked = domain::import::NormalizeMapping(overrides);
  if (!checked.ok()) {
    std::fprintf(err, "pairwise: --map: %s\n", checked.status().client_message().c_str());
    return 2;
  }

  std::ifstream file(options.file, std::ios::binary);
  if (!file) {
    std::fprintf(err, "pairwise: cannot read %s\n", options.file.c_str());
    return 1;
  }
  // Read in one piece, without an intermediate copy: an export can be tens of megabytes.
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  file.seekg(0, std::ios::beg);
  std::string csv(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
  if (size < 0 || !file.read(csv.data(), static_cast<std::streamsize>(csv.size()))) {
    std::fprintf(err, "pairwise: cannot read %s\n", options.file.c_str());
    return 1;
  }

  const domain::Actor actor = domain::import::LocalOperator();
  const domain::import::ImportRequest request{csv,
                                              options.full,
                                              std::move(overrides),
                                              options.max_left_percent,
                                              options.confirm_leavers,
                                              options.confirm_new};
  Result<ImportReport> report =
      options.dry_run ? service.Preview(actor, request) : service.Import(actor, request);
  if (!report.ok()) {
    std::fprintf(err, "pairwise: %s\n", report.status().log_message().c_str());
    return report.status().code() == ErrorCode::kInvalidArgument ? 2 : 1;
  }
  if (!report->can_import()) {
    PrintErrors(report->plan, err);
    return 2;
  }
  if (!report->plan.unconfirmed.empty()) {
    PrintReferences(report->plan.departments, "department", err);
    PrintReferences(report->plan.sites, "site", err);
    for (const auto& c : report->plan.unconfirmed) {
      std::fprintf(err, "%s: to go ahead, add %s\n", c.message.c_str(),
                   std::string(FlagFor(c.code)).c_str());
    }
    std::fprintf(err, "nothing was imported\n");
    return 2;
  }
  PrintSummary(*report, options.dry_run, out);
  for (const std::string& warning : report->warnings) {
    std::fprintf(err, "warning: %s\n", warning.c_str());
  }
  return 0;
}

}  // namespace pairwise::cli
