// An in-memory MatchRequestRepository for domain tests and the contract suite. Same contract as
// the SQL repository (src/storage/match_request_repository_contract_test.cpp). Accepting writes
// the relationship into a MemoryRelationshipRepository.
#pragma once

#include <map>
#include <mutex>

#include "domain/selfmatch/match_request.h"
#include "storage/memory/memory_relationship_repository.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything (so accepts are serialized too).
class MemoryMatchRequestRepository final : public domain::MatchRequestRepository {
 public:
  // `relationships` must outlive this repository.
  explicit MemoryMatchRequestRepository(MemoryRelationshipRepository& relationships)
      : relationships_(relationships) {}

  Result<domain::MatchRequest> CreateRequest(const domain::MatchRequest& request,
                                             TimePoint now) override;
  Result<domain::MatchRequest> FindRequest(domain::MatchRequestId id) override;
  Result<std::vector<domain::MatchRequest>> ListRequests(
      domain::ProgramId program, std::optional<std::string> mentee,
      std::optional<std::string> mentor) override;
  Result<std::map<std::string, int>> PlacesTaken(domain::ProgramId program) override;
  Result<domain::AcceptedRequest> Accept(domain::MatchRequestId id, int capacity,
                                         std::string_view message, std::string_view explanation,
                                         TimePoint now) override;
  Result<domain::MatchRequest> Close(domain::MatchRequestId id, domain::RequestStatus to,
                                     std::string_view message, TimePoint now) override;

 private:
  MemoryRelationshipRepository& relationships_;
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::map<int64_t, domain::MatchRequest> requests_;
};

}  // namespace pairwise::storage
