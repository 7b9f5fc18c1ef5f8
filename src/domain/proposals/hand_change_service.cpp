#include "domain/proposals/hand_change_service.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "domain/proposals/matching_text.h"
#include "domain/proposals/proposal_figures.h"

namespace pairwise::domain {
namespace {

using matching_text::Join;
using matching_text::RuleWords;

// Ranked mentors of one application under the settings' mapping.
std::vector<std::string> RankedMentors(const Answers& answers, const MatchSettings& settings) {
  if (settings.ranked_mentors_question.empty()) return {};
  auto it = answers.find(settings.ranked_mentors_question);
  return it == answers.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace

Result<ChangePreview> HandChangeService::Plan(const Program& program, const Proposal& proposal,
                                              const PairChange& change,
                                              std::vector<ProposalPair>& pairs,
                                              std::vector<ProposalUnmatched>& unmatched) {
  if (proposal.status != ProposalStatus::kDone) {
    return Status::Conflict("Only a finished, unpublished proposal can be changed by hand.")
        .WithReason("not_editable");
  }
  auto listed = proposals_.ListPairs(proposal.id);
  if (!listed.ok()) return listed.status();
  pairs = std::move(listed).value();
  auto left = proposals_.ListUnmatched(proposal.id);
  if (!left.ok()) return left.status();
  unmatched = std::move(left).value();
  std::unordered_map<std::string, const ProposalPair*> pair_of;
  std::unordered_map<std::string, int> load;
  for (const ProposalPair& p : pairs) {
    pair_of.emplace(p.mentee, &p);
    ++load[p.mentor];
  }
  auto in_proposal = [&](const std::string& mentee) {
    return pair_of.contains(mentee) ||
           std::any_of(unmatched.begin(), unmatched.end(),
                       [&](const ProposalUnmatched& u) { return u.mentee == mentee; });
  };
  if (!in_proposal(change.mentee)) {
    return Status::InvalidArgument(change.mentee + " is not a mentee of this proposal.", "mentee");
  }
  auto name_of = [&](const std::string& mentee) -> std::string {
    if (auto it = pair_of.find(mentee); it != pair_of.end()) return it->second->mentee_info.name;
    for (const ProposalUnmatched& u : unmatched) {
      if (u.mentee == mentee) return u.mentee_info.name;
    }
    return mentee;
  };
  ChangePreview preview;
  // (mentee, new mentor) moves.
  std::vector<std::pair<std::string, std::string>> moves;
  if (!change.swap_with.empty()) {
    auto a = pair_of.find(change.mentee);
    auto b = pair_of.find(change.swap_with);
    if (b == pair_of.end()) {
      return Status::InvalidArgument(change.swap_with + " has no mentor in this proposal to swap.",
                                     "swap_with");
    }
    if (a == pair_of.end()) {
      return Status::InvalidArgument(change.mentee + " has no mentor in this proposal to swap.",
                                     "mentee");
    }
    if (a->second->mentor == b->second->mentor) {
      return Status::InvalidArgument("Both mentees have the same mentor.", "swap_with");
    }
    moves = {{change.mentee, b->second->mentor}, {change.swap_with, a->second->mentor}};
  } else {
    if (!change.mentor.empty()) {
      auto participant = participants_.FindParticipant(program.id, Side::kMentor, change.mentor);
      if (!participant.ok()) return participant.status();
      if (!participant->has_value() || (*participant)->status != ApplicationStatus::kApproved) {
        return Status::InvalidArgument(
            change.mentor + " is not an approved mentor of this program.", "mentor");
      }
      if (auto it = pair_of.find(change.mentee);
          it != pair_of.end() && it->second->mentor == change.mentor) {
        return Status::InvalidArgument("That is already this mentee's mentor.", "mentor");
      }
    } else if (!pair_of.contains(change.mentee)) {
      return Status::InvalidArgument("This mentee is already unmatched.", "mentor");
    }
    moves = {{change.mentee, change.mentor}};
  }
  std::set<std::string> broken;
  for (const auto& [mentee, mentor] : moves) {
    ChangeEffect effect;
    effect.mentee = mentee;
    effect.mentee_name = name_of(mentee);
    if (auto it = pair_of.find(mentee); it != pair_of.end()) {
      effect.from_mentor = it->second->mentor;
      effect.from_mentor_name = it->second->mentor_info.name;
      effect.score_before = it->second->score;
      preview.total_before += it->second->score;
    }
    effect.to_mentor = mentor;
    if (!mentor.empty()) {
      bool chain = false;
      auto pair = scorer_.Score(program, proposal.settings, mentee, mentor, &chain);
      if (!pair.ok()) return pair.status();
      pair->manual = true;
      effect.to_mentor_name = pair->mentor_info.name;
      preview.total_after += pair->score;
      broken.insert(pair->broken_rules.begin(), pair->broken_rules.end());
      if (chain) {
        preview.refusal = pair->mentee_info.name + " and " + pair->mentor_info.name +
                          " are in the same management chain; a mentor is never in the "
                          "mentee's chain.";
      }
      effect.after = std::move(pair).value();
    }
    preview.effects.push_back(std::move(effect));
  }
  if (change.swap_with.empty() && !change.mentor.empty() && preview.refusal.empty()) {
    auto capacity = programs_.EffectiveMentorCapacity(program.id, change.mentor);
    if (!capacity.ok()) return capacity.status();
    const int limit = program.type == ProgramType::kGroup && program.group
                          ? std::min(program.group->max_size, capacity->mentees)
                          : capacity->mentees;
    if (load[change.mentor] + 1 > limit) {
      preview.refusal = preview.effects.front().to_mentor_name + " already has " +
                        std::to_string(load[change.mentor]) + " mentees, their capacity (" +
                        std::to_string(limit) + "). Move one of them first, or swap.";
    }
  }
  preview.broken_rules.assign(broken.begin(), broken.end());
  return preview;
}

Result<ChangePreview> HandChangeService::PreviewChange(const Actor& actor, ProgramId id,
                                                       ProposalId proposal,
                                                       const PairChange& change) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto found = access_.ProgramProposal(id, proposal);
  if (!found.ok()) return found.status();
  std::vector<ProposalPair> pairs;
  std::vector<ProposalUnmatched> unmatched;
  return Plan(*program, *found, change, pairs, unmatched);
}

Result<ChangePreview> HandChangeService::ApplyChange(const Actor& actor, ProgramId id,
                                                     ProposalId proposal, const PairChange& change,
                                                     bool accept_broken_rules) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto found = access_.ProgramProposal(id, proposal);
  if (!found.ok()) return found.status();
  std::vector<ProposalPair> pairs;
  std::vector<ProposalUnmatched> unmatched;
  auto preview = Plan(*program, *found, change, pairs, unmatched);
  if (!preview.ok()) return preview.status();
  if (!preview->refusal.empty()) {
    return Status::Conflict(preview->refusal).WithReason("change_refused");
  }
  if (!preview->broken_rules.empty() && !accept_broken_rules) {
    std::vector<std::string> words;
    for (const std::string& rule : preview->broken_rules) words.push_back(RuleWords(rule));
    return Status::Conflict("This change breaks a hard rule (" + Join(words, ", ") +
                            "); confirm to make it anyway.")
        .WithReason("confirm_broken_rules");
  }
  std::vector<std::string> remove;
  std::vector<ProposalPair> add;
  std::vector<ProposalUnmatched> now_unmatched;
  std::set<std::string> moved;
  for (const ChangeEffect& e : preview->effects) {
    remove.push_back(e.mentee);
    moved.insert(e.mentee);
    if (e.after) {
      add.push_back(*e.after);
    } else {
      ProposalUnmatched u;
      u.mentee = e.mentee;
      for (const ProposalPair& p : pairs) {
        if (p.mentee == e.mentee) u.mentee_info = p.mentee_info;
      }
      u.reason = "manual";
      u.explanation = "left without a mentor by hand";
      now_unmatched.push_back(std::move(u));
    }
  }
  // The summary after the change; ranked choices are recounted for the moved mentees only.
  std::vector<ProposalPair> after;
  for (ProposalPair& p : pairs) {
    if (!moved.contains(p.mentee)) after.push_back(p);
  }
  after.insert(after.end(), add.begin(), add.end());
  int unmatched_after = 0;
  for (const ProposalUnmatched& u : unmatched) {
    if (!moved.contains(u.mentee)) ++unmatched_after;
  }
  unmatched_after += static_cast<int>(now_unmatched.size());
  ProposalSummary summary =
      Summarize(after, unmatched_after, found->summary.mentors, {}, found->summary);
  summary.ranked_honoured = found->summary.ranked_honoured;
  summary.first_choice = found->summary.first_choice;
  summary.mentees_with_ranking = found->summary.mentees_with_ranking;
  for (const ChangeEffect& e : preview->effects) {
    auto participant = participants_.FindParticipant(id, Side::kMentee, e.mentee);
    if (!participant.ok()) return participant.status();
    if (!participant->has_value()) continue;
    auto application = applications_.FindApplication((*participant)->application);
    if (!application.ok()) return application.status();
    const std::vector<std::string> ranked = RankedMentors(application->answers, found->settings);
    auto count = [&](const std::string& mentor, int sign) {
      if (mentor.empty()) return;
      auto at = std::find(ranked.begin(), ranked.end(), mentor);
      if (at == ranked.end()) return;
      summary.ranked_honoured += sign;
      if (at == ranked.begin()) summary.first_choice += sign;
    };
    count(e.from_mentor, -1);
    count(e.to_mentor, +1);
  }
  PAIRWISE_RETURN_IF_ERROR(proposals_.EditPairs(proposal, remove, add, now_unmatched, summary));
  std::string detail;
  for (const ChangeEffect& e : preview->effects) {
    if (!detail.empty()) detail += "; ";
    detail += e.mentee + ": " + (e.from_mentor.empty() ? "-" : e.from_mentor) + " -> " +
              (e.to_mentor.empty() ? "-" : e.to_mentor);
  }
  RecordAudit(audit_, actor, "matching.edit", "proposal " + std::to_string(proposal.value), detail);
  return preview;
}

}  // namespace pairwise::domain
