#include "api/handlers/import_handlers.h"

#include <algorithm>
#include <charconv>

#include "api/json_reader.h"

namespace pairwise::api {

namespace {

using domain::import::ImportError;
using domain::import::ImportReport;
using domain::import::SavedMappingEntry;
using nlohmann::json;

// A true/false query parameter; absent or empty is false.
Result<bool> BoolParameter(const HttpRequest& request, std::string_view name) {
  const std::optional<std::string_view> value = request.Query(name);
  if (!value || *value == "false" || value->empty()) return false;
  if (*value == "true") return true;
  return Status::InvalidArgument(std::string(name) + " must be true or false", std::string(name));
}

// The upload's options from the query: full, max_left_percent (0..100, the service checks the
// range), confirm_leavers, confirm_new.
Result<domain::import::ImportRequest> ImportRequestOf(const HttpRequest& request) {
  domain::import::ImportRequest out{request.body, false, {}};
  for (auto [name, into] :
       {std::pair{"full", &out.full}, std::pair{"confirm_leavers", &out.confirm_leavers},
        std::pair{"confirm_new", &out.confirm_new}}) {
    Result<bool> value = BoolParameter(request, name);
    if (!value.ok()) return value.status();
    *into = *value;
  }
  if (auto text = request.Query("max_left_percent"); text && !text->empty()) {
    int percent = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), percent);
    if (error != std::errc() || end != text->data() + text->size()) {
      return Status::InvalidArgument("max_left_percent must be a whole number from 0 to 100",
                                     "max_left_percent");
    }
    out.max_left_percent = percent;
  }
  return out;
}

// The lists an answer carries are bounded, whatever the file holds: errors by the plan
// (kMaxListedProblems), rows and people marked left by kMaxPreviewRows.
template <typename T>
json FirstOf(const std::vector<T>& items, std::size_t limit) {
  json out = json::array();
  for (std::size_t i = 0; i < std::min(items.size(), limit); ++i) out.push_back(items[i]);
  return out;
}

json ReferencesJson(const std::vector<domain::import::NamedReference>& references) {
  json out = json::array();
  for (const auto& r : references) {
    out.push_back({{"value", r.value},
                   {"code", r.code},
                   {"name", r.name},
                   {"new", r.is_new},
                   {"rows", r.rows}});
  }
  return out;
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
  json new_departments = json::array();
  for (const auto& d : plan.new_departments) {
    new_departments.push_back({{"code", d.code}, {"name", d.name}});
  }
  json new_sites = json::array();
  for (const auto& s : plan.new_sites) {
    new_sites.push_back({{"code", s.code}, {"name", s.name}, {"time_zone", s.time_zone}});
  }
  json confirmations = json::array();
  for (const auto& c : plan.unconfirmed) {
    confirmations.push_back({{"code", c.code}, {"message", c.message}});
  }
  return {{"headers", plan.headers},
          {"mapping", mapping},
          {"columns", columns},
          {"unmapped_headers", plan.mapping.unmapped_headers},
          {"missing_fields", plan.mapping.missing_fields},
          {"rows", rows},
          {"rows_truncated", plan.rows.size() > shown},
          {"marked_left", FirstOf(plan.marked_left, kMaxPreviewRows)},
          {"departments", ReferencesJson(plan.departments)},
          {"sites", ReferencesJson(plan.sites)},
          {"new_departments", new_departments},
          {"new_sites", new_sites},
          {"errors", errors},
          {"error_count", plan.error_count},
          {"errors_truncated", static_cast<int64_t>(plan.errors.size()) < plan.error_count},
          {"stored_not_left", plan.stored_not_left},
          {"needs_confirmation", confirmations},
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
  Result<domain::import::ImportRequest> options = ImportRequestOf(request);
  if (!options.ok()) return ErrorResponse(options.status());
  Result<ImportReport> report = imports.Preview(actor, *options);
  if (!report.ok()) return ErrorResponse(report.status());
  return HttpResponse::Json(200, ReportJson(*report));
}

HttpResponse HandleImportPeople(domain::import::ImportService& imports, const HttpRequest& request,
                                const domain::Actor& actor) {
  Result<domain::import::ImportRequest> options = ImportRequestOf(request);
  if (!options.ok()) return ErrorResponse(options.status());
  Result<ImportReport> report = imports.Import(actor, *options);
  if (!report.ok()) return ErrorResponse(report.status());
  json body = ReportJson(*report);
  if (!report->applied && !report->plan.errors.empty()) {
    body["error"] = {{"code", "import_invalid"},
                     {"message", std::to_string(report->plan.error_count) +
                                     " problem(s) in the file; nothing was imported"}};
    return HttpResponse::Json(400, body);
  }
  if (!report->applied) {
    // Nothing is wrong with the file, but the request did not confirm what it would do.
    const auto& first = report->plan.unconfirmed.front();
    body["error"] = {{"code", "confirmation_required"},
                     {"message", first.message + "; nothing was imported (send " + first.code +
                                     "=true to go ahead)"},
                     {"field", first.code}};
    return HttpResponse::Json(409, body);
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
