// HTTP tests: the real application (SQLite in a temp folder) behind the real Beast server on a
// loopback port, driven over sockets.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/http_server.h"
#include "app/application.h"
#include "common/version.h"
#include "test_client.h"

namespace pairwise {
namespace {

namespace fs = std::filesystem;
using testing::ClientResponse;
using testing::TestConnection;

nlohmann::json Json(const ClientResponse& r) { return nlohmann::json::parse(r.body); }

// Starts the application's routes plus a few test-only routes that exercise the server's
// body handling (no production route takes arbitrary JSON yet).
class ServerFixture {
 public:
  explicit ServerFixture(const std::string& database_url, bool test_routes = true) {
    dir_ = fs::temp_directory_path() /
           ("pairwise-http-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "dist" / "assets");
    std::ofstream(dir_ / "dist" / "index.html") << "<!doctype html><title>Pairwise</title>";
    std::ofstream(dir_ / "dist" / "assets" / "app-1a2b.js") << "export {}";
    std::ofstream(dir_ / "outside.txt") << "secret";
    auto app = app::Application::Open(
        database_url.empty() ? "sqlite:" + (dir_ / "test.db").string() : database_url, 2);
    if (!app.ok()) throw std::runtime_error(app.status().ToString());
    app_ = std::move(app).value();
    app_->RegisterRoutes(router_, (dir_ / "dist").string());
    if (test_routes) AddTestRoutes();
    config_.listen = {"127.0.0.1", 0};
    config_.io_threads = 2;
    config_.read_timeout = std::chrono::seconds(5);
    dispatcher_ = std::make_unique<api::Dispatcher>(router_, config_.body_limit);
    server_ = std::make_unique<api::HttpServer>(config_, *dispatcher_);
    Status bound = server_->Bind();
    if (!bound.ok()) throw std::runtime_error(bound.ToString());
    runner_ = std::async(std::launch::async, [this] { server_->Run(); });
  }
  ~ServerFixture() {
    server_->Stop();
    runner_.wait();
    fs::remove_all(dir_);
  }

  uint16_t port() const { return server_->port(); }
  TestConnection Connect() const { return TestConnection(port()); }
  api::HttpServer& server() { return *server_; }
  std::future<void>& runner() { return runner_; }
  std::atomic<int>& slow_started() { return slow_started_; }

 private:
  void AddTestRoutes() {
    using api::BodyKind;
    using api::HttpMethod;
    router_.Add(HttpMethod::kPost, "/api/v1/test/echo",
                [](const api::HttpRequest& req, const api::PathParams&) {
                  return api::HttpResponse::Json(200, *req.json);
                });
    router_.Add(HttpMethod::kPost, "/api/v1/test/upload",
                [](const api::HttpRequest& req, const api::PathParams&) {
                  return api::HttpResponse::Json(200, {{"bytes", req.body.size()}});
                },
                {.body = BodyKind::kRaw, .max_body = 4 * 1024 * 1024});
    router_.Add(HttpMethod::kGet, "/api/v1/test/boom",
                [](const api::HttpRequest&, const api::PathParams&) -> api::HttpResponse {
                  throw std::runtime_error("deliberate failure");
                },
                {.body = BodyKind::kNone});
    router_.Add(HttpMethod::kGet, "/api/v1/test/slow",
                [this](const api::HttpRequest&, const api::PathParams&) {
                  ++slow_started_;
                  std::this_thread::sleep_for(std::chrono::milliseconds(400));
                  return api::HttpResponse::Json(200, {{"slow", true}});
                },
                {.body = BodyKind::kNone});
  }

  static inline std::atomic<int> counter_{0};
  fs::path dir_;
  std::unique_ptr<app::Application> app_;
  api::Router router_;
  ServerConfig config_;
  std::unique_ptr<api::Dispatcher> dispatcher_;
  std::unique_ptr<api::HttpServer> server_;
  std::future<void> runner_;
  std::atomic<int> slow_started_{0};
};

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override { fixture_ = std::make_unique<ServerFixture>(""); }
  void TearDown() override { fixture_.reset(); }
  std::unique_ptr<ServerFixture> fixture_;
};

TEST_F(HttpTest, HealthAnswersAfterADatabaseRoundTrip) {
  auto conn = fixture_->Connect();
  auto r = conn.Request("GET", "/api/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(Json(r)["status"], "ok");
  EXPECT_EQ(Json(r)["database"], "sqlite");
  EXPECT_EQ(Json(r)["version"], kVersion);
  EXPECT_EQ(r.Header("x-request-id").size(), 16u);
}

TEST_F(HttpTest, HeadAnswersWithoutBody) {
  auto conn = fixture_->Connect();
  auto r = conn.Request("HEAD", "/api/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_NE(r.Header("content-length"), "0");
}

TEST_F(HttpTest, KeepAliveServesManyRequestsOnOneConnection) {
  auto conn = fixture_->Connect();
  for (int i = 0; i < 20; ++i) {
    auto r = conn.Request("GET", "/api/v1/health");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(r.keep_alive);
  }
}

TEST_F(HttpTest, ClientRequestIdIsKeptAndOddOnesReplaced) {
  auto conn = fixture_->Connect();
  auto r = conn.Request("GET", "/api/v1/health", "", {{"X-Request-Id", "trace-42.a_b"}});
  EXPECT_EQ(r.Header("x-request-id"), "trace-42.a_b");
  auto odd = conn.Request("GET", "/api/v1/health", "", {{"X-Request-Id", "<script>"}});
  EXPECT_NE(odd.Header("x-request-id"), "<script>");
}

TEST_F(HttpTest, UnknownRouteIs404Json) {
  auto r = fixture_->Connect().Request("GET", "/api/v1/no-such-thing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Json(r)["error"]["code"], "not_found");
  EXPECT_TRUE(Json(r)["error"]["message"].is_string());
}

TEST_F(HttpTest, WrongMethodIs405WithAllow) {
  auto r = fixture_->Connect().Request("DELETE", "/api/v1/health");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "GET, HEAD");
  EXPECT_EQ(Json(r)["error"]["code"], "method_not_allowed");
}

TEST_F(HttpTest, MalformedJsonIs400) {
  auto r = fixture_->Connect().Request("POST", "/api/v1/test/echo",
                                       "{\"name\": ", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Json(r)["error"]["code"], "malformed_json");
}

TEST_F(HttpTest, WrongContentTypeIs415) {
  auto r = fixture_->Connect().Request("POST", "/api/v1/test/echo", "name=x",
                                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(Json(r)["error"]["code"], "unsupported_media_type");
}

TEST_F(HttpTest, ValidJsonIsEchoed) {
  auto r = fixture_->Connect().Request("POST", "/api/v1/test/echo", R"({"name":"Ana"})",
                                       {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Json(r)["name"], "Ana");
}

TEST_F(HttpTest, BodyOverTheDefaultLimitIs413) {
  auto conn = fixture_->Connect();
  std::string big(1024 * 1024 + 1, 'x');
  auto r = conn.Request("POST", "/api/v1/test/echo", big, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Json(r)["error"]["code"], "payload_too_large");
}

TEST_F(HttpTest, ChunkedBodyOverTheLimitIs413) {
  auto conn = fixture_->Connect();
  std::string chunk(512 * 1024, 'x');
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
  std::string raw =
      "POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) raw += size_line + chunk + "\r\n";
  raw += "0\r\n\r\n";
  auto r = conn.Raw(raw);
  EXPECT_EQ(r.status, 413);
}

TEST_F(HttpTest, ImportStyleRoutesTakeLargerBodies) {
  auto r =
      fixture_->Connect().Request("POST", "/api/v1/test/upload", std::string(3 * 1024 * 1024, 'a'),
                                  {{"Content-Type", "text/csv"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Json(r)["bytes"], 3 * 1024 * 1024);
}

TEST_F(HttpTest, OversizedHeaderIs431) {
  auto r = fixture_->Connect().Request("GET", "/api/v1/health", "",
                                       {{"X-Filler", std::string(9000, 'h')}});
  EXPECT_EQ(r.status, 431);
}

TEST_F(HttpTest, GarbageRequestIs400) {
  auto r = fixture_->Connect().Raw("HELLO THERE\r\n\r\n");
  EXPECT_EQ(r.status, 400);
}

TEST_F(HttpTest, HandlerExceptionIs500WithRequestIdAndServerLives) {
  auto conn = fixture_->Connect();
  auto r = conn.Request("GET", "/api/v1/test/boom");
  EXPECT_EQ(r.status, 500);
  const std::string message = Json(r)["error"]["message"];
  EXPECT_NE(message.find(r.Header("x-request-id")), std::string::npos);
  EXPECT_EQ(message.find("deliberate"), std::string::npos);
  EXPECT_EQ(fixture_->Connect().Request("GET", "/api/v1/health").status, 200);
}

TEST_F(HttpTest, ServesUiWithContentTypesCachingAndSpaFallback) {
  auto conn = fixture_->Connect();
  auto asset = conn.Request("GET", "/assets/app-1a2b.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.Header("cache-control"), "public, max-age=31536000, immutable");
  auto page = conn.Request("GET", "/programs/7/matching");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<title>Pairwise</title>"), std::string::npos);
  EXPECT_EQ(conn.Request("GET", "/assets/missing.js").status, 404);
}

TEST_F(HttpTest, PathTraversalIsRefused) {
  for (const char* target : {"/../outside.txt", "/assets/..%2f..%2foutside.txt",
                             "/%2e%2e/outside.txt", "/assets/%2E%2E/%2E%2E/outside.txt"}) {
    auto r = fixture_->Connect().Request("GET", target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << target;
  }
}

TEST_F(HttpTest, NewConnectionAnsweredQuicklyWhile1000IdleKeepAlivesAreOpen) {
  std::vector<TestConnection> idle;
  idle.reserve(1000);
  for (int i = 0; i < 1000; ++i) {
    idle.push_back(fixture_->Connect());
    if (i % 100 == 0) {
      ASSERT_EQ(idle.back().Request("GET", "/api/v1/health").status, 200);
    }
  }
  // Make sure the last ones are accepted and parked as well.
  ASSERT_EQ(idle.back().Request("GET", "/api/v1/health").status, 200);
  std::vector<double> ms;
  for (int i = 0; i < 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    auto r = fixture_->Connect().Request("GET", "/api/v1/health");
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    ASSERT_EQ(r.status, 200);
  }
  std::sort(ms.begin(), ms.end());
  EXPECT_LT(ms[2], 100.0) << "median time to answer a new connection, ms";
  // The idle ones are still usable.
  EXPECT_EQ(idle.front().Request("GET", "/api/v1/health").status, 200);
}

TEST_F(HttpTest, GracefulShutdownFinishesInFlightRequestsAndClosesIdleOnes) {
  auto idle = fixture_->Connect();
  ASSERT_EQ(idle.Request("GET", "/api/v1/health").status, 200);
  auto busy = fixture_->Connect();
  auto in_flight =
      std::async(std::launch::async, [&busy] { return busy.Request("GET", "/api/v1/test/slow"); });
  while (fixture_->slow_started() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  fixture_->server().Stop();
  ClientResponse r = in_flight.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Json(r)["slow"], true);
  EXPECT_FALSE(r.keep_alive);
  EXPECT_TRUE(idle.ClosedByPeer(std::chrono::milliseconds(2000)));
  EXPECT_EQ(fixture_->runner().wait_for(std::chrono::seconds(5)), std::future_status::ready);
}

TEST(HttpPostgresTest, HealthReportsPostgresql) {
  const char* url = std::getenv("PAIRWISE_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    const char* required = std::getenv("PAIRWISE_REQUIRE_POSTGRES");
    if (required != nullptr && std::string(required) == "1") {
      FAIL() << "PAIRWISE_REQUIRE_POSTGRES=1 but PAIRWISE_TEST_POSTGRES_URL is unset";
    }
    GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is unset";
  }
  ServerFixture fixture(url, false);
  auto r = fixture.Connect().Request("GET", "/api/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Json(r)["database"], "postgresql");
}

}  // namespace
}  // namespace pairwise
