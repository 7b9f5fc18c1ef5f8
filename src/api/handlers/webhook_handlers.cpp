#include "api/handlers/webhook_handlers.h"

#include <cstdint>
#include <nlohmann/json.hpp>

#include "api/handlers/handler_util.h"

namespace pairwise::api {
namespace {

using domain::Actor;
using nlohmann::json;

json EndpointJson(const domain::WebhookEndpoint& e) {
  return {{"id", e.id.value},
          {"url", e.url},
          {"description", e.description},
          {"events", e.events},
          {"active", e.active},
          {"created_by", e.created_by},
          {"created_at", FormatIso8601(e.created_at)},
          {"updated_at", FormatIso8601(e.updated_at)}};
}

json EventsJson() {
  json out = json::array();
  for (const auto& e : domain::kWebhookEvents) {
    out.push_back({{"name", std::string(e.name)}, {"words", std::string(e.words)}});
  }
  return out;
}

json ListJson(const std::vector<domain::WebhookEndpoint>& endpoints) {
  json items = json::array();
  for (const auto& e : endpoints) items.push_back(EndpointJson(e));
  return {{"items", items}, {"events", EventsJson()}};
}

json DeliveryJson(const domain::WebhookDelivery& d) {
  return {{"id", d.id.value},
          {"event", d.event},
          {"event_id", d.event_id},
          {"status", std::string(domain::WebhookDeliveryStatusName(d.status))},
          {"attempts", d.attempts},
          {"last_status", d.last_status == 0 ? json(nullptr) : json(d.last_status)},
          {"last_error", d.last_error.empty() ? json(nullptr) : json(d.last_error)},
          {"created_at", FormatIso8601(d.created_at)},
          {"next_attempt_at", FormatIso8601(d.next_attempt_at)},
          {"delivered_at", d.delivered_at ? json(FormatIso8601(*d.delivered_at)) : json(nullptr)},
          {"payload", d.payload}};
}

json PageJson(const domain::WebhookDeliveryPage& page) {
  json items = json::array();
  for (const auto& d : page.items) items.push_back(DeliveryJson(d));
  return {{"items", items},
          {"next_cursor", page.next ? json(std::to_string(page.next->value)) : json(nullptr)}};
}

domain::WebhookInput InputOf(JsonReader& body) {
  body.OnlyKnown({"url", "description", "events", "active"});
  domain::WebhookInput input;
  input.url = body.String("url");
  input.description = body.OptionalString("description").value_or("");
  input.events = body.Strings("events");
  input.active = body.OptionalBool("active").value_or(true);
  return input;
}

}  // namespace

void RegisterWebhookRoutes(Router& router, AuthGate& auth, domain::WebhookService& service) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const std::string base = "/api/v1/admin/webhooks";
  router.Add(HttpMethod::kGet, base,
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.List(actor), &ListJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPost, base,
             Authenticated(auth, [&service](const HttpRequest& request, const PathParams&,
                                            const Actor& actor) {
               JsonReader body(*request.json);
               const domain::WebhookInput input = InputOf(body);
               if (!body.ok()) return ErrorResponse(body.status());
               auto created = service.Create(actor, input);
               if (!created.ok()) return ErrorResponse(created.status());
               return Private(HttpResponse::Json(201, {{"webhook", EndpointJson(created->endpoint)},
                                                       {"secret", created->secret}}));
             }));
  router.Add(HttpMethod::kPut, base + "/{webhook_id}",
             Authenticated(auth, [&service](const HttpRequest& request, const PathParams& p,
                                            const Actor& actor) {
               auto id = IdParam(p, "webhook_id", "webhook");
               if (!id.ok()) return ErrorResponse(id.status());
               JsonReader body(*request.json);
               const domain::WebhookInput input = InputOf(body);
               if (!body.ok()) return ErrorResponse(body.status());
               return Answer(service.Update(actor, domain::WebhookId(*id), input), &EndpointJson);
             }));
  router.Add(HttpMethod::kDelete, base + "/{webhook_id}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "webhook_id", "webhook");
                             if (!id.ok()) return ErrorResponse(id.status());
                             Status s = service.Delete(actor, domain::WebhookId(*id));
                             if (!s.ok()) return ErrorResponse(s);
                             return HttpResponse::NoContent();
                           }),
             no_body);
  router.Add(
      HttpMethod::kPost, base + "/{webhook_id}/test",
      Authenticated(auth,
                    [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                      auto id = IdParam(p, "webhook_id", "webhook");
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto queued = service.SendTest(actor, domain::WebhookId(*id));
                      if (!queued.ok()) return ErrorResponse(queued.status());
                      return Private(HttpResponse::Json(202, {{"delivery_id", queued->value}}));
                    }),
      no_body);
  router.Add(HttpMethod::kGet, base + "/{webhook_id}/deliveries",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "webhook_id", "webhook");
                   if (!id.ok()) return ErrorResponse(id.status());
                   std::optional<domain::WebhookDeliveryId> before;
                   auto cursor = QueryInt(request, "cursor", 1, INT64_MAX);
                   if (!cursor.ok()) return ErrorResponse(cursor.status());
                   if (*cursor) before = domain::WebhookDeliveryId(**cursor);
                   auto limit = QueryInt(request, "limit", INT32_MIN, INT32_MAX, 50);
                   if (!limit.ok()) return ErrorResponse(limit.status());
                   return Answer(service.Deliveries(actor, domain::WebhookId(*id), before,
                                                    static_cast<int>(*limit)),
                                 &PageJson);
                 }),
             no_body);
}

}  // namespace pairwise::api
