#include "app/job_worker.h"

#include <spdlog/spdlog.h>

namespace pairwise::app {

void JobWorker::Start(std::chrono::milliseconds idle_poll) {
  thread_ = std::thread([this, idle_poll] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      bool ran = false;
      auto result = service_.RunNextJob(name_);
      if (!result.ok()) {
        spdlog::warn("matching job failed: {}", result.status().ToString());
        ran = false;
      } else {
        ran = *result;
      }
      lock.lock();
      if (ran) continue;  // another may be waiting
      wake_.wait_for(lock, idle_poll, [this] { return stopping_ || woken_; });
      woken_ = false;
    }
  });
}

void JobWorker::Wake() {
  std::lock_guard lock(mutex_);
  woken_ = true;
  wake_.notify_all();
}

void JobWorker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

}  // namespace pairwise::app
