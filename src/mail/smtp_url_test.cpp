#include <gtest/gtest.h>

#include "mail/smtp_client.h"

namespace pairwise::mail {
namespace {

TEST(SmtpUrlTest, ParsesHostAndPort) {
  auto relay = ParseSmtpUrl("smtp://mail.example.com:2525");
  ASSERT_TRUE(relay.ok());
  EXPECT_EQ(relay->host, "mail.example.com");
  EXPECT_EQ(relay->port, 2525);
  relay = ParseSmtpUrl("smtp://localhost");
  ASSERT_TRUE(relay.ok());
  EXPECT_EQ(relay->port, 25);
  relay = ParseSmtpUrl("smtp://[::1]:1025/");
  ASSERT_TRUE(relay.ok());
  EXPECT_EQ(relay->host, "::1");
  EXPECT_EQ(relay->port, 1025);
}

TEST(SmtpUrlTest, RefusesBadValues) {
  for (const char* bad :
       {"", "localhost:25", "http://host", "smtp://", "smtp://:25", "smtp://host:", "smtp://host:0",
        "smtp://host:70000", "smtp://host:2x", "smtp://host:25/path", "smtp://[::1",
        "smtp://ho st:25", "smtp://host?starttls=maybe", "smtp://host?tls=1", "smtp://host#x",
        "smtp://:pass@host", "smtp://u:p@host?starttls=never", "smtps://host?starttls=never"}) {
    auto relay = ParseSmtpUrl(bad);
    EXPECT_FALSE(relay.ok()) << bad;
    if (!relay.ok()) {
      EXPECT_EQ(relay.status().code(), ErrorCode::kInvalidArgument);
      EXPECT_EQ(relay.status().field(), "smtp");
    }
  }
}

TEST(SmtpUrlTest, ReadsTlsAndSignIn) {
  auto relay = ParseSmtpUrl("smtp://apikey:s%40cret%3Aword@smtp.example.com:587?starttls=required");
  ASSERT_TRUE(relay.ok()) << relay.status().ToString();
  EXPECT_EQ(relay->host, "smtp.example.com");
  EXPECT_EQ(relay->port, 587);
  EXPECT_EQ(relay->user, "apikey");
  EXPECT_EQ(relay->password, "s@cret:word");
  EXPECT_FALSE(relay->implicit_tls);
  EXPECT_EQ(relay->starttls, StartTls::kRequired);

  // Implicit TLS on 465 by default; a CA file to trust instead of the system's.
  relay = ParseSmtpUrl("smtps://relay.example.com?ca_file=%2Fetc%2Fpairwise%2Fca.pem");
  ASSERT_TRUE(relay.ok()) << relay.status().ToString();
  EXPECT_TRUE(relay->implicit_tls);
  EXPECT_EQ(relay->port, 465);
  EXPECT_EQ(relay->ca_file, "/etc/pairwise/ca.pem");
  EXPECT_TRUE(relay->user.empty());

  // Without a user, STARTTLS is used when offered unless told otherwise.
  relay = ParseSmtpUrl("smtp://localhost:1025");
  ASSERT_TRUE(relay.ok());
  EXPECT_EQ(relay->starttls, StartTls::kAuto);
  relay = ParseSmtpUrl("SMTP://localhost:1025?starttls=never");
  ASSERT_TRUE(relay.ok());
  EXPECT_EQ(relay->starttls, StartTls::kNever);

  // A user makes TLS required: a password never travels in clear.
  relay = ParseSmtpUrl("smtp://user@[::1]:2525");
  ASSERT_TRUE(relay.ok());
  EXPECT_EQ(relay->host, "::1");
  EXPECT_EQ(relay->starttls, StartTls::kRequired);
}

}  // namespace
}  // namespace pairwise::mail
