#include "storage/memory/memory_match_request_repository.h"

namespace pairwise::storage {

namespace {

using domain::MatchRequest;
using domain::RequestStatus;

Status Conflict(std::string message, std::string reason) {
  return Status::Error(ErrorCode::kConflict, std::move(message)).WithReason(std::move(reason));
}

}  // namespace

Result<MatchRequest> MemoryMatchRequestRepository::CreateRequest(const MatchRequest& request,
                                                                 TimePoint now) {
  std::lock_guard lock(mutex_);
  int live = 0;
  for (const auto& [id, r] : requests_) {
    if (r.program != request.program || r.mentee != request.mentee) continue;
    if (r.status == RequestStatus::kAccepted) {
      return Conflict("you have a mentor in this program already", "already_matched");
    }
    if (r.StatusAt(now) == RequestStatus::kPending) {
      if (r.mentor == request.mentor) {
        return Conflict("you asked this mentor already", "request_exists");
      }
      ++live;
    }
  }
  if (live >= domain::kMaxPendingRequests) {
    return Conflict("at most 3 requests may wait for an answer at once", "too_many_requests");
  }
  MatchRequest stored = request;
  stored.id = domain::MatchRequestId(next_id_++);
  stored.status = RequestStatus::kPending;
  requests_[stored.id.value] = stored;
  return stored;
}

Result<MatchRequest> MemoryMatchRequestRepository::FindRequest(domain::MatchRequestId id) {
  std::lock_guard lock(mutex_);
  auto it = requests_.find(id.value);
  if (it == requests_.end()) return Status::NotFound("no request " + std::to_string(id.value));
  return it->second;
}

Result<std::vector<MatchRequest>> MemoryMatchRequestRepository::ListRequests(
    domain::ProgramId program, std::optional<std::string> mentee,
    std::optional<std::string> mentor) {
  std::lock_guard lock(mutex_);
  std::vector<MatchRequest> out;
  for (const auto& [id, r] : requests_) {
    if (r.program != program) continue;
    if (mentee && r.mentee != *mentee) continue;
    if (mentor && r.mentor != *mentor) continue;
    out.push_back(r);
  }
  return out;
}

Result<std::map<std::string, int>> MemoryMatchRequestRepository::AcceptedByMentor(
    domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  std::map<std::string, int> out;
  for (const auto& [id, r] : requests_) {
    if (r.program == program && r.status == RequestStatus::kAccepted) ++out[r.mentor];
  }
  return out;
}

Result<MatchRequest> MemoryMatchRequestRepository::Accept(domain::MatchRequestId id, int capacity,
                                                          std::string_view message, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = requests_.find(id.value);
  if (it == requests_.end()) return Status::NotFound("no request " + std::to_string(id.value));
  MatchRequest& r = it->second;
  const RequestStatus status = r.StatusAt(now);
  if (status == RequestStatus::kExpired) return Conflict("the request expired", "request_expired");
  if (status != RequestStatus::kPending) {
    return Conflict("the request was answered already", "invalid_status");
  }
  int taken = 0;
  for (const auto& [other_id, other] : requests_) {
    if (other.program != r.program || other.status != RequestStatus::kAccepted) continue;
    if (other.mentee == r.mentee) {
      return Conflict("the mentee has a mentor already", "already_matched");
    }
    if (other.mentor == r.mentor) ++taken;
  }
  if (taken >= capacity) return Conflict("you have no room left", "mentor_full");
  r.status = RequestStatus::kAccepted;
  r.response_message = std::string(message);
  r.responded_at = now;
  for (auto& [other_id, other] : requests_) {
    if (other_id != id.value && other.program == r.program && other.mentee == r.mentee &&
        other.status == RequestStatus::kPending) {
      other.status = RequestStatus::kWithdrawn;
      other.responded_at = now;
    }
  }
  return r;
}

Result<MatchRequest> MemoryMatchRequestRepository::Close(domain::MatchRequestId id,
                                                         RequestStatus to, std::string_view message,
                                                         TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = requests_.find(id.value);
  if (it == requests_.end()) return Status::NotFound("no request " + std::to_string(id.value));
  MatchRequest& r = it->second;
  const RequestStatus status = r.StatusAt(now);
  if (status == RequestStatus::kExpired) return Conflict("the request expired", "request_expired");
  if (status != RequestStatus::kPending) {
    return Conflict("the request was answered already", "invalid_status");
  }
  r.status = to;
  r.response_message = std::string(message);
  r.responded_at = now;
  return r;
}

}  // namespace pairwise::storage
