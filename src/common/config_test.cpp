#include "common/config.h"

#include <gtest/gtest.h>

namespace pairwise {
namespace {

TEST(ListenAddressTest, ParsesHostAndPort) {
  auto a = ParseListenAddress("127.0.0.1:8080");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8080);
  auto b = ParseListenAddress("[::1]:9000");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->host, "::1");
  auto c = ParseListenAddress(":80");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->host, "0.0.0.0");
}

TEST(ListenAddressTest, RefusesBadPorts) {
  for (const char* bad : {"localhost", "host:", "host:70000", "host:8o8o", "[]:80", "h:-1"}) {
    auto r = ParseListenAddress(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().field(), "listen") << bad;
  }
}

TEST(DatabaseUrlTest, Sqlite) {
  auto r = ParseDatabaseUrl("sqlite:./pairwise.db");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, DatabaseKind::kSqlite);
  EXPECT_EQ(r->target, "./pairwise.db");
  auto mem = ParseDatabaseUrl("sqlite://:memory:");
  ASSERT_TRUE(mem.ok());
  EXPECT_EQ(mem->target, ":memory:");
  EXPECT_FALSE(ParseDatabaseUrl("sqlite:").ok());
}

TEST(DatabaseUrlTest, PostgresqlRedactsPassword) {
  auto r = ParseDatabaseUrl("postgresql://app:s3cret@127.0.0.1:5432/pairwise");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, DatabaseKind::kPostgresql);
  EXPECT_EQ(r->target, "postgresql://app:s3cret@127.0.0.1:5432/pairwise");
  EXPECT_EQ(r->redacted, "postgresql://app:***@127.0.0.1:5432/pairwise");
}

TEST(DatabaseUrlTest, RefusesOtherSchemes) {
  auto r = ParseDatabaseUrl("mysql://x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "database");
}

}  // namespace
}  // namespace pairwise
