#include "domain/webhooks/webhook_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/crypto.h"
#include "domain/mail/mail_service.h"
#include "domain/relationships/note_cipher.h"
#include "domain/webhooks/new_webhook_event.h"

namespace pairwise::domain {
namespace {

constexpr int kMaxDeliveryPage = 200;

Status RequireAdminPerson(const Actor& actor) {
  if (!actor.IsAdmin()) return Status::Forbidden("only admins manage webhooks");
  return Status::Ok();
}

// The one backoff rule of the outbox (RetryDelay), with the webhooks' own limits.
std::chrono::seconds Backoff(const WebhookPolicy& policy, int attempts) {
  MailPolicy rule;
  rule.first_retry = policy.first_retry;
  rule.max_retry = policy.max_retry;
  return RetryDelay(rule, attempts);
}

}  // namespace

void PublishEvent(WebhookEvents* events, std::string_view type,
                  std::vector<std::pair<std::string, std::string>> data) {
  if (events == nullptr) return;
  if (Status s = events->Publish(type, std::move(data)); !s.ok()) {
    spdlog::warn("webhook event {} not queued: {}", type, s.ToString());
  }
}

Result<WebhookEvent> NewWebhookEvent(std::string_view type,
                                     std::vector<std::pair<std::string, std::string>> data,
                                     TimePoint at) {
  if (FindWebhookEvent(type) == nullptr) {
    return Status::Internal("unknown webhook event " + std::string(type));
  }
  return WebhookEvent{std::string(type), "evt_" + crypto::RandomToken(16), at, std::move(data)};
}

const WebhookEventKind* FindWebhookEvent(std::string_view name) {
  for (const WebhookEventKind& e : kWebhookEvents) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::string_view WebhookDeliveryStatusName(WebhookDeliveryStatus status) {
  switch (status) {
    case WebhookDeliveryStatus::kQueued:
      return "queued";
    case WebhookDeliveryStatus::kDelivered:
      return "delivered";
    case WebhookDeliveryStatus::kFailed:
      return "failed";
  }
  return "queued";
}

std::optional<WebhookDeliveryStatus> ParseWebhookDeliveryStatus(std::string_view name) {
  for (auto s : {WebhookDeliveryStatus::kQueued, WebhookDeliveryStatus::kDelivered,
                 WebhookDeliveryStatus::kFailed}) {
    if (WebhookDeliveryStatusName(s) == name) return s;
  }
  return std::nullopt;
}

Status CheckWebhookUrl(std::string_view url) {
  auto bad = [](std::string message) { return Status::InvalidArgument(std::move(message), "url"); };
  if (url.size() > kMaxWebhookUrlBytes) return bad("the address is too long");
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return bad("the address must start with https:// or http://");
  }
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return bad("the address may not hold spaces or control characters");
  }
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.front() == ':') return bad("the address has no host");
  if (authority.find('@') != std::string_view::npos) {
    return bad("the address may not hold a user name or password");
  }
  if (url.find('#') != std::string_view::npos) return bad("the address may not hold a #fragment");
  return Status::Ok();
}

std::string WebhookSignature(std::string_view secret, int64_t unix_seconds, std::string_view body) {
  const std::string t = std::to_string(unix_seconds);
  return "t=" + t + ",v1=" + crypto::HmacSha256Hex(secret, t + "." + std::string(body));
}

Status WebhookService::CheckInput(const WebhookInput& input) {
  PAIRWISE_RETURN_IF_ERROR(CheckWebhookUrl(input.url));
  if (input.description.size() > kMaxWebhookDescriptionBytes ||
      input.description.find_first_of("\r\n") != std::string::npos) {
    return Status::InvalidArgument("the description is one line of at most 200 bytes",
                                   "description");
  }
  if (input.events.empty()) return Status::InvalidArgument("choose at least one event", "events");
  for (std::size_t i = 0; i < input.events.size(); ++i) {
    const std::string field = "events[" + std::to_string(i) + "]";
    if (FindWebhookEvent(input.events[i]) == nullptr) {
      return Status::InvalidArgument("\"" + input.events[i] + "\" is not an event", field);
    }
    const auto before = input.events.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(input.events.begin(), before, input.events[i]) != before) {
      return Status::InvalidArgument("\"" + input.events[i] + "\" is listed twice", field);
    }
  }
  return Status::Ok();
}

Result<std::vector<WebhookEndpoint>> WebhookService::List(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdminPerson(actor));
  return repository_.ListEndpoints();
}

Result<CreatedWebhook> WebhookService::Create(const Actor& actor, const WebhookInput& input) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdminPerson(actor));
  PAIRWISE_RETURN_IF_ERROR(CheckInput(input));
  auto existing = repository_.ListEndpoints();
  if (!existing.ok()) return existing.status();
  if (existing->size() >= kMaxWebhooks) {
    return Status::Conflict("there are 50 webhooks already; remove one first");
  }
  CreatedWebhook out;
  out.secret = "whsec_" + crypto::RandomToken(32);
  auto sealed = SealSecretText(cipher_, out.secret);
  if (!sealed.ok()) return sealed.status();
  WebhookEndpoint endpoint;
  endpoint.url = input.url;
  endpoint.description = input.description;
  endpoint.events = input.events;
  endpoint.active = input.active;
  endpoint.sealed_secret = *sealed;
  endpoint.created_by = actor.employee_id;
  endpoint.created_at = endpoint.updated_at = clock_.Now();
  auto added = repository_.AddEndpoint(endpoint);
  if (!added.ok()) return added.status();
  out.endpoint = *added;
  RecordAudit(audit_, actor, "webhook_created", "webhook " + std::to_string(added->id.value),
              added->url);
  return out;
}

Result<WebhookEndpoint> WebhookService::Update(const Actor& actor, WebhookId id,
                                               const WebhookInput& input) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdminPerson(actor));
  PAIRWISE_RETURN_IF_ERROR(CheckInput(input));
  auto endpoint = repository_.FindEndpoint(id);
  if (!endpoint.ok()) return endpoint.status();
  endpoint->url = input.url;
  endpoint->description = input.description;
  endpoint->events = input.events;
  endpoint->active = input.active;
  endpoint->updated_at = clock_.Now();
  auto updated = repository_.UpdateEndpoint(*endpoint);
  if (!updated.ok()) return updated.status();
  RecordAudit(audit_, actor, "webhook_updated", "webhook " + std::to_string(id.value),
              updated->url + (updated->active ? "" : " (paused)"));
  return updated;
}

Status WebhookService::Delete(const Actor& actor, WebhookId id) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdminPerson(actor));
  PAIRWISE_RETURN_IF_ERROR(repository_.DeleteEndpoint(id));
  RecordAudit(audit_, actor, "webhook_deleted", "webhook " + std::to_string(id.value), "");
  return Status::Ok();
}

Result<WebhookDeliveryId> WebhookService::SendTest(const Actor& actor, WebhookId id) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdminPerson(actor));
  auto endpoint = repository_.FindEndpoint(id);
  if (!endpoint.ok()) return endpoint.status();
  const TimePoint now = clock_.Now();
  WebhookEvent event{std::string(kWebhookTestEvent),
                     "evt_" + crypto::RandomToken(16),
                     now,
                     {{"message", "A test event sent by " + actor.Describe()}}};
  auto queued = repository_.Enqueue(event, id, now);
  if (!queued.ok()) return queued.status();
  if (queued->empty()) return Status::Internal("the test event was not queued");
  return queued->front();
}

Result<WebhookDeliveryPage> WebhookService::Deliveries(const Actor& actor, WebhookId id,
                                                       std::optional<WebhookDeliveryId> before,
                                                       int limit) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdminPerson(actor));
  if (limit < 1 || limit > kMaxDeliveryPage) {
    return Status::InvalidArgument("limit must be 1 to 200", "limit");
  }
  auto endpoint = repository_.FindEndpoint(id);
  if (!endpoint.ok()) return endpoint.status();
  return repository_.ListDeliveries(id, before, limit);
}

Status WebhookService::Publish(std::string_view type,
                               std::vector<std::pair<std::string, std::string>> data) {
  const TimePoint now = clock_.Now();
  auto event = NewWebhookEvent(type, std::move(data), now);
  if (!event.ok()) return event.status();
  return repository_.Enqueue(*event, std::nullopt, now).status();
}

Result<WebhookRound> WebhookService::DeliverDue(WebhookTransport& transport,
                                                const std::string& claimer) {
  const TimePoint now = clock_.Now();
  auto claimed = repository_.Claim(now, policy_.batch, claimer, now + policy_.lease);
  if (!claimed.ok()) return claimed.status();
  WebhookRound round;
  round.claimed = static_cast<int>(claimed->size());
  for (const WebhookDelivery& d : *claimed) {
    if (clock_.Now() - now > policy_.lease / 2) break;
    const int attempts = d.attempts + 1;
    auto endpoint = repository_.FindEndpoint(d.endpoint);
    if (!endpoint.ok()) return endpoint.status();
    auto secret = OpenSecretText(cipher_, endpoint->sealed_secret);
    Result<int> answer =
        Status::Unavailable("the secret cannot be opened: " + secret.status().log_message());
    if (secret.ok()) {
      const auto unix_seconds =
          std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
      answer = transport.Post(endpoint->url,
                              {{"Content-Type", "application/json"},
                               {std::string(kWebhookSignatureHeader),
                                WebhookSignature(*secret, unix_seconds, d.payload)},
                               {"Pairwise-Event", d.event},
                               {"Pairwise-Delivery", std::to_string(d.id.value)}},
                              d.payload);
    }
    const int status = answer.ok() ? *answer : 0;
    if (answer.ok() && status >= 200 && status < 300) {
      PAIRWISE_RETURN_IF_ERROR(repository_.MarkDelivered(d.id, claimer, status, clock_.Now()));
      ++round.delivered;
      continue;
    }
    const std::string error = answer.ok() ? "the receiver answered " + std::to_string(status)
                                          : answer.status().log_message();
    // No answer, a timeout or an overloaded receiver is worth another try; any other refusal is
    // the receiver's final word.
    const bool temporary = !answer.ok() || status == 408 || status == 429 || status >= 500;
    if (temporary && attempts < policy_.max_attempts) {
      PAIRWISE_RETURN_IF_ERROR(repository_.MarkRetry(d.id, claimer, status, error,
                                                     clock_.Now() + Backoff(policy_, attempts)));
      ++round.retried;
    } else {
      PAIRWISE_RETURN_IF_ERROR(repository_.MarkFailed(
          d.id, claimer, status,
          temporary ? "gave up after " + std::to_string(attempts) + " attempts: " + error : error));
      ++round.failed;
    }
  }
  return round;
}

}  // namespace pairwise::domain
