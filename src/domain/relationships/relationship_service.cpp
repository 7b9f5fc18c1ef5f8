#include "domain/relationships/relationship_service.h"

#include <utility>

#include "common/utf8.h"
#include "domain/access/access_policy.h"

namespace pairwise::domain {
namespace {

std::string FullName(const Person& p) { return p.first_name + " " + p.last_name; }

std::string RoleOf(const RelationshipRelations& r) {
  if (r.mentor) return "mentor";
  if (r.mentee) return "mentee";
  if (r.coordinator) return "coordinator";
  if (r.admin) return "admin";
  if (r.shadow_mentor) return "shadow_mentor";
  return "manager";
}

}  // namespace

Result<std::string> RelationshipService::NameOf(const std::string& employee_id, NameCache& cache) {
  auto cached = cache.people.find(employee_id);
  if (cached == cache.people.end()) {
    auto person = people_.FindPerson(employee_id);
    if (!person.ok() && person.status().code() != ErrorCode::kNotFound) return person.status();
    cached = cache.people.emplace(employee_id, person.ok() ? FullName(*person) : employee_id).first;
  }
  return cached->second;
}

Result<RelationshipView> RelationshipService::View(Relationship relationship,
                                                   const std::string& role, NameCache& cache) {
  RelationshipView view;
  auto program_name = cache.programs.find(relationship.program.value);
  if (program_name == cache.programs.end()) {
    auto program = programs_.FindProgram(relationship.program);
    if (!program.ok()) return program.status();
    program_name = cache.programs.emplace(relationship.program.value, program->name).first;
  }
  view.program_name = program_name->second;
  auto mentor = NameOf(relationship.mentor, cache);
  if (!mentor.ok()) return mentor.status();
  auto mentee = NameOf(relationship.mentee, cache);
  if (!mentee.ok()) return mentee.status();
  view.mentor_name = *mentor;
  view.mentee_name = *mentee;
  view.role = role;
  // The pair reads why they were paired written for them, not the coordinators' wording.
  if ((role == "mentor" || role == "mentee") && !relationship.explanation.empty()) {
    if (!cache.skills) {
      auto skills = people_.ListSkills();
      if (!skills.ok()) return skills.status();
      cache.skills.emplace();
      for (const Skill& s : *skills) (*cache.skills)[s.code] = s.name;
    }
    relationship.explanation =
        ExplanationForParticipant(relationship.explanation, role == "mentor", *cache.skills);
  }
  view.relationship = std::move(relationship);
  return view;
}

Result<std::vector<RelationshipView>> RelationshipService::ListMine(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto list = relationships_.ListForPerson(actor.employee_id);
  if (!list.ok()) return list.status();
  NameCache cache;
  std::vector<RelationshipView> out;
  for (Relationship& r : *list) {
    const std::string role = r.mentor == actor.employee_id ? "mentor" : "mentee";
    // No blame shown to the other side: only the side that ended it sees why.
    r.end_comment.clear();
    if (r.ended_by != actor.employee_id && r.end_reason != "completed") {
      r.end_reason = r.end_reason == "rematch" ? r.end_reason : "";
      r.ended_by.clear();
    }
    auto view = View(std::move(r), role, cache);
    if (!view.ok()) return view.status();
    out.push_back(std::move(view).value());
  }
  return out;
}

Result<Program> RelationshipService::CoordinatedProgram(const Actor& actor, ProgramId id) {
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

Result<ProgramRelationshipPage> RelationshipService::ListForProgram(
    const Actor& actor, ProgramId id, const RelationshipPageQuery& query) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto page = relationships_.ListProgramPage(id, query);
  if (!page.ok()) return page.status();
  NameCache cache;
  cache.programs.emplace(id.value, program->name);
  ProgramRelationshipPage out;
  out.total = page->total;
  for (Relationship& r : page->items) {
    auto view = View(std::move(r), "coordinator", cache);
    if (!view.ok()) return view.status();
    out.items.push_back(std::move(view).value());
  }
  return out;
}

Result<RelationshipContext> RelationshipService::Load(const Actor& actor, RelationshipId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto relationship = relationships_.FindRelationship(id);
  if (!relationship.ok()) return relationship.status();
  auto program = programs_.FindProgram(relationship->program);
  if (!program.ok()) return program.status();
  std::string managers[2];
  const std::string* sides[2] = {&relationship->mentor, &relationship->mentee};
  for (int i = 0; i < 2; ++i) {
    auto person = people_.FindPerson(*sides[i]);
    if (person.ok()) {
      managers[i] = person->manager_employee_id;
    } else if (person.status().code() != ErrorCode::kNotFound) {
      return person.status();
    }
  }
  RelationshipContext context;
  context.relations = RelationsTo(actor, *relationship, *program, managers[0], managers[1]);
  if (!context.relations.Any()) {
    return Status::NotFound("no relationship " + std::to_string(id.value));
  }
  context.relationship = std::move(relationship).value();
  context.program = std::move(program).value();
  return context;
}

Result<AgreementState> RelationshipService::AgreementOf(const RelationshipContext& context) {
  AgreementState state;
  auto stored = relationships_.FindAgreement(context.relationship.id);
  if (!stored.ok()) return stored.status();
  if (*stored) {
    const Agreement& a = **stored;
    state.terms = a.terms;
    state.version = a.version;
    state.mentor_accepted = a.mentor_accepted_at.has_value();
    state.mentee_accepted = a.mentee_accepted_at.has_value();
    state.adjusted_by = a.adjusted_by;
  } else {
    auto saved = relationships_.FindTemplate(context.program.id);
    if (!saved.ok()) return saved.status();
    state.terms = *saved ? (*saved)->terms : DefaultAgreementTemplate(context.program).terms;
  }
  if (context.relationship.activated_at) {
    state.end_date =
        AgreementEndDate(*context.relationship.activated_at, state.terms.length_months);
  }
  return state;
}

Result<RelationshipDetail> RelationshipService::Detail(const Actor& actor,
                                                       RelationshipContext context) {
  RelationshipDetail detail;
  const RelationshipRelations& rel = context.relations;
  const Relationship& r = context.relationship;
  detail.relations = rel;
  detail.program_type = context.program.type;
  detail.hours_per_month = context.program.mentor_capacity.hours_per_month;
  if (rel.Member() || rel.Overseer()) {
    auto agreement = AgreementOf(context);
    if (!agreement.ok()) return agreement.status();
    detail.face_to_face_suggested = context.program.type == ProgramType::kVirtual ||
                                    agreement->terms.mode == AgreementMode::kVirtual;
    detail.agreement = std::move(agreement).value();
  }
  NameCache cache;
  cache.programs.emplace(context.program.id.value, context.program.name);
  const bool ended_it = !r.ended_by.empty() && r.ended_by == actor.employee_id;
  if (!r.end_reason.empty() && (rel.Overseer() || ended_it)) {
    detail.end_reason = r.end_reason;
    if (!r.ended_by.empty()) {
      auto name = NameOf(r.ended_by, cache);
      if (!name.ok()) return name.status();
      detail.ended_by_name = *name;
    }
  }
  if (!r.end_reason.empty() && (rel.coordinator || rel.admin)) detail.end_comment = r.end_comment;
  auto view = View(std::move(context.relationship), RoleOf(rel), cache);
  if (!view.ok()) return view.status();
  detail.view = std::move(view).value();
  detail.view.relationship.end_comment.clear();  // only through end_comment above
  if (!rel.Overseer() && !ended_it) {
    detail.view.relationship.end_reason.clear();
    detail.view.relationship.ended_by.clear();
  }
  return detail;
}

Result<RelationshipDetail> RelationshipService::Get(const Actor& actor, RelationshipId id) {
  auto context = Load(actor, id);
  if (!context.ok()) return context.status();
  return Detail(actor, std::move(context).value());
}

Result<AgreementTemplate> RelationshipService::GetTemplate(const Actor& actor, ProgramId id) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto saved = relationships_.FindTemplate(id);
  if (!saved.ok()) return saved.status();
  if (*saved) return **saved;
  return DefaultAgreementTemplate(*program);
}

Result<AgreementTemplate> RelationshipService::SaveTemplate(const Actor& actor, ProgramId id,
                                                            const AgreementTerms& terms) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  PAIRWISE_RETURN_IF_ERROR(CheckAgreementTerms(terms));
  AgreementTemplate saved;
  saved.terms = terms;
  saved.updated_by = actor.employee_id;
  saved.updated_at = clock_.Now();
  PAIRWISE_RETURN_IF_ERROR(relationships_.SaveTemplate(id, saved));
  return saved;
}

Result<RelationshipDetail> RelationshipService::AcceptAgreement(const Actor& actor,
                                                                RelationshipId id, int version,
                                                                std::optional<int> cadence_days,
                                                                std::optional<AgreementMode> mode) {
  auto context = Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, *context));
  if (context->relationship.status != RelationshipStatus::kPendingAgreement) {
    return Status::Conflict("This agreement was settled already.").WithReason("not_pending");
  }
  auto state = AgreementOf(*context);
  if (!state.ok()) return state.status();
  if (version != state->version) {
    return Status::Conflict("The agreement changed meanwhile; read it again before accepting.")
        .WithReason("stale_agreement");
  }
  Agreement agreement;
  auto stored = relationships_.FindAgreement(id);
  if (!stored.ok()) return stored.status();
  if (*stored) agreement = **stored;
  agreement.relationship_id = id.value;
  agreement.terms = state->terms;
  AgreementTerms adjusted = state->terms;
  if (cadence_days) adjusted.cadence_days = *cadence_days;
  if (mode) adjusted.mode = *mode;
  PAIRWISE_RETURN_IF_ERROR(CheckAgreementTerms(adjusted));
  const TimePoint now = clock_.Now();
  const bool mentor = context->relations.mentor;
  if (adjusted != agreement.terms) {
    // New terms: the other side accepted the old ones only.
    agreement.terms = adjusted;
    agreement.adjusted_by = actor.employee_id;
    (mentor ? agreement.mentee_accepted_at : agreement.mentor_accepted_at).reset();
  }
  auto& mine = mentor ? agreement.mentor_accepted_at : agreement.mentee_accepted_at;
  if (!mine) mine = now;
  auto after = relationships_.SaveAgreement(agreement, version, now);
  if (!after.ok()) return after.status();
  context->relationship = std::move(after).value();
  return Detail(actor, std::move(context).value());
}

Result<RelationshipDetail> RelationshipService::End(const Actor& actor, RelationshipId id,
                                                    EndReason reason, const std::string& comment) {
  auto context = Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, *context));
  if (reason == EndReason::kRematch) {
    return Status::InvalidArgument("Choose why the relationship ends.", "reason");
  }
  const auto length = CountUtf8CodePoints(comment);
  if (!length || *length > kMaxEndCommentChars) {
    return Status::InvalidArgument(
        "Keep the comment under " + std::to_string(kMaxEndCommentChars) + " characters.",
        "comment");
  }
  RelationshipEnding ending;
  ending.reason = reason;
  ending.ended_by = actor.employee_id;
  ending.comment = comment;
  ending.at = clock_.Now();
  auto after = relationships_.End(id, ending);
  if (!after.ok()) return after.status();
  // The coordinators are told; the mail names the reason, never the comment (it stays in
  // Pairwise, behind the coordinator's sign-in).
  NameCache cache;
  auto mentor = NameOf(after->mentor, cache);
  auto mentee = NameOf(after->mentee, cache);
  if (mentor.ok() && mentee.ok()) {
    for (const std::string& coordinator : context->program.coordinators) {
      auto person = people_.FindPerson(coordinator);
      if (!person.ok()) continue;
      MailMessage mail;
      mail.to = person->email;
      mail.subject = "A relationship in " + context->program.name + " ended early";
      mail.text = "Hello " + person->first_name + ",\n\nThe relationship of " + *mentor +
                  " (mentor) and " + *mentee + " (mentee) in " + context->program.name +
                  " ended early. Reason: " + std::string(EndReasonLabel(reason)) +
                  ".\n\nYou can read the details and rematch the mentee: " + base_url_ +
                  "/relationships/" + std::to_string(id.value) + "\n";
      mail.kind = "relationship_ended";
      // The ending stands even if a mail cannot be queued; MailQueue logs its failures.
      (void)mail_.Enqueue(mail);
    }
  }
  context->relationship = std::move(after).value();
  return Detail(actor, std::move(context).value());
}

Result<RelationshipDetail> RelationshipService::MarkComplete(const Actor& actor,
                                                             RelationshipId id) {
  auto context = Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, *context));
  auto after = relationships_.MarkComplete(
      id, context->relations.mentor ? Side::kMentor : Side::kMentee, clock_.Now());
  if (!after.ok()) return after.status();
  context->relationship = std::move(after).value();
  return Detail(actor, std::move(context).value());
}

Result<Proposal> RelationshipService::RematchMentee(const Actor& actor, RelationshipId id) {
  auto context = Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireProgramCoordinator(*context));
  if (context->relationship.status != RelationshipStatus::kEndedEarly) {
    return Status::Conflict("Only a relationship that ended early can be rematched.")
        .WithReason("not_ended");
  }
  return matching_.StartRematch(actor, context->program.id, {context->relationship.mentee});
}

}  // namespace pairwise::domain
