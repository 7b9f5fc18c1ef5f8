// The background worker that runs queued matching jobs on this server. Several servers sharing
// one database each run one; the proposals table hands every job to one worker (a lease,
// claimed with FOR UPDATE SKIP LOCKED on PostgreSQL), and a worker that dies mid-run loses its
// lease to another.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "domain/proposals/matching_service.h"

namespace pairwise::app {

class JobWorker {
 public:
  // `service` must outlive the worker. `name` identifies this worker in the job's claim.
  JobWorker(domain::MatchingService& service, std::string name)
      : service_(service), name_(std::move(name)) {}
  ~JobWorker() { Stop(); }
  JobWorker(const JobWorker&) = delete;
  JobWorker& operator=(const JobWorker&) = delete;

  // Starts polling for jobs (every `idle_poll` while none waits). Call at most once.
  void Start(std::chrono::milliseconds idle_poll = std::chrono::milliseconds(250));
  // Wakes the worker to look for a job now (after queueing one on this server).
  void Wake();
  // Stops after the job in hand, if any. Idempotent.
  void Stop();

 private:
  domain::MatchingService& service_;
  std::string name_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace pairwise::app
