#include "api/handlers/session_auth_gate.h"

#include <gtest/gtest.h>

namespace pairwise::api {
namespace {

HttpRequest With(std::vector<std::pair<std::string, std::string>> headers) {
  HttpRequest r;
  r.headers = std::move(headers);
  return r;
}

TEST(SessionAuthGateHelpers, ReadsTheSessionCookieAmongOthers) {
  EXPECT_EQ(SessionCookieValue(With({{"cookie", "a=1; pw_session=abc; b=2"}})), "abc");
  EXPECT_EQ(SessionCookieValue(With({{"cookie", "pw_session=xyz"}})), "xyz");
  EXPECT_EQ(SessionCookieValue(With({{"cookie", "a=1"}, {"cookie", "pw_session=two"}})), "two");
  EXPECT_FALSE(SessionCookieValue(With({{"cookie", "pw_session_x=abc; pw_session="}})));
  EXPECT_FALSE(SessionCookieValue(With({})));
}

TEST(SessionAuthGateHelpers, ReadsBearerTokens) {
  EXPECT_EQ(BearerToken(With({{"authorization", "Bearer pw_abc"}})), "pw_abc");
  EXPECT_EQ(BearerToken(With({{"authorization", "bearer  pw_abc "}})), "pw_abc");
  EXPECT_FALSE(BearerToken(With({{"authorization", "Basic dXNlcjpwdw=="}})));
  EXPECT_FALSE(BearerToken(With({{"authorization", "Bearer "}})));
}

TEST(SessionAuthGateHelpers, CookieAttributesFollowTheTransport) {
  const std::string plain = SessionCookieHeader(With({}), "tok", 60);
  EXPECT_EQ(plain, "pw_session=tok; Max-Age=60; Path=/; HttpOnly; SameSite=Lax");
  const std::string tls = SessionCookieHeader(With({{"x-forwarded-proto", "HTTPS"}}), "tok", 60);
  EXPECT_EQ(tls, "pw_session=tok; Max-Age=60; Path=/; HttpOnly; SameSite=Lax; Secure");
  EXPECT_EQ(ClearSessionCookieHeader(With({})),
            "pw_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
}

TEST(SessionAuthGateHelpers, SameOriginCheck) {
  EXPECT_TRUE(CheckSameOrigin(With({{"host", "pairwise.example"}})).ok());
  EXPECT_TRUE(
      CheckSameOrigin(With({{"host", "pairwise.example"}, {"origin", "https://pairwise.example"}}))
          .ok());
  EXPECT_TRUE(
      CheckSameOrigin(With({{"host", "localhost:8080"}, {"origin", "http://localhost:8080"}}))
          .ok());
  EXPECT_EQ(CheckSameOrigin(With({{"host", "localhost:8080"}, {"origin", "http://localhost:5173"}}))
                .ClientCode(),
            "origin");
  EXPECT_EQ(
      CheckSameOrigin(With({{"host", "pairwise.example"}, {"origin", "https://evil.example"}}))
          .ClientCode(),
      "origin");
  EXPECT_EQ(CheckSameOrigin(With({{"host", "pairwise.example"}, {"origin", "null"}})).ClientCode(),
            "origin");
  EXPECT_TRUE(CheckSameOrigin(With({{"host", "internal:8080"},
                                    {"x-forwarded-host", "pairwise.example"},
                                    {"origin", "https://pairwise.example"}}))
                  .ok());
}

}  // namespace
}  // namespace pairwise::api
