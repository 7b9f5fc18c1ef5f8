// Where programs' competencies and the pairs' assessments are kept. Implemented in storage
// (SOCI, migration 49) and as an in-memory fake for tests; every method is thread-safe.
#pragma once

#include <vector>

#include "common/status.h"
#include "domain/assessments/assessment.h"

namespace pairwise::domain {

class AssessmentRepository {
 public:
  virtual ~AssessmentRepository() = default;

  // The program's competencies in order; empty when it assesses none.
  virtual Result<std::vector<AssessmentCompetency>> Competencies(ProgramId program) = 0;
  // Replaces them in one transaction (sheets already saved keep their ratings).
  virtual Status SetCompetencies(ProgramId program,
                                 const std::vector<AssessmentCompetency>& competencies) = 0;

  // Every sheet of the relationship (at most four).
  virtual Result<std::vector<Assessment>> OfRelationship(RelationshipId relationship) = 0;
  // Every sheet of the program's relationships.
  virtual Result<std::vector<Assessment>> OfProgram(ProgramId program) = 0;
  // Stores `sheet` (relationship, rater, phase, ratings, updated_at) as of `expected_version`:
  // 0 for a new sheet, or the version read. The stored version becomes expected_version + 1
  // and the ratings are replaced, in one transaction. Conflict "stale_assessment" when the
  // stored version is another (a sheet already exists for 0, or another tab saved first).
  virtual Result<Assessment> Save(const Assessment& sheet, int expected_version) = 0;
  // Stores `sheets` as new sheets, each as Save(sheet, 0) stores it (version 1), in one
  // transaction and in bulk (the demo's history: tens of thousands of sheets). Conflict
  // "stale_assessment", and nothing stored, when a sheet of the same relationship, rater and
  // phase exists already or comes twice.
  virtual Status SaveNew(const std::vector<Assessment>& sheets) = 0;
};

}  // namespace pairwise::domain
