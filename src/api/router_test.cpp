#include "api/router.h"

#include <gtest/gtest.h>

namespace pairwise::api {
namespace {

Handler Answer(int status) {
  return [status](const HttpRequest&, const PathParams&) {
    HttpResponse r;
    r.status = status;
    return r;
  };
}

TEST(SplitPathTest, IgnoresEmptySegments) {
  EXPECT_EQ(SplitPath("/"), std::vector<std::string_view>{});
  EXPECT_EQ(SplitPath("/a/b/"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(SplitPath("//a"), (std::vector<std::string_view>{"a"}));
}

TEST(RouterTest, MatchesLiteralsAndParameters) {
  Router router;
  router.Add(HttpMethod::kGet, "/api/v1/people/{id}", Answer(201));
  router.Add(HttpMethod::kGet, "/api/v1/people/me", Answer(202));
  auto me = router.Find(HttpMethod::kGet, "/api/v1/people/me");
  ASSERT_NE(me.route, nullptr);
  EXPECT_EQ(me.route->pattern, "/api/v1/people/me");  // literal wins, whatever the order
  auto other = router.Find(HttpMethod::kGet, "/api/v1/people/E123");
  ASSERT_NE(other.route, nullptr);
  EXPECT_EQ(other.params.Get("id"), "E123");
  EXPECT_EQ(other.params.Get("missing"), "");
  EXPECT_EQ(router.Find(HttpMethod::kGet, "/api/v1/people").route, nullptr);
  EXPECT_EQ(router.Find(HttpMethod::kGet, "/api/v1/people/a/b").route, nullptr);
}

TEST(RouterTest, HeadUsesGetRoutes) {
  Router router;
  router.Add(HttpMethod::kGet, "/api/v1/health", Answer(200));
  EXPECT_NE(router.Find(HttpMethod::kHead, "/api/v1/health").route, nullptr);
}

TEST(RouterTest, KnownPathWithOtherMethodListsAllowed) {
  Router router;
  router.Add(HttpMethod::kGet, "/api/v1/programs", Answer(200));
  router.Add(HttpMethod::kPost, "/api/v1/programs", Answer(201));
  auto lookup = router.Find(HttpMethod::kDelete, "/api/v1/programs");
  EXPECT_EQ(lookup.route, nullptr);
  EXPECT_EQ(lookup.allowed,
            (std::vector<HttpMethod>{HttpMethod::kGet, HttpMethod::kHead, HttpMethod::kPost}));
  auto unknown = router.Find(HttpMethod::kDelete, "/api/v1/nothing");
  EXPECT_TRUE(unknown.allowed.empty());
}

TEST(RouterDeathTest, RefusesMalformedAndDuplicatePatterns) {
  Router router;
  router.Add(HttpMethod::kGet, "/a", Answer(200));
  EXPECT_DEATH(router.Add(HttpMethod::kGet, "/a", Answer(200)), "duplicate route");
  EXPECT_DEATH(router.Add(HttpMethod::kGet, "/a/{b", Answer(200)), "malformed");
  EXPECT_DEATH(router.Add(HttpMethod::kGet, "a", Answer(200)), "start with");
}

}  // namespace
}  // namespace pairwise::api
