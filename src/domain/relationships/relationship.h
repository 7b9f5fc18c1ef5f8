// A mentoring relationship: one mentor and one mentee of a program, from the day it is created
// until it ends. It is created when matching (or a rematch) publishes it, or when a mentor
// accepts a self-match request, each in one transaction with everything else that step does.
// Group programs hold one relationship per mentee of the group. Plain values and the repository
// interface.
//
// Its life: pending_agreement (created; both sides accept the agreement) -> active (both
// accepted) -> completed (both sides marked it complete) | ended_early (either side ended it
// with a no-fault reason, or a rematch freed the pair: end_reason "rematch"). Nothing is ever
// deleted: an ended relationship keeps its history.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/programs/program.h"
#include "domain/relationships/agreement.h"

namespace pairwise::domain {

using RelationshipId = Id<struct RelationshipTag>;
using ProposalId = Id<struct ProposalTag>;
using MatchRequestId = Id<struct MatchRequestTag>;

enum class RelationshipStatus { kPendingAgreement, kActive, kCompleted, kEndedEarly };
// "pending_agreement" | "active" | "completed" | "ended_early".
std::string_view RelationshipStatusName(RelationshipStatus status);
std::optional<RelationshipStatus> ParseRelationshipStatus(std::string_view name);
// Pending agreement or active: the relationship has not ended.
inline bool IsInForce(RelationshipStatus status) {
  return status == RelationshipStatus::kPendingAgreement || status == RelationshipStatus::kActive;
}

// Why a relationship ended early. "rematch" is set by publishing a rematch, never by a person.
enum class EndReason { kNoTime, kMismatch, kGoalsMet, kLeftOrganization, kOther, kRematch };
// "no_time" | "mismatch" | "goals_met" | "left_organization" | "other" | "rematch".
std::string_view EndReasonName(EndReason reason);
std::optional<EndReason> ParseEndReason(std::string_view name);
// The words for a person: "No time", "Goals met", ...
std::string_view EndReasonLabel(EndReason reason);

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
  RelationshipStatus status = RelationshipStatus::kPendingAgreement;
  RelationshipSource source = RelationshipSource::kMatching;
  ProposalId proposal;      // matching: the proposal that created it; unset (0) for self-match
  MatchRequestId request;   // self-match: the accepted request; unset (0) for matching
  int score = 0;            // the pair's matching score when it was created
  std::string explanation;  // why the pair was made, in words, as published
  TimePoint started_at{};   // created
  std::optional<TimePoint> activated_at;  // both accepted the agreement
  std::optional<TimePoint> ended_at;      // set exactly when completed or ended early
  std::string end_reason;                 // EndReasonName, or "completed"; empty while in force
  std::string ended_by;  // employee id of the side that ended it; empty for a rematch
  // The ending side's optional comment: for the program's coordinators only, never the pair.
  std::string end_comment;
  std::optional<TimePoint> mentor_completed_at;  // each side's "we are done"
  std::optional<TimePoint> mentee_completed_at;
};

// The matching's explanation of a pair (matching/explain.cpp, written for coordinators) as one
// side of the pair reads it: addressed to them ("they offer both skills you want"), skill codes
// as `skill_names` name them, languages by name (LanguageName), and without what is the
// coordinators' business (a pin, an explicit score, skills below the level wanted, what the pair
// does not share). Empty when nothing is left.
std::string ExplanationForParticipant(
    std::string_view explanation, bool reader_is_mentor,
    const std::unordered_map<std::string, std::string>& skill_names);

// How the pair ends a relationship early (RelationshipRepository::End).
struct RelationshipEnding {
  EndReason reason = EndReason::kOther;
  std::string ended_by;
  std::string comment;
  TimePoint at{};
};

// One page of a program's relationships, for the coordinator's table.
struct RelationshipPageQuery {
  std::optional<RelationshipStatus> status;  // only these; nullopt: all
  int64_t offset = 0;                        // >= 0
  int limit = 50;                            // 1..kMaxRelationshipPageSize
  std::string person;                        // only this mentor's or mentee's; empty: all
};
inline constexpr int kMaxRelationshipPageSize = 200;
struct RelationshipPage {
  std::vector<Relationship> items;  // ordered by id
  int64_t total = 0;                // matching the status filter
};

// Thread-safe. Implementations: storage/relationship_repository.cpp and the in-memory one.
class RelationshipReader {
 public:
  virtual ~RelationshipReader() = default;
  // The person's relationships as mentor or mentee, in every program, newest first.
  virtual Result<std::vector<Relationship>> ListForPerson(std::string_view employee_id) = 0;
  // The program's relationships (only those in force — pending agreement or active — when
  // `in_force_only`), ordered by id.
  virtual Result<std::vector<Relationship>> ListForProgram(ProgramId program,
                                                           bool in_force_only) = 0;
  // NotFound for an unknown id.
  virtual Result<Relationship> FindRelationship(RelationshipId id) = 0;
  // Every (mentee, mentor) pair that ever had a relationship, in any program, each once,
  // ordered by mentee then mentor.
  virtual Result<std::vector<std::pair<std::string, std::string>>> ListAllPairs() = 0;
};

// The relationship's own writes (publishing creates relationships through the proposals'
// repository, in its own transaction). Thread-safe.
class RelationshipRepository : public RelationshipReader {
 public:
  // A page of the program's relationships by id. InvalidArgument for a query out of range.
  virtual Result<RelationshipPage> ListProgramPage(ProgramId program,
                                                   const RelationshipPageQuery& query) = 0;

  // The program's agreement template as the coordinator saved it; nullopt when never saved.
  virtual Result<std::optional<AgreementTemplate>> FindTemplate(ProgramId program) = 0;
  // Stores the template (insert or replace). The caller checks that the program exists.
  virtual Status SaveTemplate(ProgramId program, const AgreementTemplate& saved) = 0;

  // The relationship's agreement once one side accepted or adjusted it; nullopt before.
  virtual Result<std::optional<Agreement>> FindAgreement(RelationshipId id) = 0;
  // Stores `agreement` if the stored one still has `expected_version` (0: none stored yet),
  // with version expected_version + 1, and, when both sides have accepted, makes the
  // relationship active (activated_at = `now`), all in one transaction. Returns the
  // relationship after it. NotFound for an unknown relationship; Conflict "stale_agreement"
  // when the version moved; Conflict "not_pending" when the relationship is not pending.
  virtual Result<Relationship> SaveAgreement(const Agreement& agreement, int expected_version,
                                             TimePoint now) = 0;

  // Ends a relationship in force early. Conflict "not_in_force" when it already ended; NotFound
  // for an unknown id.
  virtual Result<Relationship> End(RelationshipId id, const RelationshipEnding& ending) = 0;
  // Records that `side` marked the active relationship complete at `at`; when both sides have,
  // it becomes completed (ended_at = `at`, end_reason "completed"). Conflict "not_active" unless
  // active. Marking twice keeps the first time.
  virtual Result<Relationship> MarkComplete(RelationshipId id, Side side, TimePoint at) = 0;
};

}  // namespace pairwise::domain
