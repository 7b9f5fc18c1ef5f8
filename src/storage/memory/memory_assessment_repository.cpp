#include "storage/memory/memory_assessment_repository.h"

namespace pairwise::storage {

using domain::Assessment;

Result<std::vector<domain::AssessmentCompetency>> MemoryAssessmentRepository::Competencies(
    domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  auto it = competencies_.find(program.value);
  if (it == competencies_.end()) return std::vector<domain::AssessmentCompetency>{};
  return it->second;
}

Status MemoryAssessmentRepository::SetCompetencies(
    domain::ProgramId program, const std::vector<domain::AssessmentCompetency>& competencies) {
  std::lock_guard lock(mutex_);
  competencies_[program.value] = competencies;
  return Status::Ok();
}

Result<std::vector<Assessment>> MemoryAssessmentRepository::OfRelationship(
    domain::RelationshipId relationship) {
  std::lock_guard lock(mutex_);
  std::vector<Assessment> out;
  for (const auto& [key, sheet] : sheets_) {
    if (sheet.relationship == relationship) out.push_back(sheet);
  }
  return out;
}

Result<std::vector<Assessment>> MemoryAssessmentRepository::OfProgram(domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  std::vector<Assessment> out;
  for (const auto& [key, sheet] : sheets_) {
    if (sheet.program == program) out.push_back(sheet);
  }
  return out;
}

Result<Assessment> MemoryAssessmentRepository::Save(const Assessment& sheet, int expected_version) {
  std::lock_guard lock(mutex_);
  const auto key = std::make_tuple(sheet.relationship.value, static_cast<int>(sheet.rater),
                                   static_cast<int>(sheet.phase));
  auto it = sheets_.find(key);
  const int stored = it == sheets_.end() ? 0 : it->second.version;
  if (stored != expected_version) {
    return Status::Conflict("These ratings changed meanwhile; read them again.")
        .WithReason("stale_assessment");
  }
  Assessment saved = sheet;
  saved.version = expected_version + 1;
  sheets_[key] = saved;
  return saved;
}

Status MemoryAssessmentRepository::SaveNew(const std::vector<Assessment>& sheets) {
  std::lock_guard lock(mutex_);
  std::map<std::tuple<int64_t, int, int>, Assessment> added;
  for (const Assessment& sheet : sheets) {
    const auto key = std::make_tuple(sheet.relationship.value, static_cast<int>(sheet.rater),
                                     static_cast<int>(sheet.phase));
    Assessment saved = sheet;
    saved.version = 1;
    if (sheets_.contains(key) || !added.emplace(key, std::move(saved)).second) {
      return Status::Conflict("These ratings changed meanwhile; read them again.")
          .WithReason("stale_assessment");
    }
  }
  sheets_.merge(added);
  return Status::Ok();
}

}  // namespace pairwise::storage
