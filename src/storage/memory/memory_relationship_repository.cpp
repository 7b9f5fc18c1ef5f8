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

Status NoRelationship(domain::RelationshipId id) {
  return Status::NotFound("no relationship " + std::to_string(id.value));
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
    domain::ProgramId program, bool in_force_only) {
  std::lock_guard lock(mutex_);
  std::vector<Relationship> out;
  for (const auto& [id, r] : relationships_) {
    if (r.program == program && (!in_force_only || domain::IsInForce(r.status))) {
      out.push_back(r);
    }
  }
  return out;
}

Result<Relationship> MemoryRelationshipRepository::FindRelationship(domain::RelationshipId id) {
  std::lock_guard lock(mutex_);
  auto it = relationships_.find(id.value);
  if (it == relationships_.end()) return NoRelationship(id);
  return it->second;
}

Result<std::vector<std::pair<std::string, std::string>>>
MemoryRelationshipRepository::ListAllPairs() {
  std::lock_guard lock(mutex_);
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& [id, r] : relationships_) pairs.emplace(r.mentee, r.mentor);
  return std::vector<std::pair<std::string, std::string>>(pairs.begin(), pairs.end());
}

Result<domain::RelationshipPage> MemoryRelationshipRepository::ListProgramPage(
    domain::ProgramId program, const domain::RelationshipPageQuery& query) {
  if (query.offset < 0) return Status::InvalidArgument("offset must be 0 or more", "offset");
  if (query.limit < 1 || query.limit > domain::kMaxRelationshipPageSize) {
    return Status::InvalidArgument(
        "limit must be 1.." + std::to_string(domain::kMaxRelationshipPageSize), "limit");
  }
  std::lock_guard lock(mutex_);
  domain::RelationshipPage page;
  for (const auto& [id, r] : relationships_) {
    if (r.program != program || (query.status && r.status != *query.status)) continue;
    if (!query.person.empty() && r.mentor != query.person && r.mentee != query.person) continue;
    if (page.total >= query.offset && page.total < query.offset + query.limit) {
      page.items.push_back(r);
    }
    ++page.total;
  }
  return page;
}

Result<std::optional<domain::AgreementTemplate>> MemoryRelationshipRepository::FindTemplate(
    domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  auto it = templates_.find(program.value);
  if (it == templates_.end()) return std::optional<domain::AgreementTemplate>();
  return std::optional(it->second);
}

Status MemoryRelationshipRepository::SaveTemplate(domain::ProgramId program,
                                                  const domain::AgreementTemplate& saved) {
  std::lock_guard lock(mutex_);
  templates_[program.value] = saved;
  return Status::Ok();
}

Result<std::optional<domain::Agreement>> MemoryRelationshipRepository::FindAgreement(
    domain::RelationshipId id) {
  std::lock_guard lock(mutex_);
  auto it = agreements_.find(id.value);
  if (it == agreements_.end()) return std::optional<domain::Agreement>();
  return std::optional(it->second);
}

Result<Relationship> MemoryRelationshipRepository::SaveAgreement(const domain::Agreement& agreement,
                                                                 int expected_version,
                                                                 TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = relationships_.find(agreement.relationship_id);
  if (it == relationships_.end()) {
    return NoRelationship(domain::RelationshipId(agreement.relationship_id));
  }
  if (it->second.status != RelationshipStatus::kPendingAgreement) {
    return Conflict("the agreement can change only while the relationship is pending",
                    "not_pending");
  }
  auto stored = agreements_.find(agreement.relationship_id);
  const int current = stored == agreements_.end() ? 0 : stored->second.version;
  if (current != expected_version) {
    return Conflict("The agreement changed meanwhile; read it again.", "stale_agreement");
  }
  domain::Agreement saved = agreement;
  saved.version = expected_version + 1;
  agreements_[agreement.relationship_id] = saved;
  if (saved.BothAccepted()) {
    it->second.status = RelationshipStatus::kActive;
    it->second.activated_at = now;
  }
  return it->second;
}

Result<Relationship> MemoryRelationshipRepository::End(domain::RelationshipId id,
                                                       const domain::RelationshipEnding& ending) {
  std::lock_guard lock(mutex_);
  auto it = relationships_.find(id.value);
  if (it == relationships_.end()) return NoRelationship(id);
  Relationship& r = it->second;
  if (!domain::IsInForce(r.status)) {
    return Conflict("the relationship has ended already", "not_in_force");
  }
  r.status = RelationshipStatus::kEndedEarly;
  r.ended_at = ending.at;
  r.end_reason = std::string(domain::EndReasonName(ending.reason));
  r.ended_by = ending.ended_by;
  r.end_comment = ending.comment;
  if (!r.activated_at) r.activated_at = r.started_at;
  return r;
}

Result<Relationship> MemoryRelationshipRepository::MarkComplete(domain::RelationshipId id,
                                                                domain::Side side, TimePoint at) {
  std::lock_guard lock(mutex_);
  auto it = relationships_.find(id.value);
  if (it == relationships_.end()) return NoRelationship(id);
  Relationship& r = it->second;
  if (r.status != RelationshipStatus::kActive) {
    return Conflict("only an active relationship can be marked complete", "not_active");
  }
  auto& mark = side == domain::Side::kMentor ? r.mentor_completed_at : r.mentee_completed_at;
  if (!mark) mark = at;
  if (r.mentor_completed_at && r.mentee_completed_at) {
    r.status = RelationshipStatus::kCompleted;
    r.ended_at = at;
    r.end_reason = "completed";
  }
  return r;
}

Status MemoryRelationshipRepository::ImportCourses(
    const std::vector<domain::RelationshipCourse>& courses) {
  std::lock_guard lock(mutex_);
  // Everything is checked before the first write.
  std::set<int64_t> seen;
  for (const domain::RelationshipCourse& c : courses) {
    const int64_t id = c.agreement.relationship_id;
    if (!c.agreement.BothAccepted()) {
      return Status::InvalidArgument("both sides accept a past relationship's agreement",
                                     "agreement");
    }
    auto it = relationships_.find(id);
    if (it == relationships_.end() || it->second.status != RelationshipStatus::kPendingAgreement ||
        agreements_.contains(id) || !seen.insert(id).second) {
      return Conflict("a past relationship is not pending agreement", "not_pending");
    }
  }
  for (const domain::RelationshipCourse& c : courses) {
    domain::Agreement saved = c.agreement;
    saved.version = 1;
    agreements_[saved.relationship_id] = saved;
    Relationship& r = relationships_.at(saved.relationship_id);
    r.status = RelationshipStatus::kActive;
    r.activated_at = c.activated_at;
    if (c.ending) {
      r.status = RelationshipStatus::kEndedEarly;
      r.ended_at = c.ending->at;
      r.end_reason = std::string(domain::EndReasonName(c.ending->reason));
      r.ended_by = c.ending->ended_by;
      r.end_comment = c.ending->comment;
    } else {
      r.status = RelationshipStatus::kCompleted;
      r.mentor_completed_at = c.completed_at;
      r.mentee_completed_at = c.completed_at;
      r.ended_at = c.completed_at;
      r.end_reason = "completed";
    }
  }
  return Status::Ok();
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
        !domain::IsInForce(it->second.status)) {
      return Conflict("a relationship to end is not active in the program", "not_active");
    }
    ending.insert(id.value);
  }
  std::set<std::string> active;
  for (const auto& [id, r] : relationships_) {
    if (r.program == program && domain::IsInForce(r.status) && !ending.contains(id)) {
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
    r.status = RelationshipStatus::kEndedEarly;
    r.ended_at = now;
    r.end_reason = std::string(end_reason);
    if (!r.activated_at) r.activated_at = r.started_at;
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
    if (r.program != relationship.program || !domain::IsInForce(r.status)) continue;
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
    if (r.program == program && domain::IsInForce(r.status)) ++out[r.mentor];
  }
  return out;
}

Relationship MemoryRelationshipRepository::InsertLocked(Relationship r, TimePoint now) {
  r.id = domain::RelationshipId(next_id_++);
  r.status = RelationshipStatus::kPendingAgreement;
  if (r.started_at == TimePoint{}) r.started_at = now;
  r.activated_at.reset();
  r.ended_at.reset();
  r.end_reason.clear();
  r.ended_by.clear();
  r.end_comment.clear();
  relationships_[r.id.value] = r;
  return r;
}

}  // namespace pairwise::storage
