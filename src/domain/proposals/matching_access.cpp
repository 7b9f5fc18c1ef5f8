#include "domain/proposals/matching_access.h"

#include "domain/access/access_policy.h"

namespace pairwise::domain {

Result<Program> MatchingAccess::CoordinatedProgram(const Actor& actor, ProgramId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor)) {
    return Status::NotFound("no program " + std::to_string(id.value));
  }
  if (!IsProgramCoordinator(*program, actor)) {
    return Status::Forbidden("only the program's coordinators may do this");
  }
  return program;
}

Result<Proposal> MatchingAccess::ProgramProposal(ProgramId program, ProposalId id) {
  auto proposal = proposals_.FindProposal(id);
  if (!proposal.ok()) return proposal.status();
  if (proposal->program != program) {
    return Status::NotFound("no proposal " + std::to_string(id.value));
  }
  return proposal;
}

Result<bool> MatchingAccess::IsPublished(ProgramId program) {
  auto list = proposals_.ListProposals(program);
  if (!list.ok()) return list.status();
  for (const Proposal& p : *list) {
    if (p.kind == ProposalKind::kFull && p.status == ProposalStatus::kPublished) return true;
  }
  return false;
}

Result<MatchSettings> MatchingAccess::CurrentSettings(const Program& program) {
  auto stored = proposals_.FindSettings(program.id);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return std::move(**stored);
  auto forms = Forms(program.id);
  if (!forms.ok()) return forms.status();
  return DefaultMatchSettings(program, forms->first, forms->second);
}

Result<std::pair<ApplicationForm, ApplicationForm>> MatchingAccess::Forms(ProgramId id) {
  auto mentee_form = applications_.FindForm(id, Side::kMentee);
  if (!mentee_form.ok()) return mentee_form.status();
  auto mentor_form = applications_.FindForm(id, Side::kMentor);
  if (!mentor_form.ok()) return mentor_form.status();
  return std::pair(std::move(mentee_form).value(), std::move(mentor_form).value());
}

}  // namespace pairwise::domain
