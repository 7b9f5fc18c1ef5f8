#include "api/handlers/account_handlers.h"

#include <nlohmann/json.hpp>

#include "api/handlers/auth_handlers.h"
#include "api/json_reader.h"

namespace pairwise::api {

namespace {

using nlohmann::json;

// ?limit= (default `fallback`; the service checks its bounds) and ?cursor= (an id; 0 when
// absent).
Status ReadPaging(const HttpRequest& request, int fallback, int& limit, int64_t& cursor) {
  auto l = QueryInt(request, "limit", INT32_MIN, INT32_MAX, fallback);
  if (!l.ok()) return l.status();
  auto c = QueryInt(request, "cursor", 1, INT64_MAX, 0);
  if (!c.ok()) return c.status();
  limit = static_cast<int>(*l);
  cursor = *c;
  return Status::Ok();
}

// The required "roles": a list of role names.
std::vector<domain::Role> ReadRoles(JsonReader& body) {
  std::vector<domain::Role> roles;
  const std::vector<std::string> names = body.Strings("roles");
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto role = domain::ParseRole(names[i]);
    if (!role) {
      body.Fail(WrongType("roles[" + std::to_string(i) + "]", "\"admin\" or \"coordinator\""));
      break;
    }
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

json BulkInvitationJson(const domain::BulkInvitation& bulk) {
  json items = json::array();
  for (const domain::InvitationEntry& e : bulk.entries) {
    items.push_back({{"employee_id", e.employee_id},
                     {"name", e.name},
                     {"outcome", domain::InvitationOutcomeName(e.outcome)},
                     {"account", e.account ? AccountJson(*e.account, true) : json(nullptr)}});
  }
  return {{"items", std::move(items)}, {"remaining", bulk.remaining}};
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
               JsonReader body(*request.json);
               body.OnlyKnown({"employee_id", "roles"});
               const std::string employee_id = body.String("employee_id");
               const std::vector<domain::Role> roles = ReadRoles(body);
               if (!body.ok()) return ErrorResponse(body.status());
               auto invited = accounts.Invite(actor, employee_id, roles);
               if (!invited.ok()) return ErrorResponse(invited.status());
               return HttpResponse::Json(201, AccountJson(*invited, true));
             }));

  // Names the people ("employee_ids") or a program whose approved applicants without an
  // account are invited ("approved_in_program"), one of the two; answers each person's outcome.
  router.Add(HttpMethod::kPost, "/api/v1/accounts/invitations/bulk",
             Authenticated(gate, [&accounts](const HttpRequest& request, const PathParams&,
                                             const domain::Actor& actor) {
               JsonReader body(*request.json);
               body.OnlyKnown({"employee_ids", "approved_in_program", "roles"});
               const auto ids = body.OptionalStrings("employee_ids");
               const auto program = body.OptionalInt<int64_t>("approved_in_program", 1);
               const std::vector<domain::Role> roles = ReadRoles(body);
               if (body.ok() && ids.has_value() == program.has_value()) {
                 body.Fail(Status::InvalidArgument(
                     "name the people to invite or a program, one of the two", "employee_ids"));
               }
               if (!body.ok()) return ErrorResponse(body.status());
               auto invited =
                   ids ? accounts.InviteMany(actor, *ids, roles)
                       : accounts.InviteApproved(actor, domain::ProgramId(*program), roles);
               if (!invited.ok()) return ErrorResponse(invited.status());
               return HttpResponse::Json(200, BulkInvitationJson(*invited));
             }));

  router.Add(HttpMethod::kPost, "/api/v1/accounts/{account_id}/invitation",
             Authenticated(gate,
                           [&accounts](const HttpRequest&, const PathParams& params,
                                       const domain::Actor& actor) {
                             // An id that is no number names no account (NotFound after the
                             // service's access check).
                             auto number = IdParam(params, "account_id", "account");
                             auto sent = accounts.ResendInvitation(
                                 actor, domain::AccountId(number.ok() ? *number : 0));
                             if (!sent.ok()) return ErrorResponse(sent.status());
                             return HttpResponse::Json(200, AccountJson(*sent, true));
                           }),
             {.body = BodyKind::kNone});

  router.Add(HttpMethod::kPut, "/api/v1/accounts/{account_id}/roles",
             Authenticated(gate, [&accounts](const HttpRequest& request, const PathParams& params,
                                             const domain::Actor& actor) {
               // An id that is no number names no account: the service answers it (after its
               // access check) like an unknown one.
               auto id = IdParam(params, "account_id", "account");
               JsonReader body(*request.json);
               body.OnlyKnown({"roles"});
               const std::vector<domain::Role> roles = ReadRoles(body);
               if (!body.ok()) return ErrorResponse(body.status());
               auto updated = accounts.SetRoles(actor, domain::AccountId(id.ok() ? *id : 0), roles);
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
                               auto number = IdParam(params, "account_id", "account");
                               const domain::AccountId id(number.ok() ? *number : 0);
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

  router.Add(HttpMethod::kPost, "/api/v1/api-tokens",
             Authenticated(gate, [&accounts](const HttpRequest& request, const PathParams&,
                                             const domain::Actor& actor) {
               JsonReader body(*request.json);
               body.OnlyKnown({"name", "scopes", "expires_in_days"});
               const std::string name = body.String("name");
               const std::vector<std::string> scopes = body.Strings("scopes");
               // The service checks the number of days.
               const std::optional<int> days = body.OptionalInt("expires_in_days");
               if (!body.ok()) return ErrorResponse(body.status());
               auto created = accounts.CreateApiToken(actor, name, scopes, days);
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
            auto id = IdParam(params, "id", "token");
            // An id that is no number names no token: the service
            // answers it (after its access check) like an unknown one.
            Status s = accounts.RevokeApiToken(actor, domain::ApiTokenId(id.ok() ? *id : 0));
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
