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
  auto active = relationships_.ListForProgram(request.program, true);
  if (!active.ok()) return active.status();
  for (const domain::Relationship& r : *active) {
    if (r.mentee == request.mentee) {
      return Conflict("you have a mentor in this program already", "already_matched");
    }
  }
  int live = 0;
  for (const auto& [id, r] : requests_) {
    if (r.program != request.program || r.mentee != request.mentee) continue;
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

Result<std::map<std::string, int>> MemoryMatchRequestRepository::PlacesTaken(
    domain::ProgramId program) {
  return relationships_.ActiveByMentor(program);
}

Result<domain::AcceptedRequest> MemoryMatchRequestRepository::Accept(domain::MatchRequestId id,
                                                                     int capacity,
                                                                     std::string_view message,
                                                                     std::string_view explanation,
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
  // Accepts are serialized by mutex_; the relationships check their own rules as they insert.
  domain::Relationship pair;
  pair.program = r.program;
  pair.mentor = r.mentor;
  pair.mentee = r.mentee;
  pair.request = r.id;
  pair.explanation = std::string(explanation);
  auto started = relationships_.StartSelfMatch(pair, capacity, now);
  if (!started.ok()) return started.status();
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
  return domain::AcceptedRequest{r, std::move(started).value()};
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
