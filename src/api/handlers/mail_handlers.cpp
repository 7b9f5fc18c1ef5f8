#include "api/handlers/mail_handlers.h"

#include <charconv>

namespace pairwise::api {

namespace {

constexpr int kDefaultLimit = 50;

Result<int64_t> ParsePositive(std::string_view text, const char* field) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1) {
    return Status::InvalidArgument(std::string(field) + " must be a positive integer", field);
  }
  return value;
}

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
  if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) {
    Result<int64_t> id = ParsePositive(*cursor, "cursor");
    if (!id.ok()) return ErrorResponse(id.status());
    before = domain::MailId(*id);
  }
  int limit = kDefaultLimit;
  if (auto text = request.Query("limit"); text && !text->empty()) {
    Result<int64_t> value = ParsePositive(*text, "limit");
    if (!value.ok()) return ErrorResponse(value.status());
    limit = static_cast<int>(std::min<int64_t>(*value, 1'000'000));
  }
  Result<domain::OutboxPage> page = api.mail.List(actor, before, limit);
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
