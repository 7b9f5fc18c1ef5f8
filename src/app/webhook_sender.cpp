#include "app/webhook_sender.h"

#include <spdlog/spdlog.h>

namespace pairwise::app {

void WebhookSender::Start(std::chrono::milliseconds interval) {
  thread_ = std::thread([this, interval] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto round = service_.DeliverDue(transport_, name_);
      bool full = false;
      if (!round.ok()) {
        spdlog::warn("webhook sender: {}", round.status().ToString());
      } else if (round->claimed > 0) {
        spdlog::info("webhook sender: {} delivered, {} to retry, {} failed", round->delivered,
                     round->retried, round->failed);
        full = round->claimed >= service_.policy().batch;
      }
      lock.lock();
      if (!full) wake_.wait_for(lock, interval, [this] { return stopping_; });
    }
  });
}

void WebhookSender::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

}  // namespace pairwise::app
