#include "storage/memory/memory_proposal_repository.h"

#include <algorithm>

namespace pairwise::storage {

using domain::Proposal;
using domain::ProposalId;
using domain::ProposalStatus;

namespace {

Status Conflict(std::string message, std::string reason) {
  return Status::Error(ErrorCode::kConflict, std::move(message)).WithReason(std::move(reason));
}

Status NoProposal(ProposalId id) {
  return Status::NotFound("no proposal " + std::to_string(id.value));
}

}  // namespace

Result<std::optional<domain::MatchSettings>> MemoryProposalRepository::FindSettings(
    domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  auto it = settings_.find(program.value);
  if (it == settings_.end()) return std::optional<domain::MatchSettings>();
  return std::optional<domain::MatchSettings>(it->second);
}

Result<domain::MatchSettings> MemoryProposalRepository::UpdateSettings(
    domain::ProgramId program, const domain::MatchSettings& defaults,
    const std::function<Status(domain::MatchSettings&)>& change, std::string_view, TimePoint) {
  std::lock_guard lock(mutex_);
  auto it = settings_.find(program.value);
  domain::MatchSettings settings = it == settings_.end() ? defaults : it->second;
  PAIRWISE_RETURN_IF_ERROR(change(settings));
  settings_[program.value] = settings;
  return settings;
}

Result<std::vector<domain::PairConstraint>> MemoryProposalRepository::ListConstraints(
    domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  std::vector<domain::PairConstraint> out;
  for (const auto& [key, c] : constraints_) {
    if (std::get<0>(key) == program.value) out.push_back(c);
  }
  return out;
}

Result<domain::PairConstraint> MemoryProposalRepository::PutConstraint(
    const domain::PairConstraint& constraint) {
  std::lock_guard lock(mutex_);
  if (constraint.kind == domain::ConstraintKind::kPin) {
    std::erase_if(constraints_, [&](const auto& entry) {
      const auto& [key, c] = entry;
      return std::get<0>(key) == constraint.program.value && c.mentee == constraint.mentee &&
             c.kind == domain::ConstraintKind::kPin;
    });
  }
  constraints_[{constraint.program.value, constraint.mentee, constraint.mentor}] = constraint;
  return constraint;
}

Status MemoryProposalRepository::DeleteConstraint(domain::ProgramId program,
                                                  std::string_view mentee,
                                                  std::string_view mentor) {
  std::lock_guard lock(mutex_);
  if (constraints_.erase({program.value, std::string(mentee), std::string(mentor)}) == 0) {
    return Status::NotFound("no pin or forbid for " + std::string(mentee) + " and " +
                            std::string(mentor));
  }
  return Status::Ok();
}

Result<Proposal> MemoryProposalRepository::CreateProposal(const Proposal& proposal) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, existing] : rows_) {
    const Proposal& p = existing.proposal;
    if (p.program == proposal.program &&
        (p.status == ProposalStatus::kQueued || p.status == ProposalStatus::kRunning)) {
      return Status::Conflict("the program already has a run queued or running")
          .WithReason("run_in_progress");
    }
  }
  Row row;
  row.proposal = proposal;
  Proposal& p = row.proposal;
  p.id = ProposalId(next_id_++);
  p.status = ProposalStatus::kQueued;
  p.progress = 0;
  p.phase.clear();
  p.cancel_requested = false;
  p.error.clear();
  p.summary = {};
  p.finished_at.reset();
  p.published_by.clear();
  p.published_at.reset();
  p.edits = 0;
  const Proposal out = p;
  rows_[out.id.value] = std::move(row);
  return out;
}

Result<Proposal> MemoryProposalRepository::FindProposal(ProposalId id) {
  std::lock_guard lock(mutex_);
  auto it = rows_.find(id.value);
  if (it == rows_.end()) return NoProposal(id);
  return it->second.proposal;
}

Result<std::vector<Proposal>> MemoryProposalRepository::ListProposals(domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  std::vector<Proposal> out;
  for (const auto& [id, row] : rows_) {
    if (row.proposal.program == program) out.push_back(row.proposal);
  }
  std::sort(out.begin(), out.end(), [](const Proposal& a, const Proposal& b) {
    if (a.created_at != b.created_at) return a.created_at > b.created_at;
    return a.id.value > b.id.value;
  });
  return out;
}

Result<std::vector<domain::ProposalPair>> MemoryProposalRepository::ListPairs(ProposalId id) {
  std::lock_guard lock(mutex_);
  auto it = rows_.find(id.value);
  if (it == rows_.end()) return NoProposal(id);
  std::vector<domain::ProposalPair> out;
  for (const auto& [mentee, pair] : it->second.pairs) out.push_back(pair);
  return out;
}

Result<std::vector<domain::ProposalUnmatched>> MemoryProposalRepository::ListUnmatched(
    ProposalId id) {
  std::lock_guard lock(mutex_);
  auto it = rows_.find(id.value);
  if (it == rows_.end()) return NoProposal(id);
  std::vector<domain::ProposalUnmatched> out;
  for (const auto& [mentee, u] : it->second.unmatched) out.push_back(u);
  return out;
}

Result<std::optional<Proposal>> MemoryProposalRepository::ClaimNext(const std::string& worker,
                                                                    TimePoint now,
                                                                    TimePoint lease_until) {
  std::lock_guard lock(mutex_);
  Row* best = nullptr;
  for (auto& [id, row] : rows_) {
    const Proposal& p = row.proposal;
    const bool claimable = p.status == ProposalStatus::kQueued ||
                           (p.status == ProposalStatus::kRunning && row.lease_until <= now);
    if (!claimable) continue;
    if (!best || p.created_at < best->proposal.created_at) best = &row;  // ids ascend
  }
  if (!best) return std::optional<Proposal>();
  best->proposal.status = ProposalStatus::kRunning;
  best->claimed_by = worker;
  best->lease_until = lease_until;
  return std::optional<Proposal>(best->proposal);
}

Result<MemoryProposalRepository::Row*> MemoryProposalRepository::Held(ProposalId id,
                                                                      const std::string& worker) {
  auto it = rows_.find(id.value);
  if (it == rows_.end()) return NoProposal(id);
  Row& row = it->second;
  if (row.proposal.status != ProposalStatus::kRunning || row.claimed_by != worker) {
    return Conflict("the proposal is not (any more) claimed by " + worker, "lease_lost");
  }
  return &row;
}

Result<bool> MemoryProposalRepository::ReportProgress(ProposalId id, const std::string& worker,
                                                      int progress, std::string_view phase,
                                                      TimePoint lease_until) {
  std::lock_guard lock(mutex_);
  auto row = Held(id, worker);
  if (!row.ok()) return row.status();
  (*row)->proposal.progress = std::clamp(progress, 0, 100);
  (*row)->proposal.phase = std::string(phase);
  (*row)->lease_until = lease_until;
  return (*row)->proposal.cancel_requested;
}

Status MemoryProposalRepository::Complete(ProposalId id, const std::string& worker,
                                          const domain::ProposalOutcome& outcome, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto held = Held(id, worker);
  if (!held.ok()) return held.status();
  Row& row = **held;
  std::map<std::string, domain::ProposalPair> pairs;
  for (const domain::ProposalPair& p : outcome.pairs) {
    if (!pairs.emplace(p.mentee, p).second) {
      return Status::Conflict("a mentee is in two pairs of the outcome");
    }
  }
  std::map<std::string, domain::ProposalUnmatched> unmatched;
  for (const domain::ProposalUnmatched& u : outcome.unmatched) {
    if (!unmatched.emplace(u.mentee, u).second) {
      return Status::Conflict("a mentee is unmatched twice in the outcome");
    }
  }
  row.pairs = std::move(pairs);
  row.unmatched = std::move(unmatched);
  row.proposal.status = ProposalStatus::kDone;
  row.proposal.progress = 100;
  row.proposal.finished_at = now;
  row.proposal.summary = outcome.summary;
  row.claimed_by.clear();
  return Status::Ok();
}

Status MemoryProposalRepository::Finish(ProposalId id, const std::string& worker,
                                        ProposalStatus status, std::string_view error,
                                        TimePoint now) {
  if (status != ProposalStatus::kFailed && status != ProposalStatus::kCancelled) {
    return Status::InvalidArgument("a run ends as failed or cancelled", "status");
  }
  std::lock_guard lock(mutex_);
  auto held = Held(id, worker);
  if (!held.ok()) return held.status();
  Row& row = **held;
  row.proposal.status = status;
  row.proposal.error = std::string(error);
  row.proposal.finished_at = now;
  row.claimed_by.clear();
  return Status::Ok();
}

Result<Proposal> MemoryProposalRepository::RequestCancel(ProposalId id, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = rows_.find(id.value);
  if (it == rows_.end()) return NoProposal(id);
  Proposal& p = it->second.proposal;
  if (p.status == ProposalStatus::kQueued) {
    p.status = ProposalStatus::kCancelled;
    p.cancel_requested = true;
    p.finished_at = now;
  } else if (p.status == ProposalStatus::kRunning) {
    p.cancel_requested = true;
  } else {
    return Conflict("only a queued or running proposal can be cancelled", "not_running");
  }
  return p;
}

Status MemoryProposalRepository::EditPairs(ProposalId id,
                                           const std::vector<std::string>& remove_mentees,
                                           const std::vector<domain::ProposalPair>& add,
                                           const std::vector<domain::ProposalUnmatched>& unmatched,
                                           const domain::ProposalSummary& summary) {
  std::lock_guard lock(mutex_);
  auto it = rows_.find(id.value);
  if (it == rows_.end()) return NoProposal(id);
  Row& row = it->second;
  if (row.proposal.status != ProposalStatus::kDone) {
    return Conflict("only a done proposal can be edited", "not_editable");
  }
  // Checked on a copy, so that a refused edit changes nothing.
  std::map<std::string, domain::ProposalPair> pairs = row.pairs;
  std::map<std::string, domain::ProposalUnmatched> left = row.unmatched;
  for (const std::string& mentee : remove_mentees) pairs.erase(mentee);
  for (const domain::ProposalPair& p : add) left.erase(p.mentee);
  for (const domain::ProposalUnmatched& u : unmatched) left.erase(u.mentee);
  for (const domain::ProposalPair& p : add) {
    if (!pairs.emplace(p.mentee, p).second) {
      return Status::Conflict("the mentee " + p.mentee + " has a pair already");
    }
  }
  for (const domain::ProposalUnmatched& u : unmatched) {
    if (!left.emplace(u.mentee, u).second) {
      return Status::Conflict("the mentee " + u.mentee + " is unmatched twice");
    }
  }
  row.pairs = std::move(pairs);
  row.unmatched = std::move(left);
  row.proposal.summary = summary;
  ++row.proposal.edits;
  return Status::Ok();
}

Result<std::vector<domain::Relationship>> MemoryProposalRepository::Publish(
    const domain::PublishPlan& plan) {
  std::lock_guard lock(mutex_);
  auto it = rows_.find(plan.proposal.value);
  if (it == rows_.end()) return NoProposal(plan.proposal);
  Proposal& p = it->second.proposal;
  if (p.program != plan.program) {
    return Status::InvalidArgument("the proposal is of another program", "program");
  }
  if (p.status == ProposalStatus::kPublished) {
    return Conflict("the proposal was published already", "already_published");
  }
  if (p.status != ProposalStatus::kDone) {
    return Conflict("only a done proposal can be published", "not_publishable");
  }
  if (p.kind == domain::ProposalKind::kFull) {
    for (const auto& [id, row] : rows_) {
      if (row.proposal.program == p.program && row.proposal.kind == domain::ProposalKind::kFull &&
          row.proposal.status == ProposalStatus::kPublished) {
        return Conflict("a full proposal of the program was published already",
                        "already_published");
      }
    }
  }
  auto created = relationships_.Apply(plan.program, plan.proposal, plan.end, plan.end_reason,
                                      plan.create, plan.now);
  if (!created.ok()) return created.status();
  for (const domain::MailMessage& m : plan.mails) {
    // The in-memory outbox cannot fail.
    (void)outbox_.Add(m, plan.now);
  }
  p.status = ProposalStatus::kPublished;
  p.published_by = plan.published_by;
  p.published_at = plan.now;
  return created;
}

}  // namespace pairwise::storage
