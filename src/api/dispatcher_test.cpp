#include "api/dispatcher.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace pairwise::api {
namespace {

nlohmann::json Body(const HttpResponse& r) { return nlohmann::json::parse(r.body); }

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() : dispatcher_(router_, 1024) {
    router_.Add(HttpMethod::kPost, "/api/v1/echo", [](const HttpRequest& req, const PathParams&) {
      return HttpResponse::Json(200, *req.json);
    });
    router_.Add(HttpMethod::kGet, "/api/v1/things/{id}",
                [](const HttpRequest& req, const PathParams& params) {
                  return HttpResponse::Json(200, {{"id", params.Get("id")},
                                                  {"q", std::string(req.Query("q").value_or(""))}});
                },
                {.body = BodyKind::kNone});
    router_.Add(HttpMethod::kPost, "/api/v1/upload",
                [](const HttpRequest& req, const PathParams&) {
                  return HttpResponse::Json(200, {{"bytes", req.body.size()}});
                },
                {.body = BodyKind::kRaw, .max_body = 4096});
    router_.Add(HttpMethod::kGet, "/api/v1/boom",
                [](const HttpRequest&, const PathParams&) -> HttpResponse {
                  throw std::runtime_error("bug");
                });
    router_.SetFallback([](const HttpRequest& req, const PathParams&) {
      return HttpResponse::Json(200, {{"static", req.path}});
    });
  }

  HttpResponse Send(HttpMethod method, std::string target, std::string body = {},
                    std::string content_type = "application/json") {
    HttpRequest req;
    req.method = method;
    req.target = std::move(target);
    req.body = std::move(body);
    req.request_id = "req-1";
    if (!content_type.empty()) req.headers.emplace_back("content-type", content_type);
    return dispatcher_.Handle(req);
  }

  Router router_;
  Dispatcher dispatcher_;
};

TEST_F(DispatcherTest, PassesParsedJsonAndParams) {
  auto r = Send(HttpMethod::kPost, "/api/v1/echo", R"({"a":1})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["a"], 1);
  auto t = Send(HttpMethod::kGet, "/api/v1/things/x%20y?q=a%26b", "", "");
  EXPECT_EQ(t.status, 200);
  EXPECT_EQ(Body(t)["id"], "x y");
  EXPECT_EQ(Body(t)["q"], "a&b");
}

TEST_F(DispatcherTest, MalformedJsonIs400) {
  for (const char* bad : {"{", "", "{\"a\":}", "\xff\xfe"}) {
    auto r = Send(HttpMethod::kPost, "/api/v1/echo", bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(Body(r)["error"]["code"], "malformed_json");
  }
}

TEST_F(DispatcherTest, WrongContentTypeIs415) {
  EXPECT_EQ(Send(HttpMethod::kPost, "/api/v1/echo", "{}", "text/plain").status, 415);
  EXPECT_EQ(Send(HttpMethod::kPost, "/api/v1/echo", "{}", "").status, 415);
  EXPECT_EQ(Send(HttpMethod::kPost, "/api/v1/echo", "{}", "application/json; charset=utf-8").status,
            200);
  EXPECT_EQ(Send(HttpMethod::kPost, "/api/v1/echo", "{}", "application/scim+json").status, 200);
  // Raw routes take any content type.
  EXPECT_EQ(Send(HttpMethod::kPost, "/api/v1/upload", "a,b\n", "text/csv").status, 200);
}

TEST_F(DispatcherTest, UnknownRouteIs404AndWrongMethodIs405WithAllow) {
  auto r = Send(HttpMethod::kGet, "/api/v1/nothing", "", "");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Body(r)["error"]["code"], "not_found");
  auto m = Send(HttpMethod::kDelete, "/api/v1/echo", "", "");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.Header("Allow"), "POST");
  EXPECT_EQ(Body(m)["error"]["code"], "method_not_allowed");
}

TEST_F(DispatcherTest, NonApiReadsFallBackButApiPathsDoNot) {
  auto page = Send(HttpMethod::kGet, "/programs/12", "", "");
  EXPECT_EQ(Body(page)["static"], "/programs/12");
  EXPECT_EQ(Send(HttpMethod::kPost, "/programs/12", "{}").status, 404);
  EXPECT_EQ(Send(HttpMethod::kGet, "/api/v2/x", "", "").status, 404);
}

TEST_F(DispatcherTest, DotSegmentsAndBadTargetsAre400) {
  for (const char* bad : {"/../etc/passwd", "/assets/%2e%2e/secret", "/a/./b", "/a%5cb"}) {
    auto r = Send(HttpMethod::kGet, bad, "", "");
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(Body(r)["error"]["code"], "invalid_path") << bad;
  }
  auto r = Send(HttpMethod::kGet, "http://example.com/x", "", "");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["code"], "invalid_target");
}

TEST_F(DispatcherTest, HandlerExceptionIs500WithRequestId) {
  auto r = Send(HttpMethod::kGet, "/api/v1/boom", "", "");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(Body(r)["error"]["code"], "internal");
  EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("req-1"), std::string::npos);
  EXPECT_EQ(Body(r)["error"]["message"].get<std::string>().find("bug"), std::string::npos);
}

TEST_F(DispatcherTest, BodyLimitComesFromTheRoute) {
  EXPECT_EQ(dispatcher_.BodyLimitFor(HttpMethod::kPost, "/api/v1/upload"), 4096u);
  EXPECT_EQ(dispatcher_.BodyLimitFor(HttpMethod::kPost, "/api/v1/upload?x=1"), 4096u);
  EXPECT_EQ(dispatcher_.BodyLimitFor(HttpMethod::kPost, "/api/v1/echo"), 1024u);
  EXPECT_EQ(dispatcher_.BodyLimitFor(HttpMethod::kPost, "/nowhere"), 1024u);
}

}  // namespace
}  // namespace pairwise::api
