// The demo's competency assessments (issue 23): skills picked for the demo's programs, and the
// pairs' ratings at the start (once their agreement was accepted) and at the end (completed
// pairs), with a modest improvement, so that the pair's page and the coordinator's figures show.
#pragma once

#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/assessments/assessment_repository.h"
#include "domain/people/person.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

struct DemoAssessmentSummary {
  int competencies = 0, sheets = 0;
};

// Gives `program` the skills of `skill_names` found in `skills` and its relationships' sheets,
// unless it assesses competencies already (then all zero). Deterministic for a program.
Result<DemoAssessmentSummary> LoadDemoAssessments(AssessmentRepository& repository,
                                                  RelationshipReader& relationships,
                                                  const std::vector<Skill>& skills,
                                                  const std::vector<std::string_view>& skill_names,
                                                  ProgramId program, TimePoint now);

}  // namespace pairwise::domain
