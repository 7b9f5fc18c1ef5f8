// The demo program matched end to end, as a coordinator's "Run matching" does it: the run is
// queued (StartRun), claimed and run by a worker (RunNextJob: loading participants, directory,
// profiles and answers; the engine; explanations; storing the proposal). Setup (a 100,000-person
// demo with its program) is not timed and is done once per backend.
//
// Counters: seconds (queue to stored proposal), engine_s (the engine alone, from the summary),
// overhead (seconds / engine_s; goal <= 1.3), the job's phases from its log line: load_s
// (participants, answers, the directory they need, profiles), build_s (the engine's instance),
// explain_s (explanations and summary), store_s (storing the proposal; goal for 20,000 pairs
// <= 0.5 s), vs_8s (seconds / 8: the engine's own end-to-end target for a larger 100k x 20k
// program), pairs, matched_share. Each run also prints (stderr) a digest of the stored proposal
// as read back (summary figures, pairs, scores, points, explanations, unmatched mentees): equal
// digests, equal proposals, for comparing two builds. PostgreSQL runs when
// PAIRWISE_BENCH_POSTGRES_URL (or PAIRWISE_TEST_POSTGRES_URL) names a database it may empty;
// a database that already holds the demo is reused (so is the SQLite file that
// PAIRWISE_BENCH_SQLITE_PATH names; without it, a new file per process).
#include <benchmark/benchmark.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "app/application.h"
#include "domain/accounts/demo_accounts.h"
#include "domain/demo/demo_programs.h"
#include "storage/database.h"

namespace pairwise {
namespace {

using Clock = std::chrono::steady_clock;

// FNV-1a over what a stored proposal holds (every pair and unmatched mentee, with snapshots,
// scores, points and explanations, in the stored order), so that runs of two builds can be
// compared: the same digest is the same stored proposal.
class Digest {
 public:
  void Add(std::string_view text) {
    for (unsigned char c : text) Byte(c);
    Byte(0xff);  // a separator no UTF-8 text holds
  }
  void Add(int64_t n) { Add(std::to_string(n)); }
  void Add(const domain::PersonSnapshot& p) {
    Add(p.name), Add(p.department), Add(p.site), Add(p.level);
  }
  uint64_t value() const { return hash_; }

 private:
  void Byte(unsigned char c) {
    hash_ ^= c;
    hash_ *= 1099511628211ULL;
  }
  uint64_t hash_ = 14695981039346656037ULL;
};

// The digest of stored proposal `id` read back from the database (its summary's figures but
// the times, pairs, unmatched mentees); 0 when it cannot be read.
uint64_t StoredDigest(storage::Database& db, domain::ProposalId id) {
  auto repo = storage::MakeProposalRepository(db);
  auto proposal = repo->FindProposal(id);
  auto pairs = repo->ListPairs(id);
  auto unmatched = repo->ListUnmatched(id);
  if (!proposal.ok() || !pairs.ok() || !unmatched.ok()) return 0;
  Digest d;
  const domain::ProposalSummary& s = proposal->summary;
  for (int64_t n : {int64_t{s.mentees}, int64_t{s.mentors}, int64_t{s.matched}, s.total_score,
                    s.lowest_score, int64_t{s.optimal}, s.greedy_total.value_or(-1),
                    int64_t{s.greedy_matched}, int64_t{s.ranked_honoured}, int64_t{s.first_choice},
                    int64_t{s.mentees_with_ranking}, s.score_bucket}) {
    d.Add(n);
  }
  for (int n : s.mentor_load) d.Add(n);
  for (int n : s.score_histogram) d.Add(n);
  for (const domain::ProposalPair& p : *pairs) {
    d.Add(p.mentee), d.Add(p.mentor), d.Add(p.mentee_info), d.Add(p.mentor_info);
    d.Add(p.score);
    for (int point : p.points) d.Add(point);
    d.Add(p.explanation), d.Add(p.pinned ? 1 : 0), d.Add(p.manual ? 1 : 0);
    for (const std::string& rule : p.broken_rules) d.Add(rule);
  }
  for (const domain::ProposalUnmatched& u : *unmatched) {
    d.Add(u.mentee), d.Add(u.mentee_info), d.Add(u.reason), d.Add(u.explanation);
  }
  return d.value();
}

constexpr int kPeople = 100'000;

// The job's info lines, kept while the console shows warnings only.
std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> job_log;

// The phases ("load_ms=12 build_ms=3 ...", in seconds) of the job's last "matching run" line;
// empty when there is none.
std::map<std::string, double> LastPhases() {
  std::map<std::string, double> phases;
  if (!job_log) return phases;
  const std::vector<std::string> lines = job_log->last_formatted();
  for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
    const size_t at = line->find("phases ");
    if (line->find("matching run ") == std::string::npos || at == std::string::npos) continue;
    size_t pos = at + 7;
    while (pos < line->size()) {
      const size_t eq = line->find('=', pos);
      if (eq == std::string::npos) break;
      size_t end = line->find(' ', eq);
      if (end == std::string::npos) end = line->size();
      std::string name = line->substr(pos, eq - pos);
      if (name.size() > 3 && name.ends_with("_ms")) name.resize(name.size() - 3);
      phases[name] = std::atof(line->substr(eq + 1, end - eq - 1).c_str()) / 1000.0;
      pos = end + 1;
    }
    break;
  }
  return phases;
}

struct Prepared {
  std::unique_ptr<app::Application> app;
  domain::Actor coordinator;
  domain::ProgramId program;
};

Result<Prepared> Prepare(const std::string& url) {
  auto opened = app::Application::Open(url, 4);
  if (!opened.ok()) return opened.status();
  Prepared p;
  p.app = std::move(opened).value();
  domain::DemoOptions demo;
  demo.people = kPeople;
  auto loaded = p.app->LoadDemoIfEmpty(demo);
  if (!loaded.ok()) return loaded.status();
  auto chosen = domain::ChooseDemoPeople(p.app->people_repository());
  if (!chosen.ok()) return chosen.status();
  for (const auto& login : *chosen) {
    if (login.role == "coordinator") p.coordinator.employee_id = login.employee_id;
  }
  p.coordinator.roles = {domain::Role::kCoordinator};
  auto programs = p.app->program_repository().ListPrograms();
  if (!programs.ok()) return programs.status();
  for (const auto& program : *programs) {
    if (program.name == domain::kDemoProgramName) p.program = program.id;
  }
  if (!p.program.valid()) return Status::Internal("no demo program");
  return p;
}

void RunOnce(benchmark::State& state, Prepared& p) {
  double seconds = 0, engine = 0, store = 0, load = 0, build = 0, explain = 0;
  int64_t pairs = 0;
  double share = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    auto queued = p.app->matching().StartRun(p.coordinator, p.program, std::nullopt);
    if (!queued.ok()) {
      state.SkipWithError(queued.status().ToString().c_str());
      return;
    }
    auto ran = p.app->matching().RunNextJob("bench");
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (!ran.ok() || !*ran) {
      state.SkipWithError("the run did not complete");
      return;
    }
    auto proposal = p.app->matching().GetProposal(p.coordinator, p.program, queued->id);
    if (!proposal.ok() || proposal->status != domain::ProposalStatus::kDone) {
      state.SkipWithError(proposal.ok() ? proposal->error.c_str() : "cannot read the proposal");
      return;
    }
    state.SetIterationTime(elapsed);
    seconds += elapsed;
    engine += proposal->summary.engine_ms / 1000.0;
    const std::map<std::string, double> phases = LastPhases();
    if (phases.contains("store")) {
      store += phases.at("store");
      load += phases.contains("load") ? phases.at("load") : 0;
      build += phases.contains("build") ? phases.at("build") : 0;
      explain += phases.contains("explain") ? phases.at("explain") : 0;
    } else {
      store += elapsed - proposal->summary.total_ms / 1000.0;  // queueing and claiming too
    }
    pairs = proposal->summary.matched;
    // Not timed: read back after the run, for comparing builds.
    std::fprintf(stderr, "stored proposal digest %016llx\n",
                 static_cast<unsigned long long>(StoredDigest(p.app->database(), queued->id)));
    share = proposal->summary.mentees
                ? static_cast<double>(proposal->summary.matched) / proposal->summary.mentees
                : 0;
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["seconds"] = seconds / n;
  state.counters["engine_s"] = engine / n;
  state.counters["overhead"] = engine > 0 ? seconds / engine : 0;
  state.counters["store_s"] = store / n;
  state.counters["load_s"] = load / n;
  state.counters["build_s"] = build / n;
  state.counters["explain_s"] = explain / n;
  state.counters["vs_8s"] = seconds / n / 8.0;
  state.counters["pairs"] = static_cast<double>(pairs);
  state.counters["matched_share"] = share;
}

void BM_RunToStoredProposal_Sqlite(benchmark::State& state) {
  static std::unique_ptr<Prepared> prepared;
  if (!prepared) {
    // PAIRWISE_BENCH_SQLITE_PATH keeps the database (its demo is loaded once, then reused), so
    // that runs of two builds can alternate without loading the demo each time.
    std::string path;
    if (const char* kept = std::getenv("PAIRWISE_BENCH_SQLITE_PATH"); kept && *kept) {
      path = kept;
    } else {
      const auto dir = std::filesystem::temp_directory_path() /
                       ("pairwise-run-bench-" + std::to_string(::getpid()));
      std::filesystem::remove_all(dir);
      std::filesystem::create_directories(dir);
      path = (dir / "bench.db").string();
    }
    auto p = Prepare("sqlite:" + path);
    if (!p.ok()) {
      state.SkipWithError(p.status().ToString().c_str());
      return;
    }
    prepared = std::make_unique<Prepared>(std::move(p).value());
  }
  RunOnce(state, *prepared);
}

void BM_RunToStoredProposal_Postgres(benchmark::State& state) {
  static std::unique_ptr<Prepared> prepared;
  if (!prepared) {
    const char* url = std::getenv("PAIRWISE_BENCH_POSTGRES_URL");
    if (url == nullptr || *url == '\0') url = std::getenv("PAIRWISE_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') {
      state.SkipWithError("no PostgreSQL (PAIRWISE_BENCH_POSTGRES_URL)");
      return;
    }
    auto p = Prepare(url);
    if (!p.ok()) {
      state.SkipWithError(p.status().ToString().c_str());
      return;
    }
    prepared = std::make_unique<Prepared>(std::move(p).value());
  }
  RunOnce(state, *prepared);
}

BENCHMARK(BM_RunToStoredProposal_Sqlite)->UseManualTime()->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_RunToStoredProposal_Postgres)
    ->UseManualTime()
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace
}  // namespace pairwise

int main(int argc, char** argv) {
  // The console shows warnings; the job's info lines (its phases) go to a ring buffer.
  for (const auto& sink : spdlog::default_logger()->sinks()) sink->set_level(spdlog::level::warn);
  pairwise::job_log = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
  pairwise::job_log->set_level(spdlog::level::info);
  pairwise::job_log->set_pattern("%v");
  spdlog::default_logger()->sinks().push_back(pairwise::job_log);
  spdlog::set_level(spdlog::level::info);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
