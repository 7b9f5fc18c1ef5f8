#include "mail/smtp_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <boost/url/parse.hpp>
#include <charconv>
#include <istream>
#include <optional>
#include <set>

#include "common/crypto.h"
#include "common/text.h"
#include "domain/mail/mail_service.h"

namespace pairwise::mail {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::ip::tcp;

namespace {

Status BadUrl(std::string message) {
  return Status::InvalidArgument(
      "PAIRWISE_SMTP: " + std::move(message) +
          " (expected smtp://[user:password@]host:port[?starttls=auto|required|never] or smtps://)",
      "smtp");
}

// Replies are short; anything longer is not a relay worth talking to.
constexpr std::size_t kMaxReplyBytes = 64 * 1024;

struct Reply {
  int code = 0;
  std::string text;  // every line, joined by " | "
  std::vector<std::string> lines;
};

// One SMTP conversation. Every step runs the io_context for at most the timeout; a step that
// does not finish closes the socket.
class Conversation {
 public:
  explicit Conversation(const SmtpOptions& options)
      : options_(options), socket_(io_), tls_context_(ssl::context::tls_client) {}

  bool secure() const { return tls_.has_value(); }

  // Starts TLS on the connection: the relay's certificate must chain to a trusted CA (the
  // system's, or relay.ca_file's) and name the relay's host (or address).
  Status StartTls() {
    boost::system::error_code error;
    tls_context_.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                             ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                             ssl::context::no_tlsv1_1);
    if (options_.relay.ca_file.empty()) {
      tls_context_.set_default_verify_paths(error);
    } else {
      tls_context_.load_verify_file(options_.relay.ca_file, error);
    }
    if (error) {
      return Status::Unavailable(
          "cannot load the certificates to trust for " + Relay() + " (" +
          (options_.relay.ca_file.empty() ? std::string("system") : options_.relay.ca_file) +
          "): " + error.message());
    }
    tls_context_.set_verify_mode(ssl::verify_peer);
    tls_.emplace(socket_, tls_context_);
    tls_->set_verify_callback(ssl::host_name_verification(options_.relay.host));
    // SNI, for relays that serve several names.
    SSL_set_tlsext_host_name(tls_->native_handle(), options_.relay.host.c_str());
    bool done = false;
    tls_->async_handshake(ssl::stream_base::client, [&](const boost::system::error_code& ec) {
      error = ec;
      done = true;
    });
    if (!RunStep(done)) return TimedOut("in the TLS handshake");
    if (error) {
      const long verify = SSL_get_verify_result(tls_->native_handle());
      std::string why = error.message();
      if (verify != X509_V_OK) {
        why = std::string("the relay's certificate is not trusted: ") +
              X509_verify_cert_error_string(verify);
      }
      return Status::Unavailable("TLS with " + Relay() + " failed: " + why);
    }
    // Whatever the relay sent before TLS began is not to be trusted (RFC 3207 §4.2).
    buffer_.consume(buffer_.size());
    return Status::Ok();
  }

  Status Connect() {
    tcp::resolver resolver(io_);
    boost::system::error_code error;
    bool done = false;
    resolver.async_resolve(options_.relay.host, std::to_string(options_.relay.port),
                           [&](const boost::system::error_code& ec, tcp::resolver::results_type r) {
                             error = ec;
                             if (ec) {
                               done = true;
                               return;
                             }
                             asio::async_connect(
                                 socket_, r,
                                 [&](const boost::system::error_code& ec2, const tcp::endpoint&) {
                                   error = ec2;
                                   done = true;
                                 });
                           });
    if (!RunStep(done)) return TimedOut("connecting to " + Relay());
    if (error) return Status::Unavailable("cannot connect to " + Relay() + ": " + error.message());
    return Status::Ok();
  }

  // Sends `line` (without CRLF) unless empty, then reads the reply and checks its code is one of
  // `expected` (2xx/3xx).
  Status Step(std::string_view what, const std::string& line, std::initializer_list<int> expected,
              Reply* out = nullptr) {
    if (!line.empty()) PAIRWISE_RETURN_IF_ERROR(Write(what, line + "\r\n"));
    Result<Reply> reply = ReadReply(what);
    if (!reply.ok()) return reply.status();
    for (int code : expected) {
      if (reply->code == code) {
        if (out) *out = std::move(reply).value();
        return Status::Ok();
      }
    }
    const std::string detail =
        Relay() + " answered " + std::string(what) + " with \"" + reply->text + "\"";
    if (reply->code >= 500 && reply->code < 600) {
      return Status::Error(ErrorCode::kInvalidArgument, "the mail relay refused the message", {},
                           detail)
          .WithReason("smtp_rejected");
    }
    return Status::Unavailable(detail);
  }

  Status Write(std::string_view what, const std::string& data) {
    boost::system::error_code error;
    bool done = false;
    WithStream([&](auto& stream) {
      asio::async_write(stream, asio::buffer(data),
                        [&](const boost::system::error_code& ec, std::size_t) {
                          error = ec;
                          done = true;
                        });
    });
    if (!RunStep(done)) return TimedOut("sending " + std::string(what));
    if (error) {
      return Status::Unavailable("connection to " + Relay() + " lost sending " + std::string(what) +
                                 ": " + error.message());
    }
    return Status::Ok();
  }

  void Close() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  // Runs `start` on the TLS stream once TLS is up, on the plain socket before.
  template <typename F>
  void WithStream(F&& start) {
    if (tls_) {
      start(*tls_);
    } else {
      start(socket_);
    }
  }

  std::string Relay() const {
    return options_.relay.host + ":" + std::to_string(options_.relay.port);
  }

  Status TimedOut(const std::string& what) {
    return Status::Unavailable("timed out after " + std::to_string(options_.timeout.count()) +
                               " ms " + what + " (" + Relay() + ")");
  }

  // Runs the handlers until `done` or the timeout; on timeout closes the socket and lets the
  // cancelled handlers finish. Returns whether the step finished in time.
  bool RunStep(bool& done) {
    io_.restart();
    const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
    while (!done && std::chrono::steady_clock::now() < deadline) {
      io_.run_one_until(deadline);
    }
    if (done) return true;
    Close();
    io_.restart();
    io_.run();
    return false;
  }

  Result<Reply> ReadReply(std::string_view what) {
    Reply reply;
    while (true) {
      boost::system::error_code error;
      bool done = false;
      WithStream([&](auto& stream) {
        asio::async_read_until(stream, buffer_, "\r\n",
                               [&](const boost::system::error_code& ec, std::size_t) {
                                 error = ec;
                                 done = true;
                               });
      });
      if (!RunStep(done)) return TimedOut("waiting for the reply to " + std::string(what));
      if (error) {
        return Status::Unavailable("connection to " + Relay() + " lost waiting for the reply to " +
                                   std::string(what) + ": " + error.message());
      }
      std::istream stream(&buffer_);
      std::string line;
      std::getline(stream, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      int code = 0;
      const auto [end, ec] =
          std::from_chars(line.data(), line.data() + std::min<std::size_t>(3, line.size()), code);
      if (ec != std::errc() || end != line.data() + 3 || code < 200 || code > 599 ||
          (line.size() > 3 && line[3] != ' ' && line[3] != '-') ||
          (reply.code != 0 && reply.code != code)) {
        return Status::Unavailable(Relay() + " does not speak SMTP: \"" + line.substr(0, 200) +
                                   "\"");
      }
      reply.code = code;
      reply.lines.push_back(line.size() > 4 ? line.substr(4) : "");
      if (!reply.text.empty()) reply.text += " | ";
      reply.text += line;
      if (line.size() == 3 || line[3] == ' ') return reply;
    }
  }

  const SmtpOptions& options_;
  asio::io_context io_;
  tcp::socket socket_;
  ssl::context tls_context_;
  std::optional<ssl::stream<tcp::socket&>> tls_;
  asio::streambuf buffer_{kMaxReplyBytes};  // a relay that never ends a line cannot grow it
};

}  // namespace

Result<SmtpRelay> ParseSmtpUrl(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return BadUrl("not a URL");
  const boost::urls::url_view url = *parsed;
  SmtpRelay relay;
  const std::string scheme = AsciiLower(url.scheme());
  if (scheme == "smtps") {
    relay.implicit_tls = true;
    relay.port = 465;
  } else if (scheme != "smtp") {
    return BadUrl("unsupported scheme");
  }
  if (!url.has_authority()) return BadUrl("no host");
  if (url.has_fragment() || (!url.path().empty() && url.path() != "/")) {
    return BadUrl("no path allowed");
  }
  if (url.has_userinfo()) {
    relay.user = url.user();
    relay.password = url.password();
    if (relay.user.empty()) return BadUrl("empty user name");
  }
  switch (url.host_type()) {
    case boost::urls::host_type::ipv6:
      relay.host = url.host_ipv6_address().to_string();
      break;
    case boost::urls::host_type::ipv4:
    case boost::urls::host_type::name:
      relay.host = url.host();
      break;
    default:
      return BadUrl("bad host");
  }
  if (relay.host.empty()) return BadUrl("empty host");
  for (char c : relay.host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '_';
    if (!ok) return BadUrl("bad character in host");
  }
  if (url.has_port()) {
    const std::string_view port = url.port();
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value == 0 ||
        value > 65535) {
      return BadUrl("port must be 1 to 65535");
    }
    relay.port = static_cast<uint16_t>(value);
  }
  bool starttls_given = false;
  for (const auto& param : url.params()) {
    if (param.key == "starttls" && !relay.implicit_tls) {
      starttls_given = true;
      if (param.value == "auto") {
        relay.starttls = StartTls::kAuto;
      } else if (param.value == "required") {
        relay.starttls = StartTls::kRequired;
      } else if (param.value == "never") {
        relay.starttls = StartTls::kNever;
      } else {
        return BadUrl("starttls must be auto, required or never");
      }
    } else if (param.key == "ca_file" && param.has_value && !param.value.empty()) {
      relay.ca_file = param.value;
    } else {
      return BadUrl("unknown parameter \"" + std::string(param.key) + "\"");
    }
  }
  if (!relay.user.empty() && !relay.implicit_tls) {
    if (relay.starttls == StartTls::kNever) {
      return BadUrl("a password is never sent without TLS: drop starttls=never");
    }
    relay.starttls = StartTls::kRequired;
  }
  (void)starttls_given;
  return relay;
}

SmtpTransport::SmtpTransport(SmtpOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

namespace {

// What an EHLO reply says the relay can do: its keywords, upper-cased, and its AUTH mechanisms.
struct Capabilities {
  std::set<std::string> keywords;
  std::set<std::string> auth;
};

Capabilities ReadCapabilities(const Reply& ehlo) {
  Capabilities out;
  for (std::size_t i = 1; i < ehlo.lines.size(); ++i) {  // the first line is the greeting
    std::string line = AsciiUpper(ehlo.lines[i]);
    const std::size_t end = line.find_first_of(" =");
    const std::string keyword = line.substr(0, end);
    out.keywords.insert(keyword);
    if (keyword == "AUTH" && end != std::string::npos) {
      std::size_t at = end + 1;
      while (at < line.size()) {
        const std::size_t next = line.find(' ', at);
        out.auth.insert(line.substr(at, next - at));
        if (next == std::string::npos) break;
        at = next + 1;
      }
    }
  }
  return out;
}

// A refused sign-in is a setting to fix: retried (Unavailable), so no message is dropped.
Status SignInRefused(const Status& status, const std::string& user) {
  if (status.ok() || status.code() == ErrorCode::kUnavailable) return status;
  return Status::Unavailable("the relay refused the sign-in as \"" + user +
                             "\": " + status.log_message());
}

}  // namespace

Status SmtpTransport::Send(const domain::MailMessage& message,
                           const domain::DeliveryHeaders& headers) {
  if (!domain::IsValidMailAddress(message.to)) {
    return Status::InvalidArgument("\"" + message.to + "\" is not a mail address", "to");
  }
  const SmtpRelay& relay = options_.relay;
  Conversation smtp(options_);
  PAIRWISE_RETURN_IF_ERROR(smtp.Connect());
  if (relay.implicit_tls) PAIRWISE_RETURN_IF_ERROR(smtp.StartTls());
  PAIRWISE_RETURN_IF_ERROR(smtp.Step("the greeting", "", {220}));
  Reply ehlo;
  Status hello = smtp.Step("EHLO", "EHLO " + options_.helo_name, {250}, &ehlo);
  const bool needs_tls = relay.starttls == StartTls::kRequired || !relay.user.empty();
  if (!hello.ok()) {
    // An old relay without ESMTP: plain HELO, and then neither STARTTLS nor AUTH.
    if (hello.code() != ErrorCode::kInvalidArgument || (needs_tls && !smtp.secure())) {
      return hello;
    }
    PAIRWISE_RETURN_IF_ERROR(smtp.Step("HELO", "HELO " + options_.helo_name, {250}));
  }
  Capabilities can = ReadCapabilities(ehlo);
  if (!smtp.secure() && relay.starttls != StartTls::kNever &&
      (can.keywords.count("STARTTLS") || needs_tls)) {
    if (!can.keywords.count("STARTTLS")) {
      return Status::Unavailable(
          options_.relay.host + " does not offer STARTTLS, which " +
          (relay.user.empty() ? "PAIRWISE_SMTP requires" : "signing in requires"));
    }
    PAIRWISE_RETURN_IF_ERROR(smtp.Step("STARTTLS", "STARTTLS", {220}));
    PAIRWISE_RETURN_IF_ERROR(smtp.StartTls());
    PAIRWISE_RETURN_IF_ERROR(
        smtp.Step("EHLO after STARTTLS", "EHLO " + options_.helo_name, {250}, &ehlo));
    can = ReadCapabilities(ehlo);
  }
  if (!relay.user.empty()) {
    if (!smtp.secure()) {
      return Status::Unavailable("not signing in to " + relay.host + " without TLS");
    }
    if (can.auth.count("PLAIN")) {
      const std::string plain = std::string(1, '\0') + relay.user + '\0' + relay.password;
      PAIRWISE_RETURN_IF_ERROR(SignInRefused(
          smtp.Step("AUTH PLAIN", "AUTH PLAIN " + crypto::Base64(plain), {235}), relay.user));
    } else if (can.auth.count("LOGIN")) {
      PAIRWISE_RETURN_IF_ERROR(
          SignInRefused(smtp.Step("AUTH LOGIN", "AUTH LOGIN", {334}), relay.user));
      PAIRWISE_RETURN_IF_ERROR(
          SignInRefused(smtp.Step("the user name", crypto::Base64(relay.user), {334}), relay.user));
      PAIRWISE_RETURN_IF_ERROR(SignInRefused(
          smtp.Step("the password", crypto::Base64(relay.password), {235}), relay.user));
    } else {
      return Status::Unavailable(relay.host + " offers no sign-in Pairwise speaks (AUTH PLAIN " +
                                 "or LOGIN)");
    }
  }
  const bool eight_bit = can.keywords.count("8BITMIME") > 0;
  PAIRWISE_RETURN_IF_ERROR(smtp.Step(
      "MAIL FROM",
      "MAIL FROM:<" + options_.from.address + ">" + (eight_bit ? " BODY=8BITMIME" : ""), {250}));
  PAIRWISE_RETURN_IF_ERROR(smtp.Step("RCPT TO", "RCPT TO:<" + message.to + ">", {250, 251}));
  PAIRWISE_RETURN_IF_ERROR(smtp.Step("DATA", "DATA", {354}));
  const std::string body =
      DotStuff(FormatMessage(message, options_.from, headers, clock_.Now())) + ".";
  PAIRWISE_RETURN_IF_ERROR(smtp.Step("the message", body, {250}));
  // Accepted: a failing QUIT changes nothing.
  (void)smtp.Step("QUIT", "QUIT", {221});
  smtp.Close();
  return Status::Ok();
}

}  // namespace pairwise::mail
