// A MailQueue that keeps messages in memory: for tests, and for running without an outbox.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/mail/mail_queue.h"
#include "domain/mail/mail_service.h"

namespace pairwise::storage {

// Thread-safe.
class RecordingMailQueue final : public domain::MailQueue {
 public:
  // Refuses what MailService refuses (MailService::Check).
  Status Enqueue(const domain::MailMessage& message) override {
    PAIRWISE_RETURN_IF_ERROR(domain::MailService::Check(message));
    std::lock_guard lock(mutex_);
    messages_.push_back(message);
    return Status::Ok();
  }
  std::vector<domain::MailMessage> Messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  // The newest message to `to`, if any.
  std::optional<domain::MailMessage> LastTo(const std::string& to) {
    std::lock_guard lock(mutex_);
    for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
      if (it->to == to) return *it;
    }
    return std::nullopt;
  }

 private:
  std::mutex mutex_;
  std::vector<domain::MailMessage> messages_;
};

}  // namespace pairwise::storage
