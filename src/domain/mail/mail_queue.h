// Outgoing mail. Services put messages on the queue; the outbox (a table) holds them and a
// sender delivers them over SMTP with retries, so a request never waits on the relay and a
// message survives a restart.
#pragma once

#include <string>

#include "common/status.h"

namespace pairwise::domain {

struct MailMessage {
  std::string to;       // one address
  std::string subject;  // one line
  std::string text;     // plain-text body, UTF-8, lines separated by "\n"
  // What the mail is about, for the admin's outbox page ("invitation", "password_reset").
  std::string kind;
  // An optional iCalendar object (RFC 5545 text, CRLF line endings) sent beside the text as a
  // `text/calendar; method=<calendar_method>` part, so that mail programs offer Accept /
  // Decline. Both empty for a mail without one.
  std::string calendar = {};
  std::string calendar_method = {};  // "REQUEST" | "CANCEL" | "PUBLISH"
};

// Thread-safe. Implemented by storage (the outbox table) and by an in-memory fake for tests.
class MailQueue {
 public:
  virtual ~MailQueue() = default;
  // Stores the message for delivery. InvalidArgument for an empty or malformed recipient or
  // a subject with a line break; Unavailable/Internal from storage.
  virtual Status Enqueue(const MailMessage& message) = 0;
};

}  // namespace pairwise::domain
