// `pairwise match` end to end (read the instance file, solve, write the result file) on an
// instance of 100,000 mentees x 30 candidate mentors each (3,000,000 explicit pairs, 20,000
// mentors of capacity 1-5), against an independent solve of the same pairs with LEMON's
// NetworkSimplex called directly (not our engine). Goals (issue 17): time <= 1.2x LEMON's;
// peak memory <= 2x the engine's own (the same instance built in memory, solved by the engine
// alone, in a process of its own).
//
//   match_cli_bench [--pairwise PATH] [--runs N] [--dir DIR] [--mentees N]
//   match_cli_bench [--mentees N] --write-instance PATH   (writes the instance file, no run)
//
// With --pairwise the given binary runs `match`; without it this program runs the same
// RunMatchCommand in a fresh process of its own. Runs are interleaved (match, LEMON, engine
// alone) N times (default 3) and medians reported; the load average is printed beside the
// figures because the machine may be shared.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "cli/match/match_command.h"
#include "matching/engine.h"

namespace {

using namespace pairwise;

// 100,000 mentees and 20,000 mentors unless --mentees N says otherwise (mentors: N / 5), so a
// profile or a quick A/B can run on a smaller instance of the same shape.
int g_mentees = 100'000;
int g_mentors = 20'000;
constexpr int kCandidates = 30;

// The pairs, by index: mentee i's candidates are mentor[i * kCandidates ...].
struct Pairs {
  std::vector<int32_t> capacity;  // per mentor
  std::vector<int32_t> mentor;    // g_mentees * kCandidates
  std::vector<int32_t> score;     // 0..1000
};

// Deterministic: every process of the benchmark builds the same pairs.
Pairs MakePairs() {
  Pairs p;
  std::mt19937_64 rng(17);
  p.capacity.resize(g_mentors);
  for (int32_t& c : p.capacity) c = 1 + static_cast<int32_t>(rng() % 5);
  p.mentor.reserve(static_cast<size_t>(g_mentees) * kCandidates);
  p.score.reserve(static_cast<size_t>(g_mentees) * kCandidates);
  std::vector<int32_t> row;
  for (int e = 0; e < g_mentees; ++e) {
    row.clear();
    while (row.size() < kCandidates) {
      const auto m = static_cast<int32_t>(rng() % g_mentors);
      if (std::find(row.begin(), row.end(), m) == row.end()) row.push_back(m);
    }
    for (int32_t m : row) {
      p.mentor.push_back(m);
      p.score.push_back(static_cast<int32_t>(rng() % 1001));
    }
  }
  return p;
}

std::string MentorId(int32_t m) {
  char id[16];
  std::snprintf(id, sizeof id, "m%05d", m);
  return id;
}
std::string MenteeId(int32_t e) {
  char id[16];
  std::snprintf(id, sizeof id, "e%06d", e);
  return id;
}

// The instance file, as a program's export would write it (one pair a line).
void WriteInstance(const Pairs& p, const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) {
    std::perror(path.c_str());
    std::exit(1);
  }
  std::fputs("{\n\"objective\": \"total\",\n\"mentors\": [\n", f);
  for (int32_t m = 0; m < g_mentors; ++m) {
    std::fprintf(f, "%s{\"id\": \"%s\", \"capacity\": %d}\n", m ? "," : "", MentorId(m).c_str(),
                 p.capacity[m]);
  }
  std::fputs("],\n\"mentees\": [\n", f);
  for (int32_t e = 0; e < g_mentees; ++e) {
    std::fprintf(f, "%s{\"id\": \"%s\"}\n", e ? "," : "", MenteeId(e).c_str());
  }
  std::fputs("],\n\"pairs\": [\n", f);
  for (size_t i = 0; i < p.mentor.size(); ++i) {
    std::fprintf(f, "%s{\"mentee\": \"%s\", \"mentor\": \"%s\", \"score\": %d}\n", i ? "," : "",
                 MenteeId(static_cast<int32_t>(i / kCandidates)).c_str(),
                 MentorId(p.mentor[i]).c_str(), p.score[i]);
  }
  std::fputs("]\n}\n", f);
  if (std::fclose(f) != 0) {
    std::perror(path.c_str());
    std::exit(1);
  }
}

double CpuSeconds(const timeval& t) {
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
}

// CPU time of the calling thread (user + system).
double ThreadCpuSeconds() {
  struct rusage usage {};
  getrusage(RUSAGE_THREAD, &usage);
  return CpuSeconds(usage.ru_utime) + CpuSeconds(usage.ru_stime);
}

double PeakRssMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

std::string LoadAverage() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) return "?";
  char text[64];
  std::snprintf(text, sizeof text, "%.1f %.1f %.1f", load[0], load[1], load[2]);
  return text;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// The engine alone: the instance built in memory (not timed), then Create + Solve. Prints
// "<seconds> <peak RSS MiB> <total score>".
int EngineOwn() {
  matching::Instance in;
  {
    const Pairs p = MakePairs();
    in.mentors.resize(g_mentors);
    for (int32_t m = 0; m < g_mentors; ++m) {
      in.mentors[m].person.id = MentorId(m);
      in.mentors[m].capacity = p.capacity[m];
    }
    in.mentees.resize(g_mentees);
    for (int32_t e = 0; e < g_mentees; ++e) in.mentees[e].person.id = MenteeId(e);
    std::vector<matching::ScoredPair> pairs;
    pairs.reserve(p.mentor.size());
    for (size_t i = 0; i < p.mentor.size(); ++i) {
      pairs.push_back(
          {MenteeId(static_cast<int32_t>(i / kCandidates)), MentorId(p.mentor[i]), p.score[i]});
    }
    in.pairs = std::move(pairs);
  }
  const auto start = std::chrono::steady_clock::now();
  Result<matching::Engine> engine = matching::Engine::Create(std::move(in));
  if (!engine.ok()) return 1;
  Result<matching::MatchResult> result = engine->Solve();
  if (!result.ok()) return 1;
  const double seconds = Seconds(start);
  std::printf("%.3f %.1f %lld\n", seconds, PeakRssMiB(),
              static_cast<long long>(result->total_score));
  return 0;
}

// LEMON NetworkSimplex on the same pairs, from the arrays to the chosen pairs: a source of one
// unit per mentee, an arc per pair (cost -score), a zero-cost arc per mentee for "unmatched",
// each mentor's capacity to the sink. Returns the total score; `seconds` is the time taken.
long long LemonSolve(const Pairs& p, double& seconds, double& cpu_seconds) {
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = ThreadCpuSeconds();
  lemon::SmartDigraph g;
  g.reserveNode(g_mentees + g_mentors + 1);
  g.reserveArc(static_cast<int>(p.mentor.size()) + g_mentees + g_mentors);
  for (int i = 0; i < g_mentees + g_mentors + 1; ++i) g.addNode();
  const lemon::SmartDigraph::Node sink = g.nodeFromId(g_mentees + g_mentors);
  lemon::SmartDigraph::ArcMap<int> capacity(g);
  lemon::SmartDigraph::ArcMap<long long> cost(g);
  lemon::SmartDigraph::NodeMap<int> supply(g, 0);
  for (size_t i = 0; i < p.mentor.size(); ++i) {
    const auto arc = g.addArc(g.nodeFromId(static_cast<int>(i / kCandidates)),
                              g.nodeFromId(g_mentees + p.mentor[i]));
    capacity[arc] = 1;
    cost[arc] = -p.score[i];
  }
  for (int e = 0; e < g_mentees; ++e) {
    const auto arc = g.addArc(g.nodeFromId(e), sink);
    capacity[arc] = 1;
    cost[arc] = 0;
    supply[g.nodeFromId(e)] = 1;
  }
  for (int m = 0; m < g_mentors; ++m) {
    const auto arc = g.addArc(g.nodeFromId(g_mentees + m), sink);
    capacity[arc] = p.capacity[m];
    cost[arc] = 0;
  }
  supply[sink] = -g_mentees;
  lemon::NetworkSimplex<lemon::SmartDigraph, int, long long> simplex(g);
  simplex.upperMap(capacity).costMap(cost).supplyMap(supply);
  if (simplex.run() != lemon::NetworkSimplex<lemon::SmartDigraph, int, long long>::OPTIMAL) {
    std::fprintf(stderr, "LEMON: not optimal\n");
    std::exit(1);
  }
  long long total = 0;
  for (size_t i = 0; i < p.mentor.size(); ++i) {
    if (simplex.flow(g.arcFromId(static_cast<int>(i))) > 0) total += p.score[i];
  }
  seconds = Seconds(start);
  cpu_seconds = ThreadCpuSeconds() - cpu_start;
  return total;
}

struct ChildRun {
  double seconds = 0;
  double cpu_seconds = 0;  // user + system, all threads
  double peak_mib = 0;
  int status = -1;
  std::string out;  // first line of standard output
};

// Starts the processes of the runs. It is forked before the benchmark allocates anything:
// a child's peak RSS (getrusage) counts the pages of the process it was forked from, so the
// children must not be forked from this one once it holds the pairs.
class Launcher {
 public:
  Launcher() {
    int requests[2];
    int answers[2];
    if (pipe(requests) != 0 || pipe(answers) != 0) std::exit(1);
    pid_ = fork();
    if (pid_ == 0) {
      close(requests[1]);
      close(answers[0]);
      Serve(requests[0], answers[1]);
      std::_Exit(0);
    }
    close(requests[0]);
    close(answers[1]);
    to_ = fdopen(requests[1], "w");
    from_ = fdopen(answers[0], "r");
  }
  ~Launcher() {
    std::fclose(to_);
    waitpid(pid_, nullptr, 0);
    std::fclose(from_);
  }

  // Runs `args` (one per line to the launcher; none contains a newline).
  ChildRun Run(const std::vector<std::string>& args) {
    for (const std::string& a : args) std::fprintf(to_, "%s\n", a.c_str());
    std::fprintf(to_, "\n");
    std::fflush(to_);
    ChildRun run;
    char line[4096];
    if (!std::fgets(line, sizeof line, from_)) std::exit(1);
    std::sscanf(line, "%lf %lf %d %lf", &run.seconds, &run.peak_mib, &run.status, &run.cpu_seconds);
    if (std::fgets(line, sizeof line, from_)) run.out = line;
    return run;
  }

 private:
  // Reads argument lines (an empty line ends a command), runs each command with its standard
  // output into a file, answers "<seconds> <peak MiB> <exit status>\n<first output line>".
  static void Serve(int requests_fd, int answers_fd) {
    FILE* in = fdopen(requests_fd, "r");
    FILE* out = fdopen(answers_fd, "w");
    std::vector<std::string> args;
    char line[4096];
    while (std::fgets(line, sizeof line, in)) {
      std::string arg(line);
      if (!arg.empty() && arg.back() == '\n') arg.pop_back();
      if (!arg.empty()) {
        args.push_back(arg);
        continue;
      }
      char output[] = "/tmp/pairwise-match-bench-out-XXXXXX";
      const int output_fd = mkstemp(output);
      const auto start = std::chrono::steady_clock::now();
      const pid_t pid = fork();
      if (pid == 0) {
        dup2(output_fd, STDOUT_FILENO);
        std::vector<char*> argv;
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        std::_Exit(127);
      }
      int status = 0;
      struct rusage usage {};
      wait4(pid, &status, 0, &usage);
      const double seconds = Seconds(start);
      char first[4096] = "";
      FILE* result = std::fopen(output, "r");
      if (result) {
        if (!std::fgets(first, sizeof first, result)) first[0] = '\0';
        std::fclose(result);
      }
      close(output_fd);
      std::remove(output);
      std::fprintf(out, "%.3f %.1f %d %.3f\n%s%s", seconds,
                   static_cast<double>(usage.ru_maxrss) / 1024.0,
                   WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                   CpuSeconds(usage.ru_utime) + CpuSeconds(usage.ru_stime), first,
                   std::strchr(first, '\n') ? "" : "\n");
      std::fflush(out);
      args.clear();
    }
    std::fclose(in);
    std::fclose(out);
  }

  pid_t pid_ = -1;
  FILE* to_ = nullptr;
  FILE* from_ = nullptr;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string pairwise_binary;
  std::string dir = "/tmp";
  int runs = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--mentees" && i + 1 < argc) {
      g_mentees = std::max(kCandidates * 5, std::atoi(argv[++i]));
      g_mentors = g_mentees / 5;
      continue;
    }
    if (arg == "--engine-own") return EngineOwn();
    if (arg == "--match" && i + 2 < argc) {
      cli::MatchCommandOptions options;
      options.instance_path = argv[i + 1];
      options.out_path = argv[i + 2];
      return cli::RunMatchCommand(options);
    }
    if (arg == "--pairwise" && i + 1 < argc) pairwise_binary = argv[++i];
    if (arg == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
    if (arg == "--write-instance" && i + 1 < argc) {
      WriteInstance(MakePairs(), argv[i + 1]);  // for a profile of `pairwise match` alone
      return 0;
    }
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress as it comes, also into a pipe
  Launcher launcher;                         // before anything is allocated (see Launcher)
  char self[4096];
  const ssize_t self_len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (self_len <= 0) return 1;
  self[self_len] = '\0';

  const Pairs pairs = MakePairs();
  const std::string instance = dir + "/pairwise-match-bench-" + std::to_string(getpid()) + ".json";
  const std::string result = instance + ".result.json";
  WriteInstance(pairs, instance);
  std::ifstream sized(instance, std::ios::ate | std::ios::binary);
  const double file_mb = static_cast<double>(sized.tellg()) / 1e6;
  std::printf(
      "instance: %d mentees x %d candidates = %zu pairs, %d mentors; file %.0f MB, %.0f "
      "bytes a pair\n",
      g_mentees, kCandidates, pairs.mentor.size(), g_mentors, file_mb,
      file_mb * 1e6 / static_cast<double>(pairs.mentor.size()));
  std::printf("runner: %s\n", pairwise_binary.empty()
                                  ? "RunMatchCommand in a fresh process (as `pairwise match`)"
                                  : (pairwise_binary + " match").c_str());

  std::vector<double> match_s, match_mib, lemon_s, engine_s, engine_mib, match_cpu, lemon_cpu;
  long long match_total = -1, lemon_total = -1, engine_total = -1;
  double read_ms = 0;
  std::string phases;
  for (int r = 0; r < runs; ++r) {
    const std::string load_before = LoadAverage();
    const ChildRun match =
        pairwise_binary.empty()
            ? launcher.Run(
                  {self, "--mentees", std::to_string(g_mentees), "--match", instance, result})
            : launcher.Run({pairwise_binary, "match", instance, "--out", result});
    if (match.status != 0) {
      std::fprintf(stderr, "pairwise match failed (exit %d)\n", match.status);
      return 1;
    }
    {
      std::ifstream in(result);
      const nlohmann::json doc = nlohmann::json::parse(in);
      match_total = doc["total_score"].get<long long>();
      read_ms = doc["timings_ms"]["read"].get<double>();
      phases.clear();
      for (const auto& [phase, ms] : doc["timings_ms"].items()) {
        char text[64];
        std::snprintf(text, sizeof text, "%s%s %.2f", phases.empty() ? "" : ", ", phase.c_str(),
                      ms.get<double>() / 1000);
        phases += text;
      }
    }
    double lemon_seconds = 0;
    double lemon_cpu_seconds = 0;
    lemon_total = LemonSolve(pairs, lemon_seconds, lemon_cpu_seconds);
    const ChildRun engine =
        launcher.Run({self, "--mentees", std::to_string(g_mentees), "--engine-own"});
    if (engine.status != 0) return 1;
    double seconds = 0;
    double mib = 0;
    std::sscanf(engine.out.c_str(), "%lf %lf %lld", &seconds, &mib, &engine_total);
    match_s.push_back(match.seconds);
    match_mib.push_back(match.peak_mib);
    lemon_s.push_back(lemon_seconds);
    match_cpu.push_back(match.cpu_seconds);
    lemon_cpu.push_back(lemon_cpu_seconds);
    engine_s.push_back(seconds);
    engine_mib.push_back(mib);
    std::printf(
        "run %d: pairwise match %.2f s (reading %.2f s; CPU %.2f s), peak RSS %.0f MiB | LEMON "
        "%.2f s (CPU %.2f s) | engine alone %.2f s, peak RSS %.0f MiB | load average %s -> %s\n",
        r + 1, match.seconds, read_ms / 1000, match.cpu_seconds, match.peak_mib, lemon_seconds,
        lemon_cpu_seconds, seconds, mib, load_before.c_str(), LoadAverage().c_str());
    std::printf("       pairwise match's phases (s): %s; writing the result file: the rest\n",
                phases.c_str());
  }
  std::remove(instance.c_str());
  std::remove(result.c_str());
  const double time_ratio = Median(match_s) / Median(lemon_s);
  const double memory_ratio = Median(match_mib) / Median(engine_mib);
  std::printf(
      "pairwise match: median %.2f s end to end; LEMON NetworkSimplex: median %.2f s; "
      "ratio %.2f (goal <= 1.2) %s\n",
      Median(match_s), Median(lemon_s), time_ratio, time_ratio <= 1.2 ? "met" : "MISSED");
  // On a shared machine the wall clock mostly measures the queue for a core; CPU time does not
  // (pairwise match's counts all its threads, LEMON runs on one).
  std::printf(
      "CPU time (user + system): pairwise match median %.2f s, LEMON median %.2f s; ratio "
      "%.2f\n",
      Median(match_cpu), Median(lemon_cpu), Median(match_cpu) / Median(lemon_cpu));
  std::printf(
      "peak RSS: pairwise match %.0f MiB, the engine alone %.0f MiB (solve %.2f s); "
      "ratio %.2f (goal <= 2) %s\n",
      Median(match_mib), Median(engine_mib), Median(engine_s), memory_ratio,
      memory_ratio <= 2 ? "met" : "MISSED");
  std::printf(
      "total score: pairwise match %lld, engine alone %lld, LEMON %lld (%s); load "
      "average %s\n",
      match_total, engine_total, lemon_total,
      match_total == lemon_total && engine_total == lemon_total ? "equal" : "DIFFERENT",
      LoadAverage().c_str());
  return match_total == lemon_total ? 0 : 1;
}
