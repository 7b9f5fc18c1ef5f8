// The matching engine's figures on synthetic programs (src/matching/synthetic.h), against
// the targets of the matching issue on a 2-core machine:
//   - 100,000 mentees x 20,000 mentors: the scan of all pairs <= 3 s; solve + proof <= 5 s;
//     instance in memory -> result <= 8 s; peak memory <= 1.5 GiB;
//   - a balanced program (60,000 x 20,000, capacity ~ demand): <= 10 s end to end;
//   - 10,000 x 2,000: <= 1 s end to end;
//   - a single-person rematch in the 100k program: <= 50 ms.
// Each benchmark reports its figure, the target and their ratio, and the optimal answer's
// matched count and total against the greedy one's. Run with --benchmark_repetitions=3 for
// medians.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "matching/candidates.h"
#include "matching/engine.h"
#include "matching/model.h"
#include "matching/synthetic.h"

namespace {

using namespace pairwise::matching;
using pairwise::Result;

// Peak resident memory of the process, MiB; ResetPeakMemory starts a new peak (Linux).
double PeakMemoryMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

void ResetPeakMemory() { std::ofstream("/proc/self/clear_refs") << "5"; }

SyntheticOptions Program(int32_t mentees, int32_t mentors) {
  SyntheticOptions o;
  o.mentees = mentees;
  o.mentors = mentors;
  o.seed = 42;
  return o;
}

// Instances are generated once per size (not timed).
const Instance& CachedInstance(int32_t mentees, int32_t mentors) {
  static std::map<std::pair<int32_t, int32_t>, std::unique_ptr<Instance>> cache;
  auto& slot = cache[{mentees, mentors}];
  if (!slot) slot = std::make_unique<Instance>(MakeSyntheticInstance(Program(mentees, mentors)));
  return *slot;
}

void ReportAnswer(benchmark::State& state, const MatchResult& r, double seconds,
                  double target_seconds) {
  state.counters["seconds"] = seconds;
  state.counters["target_s"] = target_seconds;
  state.counters["ratio_to_target"] = seconds / target_seconds;
  state.counters["optimal"] = r.optimal ? 1 : 0;
  state.counters["matched"] = r.matched;
  state.counters["total"] = static_cast<double>(r.total_score);
  if (r.greedy_total_score) {
    state.counters["greedy_matched"] = r.greedy_matched;
    state.counters["greedy_total"] = static_cast<double>(*r.greedy_total_score);
    state.counters["total_over_greedy"] =
        static_cast<double>(r.total_score) / static_cast<double>(*r.greedy_total_score);
    state.counters["greedy_score_loss_pct"] =
        100.0 * static_cast<double>(r.total_score - *r.greedy_total_score) /
        static_cast<double>(r.total_score);
    state.counters["greedy_unmatched_more"] = r.matched - r.greedy_matched;
  }
  const PhaseTimings& t = r.timings;
  state.counters["prepare_ms"] = t.prepare_ms;
  state.counters["candidates_ms"] = t.candidates_ms;
  state.counters["price_sample_ms"] = r.stats.price_sample_ms;
  state.counters["greedy_rows_rescored"] = static_cast<double>(r.stats.greedy_rows_rescored);
  state.counters["greedy_rows_checked"] = static_cast<double>(r.stats.greedy_rows_checked);
  state.counters["explain_ms"] = t.explain_ms;
  state.counters["solve_ms"] = t.solve_ms;
  state.counters["proof_ms"] = t.proof_ms;
  state.counters["solve_proof_ms"] = t.solve_ms + t.proof_ms;
  state.counters["greedy_ms"] = t.greedy_ms;
  state.counters["rounds"] = r.stats.pricing_rounds;
  // Per round of the main flow, on stderr (the counters hold one value per benchmark).
  for (size_t i = 0; i < r.stats.rounds.size(); ++i) {
    const RoundStats& round = r.stats.rounds[i];
    std::fprintf(stderr,
                 "  round %zu (%s): rows %d, arcs %lld, solve %.0f ms, proof %.0f ms, "
                 "rescored %lld, checked %lld, added %lld, violations %lld, searches %lld, "
                 "settled %lld\n",
                 i + 1, round.repaired ? "repair" : (round.auction ? "auction" : "flow"),
                 round.rows_in_flow, static_cast<long long>(round.arcs), round.solve_ms,
                 round.proof_ms, static_cast<long long>(round.rows_rescored),
                 static_cast<long long>(round.pairs_checked),
                 static_cast<long long>(round.pairs_added),
                 static_cast<long long>(round.certificate_violations),
                 static_cast<long long>(round.repair_searches),
                 static_cast<long long>(round.repair_nodes_settled));
  }
}

// Engine options of the end-to-end runs: the defaults, but for K from MATCHING_BENCH_K when
// set (to compare candidate counts).
EngineOptions BenchOptions() {
  EngineOptions options;
  if (const char* k = std::getenv("MATCHING_BENCH_K")) options.candidates_per_mentee = std::atoi(k);
  return options;
}

// Instance in memory -> proven result: Engine::Create (validation, compact attributes) and
// Solve (scan, prices, flow, proof, greedy, explanations' data).
void EndToEnd(benchmark::State& state, int32_t mentees, int32_t mentors, double target_seconds) {
  const Instance& instance = CachedInstance(mentees, mentors);
  for (auto _ : state) {
    ResetPeakMemory();
    const auto start = std::chrono::steady_clock::now();
    Result<Engine> engine = Engine::Create(instance, BenchOptions());
    if (!engine.ok()) {
      state.SkipWithError(engine.status().ToString().c_str());
      return;
    }
    Result<MatchResult> result = engine->Solve();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    state.SetIterationTime(seconds);
    ReportAnswer(state, *result, seconds, target_seconds);
    state.counters["peak_MiB"] = PeakMemoryMiB();
  }
}

void BM_EndToEnd_100k_x_20k(benchmark::State& state) { EndToEnd(state, 100000, 20000, 8.0); }
void BM_EndToEnd_Balanced_60k_x_20k(benchmark::State& state) {
  EndToEnd(state, 60000, 20000, 10.0);
}
void BM_EndToEnd_10k_x_2k(benchmark::State& state) { EndToEnd(state, 10000, 2000, 1.0); }

// The scan of all 2e9 pairs alone: hard rules and scores of every pair, best K per mentee
// and best rows per mentor kept (as the solve's main scan, without prices).
void BM_ScanAllPairs_100k_x_20k(benchmark::State& state) {
  const Instance& instance = CachedInstance(100000, 20000);
  Result<std::unique_ptr<internal::Model>> model = internal::BuildModel(instance, EngineOptions{});
  if (!model.ok()) {
    state.SkipWithError(model.status().ToString().c_str());
    return;
  }
  internal::ScanScope scope;
  scope.model = model->get();
  scope.threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  for (int32_t e = 0; e < (*model)->mentee_count; ++e) scope.mentees.push_back(e);
  std::vector<int32_t> room((*model)->mentor_capacity);
  internal::SelectOptions select;
  select.k = 16;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    internal::CandidateSet set = internal::SelectCandidates(scope, room, select);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    benchmark::DoNotOptimize(set.base.data());
    state.SetIterationTime(seconds);
    const double pairs = 100000.0 * 20000.0;
    state.counters["seconds"] = seconds;
    state.counters["target_s"] = 3.0;
    state.counters["ratio_to_target"] = seconds / 3.0;
    state.counters["ns_per_pair"] = seconds * 1e9 / pairs;
    int64_t eligible = 0;
    for (int32_t n : set.eligible) eligible += n;
    state.counters["eligible_pairs"] = static_cast<double>(eligible);
  }
}

// Rematch after a clash in the 100k program: one mentee freed, everyone else kept.
void BM_Rematch_OnePerson_100k(benchmark::State& state) {
  static std::unique_ptr<Engine> engine;
  static MatchResult solved;
  if (!engine) {
    Result<Engine> created = Engine::Create(CachedInstance(100000, 20000));
    if (!created.ok()) {
      state.SkipWithError(created.status().ToString().c_str());
      return;
    }
    engine = std::make_unique<Engine>(std::move(created).value());
    Result<MatchResult> result = engine->Solve();
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    solved = std::move(result).value();
  }
  size_t next = 0;
  double worst = 0;
  for (auto _ : state) {
    const MatchedPair& pair = solved.pairs[(next++ * 7919) % solved.pairs.size()];
    const std::string id = engine->instance().mentees[pair.mentee].person.id;
    const auto start = std::chrono::steady_clock::now();
    Result<MatchResult> result = engine->Rematch(solved, {id});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    state.SetIterationTime(seconds);
    worst = std::max(worst, seconds);
    state.counters["ms"] = seconds * 1000;
    state.counters["target_ms"] = 50;
    state.counters["ratio_to_target"] = seconds * 1000 / 50;
    state.counters["optimal"] = result->optimal ? 1 : 0;
    state.counters["matched"] = result->matched;
  }
  state.counters["worst_ms"] = worst * 1000;
}

BENCHMARK(BM_ScanAllPairs_100k_x_20k)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_EndToEnd_100k_x_20k)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_EndToEnd_Balanced_60k_x_20k)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_EndToEnd_10k_x_2k)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Rematch_OnePerson_100k)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(20);

}  // namespace

BENCHMARK_MAIN();
