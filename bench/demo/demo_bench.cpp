// The demo organization load, as `pairwise demo` and `serve --demo-if-empty` run it: generate,
// validate and write through PeopleService::LoadDirectory in one transaction. The target:
// 100,000 people in under 60 s on SQLite. Counters: people_per_s, and vs_60s_target (seconds per
// load / 60: below 1 meets the target).
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "common/config.h"
#include "domain/demo/demo_organization.h"
#include "domain/people/directory_validation.h"
#include "domain/people/people_service.h"
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
  double seconds = 0;
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
    domain::PeopleService service(*repository);
    state.ResumeTiming();

    const auto start = Clock::now();
    auto summary = domain::LoadDemoOrganization(service, {people, 42});
    seconds += Since(start);
    if (!summary.ok()) {
      state.SkipWithError(summary.status().ToString().c_str());
      break;
    }

    state.PauseTiming();
    repository.reset();
    db.value().reset();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  SetCounters(state, people, seconds);
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

}  // namespace
}  // namespace pairwise

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);  // no "applied migration" line per repetition
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
