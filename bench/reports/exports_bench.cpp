// exports_bench (issue 24): the people export of the 100,000-person demo through the API as the
// browser asks for it (GET /api/v1/people/export?format=xlsx&status=any as an admin: router,
// session, handler, TableExports paging the directory search, the constant-memory workbook;
// and reading the finished file back in the server's 64 KiB pieces; everything but the socket),
// on SQLite and (PAIRWISE_BENCH_POSTGRES_URL, a database it may
// fill) PostgreSQL. Target: a 100,000-row XLSX export <= 10 s. Prints the median of 3 runs
// (and each run) with its ratio to the target, and the CSV export's median beside it.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/dispatcher.h"
#include "api/router.h"
#include "app/application.h"
#include "domain/accounts/demo_accounts.h"

namespace pairwise {
namespace {

constexpr int kPeople = 100'000;
constexpr int kRuns = 3;
constexpr double kTargetSeconds = 10;
constexpr char kPassword[] = "exports-bench-password";

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int Run(const std::string& backend, const std::string& url) {
  app::ApplicationOptions options;
  options.notes_key = std::string(64, '7');
  auto opened = app::Application::Open(url, 4, options);
  if (!opened.ok()) return std::fprintf(stderr, "%s\n", opened.status().ToString().c_str()), 1;
  auto& app = **opened;
  domain::DemoOptions demo;
  demo.people = kPeople;
  const auto load_start = std::chrono::steady_clock::now();
  auto loaded = app.LoadDemoIfEmpty(demo);
  if (!loaded.ok()) return std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str()), 1;
  if (*loaded) {
    std::printf(
        "demo load (%s, %d people): %.1f s\n", backend.c_str(), kPeople,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count());
  }
  auto chosen = domain::ChooseDemoPeople(app.people_repository());
  if (!chosen.ok()) return std::fprintf(stderr, "%s\n", chosen.status().ToString().c_str()), 1;
  std::string admin;
  for (const auto& login : *chosen) {
    if (login.role == "admin") admin = login.employee_id;
  }
  if (admin.empty()) return std::fprintf(stderr, "no admin among the demo's people\n"), 1;
  auto account = app.accounts().CreateActiveAccount(admin, kPassword, {domain::Role::kAdmin});
  if (!account.ok()) return std::fprintf(stderr, "%s\n", account.status().ToString().c_str()), 1;
  auto person = app.people().FindPerson(admin);
  if (!person.ok()) return 1;

  api::Router router;
  app.RegisterRoutes(router, "");
  api::Dispatcher dispatcher(router, 1 << 20);
  api::HttpRequest sign_in;
  sign_in.method = api::HttpMethod::kPost;
  sign_in.target = "/api/v1/auth/sign-in";
  sign_in.headers = {{"content-type", "application/json"}};
  sign_in.body = nlohmann::json{{"email", person->email}, {"password", kPassword}}.dump();
  sign_in.remote_address = "127.0.0.1";
  auto signed_in = dispatcher.Handle(sign_in);
  auto cookie = signed_in.Header("Set-Cookie");
  if (signed_in.status != 200 || !cookie) {
    return std::fprintf(stderr, "sign-in: %d %s\n", signed_in.status, signed_in.body.c_str()), 1;
  }
  const std::string session(cookie->substr(0, cookie->find(';')));

  auto time_export = [&](const std::string& format, std::size_t& bytes, int64_t& rows) {
    api::HttpRequest r;
    r.method = api::HttpMethod::kGet;
    r.target = "/api/v1/people/export?status=any&format=" + format;
    r.headers = {{"cookie", session}};
    r.remote_address = "127.0.0.1";
    const auto t0 = std::chrono::steady_clock::now();
    auto response = dispatcher.Handle(r);
    if (response.status != 200 || !response.file) {
      std::fprintf(stderr, "export: %d %s\n", response.status,
                   response.body.substr(0, 300).c_str());
      return -1.0;
    }
    // Read back as the server sends it; CSV: a line per person after the heading; XLSX: counted
    // by the audit entry instead.
    std::vector<char> piece(64 * 1024);
    int64_t lines = 0;
    uint64_t offset = 0;
    while (offset < response.file->size()) {
      const long n = response.file->ReadAt(offset, piece.data(), piece.size());
      if (n <= 0) return std::fprintf(stderr, "export: the file could not be read\n"), -1.0;
      lines += std::count(piece.begin(), piece.begin() + n, '\n');
      offset += static_cast<uint64_t>(n);
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    bytes = response.file->size();
    rows = format == "csv" ? lines - 1 : -1;
    return s;
  };
  std::vector<double> xlsx, csv;
  std::size_t xlsx_bytes = 0, csv_bytes = 0;
  int64_t rows = 0, ignored = 0;
  for (int i = 0; i < kRuns; ++i) {  // interleaved: each run of one format beside the other's
    const double x = time_export("xlsx", xlsx_bytes, ignored);
    const double c = time_export("csv", csv_bytes, rows);
    if (x < 0 || c < 0) return 1;
    xlsx.push_back(x);
    csv.push_back(c);
  }
  const double m = Median(xlsx);
  std::printf(
      "people export as XLSX (%s, %lld rows, %zu bytes): median of %d %.2f s (runs %.2f, %.2f, "
      "%.2f), %.2f of the %.0f s target: %s\n",
      backend.c_str(), static_cast<long long>(rows), xlsx_bytes, kRuns, m, xlsx[0], xlsx[1],
      xlsx[2], m / kTargetSeconds, kTargetSeconds, m <= kTargetSeconds ? "met" : "MISSED");
  std::printf(
      "people export as CSV (%s, %lld rows, %zu bytes): median of %d %.2f s (%.2f of %.0f s)\n",
      backend.c_str(), static_cast<long long>(rows), csv_bytes, kRuns, Median(csv),
      Median(csv) / kTargetSeconds, kTargetSeconds);
  return 0;
}

}  // namespace
}  // namespace pairwise

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  spdlog::set_level(spdlog::level::warn);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("pairwise-exports-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  int rc = pairwise::Run("sqlite", "sqlite:" + (dir / "bench.db").string());
  std::filesystem::remove_all(dir);
  if (const char* pg = std::getenv("PAIRWISE_BENCH_POSTGRES_URL"); pg && *pg) {
    rc |= pairwise::Run("postgresql", pg);
  }
  return rc;
}
