#include "domain/demo/demo_assessments.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "domain/demo/random.h"

namespace pairwise::domain {
namespace {

// A rating at the start: mostly 2 or 3, now and then 1 or 4.
int StartRating(demo::Random& random) {
  const int roll = static_cast<int>(random.Below(100));
  return roll < 10 ? 1 : roll < 50 ? 2 : roll < 90 ? 3 : 4;
}

// What a few months of mentoring add: mostly one point, sometimes none, now and then two.
int Gain(demo::Random& random) {
  const int roll = static_cast<int>(random.Below(100));
  return roll < 30 ? 0 : roll < 85 ? 1 : 2;
}

}  // namespace

Result<DemoAssessmentSummary> LoadDemoAssessments(AssessmentRepository& repository,
                                                  RelationshipReader& relationships,
                                                  const std::vector<Skill>& skills,
                                                  const std::vector<std::string_view>& skill_names,
                                                  ProgramId program, TimePoint now) {
  DemoAssessmentSummary summary;
  auto existing = repository.Competencies(program);
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return summary;
  std::vector<AssessmentCompetency> competencies;
  for (std::string_view name : skill_names) {
    auto skill =
        std::find_if(skills.begin(), skills.end(), [&](const Skill& s) { return s.name == name; });
    if (skill != skills.end()) competencies.push_back({skill->code, skill->name});
  }
  if (competencies.empty()) return summary;
  if (Status s = repository.SetCompetencies(program, competencies); !s.ok()) return s;
  summary.competencies = static_cast<int>(competencies.size());

  auto pairs = relationships.ListForProgram(program, /*in_force_only=*/false);
  if (!pairs.ok()) return pairs.status();
  demo::Random random(2300 + static_cast<uint64_t>(program.value));
  // Gathered, then written in one go: tens of thousands of sheets in a large organization.
  std::vector<Assessment> sheets;
  for (const Relationship& r : *pairs) {
    if (!r.activated_at) continue;
    // The mentee's own view first; the mentor's is close to it, a little stricter.
    std::map<std::string, int> self_start, mentor_start;
    for (const AssessmentCompetency& c : competencies) {
      self_start[c.code] = StartRating(random);
      mentor_start[c.code] = std::clamp(
          self_start[c.code] - static_cast<int>(random.Below(2)) + (random.Chance(150) ? 1 : 0), 1,
          5);
    }
    const bool completed = r.status == RelationshipStatus::kCompleted && r.ended_at;
    for (Side rater : {Side::kMentee, Side::kMentor}) {
      if (!random.Chance(900)) continue;  // not everyone rates
      const auto& start = rater == Side::kMentee ? self_start : mentor_start;
      Assessment sheet;
      sheet.relationship = r.id;
      sheet.program = program;
      sheet.rater = rater;
      sheet.phase = AssessmentPhase::kStart;
      sheet.ratings = start;
      sheet.updated_at = std::min(now, *r.activated_at + std::chrono::days(3));
      sheets.push_back(sheet);
      if (!completed || !random.Chance(850)) continue;
      sheet.phase = AssessmentPhase::kEnd;
      for (auto& [code, rating] : sheet.ratings) rating = std::min(5, rating + Gain(random));
      sheet.updated_at = std::min(now, *r.ended_at + std::chrono::days(2));
      sheets.push_back(std::move(sheet));
    }
  }
  if (Status s = repository.SaveNew(sheets); !s.ok()) return s;
  summary.sheets = static_cast<int>(sheets.size());
  return summary;
}

}  // namespace pairwise::domain
