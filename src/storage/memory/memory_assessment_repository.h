// An in-memory AssessmentRepository for domain tests and the contract suite.
#pragma once

#include <map>
#include <mutex>
#include <tuple>
#include <vector>

#include "domain/assessments/assessment_repository.h"

namespace pairwise::storage {

// Thread-safe: one mutex serializes every call.
class MemoryAssessmentRepository final : public domain::AssessmentRepository {
 public:
  Result<std::vector<domain::AssessmentCompetency>> Competencies(
      domain::ProgramId program) override;
  Status SetCompetencies(domain::ProgramId program,
                         const std::vector<domain::AssessmentCompetency>& competencies) override;
  Result<std::vector<domain::Assessment>> OfRelationship(
      domain::RelationshipId relationship) override;
  Result<std::vector<domain::Assessment>> OfProgram(domain::ProgramId program) override;
  Result<domain::Assessment> Save(const domain::Assessment& sheet, int expected_version) override;
  Status SaveNew(const std::vector<domain::Assessment>& sheets) override;

 private:
  std::mutex mutex_;
  std::map<int64_t, std::vector<domain::AssessmentCompetency>> competencies_;
  // By (relationship, rater, phase), so a relationship's sheets come out together.
  std::map<std::tuple<int64_t, int, int>, domain::Assessment> sheets_;
};

}  // namespace pairwise::storage
