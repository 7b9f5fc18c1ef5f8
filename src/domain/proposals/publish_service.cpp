#include "domain/proposals/publish_service.h"

#include <chrono>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/mail/mail_service.h"
#include "domain/proposals/matching_text.h"

namespace pairwise::domain {

using matching_text::FullName;
using matching_text::Join;

PublishPreview CountsOf(const PublishPlan& plan) {
  PublishPreview counts;
  counts.relationships = static_cast<int>(plan.create.size());
  counts.ended = static_cast<int>(plan.end.size());
  counts.mails = static_cast<int>(plan.mails.size());
  return counts;
}

Result<PublishPlan> PublishService::PlanPublish(const Program& program, const Proposal& proposal,
                                                const std::string& published_by) {
  auto pairs = proposals_.ListPairs(proposal.id);
  if (!pairs.ok()) return pairs.status();
  PublishPlan plan;
  plan.proposal = proposal.id;
  plan.program = program.id;
  plan.published_by = published_by;
  plan.now = clock_.Now();
  plan.end_reason = "rematch";
  if (proposal.kind == ProposalKind::kRematch) {
    auto active = relationships_.ListForProgram(program.id, /*active_only=*/true);
    if (!active.ok()) return active.status();
    const std::set<std::string> freed(proposal.freed.begin(), proposal.freed.end());
    for (const Relationship& r : *active) {
      if (freed.contains(r.mentee) || freed.contains(r.mentor)) plan.end.push_back(r.id);
    }
  }
  // Everyone the mails go to: the pairs and their managers.
  std::unordered_map<std::string, Person> people;
  auto person_of = [&](const std::string& employee_id) -> Result<const Person*> {
    if (auto it = people.find(employee_id); it != people.end()) return &it->second;
    auto person = people_.FindPerson(employee_id);
    if (!person.ok()) {
      if (person.status().code() != ErrorCode::kNotFound) return person.status();
      return static_cast<const Person*>(nullptr);
    }
    return &people.emplace(employee_id, std::move(person).value()).first->second;
  };
  const std::string link = base_url_ + "/mentoring";
  // The pair reads why they were paired written for them (skills and languages by name, nothing
  // of the coordinators' business), as on their relationship page.
  auto skills = people_.ListSkills();
  if (!skills.ok()) return skills.status();
  std::unordered_map<std::string, std::string> skill_names;
  for (const Skill& s : *skills) skill_names[s.code] = s.name;
  auto why = [&](const ProposalPair& p, bool for_mentor) {
    std::string text = ExplanationForParticipant(p.explanation, for_mentor, skill_names);
    return text.empty() ? std::string("The program's coordinators paired you.") : text;
  };
  std::vector<MailMessage> mails;
  std::map<std::string, std::vector<const ProposalPair*>> by_mentor;
  std::map<std::string, std::vector<std::string>> reports_of;  // manager -> lines
  for (const ProposalPair& p : *pairs) {
    Relationship r;
    r.program = program.id;
    r.mentor = p.mentor;
    r.mentee = p.mentee;
    r.proposal = proposal.id;
    r.score = static_cast<int>(p.score);
    r.explanation = p.explanation;
    r.started_at = plan.now;
    plan.create.push_back(std::move(r));
    by_mentor[p.mentor].push_back(&p);
    auto mentee = person_of(p.mentee);
    if (!mentee.ok()) return mentee.status();
    if (*mentee == nullptr) continue;
    mails.push_back(MailMessage{(*mentee)->email, "Your mentor in " + program.name,
                                "Hello " + (*mentee)->first_name + ",\n\n" + p.mentor_info.name +
                                    " will be your mentor in " + program.name +
                                    ".\nWhy you were paired: " + why(p, false) +
                                    "\n\nSee your mentoring relationships: " + link + "\n",
                                "match_published"});
    if (!(*mentee)->manager_employee_id.empty()) {
      reports_of[(*mentee)->manager_employee_id].push_back(FullName(**mentee) + " (as a mentee)");
    }
  }
  for (const auto& [mentor_id, mentor_pairs] : by_mentor) {
    auto mentor = person_of(mentor_id);
    if (!mentor.ok()) return mentor.status();
    if (*mentor == nullptr) continue;
    std::string lines;
    for (const ProposalPair* p : mentor_pairs) {
      lines += "- " + p->mentee_info.name + ": " + why(*p, true) + "\n";
    }
    mails.push_back(MailMessage{(*mentor)->email, "Your mentees in " + program.name,
                                "Hello " + (*mentor)->first_name + ",\n\nYou will mentor in " +
                                    program.name + ":\n" + lines +
                                    "\nSee your mentoring relationships: " + link + "\n",
                                "match_published"});
    if (!(*mentor)->manager_employee_id.empty()) {
      reports_of[(*mentor)->manager_employee_id].push_back(FullName(**mentor) + " (as a mentor)");
    }
  }
  for (const auto& [manager_id, lines] : reports_of) {
    auto manager = person_of(manager_id);
    if (!manager.ok()) return manager.status();
    if (*manager == nullptr) continue;
    mails.push_back(MailMessage{
        (*manager)->email, "Your team in " + program.name,
        "Hello " + (*manager)->first_name + ",\n\nThese people in your team take part in " +
            program.name + ", which asks about " +
            std::to_string(program.mentor_capacity.hours_per_month) +
            " hours a month of their time:\n- " + Join(lines, "\n- ") + "\n",
        "match_published_manager"});
  }
  // The mails are queued in the publish transaction (so they exist if and only if the
  // relationships do), after the checks every other mail passes on its way into the outbox.
  plan.mails = MailService::Sendable(std::move(mails));
  return plan;
}

Result<PublishPreview> PublishService::PreviewPublish(const Actor& actor, ProgramId id,
                                                      ProposalId proposal) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto found = access_.ProgramProposal(id, proposal);
  if (!found.ok()) return found.status();
  auto plan = PlanPublish(*program, *found, actor.employee_id);
  if (!plan.ok()) return plan.status();
  PublishPreview preview = CountsOf(*plan);
  // What changed since the run, so that the coordinator does not publish a stale proposal
  // unawares (a what-if run differs from the saved settings by design).
  auto current = access_.CurrentSettings(*program);
  if (!current.ok()) return current.status();
  preview.changed_settings = DifferingSettings(found->settings, *current);
  preview.what_if = found->what_if;
  auto constraints = proposals_.ListConstraints(id);
  if (!constraints.ok()) return constraints.status();
  std::set<std::pair<std::string, std::string>> proposed;
  for (const Relationship& r : plan->create) proposed.emplace(r.mentee, r.mentor);
  for (const PairConstraint& c : *constraints) {
    const bool there = proposed.contains({c.mentee, c.mentor});
    if (c.kind == ConstraintKind::kPin && !there) ++preview.pins_missing;
    if (c.kind == ConstraintKind::kForbid && there) ++preview.forbids_present;
  }
  preview.enrollment_open =
      IsEnrollmentOpen(*program, Date(std::chrono::floor<std::chrono::days>(clock_.Now())));
  return preview;
}

Result<PublishPreview> PublishService::Publish(const Actor& actor, ProgramId id,
                                               ProposalId proposal, bool what_if_confirmed) {
  auto program = access_.CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto found = access_.ProgramProposal(id, proposal);
  if (!found.ok()) return found.status();
  if (found->status != ProposalStatus::kDone) {
    return Status::Conflict("Only a finished, unpublished proposal can be published.")
        .WithReason("not_publishable");
  }
  if (found->what_if && !what_if_confirmed) {
    return Status::Conflict(
               "This proposal comes from a what-if run, with settings that were never saved. "
               "Publish it only if you mean to, and say so.")
        .WithReason("what_if_run");
  }
  auto plan = PlanPublish(*program, *found, actor.employee_id);
  if (!plan.ok()) return plan.status();
  auto created = proposals_.Publish(*plan);
  if (!created.ok()) return created.status();
  RecordAudit(audit_, actor, "matching.publish", "program " + std::to_string(id.value),
              "proposal " + std::to_string(proposal.value) + ": " +
                  std::to_string(created->size()) + " relationships, " +
                  std::to_string(plan->mails.size()) + " mails");
  PublishPreview done = CountsOf(*plan);
  done.relationships = static_cast<int>(created->size());
  return done;
}

}  // namespace pairwise::domain
