// An in-memory RelationshipRepository (and RelationshipCourseWriter) for domain tests and the
// contract suite, written by
// MemoryProposalRepository::Publish, MemoryMatchRequestRepository::Accept and its own writes.
// Same contract as the SQL repository (src/storage/relationship_repository_contract_test.cpp).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/relationships/relationship.h"
#include "domain/relationships/relationship_courses.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything.
class MemoryRelationshipRepository final : public domain::RelationshipRepository,
                                           public domain::RelationshipCourseWriter {
 public:
  Result<std::vector<domain::Relationship>> ListForPerson(std::string_view employee_id) override;
  Result<std::vector<domain::Relationship>> ListForProgram(domain::ProgramId program,
                                                           bool in_force_only) override;
  Result<domain::Relationship> FindRelationship(domain::RelationshipId id) override;
  Result<std::vector<std::pair<std::string, std::string>>> ListAllPairs() override;
  Result<domain::RelationshipPage> ListProgramPage(
      domain::ProgramId program, const domain::RelationshipPageQuery& query) override;
  Result<std::optional<domain::AgreementTemplate>> FindTemplate(domain::ProgramId program) override;
  Status SaveTemplate(domain::ProgramId program, const domain::AgreementTemplate& saved) override;
  Result<std::optional<domain::Agreement>> FindAgreement(domain::RelationshipId id) override;
  Result<domain::Relationship> SaveAgreement(const domain::Agreement& agreement,
                                             int expected_version, TimePoint now) override;
  Result<domain::Relationship> End(domain::RelationshipId id,
                                   const domain::RelationshipEnding& ending) override;
  Result<domain::Relationship> MarkComplete(domain::RelationshipId id, domain::Side side,
                                            TimePoint at) override;
  Status ImportCourses(const std::vector<domain::RelationshipCourse>& courses) override;

  // Publishing's part, all or nothing: ends the `end` relationships (in force in `program`,
  // else Conflict "not_active") early with `end_reason` at `now`, then creates `create` as
  // pending relationships of `program` and `proposal` (source matching; started at their
  // started_at, or `now` when it is unset), ids assigned (Conflict "already_matched" when a
  // mentee would have two relationships in force in the program). Returns the created ones.
  Result<std::vector<domain::Relationship>> Apply(domain::ProgramId program,
                                                  domain::ProposalId proposal,
                                                  const std::vector<domain::RelationshipId>& end,
                                                  std::string_view end_reason,
                                                  const std::vector<domain::Relationship>& create,
                                                  TimePoint now);

  // Self-match's part: creates `relationship` as an active relationship of its program (source
  // self-match, started at `now`), id assigned, unless the mentee has an active relationship
  // in the program (Conflict "already_matched") or the mentor has `capacity` (Conflict
  // "mentor_full").
  Result<domain::Relationship> StartSelfMatch(const domain::Relationship& relationship,
                                              int capacity, TimePoint now);
  // How many active relationships each mentor has in `program`.
  std::map<std::string, int> ActiveByMentor(domain::ProgramId program);

 private:
  // Stores `r` as a new active relationship (mutex_ held) and returns it.
  domain::Relationship InsertLocked(domain::Relationship r, TimePoint now);

  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::map<int64_t, domain::Relationship> relationships_;
  std::map<int64_t, domain::AgreementTemplate> templates_;
  std::map<int64_t, domain::Agreement> agreements_;
};

}  // namespace pairwise::storage
