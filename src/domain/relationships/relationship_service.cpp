#include "domain/relationships/relationship_service.h"

#include <spdlog/spdlog.h>

#include <utility>

#include "common/utf8.h"
#include "domain/access/access_policy.h"
#include "domain/relationships/ending_notice.h"

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

std::vector<std::pair<std::string, std::string>> RelationshipEventData(const Relationship& r) {
  std::vector<std::pair<std::string, std::string>> data = {
      {"relationship_id", std::to_string(r.id.value)},
      {"program_id", std::to_string(r.program.value)},
      {"mentor", r.mentor},
      {"mentee", r.mentee}};
  if (!r.end_reason.empty()) data.emplace_back("end_reason", r.end_reason);
  return data;
}

MailMessage EndingMailToCoordinator(const std::string& base_url, const Program& program,
                                    const std::string& coordinator_first_name,
                                    const std::string& coordinator_email, RelationshipId ended,
                                    const std::string& mentor_name, const std::string& mentee_name,
                                    EndReason reason) {
  MailMessage mail;
  mail.to = coordinator_email;
  mail.subject = "A relationship in " + program.name + " ended early";
  mail.text = "Hello " + coordinator_first_name + ",\n\nThe relationship of " + mentor_name +
              " (mentor) and " + mentee_name + " (mentee) in " + program.name +
              " ended early. Reason: " + std::string(EndReasonLabel(reason)) +
              ".\n\nYou can read the details and rematch the mentee: " + base_url +
              "/relationships/" + std::to_string(ended.value) + "\n";
  mail.kind = "relationship_ended";
  return mail;
}

namespace {
// No blame shown to the other side: a member who did not end the relationship reads neither why
// nor who nor the comment, in every list that can show them it, even when they also oversee the
// program. A completion or a rematch is no one's doing and stays.
void HideBlameFrom(Relationship& r, const std::string& reader) {
  r.end_comment.clear();
  if (r.ended_by != reader && r.end_reason != "completed") {
    if (r.end_reason != "rematch") r.end_reason.clear();
    r.ended_by.clear();
  }
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
  auto program = cache.programs.find(relationship.program.value);
  if (program == cache.programs.end()) {
    auto found = programs_.FindProgram(relationship.program);
    if (!found.ok()) return found.status();
    program =
        cache.programs.emplace(relationship.program.value, std::make_pair(found->name, found->type))
            .first;
  }
  view.program_name = program->second.first;
  view.program_type = program->second.second;
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
    HideBlameFrom(r, actor.employee_id);
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
  cache.programs.emplace(id.value, std::make_pair(program->name, program->type));
  ProgramRelationshipPage out;
  out.total = page->total;
  for (Relationship& r : page->items) {
    // A coordinator who is also in the pair reads it as a member does.
    if (r.mentor == actor.employee_id || r.mentee == actor.employee_id) {
      HideBlameFrom(r, actor.employee_id);
    }
    auto view = View(std::move(r), "coordinator", cache);
    if (!view.ok()) return view.status();
    out.items.push_back(std::move(view).value());
  }
  if (counts_ != nullptr && !out.items.empty()) {
    std::vector<RelationshipId> ids;
    for (const RelationshipView& v : out.items) ids.push_back(v.relationship.id);
    auto counts = counts_->LoadCounts(ids);
    if (!counts.ok()) return counts.status();
    for (std::size_t i = 0; i < out.items.size(); ++i) out.items[i].counts = (*counts)[i];
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
  cache.programs.emplace(context.program.id.value,
                         std::make_pair(context.program.name, context.program.type));
  const bool ended_it = !r.ended_by.empty() && r.ended_by == actor.employee_id;
  // No blame shown to the other side: a member who did not end it reads neither why nor who,
  // even when they also oversee the program (an admin, its coordinator).
  const bool sees_why = ended_it || (rel.Overseer() && !rel.Member());
  if (!r.end_reason.empty() && sees_why) {
    detail.end_reason = r.end_reason;
    if (!r.ended_by.empty()) {
      auto name = NameOf(r.ended_by, cache);
      if (!name.ok()) return name.status();
      detail.ended_by_name = *name;
    }
  }
  if (!r.end_reason.empty() && (rel.coordinator || rel.admin) && sees_why) {
    detail.end_comment = r.end_comment;
  }
  auto view = View(std::move(context.relationship), RoleOf(rel), cache);
  if (!view.ok()) return view.status();
  detail.view = std::move(view).value();
  detail.view.relationship.end_comment.clear();  // only through end_comment above
  if (!sees_why) {
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
  // Once both accepted, the relationship is active and has a health from the start.
  if (activity_) activity_->RelationshipChanged(id);
  if (after->status == RelationshipStatus::kActive &&
      context->relationship.status != RelationshipStatus::kActive) {
    PublishEvent(events_, "relationship.started", RelationshipEventData(*after));
  }
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
  TellCoordinatorsOfEnding(context->program, *after, reason);
  PublishEvent(events_, "relationship.ended", RelationshipEventData(*after));
  context->relationship = std::move(after).value();
  return Detail(actor, std::move(context).value());
}

Result<std::vector<Relationship>> RelationshipService::GroupRelationships(
    const RelationshipContext& context) {
  // The mentor's relationships in the program, by the (program, mentor) index, page by page.
  RelationshipPageQuery query;
  query.person = context.relationship.mentor;
  query.limit = kMaxRelationshipPageSize;
  std::vector<Relationship> out;
  for (;;) {
    auto page = relationships_.ListProgramPage(context.program.id, query);
    if (!page.ok()) return page.status();
    for (Relationship& r : page->items) {
      if (r.mentor == context.relationship.mentor && r.status != RelationshipStatus::kEndedEarly) {
        out.push_back(std::move(r));
      }
    }
    query.offset += static_cast<int64_t>(page->items.size());
    if (page->items.empty() || query.offset >= page->total) break;
  }
  return out;
}

Result<RelationshipGroup> RelationshipService::GetGroup(const Actor& actor, RelationshipId id) {
  auto context = Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireGroupVisible(actor, *context));
  auto members = GroupRelationships(*context);
  if (!members.ok()) return members.status();
  NameCache cache;
  RelationshipGroup group;
  group.program = context->program.id;
  group.program_name = context->program.name;
  group.mentor = context->relationship.mentor;
  group.max_size = context->program.group ? context->program.group->max_size : 0;
  auto mentor_name = NameOf(group.mentor, cache);
  if (!mentor_name.ok()) return mentor_name.status();
  group.mentor_name = std::move(mentor_name).value();
  const bool sees_relationships = context->relations.mentor || context->relations.Overseer();
  for (const Relationship& r : *members) {
    auto name = NameOf(r.mentee, cache);
    if (!name.ok()) return name.status();
    group.mentees.push_back(GroupMember{r.mentee, std::move(name).value(),
                                        sees_relationships ? r.id : RelationshipId(), r.status});
  }
  return group;
}

void RelationshipService::TellCoordinatorsOfEnding(const Program& program,
                                                   const Relationship& ended, EndReason reason) {
  // The mail names the reason, never the comment (it stays in Pairwise, behind the
  // coordinator's sign-in).
  NameCache cache;
  auto mentor = NameOf(ended.mentor, cache);
  auto mentee = NameOf(ended.mentee, cache);
  if (!mentor.ok() || !mentee.ok()) return;
  for (const std::string& coordinator : program.coordinators) {
    auto person = people_.FindPerson(coordinator);
    if (!person.ok()) continue;
    // The ending stands even if a mail cannot be queued; MailQueue logs its failures.
    (void)mail_.Enqueue(EndingMailToCoordinator(base_url_, program, person->first_name,
                                                person->email, ended.id, *mentor, *mentee, reason));
  }
}

void RelationshipService::PeopleLeft(const std::vector<std::string>& employee_ids) {
  (void)EndRelationshipsOfLeavers(employee_ids);
}

int RelationshipService::EndRelationshipsOfLeavers(const std::vector<std::string>& employee_ids) {
  int ended_count = 0;
  const TimePoint now = clock_.Now();
  for (const std::string& employee_id : employee_ids) {
    auto theirs = relationships_.ListForPerson(employee_id);
    if (!theirs.ok()) {
      spdlog::error("cannot end the relationships of {}, who left: {}", employee_id,
                    theirs.status().ToString());
      continue;
    }
    for (const Relationship& relationship : *theirs) {
      if (!IsInForce(relationship.status)) continue;
      RelationshipEnding ending;
      ending.reason = EndReason::kLeftOrganization;
      ending.ended_by = employee_id;
      ending.at = now;
      auto ended = relationships_.End(relationship.id, ending);
      if (!ended.ok()) {
        // Ended meanwhile (a second server told of the same departure, or the pair): nothing
        // left to do.
        if (ended.status().reason() == "not_in_force") continue;
        spdlog::error("cannot end relationship {} of {}, who left: {}", relationship.id.value,
                      employee_id, ended.status().ToString());
        continue;
      }
      ++ended_count;
      auto program = programs_.FindProgram(ended->program);
      if (program.ok()) TellCoordinatorsOfEnding(*program, *ended, ending.reason);
      PublishEvent(events_, "relationship.ended", RelationshipEventData(*ended));
    }
  }
  return ended_count;
}

Result<RelationshipDetail> RelationshipService::MarkComplete(const Actor& actor,
                                                             RelationshipId id) {
  auto context = Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, *context));
  auto after = relationships_.MarkComplete(
      id, context->relations.mentor ? Side::kMentor : Side::kMentee, clock_.Now());
  if (!after.ok()) return after.status();
  if (after->status == RelationshipStatus::kCompleted &&
      context->relationship.status != RelationshipStatus::kCompleted) {
    PublishEvent(events_, "relationship.ended", RelationshipEventData(*after));
  }
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

Result<Proposal> RelationshipService::ReplaceMentor(const Actor& actor, RelationshipId id,
                                                    const std::string& comment) {
  auto context = Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireProgramCoordinator(*context));
  if (!IsInForce(context->relationship.status)) {
    return Status::Conflict("This relationship has already ended.").WithReason("not_in_force");
  }
  RelationshipEnding ending;
  // "No time" is the kindest true reason on record: the mentor did not find the time to answer.
  ending.reason = EndReason::kNoTime;
  ending.ended_by = actor.employee_id;
  ending.comment = comment;
  ending.at = clock_.Now();
  auto ended = relationships_.End(id, ending);
  if (!ended.ok()) return ended.status();
  TellMentorOfReplacement(context->program, *ended);
  // Ended as any other ending: only the call whose End changed the row gets here, so once.
  PublishEvent(events_, "relationship.ended", RelationshipEventData(*ended));
  return matching_.StartRematch(actor, context->program.id, {ended->mentee});
}

void RelationshipService::TellMentorOfReplacement(const Program& program,
                                                  const Relationship& ended) {
  NameCache cache;
  auto mentee = NameOf(ended.mentee, cache);
  auto mentor = people_.FindPerson(ended.mentor);
  if (!mentee.ok() || !mentor.ok()) return;
  MailMessage mail;
  mail.to = mentor->email;
  mail.subject = "Your mentoring of " + *mentee + " in " + program.name;
  mail.text = "Hello " + mentor->first_name + ",\n\nThank you for taking on " + *mentee +
              " as a mentee in " + program.name +
              ". We know time gets short, and we have not heard from you for a while, so we "
              "have found " +
              *mentee +
              " another mentor and ended your relationship in Pairwise. Nothing is held against "
              "you, and nothing more is needed from you.\n\nIf you have the time again later, "
              "you are very welcome back in the program. Thank you for your help.\n";
  mail.kind = "relationship_mentor_replaced";
  // The ending stands even if the mail cannot be queued; MailQueue logs its failures.
  (void)mail_.Enqueue(mail);
}

}  // namespace pairwise::domain
