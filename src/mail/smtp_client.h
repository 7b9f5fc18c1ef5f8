// An SMTP client (RFC 5321: greeting, EHLO, MAIL FROM, RCPT TO, DATA, QUIT) for handing mail to a
// relay, with a timeout on every step; TLS by STARTTLS (RFC 3207) or from the first byte
// (smtps://, RFC 8314), the relay's certificate verified against the system's trust store (or a
// given CA file) and its name; SMTP AUTH PLAIN or LOGIN (RFC 4954), only ever over TLS.
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

// When the client starts TLS on an smtp:// connection.
enum class StartTls {
  kAuto,      // when the relay offers it (then its certificate must verify)
  kRequired,  // always: a relay that does not offer it is an error
  kNever,     // plain text throughout (a trusted relay next door)
};

struct SmtpRelay {
  std::string host;  // name or address, IPv6 without brackets
  uint16_t port = 25;
  bool implicit_tls = false;  // smtps://: TLS from the first byte
  StartTls starttls = StartTls::kAuto;
  std::string user{};      // AUTH when not empty
  std::string password{};  // secret: never logged
  std::string ca_file{};   // PEM of the CAs to trust instead of the system's; empty: the system's
};

// "smtp://[user[:password]@]host[:port][?starttls=auto|required|never][&ca_file=PATH]" (port
// 25) or "smtps://[user[:password]@]host[:port][?ca_file=PATH]" (port 465); "[::1]" for IPv6;
// user, password and path percent-decoded. With a user, starttls=auto means required: a
// password is never sent in clear, and starttls=never is refused. InvalidArgument, field
// "smtp", for another scheme, a path, an unknown parameter, an empty host or a bad port.
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
  // relay cannot be reached, a step times out, the connection drops, the relay answers 4xx or
  // something that is not SMTP, TLS cannot be set up (no STARTTLS offered where it is needed,
  // a certificate that does not verify), or the sign-in is refused (a configuration to fix, not
  // a message to drop); Error kInvalidArgument with reason "smtp_rejected" when the relay
  // answers 5xx to the message (never retried). The log message names the step and quotes the
  // reply; it never contains the password.
  Status Send(const domain::MailMessage& message, const domain::DeliveryHeaders& headers) override;

  const SmtpOptions& options() const { return options_; }

 private:
  SmtpOptions options_;
  const Clock& clock_;
};

}  // namespace pairwise::mail
