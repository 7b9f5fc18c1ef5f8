// The demo organization load, as `pairwise demo` and `serve --demo-if-empty` run it: generate,
// validate and write through PeopleService::LoadDirectory in one transaction, then the demo
// profiles (LoadDemoProfiles, counter profiles_s). The target:
// 100,000 people in under 60 s on SQLite. Counters: people_per_s, and vs_60s_target (seconds per
// load / 60: below 1 meets the target).
//
// `demo_bench --full-load [N]` instead loads the whole demo (Application::LoadDemoIfEmpty: the
// organization, profiles, accounts and every demo program with its history) N times (default 3)
// into an empty SQLite database and an empty PostgreSQL schema (PAIRWISE_BENCH_POSTGRES_URL), one
// after the other in turn, and prints each time, the medians and PostgreSQL's median against
// SQLite's (issue 17's goal: within 2x). `--full-load N --phases` also logs each phase's time;
// `--history-reads-each-call` loads the Leadership Circle's history as before it read each row
// once (DemoOptions::history_reads_once), for A/B runs.
#include <benchmark/benchmark.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "app/application.h"
#include "common/config.h"
#include "domain/demo/demo_organization.h"
#include "domain/demo/demo_profiles.h"
#include "domain/people/directory_validation.h"
#include "domain/people/people_service.h"
#include "domain/profiles/directory_service.h"
#include "storage/connection_string.h"
#include "storage/database.h"
#include "storage/memory/memory_people_repository.h"

namespace pairwise {
namespace {

constexpr double kTargetSeconds = 60.0;

using Clock = std::chrono::steady_clock;

// `seconds`: the measured time of all iterations (setup excluded).
void SetCounters(benchmark::State& state, int people, double seconds) {
  const double per_load = seconds / static_cast<double>(state.iterations());
  state.counters["people_per_s"] = benchmark::Counter(people / per_load);
  state.counters["vs_60s_target"] = benchmark::Counter(per_load / kTargetSeconds);
}

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Generate + validate + write into a fresh, migrated SQLite database (setup not timed).
void BM_DemoLoadSqlite(benchmark::State& state) {
  const int people = static_cast<int>(state.range(0));
  const auto dir = std::filesystem::temp_directory_path() /
                   ("pairwise-demo-bench-" + std::to_string(::getpid()));
  double seconds = 0, profile_seconds = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto url = ParseDatabaseUrl("sqlite:" + (dir / "bench.db").string());
    auto db = storage::Database::Open(*url, 1);
    if (!db.ok() || !(*db)->Migrate().ok()) {
      state.SkipWithError("cannot open the SQLite database");
      break;
    }
    auto repository = storage::MakePeopleRepository(**db);
    auto profiles = storage::MakeProfileRepository(**db);
    domain::PeopleService service(*repository);
    state.ResumeTiming();

    const auto start = Clock::now();
    auto summary = domain::LoadDemoOrganization(service, {people, 42});
    if (!summary.ok()) {
      state.SkipWithError(summary.status().ToString().c_str());
      break;
    }
    const auto profiles_start = Clock::now();
    auto loaded = domain::LoadDemoProfiles(service, *profiles, {people, 42});
    profile_seconds += Since(profiles_start);
    seconds += Since(start);
    if (!loaded.ok()) {
      state.SkipWithError(loaded.status().ToString().c_str());
      break;
    }

    state.PauseTiming();
    profiles.reset();
    repository.reset();
    db.value().reset();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  SetCounters(state, people, seconds);
  state.counters["profiles_s"] =
      benchmark::Counter(profile_seconds / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_DemoLoadSqlite)->Arg(100'000)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

// The same load into the in-memory repository: what storage adds is the difference.
void BM_DemoLoadMemory(benchmark::State& state) {
  const int people = static_cast<int>(state.range(0));
  const auto start = Clock::now();
  for (auto _ : state) {
    storage::MemoryPeopleRepository repository;
    domain::PeopleService service(repository);
    auto summary = domain::LoadDemoOrganization(service, {people, 42});
    if (!summary.ok()) state.SkipWithError(summary.status().ToString().c_str());
  }
  SetCounters(state, people, Since(start));
}
BENCHMARK(BM_DemoLoadMemory)->Arg(100'000)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

// Generation alone, then validation alone.
void BM_DemoGenerate(benchmark::State& state) {
  const int people = static_cast<int>(state.range(0));
  const auto start = Clock::now();
  for (auto _ : state) {
    auto directory = domain::GenerateDemoOrganization({people, 42});
    benchmark::DoNotOptimize(directory);
  }
  SetCounters(state, people, Since(start));
}
BENCHMARK(BM_DemoGenerate)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_DemoValidate(benchmark::State& state) {
  const int people = static_cast<int>(state.range(0));
  auto directory = domain::GenerateDemoOrganization({people, 42});
  const auto start = Clock::now();
  for (auto _ : state) {
    auto refs = domain::CheckDirectoryRecords(*directory);
    benchmark::DoNotOptimize(refs);
    auto cycles = domain::CheckManagementCycles(*directory, {});
    benchmark::DoNotOptimize(cycles);
  }
  SetCounters(state, people, Since(start));
}
BENCHMARK(BM_DemoValidate)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Directory searches over the 100,000-person demo organization with profiles on SQLite, through
// DirectoryService as the API calls it (setup, the load, not timed). Arg: which search.
void BM_PeopleSearchSqlite(benchmark::State& state) {
  static const auto dir = std::filesystem::temp_directory_path() /
                          ("pairwise-search-bench-" + std::to_string(::getpid()));
  static std::unique_ptr<storage::Database> db;
  static std::unique_ptr<domain::PeopleRepository> people_repository;
  static std::unique_ptr<domain::ProfileRepository> profiles;
  static std::unique_ptr<domain::PeopleService> people;
  if (!db) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto opened =
        storage::Database::Open(*ParseDatabaseUrl("sqlite:" + (dir / "s.db").string()), 1);
    if (!opened.ok() || !(*opened)->Migrate().ok()) {
      state.SkipWithError("cannot open the SQLite database");
      return;
    }
    db = std::move(opened).value();
    people_repository = storage::MakePeopleRepository(*db);
    profiles = storage::MakeProfileRepository(*db);
    people = std::make_unique<domain::PeopleService>(*people_repository);
    if (!domain::LoadDemoOrganization(*people, {100'000, 42}).ok() ||
        !domain::LoadDemoProfiles(*people, *profiles, {100'000, 42}).ok()) {
      state.SkipWithError("cannot load the demo organization");
      return;
    }
  }
  SystemClock clock;
  domain::DirectoryService directory(*people, *profiles, clock);
  domain::Actor actor;
  actor.employee_id = "E000001";
  domain::PeopleSearchRequest request;
  switch (state.range(0)) {
    case 0:
      break;  // first page, no filter
    case 1:
      request.q = "zzzq";
      break;  // text matching no one: a full scan
    case 2:
      request.q = "ann";
      break;  // common text
    case 3:
      request.skill = "kubernetes";
      break;  // a skill
    case 4:
      request.skill = "kubernetes";
      request.site = "LON";
      break;
    case 5:
      request.department = "ENG-PLAT";
      request.q = "a";
      break;
    case 6:
      request.q = "kubernetes";
      break;  // a skill's name as text: people who list it, by the skill index
    case 7:
      request.q = "platform engineering";
      break;  // a department's name as text
    case 8:
      request.q = "python";
      break;
  }
  for (auto _ : state) {
    auto page = directory.Search(actor, request);
    if (!page.ok()) state.SkipWithError(page.status().ToString().c_str());
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_PeopleSearchSqlite)->DenseRange(0, 8)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pairwise

namespace pairwise {
namespace {

// With --phases, each phase's log line (`pairwise demo`'s, with its time) goes to stderr.
bool log_phases = false;
// With --history-reads-each-call, the Leadership Circle's history reads as the services do at
// every call (DemoOptions::history_reads_once false): the load before it read each row once.
bool history_reads_once = true;

// One whole demo load into the empty database at `url`; seconds, or a negative number on failure.
double FullLoad(const std::string& url) {
  app::ApplicationOptions options;
  options.notes_key = std::string(64, '7');  // notes sealed as in production, on both databases
  auto opened = app::Application::Open(url, 4, options);
  if (!opened.ok()) return std::fprintf(stderr, "%s\n", opened.status().ToString().c_str()), -1;
  domain::DemoOptions demo;
  demo.people = 100'000;
  demo.history_reads_once = history_reads_once;
  if (log_phases) spdlog::set_level(spdlog::level::info);  // after the migrations' lines
  const auto start = Clock::now();
  auto loaded = (*opened)->LoadDemoIfEmpty(demo);
  const double seconds = Since(start);
  spdlog::set_level(spdlog::level::warn);
  if (!loaded.ok() || !*loaded) {
    std::fprintf(stderr, "demo load: %s\n",
                 loaded.ok() ? "the database was not empty" : loaded.status().ToString().c_str());
    return -1;
  }
  return seconds;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int FullLoads(int repetitions) {
  const char* pg = std::getenv("PAIRWISE_BENCH_POSTGRES_URL");
  if (pg == nullptr || *pg == '\0') {
    std::fprintf(stderr, "--full-load needs PAIRWISE_BENCH_POSTGRES_URL\n");
    return 1;
  }
  auto admin = storage::PostgresConnectString(pg);
  if (!admin.ok()) return std::fprintf(stderr, "%s\n", admin.status().ToString().c_str()), 1;
  const std::string separator = std::strchr(pg, '?') == nullptr ? "?" : "&";
  std::vector<double> sqlite, postgres;
  for (int i = 0; i < repetitions; ++i) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("pairwise-demo-full-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const double s = FullLoad("sqlite:" + (dir / "demo.db").string());
    std::filesystem::remove_all(dir);
    if (s < 0) return 1;
    sqlite.push_back(s);
    std::printf("demo load %d/%d, SQLite: %.1f s\n", i + 1, repetitions, s);

    // A schema of its own, dropped afterwards: the database holds nothing else of ours.
    const std::string schema = "pairwise_demo_bench_" + std::to_string(::getpid());
    try {
      soci::session session(soci::postgresql, *admin);
      session << "SET client_min_messages = warning";  // no notice per dropped table
      session << "DROP SCHEMA IF EXISTS " + schema + " CASCADE";
      session << "CREATE SCHEMA " + schema;
    } catch (const std::exception& e) {
      return std::fprintf(stderr, "cannot create a schema: %s\n", e.what()), 1;
    }
    const double p = FullLoad(std::string(pg) + separator + "options=-csearch_path%3D" + schema);
    try {
      soci::session session(soci::postgresql, *admin);
      session << "SET client_min_messages = warning";
      session << "DROP SCHEMA " + schema + " CASCADE";
    } catch (const std::exception&) {
      // Dropped again before the next load.
    }
    if (p < 0) return 1;
    postgres.push_back(p);
    std::printf("demo load %d/%d, PostgreSQL: %.1f s\n", i + 1, repetitions, p);
  }
  const double s = Median(sqlite), p = Median(postgres);
  std::printf(
      "demo load, 100,000 people, median of %d: PostgreSQL %.1f s, SQLite %.1f s: %.2fx (goal "
      "<= 2x: %.2f of it)\n",
      repetitions, p, s, p / s, p / s / 2);
  return 0;
}

}  // namespace
}  // namespace pairwise

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);  // no "applied migration" line per repetition
  if (argc >= 2 && std::strcmp(argv[1], "--full-load") == 0) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each time as soon as it is measured
    int repetitions = 3;
    for (int i = 2; i < argc; ++i) {
      if (std::strcmp(argv[i], "--phases") == 0) {
        pairwise::log_phases = true;
      } else if (std::strcmp(argv[i], "--history-reads-each-call") == 0) {
        pairwise::history_reads_once = false;
      } else {
        repetitions = std::max(1, std::atoi(argv[i]));
      }
    }
    return pairwise::FullLoads(repetitions);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
