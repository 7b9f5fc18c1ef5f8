// The matching engine: pairs mentees with mentors for the best total score there is (or the
// best coverage, or the fairest answer), proves it over every eligible pair, explains each
// pair and each unmatched mentee, and rematches a few people while every other pair stays.
//
//   auto engine = Engine::Create(std::move(instance));   // validates, prepares
//   if (!engine.ok()) return engine.status();              // InvalidArgument names the field
//   Result<MatchResult> result = engine->Solve();
//
// How: every mentee x mentor pair is scanned on all cores (hard rules as compact integer
// tests, the management chain as nested intervals of the management tree, skills as
// per-skill level columns), the best K per mentee are kept, the max-weight b-matching over
// them is solved as a min-cost flow (LEMON NetworkSimplex), and every eligible pair left out
// is priced against the flow's dual potentials; pairs that would improve the answer are added
// and the flow re-solved until none does. See docs/matching.md.
//
// Pure computation: no I/O, no logging, no exceptions for bad input.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "matching/instance.h"
#include "matching/result.h"

namespace pairwise::matching {

namespace internal {
struct Model;
}

struct EngineOptions {
  int threads = 0;                // worker threads; 0: one per core
  int candidates_per_mentee = 0;  // K; 0: automatic. Any K gives the same, proven answer.
  bool compute_greedy = true;     // also compute the greedy answer for comparison
  // false: score every pair with the scalar reference scorer instead of the vectorized scan
  // (same results, slower; for tests).
  bool vectorized_scan = true;
  // The greedy baseline rescans a row that ran out of pairs one pair at a time when at most
  // this many mentors could still take it, else whole; -1: automatic. Same results either way
  // (for tests).
  int greedy_pair_by_pair_limit = -1;
  // Prices come from solves on samples of the mentees (1 in 8, 1 in 64, ...) of at least this
  // many rows each; 0: automatic (1,500). Same results either way (for tests).
  int smallest_price_sample = 0;
};

class Engine {
 public:
  // Validates `instance` and prepares its compact form; the engine keeps the instance.
  // InvalidArgument on the first problem found, with a message naming the record ("mentee
  // \"e7\"") and `field` the JSON-style path ("mentees[6].manager"): duplicate or unknown
  // ids, values out of range, a management chain with a cycle, a pin that breaks a hard rule
  // or is forbidden, two pins for one mentee, pins beyond a mentor's capacity.
  static Result<Engine> Create(Instance instance, EngineOptions options = {});

  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  ~Engine();

  // Solves the instance for its objective. Uses options.threads threads; several calls may
  // run at once on one engine. Internal only if the flow solver fails unexpectedly.
  Result<MatchResult> Solve() const;

  // Rematches after a clash: frees the people named in `freed_ids` (mentee or mentor ids)
  // and finds them the best available partners, while every other pair of `current` stays
  // exactly as it is. A freed mentee loses its mentor; a freed mentor loses its mentees, who
  // are rematched too; dissolved pairs are not formed again. Pins are not re-applied: the
  // kept pairs of `current` are what stays. InvalidArgument for an unknown id or when
  // `current` is not a matching of this instance (field "current").
  Result<MatchResult> Rematch(const MatchResult& current,
                              const std::vector<std::string>& freed_ids) const;

  // Per-criterion points and score of any pair, eligible or not. Indices must be valid.
  Breakdown ScorePair(int32_t mentee, int32_t mentor) const;
  int64_t PairScore(int32_t mentee, int32_t mentor) const;
  // The hard rules the pair breaks; empty when the pair is eligible.
  std::vector<HardRule> BrokenRules(int32_t mentee, int32_t mentor) const;

  // In words: "shares 4 of the 5 skills the mentee wants: negotiation, ...; 2 levels above;
  // other department; both speak Portuguese; ranked 1st". Only criteria with a weight.
  std::string ExplainPair(const MatchedPair& pair) const;
  // "no eligible mentor under the rules; other department excluded the most (37 of 40
  // mentors)", "all 12 eligible mentors are full", ...
  std::string ExplainUnmatched(const UnmatchedMentee& unmatched) const;

  const Instance& instance() const;
  const EngineOptions& options() const;
  double prepare_ms() const;  // time Create() took

 private:
  explicit Engine(std::unique_ptr<internal::Model> model);
  std::unique_ptr<internal::Model> model_;
};

}  // namespace pairwise::matching
