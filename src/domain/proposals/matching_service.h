// Matching a program, as one entry point over the services that do the work, each with its own
// header and only the dependencies it needs:
//   MatchSettingsService  the match settings, pins and forbids (match_settings_service.h)
//   MatchRunService       starting, cancelling and reading runs and proposals (match_run_service.h)
//   MatchJobRunner        the worker's side of a run (match_job.h)
//   HandChangeService     hand changes to a finished proposal (hand_change_service.h)
//   PublishService        publishing, with one plan for the preview and the publish
//                         (publish_service.h)
// Access, for all of them: only the program's coordinators (and admins) see or change its match
// settings, pins, forbids and proposals (NotFound to people who may not see the program,
// Forbidden to the others; MatchingAccess). Each method below promises what the service it
// forwards to promises.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/applications/application_repository.h"
#include "domain/people/people_service.h"
#include "domain/profiles/profile_repository.h"
#include "domain/programs/participation.h"
#include "domain/programs/program_reader.h"
#include "domain/proposals/hand_change_service.h"
#include "domain/proposals/match_job.h"
#include "domain/proposals/match_run_service.h"
#include "domain/proposals/match_settings_service.h"
#include "domain/proposals/matching_access.h"
#include "domain/proposals/pair_scorer.h"
#include "domain/proposals/proposal.h"
#include "domain/proposals/publish_service.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

// Thread-safe as far as its dependencies are; holds no state of its own beyond the services.
class MatchingService {
 public:
  // All must outlive the service. `base_url` prefixes links in mails.
  MatchingService(ProposalRepository& proposals, RelationshipReader& relationships,
                  ProgramReader& programs, ParticipationReader& participants,
                  ApplicationRepository& applications, PeopleService& people,
                  ProfileRepository& profiles, CredentialReader& credentials, AuditLog& audit,
                  const Clock& clock, std::string base_url)
      : access_(proposals, programs, applications, credentials),
        scorer_(MatchingSources{proposals, relationships, programs, participants, applications,
                                people, profiles, credentials, clock}),
        settings_(access_, proposals, programs, participants, people, scorer_, audit, clock),
        runs_(access_, proposals, relationships, participants, people, audit, clock),
        jobs_(MatchingSources{proposals, relationships, programs, participants, applications,
                              people, profiles, credentials, clock}),
        changes_(access_, proposals, programs, participants, applications, scorer_, audit),
        publishing_(access_, proposals, relationships, people, audit, clock, std::move(base_url)) {}
  MatchingService(const MatchingService&) = delete;
  MatchingService& operator=(const MatchingService&) = delete;

  MatchSettingsService& settings() { return settings_; }
  MatchRunService& runs() { return runs_; }
  MatchJobRunner& jobs() { return jobs_; }
  HandChangeService& changes() { return changes_; }
  PublishService& publishing() { return publishing_; }

  // Settings, pins and forbids: MatchSettingsService.
  Result<SettingsView> GetSettings(const Actor& actor, ProgramId program) {
    return settings_.GetSettings(actor, program);
  }
  Result<SettingsView> UpdateSettings(const Actor& actor, ProgramId program,
                                      const SettingsChange& change) {
    return settings_.UpdateSettings(actor, program, change);
  }
  Result<std::vector<ConstraintView>> ListConstraints(const Actor& actor, ProgramId program) {
    return settings_.ListConstraints(actor, program);
  }
  Result<ConstraintView> PutConstraint(const Actor& actor, ProgramId program,
                                       const std::string& mentee, const std::string& mentor,
                                       ConstraintKind kind) {
    return settings_.PutConstraint(actor, program, mentee, mentor, kind);
  }
  Status DeleteConstraint(const Actor& actor, ProgramId program, const std::string& mentee,
                          const std::string& mentor) {
    return settings_.DeleteConstraint(actor, program, mentee, mentor);
  }

  // Runs and proposals: MatchRunService.
  Result<Proposal> StartRun(const Actor& actor, ProgramId program,
                            const std::optional<SettingsChange>& what_if) {
    return runs_.StartRun(actor, program, what_if);
  }
  Result<Proposal> StartRematch(const Actor& actor, ProgramId program,
                                const std::vector<std::string>& employee_ids) {
    return runs_.StartRematch(actor, program, employee_ids);
  }
  Result<std::vector<Proposal>> ListProposals(const Actor& actor, ProgramId program) {
    return runs_.ListProposals(actor, program);
  }
  Result<Proposal> GetProposal(const Actor& actor, ProgramId program, ProposalId proposal) {
    return runs_.GetProposal(actor, program, proposal);
  }
  Result<Proposal> CancelRun(const Actor& actor, ProgramId program, ProposalId proposal) {
    return runs_.CancelRun(actor, program, proposal);
  }
  Result<PairPage> ListPairs(const Actor& actor, ProgramId program, ProposalId proposal,
                             const PairQuery& query) {
    return runs_.ListPairs(actor, program, proposal, query);
  }
  Result<std::vector<ProposalUnmatched>> ListUnmatched(const Actor& actor, ProgramId program,
                                                       ProposalId proposal) {
    return runs_.ListUnmatched(actor, program, proposal);
  }
  Result<FairnessView> GetFairness(const Actor& actor, ProgramId program, ProposalId proposal) {
    return runs_.GetFairness(actor, program, proposal);
  }
  Result<Comparison> Compare(const Actor& actor, ProgramId program, ProposalId a, ProposalId b,
                             int limit) {
    return runs_.Compare(actor, program, a, b, limit);
  }

  // Hand changes: HandChangeService.
  Result<ChangePreview> PreviewChange(const Actor& actor, ProgramId program, ProposalId proposal,
                                      const PairChange& change) {
    return changes_.PreviewChange(actor, program, proposal, change);
  }
  Result<ChangePreview> ApplyChange(const Actor& actor, ProgramId program, ProposalId proposal,
                                    const PairChange& change, bool accept_broken_rules) {
    return changes_.ApplyChange(actor, program, proposal, change, accept_broken_rules);
  }

  // Publishing: PublishService.
  Result<PublishPreview> PreviewPublish(const Actor& actor, ProgramId program,
                                        ProposalId proposal) {
    return publishing_.PreviewPublish(actor, program, proposal);
  }
  Result<PublishPreview> Publish(const Actor& actor, ProgramId program, ProposalId proposal,
                                 bool what_if_confirmed = false) {
    return publishing_.Publish(actor, program, proposal, what_if_confirmed);
  }

  // The worker's job: MatchJobRunner.
  Result<bool> RunNextJob(const std::string& worker) { return jobs_.RunNextJob(worker); }

 private:
  MatchingAccess access_;
  PairScorer scorer_;
  MatchSettingsService settings_;
  MatchRunService runs_;
  MatchJobRunner jobs_;
  HandChangeService changes_;
  PublishService publishing_;
};

}  // namespace pairwise::domain
