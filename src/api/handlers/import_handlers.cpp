#include "api/handlers/import_handlers.h"

#include <algorithm>

#include "api/json_reader.h"

namespace pairwise::api {

namespace {

using domain::import::ImportError;
using domain::import::ImportReport;
using domain::import::SavedMappingEntry;
using nlohmann::json;

Result<bool> FullParameter(const HttpRequest& request) {
  const std::optional<std::string_view> full = request.Query("full");
  if (!full || *full == "false" || full->empty()) return false;
  if (*full == "true") return true;
  return Status::InvalidArgument("full must be true or false", "full");
}

json ErrorJson(const ImportError& e) {
  return {{"row", e.row},
          {"column", e.column},
          {"field", e.field},
          {"code", e.code},
          {"message", e.message}};
}

json MappingJson(std::span<const SavedMappingEntry> entries) {
  json mapping = json::object();
  for (const SavedMappingEntry& e : entries) {
    mapping[e.header] = e.field.empty() ? json(nullptr) : json(e.field);
  }
  json fields = json::array();
  json required = json::array();
  for (auto field : domain::import::kAllImportFields) {
    fields.push_back(domain::import::ImportFieldName(field));
    if (domain::import::IsRequiredField(field)) {
      required.push_back(domain::import::ImportFieldName(field));
    }
  }
  return {{"mapping", mapping},
          {"fields", fields},
          {"required_fields", required},
          {"attribute_field_prefix", domain::import::kAttributeFieldPrefix}};
}

json ReportJson(const ImportReport& report) {
  const auto& plan = report.plan;
  json mapping = json::object();
  json columns = json::array();
  for (const auto& column : plan.mapping.columns) {
    const std::string name = domain::import::ColumnFieldName(column);
    const json field = name.empty() ? json(nullptr) : json(name);
    mapping[column.header] = field;
    columns.push_back({{"header", column.header},
                       {"field", field},
                       {"source", domain::import::MappingSourceName(column.source)}});
  }
  json rows = json::array();
  const std::size_t shown = std::min(plan.rows.size(), kMaxPreviewRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& row = plan.rows[i];
    rows.push_back({{"row", row.row},
                    {"employee_id", row.employee_id},
                    {"action", domain::import::RowActionName(row.action)},
                    {"changed_fields", row.changed_fields}});
  }
  json errors = json::array();
  for (const ImportError& e : plan.errors) errors.push_back(ErrorJson(e));
  return {{"headers", plan.headers},
          {"mapping", mapping},
          {"columns", columns},
          {"unmapped_headers", plan.mapping.unmapped_headers},
          {"missing_fields", plan.mapping.missing_fields},
          {"rows", rows},
          {"rows_truncated", plan.rows.size() > shown},
          {"marked_left", plan.marked_left},
          {"new_departments", plan.new_departments},
          {"new_sites", plan.new_sites},
          {"errors", errors},
          {"counts",
           {{"create", plan.counts.create},
            {"update", plan.counts.update},
            {"unchanged", plan.counts.unchanged},
            {"mark_left", plan.counts.mark_left}}},
          {"can_import", report.can_import()},
          {"applied", report.applied},
          {"warnings", report.warnings}};
}

}  // namespace

HttpResponse HandleImportPreview(domain::import::ImportService& imports, const HttpRequest& request,
                                 const domain::Actor& actor) {
  Result<bool> full = FullParameter(request);
  if (!full.ok()) return ErrorResponse(full.status());
  Result<ImportReport> report = imports.Preview(actor, {request.body, *full, {}});
  if (!report.ok()) return ErrorResponse(report.status());
  return HttpResponse::Json(200, ReportJson(*report));
}

HttpResponse HandleImportPeople(domain::import::ImportService& imports, const HttpRequest& request,
                                const domain::Actor& actor) {
  Result<bool> full = FullParameter(request);
  if (!full.ok()) return ErrorResponse(full.status());
  Result<ImportReport> report = imports.Import(actor, {request.body, *full, {}});
  if (!report.ok()) return ErrorResponse(report.status());
  json body = ReportJson(*report);
  if (!report->applied) {
    body["error"] = {{"code", "import_invalid"},
                     {"message", std::to_string(report->plan.errors.size()) +
                                     " problem(s) in the file; nothing was imported"}};
    return HttpResponse::Json(400, body);
  }
  return HttpResponse::Json(200, body);
}

HttpResponse HandleGetImportMapping(domain::import::ImportService& imports,
                                    const domain::Actor& actor) {
  Result<std::vector<SavedMappingEntry>> mapping = imports.GetMapping(actor);
  if (!mapping.ok()) return ErrorResponse(mapping.status());
  return HttpResponse::Json(200, MappingJson(*mapping));
}

HttpResponse HandlePutImportMapping(domain::import::ImportService& imports,
                                    const HttpRequest& request, const domain::Actor& actor) {
  JsonReader body(*request.json);
  body.OnlyKnown({"mapping"});
  JsonReader mapping = body.Object("mapping");
  std::vector<SavedMappingEntry> entries;
  mapping.Members([&](const std::string& header, const json& field, const std::string& at) {
    if (field.is_null()) {
      entries.push_back({header, ""});
    } else if (field.is_string()) {
      entries.push_back({header, field.get<std::string>()});
    } else {
      mapping.Fail(WrongType(at, "a field name, or null to ignore the column"));
    }
  });
  if (!body.ok()) return ErrorResponse(body.status());
  Result<std::vector<SavedMappingEntry>> saved = imports.SaveMapping(actor, std::move(entries));
  if (!saved.ok()) return ErrorResponse(saved.status());
  return HttpResponse::Json(200, MappingJson(*saved));
}

void RegisterImportRoutes(Router& router, AuthGate& auth, domain::import::ImportService& imports) {
  const RouteOptions upload{.body = BodyKind::kRaw, .max_body = kMaxImportBytes};
  router.Add(HttpMethod::kPost, "/api/v1/imports/people/preview",
             Authenticated(auth,
                           [&imports](const HttpRequest& request, const PathParams&,
                                      const domain::Actor& actor) {
                             return HandleImportPreview(imports, request, actor);
                           }),
             upload);
  router.Add(HttpMethod::kPost, "/api/v1/imports/people",
             Authenticated(auth,
                           [&imports](const HttpRequest& request, const PathParams&,
                                      const domain::Actor& actor) {
                             return HandleImportPeople(imports, request, actor);
                           }),
             upload);
  router.Add(
      HttpMethod::kGet, "/api/v1/imports/people/mapping",
      Authenticated(auth,
                    [&imports](const HttpRequest&, const PathParams&, const domain::Actor& actor) {
                      return HandleGetImportMapping(imports, actor);
                    }),
      {.body = BodyKind::kNone});
  router.Add(HttpMethod::kPut, "/api/v1/imports/people/mapping",
             Authenticated(auth,
                           [&imports](const HttpRequest& request, const PathParams&,
                                      const domain::Actor& actor) {
                             return HandlePutImportMapping(imports, request, actor);
                           }),
             {.body = BodyKind::kJson});
}

}  // namespace pairwise::api
