#include "sso/webhook_transport.h"

namespace pairwise::sso {

HttpWebhookTransport::HttpWebhookTransport(HttpsClientOptions options)
    : client_([&] {
        options.allow_http = true;
        return options;
      }()) {}

Result<int> HttpWebhookTransport::Post(
    const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
    const std::string& body) {
  auto answer = client_.Fetch("POST", url, headers, body);
  if (!answer.ok()) {
    // A URL the client cannot use (checked when registered, so rare) is no answer either.
    return Status::Unavailable(answer.status().log_message());
  }
  return answer->status;
}

}  // namespace pairwise::sso
