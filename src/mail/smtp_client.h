// A plain SMTP client (RFC 5321: greeting, EHLO, MAIL FROM, RCPT TO, DATA, QUIT) for handing mail
// to a relay, with a timeout on every step. No TLS or AUTH: the relay is trusted and near
// (a local MTA or a sidecar); say so in PAIRWISE_SMTP's documentation.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "domain/mail/mail_transport.h"
#include "mail/message_format.h"

namespace pairwise::mail {

struct SmtpRelay {
  std::string host;  // name or address, IPv6 without brackets
  uint16_t port = 25;
};

// "smtp://host[:port]" (port 25 when left out; "[::1]" for IPv6). InvalidArgument, field
// "smtp", for another scheme, a path, user info, an empty host or a bad port.
Result<SmtpRelay> ParseSmtpUrl(std::string_view url);

struct SmtpOptions {
  SmtpRelay relay;
  Mailbox from;                                  // From header and envelope sender
  std::string helo_name = "pairwise.localhost";  // what EHLO says we are
  std::chrono::milliseconds timeout{30'000};     // per step: connect, each reply, each write
};

// One connection per message. Not thread-safe: one sender thread per instance. `clock` (for
// the Date header) must outlive it.
class SmtpTransport final : public domain::MailTransport {
 public:
  SmtpTransport(SmtpOptions options, const Clock& clock);

  // OK when the relay accepted the message (250 after DATA). Unavailable (retry later) when the
  // relay cannot be reached, a step times out, the connection drops, or the relay answers 4xx
  // or something that is not SMTP; Error kInvalidArgument with reason "smtp_rejected" when it
  // answers 5xx (never retried). The log message names the step and quotes the reply.
  Status Send(const domain::MailMessage& message, const std::string& message_id) override;

  const SmtpOptions& options() const { return options_; }

 private:
  SmtpOptions options_;
  const Clock& clock_;
};

}  // namespace pairwise::mail
