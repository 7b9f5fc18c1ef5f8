#include "storage/memory/memory_program_repository.h"

#include <algorithm>

#include "domain/programs/capacity.h"

namespace pairwise::storage {

namespace {

Status NoProgram(domain::ProgramId id) {
  return Status::NotFound("no program " + std::to_string(id.value));
}

}  // namespace

Result<domain::Program> MemoryProgramRepository::CreateProgram(const domain::ProgramFields& fields,
                                                               TimePoint now) {
  std::lock_guard lock(mutex_);
  domain::Program program;
  static_cast<domain::ProgramFields&>(program) = fields;
  program.id = domain::ProgramId(next_id_++);
  program.status = domain::ProgramStatus::kDraft;
  program.created_at = program.updated_at = FormatIso8601(now);
  programs_[program.id.value] = program;
  return program;
}

Status MemoryProgramRepository::UpdateProgram(domain::ProgramId id,
                                              const domain::ProgramFields& fields, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = programs_.find(id.value);
  if (it == programs_.end()) return NoProgram(id);
  static_cast<domain::ProgramFields&>(it->second) = fields;
  it->second.updated_at = FormatIso8601(now);
  return Status::Ok();
}

Status MemoryProgramRepository::SetProgramStatus(domain::ProgramId id, domain::ProgramStatus from,
                                                 domain::ProgramStatus to, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = programs_.find(id.value);
  if (it == programs_.end()) return NoProgram(id);
  if (it->second.status != from) {
    return Status::Error(ErrorCode::kConflict, "the program's status changed meanwhile")
        .WithReason("invalid_transition");
  }
  it->second.status = to;
  it->second.updated_at = FormatIso8601(now);
  return Status::Ok();
}

Result<std::vector<domain::Program>> MemoryProgramRepository::ListPrograms() {
  std::lock_guard lock(mutex_);
  std::vector<domain::Program> out;
  for (const auto& [id, program] : programs_) out.push_back(program);
  return out;
}

Status MemoryProgramRepository::SetMentorCapacity(domain::ProgramId id,
                                                  std::string_view mentor_employee_id,
                                                  std::optional<domain::MentorCapacity> capacity) {
  std::lock_guard lock(mutex_);
  if (!programs_.contains(id.value)) return NoProgram(id);
  const auto key = std::pair(id.value, std::string(mentor_employee_id));
  if (capacity) {
    capacities_[key] = *capacity;
  } else {
    capacities_.erase(key);
  }
  return Status::Ok();
}

Result<domain::Program> MemoryProgramRepository::FindProgram(domain::ProgramId id) {
  std::lock_guard lock(mutex_);
  auto it = programs_.find(id.value);
  if (it == programs_.end()) return NoProgram(id);
  return it->second;
}

Result<domain::MentorCapacity> MemoryProgramRepository::EffectiveMentorCapacity(
    domain::ProgramId id, std::string_view mentor_employee_id) {
  std::lock_guard lock(mutex_);
  auto it = programs_.find(id.value);
  if (it == programs_.end()) return NoProgram(id);
  auto own = capacities_.find(std::pair(id.value, std::string(mentor_employee_id)));
  return domain::EffectiveCapacity(it->second.mentor_capacity,
                                   own == capacities_.end() ? nullptr : &own->second);
}

Result<std::map<std::string, domain::MentorCapacity>> MemoryProgramRepository::ListMentorCapacities(
    domain::ProgramId id) {
  std::lock_guard lock(mutex_);
  if (!programs_.contains(id.value)) return NoProgram(id);
  std::map<std::string, domain::MentorCapacity> out;
  for (auto it = capacities_.lower_bound(std::pair(id.value, std::string()));
       it != capacities_.end() && it->first.first == id.value; ++it) {
    out.emplace(it->first.second, it->second);
  }
  return out;
}

}  // namespace pairwise::storage
