// Queuing webhook deliveries (table webhook_deliveries, migration 41) on a session the caller
// holds: WebhookRepository::Enqueue and the writes that publish an event in their own
// transaction (the scheduler tick's endings) write the same rows, with the same JSON body,
// through this.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/webhooks/webhook.h"

namespace pairwise::storage {

// Reads the endpoints once, then queues each event given for those subscribed to its type.
// Not thread-safe; lives no longer than the session it was made on. Throws what SOCI throws
// (callers run it inside Database::Run).
class QueuedWebhookInsert {
 public:
  // Deliveries go to the active endpoints subscribed to an event's type, or, with `only`, to
  // that endpoint alone (active or not, whatever it subscribes to); due at `now`.
  QueuedWebhookInsert(soci::session& session, TimePoint now,
                      std::optional<domain::WebhookId> only = std::nullopt);
  QueuedWebhookInsert(const QueuedWebhookInsert&) = delete;
  QueuedWebhookInsert& operator=(const QueuedWebhookInsert&) = delete;

  // Queues `event` (its type one of kWebhookEvents, or the test event with `only`); returns the
  // deliveries made, one per endpoint, in endpoint id order (none when nobody subscribes).
  std::vector<domain::WebhookDeliveryId> Insert(const domain::WebhookEvent& event);

 private:
  soci::session& session_;
  long long at_ = 0;
  bool only_ = false;
  std::vector<domain::WebhookEndpoint> endpoints_;
};

}  // namespace pairwise::storage
