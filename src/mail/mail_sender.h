// The background sender that `pairwise serve` runs: delivers due outbox mail in rounds.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "domain/mail/mail_service.h"
#include "domain/mail/mail_transport.h"

namespace pairwise::mail {

// Owns one thread. `service` and `transport` (null: no relay, mail is held) must outlive it.
class MailSender {
 public:
  // `claimer` names this sender in the outbox's leases; unique per server.
  MailSender(domain::MailService& service, domain::MailTransport* transport, std::string claimer,
             std::chrono::milliseconds interval = std::chrono::seconds(2));
  ~MailSender();  // Stop()
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  // Starts the thread: a round at once, then one round every `interval` (at once again while
  // rounds come back full). Call once.
  void Start();
  // Wakes the thread for a round now (e.g. after enqueueing). Any thread.
  void Wake();
  // Finishes the round in progress (at most one SMTP step timeout per message) and joins.
  // Idempotent; any thread but the sender's.
  void Stop();

 private:
  void Loop();

  domain::MailService& service_;
  domain::MailTransport* transport_;
  std::string claimer_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

// "<hostname>-<pid>-<random>": a claimer name no other process shares.
std::string UniqueClaimerName();

}  // namespace pairwise::mail
