// Webhooks (issue 24): an admin registers HTTP(S) endpoints for events; every event is queued in
// the database as one delivery per subscribed endpoint and sent, signed, with retries and backoff
// by a sender that claims deliveries under a lease (as the mail outbox), so several servers never
// send one twice. Pure values and functions here; the service is webhook_service.h.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"

namespace pairwise::domain {

using WebhookId = Id<struct WebhookTag>;
using WebhookDeliveryId = Id<struct WebhookDeliveryTag>;

// The events an endpoint may subscribe to, with what each is in plain words. A new event is
// added here, and the code where it happens calls WebhookEvents::Publish.
struct WebhookEventKind {
  std::string_view name;   // "relationship.started"
  std::string_view words;  // "A mentoring relationship started"
};
inline constexpr std::array<WebhookEventKind, 4> kWebhookEvents = {{
    {"relationship.started", "A mentoring relationship started"},
    {"relationship.ended", "A mentoring relationship ended"},
    {"meeting.logged", "A meeting was logged"},
    {"goal.completed", "A goal was completed"},
}};
// The event "send a test event" sends; no endpoint subscribes to it.
inline constexpr std::string_view kWebhookTestEvent = "webhook.test";
const WebhookEventKind* FindWebhookEvent(std::string_view name);

// Where services report events (WebhookService). Thread-safe.
class WebhookEvents {
 public:
  virtual ~WebhookEvents() = default;
  // Queues event `type` (one of kWebhookEvents) with `data` for every subscribed endpoint.
  virtual Status Publish(std::string_view type,
                         std::vector<std::pair<std::string, std::string>> data) = 0;
};
// Publishes through `events` when set; the change that happened stands whatever the queue says,
// so a failure is logged, not returned.
void PublishEvent(WebhookEvents* events, std::string_view type,
                  std::vector<std::pair<std::string, std::string>> data);

inline constexpr std::size_t kMaxWebhookUrlBytes = 2000;
inline constexpr std::size_t kMaxWebhookDescriptionBytes = 200;
inline constexpr std::size_t kMaxWebhooks = 50;

// One event as it is queued: its type, its id (unique; receivers drop repeats by it), when it
// happened and its data as (name, value) strings, written as a JSON object by storage.
struct WebhookEvent {
  std::string type;
  std::string id;
  TimePoint at;
  std::vector<std::pair<std::string, std::string>> data;
};

struct WebhookEndpoint {
  WebhookId id;
  std::string url;
  std::string description;
  std::vector<std::string> events;  // names from kWebhookEvents
  bool active = true;
  std::string sealed_secret;  // "sealed:<key id>:<box>" (NoteCipher); never shown again
  std::string created_by;
  TimePoint created_at;
  TimePoint updated_at;
};

enum class WebhookDeliveryStatus { kQueued, kDelivered, kFailed };
// "queued" | "delivered" | "failed".
std::string_view WebhookDeliveryStatusName(WebhookDeliveryStatus status);
std::optional<WebhookDeliveryStatus> ParseWebhookDeliveryStatus(std::string_view name);

struct WebhookDelivery {
  WebhookDeliveryId id;
  WebhookId endpoint;
  std::string event;     // its type
  std::string event_id;  // the event's id
  std::string payload;   // the JSON body sent
  WebhookDeliveryStatus status = WebhookDeliveryStatus::kQueued;
  int attempts = 0;
  int last_status = 0;     // the receiver's last HTTP status; 0 when none answered
  std::string last_error;  // empty when the last attempt succeeded or none was made
  TimePoint created_at;
  TimePoint next_attempt_at;
  std::optional<TimePoint> delivered_at;
};

// InvalidArgument (field "url") unless `url` is an absolute http or https URL with a host, no
// user name or password, no fragment, at most kMaxWebhookUrlBytes.
Status CheckWebhookUrl(std::string_view url);

// The signature header's value: "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with
// the secret>". Receivers recompute it and refuse an old t (replays).
std::string WebhookSignature(std::string_view secret, int64_t unix_seconds, std::string_view body);
inline constexpr std::string_view kWebhookSignatureHeader = "Pairwise-Signature";

}  // namespace pairwise::domain
