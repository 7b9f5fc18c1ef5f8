#include "api/handlers/mail_handlers.h"

#include "api/json_reader.h"

namespace pairwise::api {

namespace {

constexpr int kDefaultLimit = 50;

nlohmann::json MailJson(const domain::OutboxMail& mail) {
  return {
      {"id", std::to_string(mail.id.value)},
      {"to", mail.message.to},
      {"subject", mail.message.subject},
      {"kind", mail.message.kind},
      {"status", domain::MailStatusName(mail.status)},
      {"attempts", mail.attempts},
      {"created_at", FormatIso8601(mail.created_at)},
      {"sent_at", mail.sent_at ? nlohmann::json(FormatIso8601(*mail.sent_at)) : nullptr},
      {"last_error",
       mail.last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(mail.last_error)},
      {"text", mail.message.text},
  };
}

HttpResponse HandleListMail(const HttpRequest& request, const domain::Actor& actor, MailApi& api) {
  std::optional<domain::MailId> before;
  auto cursor = QueryInt(request, "cursor", 1, INT64_MAX);
  if (!cursor.ok()) return ErrorResponse(cursor.status());
  if (*cursor) before = domain::MailId(**cursor);
  // The service checks the page size.
  auto limit = QueryInt(request, "limit", INT32_MIN, INT32_MAX, kDefaultLimit);
  if (!limit.ok()) return ErrorResponse(limit.status());
  Result<domain::OutboxPage> page = api.mail.List(actor, before, static_cast<int>(*limit));
  if (!page.ok()) return ErrorResponse(page.status());
  nlohmann::json items = nlohmann::json::array();
  for (const domain::OutboxMail& mail : page->items) items.push_back(MailJson(mail));
  HttpResponse response = HttpResponse::Json(
      200,
      {{"relay_configured", api.relay_configured},
       {"items", std::move(items)},
       {"next_cursor", page->next ? nlohmann::json(std::to_string(page->next->value)) : nullptr}});
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

void RegisterMailRoutes(Router& router, AuthGate& gate, MailApi& api) {
  router.Add(
      HttpMethod::kGet, "/api/v1/admin/mail",
      Authenticated(
          gate, [&api](const HttpRequest& request, const PathParams&,
                       const domain::Actor& actor) { return HandleListMail(request, actor, api); }),
      {.body = BodyKind::kNone});
}

}  // namespace pairwise::api
