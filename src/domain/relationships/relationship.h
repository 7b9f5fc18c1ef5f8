// A mentoring relationship: one mentor and one mentee of a program, from the day matching
// (or a rematch) publishes it until it ends. Group programs hold one relationship per mentee
// of the group. Plain values and the repository's reading side; relationships are written by
// publishing a proposal (ProposalRepository::Publish), in one transaction with everything else
// publishing does.
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

enum class RelationshipStatus { kActive, kEnded };
// "active" | "ended".
std::string_view RelationshipStatusName(RelationshipStatus status);
std::optional<RelationshipStatus> ParseRelationshipStatus(std::string_view name);

struct Relationship {
  RelationshipId id;
  ProgramId program;
  std::string mentor;  // employee ids
  std::string mentee;
  RelationshipStatus status = RelationshipStatus::kActive;
  ProposalId proposal;      // the proposal that created it
  int score = 0;            // the pair's matching score when it was published
  std::string explanation;  // why the pair was made, in words, as published
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
