#include "api/scim/scim_routes.h"

#include <charconv>
#include <optional>
#include <string>
#include <utility>

#include "api/scim/scim_error.h"
#include "api/scim/scim_filter.h"
#include "api/scim/scim_user.h"

namespace pairwise::api::scim {

namespace {

using domain::Actor;
using domain::ProvisionedUser;
using nlohmann::json;

constexpr std::string_view kSchemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";
constexpr std::string_view kResourceTypeSchema =
    "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
constexpr std::string_view kServiceProviderConfigSchema =
    "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

// The SCIM root as the client reached it, for meta.location: absolute when the request named
// its host, else a path.
std::string BaseUrl(const HttpRequest& request) {
  const std::optional<std::string_view> host = request.Header("host");
  if (!host || host->empty()) return "/scim/v2";
  const std::optional<std::string_view> proto = request.Header("x-forwarded-proto");
  const std::string scheme = proto && *proto == "https" ? "https" : "http";
  return scheme + "://" + std::string(*host) + "/scim/v2";
}

// Authenticates with an API token holding scope scim; refusals are SCIM errors, as for every
// /scim request (ErrorResponseFor).
Handler ScimRoute(AuthGate& gate, ActorHandler handler) {
  return Authenticated(gate, std::move(handler), {Credentials::kApiToken, domain::kScopeScim});
}

// startIndex / count: integers; absent gives `fallback`.
Result<int64_t> IntegerParameter(const HttpRequest& request, std::string_view name,
                                 int64_t fallback) {
  const std::optional<std::string_view> text = request.Query(name);
  if (!text) return fallback;
  int64_t value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, error] = std::from_chars(text->data(), end, value);
  if (error != std::errc() || ptr != end) {
    return Status::InvalidArgument(std::string(name) + " must be an integer", std::string(name))
        .WithReason("invalid_value");
  }
  return value;
}

json ListResponse(int64_t total, int64_t start_index, json resources) {
  const std::size_t count = resources.size();
  return {{"schemas", {kListResponseSchema}},
          {"totalResults", total},
          {"startIndex", start_index},
          {"itemsPerPage", count},
          {"Resources", std::move(resources)}};
}

HttpResponse ListUsers(domain::ProvisioningService& service, const HttpRequest& request,
                       const Actor& actor) {
  Result<int64_t> start = IntegerParameter(request, "startIndex", 1);
  if (!start.ok()) return ScimErrorResponse(start.status());
  Result<int64_t> count = IntegerParameter(request, "count", kDefaultCount);
  if (!count.ok()) return ScimErrorResponse(count.status());
  // RFC 7644 §3.4.2.4: below 1 counts as 1; a negative count as 0.
  const int64_t start_index = std::max<int64_t>(*start, 1);
  const int limit = static_cast<int>(std::clamp<int64_t>(*count, 0, kMaxResults));
  const std::string base = BaseUrl(request);

  if (const std::optional<std::string_view> filter_text = request.Query("filter")) {
    Result<Filter> filter = ParseFilter(*filter_text);
    if (!filter.ok()) return ScimErrorResponse(filter.status());
    std::optional<ProvisionedUser> found;
    switch (filter->attribute) {
      case FilterAttribute::kUserName: {
        auto user = service.FindByUserName(actor, filter->value);
        if (!user.ok()) return ScimErrorResponse(user.status());
        found = std::move(user).value();
        break;
      }
      case FilterAttribute::kEmailValue: {
        auto user = service.FindByEmail(actor, filter->value);
        if (!user.ok()) return ScimErrorResponse(user.status());
        found = std::move(user).value();
        break;
      }
      case FilterAttribute::kExternalId: {
        auto user = service.FindByExternalId(actor, filter->value);
        if (!user.ok()) return ScimErrorResponse(user.status());
        found = std::move(user).value();
        break;
      }
      case FilterAttribute::kId: {
        auto user = service.Get(actor, filter->value);
        if (!user.ok() && user.status().code() != ErrorCode::kNotFound) {
          return ScimErrorResponse(user.status());
        }
        if (user.ok()) found = std::move(user).value();
        break;
      }
    }
    json resources = json::array();
    if (found && start_index == 1 && limit > 0) resources.push_back(UserToJson(*found, base));
    return ScimJson(200, ListResponse(found ? 1 : 0, start_index, std::move(resources)));
  }

  Result<domain::ProvisioningService::Page> page = service.List(actor, start_index - 1, limit);
  if (!page.ok()) return ScimErrorResponse(page.status());
  json resources = json::array();
  for (const ProvisionedUser& user : page->users) resources.push_back(UserToJson(user, base));
  return ScimJson(200, ListResponse(page->total, start_index, std::move(resources)));
}

HttpResponse CreateUser(domain::ProvisioningService& service, const HttpRequest& request,
                        const Actor& actor) {
  ProvisionedUser user;
  if (Status s = ApplyResource(user, *request.json); !s.ok()) return ScimErrorResponse(s);
  if (user.user_name.empty()) {
    return ScimErrorResponse(
        Status::InvalidArgument("userName is required", "userName").WithReason("invalid_value"));
  }
  Result<ProvisionedUser> created = service.Create(actor, user);
  if (!created.ok()) return ScimErrorResponse(created.status());
  json body = UserToJson(*created, BaseUrl(request));
  HttpResponse response = ScimJson(201, body);
  response.SetHeader("Location", body["meta"]["location"].get<std::string>());
  return response;
}

HttpResponse GetUser(domain::ProvisioningService& service, const HttpRequest& request,
                     const PathParams& params, const Actor& actor) {
  Result<ProvisionedUser> user = service.Get(actor, params.Get("id"));
  if (!user.ok()) return ScimErrorResponse(user.status());
  return ScimJson(200, UserToJson(*user, BaseUrl(request)));
}

// PUT and PATCH: `apply` edits the current user inside the update's transaction.
template <typename Apply>
HttpResponse ChangeUser(domain::ProvisioningService& service, const HttpRequest& request,
                        const PathParams& params, const Actor& actor, Apply apply) {
  Result<ProvisionedUser> updated =
      service.Update(actor, params.Get("id"), [&](ProvisionedUser user) -> Result<ProvisionedUser> {
        PAIRWISE_RETURN_IF_ERROR(apply(user, *request.json));
        return user;
      });
  if (!updated.ok()) return ScimErrorResponse(updated.status());
  return ScimJson(200, UserToJson(*updated, BaseUrl(request)));
}

HttpResponse DeleteUser(domain::ProvisioningService& service, const PathParams& params,
                        const Actor& actor) {
  Result<ProvisionedUser> user = service.Deactivate(actor, params.Get("id"));
  if (!user.ok()) return ScimErrorResponse(user.status());
  return HttpResponse::NoContent();
}

json Attribute(std::string name, std::string type, bool required, std::string mutability,
               std::string uniqueness = "none", bool case_exact = false,
               json sub_attributes = nullptr, bool multi_valued = false) {
  json attribute = {{"name", std::move(name)},     {"type", std::move(type)},
                    {"multiValued", multi_valued}, {"required", required},
                    {"caseExact", case_exact},     {"mutability", std::move(mutability)},
                    {"returned", "default"},       {"uniqueness", std::move(uniqueness)}};
  if (!sub_attributes.is_null()) attribute["subAttributes"] = std::move(sub_attributes);
  return attribute;
}

json UserSchema(const std::string& base) {
  return {
      {"schemas", {kSchemaSchema}},
      {"id", kUserSchema},
      {"name", "User"},
      {"description",
       "A person of the directory; the work address in emails is the email, userName the "
       "provider's name for them (the email, or anything else unique)"},
      {"attributes",
       {Attribute("userName", "string", true, "readWrite", "server"),
        Attribute("externalId", "string", false, "readWrite", "server", true),
        Attribute("name", "complex", true, "readWrite", "none", false,
                  {Attribute("givenName", "string", true, "readWrite"),
                   Attribute("familyName", "string", true, "readWrite"),
                   Attribute("formatted", "string", false, "readWrite")}),
        Attribute("displayName", "string", false, "readWrite"),
        Attribute("title", "string", false, "readWrite"),
        Attribute("timezone", "string", false, "readWrite"),
        Attribute("active", "boolean", false, "readWrite"),
        Attribute("emails", "complex", false, "readWrite", "none", false,
                  {Attribute("value", "string", false, "readWrite"),
                   Attribute("type", "string", false, "readWrite"),
                   Attribute("primary", "boolean", false, "readWrite")},
                  true)}},
      {"meta",
       {{"resourceType", "Schema"}, {"location", base + "/Schemas/" + std::string(kUserSchema)}}},
  };
}

json EnterpriseSchema(const std::string& base) {
  return {
      {"schemas", {kSchemaSchema}},
      {"id", kEnterpriseSchema},
      {"name", "EnterpriseUser"},
      {"description", "Employee number (the user's id), department (code or name), manager"},
      {"attributes",
       {Attribute("employeeNumber", "string", false, "immutable", "server", true),
        Attribute("department", "string", false, "readWrite"),
        Attribute("manager", "complex", false, "readWrite", "none", false,
                  {Attribute("value", "string", false, "readWrite", "none", true),
                   Attribute("$ref", "reference", false, "readOnly")})}},
      {"meta",
       {{"resourceType", "Schema"},
        {"location", base + "/Schemas/" + std::string(kEnterpriseSchema)}}},
  };
}

json UserResourceType(const std::string& base) {
  return {{"schemas", {kResourceTypeSchema}},
          {"id", "User"},
          {"name", "User"},
          {"endpoint", "/Users"},
          {"description", "People of the directory"},
          {"schema", kUserSchema},
          {"schemaExtensions", {{{"schema", kEnterpriseSchema}, {"required", false}}}},
          {"meta", {{"resourceType", "ResourceType"}, {"location", base + "/ResourceTypes/User"}}}};
}

json ServiceProviderConfig(const std::string& base) {
  return {
      {"schemas", {kServiceProviderConfigSchema}},
      {"documentationUri", "/api/openapi.yaml"},
      {"patch", {{"supported", true}}},
      {"bulk", {{"supported", false}, {"maxOperations", 0}, {"maxPayloadSize", 0}}},
      {"filter", {{"supported", true}, {"maxResults", kMaxResults}}},
      {"changePassword", {{"supported", false}}},
      {"sort", {{"supported", false}}},
      {"etag", {{"supported", false}}},
      {"authenticationSchemes",
       {{{"type", "oauthbearertoken"},
         {"name", "API token"},
         {"description",
          "A Pairwise API token with scope scim, sent as Authorization: Bearer <token>"},
         {"primary", true}}}},
      {"meta",
       {{"resourceType", "ServiceProviderConfig"}, {"location", base + "/ServiceProviderConfig"}}},
  };
}

HttpResponse NotFound(std::string what) { return ScimErrorResponse(Status::NotFound(what)); }

}  // namespace

void RegisterScimRoutes(Router& router, AuthGate& gate, domain::ProvisioningService& service) {
  domain::ProvisioningService* s = &service;
  const RouteOptions no_body{.body = BodyKind::kNone};
  router.Add(HttpMethod::kGet, "/scim/v2/Users",
             ScimRoute(gate, [s](const HttpRequest& request, const PathParams&,
                                 const Actor& actor) { return ListUsers(*s, request, actor); }),
             no_body);
  router.Add(HttpMethod::kPost, "/scim/v2/Users",
             ScimRoute(gate, [s](const HttpRequest& request, const PathParams&,
                                 const Actor& actor) { return CreateUser(*s, request, actor); }));
  router.Add(
      HttpMethod::kGet, "/scim/v2/Users/{id}",
      ScimRoute(gate, [s](const HttpRequest& request, const PathParams& params,
                          const Actor& actor) { return GetUser(*s, request, params, actor); }),
      no_body);
  router.Add(HttpMethod::kPut, "/scim/v2/Users/{id}",
             ScimRoute(gate, [s](const HttpRequest& request, const PathParams& params,
                                 const Actor& actor) {
               return ChangeUser(*s, request, params, actor, ApplyResource);
             }));
  router.Add(HttpMethod::kPatch, "/scim/v2/Users/{id}",
             ScimRoute(gate, [s](const HttpRequest& request, const PathParams& params,
                                 const Actor& actor) {
               return ChangeUser(*s, request, params, actor, ApplyPatch);
             }));
  router.Add(HttpMethod::kDelete, "/scim/v2/Users/{id}",
             ScimRoute(gate, [s](const HttpRequest&, const PathParams& params,
                                 const Actor& actor) { return DeleteUser(*s, params, actor); }),
             no_body);

  router.Add(HttpMethod::kGet, "/scim/v2/ServiceProviderConfig",
             ScimRoute(gate,
                       [](const HttpRequest& request, const PathParams&, const Actor&) {
                         return ScimJson(200, ServiceProviderConfig(BaseUrl(request)));
                       }),
             no_body);
  router.Add(
      HttpMethod::kGet, "/scim/v2/Schemas",
      ScimRoute(
          gate,
          [](const HttpRequest& request, const PathParams&, const Actor&) {
            const std::string base = BaseUrl(request);
            return ScimJson(200, ListResponse(2, 1, {UserSchema(base), EnterpriseSchema(base)}));
          }),
      no_body);
  router.Add(HttpMethod::kGet, "/scim/v2/Schemas/{id}",
             ScimRoute(gate,
                       [](const HttpRequest& request, const PathParams& params, const Actor&) {
                         const std::string base = BaseUrl(request);
                         if (params.Get("id") == kUserSchema) {
                           return ScimJson(200, UserSchema(base));
                         }
                         if (params.Get("id") == kEnterpriseSchema) {
                           return ScimJson(200, EnterpriseSchema(base));
                         }
                         return NotFound("no such schema");
                       }),
             no_body);
  router.Add(HttpMethod::kGet, "/scim/v2/ResourceTypes",
             ScimRoute(gate,
                       [](const HttpRequest& request, const PathParams&, const Actor&) {
                         return ScimJson(200,
                                         ListResponse(1, 1, {UserResourceType(BaseUrl(request))}));
                       }),
             no_body);
  router.Add(HttpMethod::kGet, "/scim/v2/ResourceTypes/{id}",
             ScimRoute(gate,
                       [](const HttpRequest& request, const PathParams& params, const Actor&) {
                         if (params.Get("id") != "User") return NotFound("no such resource type");
                         return ScimJson(200, UserResourceType(BaseUrl(request)));
                       }),
             no_body);
}

}  // namespace pairwise::api::scim
