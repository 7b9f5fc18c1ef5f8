// The engine against brute force on many small random instances: the same best total (or
// coverage, or fairness) as trying every answer, and never a broken hard rule. The rules and
// scores are recomputed here from the instance's strings, independently of the engine.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "matching/engine.h"

namespace pairwise::matching {
namespace {

// ---- Independent reference: rules and scores straight from the instance ----

class Reference {
 public:
  explicit Reference(const Instance& in) : in_(in) {
    for (const Mentor& m : in.mentors) manager_[m.person.id] = m.person.manager;
    for (const Mentee& e : in.mentees) manager_[e.person.id] = e.person.manager;
    for (const DirectoryPerson& p : in.people) manager_[p.id] = p.manager;
  }

  bool InChain(const std::string& a, const std::string& b) const {  // a above b
    std::string cur = manager_.at(b);
    while (!cur.empty()) {
      if (cur == a) return true;
      cur = manager_.at(cur);
    }
    return false;
  }

  static bool Listed(const std::vector<PairRef>& pairs, const std::string& e,
                     const std::string& m) {
    for (const PairRef& p : pairs) {
      if (p.mentee == e && p.mentor == m) return true;
    }
    return false;
  }

  static int Shared(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::set<std::string> sa(a.begin(), a.end());
    int n = 0;
    for (const std::string& x : std::set<std::string>(b.begin(), b.end())) n += sa.count(x);
    return n;
  }

  bool Eligible(int e, int m) const {
    const Mentee& me = in_.mentees[e];
    const Mentor& mm = in_.mentors[m];
    const std::string& eid = me.person.id;
    const std::string& mid = mm.person.id;
    if (InChain(mid, eid) || InChain(eid, mid)) return false;
    if (Listed(in_.forbidden, eid, mid)) return false;
    if (in_.pairs) {
      for (const ScoredPair& p : *in_.pairs) {
        if (p.mentee == eid && p.mentor == mid) return true;
      }
      return false;
    }
    const Rules& r = in_.rules;
    const int dir = r.reverse_mentoring ? -1 : 1;
    if (r.min_level_gap && dir * (mm.person.level - me.person.level) < *r.min_level_gap) {
      return false;
    }
    if (r.other_department && !me.person.department.empty() &&
        me.person.department == mm.person.department) {
      return false;
    }
    if (r.shared_language && Shared(me.person.languages, mm.person.languages) == 0) return false;
    if (r.min_timezone_overlap_hours) {
      int d = std::abs(me.person.utc_offset_minutes - mm.person.utc_offset_minutes) % 1440;
      d = std::min(d, 1440 - d);
      const int overlap = std::max(0, (r.workday_end_hour - r.workday_start_hour) * 60 - d);
      if (overlap < *r.min_timezone_overlap_hours * 60) return false;
    }
    if (r.credentialed_only && !mm.credentialed) return false;
    if (r.not_previously_paired && Listed(in_.previous_pairs, eid, mid)) return false;
    return true;
  }

  int64_t Score(int e, int m) const {
    const Mentee& me = in_.mentees[e];
    const Mentor& mm = in_.mentors[m];
    if (in_.pairs) {
      for (const ScoredPair& p : *in_.pairs) {
        if (p.mentee == me.person.id && p.mentor == mm.person.id) return p.score;
      }
      return 0;
    }
    const Scoring& s = in_.scoring;
    std::array<int64_t, kCriterionCount> pts{};
    int covered = 0;
    int wanted = 0;
    for (const SkillLevel& w : me.skills) {
      wanted += w.level;
      for (const SkillLevel& o : mm.skills) {
        if (o.skill == w.skill) covered += std::min(o.level, w.level);
      }
    }
    pts[0] = wanted ? 100 * covered / wanted : 0;
    const int dir = in_.rules.reverse_mentoring ? -1 : 1;
    const int gap = dir * (mm.person.level - me.person.level);
    pts[1] = std::max(0, 100 - s.level_gap_step * std::abs(gap - s.target_level_gap));
    const bool same_dept =
        !me.person.department.empty() && me.person.department == mm.person.department;
    pts[2] = same_dept == (s.department == Affinity::kSame) ? 100 : 0;
    const bool same_site = !me.person.site.empty() && me.person.site == mm.person.site;
    pts[3] = same_site == (s.site == Affinity::kSame) ? 100 : 0;
    const int shared = Shared(me.person.languages, mm.person.languages);
    pts[4] = shared >= 2 ? 100 : shared == 1 ? 80 : 0;
    const int hours = (in_.rules.groups || mm.capacity <= 1)
                          ? mm.person.availability_hours
                          : mm.person.availability_hours / mm.capacity;
    const int want = me.person.availability_hours;
    pts[5] = want == 0 ? 100 : 100 * std::min(hours, want) / want;
    for (size_t i = 0; i < me.ranked_mentors.size(); ++i) {
      if (me.ranked_mentors[i] == mm.person.id) {
        pts[6] = std::max<int64_t>(10, 100 - 20 * static_cast<int64_t>(i));
      }
    }
    for (const std::string& id : mm.preferred_mentees) {
      if (id == me.person.id) pts[7] = 100;
    }
    int64_t score = 0;
    for (int c = 0; c < kCriterionCount; ++c) score += s.weight[c] * pts[c];
    return score;
  }

 private:
  const Instance& in_;
  std::map<std::string, std::string> manager_;
};

// ---- Brute force ----

struct Best {
  int32_t count = -1;
  int64_t lowest = 0;
  int64_t total = 0;
};

// Tries every assignment of mentees to mentors (or none) within capacity and group sizes,
// with pins fixed, and keeps the best for the objective.
Best BruteForce(const Instance& in, const Reference& ref, bool groups_allowed_partial) {
  const int E = static_cast<int>(in.mentees.size());
  const int M = static_cast<int>(in.mentors.size());
  std::map<std::string, int> mentee_index, mentor_index;
  for (int i = 0; i < E; ++i) mentee_index[in.mentees[i].person.id] = i;
  for (int i = 0; i < M; ++i) mentor_index[in.mentors[i].person.id] = i;
  std::vector<int> pinned(E, -1);
  for (const PairRef& p : in.pinned) pinned[mentee_index[p.mentee]] = mentor_index[p.mentor];
  std::vector<int> cap(M);
  for (int m = 0; m < M; ++m) {
    cap[m] = in.rules.groups ? std::min(in.mentors[m].capacity, in.rules.groups->max_size)
                             : in.mentors[m].capacity;
  }
  std::vector<int> choice(E, -1);
  std::vector<int> load(M, 0);
  for (int e = 0; e < E; ++e) {
    if (pinned[e] >= 0) ++load[pinned[e]];  // pins take their room first
  }
  Best best;
  auto better = [&](const Best& a, const Best& b) {
    switch (in.objective) {
      case Objective::kTotal:
        return a.total > b.total || (a.total == b.total && a.count > b.count);
      case Objective::kCoverage:
        return a.count > b.count || (a.count == b.count && a.total > b.total);
      case Objective::kFairness:
        if (a.count != b.count) return a.count > b.count;
        if (a.lowest != b.lowest) return a.lowest > b.lowest;
        return a.total > b.total;
    }
    return false;
  };
  auto evaluate = [&]() {
    if (in.rules.groups && !groups_allowed_partial) {
      for (int m = 0; m < M; ++m) {
        if (load[m] > 0 && load[m] < in.rules.groups->min_size) return;
      }
    }
    Best b;
    b.count = 0;
    b.lowest = INT64_MAX;
    for (int e = 0; e < E; ++e) {
      if (choice[e] < 0) continue;
      const int64_t s = ref.Score(e, choice[e]);
      ++b.count;
      b.total += s;
      if (pinned[e] < 0) b.lowest = std::min(b.lowest, s);
    }
    if (b.lowest == INT64_MAX) b.lowest = 0;
    if (best.count < 0 || better(b, best)) best = b;
  };
  std::function<void(int)> go = [&](int e) {
    if (e == E) {
      evaluate();
      return;
    }
    if (pinned[e] >= 0) {
      choice[e] = pinned[e];
      go(e + 1);
      return;
    }
    choice[e] = -1;
    go(e + 1);
    for (int m = 0; m < M; ++m) {
      if (load[m] >= cap[m] || !ref.Eligible(e, m)) continue;
      choice[e] = m;
      ++load[m];
      go(e + 1);
      --load[m];
    }
    choice[e] = -1;
  };
  go(0);
  return best;
}

// ---- Random small instances ----

Instance RandomInstance(std::mt19937_64& rng, bool explicit_pairs, bool groups) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  const std::vector<std::string> depts = {"Sales", "Eng", ""};
  const std::vector<std::string> sites = {"Lisbon", "Porto", ""};
  const std::vector<std::string> langs = {"en", "pt", "es"};
  const std::vector<std::string> skills = {"a", "b", "c", "d", "e", "f"};
  const std::vector<int> offsets = {-300, 0, 60, 330, 600, 840};
  Instance in;
  const int mentors = pick(1, 4);
  const int mentees = pick(1, groups ? 6 : 6);
  in.people = {{"ceo", ""}, {"vp", "ceo"}};
  std::vector<std::string> ids = {"ceo", "vp"};
  auto fill = [&](PersonAttributes& p, const std::string& id) {
    p.id = id;
    p.manager = chance(0.3) ? "" : ids[pick(0, static_cast<int>(ids.size()) - 1)];
    ids.push_back(id);
    p.level = pick(1, 6);
    p.department = depts[pick(0, 2)];
    p.site = sites[pick(0, 2)];
    p.utc_offset_minutes = offsets[pick(0, 5)];
    for (const std::string& l : langs) {
      if (chance(0.5)) p.languages.push_back(l);
    }
    p.availability_hours = pick(0, 10);
  };
  for (int i = 0; i < mentors; ++i) {
    Mentor m;
    fill(m.person, "m" + std::to_string(i));
    m.capacity = groups ? pick(1, 4) : pick(0, 3);
    m.credentialed = chance(0.7);
    for (const std::string& s : skills) {
      if (chance(0.4)) m.skills.push_back({s, pick(1, 5)});
    }
    in.mentors.push_back(m);
  }
  for (int i = 0; i < mentees; ++i) {
    Mentee e;
    fill(e.person, "e" + std::to_string(i));
    for (const std::string& s : skills) {
      if (chance(0.35)) e.skills.push_back({s, pick(1, 5)});
    }
    for (int m = 0; m < mentors; ++m) {
      if (chance(0.3)) e.ranked_mentors.push_back("m" + std::to_string(m));
    }
    in.mentees.push_back(e);
  }
  for (Mentor& m : in.mentors) {
    for (int e = 0; e < mentees; ++e) {
      if (chance(0.2)) m.preferred_mentees.push_back("e" + std::to_string(e));
    }
  }
  Rules& r = in.rules;
  if (chance(0.4)) r.min_level_gap = pick(-1, 2);
  r.reverse_mentoring = chance(0.15);
  r.other_department = chance(0.4);
  r.shared_language = chance(0.4);
  if (chance(0.3)) r.min_timezone_overlap_hours = pick(0, 6);
  r.credentialed_only = chance(0.2);
  r.not_previously_paired = chance(0.5);
  if (groups) r.groups = GroupRule{pick(1, 2), pick(2, 3)};
  for (int c = 0; c < kCriterionCount; ++c) in.scoring.weight[c] = pick(0, 20);
  in.scoring.target_level_gap = pick(0, 3);
  in.scoring.level_gap_step = pick(0, 50);
  in.scoring.department = chance(0.5) ? Affinity::kSame : Affinity::kDifferent;
  in.scoring.site = chance(0.5) ? Affinity::kSame : Affinity::kDifferent;
  for (int i = 0; i < pick(0, 3); ++i) {
    in.previous_pairs.push_back(
        {"e" + std::to_string(pick(0, mentees - 1)), "m" + std::to_string(pick(0, mentors - 1))});
  }
  for (int i = 0; i < pick(0, 2); ++i) {
    in.forbidden.push_back(
        {"e" + std::to_string(pick(0, mentees - 1)), "m" + std::to_string(pick(0, mentors - 1))});
  }
  if (explicit_pairs) {
    Reference ref(in);
    std::vector<ScoredPair> pairs;
    for (int e = 0; e < mentees; ++e) {
      for (int m = 0; m < mentors; ++m) {
        const std::string eid = "e" + std::to_string(e);
        const std::string mid = "m" + std::to_string(m);
        if (ref.InChain(eid, mid) || ref.InChain(mid, eid)) continue;  // never allowed
        if (chance(0.6)) {
          pairs.push_back({"e" + std::to_string(e), "m" + std::to_string(m), pick(0, 30)});
        }
      }
    }
    in.pairs = pairs;
  }
  return in;
}

// Adds up to two pins on pairs that pass every rule (checked by the reference).
void AddPins(std::mt19937_64& rng, Instance& in) {
  Reference ref(in);
  std::vector<int> load(in.mentors.size(), 0);
  for (int e = 0; e < static_cast<int>(in.mentees.size()) && in.pinned.size() < 2; ++e) {
    if (rng() % 3 != 0) continue;
    for (int m = 0; m < static_cast<int>(in.mentors.size()); ++m) {
      const int cap = in.rules.groups ? std::min(in.mentors[m].capacity, in.rules.groups->max_size)
                                      : in.mentors[m].capacity;
      if (load[m] < cap && ref.Eligible(e, m)) {
        in.pinned.push_back({in.mentees[e].person.id, in.mentors[m].person.id});
        ++load[m];
        break;
      }
    }
  }
}

void CheckAgainstBruteForce(const Instance& in, const EngineOptions& options, int trial) {
  Result<Engine> engine = Engine::Create(in, options);
  ASSERT_TRUE(engine.ok()) << "trial " << trial << ": " << engine.status().ToString();
  Result<MatchResult> result = engine->Solve();
  ASSERT_TRUE(result.ok()) << "trial " << trial << ": " << result.status().ToString();
  const MatchResult& r = *result;
  Reference ref(in);
  // Every repair tried passed the certificate check (a rejected one falls back silently).
  ASSERT_EQ(r.stats.repairs, r.stats.repairs_tried) << "trial " << trial;

  // No hard rule broken, pins kept, capacities and group sizes respected, scores right.
  std::vector<int> load(in.mentors.size(), 0);
  std::set<int> seen;
  int64_t total = 0;
  std::optional<int64_t> lowest;
  for (const MatchedPair& p : r.pairs) {
    ASSERT_TRUE(ref.Eligible(p.mentee, p.mentor)) << "trial " << trial;
    ASSERT_TRUE(seen.insert(p.mentee).second) << "trial " << trial;
    ++load[p.mentor];
    ASSERT_EQ(p.score, ref.Score(p.mentee, p.mentor)) << "trial " << trial;
    total += p.score;
    if (!p.pinned) lowest = std::min(lowest.value_or(p.score), p.score);
  }
  for (const PairRef& pin : in.pinned) {
    bool kept = false;
    for (const MatchedPair& p : r.pairs) {
      kept = kept || (in.mentees[p.mentee].person.id == pin.mentee &&
                      in.mentors[p.mentor].person.id == pin.mentor);
    }
    ASSERT_TRUE(kept) << "trial " << trial;
  }
  for (size_t m = 0; m < in.mentors.size(); ++m) {
    const int cap = in.rules.groups ? std::min(in.mentors[m].capacity, in.rules.groups->max_size)
                                    : in.mentors[m].capacity;
    ASSERT_LE(load[m], cap) << "trial " << trial;
  }
  ASSERT_EQ(total, r.total_score) << "trial " << trial;
  ASSERT_EQ(static_cast<int32_t>(r.pairs.size()), r.matched);

  if (in.rules.groups) {
    // The group heuristic: a feasible answer, never above the exact best nor the bound; when
    // it claims optimality it is the exact best.
    const Best exact = BruteForce(in, ref, /*groups_allowed_partial=*/false);
    const Best relaxed = BruteForce(in, ref, /*groups_allowed_partial=*/true);
    // Pins alone can leave a group below the minimum (groups_below_min); nothing else can.
    if (r.stats.groups_below_min == 0 && exact.count >= 0) {
      for (size_t m = 0; m < in.mentors.size(); ++m) {
        if (load[m] > 0) {
          ASSERT_GE(load[m], in.rules.groups->min_size) << "trial " << trial;
        }
      }
      if (in.objective == Objective::kCoverage) {
        ASSERT_TRUE(r.matched < exact.count ||
                    (r.matched == exact.count && r.total_score <= exact.total))
            << "trial " << trial;
      } else {
        ASSERT_LE(r.total_score, exact.total) << "trial " << trial;
      }
    }
    ASSERT_TRUE(r.upper_bound.has_value());
    ASSERT_EQ(*r.upper_bound, relaxed.total) << "trial " << trial;
    if (r.optimal && exact.count >= 0) {
      ASSERT_EQ(r.total_score, exact.total) << "trial " << trial;
      ASSERT_EQ(r.matched, exact.count) << "trial " << trial;
    }
    return;
  }
  const Best best = BruteForce(in, ref, false);
  ASSERT_TRUE(r.optimal) << "trial " << trial;
  ASSERT_EQ(r.total_score, best.total)
      << "trial " << trial << " matched " << r.matched << " vs " << best.count;
  ASSERT_EQ(r.matched, best.count) << "trial " << trial;
  if (in.objective == Objective::kFairness && r.matched > static_cast<int>(in.pinned.size())) {
    ASSERT_EQ(lowest.value_or(0), best.lowest) << "trial " << trial;
  }
  if (r.greedy_total_score && in.objective == Objective::kTotal) {
    ASSERT_LE(*r.greedy_total_score, r.total_score) << "trial " << trial;
  }
  if (in.objective != Objective::kTotal) {
    ASSERT_LE(r.greedy_matched, r.matched) << "trial " << trial;
  }
}

void RunTrials(Objective objective, bool explicit_pairs, bool groups, uint64_t seed, int trials) {
  std::mt19937_64 rng(seed);
  for (int trial = 0; trial < trials; ++trial) {
    Instance in = RandomInstance(rng, explicit_pairs, groups);
    in.objective = objective;
    AddPins(rng, in);
    EngineOptions options;
    options.threads = 1 + static_cast<int>(rng() % 2);
    options.candidates_per_mentee = static_cast<int>(rng() % 3);  // 0 (auto), 1 or 2
    options.vectorized_scan = rng() % 2 == 0;
    CheckAgainstBruteForce(in, options, trial);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(PropertyTest, TotalMatchesBruteForce) { RunTrials(Objective::kTotal, false, false, 1, 1500); }

TEST(PropertyTest, TotalWithExplicitPairsMatchesBruteForce) {
  RunTrials(Objective::kTotal, true, false, 2, 800);
}

TEST(PropertyTest, CoverageMatchesBruteForce) {
  RunTrials(Objective::kCoverage, false, false, 3, 800);
}

TEST(PropertyTest, FairnessMatchesBruteForce) {
  RunTrials(Objective::kFairness, false, false, 4, 800);
  RunTrials(Objective::kFairness, true, false, 5, 400);
}

TEST(PropertyTest, GroupsAreFeasibleAndBounded) {
  RunTrials(Objective::kTotal, false, true, 6, 600);
  RunTrials(Objective::kCoverage, true, true, 7, 300);
}

}  // namespace
}  // namespace pairwise::matching
