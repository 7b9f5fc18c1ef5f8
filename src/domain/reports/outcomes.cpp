#include "domain/reports/outcomes.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace pairwise::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr double kZ = 1.959963984540054;  // the 97.5th percentile of the standard normal

struct Window {
  sys_days start, end;  // end: sys_days::max() while in force
};

bool InForce(const std::vector<Window>& windows, sys_days on) {
  for (const Window& w : windows) {
    if (w.start <= on && on < w.end) return true;
  }
  return false;
}

bool ActiveOn(const OutcomePerson& p, sys_days on) {
  return sys_days(p.hire_date) <= on && (!p.left_date || sys_days(*p.left_date) > on);
}

bool PromotedIn(const OutcomePerson& p, sys_days from, sys_days to, int* days_after) {
  for (const Date& d : p.promotions) {
    const sys_days at(d);
    if (at > from && at <= to) {
      if (days_after) *days_after = static_cast<int>((at - from).count());
      return true;
    }
  }
  return false;
}

// The hire dates a tenure band admits on `on`: (earliest, latest], as days.
std::pair<sys_days, sys_days> BandHireRange(int band, sys_days on) {
  static constexpr int kBounds[] = {0, 1, 2, 5, 10, 200};
  return {on - days(365 * kBounds[band + 1]), on - days(365 * kBounds[band])};
}

std::optional<int> Median(std::vector<int> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

std::string_view OutcomeKindName(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kRetention12:
      return "retention_12m";
    case OutcomeKind::kPromotion12:
      return "promotion_12m";
    case OutcomeKind::kPromotion24:
      return "promotion_24m";
  }
  return "retention_12m";
}

std::string_view OutcomeKindLabel(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kRetention12:
      return "Still employed 12 months later";
    case OutcomeKind::kPromotion12:
      return "Promoted within 12 months";
    case OutcomeKind::kPromotion24:
      return "Promoted within 24 months";
  }
  return "";
}

Interval WilsonInterval(int64_t successes, int64_t n) {
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = kZ * kZ;
  const double denominator = 1 + z2 / nn;
  const double center = (p + z2 / (2 * nn)) / denominator;
  const double half = kZ / denominator * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

Interval NewcombeDifference(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  const double p1 = static_cast<double>(x1) / static_cast<double>(n1);
  const double p2 = static_cast<double>(x2) / static_cast<double>(n2);
  const Interval a = WilsonInterval(x1, n1), b = WilsonInterval(x2, n2);
  const double d = p1 - p2;
  return {d - std::sqrt((p1 - a.low) * (p1 - a.low) + (b.high - p2) * (b.high - p2)),
          d + std::sqrt((a.high - p1) * (a.high - p1) + (p2 - b.low) * (p2 - b.low))};
}

int TenureBand(Date hire, Date on) {
  const auto years = (sys_days(on) - sys_days(hire)).count() / 365;
  if (years < 1) return 0;
  if (years < 2) return 1;
  if (years < 5) return 2;
  if (years < 10) return 3;
  return 4;
}

int LevelOn(const OutcomePerson& person, Date on) {
  for (std::size_t i = 0; i < person.promotions.size(); ++i) {
    if (sys_days(person.promotions[i]) > sys_days(on)) return person.promotion_from[i];
  }
  return person.level;
}

ProgramOutcomes AnalyzeOutcomes(ProgramId program, const std::vector<OutcomePerson>& people,
                                const std::vector<OutcomeParticipation>& participations,
                                const OutcomeOptions& options) {
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(people.size());
  for (std::size_t i = 0; i < people.size(); ++i) index.emplace(people[i].employee_id, i);

  // Every person's relationships (any program), and this program's people with their first day.
  std::vector<std::vector<Window>> windows(people.size());
  std::unordered_set<std::size_t> in_program;
  std::unordered_map<std::size_t, sys_days> first[2];  // [0] mentees, [1] mentors
  for (const OutcomeParticipation& r : participations) {
    const Window w{sys_days(r.started), r.ended ? sys_days(*r.ended) : sys_days::max()};
    for (int side = 0; side < 2; ++side) {
      auto it = index.find(side == 0 ? r.mentee : r.mentor);
      if (it == index.end()) continue;
      windows[it->second].push_back(w);
      if (r.program != program) continue;
      in_program.insert(it->second);
      auto [at, inserted] = first[side].emplace(it->second, w.start);
      if (!inserted) at->second = std::min(at->second, w.start);
    }
  }

  auto admitted = [&](const OutcomePerson& p) {
    return (options.department.empty() || p.department == options.department) &&
           (options.site.empty() || p.site == options.site) &&
           (options.level == 0 || p.level == options.level);
  };

  // The colleagues one could compare with, per department, ordered by hire date.
  std::unordered_map<std::string_view, std::vector<std::size_t>> pool;
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (in_program.contains(i) || !admitted(people[i])) continue;
    pool[people[i].department].push_back(i);
  }
  for (auto& [department, ids] : pool) {
    std::sort(ids.begin(), ids.end(), [&](std::size_t a, std::size_t b) {
      const auto ha = sys_days(people[a].hire_date), hb = sys_days(people[b].hire_date);
      return ha != hb ? ha < hb : people[a].employee_id < people[b].employee_id;
    });
  }

  const sys_days as_of(options.as_of);
  ProgramOutcomes out;
  out.program = program;
  for (int side = 0; side < 2; ++side) {
    OutcomeGroupReport& report = side == 0 ? out.mentees : out.mentors;
    report.side = side == 0 ? Side::kMentee : Side::kMentor;
    // Participants in employee id order, so that who gets which colleague is deterministic.
    std::vector<std::pair<std::size_t, sys_days>> cohort;
    for (const auto& [person, start] : first[side]) {
      if (admitted(people[person])) cohort.emplace_back(person, start);
    }
    std::sort(cohort.begin(), cohort.end(), [&](const auto& a, const auto& b) {
      return people[a.first].employee_id < people[b.first].employee_id;
    });
    report.participants = static_cast<int64_t>(cohort.size());

    std::unordered_set<std::size_t> used;
    struct Pair {
      std::size_t participant, colleague;
      sys_days at;
    };
    std::vector<Pair> pairs;
    for (const auto& [person, start] : cohort) {
      const OutcomePerson& p = people[person];
      const Date on(start);
      const int band = TenureBand(p.hire_date, on);
      const int level = LevelOn(p, on);
      const auto [earliest, latest] = BandHireRange(band, start);
      auto bucket = pool.find(p.department);
      std::optional<std::size_t> best;
      if (bucket != pool.end()) {
        const auto& ids = bucket->second;
        const sys_days hire(p.hire_date);
        auto split = std::lower_bound(ids.begin(), ids.end(), hire, [&](std::size_t i, sys_days h) {
          return sys_days(people[i].hire_date) < h;
        });
        // A copy of the binding: lambdas may not capture structured bindings (clang, C++20).
        const auto starts = start;
        auto fits = [&](std::size_t c) {
          const OutcomePerson& q = people[c];
          return !used.contains(c) && ActiveOn(q, starts) && LevelOn(q, on) == level &&
                 !InForce(windows[c], starts);
        };
        // Walk outwards from the participant's hire date, nearest first, inside the band.
        auto lo = split, hi = split;
        while (!best) {
          const bool can_lo = lo != ids.begin() && sys_days(people[*(lo - 1)].hire_date) > earliest;
          const bool can_hi = hi != ids.end() && sys_days(people[*hi].hire_date) <= latest;
          if (!can_lo && !can_hi) break;
          bool take_hi = can_hi;
          if (can_lo && can_hi) {
            take_hi = sys_days(people[*hi].hire_date) - hire <=
                      hire - sys_days(people[*(lo - 1)].hire_date);
          }
          const std::size_t c = take_hi ? *hi++ : *--lo;
          if (fits(c)) best = c;
        }
      }
      if (!best) {
        ++report.unmatched;
        continue;
      }
      used.insert(*best);
      pairs.push_back({person, *best, start});
    }
    report.matched = static_cast<int64_t>(pairs.size());

    for (OutcomeKind kind :
         {OutcomeKind::kRetention12, OutcomeKind::kPromotion12, OutcomeKind::kPromotion24}) {
      OutcomeFigure f;
      f.kind = kind;
      const int window = kind == OutcomeKind::kPromotion24 ? 730 : 365;
      std::vector<int> days_p, days_c;
      for (const Pair& pair : pairs) {
        const sys_days end = pair.at + days(window);
        if (end > as_of) continue;  // the window has not ended yet
        ++f.participants;
        ++f.comparison;
        for (int g = 0; g < 2; ++g) {
          const OutcomePerson& q = people[g == 0 ? pair.participant : pair.colleague];
          bool success = false;
          int after = 0;
          if (kind == OutcomeKind::kRetention12) {
            success = !q.left_date || sys_days(*q.left_date) > end;
          } else {
            success = PromotedIn(q, pair.at, end, &after);
            if (success && kind == OutcomeKind::kPromotion24) {
              (g == 0 ? days_p : days_c).push_back(after);
            }
          }
          if (success) ++(g == 0 ? f.participant_successes : f.comparison_successes);
        }
      }
      if (f.participants > 0) {
        f.participant_rate =
            static_cast<double>(f.participant_successes) / static_cast<double>(f.participants);
        f.comparison_rate =
            static_cast<double>(f.comparison_successes) / static_cast<double>(f.comparison);
        f.difference = f.participant_rate - f.comparison_rate;
      }
      f.enough_data = f.participants >= kMinOutcomeGroup && f.comparison >= kMinOutcomeGroup;
      if (f.enough_data) {
        f.difference_ci = NewcombeDifference(f.participant_successes, f.participants,
                                             f.comparison_successes, f.comparison);
      }
      f.participant_median_days = Median(std::move(days_p));
      f.comparison_median_days = Median(std::move(days_c));
      report.outcomes.push_back(f);
    }
  }
  return out;
}

}  // namespace pairwise::domain
