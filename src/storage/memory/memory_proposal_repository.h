// An in-memory ProposalRepository for domain tests and the contract suite. Same contract as the
// SQL repository (src/storage/proposal_repository_contract_test.cpp). Publishing writes the
// relationships into a MemoryRelationshipRepository and queues the mails in a MemoryMailOutbox.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "domain/proposals/proposal.h"
#include "storage/memory/memory_mail_outbox.h"
#include "storage/memory/memory_relationship_repository.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards the proposals (so claims are serialized too).
class MemoryProposalRepository final : public domain::ProposalRepository {
 public:
  // `relationships` and `outbox` must outlive this repository.
  MemoryProposalRepository(MemoryRelationshipRepository& relationships, MemoryMailOutbox& outbox)
      : relationships_(relationships), outbox_(outbox) {}

  Result<std::optional<domain::MatchSettings>> FindSettings(domain::ProgramId program) override;
  Result<domain::MatchSettings> UpdateSettings(
      domain::ProgramId program, const domain::MatchSettings& defaults,
      const std::function<Status(domain::MatchSettings&)>& change, std::string_view saved_by,
      TimePoint now) override;
  Result<std::vector<domain::PairConstraint>> ListConstraints(domain::ProgramId program) override;
  Result<domain::PairConstraint> PutConstraint(const domain::PairConstraint& constraint) override;
  Status DeleteConstraint(domain::ProgramId program, std::string_view mentee,
                          std::string_view mentor) override;
  Result<domain::Proposal> CreateProposal(const domain::Proposal& proposal) override;
  Result<domain::Proposal> FindProposal(domain::ProposalId id) override;
  Result<std::vector<domain::Proposal>> ListProposals(domain::ProgramId program) override;
  Result<std::vector<domain::ProposalPair>> ListPairs(domain::ProposalId id) override;
  Result<std::vector<domain::ProposalUnmatched>> ListUnmatched(domain::ProposalId id) override;
  Result<std::optional<domain::Proposal>> ClaimNext(const std::string& worker, TimePoint now,
                                                    TimePoint lease_until) override;
  Result<bool> ReportProgress(domain::ProposalId id, const std::string& worker, int progress,
                              std::string_view phase, TimePoint lease_until) override;
  Status Complete(domain::ProposalId id, const std::string& worker,
                  const domain::ProposalOutcome& outcome, TimePoint now) override;
  Status Finish(domain::ProposalId id, const std::string& worker, domain::ProposalStatus status,
                std::string_view error, TimePoint now) override;
  Result<domain::Proposal> RequestCancel(domain::ProposalId id, TimePoint now) override;
  Status EditPairs(domain::ProposalId id, const std::vector<std::string>& remove_mentees,
                   const std::vector<domain::ProposalPair>& add,
                   const std::vector<domain::ProposalUnmatched>& unmatched,
                   const domain::ProposalSummary& summary) override;
  Result<std::vector<domain::Relationship>> Publish(const domain::PublishPlan& plan) override;

 private:
  struct Row {
    domain::Proposal proposal;
    std::string claimed_by;  // empty: not claimed
    TimePoint lease_until{};
    std::map<std::string, domain::ProposalPair> pairs;  // by mentee
    std::map<std::string, domain::ProposalUnmatched> unmatched;
  };
  // The running row `worker` holds; NotFound or Conflict otherwise.
  Result<Row*> Held(domain::ProposalId id, const std::string& worker);

  MemoryRelationshipRepository& relationships_;
  MemoryMailOutbox& outbox_;
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::map<int64_t, Row> rows_;
  std::map<int64_t, domain::MatchSettings> settings_;
  // (program, mentee, mentor) -> constraint
  std::map<std::tuple<int64_t, std::string, std::string>, domain::PairConstraint> constraints_;
};

}  // namespace pairwise::storage
