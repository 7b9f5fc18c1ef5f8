#include "mail/smtp_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <istream>
#include <optional>

#include "domain/mail/mail_service.h"

namespace pairwise::mail {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

Status BadUrl(std::string message) {
  return Status::InvalidArgument(
      "PAIRWISE_SMTP: " + std::move(message) + " (expected smtp://host:port)", "smtp");
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
  Conversation(const SmtpOptions& options) : options_(options), socket_(io_) {}

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
    asio::async_write(socket_, asio::buffer(data),
                      [&](const boost::system::error_code& ec, std::size_t) {
                        error = ec;
                        done = true;
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
      asio::async_read_until(socket_, buffer_, "\r\n",
                             [&](const boost::system::error_code& ec, std::size_t) {
                               error = ec;
                               done = true;
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
  asio::streambuf buffer_{kMaxReplyBytes};  // a relay that never ends a line cannot grow it
};

}  // namespace

Result<SmtpRelay> ParseSmtpUrl(std::string_view url) {
  constexpr std::string_view kScheme = "smtp://";
  if (url.substr(0, kScheme.size()) != kScheme) return BadUrl("unsupported scheme");
  std::string_view rest = url.substr(kScheme.size());
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find_first_of("/@?#") != std::string_view::npos) {
    return BadUrl("no user, path or query allowed");
  }
  SmtpRelay relay;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return BadUrl("unclosed [");
    relay.host = std::string(rest.substr(1, close - 1));
    rest.remove_prefix(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return BadUrl("unexpected text after ]");
      port = rest.substr(1);
      if (port.empty()) return BadUrl("empty port");
    }
  } else {
    const std::size_t colon = rest.find(':');
    relay.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = rest.substr(colon + 1);
      if (port.empty()) return BadUrl("empty port");
    }
  }
  if (relay.host.empty()) return BadUrl("empty host");
  for (char c : relay.host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '_';
    if (!ok) return BadUrl("bad character in host");
  }
  if (!port.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      return BadUrl("port must be 1 to 65535");
    }
    relay.port = static_cast<uint16_t>(value);
  }
  return relay;
}

SmtpTransport::SmtpTransport(SmtpOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

Status SmtpTransport::Send(const domain::MailMessage& message, const std::string& message_id) {
  if (!domain::IsValidMailAddress(message.to)) {
    return Status::InvalidArgument("\"" + message.to + "\" is not a mail address", "to");
  }
  Conversation smtp(options_);
  PAIRWISE_RETURN_IF_ERROR(smtp.Connect());
  PAIRWISE_RETURN_IF_ERROR(smtp.Step("the greeting", "", {220}));
  Reply ehlo;
  Status hello = smtp.Step("EHLO", "EHLO " + options_.helo_name, {250}, &ehlo);
  bool eight_bit = false;
  if (hello.ok()) {
    for (const std::string& line : ehlo.lines) {
      if (line.rfind("8BITMIME", 0) == 0) eight_bit = true;
    }
  } else if (hello.code() == ErrorCode::kInvalidArgument) {
    // An old relay without ESMTP.
    PAIRWISE_RETURN_IF_ERROR(smtp.Step("HELO", "HELO " + options_.helo_name, {250}));
  } else {
    return hello;
  }
  PAIRWISE_RETURN_IF_ERROR(smtp.Step(
      "MAIL FROM",
      "MAIL FROM:<" + options_.from.address + ">" + (eight_bit ? " BODY=8BITMIME" : ""), {250}));
  PAIRWISE_RETURN_IF_ERROR(smtp.Step("RCPT TO", "RCPT TO:<" + message.to + ">", {250, 251}));
  PAIRWISE_RETURN_IF_ERROR(smtp.Step("DATA", "DATA", {354}));
  const std::string body =
      DotStuff(FormatMessage(message, options_.from, message_id, clock_.Now())) + ".";
  PAIRWISE_RETURN_IF_ERROR(smtp.Step("the message", body, {250}));
  // Accepted: a failing QUIT changes nothing.
  (void)smtp.Step("QUIT", "QUIT", {221});
  smtp.Close();
  return Status::Ok();
}

}  // namespace pairwise::mail
