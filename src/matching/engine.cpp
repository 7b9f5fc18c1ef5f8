#include "matching/engine.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <utility>

#include "matching/explain.h"
#include "matching/model.h"
#include "matching/parallel.h"
#include "matching/scoring.h"
#include "matching/solver.h"

namespace pairwise::matching {
namespace {

using internal::Model;
using Clock = std::chrono::steady_clock;

constexpr int32_t kDefaultCandidatesPerMentee = 16;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int32_t CandidatesPerMentee(const Model& model) {
  if (model.options.candidates_per_mentee > 0) return model.options.candidates_per_mentee;
  if (model.explicit_pairs) {
    // Explicit lists are given whole to the solver: nothing is left out.
    int32_t longest = 1;
    for (int32_t e = 0; e < model.mentee_count; ++e) {
      longest = std::max(longest, model.explicit_.size(e));
    }
    return longest;
  }
  return kDefaultCandidatesPerMentee;
}

// A pair decided outside the solve (a pin, or a pair a rematch keeps).
struct FixedPair {
  MatchedPair pair;
  bool has_breakdown = false;
};

MatchedPair MakePair(const Model& model, int32_t e, int32_t m, bool pinned) {
  MatchedPair p;
  p.mentee = e;
  p.mentor = m;
  p.pinned = pinned;
  p.breakdown = internal::ScoreBreakdown(model, e, m);
  p.score = internal::PairScore(model, e, m);
  return p;
}

MatchResult Compose(const Model& model, const internal::SolveRequest& request,
                    internal::SolveOutcome& outcome, std::vector<FixedPair> fixed) {
  const auto start = Clock::now();
  MatchResult result;
  result.objective = model.instance.objective;
  const int32_t rows = request.scope.rows();
  std::vector<int32_t> row_of(model.mentee_count, -1);
  for (int32_t r = 0; r < rows; ++r) row_of[request.scope.mentees[r]] = r;
  std::vector<int32_t> fixed_of(model.mentee_count, -1);
  for (size_t i = 0; i < fixed.size(); ++i)
    fixed_of[fixed[i].pair.mentee] = static_cast<int32_t>(i);

  int64_t fixed_total = 0;
  std::optional<int64_t> lowest;
  std::vector<int32_t> unmatched;
  for (int32_t e = 0; e < model.mentee_count; ++e) {
    if (fixed_of[e] >= 0) {
      FixedPair& f = fixed[fixed_of[e]];
      if (!f.has_breakdown) f.pair = MakePair(model, e, f.pair.mentor, f.pair.pinned);
      fixed_total += f.pair.score;
      if (!f.pair.pinned) lowest = std::min(lowest.value_or(f.pair.score), f.pair.score);
      result.pairs.push_back(f.pair);
    } else if (row_of[e] >= 0 && outcome.mentor_of_row[row_of[e]] >= 0) {
      result.pairs.push_back(MakePair(model, e, outcome.mentor_of_row[row_of[e]], false));
      const int64_t s = result.pairs.back().score;
      lowest = std::min(lowest.value_or(s), s);
    } else {
      unmatched.push_back(e);
    }
  }
  for (const MatchedPair& p : result.pairs) result.total_score += p.score;
  result.matched = static_cast<int32_t>(result.pairs.size());
  result.min_pair_score = lowest;

  result.unmatched.resize(unmatched.size());
  static const std::vector<int32_t> kNone;
  internal::ParallelFor(
      request.scope.threads, static_cast<int64_t>(unmatched.size()), 64,
      [&](int, int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
          const int32_t e = unmatched[i];
          const int32_t r = row_of[e];
          if (r < 0) {
            result.unmatched[i].mentee = e;
            result.unmatched[i].reason = UnmatchedReason::kNotRematched;
            result.unmatched[i].mentors = model.mentor_count;
            continue;
          }
          const std::vector<int32_t>& extra = static_cast<size_t>(r) < request.scope.excluded.size()
                                                  ? request.scope.excluded[r]
                                                  : kNone;
          result.unmatched[i] = internal::Diagnose(model, e, outcome.eligible_of_row[r], extra);
        }
      });

  result.optimal = outcome.optimal;
  result.upper_bound = outcome.upper_bound;
  if (outcome.upper_bound) result.upper_bound = *outcome.upper_bound + fixed_total;
  if (outcome.greedy_total) {
    int32_t pins = 0;
    int64_t pin_total = 0;
    for (const FixedPair& f : fixed) {
      ++pins;
      pin_total += f.pair.score;
    }
    result.greedy_total_score = *outcome.greedy_total + pin_total;
    result.greedy_matched = outcome.greedy_matched + pins;
  }
  result.stats = outcome.stats;
  result.timings = outcome.timings;
  result.timings.explain_ms = MsSince(start);
  return result;
}

}  // namespace

Engine::Engine(std::unique_ptr<internal::Model> model) : model_(std::move(model)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

Result<Engine> Engine::Create(Instance instance, EngineOptions options) {
  Result<std::unique_ptr<Model>> model = internal::BuildModel(std::move(instance), options);
  if (!model.ok()) return model.status();
  return Engine(std::move(model).value());
}

Result<MatchResult> Engine::Solve() const {
  const auto start = Clock::now();
  const Model& model = *model_;
  internal::SolveRequest request;
  request.scope.model = &model;
  request.scope.threads = internal::ResolveThreads(model.options.threads);
  request.fixed_count.assign(model.mentor_count, 0);
  std::vector<FixedPair> fixed;
  for (int32_t e = 0; e < model.mentee_count; ++e) {
    const int32_t m = model.pinned_mentor[e];
    if (m >= 0) {
      ++request.fixed_count[m];
      FixedPair f;
      f.pair.mentee = e;
      f.pair.mentor = m;
      f.pair.pinned = true;
      fixed.push_back(f);
    } else {
      request.scope.mentees.push_back(e);
    }
  }
  request.room.resize(model.mentor_count);
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    request.room[m] = model.mentor_capacity[m] - request.fixed_count[m];
  }
  request.objective = model.instance.objective;
  request.groups = model.groups;
  request.k = CandidatesPerMentee(model);
  request.greedy = model.options.compute_greedy;
  Result<internal::SolveOutcome> outcome = internal::RunSolve(request);
  if (!outcome.ok()) return outcome.status();
  MatchResult result = Compose(model, request, *outcome, std::move(fixed));
  result.timings.prepare_ms = model.prepare_ms;
  result.timings.total_ms = MsSince(start);
  return result;
}

Result<MatchResult> Engine::Rematch(const MatchResult& current,
                                    const std::vector<std::string>& freed_ids) const {
  const auto start = Clock::now();
  const Model& model = *model_;
  std::vector<int32_t> mentor_of(model.mentee_count, -1);
  std::vector<int32_t> kept_count(model.mentor_count, 0);
  for (size_t i = 0; i < current.pairs.size(); ++i) {
    const MatchedPair& p = current.pairs[i];
    const std::string field = "current.pairs[" + std::to_string(i) + "]";
    if (p.mentee < 0 || p.mentee >= model.mentee_count || p.mentor < 0 ||
        p.mentor >= model.mentor_count) {
      return Status::InvalidArgument(field + ": not a pair of this program", field);
    }
    if (mentor_of[p.mentee] >= 0) {
      return Status::InvalidArgument(
          field + ": mentee \"" + model.MenteeId(p.mentee) + "\" is paired twice", field);
    }
    mentor_of[p.mentee] = p.mentor;
    if (++kept_count[p.mentor] > model.mentor_capacity[p.mentor]) {
      return Status::InvalidArgument(
          field + ": mentor \"" + model.MentorId(p.mentor) + "\" is over capacity", field);
    }
  }
  std::vector<uint8_t> freed_mentee(model.mentee_count, 0);
  std::vector<uint8_t> freed_mentor(model.mentor_count, 0);
  for (size_t i = 0; i < freed_ids.size(); ++i) {
    if (auto it = model.mentee_by_id.find(freed_ids[i]); it != model.mentee_by_id.end()) {
      freed_mentee[it->second] = 1;
    } else if (auto jt = model.mentor_by_id.find(freed_ids[i]); jt != model.mentor_by_id.end()) {
      freed_mentor[jt->second] = 1;
    } else {
      const std::string field = "freed[" + std::to_string(i) + "]";
      return Status::InvalidArgument(
          field + ": \"" + freed_ids[i] + "\" is neither a mentee nor a mentor of this program",
          field);
    }
  }

  internal::SolveRequest request;
  request.scope.model = &model;
  request.scope.threads = internal::ResolveThreads(model.options.threads);
  request.fixed_count.assign(model.mentor_count, 0);
  std::vector<FixedPair> fixed;
  for (const MatchedPair& p : current.pairs) {
    const bool dissolved = freed_mentee[p.mentee] || freed_mentor[p.mentor];
    if (dissolved) {
      request.scope.mentees.push_back(p.mentee);
      request.scope.excluded.push_back({p.mentor});
    } else {
      ++request.fixed_count[p.mentor];
      fixed.push_back(FixedPair{p, true});
    }
  }
  for (int32_t e = 0; e < model.mentee_count; ++e) {
    if (freed_mentee[e] && mentor_of[e] < 0) {
      request.scope.mentees.push_back(e);
      request.scope.excluded.emplace_back();
    }
  }
  request.room.resize(model.mentor_count);
  for (int32_t m = 0; m < model.mentor_count; ++m) {
    request.room[m] = model.mentor_capacity[m] - request.fixed_count[m];
    // A group program's freed mentees join groups that still meet.
    if (model.groups && request.fixed_count[m] == 0) request.room[m] = 0;
  }
  request.objective = model.instance.objective;
  request.groups = false;
  request.k = CandidatesPerMentee(model);
  request.greedy = false;
  Result<internal::SolveOutcome> outcome = internal::RunSolve(request);
  if (!outcome.ok()) return outcome.status();
  MatchResult result = Compose(model, request, *outcome, std::move(fixed));
  result.timings.total_ms = MsSince(start);
  return result;
}

Breakdown Engine::ScorePair(int32_t mentee, int32_t mentor) const {
  return internal::ScoreBreakdown(*model_, mentee, mentor);
}

int64_t Engine::PairScore(int32_t mentee, int32_t mentor) const {
  return internal::PairScore(*model_, mentee, mentor);
}

std::vector<HardRule> Engine::BrokenRules(int32_t mentee, int32_t mentor) const {
  return internal::BrokenRules(*model_, mentee, mentor);
}

std::string Engine::ExplainPair(const MatchedPair& pair) const {
  return internal::ExplainPairText(*model_, pair.mentee, pair.mentor, pair.breakdown, pair.pinned);
}

std::string Engine::ExplainUnmatched(const UnmatchedMentee& unmatched) const {
  return internal::ExplainUnmatchedText(*model_, unmatched);
}

const Instance& Engine::instance() const { return model_->instance; }
const EngineOptions& Engine::options() const { return model_->options; }
double Engine::prepare_ms() const { return model_->prepare_ms; }

}  // namespace pairwise::matching
