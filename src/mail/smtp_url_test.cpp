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
       {"", "localhost:25", "smtps://host:465", "http://host", "smtp://", "smtp://:25",
        "smtp://host:", "smtp://host:0", "smtp://host:70000", "smtp://host:2x",
        "smtp://user@host:25", "smtp://host:25/path", "smtp://[::1", "smtp://ho st:25"}) {
    auto relay = ParseSmtpUrl(bad);
    EXPECT_FALSE(relay.ok()) << bad;
    if (!relay.ok()) {
      EXPECT_EQ(relay.status().code(), ErrorCode::kInvalidArgument);
      EXPECT_EQ(relay.status().field(), "smtp");
    }
  }
}

}  // namespace
}  // namespace pairwise::mail
