#include "cli/import/import_command.h"

#include <fstream>
#include <sstream>

namespace pairwise::cli {

namespace {

using domain::import::ImportError;
using domain::import::ImportReport;
using domain::import::SavedMappingEntry;

void PrintErrors(const std::vector<ImportError>& errors, std::FILE* err) {
  for (const ImportError& e : errors) {
    std::string where = e.row > 0 ? "row " + std::to_string(e.row) : std::string("file");
    if (!e.column.empty()) where += ", column \"" + e.column + "\"";
    if (!e.field.empty() && e.field != e.column) where += " (" + e.field + ")";
    std::fprintf(err, "%s: %s: %s\n", where.c_str(), e.code.c_str(), e.message.c_str());
  }
  std::fprintf(err, "%zu error(s); nothing was imported\n", errors.size());
}

void PrintSummary(const ImportReport& report, bool dry_run, std::FILE* out) {
  const auto& plan = report.plan;
  for (const auto& column : plan.mapping.columns) {
    if (column.source == domain::import::MappingSource::kStandard) continue;
    std::fprintf(out, "column \"%s\" -> %s (%s)\n", column.header.c_str(),
                 column.field ? std::string(ImportFieldName(*column.field)).c_str() : "ignored",
                 std::string(MappingSourceName(column.source)).c_str());
  }
  for (const std::string& code : plan.new_departments) {
    std::fprintf(out, "new department %s (named after its code)\n", code.c_str());
  }
  for (const std::string& code : plan.new_sites) {
    std::fprintf(out, "new site %s (named after its code, country unknown)\n", code.c_str());
  }
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
  std::ostringstream buffer;
  buffer << file.rdbuf();
  if (file.bad()) {
    std::fprintf(err, "pairwise: cannot read %s\n", options.file.c_str());
    return 1;
  }
  const std::string csv = buffer.str();

  const domain::Actor actor = domain::import::LocalOperator();
  const domain::import::ImportRequest request{csv, options.full, std::move(overrides)};
  Result<ImportReport> report =
      options.dry_run ? service.Preview(actor, request) : service.Import(actor, request);
  if (!report.ok()) {
    std::fprintf(err, "pairwise: %s\n", report.status().log_message().c_str());
    return report.status().code() == ErrorCode::kInvalidArgument ? 2 : 1;
  }
  if (!report->can_import()) {
    PrintErrors(report->plan.errors, err);
    return 2;
  }
  PrintSummary(*report, options.dry_run, out);
  for (const std::string& warning : report->warnings) {
    std::fprintf(err, "warning: %s\n", warning.c_str());
  }
  return 0;
}

}  // namespace pairwise::cli
