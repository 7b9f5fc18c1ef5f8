// Webhooks' storage: endpoints and the delivery queue (tables webhook_endpoints and
// webhook_deliveries, migration 41). Implemented over SOCI in src/storage/webhook_repository.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/webhooks/webhook.h"

namespace pairwise::domain {

struct WebhookDeliveryPage {
  std::vector<WebhookDelivery> items;     // newest first
  std::optional<WebhookDeliveryId> next;  // pass as `before` for the next page
};

// Thread-safe, and safe across processes sharing one database: a claimed delivery is leased to
// one claimer until the lease ends, so several senders never post it twice at once.
class WebhookRepository {
 public:
  virtual ~WebhookRepository() = default;

  // Stores a new endpoint (id, times assigned) and returns it.
  virtual Result<WebhookEndpoint> AddEndpoint(const WebhookEndpoint& endpoint) = 0;
  // Replaces url, description, events and active. NotFound for an unknown id.
  virtual Result<WebhookEndpoint> UpdateEndpoint(const WebhookEndpoint& endpoint) = 0;
  // Removes the endpoint and its deliveries. NotFound for an unknown id.
  virtual Status DeleteEndpoint(WebhookId id) = 0;
  virtual Result<std::vector<WebhookEndpoint>> ListEndpoints() = 0;
  // NotFound for an unknown id.
  virtual Result<WebhookEndpoint> FindEndpoint(WebhookId id) = 0;

  // Queues `event` for every active endpoint subscribed to its type (`only`: for that endpoint
  // alone, whatever it subscribes to: a test event), due at `now`, in one transaction. Returns
  // the deliveries queued.
  virtual Result<std::vector<WebhookDeliveryId>> Enqueue(const WebhookEvent& event,
                                                         std::optional<WebhookId> only,
                                                         TimePoint now) = 0;
  // Up to `limit` queued deliveries due at `now` whose lease ended, oldest due first, each
  // leased to `claimer` until `lease_until` (FOR UPDATE SKIP LOCKED on PostgreSQL).
  virtual Result<std::vector<WebhookDelivery>> Claim(TimePoint now, int limit,
                                                     const std::string& claimer,
                                                     TimePoint lease_until) = 0;
  // The outcome of one attempt by `claimer` (Conflict when it no longer holds the lease): each
  // counts the attempt and ends the lease.
  virtual Status MarkDelivered(WebhookDeliveryId id, const std::string& claimer, int http_status,
                               TimePoint now) = 0;
  virtual Status MarkRetry(WebhookDeliveryId id, const std::string& claimer, int http_status,
                           const std::string& error, TimePoint next_attempt_at) = 0;
  virtual Status MarkFailed(WebhookDeliveryId id, const std::string& claimer, int http_status,
                            const std::string& error) = 0;
  // The endpoint's deliveries, newest first, ids < `before` when given, at most `limit`.
  virtual Result<WebhookDeliveryPage> ListDeliveries(WebhookId endpoint,
                                                     std::optional<WebhookDeliveryId> before,
                                                     int limit) = 0;
};

}  // namespace pairwise::domain
