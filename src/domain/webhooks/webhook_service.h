// Webhooks (issue 24): admins register endpoints, see each one's delivery log and send it a test
// event; events are queued in the database (WebhookRepository) and delivered, signed
// (WebhookSignature), by DeliverDue with retries and backoff. See docs/webhooks.md.
//
// Access: admins only (Forbidden otherwise; API tokens too). Publish is called by the services
// where an event happens and needs no actor.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/relationships/note.h"
#include "domain/webhooks/webhook_repository.h"

namespace pairwise::domain {

// How one delivery goes out: over HTTP(S) in src/sso (HttpsClient), fakes in tests. Called from
// one sender thread at a time per instance.
class WebhookTransport {
 public:
  virtual ~WebhookTransport() = default;
  // POSTs `body` (application/json) to `url` with `headers`. The receiver's HTTP status,
  // whatever it is; Unavailable when no answer came (refused, timeout, TLS not trusted).
  virtual Result<int> Post(const std::string& url,
                           const std::vector<std::pair<std::string, std::string>>& headers,
                           const std::string& body) = 0;
};

struct WebhookPolicy {
  std::chrono::seconds first_retry{30};  // doubles per failed attempt
  std::chrono::seconds max_retry{3600};
  int max_attempts = 8;  // then failed for good
  // A claimed delivery is the sender's this long; a round starts no attempt after half of it
  // (each attempt is bounded by the transport's own timeout, 10 s).
  std::chrono::seconds lease{300};
  int batch = 20;
};

// What an admin sends to create or change an endpoint.
struct WebhookInput {
  std::string url;
  std::string description;
  std::vector<std::string> events;
  bool active = true;
};

struct CreatedWebhook {
  WebhookEndpoint endpoint;
  std::string secret;  // shown this once: "whsec_..."
};

struct WebhookRound {
  int claimed = 0, delivered = 0, retried = 0, failed = 0;
};

// Thread-safe. All references must outlive the service.
class WebhookService final : public WebhookEvents {
 public:
  WebhookService(WebhookRepository& repository, const NoteCipher& cipher, AuditLog& audit,
                 const Clock& clock, WebhookPolicy policy = {})
      : repository_(repository), cipher_(cipher), audit_(audit), clock_(clock), policy_(policy) {}

  Result<std::vector<WebhookEndpoint>> List(const Actor& actor);
  // InvalidArgument naming the field ("url", "description", "events[1]", "events"); Conflict
  // past kMaxWebhooks; Unavailable without a notes key (the secret is sealed with it).
  Result<CreatedWebhook> Create(const Actor& actor, const WebhookInput& input);
  Result<WebhookEndpoint> Update(const Actor& actor, WebhookId id, const WebhookInput& input);
  Status Delete(const Actor& actor, WebhookId id);
  // Queues a "webhook.test" event for the endpoint alone (active or not). Returns its delivery.
  Result<WebhookDeliveryId> SendTest(const Actor& actor, WebhookId id);
  // `limit` 1..200 (else InvalidArgument, field "limit").
  Result<WebhookDeliveryPage> Deliveries(const Actor& actor, WebhookId id,
                                         std::optional<WebhookDeliveryId> before, int limit);

  // Queues event `type` (one of kWebhookEvents) with `data` for every subscribed endpoint.
  // Storage errors as they come; the caller's change stands without them (logged).
  Status Publish(std::string_view type,
                 std::vector<std::pair<std::string, std::string>> data) override;

  // One round for `claimer` (unique per server): claims due deliveries and posts each, signed
  // with its endpoint's secret, marking it delivered (2xx), queued again after a backoff
  // (no answer, 408, 429, 5xx) or failed (another 4xx, or the last attempt).
  Result<WebhookRound> DeliverDue(WebhookTransport& transport, const std::string& claimer);

  const WebhookPolicy& policy() const { return policy_; }

 private:
  Status CheckInput(const WebhookInput& input);

  WebhookRepository& repository_;
  const NoteCipher& cipher_;
  AuditLog& audit_;
  const Clock& clock_;
  WebhookPolicy policy_;
};

}  // namespace pairwise::domain
