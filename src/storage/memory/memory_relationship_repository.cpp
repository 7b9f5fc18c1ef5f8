#include "storage/memory/memory_relationship_repository.h"

#include <algorithm>
#include <set>

namespace pairwise::storage {

using domain::Relationship;
using domain::RelationshipStatus;

namespace {

Status Conflict(std::string message, std::string reason) {
  return Status::Error(ErrorCode::kConflict, std::move(message)).WithReason(std::move(reason));
}

}  // namespace

Result<std::vector<Relationship>> MemoryRelationshipRepository::ListForPerson(
    std::string_view employee_id) {
  std::lock_guard lock(mutex_);
  std::vector<Relationship> out;
  for (const auto& [id, r] : relationships_) {
    if (r.mentor == employee_id || r.mentee == employee_id) out.push_back(r);
  }
  std::sort(out.begin(), out.end(), [](const Relationship& a, const Relationship& b) {
    if (a.started_at != b.started_at) return a.started_at > b.started_at;
    return a.id.value > b.id.value;
  });
  return out;
}

Result<std::vector<Relationship>> MemoryRelationshipRepository::ListForProgram(
    domain::ProgramId program, bool active_only) {
  std::lock_guard lock(mutex_);
  std::vector<Relationship> out;
  for (const auto& [id, r] : relationships_) {
    if (r.program == program && (!active_only || r.status == RelationshipStatus::kActive)) {
      out.push_back(r);
    }
  }
  return out;
}

Result<Relationship> MemoryRelationshipRepository::FindRelationship(domain::RelationshipId id) {
  std::lock_guard lock(mutex_);
  auto it = relationships_.find(id.value);
  if (it == relationships_.end()) {
    return Status::NotFound("no relationship " + std::to_string(id.value));
  }
  return it->second;
}

Result<std::vector<std::pair<std::string, std::string>>>
MemoryRelationshipRepository::ListAllPairs() {
  std::lock_guard lock(mutex_);
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& [id, r] : relationships_) pairs.emplace(r.mentee, r.mentor);
  return std::vector<std::pair<std::string, std::string>>(pairs.begin(), pairs.end());
}

Result<std::vector<Relationship>> MemoryRelationshipRepository::Apply(
    domain::ProgramId program, domain::ProposalId proposal,
    const std::vector<domain::RelationshipId>& end, std::string_view end_reason,
    const std::vector<Relationship>& create, TimePoint now) {
  std::lock_guard lock(mutex_);
  // Everything is checked before the first write.
  std::set<int64_t> ending;
  for (const domain::RelationshipId& id : end) {
    auto it = relationships_.find(id.value);
    if (it == relationships_.end() || it->second.program != program ||
        it->second.status != RelationshipStatus::kActive) {
      return Conflict("a relationship to end is not active in the program", "not_active");
    }
    ending.insert(id.value);
  }
  std::set<std::string> active;
  for (const auto& [id, r] : relationships_) {
    if (r.program == program && r.status == RelationshipStatus::kActive && !ending.contains(id)) {
      active.insert(r.mentee);
    }
  }
  for (const Relationship& r : create) {
    if (!active.insert(r.mentee).second) {
      return Conflict("a mentee already has an active relationship in the program",
                      "already_matched");
    }
  }
  for (int64_t id : ending) {
    Relationship& r = relationships_[id];
    r.status = RelationshipStatus::kEnded;
    r.ended_at = now;
    r.end_reason = std::string(end_reason);
  }
  std::vector<Relationship> out;
  for (Relationship r : create) {
    r.program = program;
    r.source = domain::RelationshipSource::kMatching;
    r.proposal = proposal;
    r.request = domain::MatchRequestId();
    out.push_back(InsertLocked(std::move(r), now));
  }
  return out;
}

Result<Relationship> MemoryRelationshipRepository::StartSelfMatch(const Relationship& relationship,
                                                                  int capacity, TimePoint now) {
  std::lock_guard lock(mutex_);
  int taken = 0;
  for (const auto& [id, r] : relationships_) {
    if (r.program != relationship.program || r.status != RelationshipStatus::kActive) continue;
    if (r.mentee == relationship.mentee) {
      return Conflict("the mentee has a mentor already", "already_matched");
    }
    if (r.mentor == relationship.mentor) ++taken;
  }
  if (taken >= capacity) return Conflict("you have no room left", "mentor_full");
  Relationship r = relationship;
  r.source = domain::RelationshipSource::kSelfMatch;
  r.proposal = domain::ProposalId();
  r.started_at = now;
  return InsertLocked(std::move(r), now);
}

std::map<std::string, int> MemoryRelationshipRepository::ActiveByMentor(domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  std::map<std::string, int> out;
  for (const auto& [id, r] : relationships_) {
    if (r.program == program && r.status == RelationshipStatus::kActive) ++out[r.mentor];
  }
  return out;
}

Relationship MemoryRelationshipRepository::InsertLocked(Relationship r, TimePoint now) {
  r.id = domain::RelationshipId(next_id_++);
  r.status = RelationshipStatus::kActive;
  if (r.started_at == TimePoint{}) r.started_at = now;
  r.ended_at.reset();
  r.end_reason.clear();
  relationships_[r.id.value] = r;
  return r;
}

}  // namespace pairwise::storage
