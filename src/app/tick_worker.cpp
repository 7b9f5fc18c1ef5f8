#include "app/tick_worker.h"

#include <spdlog/spdlog.h>

namespace pairwise::app {

void TickWorker::Start(std::chrono::milliseconds poll) {
  thread_ = std::thread([this, poll] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto report = service_.Tick(name_, /*again=*/false);
      if (!report.ok()) {
        spdlog::warn("scheduler tick failed: {}", report.status().ToString());
      } else if (report->ran) {
        spdlog::info("scheduler tick {}: {}", report->period, report->summary);
      }
      lock.lock();
      wake_.wait_for(lock, poll, [this] { return stopping_; });
    }
  });
}

void TickWorker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

}  // namespace pairwise::app
