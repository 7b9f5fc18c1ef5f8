#include "domain/proposals/match_settings_service.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "domain/proposals/matching_text.h"

namespace pairwise::domain {

using matching_text::FullName;
using matching_text::Join;
using matching_text::RuleWords;

Result<SettingsView> MatchSettingsService::ViewOf(const Program& program,
                                                  const ApplicationForm& mentee_form,
                                                  const ApplicationForm& mentor_form,
                                                  MatchSettings settings, bool saved) {
  SettingsView view;
  view.defaults = DefaultMatchSettings(program, mentee_form, mentor_form);
  view.settings = std::move(settings);
  view.saved = saved;
  view.mentee_questions = mentee_form.questions;
  view.mentor_questions = mentor_form.questions;
  // Counted, not listed: a program may have thousands of participants.
  auto mentees = participants_.CountApproved(program.id, Side::kMentee);
  if (!mentees.ok()) return mentees.status();
  auto mentors = participants_.CountApproved(program.id, Side::kMentor);
  if (!mentors.ok()) return mentors.status();
  view.mentees = *mentees;
  view.mentors = *mentors;
  auto published = access_.IsPublished(program.id);
  if (!published.ok()) return published.status();
  view.published = *published;
  return view;
}

Result<SettingsView> MatchSettingsService::GetSettings(const Actor& actor, ProgramId id) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto forms = access_.Forms(id);
  if (!forms.ok()) return forms.status();
  const auto& [mentee_form, mentor_form] = *forms;
  auto stored = proposals_.FindSettings(id);
  if (!stored.ok()) return stored.status();
  const bool saved = stored->has_value();
  MatchSettings settings =
      saved ? **stored : DefaultMatchSettings(*program, mentee_form, mentor_form);
  return ViewOf(*program, mentee_form, mentor_form, std::move(settings), saved);
}

Result<SettingsView> MatchSettingsService::UpdateSettings(const Actor& actor, ProgramId id,
                                                          const SettingsChange& change) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto forms = access_.Forms(id);
  if (!forms.ok()) return forms.status();
  const auto& [mentee_form, mentor_form] = *forms;
  auto recorded = access_.CredentialsRecorded(clock_.Now());
  if (!recorded.ok()) return recorded.status();
  auto saved = proposals_.UpdateSettings(
      id, DefaultMatchSettings(*program, mentee_form, mentor_form),
      // The forms by init-capture: clang before 16 cannot capture a structured binding.
      [&, &mentee = mentee_form, &mentor = mentor_form](MatchSettings& settings) {
        settings = ApplySettingsChange(std::move(settings), change);
        return CheckMatchSettings(settings, *program, mentee, mentor, *recorded);
      },
      actor.employee_id, clock_.Now());
  if (!saved.ok()) return saved.status();
  RecordAudit(audit_, actor, "matching.settings", "program " + std::to_string(id.value), "");
  return ViewOf(*program, mentee_form, mentor_form, std::move(saved).value(), true);
}

Result<std::vector<ConstraintView>> MatchSettingsService::ListConstraints(const Actor& actor,
                                                                          ProgramId id) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto constraints = proposals_.ListConstraints(id);
  if (!constraints.ok()) return constraints.status();
  std::unordered_map<std::string, std::string> names;
  auto name = [&](const std::string& employee_id) -> Result<std::string> {
    if (auto it = names.find(employee_id); it != names.end()) return it->second;
    auto person = people_.FindPerson(employee_id);
    if (!person.ok() && person.status().code() != ErrorCode::kNotFound) return person.status();
    const std::string n = person.ok() ? FullName(*person) : employee_id;
    names.emplace(employee_id, n);
    return n;
  };
  std::vector<ConstraintView> out;
  for (PairConstraint& c : *constraints) {
    auto mentee = name(c.mentee);
    if (!mentee.ok()) return mentee.status();
    auto mentor = name(c.mentor);
    if (!mentor.ok()) return mentor.status();
    out.push_back(ConstraintView{std::move(c), *mentee, *mentor});
  }
  return out;
}

Result<ConstraintView> MatchSettingsService::PutConstraint(const Actor& actor, ProgramId id,
                                                           const std::string& mentee,
                                                           const std::string& mentor,
                                                           ConstraintKind kind) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  for (auto [who, side, field] : {std::tuple{&mentee, Side::kMentee, "mentee"},
                                  std::tuple{&mentor, Side::kMentor, "mentor"}}) {
    auto participant = participants_.FindParticipant(id, side, *who);
    if (!participant.ok()) return participant.status();
    if (!participant->has_value() || (*participant)->status != ApplicationStatus::kApproved) {
      return Status::InvalidArgument(
          *who + " is not an approved " + std::string(SideName(side)) + " of this program.", field);
    }
  }
  if (mentee == mentor) {
    return Status::InvalidArgument("A person cannot be their own mentor.", "mentor");
  }
  if (kind == ConstraintKind::kPin) {
    auto settings = access_.CurrentSettings(*program);
    if (!settings.ok()) return settings.status();
    bool chain = false;
    auto pair = scorer_.Score(*program, *settings, mentee, mentor, &chain);
    if (!pair.ok()) return pair.status();
    std::vector<std::string> broken;
    for (const std::string& rule : pair->broken_rules) {
      if (rule != "forbidden") broken.push_back(RuleWords(rule));
    }
    if (!broken.empty()) {
      return Status::InvalidArgument(
          "This pair breaks a hard rule of the program's match settings (" + Join(broken, ", ") +
              "), so it cannot be pinned.",
          "mentor");
    }
    auto capacity = programs_.EffectiveMentorCapacity(id, mentor);
    if (!capacity.ok()) return capacity.status();
    const int limit = program->type == ProgramType::kGroup && program->group
                          ? std::min(program->group->max_size, capacity->mentees)
                          : capacity->mentees;
    auto existing = proposals_.ListConstraints(id);
    if (!existing.ok()) return existing.status();
    int pins = 0;
    for (const PairConstraint& c : *existing) {
      if (c.kind == ConstraintKind::kPin && c.mentor == mentor && c.mentee != mentee) ++pins;
    }
    if (pins >= limit) {
      return Status::InvalidArgument(
          "This mentor's pins already fill their capacity (" + std::to_string(limit) + ").",
          "mentor");
    }
  }
  PairConstraint constraint;
  constraint.program = id;
  constraint.mentee = mentee;
  constraint.mentor = mentor;
  constraint.kind = kind;
  constraint.created_by = actor.employee_id;
  constraint.created_at = clock_.Now();
  auto stored = proposals_.PutConstraint(constraint);
  if (!stored.ok()) return stored.status();
  RecordAudit(audit_, actor, kind == ConstraintKind::kPin ? "matching.pin" : "matching.forbid",
              "program " + std::to_string(id.value), mentee + " - " + mentor);
  ConstraintView view;
  view.constraint = std::move(stored).value();
  for (auto [who, name] :
       {std::pair{&mentee, &view.mentee_name}, std::pair{&mentor, &view.mentor_name}}) {
    auto person = people_.FindPerson(*who);
    *name = person.ok() ? FullName(*person) : *who;
  }
  return view;
}

Status MatchSettingsService::DeleteConstraint(const Actor& actor, ProgramId id,
                                              const std::string& mentee,
                                              const std::string& mentor) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  PAIRWISE_RETURN_IF_ERROR(proposals_.DeleteConstraint(id, mentee, mentor));
  RecordAudit(audit_, actor, "matching.unconstrain", "program " + std::to_string(id.value),
              mentee + " - " + mentor);
  return Status::Ok();
}

}  // namespace pairwise::domain
