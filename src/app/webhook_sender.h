// The background webhook sender of this server (issue 24): every 2 seconds (at once again while
// rounds come back full) it delivers due webhook deliveries (WebhookService::DeliverDue). Several
// servers sharing one database each run one; the delivery queue's leases keep them apart.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "domain/webhooks/webhook_service.h"

namespace pairwise::app {

class WebhookSender {
 public:
  // `service` and `transport` must outlive the sender; `name` (unique per server) claims.
  WebhookSender(domain::WebhookService& service, domain::WebhookTransport& transport,
                std::string name)
      : service_(service), transport_(transport), name_(std::move(name)) {}
  ~WebhookSender() { Stop(); }
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  // Starts the thread. Call at most once.
  void Start(std::chrono::milliseconds interval = std::chrono::seconds(2));
  // Finishes the attempt in hand (at most the transport's timeout) and joins. Idempotent.
  void Stop();

 private:
  domain::WebhookService& service_;
  domain::WebhookTransport& transport_;
  std::string name_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pairwise::app
