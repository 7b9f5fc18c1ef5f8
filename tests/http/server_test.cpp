// HTTP tests: the real application (SQLite in a temp folder) behind the real Beast server on a
// loopback port, driven over sockets.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <soci/soci.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
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
  explicit ServerFixture(const std::string& database_url, bool test_routes = true,
                         const std::function<void(ServerConfig&)>& configure = {}) {
    dir_ = fs::temp_directory_path() /
           ("pairwise-http-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "dist" / "assets");
    std::ofstream(dir_ / "dist" / "index.html") << "<!doctype html><title>Pairwise</title>";
    std::ofstream(dir_ / "dist" / "assets" / "app-1a2b.js") << "export {}";
    // Stand-ins for the variants web/scripts/precompress.mjs writes.
    std::ofstream(dir_ / "dist" / "assets" / "app-1a2b.js.br") << "brotli bytes";
    std::ofstream(dir_ / "dist" / "assets" / "app-1a2b.js.gz") << "gzip bytes";
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
    if (configure) configure(config_);
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

TEST_F(HttpTest, ServesPrecompressedUiByAcceptEncoding) {
  auto conn = fixture_->Connect();
  const std::string js = "/assets/app-1a2b.js";
  auto br = conn.Request("GET", js, "", {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
  EXPECT_EQ(br.status, 200);
  EXPECT_EQ(br.body, "brotli bytes");
  EXPECT_EQ(br.Header("content-encoding"), "br");
  EXPECT_EQ(br.Header("content-length"), "12");
  EXPECT_EQ(br.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(br.Header("vary"), "Accept-Encoding");
  auto gzip = conn.Request("GET", js, "", {{"Accept-Encoding", "br;q=0, gzip;q=0.7"}});
  EXPECT_EQ(gzip.body, "gzip bytes");
  EXPECT_EQ(gzip.Header("content-encoding"), "gzip");
  EXPECT_EQ(gzip.Header("vary"), "Accept-Encoding");
  auto identity = conn.Request("GET", js);
  EXPECT_EQ(identity.body, "export {}");
  EXPECT_EQ(identity.Header("content-encoding"), "");
  EXPECT_EQ(identity.Header("vary"), "Accept-Encoding");
  auto head = conn.Request("HEAD", js, "", {{"Accept-Encoding", "br"}});
  EXPECT_EQ(head.Header("content-encoding"), "br");
  EXPECT_EQ(head.Header("content-length"), "12");

  // Each variant its own ETag; revalidating the served one answers 304 without a body, and the
  // connection goes on.
  std::set<std::string> etags{br.Header("etag"), gzip.Header("etag"), identity.Header("etag")};
  EXPECT_EQ(etags.size(), 3u);
  EXPECT_EQ(etags.count(""), 0u);
  auto not_modified = conn.Request(
      "GET", js, "", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gzip.Header("etag")}});
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_EQ(not_modified.body, "");
  EXPECT_EQ(not_modified.Header("etag"), gzip.Header("etag"));
  auto changed = conn.Request("GET", js, "",
                              {{"Accept-Encoding", "br"}, {"If-None-Match", gzip.Header("etag")}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.body, "brotli bytes");
}

TEST_F(HttpTest, PathTraversalIsRefused) {
  for (const char* target : {"/../outside.txt", "/assets/..%2f..%2foutside.txt",
                             "/%2e%2e/outside.txt", "/assets/%2E%2E/%2E%2E/outside.txt"}) {
    auto r = fixture_->Connect().Request("GET", target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << target;
  }
}

TEST(HttpIdleTest, NewConnectionAnsweredQuicklyWhile1000IdleKeepAlivesAreOpen) {
  // All from 127.0.0.1, as behind a proxy: the per-address limit is raised accordingly.
  auto fixture = std::make_unique<ServerFixture>(
      "", true, [](ServerConfig& config) { config.max_idle_per_address = 1100; });
  std::vector<TestConnection> idle;
  idle.reserve(1000);
  for (int i = 0; i < 1000; ++i) {
    idle.push_back(fixture->Connect());
    if (i % 100 == 0) {
      ASSERT_EQ(idle.back().Request("GET", "/api/v1/health").status, 200);
    }
  }
  // Make sure the last ones are accepted and parked as well.
  ASSERT_EQ(idle.back().Request("GET", "/api/v1/health").status, 200);
  std::vector<double> ms;
  for (int i = 0; i < 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    auto r = fixture->Connect().Request("GET", "/api/v1/health");
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

// A raw socket to the server's port from `source` (any 127.x.y.z is this machine on Linux).
int RawSocket(uint16_t port, const char* source = "127.0.0.1") {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  ::inet_pton(AF_INET, source, &local.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    ::close(fd);
    return -1;
  }
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void SendAll(int fd, std::string_view bytes) {
  ASSERT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(bytes.size()));
}

// Whether the server closed `fd` within `wait` (EOF or reset; answered bytes are skipped).
bool ClosedWithin(int fd, std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[4096];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return true;
  }
}

TEST(HttpSlowClientTest, AHeaderNotCompletedInTimeIsClosed) {
  ServerFixture fixture("", true, [](ServerConfig& config) {
    config.header_timeout = std::chrono::seconds(1);
    config.idle_timeout = std::chrono::seconds(30);
  });
  // Half a header, then silence (slowloris); and a connection that sends nothing at all.
  const int slow = RawSocket(fixture.port());
  ASSERT_GE(slow, 0);
  SendAll(slow, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: 1\r\n");
  const int silent = RawSocket(fixture.port());
  ASSERT_GE(silent, 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(ClosedWithin(slow, std::chrono::seconds(4)));
  EXPECT_TRUE(ClosedWithin(silent, std::chrono::seconds(4)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
  ::close(slow);
  ::close(silent);

  // A keep-alive connection between requests waits for the idle timeout, not the header's.
  auto keep = fixture.Connect();
  ASSERT_EQ(keep.Request("GET", "/api/v1/health").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(keep.Request("GET", "/api/v1/health").status, 200);
}

TEST(HttpSlowClientTest, IdleConnectionsPerAddressAreLimited) {
  ServerFixture fixture("", true, [](ServerConfig& config) { config.max_idle_per_address = 3; });
  std::vector<int> idle;
  for (int i = 0; i < 3; ++i) {
    idle.push_back(RawSocket(fixture.port()));
    ASSERT_GE(idle.back(), 0);
  }
  for (int fd : idle) EXPECT_FALSE(ClosedWithin(fd, std::chrono::milliseconds(100)));
  // A fourth from the same address is closed at once; another address is still served.
  const int extra = RawSocket(fixture.port());
  ASSERT_GE(extra, 0);
  EXPECT_TRUE(ClosedWithin(extra, std::chrono::seconds(2)));
  ::close(extra);
  const int other = RawSocket(fixture.port(), "127.0.0.2");
  ASSERT_GE(other, 0);
  SendAll(other, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  char buffer[64] = {};
  pollfd p{other, POLLIN, 0};
  ASSERT_GT(::poll(&p, 1, 2000), 0);
  ASSERT_GT(::recv(other, buffer, sizeof buffer - 1, 0), 0);
  EXPECT_EQ(std::string_view(buffer).substr(0, 12), "HTTP/1.1 200");
  ::close(other);
  // A busy connection does not count: one of the three sends its request and is answered.
  SendAll(idle[0], "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(ClosedWithin(idle[0], std::chrono::seconds(2)));
  ::close(idle[0]);
  // Its slot is free again.
  auto again = fixture.Connect();
  EXPECT_EQ(again.Request("GET", "/api/v1/health").status, 200);
  for (std::size_t i = 1; i < idle.size(); ++i) ::close(idle[i]);
}

TEST_F(HttpTest, AccessLogNeverShowsOneTimeTokens) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  fixture_->Connect().Request("GET", "/api/v1/auth/redeem/SECRETPATHTOKEN1");
  fixture_->Connect().Request("GET", "/redeem/SECRETPAGETOKEN2?x=1");
  fixture_->Connect().Request("GET", "/api/v1/health?token=SECRETQUERY3&q=kept");
  fixture_->Connect().Request("GET", "/api/v1/auth/redeem/SECRETPATHTOKEN4", "",
                              {{"X-Filler", std::string(9000, 'h')}});
  // A calendar feed's secret is in its path: calendar programs send no credentials.
  fixture_->Connect().Request("GET", "/api/v1/calendar/SECRETFEED5.ics");
  spdlog::set_default_logger(previous);
  const std::string log = captured.str();
  EXPECT_EQ(log.find("SECRET"), std::string::npos) << log;
  EXPECT_NE(log.find("/api/v1/auth/redeem/***"), std::string::npos) << log;
  EXPECT_NE(log.find("/redeem/***?x=1"), std::string::npos) << log;
  EXPECT_NE(log.find("/api/v1/health?token=***&q=kept"), std::string::npos) << log;
  EXPECT_NE(log.find("/api/v1/calendar/***"), std::string::npos) << log;
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

// A database that stops answering turns the health check to 503 within SystemHealth's max age
// (1 s) plus the failing round trip, and back to 200 once it answers again. The server logs in as
// a role of its own; the test then refuses that role's logins and ends its sessions, so every
// round trip and reconnect of the server's pool fails, as with a dead database.
TEST(HttpPostgresTest, HealthReportsADeadDatabaseWithinASecond) {
  const char* url = std::getenv("PAIRWISE_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    const char* required = std::getenv("PAIRWISE_REQUIRE_POSTGRES");
    if (required != nullptr && std::string(required) == "1") {
      FAIL() << "PAIRWISE_REQUIRE_POSTGRES=1 but PAIRWISE_TEST_POSTGRES_URL is unset";
    }
    GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is unset";
  }
  const std::string base = url;
  const std::size_t scheme_end = base.find("://");
  ASSERT_NE(scheme_end, std::string::npos) << base;
  const std::size_t host_start = scheme_end + 3;
  const std::size_t at = base.find('@', host_start);
  const std::string role = "pw_health_" + std::to_string(::getpid());
  // The same server and database, logged in as `role` (loopback is trusted: no password).
  const std::string role_url = base.substr(0, host_start) + role + "@" +
                               base.substr(at == std::string::npos ? host_start : at + 1);
  auto admin_url = ParseDatabaseUrl(base);
  ASSERT_TRUE(admin_url.ok());
  auto admin = storage::Database::Open(*admin_url, 1);
  ASSERT_TRUE(admin.ok()) << admin.status().ToString();
  const auto sql = [&](const std::string& statement) {
    Status s = (*admin)->Run(storage::TransactionMode::kNone, [&](soci::session& session) {
      session << statement;
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << statement << ": " << s.ToString();
  };
  const std::string end_sessions =
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'";
  sql("DROP ROLE IF EXISTS " + role);
  sql("CREATE ROLE " + role + " LOGIN SUPERUSER");
  {
    ServerFixture fixture(role_url, false);
    auto conn = fixture.Connect();
    ASSERT_EQ(conn.Request("GET", "/api/v1/health").status, 200);

    sql("ALTER ROLE " + role + " NOLOGIN");
    sql(end_sessions);
    const auto died = std::chrono::steady_clock::now();
    int status = 200;
    ClientResponse r;
    while (status == 200 && std::chrono::steady_clock::now() - died < std::chrono::seconds(10)) {
      r = conn.Request("GET", "/api/v1/health");
      status = r.status;
      if (status == 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const auto reported = std::chrono::steady_clock::now() - died;
    EXPECT_EQ(status, 503) << r.body;
    EXPECT_EQ(Json(r)["error"]["code"], "unavailable");
    EXPECT_EQ(r.Header("cache-control"), "no-store");
    // 1 s of max age, and slack for a loaded machine (the failing round trip itself is quick:
    // the login is refused).
    EXPECT_LT(reported, std::chrono::milliseconds(2500));
    // Failures are not remembered.
    EXPECT_EQ(conn.Request("GET", "/api/v1/health").status, 503);

    sql("ALTER ROLE " + role + " LOGIN");
    EXPECT_EQ(conn.Request("GET", "/api/v1/health").status, 200);
  }
  sql(end_sessions);
  sql("DROP ROLE " + role);
}

}  // namespace
}  // namespace pairwise
