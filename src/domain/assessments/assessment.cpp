#include "domain/assessments/assessment.h"

#include <algorithm>
#include <set>
#include <utility>

namespace pairwise::domain {

std::string_view AssessmentPhaseName(AssessmentPhase phase) {
  return phase == AssessmentPhase::kStart ? "start" : "end";
}

std::optional<AssessmentPhase> ParseAssessmentPhase(std::string_view name) {
  if (name == "start") return AssessmentPhase::kStart;
  if (name == "end") return AssessmentPhase::kEnd;
  return std::nullopt;
}

std::optional<AssessmentWindow> PhaseWindow(AssessmentPhase phase, const Relationship& relationship,
                                            std::optional<Date> end_date) {
  const auto open_days = std::chrono::days(kAssessmentOpenDays);
  if (phase == AssessmentPhase::kStart) {
    if (!relationship.activated_at) return std::nullopt;
    return AssessmentWindow{*relationship.activated_at, *relationship.activated_at + open_days};
  }
  if (relationship.status == RelationshipStatus::kEndedEarly) return std::nullopt;
  if (relationship.status == RelationshipStatus::kCompleted && relationship.ended_at) {
    // Completed: open from the completion (or earlier, near the planned end) for the open days.
    TimePoint opens = *relationship.ended_at;
    if (end_date) opens = std::min(opens, TimePoint(std::chrono::sys_days(*end_date)) - open_days);
    return AssessmentWindow{opens, *relationship.ended_at + open_days};
  }
  if (!end_date || relationship.status != RelationshipStatus::kActive) return std::nullopt;
  const TimePoint end{std::chrono::sys_days(*end_date)};
  return AssessmentWindow{end - open_days, end + open_days};
}

Result<std::vector<AssessmentCompetency>> CompetenciesFrom(const std::vector<std::string>& codes,
                                                           const std::vector<Skill>& skills) {
  if (codes.empty() || codes.size() > static_cast<std::size_t>(kMaxAssessmentCompetencies)) {
    return Status::InvalidArgument(
        "Choose 1 to " + std::to_string(kMaxAssessmentCompetencies) + " competencies.",
        "competencies");
  }
  std::vector<AssessmentCompetency> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::string field = "competencies[" + std::to_string(i) + "]";
    auto skill = std::find_if(skills.begin(), skills.end(),
                              [&](const Skill& s) { return s.code == codes[i]; });
    if (skill == skills.end()) {
      return Status::InvalidArgument("Choose a skill from the list.", field);
    }
    if (!seen.insert(codes[i]).second) {
      return Status::InvalidArgument(skill->name + " is chosen twice.", field);
    }
    out.push_back({skill->code, skill->name});
  }
  return out;
}

Status CheckRatings(const std::vector<AssessmentCompetency>& competencies,
                    const std::map<std::string, int>& ratings) {
  for (const auto& [code, rating] : ratings) {
    // clang 14 (the fuzz build) cannot capture a structured binding, so the lambda takes a
    // reference to it.
    const std::string& wanted = code;
    const bool known = std::any_of(competencies.begin(), competencies.end(),
                                   [&](const AssessmentCompetency& c) { return c.code == wanted; });
    if (!known) {
      return Status::InvalidArgument("This program does not assess " + code + ".",
                                     "ratings." + code);
    }
    if (rating < kAssessmentMinRating || rating > kAssessmentMaxRating) {
      return Status::InvalidArgument("Ratings go from 1 to 5.", "ratings." + code);
    }
  }
  for (const AssessmentCompetency& c : competencies) {
    if (!ratings.contains(c.code)) {
      return Status::InvalidArgument("Rate " + c.name + ".", "ratings." + c.code);
    }
  }
  return Status::Ok();
}

namespace {

// The pairs' sheets of one rater: relationship -> {start, end}.
using PhasePairs = std::map<int64_t, std::pair<const Assessment*, const Assessment*>>;

// The surveys' rule for one group; no pairs at all is nothing to show either.
bool Hidden(int pairs, int k) { return pairs == 0 || HiddenGroups({pairs}, k)[0]; }

double Mean(const std::array<int, 5>& counts) {
  int n = 0, sum = 0;
  for (int i = 0; i < 5; ++i) {
    n += counts[i];
    sum += counts[i] * (i + 1);
  }
  return n == 0 ? 0 : static_cast<double>(sum) / n;
}

}  // namespace

AssessmentResults SummarizeAssessments(const std::vector<AssessmentCompetency>& competencies,
                                       const std::vector<Assessment>& assessments, int k) {
  AssessmentResults out;
  out.min_group = std::max(k, kLowestMinGroup);
  out.competencies = competencies;
  for (Side rater : {Side::kMentee, Side::kMentor}) {
    PhasePairs sheets;
    for (const Assessment& a : assessments) {
      if (a.rater != rater) continue;
      auto& slot = sheets[a.relationship.value];
      (a.phase == AssessmentPhase::kStart ? slot.first : slot.second) = &a;
    }
    std::vector<std::pair<const Assessment*, const Assessment*>> both;
    for (const auto& [relationship, pair] : sheets) {
      if (pair.first && pair.second) both.push_back(pair);
    }
    RaterChange change;
    change.rater = rater;
    change.hidden = Hidden(static_cast<int>(both.size()), out.min_group);
    change.pairs = change.hidden ? 0 : static_cast<int>(both.size());
    for (const AssessmentCompetency& c : competencies) {
      CompetencyChange figures;
      figures.competency = c;
      int pairs = 0;
      for (const auto& [start, end] : both) {
        auto s = start->ratings.find(c.code);
        auto e = end->ratings.find(c.code);
        // A competency added after a pair's start sheet has no change to count for that pair.
        if (s == start->ratings.end() || e == end->ratings.end()) continue;
        if (s->second < 1 || s->second > 5 || e->second < 1 || e->second > 5) continue;
        ++pairs;
        ++figures.start[s->second - 1];
        ++figures.end[e->second - 1];
      }
      figures.hidden = change.hidden || Hidden(pairs, out.min_group);
      if (figures.hidden) {
        figures.start = {};
        figures.end = {};
      } else {
        figures.pairs = pairs;
        figures.mean_start = Mean(figures.start);
        figures.mean_end = Mean(figures.end);
        // Over the same pairs, the mean change is the difference of the means.
        figures.mean_change = *figures.mean_end - *figures.mean_start;
      }
      change.competencies.push_back(std::move(figures));
    }
    out.raters.push_back(std::move(change));
  }
  return out;
}

}  // namespace pairwise::domain
