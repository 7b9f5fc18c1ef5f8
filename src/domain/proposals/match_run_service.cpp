#include "domain/proposals/match_run_service.h"

#include <algorithm>
#include <utility>

#include "domain/proposals/matching_text.h"

namespace pairwise::domain {

using matching_text::Join;

namespace {

// The store refuses a second queued or running run of a program (another server may have
// queued one since this one checked): the same Conflict as the check's.
Status RunRefusal(const Status& status) {
  if (status.code() == ErrorCode::kConflict && status.reason() == "run_in_progress") {
    return Status::Conflict("A run of this program is already under way.")
        .WithReason("run_in_progress");
  }
  return status;
}

}  // namespace

Result<Proposal> MatchRunService::StartRun(const Actor& actor, ProgramId id,
                                           const std::optional<SettingsChange>& what_if) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto existing = proposals_.ListProposals(id);
  if (!existing.ok()) return existing.status();
  for (const Proposal& p : *existing) {
    if (p.kind == ProposalKind::kFull && p.status == ProposalStatus::kPublished) {
      return Status::Conflict(
                 "This program's matching is published; rematch people instead of running it "
                 "again.")
          .WithReason("already_published");
    }
    if (p.status == ProposalStatus::kQueued || p.status == ProposalStatus::kRunning) {
      return Status::Conflict("A run of this program is already under way.")
          .WithReason("run_in_progress");
    }
  }
  auto current = access_.CurrentSettings(*program);
  if (!current.ok()) return current.status();
  MatchSettings settings = std::move(current).value();
  if (what_if) {
    settings = ApplySettingsChange(std::move(settings), *what_if);
    auto forms = access_.Forms(id);
    if (!forms.ok()) return forms.status();
    auto recorded = access_.CredentialsRecorded(clock_.Now());
    if (!recorded.ok()) return recorded.status();
    PAIRWISE_RETURN_IF_ERROR(
        CheckMatchSettings(settings, *program, forms->first, forms->second, *recorded));
  }
  auto mentees = participants_.CountApproved(id, Side::kMentee);
  if (!mentees.ok()) return mentees.status();
  auto mentors = participants_.CountApproved(id, Side::kMentor);
  if (!mentors.ok()) return mentors.status();
  if (*mentees == 0 || *mentors == 0) {
    return Status::Conflict("Approve some mentees and mentors before running matching.")
        .WithReason("no_participants");
  }
  Proposal proposal;
  proposal.program = id;
  proposal.kind = ProposalKind::kFull;
  proposal.settings = std::move(settings);
  proposal.what_if = what_if.has_value();
  proposal.created_by = actor.employee_id;
  proposal.created_at = clock_.Now();
  proposal.phase = "Waiting for a worker";
  auto created = proposals_.CreateProposal(proposal);
  if (!created.ok()) return RunRefusal(created.status());
  RecordAudit(audit_, actor, "matching.run", "program " + std::to_string(id.value),
              "proposal " + std::to_string(created->id.value));
  return created;
}

Result<Proposal> MatchRunService::StartRematch(const Actor& actor, ProgramId id,
                                               const std::vector<std::string>& employee_ids) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto published = access_.IsPublished(id);
  if (!published.ok()) return published.status();
  if (!*published) {
    return Status::Conflict("Rematch works on a published matching; publish a proposal first.")
        .WithReason("not_published");
  }
  if (employee_ids.empty()) {
    return Status::InvalidArgument("Name at least one person to rematch.", "employee_ids");
  }
  auto existing = proposals_.ListProposals(id);
  if (!existing.ok()) return existing.status();
  for (const Proposal& p : *existing) {
    if (p.status == ProposalStatus::kQueued || p.status == ProposalStatus::kRunning) {
      return Status::Conflict("A run of this program is already under way.")
          .WithReason("run_in_progress");
    }
  }
  auto active = relationships_.ListForProgram(id, /*active_only=*/true);
  if (!active.ok()) return active.status();
  for (const std::string& person : employee_ids) {
    const bool paired = std::any_of(active->begin(), active->end(), [&](const Relationship& r) {
      return r.mentee == person || r.mentor == person;
    });
    if (paired) continue;
    auto mentee = participants_.FindParticipant(id, Side::kMentee, person);
    if (!mentee.ok()) return mentee.status();
    if (!mentee->has_value() || (*mentee)->status != ApplicationStatus::kApproved) {
      return Status::InvalidArgument(
          person + " has no relationship in this program and is not an approved mentee.",
          "employee_ids");
    }
  }
  auto settings = access_.CurrentSettings(*program);
  if (!settings.ok()) return settings.status();
  Proposal proposal;
  proposal.program = id;
  proposal.kind = ProposalKind::kRematch;
  proposal.settings = std::move(settings).value();
  proposal.freed = employee_ids;
  proposal.created_by = actor.employee_id;
  proposal.created_at = clock_.Now();
  proposal.phase = "Waiting for a worker";
  auto created = proposals_.CreateProposal(proposal);
  if (!created.ok()) return RunRefusal(created.status());
  RecordAudit(audit_, actor, "matching.rematch", "program " + std::to_string(id.value),
              Join(employee_ids, ","));
  return created;
}

Result<std::vector<Proposal>> MatchRunService::ListProposals(const Actor& actor, ProgramId id) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  return proposals_.ListProposals(id);
}

Result<Proposal> MatchRunService::GetProposal(const Actor& actor, ProgramId id,
                                              ProposalId proposal) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  return access_.ProgramProposal(id, proposal);
}

Result<Proposal> MatchRunService::CancelRun(const Actor& actor, ProgramId id, ProposalId proposal) {
  auto found = GetProposal(actor, id, proposal);
  if (!found.ok()) return found.status();
  auto cancelled = proposals_.RequestCancel(proposal, clock_.Now());
  if (cancelled.ok()) {
    RecordAudit(audit_, actor, "matching.cancel", "program " + std::to_string(id.value),
                "proposal " + std::to_string(proposal.value));
  }
  return cancelled;
}

Result<PairPage> MatchRunService::ListPairs(const Actor& actor, ProgramId id, ProposalId proposal,
                                            const PairQuery& query) {
  if (query.limit < 1 || query.limit > 500) {
    return Status::InvalidArgument("limit must be between 1 and 500", "limit");
  }
  if (query.offset < 0) return Status::InvalidArgument("offset must be 0 or more", "offset");
  if (query.sort != "mentee" && query.sort != "mentor" && query.sort != "score") {
    return Status::InvalidArgument("sort must be mentee, mentor or score", "sort");
  }
  auto found = GetProposal(actor, id, proposal);
  if (!found.ok()) return found.status();
  auto pairs = proposals_.ListPairs(proposal);
  if (!pairs.ok()) return pairs.status();
  return QueryPairs(std::move(pairs).value(), query);
}

Result<std::vector<ProposalUnmatched>> MatchRunService::ListUnmatched(const Actor& actor,
                                                                      ProgramId id,
                                                                      ProposalId proposal) {
  auto found = GetProposal(actor, id, proposal);
  if (!found.ok()) return found.status();
  return proposals_.ListUnmatched(proposal);
}

Result<FairnessView> MatchRunService::GetFairness(const Actor& actor, ProgramId id,
                                                  ProposalId proposal) {
  auto found = GetProposal(actor, id, proposal);
  if (!found.ok()) return found.status();
  auto pairs = proposals_.ListPairs(proposal);
  if (!pairs.ok()) return pairs.status();
  auto unmatched = proposals_.ListUnmatched(proposal);
  if (!unmatched.ok()) return unmatched.status();
  auto attributes = people_.ListReportingAttributes();
  if (!attributes.ok()) return attributes.status();
  return Fairness(*pairs, *unmatched, *attributes);
}

Result<Comparison> MatchRunService::Compare(const Actor& actor, ProgramId id, ProposalId a,
                                            ProposalId b, int limit) {
  if (limit < 0 || limit > 5000) {
    return Status::InvalidArgument("limit must be between 0 and 5000", "limit");
  }
  auto first = GetProposal(actor, id, a);
  if (!first.ok()) return first.status();
  auto second = access_.ProgramProposal(id, b);
  if (!second.ok()) return second.status();
  auto a_pairs = proposals_.ListPairs(a);
  if (!a_pairs.ok()) return a_pairs.status();
  auto b_pairs = proposals_.ListPairs(b);
  if (!b_pairs.ok()) return b_pairs.status();
  auto a_unmatched = proposals_.ListUnmatched(a);
  if (!a_unmatched.ok()) return a_unmatched.status();
  auto b_unmatched = proposals_.ListUnmatched(b);
  if (!b_unmatched.ok()) return b_unmatched.status();
  Comparison comparison;
  comparison.a = std::move(first).value();
  comparison.b = std::move(second).value();
  std::vector<PairDifference> changes = Differences(*a_pairs, *b_pairs, *a_unmatched, *b_unmatched);
  comparison.changed = static_cast<int64_t>(changes.size());
  if (changes.size() > static_cast<size_t>(limit)) changes.resize(static_cast<size_t>(limit));
  comparison.changes = std::move(changes);
  return comparison;
}

}  // namespace pairwise::domain
