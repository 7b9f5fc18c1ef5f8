// How the sender hands one message to the outside world (SMTP in src/mail, fakes in tests).
#pragma once

#include <string>

#include "common/status.h"
#include "domain/mail/mail_queue.h"

namespace pairwise::domain {

// What the sender adds to a stored message when it delivers it.
struct DeliveryHeaders {
  std::string message_id;  // unique per outbox message, for the Message-ID header
  // For a reminder (MailMessage::reminder_for): the one-click link that turns it off, sent as
  // List-Unsubscribe and List-Unsubscribe-Post (RFC 2369, RFC 8058). Empty otherwise.
  std::string list_unsubscribe = {};
};

// Makes the one-click links of reminders. Thread-safe; implemented in domain/health.
class ReminderLinks {
 public:
  virtual ~ReminderLinks() = default;
  // A fresh link ("{base_url}/unsubscribe/{token}") that turns off the reminders of
  // `message.reminder_for`, for `message`. Storage errors as they come.
  virtual Result<std::string> Issue(const MailMessage& message) = 0;
};

// Called from one sender thread at a time per instance.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Delivers `message` with `headers`.
  // OK when the relay accepted it. Unavailable: a temporary failure (relay down, timeout, 4xx
  // reply) worth retrying. Any other error: a permanent refusal (5xx reply), never retried.
  virtual Status Send(const MailMessage& message, const DeliveryHeaders& headers) = 0;
};

}  // namespace pairwise::domain
