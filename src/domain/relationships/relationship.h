// A mentoring relationship: one mentor and one mentee of a program, from the day it starts
// until it ends. It starts when matching (or a rematch) publishes it, or when a mentor accepts a
// self-match request. Group programs hold one relationship per mentee of the group. Plain values
// and the repository's reading side; relationships are written by publishing a proposal
// (ProposalRepository::Publish) and by accepting a request (MatchRequestRepository::Accept), each
// in one transaction with everything else that step does.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/programs/program.h"

namespace pairwise::domain {

using RelationshipId = Id<struct RelationshipTag>;
using ProposalId = Id<struct ProposalTag>;
using MatchRequestId = Id<struct MatchRequestTag>;

enum class RelationshipStatus { kActive, kEnded };
// "active" | "ended".
std::string_view RelationshipStatusName(RelationshipStatus status);
std::optional<RelationshipStatus> ParseRelationshipStatus(std::string_view name);

// How the relationship started: a published proposal, or a self-match request the mentor
// accepted.
enum class RelationshipSource { kMatching, kSelfMatch };
// "matching" | "self_match".
std::string_view RelationshipSourceName(RelationshipSource source);
std::optional<RelationshipSource> ParseRelationshipSource(std::string_view name);

struct Relationship {
  RelationshipId id;
  ProgramId program;
  std::string mentor;  // employee ids
  std::string mentee;
  RelationshipStatus status = RelationshipStatus::kActive;
  RelationshipSource source = RelationshipSource::kMatching;
  ProposalId proposal;      // matching: the proposal that created it; unset (0) for self-match
  MatchRequestId request;   // self-match: the accepted request; unset (0) for matching
  int score = 0;            // the pair's matching score when it was published (self-match: 0)
  std::string explanation;  // why the pair was made, in words, as published or accepted
  TimePoint started_at{};
  std::optional<TimePoint> ended_at;
  std::string end_reason;  // "rematch", ...; empty while active
};

// Thread-safe. Implementations: storage/relationship_repository.cpp and the in-memory one.
class RelationshipReader {
 public:
  virtual ~RelationshipReader() = default;
  // The person's relationships as mentor or mentee, in every program, newest first.
  virtual Result<std::vector<Relationship>> ListForPerson(std::string_view employee_id) = 0;
  // The program's relationships (only the active ones when `active_only`), ordered by id.
  virtual Result<std::vector<Relationship>> ListForProgram(ProgramId program, bool active_only) = 0;
  // NotFound for an unknown id.
  virtual Result<Relationship> FindRelationship(RelationshipId id) = 0;
  // Every (mentee, mentor) pair that ever had a relationship, in any program, each once,
  // ordered by mentee then mentor.
  virtual Result<std::vector<std::pair<std::string, std::string>>> ListAllPairs() = 0;
};

}  // namespace pairwise::domain
