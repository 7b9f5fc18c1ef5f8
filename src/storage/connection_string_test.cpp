#include "storage/connection_string.h"

#include <gtest/gtest.h>

namespace pairwise::storage {
namespace {

TEST(PostgresConnectStringTest, ConvertsAUrlToKeywords) {
  auto c = PostgresConnectString("postgresql://alice:s3cret@db.example.com:5433/pairwise");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(*c,
            "user=alice password=s3cret host=db.example.com port=5433 dbname=pairwise "
            "connect_timeout=10 application_name=pairwise");
}

TEST(PostgresConnectStringTest, MinimalAndDefaults) {
  auto c = PostgresConnectString("postgres://127.0.0.1/x");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, "host=127.0.0.1 dbname=x connect_timeout=10 application_name=pairwise");
  auto bare = PostgresConnectString("postgresql://");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(*bare, "connect_timeout=10 application_name=pairwise");
}

TEST(PostgresConnectStringTest, DecodesPercentEncodingAndEscapes) {
  auto c = PostgresConnectString("postgresql://bob:p%40ss'w%5Cd@%2Fvar%2Frun%2Fpostgresql/db%31");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(*c,
            "user=bob password=p@ss\\'w\\\\d host=/var/run/postgresql dbname=db1 "
            "connect_timeout=10 application_name=pairwise");
}

TEST(PostgresConnectStringTest, QueryParametersAndHostLists) {
  auto c = PostgresConnectString(
      "postgresql://u@[::1]:5432,h2/"
      "db?sslmode=require&connect_timeout=3&options=-csearch_path%3Ds1");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(*c,
            "user=u host=::1,h2 port=5432, dbname=db sslmode=require connect_timeout=3 "
            "options=-csearch_path=s1 application_name=pairwise");
}

TEST(PostgresConnectStringTest, RefusesWhatSociCannotPassOn) {
  for (const char* bad : {"mysql://x/y", "postgresql://u:pa%20ss@h/db", "postgresql://h:54x2/db",
                          "postgresql://[::1/db", "postgresql://h/db?bad", "postgresql://h/db%zz",
                          "postgresql://h/db?Key=1", "postgresql://h/d b"}) {
    auto c = PostgresConnectString(bad);
    EXPECT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.status().code(), ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(c.status().field(), "database") << bad;
  }
}

TEST(PostgresConnectStringTest, ErrorsNeverShowThePassword) {
  auto c = PostgresConnectString("postgresql://u:topsecret@h:99999999/db");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().ToString().find("topsecret"), std::string::npos);
}

TEST(SqliteConnectStringTest, PassesPathsThroughAndRefusesOptionsSyntax) {
  EXPECT_EQ(*SqliteConnectString("/tmp/a b/pairwise.db"), "/tmp/a b/pairwise.db");
  EXPECT_EQ(SqliteConnectString("").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(SqliteConnectString("/tmp/a=b.db").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(SqliteConnectString("/tmp/a\"b.db").status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace pairwise::storage
