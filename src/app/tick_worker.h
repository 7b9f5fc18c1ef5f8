// The background scheduler of this server (issue 22): every minute it asks for the current
// hour's tick (HealthService::Tick). Several servers sharing one database each run one; the
// scheduler_ticks table hands each hour to one of them under a lease, and a server that dies
// mid-tick loses the hour to another once the lease runs out.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "domain/health/health_service.h"

namespace pairwise::app {

class TickWorker {
 public:
  // `service` must outlive the worker. `name` identifies this worker in the tick's claim.
  TickWorker(domain::HealthService& service, std::string name)
      : service_(service), name_(std::move(name)) {}
  ~TickWorker() { Stop(); }
  TickWorker(const TickWorker&) = delete;
  TickWorker& operator=(const TickWorker&) = delete;

  // Starts asking every `poll`. Call at most once.
  void Start(std::chrono::milliseconds poll = std::chrono::minutes(1));
  // Stops after the tick in hand, if any. Idempotent.
  void Stop();

 private:
  domain::HealthService& service_;
  std::string name_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pairwise::app
