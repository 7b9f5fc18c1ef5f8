// The SMTP client and the sender against a real SMTP server: aiosmtpd (Debian's
// python3-aiosmtpd) on loopback, started by each test through smtp_sink.py, which writes every
// message it accepts to a directory that the tests read.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "domain/mail/mail_service.h"
#include "mail/mail_sender.h"
#include "mail/smtp_client.h"
#include "smtp_sink.h"
#include "storage/memory/memory_mail_outbox.h"

namespace pairwise::mail {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::FreePort;
using testing::kPython;
using testing::SmtpSink;

SmtpOptions Options(uint16_t port, milliseconds timeout = milliseconds(5000)) {
  SmtpOptions options;
  options.relay.host = "127.0.0.1";
  options.relay.port = port;
  options.from = *ParseMailbox(std::string(kDefaultMailFrom));
  options.timeout = timeout;
  return options;
}

domain::MailMessage Invitation() {
  return domain::MailMessage{"ada@example.com", "Willkommen bei Pairwise, Jürgen",
                             "Hello Ada,\n.this line starts with a dot\n..and this with two\n"
                             "Ünïcödé body\n\nBye\n",
                             "invitation"};
}

class SmtpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kPython)) GTEST_SKIP() << "no " << kPython;
  }
  SystemClock clock_;
};

TEST_F(SmtpTest, DeliversAWellFormedMessage) {
  const uint16_t port = FreePort();
  SmtpSink sink(port);
  ASSERT_TRUE(sink.ready()) << "aiosmtpd did not start (apt-get install python3-aiosmtpd)";
  SmtpTransport transport(Options(port), clock_);
  Status sent = transport.Send(Invitation(), {"outbox-1-42"});
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  const std::string data = sink.Message(1);
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(sink.Envelope(1), "no-reply@pairwise.localhost\nada@example.com\n");
  const std::string headers = data.substr(0, data.find("\r\n\r\n") + 2);
  const std::string body = data.substr(data.find("\r\n\r\n") + 4);
  EXPECT_NE(headers.find("From: \"Pairwise\" <no-reply@pairwise.localhost>\r\n"),
            std::string::npos);
  EXPECT_NE(headers.find("To: ada@example.com\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Subject: =?UTF-8?B?V2lsbGtvbW1lbiBiZWkgUGFpcndpc2UsIErDvHJnZW4=?=\r\n"),
            std::string::npos)
      << headers;
  EXPECT_NE(headers.find("Message-ID: <outbox-1-42@pairwise.localhost>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Content-Type: multipart/alternative; boundary="), std::string::npos);
  EXPECT_NE(headers.find("Date: " + FormatRfc5322Date(clock_.Now()).substr(0, 5)),
            std::string::npos);
  // The server undid the dot-stuffing: the text part is the text as written, with CRLF.
  EXPECT_NE(body.find("Content-Type: text/plain; charset=utf-8\r\n"
                      "Content-Transfer-Encoding: 8bit\r\n\r\n"
                      "Hello Ada,\r\n.this line starts with a dot\r\n..and this with two\r\n"
                      "\xC3\x9Cn\xC3\xAF\x63\xC3\xB6\x64\xC3\xA9 body\r\n\r\nBye\r\n\r\n--"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("Content-Type: text/html; charset=utf-8\r\n"), std::string::npos);
}

TEST_F(SmtpTest, PermanentRefusalIsNotRetried) {
  const uint16_t port = FreePort();
  SmtpSink sink(port, 550);
  ASSERT_TRUE(sink.ready());
  SmtpTransport transport(Options(port), clock_);
  Status sent = transport.Send(Invitation(), {"x"});
  EXPECT_EQ(sent.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(sent.reason(), "smtp_rejected");
  EXPECT_NE(sent.log_message().find("550"), std::string::npos) << sent.log_message();
  EXPECT_NE(sent.log_message().find("RCPT TO"), std::string::npos) << sent.log_message();

  storage::MemoryMailOutbox outbox;
  domain::MailService service(outbox, clock_);
  ASSERT_TRUE(service.Enqueue(Invitation()).ok());
  auto round = service.DeliverDue(&transport, "t");
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->failed, 1);
  auto mail = outbox.Get(domain::MailId(1));
  EXPECT_EQ(mail->status, domain::MailStatus::kFailed);
  EXPECT_NE(mail->last_error.find("550"), std::string::npos);
  EXPECT_EQ(sink.Count(), 0);
}

TEST_F(SmtpTest, TemporaryRefusalIsRetried) {
  const uint16_t port = FreePort();
  SmtpSink sink(port, 451);
  ASSERT_TRUE(sink.ready());
  SmtpTransport transport(Options(port), clock_);
  Status sent = transport.Send(Invitation(), {"x"});
  EXPECT_EQ(sent.code(), ErrorCode::kUnavailable);
  EXPECT_NE(sent.log_message().find("451"), std::string::npos) << sent.log_message();
}

TEST_F(SmtpTest, RelayDownThenUpRetriesWithBackoffAndDelivers) {
  const uint16_t port = FreePort();
  FakeClock clock(clock_.Now());
  storage::MemoryMailOutbox outbox;
  domain::MailService service(outbox, clock);
  SmtpTransport transport(Options(port), clock);
  ASSERT_TRUE(service.Enqueue(Invitation()).ok());

  // Nobody listens.
  auto round = service.DeliverDue(&transport, "t");
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->retried, 1);
  auto mail = outbox.Get(domain::MailId(1));
  EXPECT_EQ(mail->status, domain::MailStatus::kQueued);
  EXPECT_EQ(mail->attempts, 1);
  EXPECT_NE(mail->last_error.find("cannot connect"), std::string::npos) << mail->last_error;
  EXPECT_EQ(mail->next_attempt_at, clock.Now() + std::chrono::minutes(1));

  SmtpSink sink(port);
  ASSERT_TRUE(sink.ready());
  // Not due yet: the backoff holds even though the relay is back.
  EXPECT_EQ(service.DeliverDue(&transport, "t")->claimed, 0);
  clock.Advance(std::chrono::minutes(1));
  round = service.DeliverDue(&transport, "t");
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->sent, 1);
  mail = outbox.Get(domain::MailId(1));
  EXPECT_EQ(mail->status, domain::MailStatus::kSent);
  EXPECT_EQ(mail->attempts, 2);
  EXPECT_NE(sink.Message(1).find("To: ada@example.com\r\n"), std::string::npos);
}

TEST_F(SmtpTest, SilentRelayTimesOut) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  boost::asio::ip::tcp::socket peer(io);
  std::thread accept([&] {
    boost::system::error_code ignored;
    acceptor.accept(peer, ignored);  // and never says a word
  });
  SmtpTransport transport(Options(acceptor.local_endpoint().port(), milliseconds(300)), clock_);
  const auto start = std::chrono::steady_clock::now();
  Status sent = transport.Send(Invitation(), {"x"});
  const auto took = std::chrono::steady_clock::now() - start;
  accept.join();
  EXPECT_EQ(sent.code(), ErrorCode::kUnavailable);
  EXPECT_NE(sent.log_message().find("timed out"), std::string::npos) << sent.log_message();
  EXPECT_NE(sent.log_message().find("greeting"), std::string::npos) << sent.log_message();
  EXPECT_LT(took, seconds(3));
}

// A peer that answers with `greeting` and then closes (or, with `keep_open`, waits for the
// client to close).
Status SendToPeerSaying(const std::string& greeting, const Clock& clock, bool keep_open = false) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  std::thread peer([&] {
    boost::asio::ip::tcp::socket socket(io);
    boost::system::error_code ignored;
    acceptor.accept(socket, ignored);
    boost::asio::write(socket, boost::asio::buffer(greeting), ignored);
    if (keep_open) {
      char sink[256];
      while (!ignored) socket.read_some(boost::asio::buffer(sink), ignored);
    }
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
  });
  SmtpTransport transport(Options(acceptor.local_endpoint().port(), milliseconds(2000)), clock);
  Status sent = transport.Send(Invitation(), {"x"});
  peer.join();
  return sent;
}

TEST_F(SmtpTest, PeersThatDoNotSpeakSmtpAreTemporaryFailures) {
  Status http = SendToPeerSaying("HTTP/1.1 400 Bad Request\r\n\r\n", clock_);
  EXPECT_EQ(http.code(), ErrorCode::kUnavailable);
  EXPECT_NE(http.log_message().find("does not speak SMTP"), std::string::npos)
      << http.log_message();
  // A line that never ends is cut off, not buffered without bound.
  const auto start = std::chrono::steady_clock::now();
  Status endless = SendToPeerSaying(std::string(200 * 1024, 'x'), clock_, true);
  EXPECT_EQ(endless.code(), ErrorCode::kUnavailable) << endless.ToString();
  EXPECT_EQ(endless.log_message().find("timed out"), std::string::npos) << endless.log_message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(1500));
  // A greeting and then nothing: the connection drops.
  Status dropped = SendToPeerSaying("220 hello\r\n", clock_);
  EXPECT_EQ(dropped.code(), ErrorCode::kUnavailable);
  EXPECT_NE(dropped.log_message().find("EHLO"), std::string::npos) << dropped.log_message();
}

TEST_F(SmtpTest, SenderThreadDeliversAndStopsCleanly) {
  const uint16_t port = FreePort();
  SmtpSink sink(port);
  ASSERT_TRUE(sink.ready());
  storage::MemoryMailOutbox outbox;
  domain::MailService service(outbox, clock_);
  SmtpTransport transport(Options(port), clock_);
  MailSender sender(service, &transport, UniqueClaimerName(), milliseconds(50));
  sender.Start();
  for (int i = 0; i < 3; ++i) {
    domain::MailMessage m = Invitation();
    m.to = "person" + std::to_string(i) + "@example.com";
    ASSERT_TRUE(service.Enqueue(m).ok());
  }
  sender.Wake();
  EXPECT_FALSE(sink.Message(3).empty());
  sender.Stop();
  for (int i = 1; i <= 3; ++i) {
    auto mail = outbox.Get(domain::MailId(i));
    EXPECT_EQ(mail->status, domain::MailStatus::kSent) << i;
  }
  EXPECT_EQ(sink.Count(), 3);
}

TEST_F(SmtpTest, WithoutRelayTheSenderHoldsMail) {
  storage::MemoryMailOutbox outbox;
  domain::MailService service(outbox, clock_);
  MailSender sender(service, nullptr, "t", milliseconds(20));
  ASSERT_TRUE(service.Enqueue(Invitation()).ok());
  sender.Start();
  const auto deadline = std::chrono::steady_clock::now() + seconds(5);
  while (outbox.Get(domain::MailId(1))->status == domain::MailStatus::kQueued &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  sender.Stop();
  EXPECT_EQ(outbox.Get(domain::MailId(1))->status, domain::MailStatus::kHeld);
}

// ---- TLS and AUTH, as Office 365, Gmail and Amazon SES require them ----

class SmtpTlsTest : public SmtpTest {
 protected:
  void SetUp() override {
    SmtpTest::SetUp();
    if (IsSkipped()) return;
    certs_ = fs::temp_directory_path() / ("pairwise-certs-" + std::to_string(getpid()));
    ASSERT_TRUE(testing::MakeCertificate(certs_, "localhost")) << "the openssl command failed";
    ASSERT_TRUE(testing::MakeCertificate(certs_, "impostor"));
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(certs_, ignored);
  }
  // The sink's certificate is for "localhost" and 127.0.0.1; the client trusts only it.
  testing::SinkSecurity Security(std::string tls, std::string auth = "") {
    testing::SinkSecurity security;
    security.tls = std::move(tls);
    security.cert = (certs_ / "localhost").string();
    security.auth = std::move(auth);
    return security;
  }
  SmtpOptions Secure(uint16_t port, std::string user = "", std::string password = "") {
    SmtpOptions options = Options(port);
    options.relay.ca_file = (certs_ / "localhost.pem").string();
    options.relay.user = std::move(user);
    options.relay.password = std::move(password);
    if (!options.relay.user.empty()) options.relay.starttls = StartTls::kRequired;
    return options;
  }
  fs::path certs_;
};

TEST_F(SmtpTlsTest, StartTlsThenAuthPlain) {
  const uint16_t port = FreePort();
  SmtpSink sink(port, 0, Security("starttls", "mailer:s3cret pass"));
  ASSERT_TRUE(sink.ready());
  SmtpTransport transport(Secure(port, "mailer", "s3cret pass"), clock_);
  Status sent = transport.Send(Invitation(), {"tls-1"});
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  EXPECT_NE(sink.Message(1).find("Message-ID: <tls-1@"), std::string::npos);
  EXPECT_EQ(sink.SignedIn(1), "mailer\n");
}

TEST_F(SmtpTlsTest, AuthLoginWhenPlainIsNotOffered) {
  const uint16_t port = FreePort();
  testing::SinkSecurity security = Security("starttls", "mailer:pw");
  security.auth_exclude = "PLAIN";
  SmtpSink sink(port, 0, security);
  ASSERT_TRUE(sink.ready());
  SmtpTransport transport(Secure(port, "mailer", "pw"), clock_);
  Status sent = transport.Send(Invitation(), {"tls-2"});
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  EXPECT_EQ(sink.SignedIn(1), "mailer\n");
}

TEST_F(SmtpTlsTest, ImplicitTls) {
  const uint16_t port = FreePort();
  SmtpSink sink(port, 0, Security("implicit", "mailer:pw"));
  ASSERT_TRUE(sink.ready());
  SmtpOptions options = Secure(port, "mailer", "pw");
  options.relay.implicit_tls = true;
  SmtpTransport transport(options, clock_);
  Status sent = transport.Send(Invitation(), {"tls-3"});
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  EXPECT_EQ(sink.SignedIn(1), "mailer\n");
}

TEST_F(SmtpTlsTest, ACertificateNotTrustedIsRefusedBeforeAnythingIsSent) {
  const uint16_t port = FreePort();
  SmtpSink sink(port, 0, Security("starttls", "mailer:pw"));
  ASSERT_TRUE(sink.ready());
  for (bool wrong_name : {false, true}) {
    SmtpOptions options = Secure(port, "mailer", "pw");
    if (wrong_name) {
      // The right certificate, reached under a name it does not carry.
      options.relay.host = "localhost.localdomain";
      options.relay.ca_file = (certs_ / "localhost.pem").string();
    } else {
      options.relay.ca_file = (certs_ / "impostor.pem").string();
    }
    SmtpTransport transport(options, clock_);
    Status sent = transport.Send(Invitation(), {"tls-4"});
    EXPECT_EQ(sent.code(), ErrorCode::kUnavailable) << sent.ToString();
    if (!wrong_name) {
      EXPECT_NE(sent.log_message().find("not trusted"), std::string::npos) << sent.ToString();
    }
  }
  EXPECT_EQ(sink.Count(), 0);
}

TEST_F(SmtpTlsTest, AWrongPasswordIsRetriedAndNeverLogged) {
  const uint16_t port = FreePort();
  SmtpSink sink(port, 0, Security("starttls", "mailer:right"));
  ASSERT_TRUE(sink.ready());
  SmtpTransport transport(Secure(port, "mailer", "wrong-Pa55"), clock_);
  Status sent = transport.Send(Invitation(), {"tls-5"});
  EXPECT_EQ(sent.code(), ErrorCode::kUnavailable) << sent.ToString();
  EXPECT_NE(sent.log_message().find("refused the sign-in as \"mailer\""), std::string::npos)
      << sent.ToString();
  EXPECT_EQ(sent.ToString().find("wrong-Pa55"), std::string::npos);
  EXPECT_EQ(sink.Count(), 0);
}

TEST_F(SmtpTlsTest, RequiredTlsIsNeverSkipped) {
  // A relay that offers no STARTTLS: nothing is sent when TLS is required or a password is set.
  const uint16_t port = FreePort();
  SmtpSink sink(port);
  ASSERT_TRUE(sink.ready());
  SmtpOptions required = Options(port);
  required.relay.starttls = StartTls::kRequired;
  Status sent = SmtpTransport(required, clock_).Send(Invitation(), {"tls-6"});
  EXPECT_EQ(sent.code(), ErrorCode::kUnavailable);
  EXPECT_NE(sent.log_message().find("does not offer STARTTLS"), std::string::npos);
  sent = SmtpTransport(Secure(port, "mailer", "pw"), clock_).Send(Invitation(), {"tls-7"});
  EXPECT_EQ(sent.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(sink.Count(), 0);
  // STARTTLS is used when offered (auto), and plain relays still work.
  sent = SmtpTransport(Options(port), clock_).Send(Invitation(), {"tls-8"});
  EXPECT_TRUE(sent.ok()) << sent.ToString();
  const uint16_t tls_port = FreePort();
  SmtpSink tls_sink(tls_port, 0, Security("starttls"));
  ASSERT_TRUE(tls_sink.ready());
  SmtpOptions automatic = Secure(tls_port);
  EXPECT_EQ(automatic.relay.starttls, StartTls::kAuto);
  sent = SmtpTransport(automatic, clock_).Send(Invitation(), {"tls-9"});
  EXPECT_TRUE(sent.ok()) << sent.ToString();  // the sink requires STARTTLS: it was used
}

}  // namespace
}  // namespace pairwise::mail
