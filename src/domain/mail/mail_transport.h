// How the sender hands one message to the outside world (SMTP in src/mail, fakes in tests).
#pragma once

#include <string>

#include "common/status.h"
#include "domain/mail/mail_queue.h"

namespace pairwise::domain {

// Called from one sender thread at a time per instance.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Delivers `message`; `message_id` is unique per outbox message (for the Message-ID header).
  // OK when the relay accepted it. Unavailable: a temporary failure (relay down, timeout, 4xx
  // reply) worth retrying. Any other error: a permanent refusal (5xx reply), never retried.
  virtual Status Send(const MailMessage& message, const std::string& message_id) = 0;
};

}  // namespace pairwise::domain
