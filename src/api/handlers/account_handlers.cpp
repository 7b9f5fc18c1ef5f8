#include "api/handlers/account_handlers.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "api/handlers/auth_handlers.h"

namespace pairwise::api {

namespace {

using nlohmann::json;

// A positive integer from text; nullopt otherwise.
std::optional<int64_t> ParsePositive(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// ?limit= (default `fallback`) and ?cursor= (an id; 0 when absent).
Status ReadPaging(const HttpRequest& request, int fallback, int& limit, int64_t& cursor) {
  limit = fallback;
  cursor = 0;
  if (auto text = request.Query("limit")) {
    auto v = ParsePositive(*text);
    if (!v || *v > 100000)
      return Status::InvalidArgument("limit must be a positive integer", "limit");
    limit = static_cast<int>(*v);
  }
  if (auto text = request.Query("cursor"); text && !text->empty()) {
    auto v = ParsePositive(*text);
    if (!v) return Status::InvalidArgument("cursor is not valid", "cursor");
    cursor = *v;
  }
  return Status::Ok();
}

Result<std::vector<domain::Role>> ReadRoles(const HttpRequest& request) {
  if (!request.json || !request.json->is_object()) {
    return Status::InvalidArgument("the body must be a JSON object");
  }
  std::vector<domain::Role> roles;
  auto it = request.json->find("roles");
  if (it == request.json->end()) return roles;
  if (!it->is_array()) return Status::InvalidArgument("roles must be an array", "roles");
  for (const json& r : *it) {
    auto role = r.is_string() ? domain::ParseRole(r.get<std::string>()) : std::nullopt;
    if (!role) return Status::InvalidArgument("roles are \"admin\" or \"coordinator\"", "roles");
    roles.push_back(*role);
  }
  return roles;
}

json OptionalTime(const std::optional<TimePoint>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}

json ApiTokenJson(const domain::ApiToken& t) {
  return {{"id", t.id.value},
          {"name", t.name},
          {"scopes", t.scopes},
          {"created_at", FormatIso8601(t.created_at)},
          {"expires_at", OptionalTime(t.expires_at)},
          {"revoked_at", OptionalTime(t.revoked_at)},
          {"last_used_at", OptionalTime(t.last_used_at)}};
}

json Cursor(const std::optional<int64_t>& next) {
  return next ? json(std::to_string(*next)) : json(nullptr);
}

}  // namespace

void RegisterAccountRoutes(Router& router, AuthGate& gate, domain::AccountService& accounts) {
  router.Add(
      HttpMethod::kGet, "/api/v1/accounts",
      Authenticated(
          gate,
          [&accounts](const HttpRequest& request, const PathParams&, const domain::Actor& actor) {
            domain::AccountPageRequest page;
            if (Status s = ReadPaging(request, 50, page.limit, page.after_id); !s.ok()) {
              return ErrorResponse(s);
            }
            page.query = std::string(request.Query("q").value_or(""));
            auto listed = accounts.ListAccounts(actor, page);
            if (!listed.ok()) return ErrorResponse(listed.status());
            json items = json::array();
            for (const auto& v : listed->items) items.push_back(AccountJson(v, true));
            return HttpResponse::Json(
                200, {{"items", std::move(items)}, {"next_cursor", Cursor(listed->next_after_id)}});
          }),
      {.body = BodyKind::kNone});

  router.Add(HttpMethod::kPost, "/api/v1/accounts/invitations",
             Authenticated(gate, [&accounts](const HttpRequest& request, const PathParams&,
                                             const domain::Actor& actor) {
               auto roles = ReadRoles(request);
               if (!roles.ok()) return ErrorResponse(roles.status());
               auto it = request.json->find("employee_id");
               if (it == request.json->end() || !it->is_string()) {
                 return ErrorResponse(
                     Status::InvalidArgument("employee_id must be a string", "employee_id"));
               }
               auto invited = accounts.Invite(actor, it->get<std::string>(), *roles);
               if (!invited.ok()) return ErrorResponse(invited.status());
               return HttpResponse::Json(201, AccountJson(*invited, true));
             }));

  router.Add(HttpMethod::kPut, "/api/v1/accounts/{account_id}/roles",
             Authenticated(gate, [&accounts](const HttpRequest& request, const PathParams& params,
                                             const domain::Actor& actor) {
               auto id = ParsePositive(params.Get("account_id"));
               auto roles = ReadRoles(request);
               if (!roles.ok()) return ErrorResponse(roles.status());
               auto updated = accounts.SetRoles(actor, domain::AccountId(id.value_or(0)), *roles);
               if (!updated.ok()) return ErrorResponse(updated.status());
               return HttpResponse::Json(200, AccountJson(*updated, true));
             }));

  // Deactivating ends the person's sessions; both answer the account as it now is.
  for (const bool deactivate : {true, false}) {
    router.Add(HttpMethod::kPost,
               deactivate ? "/api/v1/accounts/{account_id}/deactivate"
                          : "/api/v1/accounts/{account_id}/reactivate",
               Authenticated(gate,
                             [&accounts, deactivate](const HttpRequest&, const PathParams& params,
                                                     const domain::Actor& actor) {
                               // An id that is no number names no account (NotFound after the
                               // service's access check).
                               const domain::AccountId id(
                                   ParsePositive(params.Get("account_id")).value_or(0));
                               auto changed = deactivate ? accounts.Deactivate(actor, id)
                                                         : accounts.Reactivate(actor, id);
                               if (!changed.ok()) return ErrorResponse(changed.status());
                               return HttpResponse::Json(200, AccountJson(*changed, true));
                             }),
               {.body = BodyKind::kNone});
  }

  router.Add(
      HttpMethod::kGet, "/api/v1/api-tokens",
      Authenticated(gate,
                    [&accounts](const HttpRequest&, const PathParams&, const domain::Actor& actor) {
                      auto tokens = accounts.ListApiTokens(actor);
                      if (!tokens.ok()) return ErrorResponse(tokens.status());
                      json items = json::array();
                      for (const auto& t : *tokens) items.push_back(ApiTokenJson(t));
                      return HttpResponse::Json(200, {{"items", std::move(items)}});
                    }),
      {.body = BodyKind::kNone});

  router.Add(
      HttpMethod::kPost, "/api/v1/api-tokens",
      Authenticated(gate, [&accounts](const HttpRequest& request, const PathParams&,
                                      const domain::Actor& actor) {
        const json& body = *request.json;
        if (!body.is_object()) {
          return ErrorResponse(Status::InvalidArgument("the body must be a JSON object"));
        }
        auto name = body.find("name");
        if (name == body.end() || !name->is_string()) {
          return ErrorResponse(Status::InvalidArgument("name must be a string", "name"));
        }
        std::vector<std::string> scopes;
        auto scope_list = body.find("scopes");
        if (scope_list == body.end() || !scope_list->is_array()) {
          return ErrorResponse(Status::InvalidArgument("scopes must be an array", "scopes"));
        }
        for (const json& s : *scope_list) {
          if (!s.is_string()) {
            return ErrorResponse(Status::InvalidArgument("scopes must be strings", "scopes"));
          }
          scopes.push_back(s.get<std::string>());
        }
        std::optional<int> days;
        auto expires = body.find("expires_in_days");
        if (expires != body.end() && !expires->is_null()) {
          if (!expires->is_number_integer() || expires->get<int64_t>() < 1 ||
              expires->get<int64_t>() > domain::kMaxApiTokenDays) {
            return ErrorResponse(
                Status::InvalidArgument("expires_in_days must be an integer from 1 to " +
                                            std::to_string(domain::kMaxApiTokenDays),
                                        "expires_in_days"));
          }
          days = expires->get<int>();
        }
        auto created = accounts.CreateApiToken(actor, name->get<std::string>(), scopes, days);
        if (!created.ok()) return ErrorResponse(created.status());
        json out = ApiTokenJson(created->token);
        out["token"] = created->secret;
        HttpResponse response = HttpResponse::Json(201, out);
        response.SetHeader("Cache-Control", "no-store");
        return response;
      }));

  router.Add(
      HttpMethod::kDelete, "/api/v1/api-tokens/{id}",
      Authenticated(
          gate,
          [&accounts](const HttpRequest&, const PathParams& params, const domain::Actor& actor) {
            auto id = ParsePositive(params.Get("id"));
            // An id that is no number names no token: the service
            // answers it (after its access check) like an unknown one.
            Status s = accounts.RevokeApiToken(actor, domain::ApiTokenId(id.value_or(0)));
            if (!s.ok()) return ErrorResponse(s);
            return HttpResponse::NoContent();
          }),
      {.body = BodyKind::kNone});

  router.Add(
      HttpMethod::kGet, "/api/v1/audit",
      Authenticated(
          gate,
          [&accounts](const HttpRequest& request, const PathParams&, const domain::Actor& actor) {
            domain::AuditQuery query;
            if (Status s = ReadPaging(request, 50, query.limit, query.before_id); !s.ok()) {
              return ErrorResponse(s);
            }
            query.action = std::string(request.Query("action").value_or(""));
            auto page = accounts.ListAudit(actor, query);
            if (!page.ok()) return ErrorResponse(page.status());
            json items = json::array();
            for (const auto& e : page->items) {
              items.push_back({{"id", e.id},
                               {"at", e.at},
                               {"actor", e.actor},
                               {"action", e.action},
                               {"target", e.target},
                               {"detail", e.detail},
                               {"remote_address", e.remote_address}});
            }
            return HttpResponse::Json(
                200, {{"items", std::move(items)}, {"next_cursor", Cursor(page->next_before_id)}});
          }),
      {.body = BodyKind::kNone});
}

}  // namespace pairwise::api
