// Self-match programs: mentees browse the approved mentors and request one; the mentor accepts
// or declines within their capacity; requests expire. Plain values and the repository.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/programs/program.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

using MatchRequestId = Id<struct MatchRequestTag>;  // as in relationship.h

// pending -> accepted | declined (the mentor) | cancelled (the mentee) | withdrawn (the mentee
// was matched with another mentor). A pending request past its expiry reads as expired.
enum class RequestStatus { kPending, kAccepted, kDeclined, kCancelled, kWithdrawn, kExpired };
// "pending" | "accepted" | "declined" | "cancelled" | "withdrawn" | "expired".
std::string_view RequestStatusName(RequestStatus status);

inline constexpr int kMaxPendingRequests = 3;
inline constexpr std::size_t kMaxRequestMessageChars = 2000;
// Why a self-match pair was made, as its relationship says to both sides and the coordinators.
inline constexpr std::string_view kSelfMatchExplanation =
    "The mentee chose this mentor from the program's mentors, and the mentor accepted.";

struct MatchRequest {
  MatchRequestId id;
  ProgramId program;
  std::string mentee;  // employee ids
  std::string mentor;
  std::string message;
  RequestStatus status = RequestStatus::kPending;  // as stored: never kExpired
  std::string response_message;
  TimePoint created_at{};
  TimePoint expires_at{};
  std::optional<TimePoint> responded_at;

  // The status as of `now`: kExpired for a pending request past its expiry.
  RequestStatus StatusAt(TimePoint now) const {
    return status == RequestStatus::kPending && now >= expires_at ? RequestStatus::kExpired
                                                                  : status;
  }
};

// An accepted request and the relationship it started.
struct AcceptedRequest {
  MatchRequest request;
  Relationship relationship;
};

// Thread-safe. Implementations: storage/match_request_repository.cpp and the in-memory one.
// A mentee is matched in a program while they have an active relationship there; a mentor's
// places taken are their active relationships there (every accepted request started one).
class MatchRequestRepository {
 public:
  virtual ~MatchRequestRepository() = default;
  // Stores a new pending request, in one transaction with the checks: Conflict "already_matched"
  // when the mentee has an active relationship in the program, "request_exists" when a live one
  // to that mentor is pending, "too_many_requests" when kMaxPendingRequests live ones are.
  virtual Result<MatchRequest> CreateRequest(const MatchRequest& request, TimePoint now) = 0;
  // NotFound for an unknown id.
  virtual Result<MatchRequest> FindRequest(MatchRequestId id) = 0;
  // Requests of the program, filtered by mentee and/or mentor when given, ordered by id.
  virtual Result<std::vector<MatchRequest>> ListRequests(ProgramId program,
                                                         std::optional<std::string> mentee,
                                                         std::optional<std::string> mentor) = 0;
  // How many places each mentor of the program has taken: their active relationships there.
  virtual Result<std::map<std::string, int>> PlacesTaken(ProgramId program) = 0;
  // Accepts request `id` and starts the pair's relationship (source self-match, score 0,
  // `explanation`, started at `now`) in one transaction, serialized with other accepts:
  // Conflict "request_expired" past its expiry, "invalid_status" when not pending,
  // "mentor_full" when the mentor has `capacity` places taken, "already_matched" when the
  // mentee has an active relationship in the program; then nothing changes. The mentee's other
  // pending requests in the program become withdrawn.
  virtual Result<AcceptedRequest> Accept(MatchRequestId id, int capacity, std::string_view message,
                                         std::string_view explanation, TimePoint now) = 0;
  // Moves a live pending request to `to` (declined or cancelled). Conflict "request_expired"
  // or "invalid_status" otherwise.
  virtual Result<MatchRequest> Close(MatchRequestId id, RequestStatus to, std::string_view message,
                                     TimePoint now) = 0;
};

}  // namespace pairwise::domain
