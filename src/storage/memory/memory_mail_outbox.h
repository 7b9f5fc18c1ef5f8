// An in-memory MailOutbox for domain tests and for the contract suite's reference run.
#pragma once

#include <map>
#include <mutex>

#include "domain/mail/mail_outbox.h"

namespace pairwise::storage {

// Thread-safe: one mutex serializes every call.
class MemoryMailOutbox final : public domain::MailOutbox {
 public:
  Result<domain::MailId> Add(const domain::MailMessage& message, TimePoint now) override;
  Result<std::vector<domain::OutboxMail>> Claim(TimePoint now, int limit,
                                                const std::string& claimer,
                                                TimePoint lease_until) override;
  Status MarkSent(domain::MailId id, const std::string& claimer, TimePoint now) override;
  Status MarkRetry(domain::MailId id, const std::string& claimer, const std::string& error,
                   TimePoint next_attempt_at) override;
  Status MarkFailed(domain::MailId id, const std::string& claimer,
                    const std::string& error) override;
  Status MarkHeld(domain::MailId id, const std::string& claimer) override;
  Result<int> RequeueHeld(TimePoint now) override;
  Result<domain::OutboxPage> List(std::optional<domain::MailId> before, int limit) override;
  Result<domain::OutboxMail> Get(domain::MailId id) override;

 private:
  struct Row {
    domain::OutboxMail mail;
    std::string claimer;  // empty: not leased
    TimePoint lease_until;
  };
  // The row leased to `claimer`, with the lease ended; or the error.
  Result<Row*> Release(domain::MailId id, const std::string& claimer);

  std::mutex mutex_;
  std::map<int64_t, Row> rows_;
  int64_t next_id_ = 1;
};

}  // namespace pairwise::storage
