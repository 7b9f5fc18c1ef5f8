#include "domain/proposals/proposal_figures.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>
#include <unordered_map>

#include "common/text.h"
#include "domain/access/small_groups.h"

namespace pairwise::domain {
namespace {

constexpr int kScoreBuckets = 20;

}  // namespace

ProposalSummary Summarize(const std::vector<ProposalPair>& pairs, int unmatched, int mentors,
                          const std::map<std::string, std::vector<std::string>>& ranked,
                          ProposalSummary base) {
  ProposalSummary s = std::move(base);
  s.mentees = static_cast<int>(pairs.size()) + unmatched;
  s.mentors = mentors;
  s.matched = static_cast<int>(pairs.size());
  s.total_score = 0;
  s.lowest_score = 0;
  s.ranked_honoured = 0;
  s.first_choice = 0;
  s.mentees_with_ranking = 0;
  for (const auto& [mentee, list] : ranked) {
    if (!list.empty()) ++s.mentees_with_ranking;
  }
  std::unordered_map<std::string, int> load;
  int64_t highest = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const ProposalPair& p = pairs[i];
    s.total_score += p.score;
    s.lowest_score = i == 0 ? p.score : std::min(s.lowest_score, p.score);
    highest = std::max(highest, p.score);
    ++load[p.mentor];
    if (auto it = ranked.find(p.mentee); it != ranked.end()) {
      const auto& list = it->second;
      auto at = std::find(list.begin(), list.end(), p.mentor);
      if (at != list.end()) {
        ++s.ranked_honoured;
        if (at == list.begin()) ++s.first_choice;
      }
    }
  }
  s.mean_score = pairs.empty() ? 0 : static_cast<double>(s.total_score) / pairs.size();
  int largest = 0;
  for (const auto& [mentor, n] : load) largest = std::max(largest, n);
  s.mentor_load.assign(largest + 1, 0);
  for (const auto& [mentor, n] : load) ++s.mentor_load[n];
  s.mentor_load[0] = std::max(0, mentors - static_cast<int>(load.size()));
  s.score_bucket = std::max<int64_t>(1, (highest + kScoreBuckets) / kScoreBuckets);
  s.score_histogram.assign(pairs.empty() ? 0 : highest / s.score_bucket + 1, 0);
  for (const ProposalPair& p : pairs) ++s.score_histogram[p.score / s.score_bucket];
  return s;
}

std::string LevelBand(int level) {
  if (level <= 3) return "levels 1-3";
  if (level <= 6) return "levels 4-6";
  return "levels 7-10";
}

FairnessView Fairness(const std::vector<ProposalPair>& pairs,
                      const std::vector<ProposalUnmatched>& unmatched,
                      const std::vector<ReportingAttribute>& attributes) {
  // Only attributes some mentee of the proposal has: others would be one "(not given)" group.
  std::set<std::string_view> mentees;
  for (const ProposalPair& p : pairs) mentees.insert(p.mentee);
  for (const ProposalUnmatched& u : unmatched) mentees.insert(u.mentee);
  std::set<std::string> attribute_names;
  std::map<std::pair<std::string_view, std::string_view>, std::string_view> value_of;
  for (const ReportingAttribute& a : attributes) {
    if (!mentees.contains(a.employee_id)) continue;
    attribute_names.insert(a.name);
    value_of[{a.employee_id, a.name}] = a.value;
  }
  struct Tally {
    int mentees = 0;
    int matched = 0;
    int64_t total = 0;
  };
  // (dimension, group) -> tally, ordered for a stable answer.
  std::map<std::pair<std::string, std::string>, Tally> tallies;
  auto count = [&](const std::string& mentee, const PersonSnapshot& who, const int64_t* score) {
    std::vector<std::pair<std::string, std::string>> groups = {
        {"department", who.department}, {"site", who.site}, {"level_band", LevelBand(who.level)}};
    for (const std::string& name : attribute_names) {
      auto it = value_of.find({mentee, name});
      groups.emplace_back("attribute:" + name,
                          it == value_of.end() ? "(not given)" : std::string(it->second));
    }
    for (auto& [dimension, group] : groups) {
      if (group.empty()) group = "(none)";
      Tally& t = tallies[{dimension, group}];
      ++t.mentees;
      if (score != nullptr) {
        ++t.matched;
        t.total += *score;
      }
    }
  };
  FairnessView view;
  int64_t total = 0;
  for (const ProposalPair& p : pairs) {
    count(p.mentee, p.mentee_info, &p.score);
    total += p.score;
  }
  for (const ProposalUnmatched& u : unmatched) count(u.mentee, u.mentee_info, nullptr);
  view.overall_mentees = static_cast<int>(pairs.size() + unmatched.size());
  view.overall_matched = static_cast<int>(pairs.size());
  view.overall_mean_score = pairs.empty() ? 0 : static_cast<double>(total) / pairs.size();
  // Each dimension is one breakdown of the same mentees: small groups are hidden with the
  // complementary rule (HiddenGroups), so that the overall figures minus the shown groups give
  // no hidden group's.
  for (auto it = tallies.begin(); it != tallies.end();) {
    auto end = it;
    std::vector<int> counts;
    while (end != tallies.end() && end->first.first == it->first.first) {
      counts.push_back(end->second.mentees);
      ++end;
    }
    const std::vector<bool> hidden = HiddenGroups(counts, kMinFairnessGroup);
    for (std::size_t i = 0; it != end; ++it, ++i) {
      const auto& [key, t] = *it;
      if (hidden[i]) {
        ++view.hidden_groups;
        continue;
      }
      view.rows.push_back(FairnessRow{key.first, key.second, t.mentees, t.matched,
                                      t.matched ? static_cast<double>(t.total) / t.matched : 0});
    }
  }
  return view;
}

std::vector<PairDifference> Differences(const std::vector<ProposalPair>& a,
                                        const std::vector<ProposalPair>& b,
                                        const std::vector<ProposalUnmatched>& a_unmatched,
                                        const std::vector<ProposalUnmatched>& b_unmatched) {
  std::map<std::string, PairDifference> by_mentee;
  for (const ProposalPair& p : a) {
    PairDifference& d = by_mentee[p.mentee];
    d.mentee = p.mentee;
    d.mentee_name = p.mentee_info.name;
    d.mentor_a = p.mentor;
    d.mentor_a_name = p.mentor_info.name;
    d.score_a = p.score;
  }
  for (const ProposalPair& p : b) {
    PairDifference& d = by_mentee[p.mentee];
    d.mentee = p.mentee;
    d.mentee_name = p.mentee_info.name;
    d.mentor_b = p.mentor;
    d.mentor_b_name = p.mentor_info.name;
    d.score_b = p.score;
  }
  for (const auto* list : {&a_unmatched, &b_unmatched}) {
    for (const ProposalUnmatched& u : *list) {
      PairDifference& d = by_mentee[u.mentee];
      d.mentee = u.mentee;
      d.mentee_name = u.mentee_info.name;
    }
  }
  std::vector<PairDifference> out;
  for (auto& [mentee, d] : by_mentee) {
    if (d.mentor_a != d.mentor_b) out.push_back(std::move(d));
  }
  return out;
}

PairPage QueryPairs(std::vector<ProposalPair> pairs, const PairQuery& query) {
  const std::string q = AsciiLower(query.q);
  std::erase_if(pairs, [&](const ProposalPair& p) {
    if (!q.empty() && AsciiLower(p.mentee_info.name).find(q) == std::string::npos &&
        AsciiLower(p.mentor_info.name).find(q) == std::string::npos &&
        AsciiLower(p.mentee).find(q) == std::string::npos &&
        AsciiLower(p.mentor).find(q) == std::string::npos) {
      return true;
    }
    if (!query.department.empty() && p.mentee_info.department != query.department &&
        p.mentor_info.department != query.department) {
      return true;
    }
    if (query.min_score && p.score < *query.min_score) return true;
    if (query.max_score && p.score > *query.max_score) return true;
    if (query.manual_only && !p.manual) return true;
    if (query.broken_rules_only && p.broken_rules.empty()) return true;
    if (!query.rule.empty() && std::find(p.broken_rules.begin(), p.broken_rules.end(),
                                         query.rule) == p.broken_rules.end()) {
      return true;
    }
    return false;
  });
  auto key_less = [&](const ProposalPair& x, const ProposalPair& y) {
    if (query.sort == "score") {
      if (x.score != y.score) return x.score < y.score;
    } else if (query.sort == "mentor") {
      if (x.mentor_info.name != y.mentor_info.name) return x.mentor_info.name < y.mentor_info.name;
    } else if (x.mentee_info.name != y.mentee_info.name) {
      return x.mentee_info.name < y.mentee_info.name;
    }
    return x.mentee < y.mentee;
  };
  std::stable_sort(pairs.begin(), pairs.end(), [&](const ProposalPair& x, const ProposalPair& y) {
    return query.descending ? key_less(y, x) : key_less(x, y);
  });
  PairPage page;
  page.total = static_cast<int64_t>(pairs.size());
  const size_t begin = std::min(pairs.size(), static_cast<size_t>(std::max(0, query.offset)));
  const size_t end = std::min(pairs.size(), begin + static_cast<size_t>(query.limit));
  page.items.assign(std::make_move_iterator(pairs.begin() + begin),
                    std::make_move_iterator(pairs.begin() + end));
  return page;
}

}  // namespace pairwise::domain
