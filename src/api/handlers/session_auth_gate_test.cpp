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
  EXPECT_TRUE(CheckSameOrigin(With({{"host", "pairwise.example"},
                                    {"x-forwarded-proto", "https"},
                                    {"origin", "https://pairwise.example"}}))
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
                                    {"x-forwarded-proto", "https"},
                                    {"origin", "https://pairwise.example"}}))
                  .ok());
}

TEST(SessionAuthGateHelpers, SameOriginIsSchemeHostAndPortExactly) {
  auto check = [](std::vector<std::pair<std::string, std::string>> headers,
                  SourceRequired required = SourceRequired::kYes) {
    return CheckSameOrigin(With(std::move(headers)), required).ok();
  };
  // Scheme: served over plain HTTP, an https Origin is another origin, and the reverse.
  EXPECT_FALSE(check({{"host", "pairwise.example"}, {"origin", "https://pairwise.example"}}));
  EXPECT_FALSE(check({{"host", "pairwise.example"},
                      {"x-forwarded-proto", "https"},
                      {"origin", "http://pairwise.example"}}));
  // Port: explicit default ports are the same origin; other ports are not.
  EXPECT_TRUE(check({{"host", "pairwise.example:80"}, {"origin", "http://pairwise.example"}}));
  EXPECT_TRUE(check({{"host", "pairwise.example"},
                     {"x-forwarded-proto", "https"},
                     {"origin", "https://pairwise.example:443"}}));
  EXPECT_FALSE(check({{"host", "pairwise.example"}, {"origin", "http://pairwise.example:8080"}}));
  EXPECT_FALSE(check({{"host", "pairwise.example:8443"},
                      {"x-forwarded-proto", "https"},
                      {"origin", "https://pairwise.example"}}));
  // Host: case does not matter; a suffix or prefix is another host.
  EXPECT_TRUE(check({{"host", "Pairwise.Example"}, {"origin", "http://pairwise.example"}}));
  EXPECT_FALSE(check({{"host", "pairwise.example"}, {"origin", "http://pairwise.example.evil"}}));
  EXPECT_FALSE(check({{"host", "pairwise.example"}, {"origin", "http://evil@pairwise.example"}}));
  EXPECT_TRUE(check({{"host", "[::1]:8080"}, {"origin", "http://[::1]:8080"}}));
  EXPECT_FALSE(check({{"host", "[::1]:8080"}, {"origin", "http://[::1]:8081"}}));
  // Without Origin the Referer's origin counts; without either the request is refused when a
  // source is required.
  EXPECT_TRUE(check({{"host", "localhost:8080"}, {"referer", "http://localhost:8080/people?q=1"}}));
  EXPECT_FALSE(check({{"host", "localhost:8080"}, {"referer", "http://localhost:5173/people"}}));
  EXPECT_FALSE(check({{"host", "localhost:8080"}}));
  EXPECT_TRUE(check({{"host", "localhost:8080"}}, SourceRequired::kNo));
  EXPECT_FALSE(check({{"host", "localhost:8080"}, {"origin", "null"}}, SourceRequired::kNo));
  // No Host to compare with: refused.
  EXPECT_FALSE(check({{"origin", "http://localhost:8080"}}));
}

}  // namespace
}  // namespace pairwise::api
