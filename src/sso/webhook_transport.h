// Webhook deliveries over HTTP(S) (issue 24): the single sign-on HTTPS client (Boost.Beast, TLS
// with certificate and host name verification), allowed plain http for endpoints an admin
// registered as http://.
#pragma once

#include "domain/webhooks/webhook_service.h"
#include "sso/https_client.h"

namespace pairwise::sso {

// Thread-safe (HttpsClient is).
class HttpWebhookTransport final : public domain::WebhookTransport {
 public:
  explicit HttpWebhookTransport(HttpsClientOptions options);
  Result<int> Post(const std::string& url,
                   const std::vector<std::pair<std::string, std::string>>& headers,
                   const std::string& body) override;

 private:
  HttpsClient client_;
};

}  // namespace pairwise::sso
