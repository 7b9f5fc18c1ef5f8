#include "mail/mail_sender.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <random>

namespace pairwise::mail {

MailSender::MailSender(domain::MailService& service, domain::MailTransport* transport,
                       std::string claimer, std::chrono::milliseconds interval)
    : service_(service), transport_(transport), claimer_(std::move(claimer)), interval_(interval) {}

MailSender::~MailSender() { Stop(); }

void MailSender::Start() {
  if (transport_ != nullptr) {
    // Mail held while no relay was configured goes out now that one is.
    Result<int> released = service_.ReleaseHeld();
    if (!released.ok()) {
      spdlog::warn("mail sender: held mail not released: {}", released.status().ToString());
    } else if (*released > 0) {
      spdlog::info("mail sender: {} held messages queued for the relay", *released);
    }
  }
  thread_ = std::thread([this] { Loop(); });
}

void MailSender::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void MailSender::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void MailSender::Loop() {
  while (true) {
    Result<domain::DeliveryRound> round = service_.DeliverDue(transport_, claimer_);
    bool full = false;
    if (!round.ok()) {
      spdlog::warn("mail sender: {}", round.status().ToString());
    } else if (round->claimed > 0) {
      spdlog::info("mail sender: {} sent, {} to retry, {} failed, {} held", round->sent,
                   round->retried, round->failed, round->held);
      full = round->claimed >= service_.policy().batch;
    }
    std::unique_lock lock(mutex_);
    if (!full) wake_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
    woken_ = false;
    if (stopping_) return;
  }
}

std::string UniqueClaimerName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device random;
  return std::string(host) + "-" + std::to_string(getpid()) + "-" + std::to_string(random());
}

}  // namespace pairwise::mail
