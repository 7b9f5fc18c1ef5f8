#include "domain/proposals/matching_service.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "domain/access/access_policy.h"
#include "matching/engine.h"

namespace pairwise::domain {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string FullName(const Person& p) { return p.first_name + " " + p.last_name; }

Status NoProposal(ProposalId id) {
  return Status::NotFound("no proposal " + std::to_string(id.value));
}

template <typename T>
std::string Join(const std::vector<T>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string RuleWords(const std::string& rule_name) {
  for (int r = 0; r < matching::kHardRuleCount; ++r) {
    const auto rule = static_cast<matching::HardRule>(r);
    if (matching::HardRuleName(rule) == rule_name)
      return std::string(matching::HardRuleWords(rule));
  }
  return rule_name;
}

// Ranked mentors of one application under the settings' mapping.
std::vector<std::string> RankedMentors(const Answers& answers, const MatchSettings& settings) {
  if (settings.ranked_mentors_question.empty()) return {};
  auto it = answers.find(settings.ranked_mentors_question);
  return it == answers.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace

void MatchingService::Audit(const Actor& actor, std::string action, std::string target,
                            std::string detail) {
  RecordAudit(audit_, actor, std::move(action), std::move(target), std::move(detail));
}

Result<Program> MatchingService::CoordinatedProgram(const Actor& actor, ProgramId id) {
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

Result<Proposal> MatchingService::ProgramProposal(ProgramId program, ProposalId id) {
  auto proposal = proposals_.FindProposal(id);
  if (!proposal.ok()) return proposal.status();
  if (proposal->program != program) return NoProposal(id);
  return proposal;
}

Result<bool> MatchingService::IsPublished(ProgramId program) {
  auto list = proposals_.ListProposals(program);
  if (!list.ok()) return list.status();
  for (const Proposal& p : *list) {
    if (p.kind == ProposalKind::kFull && p.status == ProposalStatus::kPublished) return true;
  }
  return false;
}

Result<MatchSettings> MatchingService::CurrentSettings(const Program& program) {
  auto stored = proposals_.FindSettings(program.id);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return std::move(**stored);
  auto forms = Forms(program.id);
  if (!forms.ok()) return forms.status();
  return DefaultMatchSettings(program, forms->first, forms->second);
}

PersonSnapshot MatchingService::Snapshot(const Person& person,
                                         const std::vector<Department>& departments,
                                         const std::vector<Site>& sites) const {
  PersonSnapshot s;
  s.name = FullName(person);
  s.level = person.level;
  for (const Department& d : departments) {
    if (d.code == person.department) s.department = d.name;
  }
  for (const Site& site : sites) {
    if (site.code == person.site) s.site = site.name;
  }
  return s;
}

// ---- settings, pins and forbids ----

Result<std::pair<ApplicationForm, ApplicationForm>> MatchingService::Forms(ProgramId id) {
  auto mentee_form = applications_.FindForm(id, Side::kMentee);
  if (!mentee_form.ok()) return mentee_form.status();
  auto mentor_form = applications_.FindForm(id, Side::kMentor);
  if (!mentor_form.ok()) return mentor_form.status();
  return std::pair(std::move(mentee_form).value(), std::move(mentor_form).value());
}

Result<SettingsView> MatchingService::ViewOf(const Program& program,
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
  auto published = IsPublished(program.id);
  if (!published.ok()) return published.status();
  view.published = *published;
  return view;
}

Result<SettingsView> MatchingService::GetSettings(const Actor& actor, ProgramId id) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto forms = Forms(id);
  if (!forms.ok()) return forms.status();
  const auto& [mentee_form, mentor_form] = *forms;
  auto stored = proposals_.FindSettings(id);
  if (!stored.ok()) return stored.status();
  const bool saved = stored->has_value();
  MatchSettings settings =
      saved ? **stored : DefaultMatchSettings(*program, mentee_form, mentor_form);
  return ViewOf(*program, mentee_form, mentor_form, std::move(settings), saved);
}

Result<SettingsView> MatchingService::UpdateSettings(const Actor& actor, ProgramId id,
                                                     const SettingsChange& change) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto forms = Forms(id);
  if (!forms.ok()) return forms.status();
  const auto& [mentee_form, mentor_form] = *forms;
  auto saved = proposals_.UpdateSettings(
      id, DefaultMatchSettings(*program, mentee_form, mentor_form),
      // The forms by init-capture: clang before 16 cannot capture a structured binding.
      [&, &mentee = mentee_form, &mentor = mentor_form](MatchSettings& settings) {
        settings = ApplySettingsChange(std::move(settings), change);
        return CheckMatchSettings(settings, *program, mentee, mentor,
                                  /*credentials_recorded=*/false);
      },
      actor.employee_id, clock_.Now());
  if (!saved.ok()) return saved.status();
  Audit(actor, "matching.settings", "program " + std::to_string(id.value), "");
  return ViewOf(*program, mentee_form, mentor_form, std::move(saved).value(), true);
}

Result<std::vector<ConstraintView>> MatchingService::ListConstraints(const Actor& actor,
                                                                     ProgramId id) {
  auto program = CoordinatedProgram(actor, id);
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

Result<ConstraintView> MatchingService::PutConstraint(const Actor& actor, ProgramId id,
                                                      const std::string& mentee,
                                                      const std::string& mentor,
                                                      ConstraintKind kind) {
  auto program = CoordinatedProgram(actor, id);
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
    auto settings = CurrentSettings(*program);
    if (!settings.ok()) return settings.status();
    bool chain = false;
    auto pair = ScoreOnePair(*program, *settings, mentee, mentor, &chain);
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
  Audit(actor, kind == ConstraintKind::kPin ? "matching.pin" : "matching.forbid",
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

Status MatchingService::DeleteConstraint(const Actor& actor, ProgramId id,
                                         const std::string& mentee, const std::string& mentor) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  PAIRWISE_RETURN_IF_ERROR(proposals_.DeleteConstraint(id, mentee, mentor));
  Audit(actor, "matching.unconstrain", "program " + std::to_string(id.value),
        mentee + " - " + mentor);
  return Status::Ok();
}

// ---- runs ----

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

Result<Proposal> MatchingService::StartRun(const Actor& actor, ProgramId id,
                                           const std::optional<SettingsChange>& what_if) {
  auto program = CoordinatedProgram(actor, id);
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
  auto current = CurrentSettings(*program);
  if (!current.ok()) return current.status();
  MatchSettings settings = std::move(current).value();
  if (what_if) {
    settings = ApplySettingsChange(std::move(settings), *what_if);
    auto forms = Forms(id);
    if (!forms.ok()) return forms.status();
    PAIRWISE_RETURN_IF_ERROR(CheckMatchSettings(settings, *program, forms->first, forms->second,
                                                /*credentials_recorded=*/false));
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
  proposal.created_by = actor.employee_id;
  proposal.created_at = clock_.Now();
  proposal.phase = "Waiting for a worker";
  auto created = proposals_.CreateProposal(proposal);
  if (!created.ok()) return RunRefusal(created.status());
  Audit(actor, "matching.run", "program " + std::to_string(id.value),
        "proposal " + std::to_string(created->id.value));
  return created;
}

Result<Proposal> MatchingService::StartRematch(const Actor& actor, ProgramId id,
                                               const std::vector<std::string>& employee_ids) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto published = IsPublished(id);
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
  auto settings = CurrentSettings(*program);
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
  Audit(actor, "matching.rematch", "program " + std::to_string(id.value), Join(employee_ids, ","));
  return created;
}

Result<std::vector<Proposal>> MatchingService::ListProposals(const Actor& actor, ProgramId id) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  return proposals_.ListProposals(id);
}

Result<Proposal> MatchingService::GetProposal(const Actor& actor, ProgramId id,
                                              ProposalId proposal) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  return ProgramProposal(id, proposal);
}

Result<Proposal> MatchingService::CancelRun(const Actor& actor, ProgramId id, ProposalId proposal) {
  auto found = GetProposal(actor, id, proposal);
  if (!found.ok()) return found.status();
  auto cancelled = proposals_.RequestCancel(proposal, clock_.Now());
  if (cancelled.ok()) {
    Audit(actor, "matching.cancel", "program " + std::to_string(id.value),
          "proposal " + std::to_string(proposal.value));
  }
  return cancelled;
}

Result<PairPage> MatchingService::ListPairs(const Actor& actor, ProgramId id, ProposalId proposal,
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

Result<std::vector<ProposalUnmatched>> MatchingService::ListUnmatched(const Actor& actor,
                                                                      ProgramId id,
                                                                      ProposalId proposal) {
  auto found = GetProposal(actor, id, proposal);
  if (!found.ok()) return found.status();
  return proposals_.ListUnmatched(proposal);
}

Result<FairnessView> MatchingService::GetFairness(const Actor& actor, ProgramId id,
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

Result<Comparison> MatchingService::Compare(const Actor& actor, ProgramId id, ProposalId a,
                                            ProposalId b, int limit) {
  if (limit < 0 || limit > 5000) {
    return Status::InvalidArgument("limit must be between 0 and 5000", "limit");
  }
  auto first = GetProposal(actor, id, a);
  if (!first.ok()) return first.status();
  auto second = ProgramProposal(id, b);
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

// ---- the job ----

Result<MatchingInputs> MatchingService::LoadInputs(const Program& program,
                                                   const MatchSettings& settings,
                                                   bool whole_directory) {
  MatchingInputs in;
  in.program = program;
  in.settings = settings;
  in.now = clock_.Now();
  auto mentees = participants_.ListApproved(program.id, Side::kMentee);
  if (!mentees.ok()) return mentees.status();
  in.mentees = std::move(mentees).value();
  auto mentors = participants_.ListApproved(program.id, Side::kMentor);
  if (!mentors.ok()) return mentors.status();
  in.mentors = std::move(mentors).value();
  if (whole_directory) {
    PeoplePageRequest page;
    page.limit = kMaxPeoplePageSize;
    for (;;) {
      auto people = people_.ListPeople(page);
      if (!people.ok()) return people.status();
      if (people->empty()) break;
      page.after_employee_id = people->back().employee_id;
      for (Person& p : *people) {
        std::string key = p.employee_id;
        in.people.emplace(std::move(key), std::move(p));
      }
      if (people->size() < static_cast<size_t>(page.limit)) break;
    }
  }
  std::vector<std::string> everyone = in.mentees;
  everyone.insert(everyone.end(), in.mentors.begin(), in.mentors.end());
  std::sort(everyone.begin(), everyone.end());
  everyone.erase(std::unique(everyone.begin(), everyone.end()), everyone.end());
  auto profiles = profiles_.ListProfiles(everyone);
  if (!profiles.ok()) return profiles.status();
  for (Profile& p : *profiles) {
    std::string key = p.employee_id;
    in.profiles.emplace(std::move(key), std::move(p));
  }
  auto applications = applications_.ListApplications(program.id);
  if (!applications.ok()) return applications.status();
  for (Application& a : *applications) {
    if (a.status != ApplicationStatus::kApproved) continue;
    auto& target = a.side == Side::kMentee ? in.mentee_answers : in.mentor_answers;
    target[a.employee_id] = std::move(a.answers);
  }
  auto capacities = programs_.ListMentorCapacities(program.id);
  if (!capacities.ok()) return capacities.status();
  in.capacity_overrides = std::move(capacities).value();
  auto constraints = proposals_.ListConstraints(program.id);
  if (!constraints.ok()) return constraints.status();
  in.constraints = std::move(constraints).value();
  if (settings.not_previously_paired) {
    auto previous = relationships_.ListAllPairs();
    if (!previous.ok()) return previous.status();
    in.previous_pairs = std::move(previous).value();
  }
  return in;
}

Result<bool> MatchingService::RunNextJob(const std::string& worker) {
  const TimePoint now = clock_.Now();
  auto claimed = proposals_.ClaimNext(worker, now, now + kLease);
  if (!claimed.ok()) return claimed.status();
  if (!claimed->has_value()) return false;
  const Proposal& proposal = **claimed;
  Status run = RunJob(proposal, worker);
  if (!run.ok()) {
    // Storage failed part-way: record it if the store lets us, so the coordinator sees why.
    (void)proposals_.Finish(proposal.id, worker, ProposalStatus::kFailed,
                            "The run failed: " + run.client_message(), clock_.Now());
    return run;
  }
  return true;
}

Status MatchingService::RunJob(const Proposal& proposal, const std::string& worker) {
  const auto started = Clock::now();
  bool cancelled = false;
  auto report = [&](int progress, std::string_view phase) -> Status {
    auto flag =
        proposals_.ReportProgress(proposal.id, worker, progress, phase, clock_.Now() + kLease);
    if (!flag.ok()) return flag.status();
    cancelled = *flag;
    return Status::Ok();
  };
  auto cancel = [&]() {
    return proposals_.Finish(proposal.id, worker, ProposalStatus::kCancelled, "", clock_.Now());
  };
  auto fail = [&](const std::string& why) {
    return proposals_.Finish(proposal.id, worker, ProposalStatus::kFailed, why, clock_.Now());
  };

  PAIRWISE_RETURN_IF_ERROR(report(5, "Loading the participants, their profiles and answers"));
  if (cancelled) return cancel();
  auto program = programs_.FindProgram(proposal.program);
  if (!program.ok()) return program.status();
  auto inputs = LoadInputs(*program, proposal.settings, /*whole_directory=*/true);
  if (!inputs.ok()) return inputs.status();
  if (proposal.kind == ProposalKind::kRematch) {
    // A rematch keeps the published pairs as they are; pins shaped the published matching and
    // are not applied again (a pinned pair is now a previous pair, which the rule would refuse).
    std::erase_if(inputs->constraints,
                  [](const PairConstraint& c) { return c.kind == ConstraintKind::kPin; });
  }
  auto departments = people_.ListDepartments();
  if (!departments.ok()) return departments.status();
  auto sites = people_.ListSites();
  if (!sites.ok()) return sites.status();

  PAIRWISE_RETURN_IF_ERROR(report(25, "Scoring every pair and finding the best matching"));
  if (cancelled) return cancel();
  BuiltInstance built = BuildInstance(*inputs);
  if (built.instance.mentees.empty() || built.instance.mentors.empty()) {
    return fail("The program has no approved mentees or no approved mentors to match.");
  }
  // For a rematch, the published pairs are the current matching.
  std::vector<Relationship> active;
  if (proposal.kind == ProposalKind::kRematch) {
    auto list = relationships_.ListForProgram(proposal.program, /*active_only=*/true);
    if (!list.ok()) return list.status();
    active = std::move(list).value();
  }
  matching::EngineOptions options;
  options.compute_greedy = proposal.kind == ProposalKind::kFull;
  auto engine = matching::Engine::Create(built.instance, options);
  if (!engine.ok()) {
    return fail("The matching could not start: " + engine.status().client_message());
  }
  const matching::Instance& instance = engine->instance();
  std::unordered_map<std::string, int32_t> mentee_index, mentor_index;
  for (size_t i = 0; i < instance.mentees.size(); ++i) {
    mentee_index.emplace(instance.mentees[i].person.id, static_cast<int32_t>(i));
  }
  for (size_t i = 0; i < instance.mentors.size(); ++i) {
    mentor_index.emplace(instance.mentors[i].person.id, static_cast<int32_t>(i));
  }
  const auto engine_started = Clock::now();
  Result<matching::MatchResult> result = Status::Internal("not run");
  std::unordered_set<std::string> freed_mentees;
  if (proposal.kind == ProposalKind::kFull) {
    result = engine->Solve();
  } else {
    matching::MatchResult current;
    std::vector<std::string> freed;
    const std::set<std::string> freed_people(proposal.freed.begin(), proposal.freed.end());
    for (const Relationship& r : active) {
      auto e = mentee_index.find(r.mentee);
      auto m = mentor_index.find(r.mentor);
      if (e == mentee_index.end() || m == mentor_index.end()) continue;
      matching::MatchedPair pair;
      pair.mentee = e->second;
      pair.mentor = m->second;
      pair.score = engine->PairScore(pair.mentee, pair.mentor);
      current.pairs.push_back(pair);
      if (freed_people.contains(r.mentee) || freed_people.contains(r.mentor)) {
        freed_mentees.insert(r.mentee);
      }
    }
    std::sort(current.pairs.begin(), current.pairs.end(),
              [](const auto& x, const auto& y) { return x.mentee < y.mentee; });
    for (const std::string& person : proposal.freed) {
      const bool known = mentee_index.contains(person) || mentor_index.contains(person);
      if (!known) {
        return fail(person + " is no longer an approved participant of the program.");
      }
      if (mentee_index.contains(person)) freed_mentees.insert(person);
      freed.push_back(person);
    }
    result = engine->Rematch(current, freed);
  }
  if (!result.ok()) {
    if (result.status().code() == ErrorCode::kInvalidArgument) {
      return fail("The matching could not run: " + result.status().client_message());
    }
    return result.status();
  }
  const double engine_ms = MsSince(engine_started);

  PAIRWISE_RETURN_IF_ERROR(report(80, "Explaining the pairs"));
  if (cancelled) return cancel();
  auto snapshot = [&](const std::string& employee_id) {
    return Snapshot(inputs->people.at(employee_id), *departments, *sites);
  };
  std::set<std::pair<std::string, std::string>> pinned;
  for (const auto& p : instance.pinned) pinned.emplace(p.mentee, p.mentor);
  ProposalOutcome outcome;
  for (const matching::MatchedPair& pair : result->pairs) {
    const std::string& mentee = instance.mentees[pair.mentee].person.id;
    if (proposal.kind == ProposalKind::kRematch && !freed_mentees.contains(mentee)) continue;
    ProposalPair p;
    p.mentee = mentee;
    p.mentor = instance.mentors[pair.mentor].person.id;
    p.mentee_info = snapshot(p.mentee);
    p.mentor_info = snapshot(p.mentor);
    p.score = pair.score;
    p.points = pair.breakdown.points;
    p.explanation = engine->ExplainPair(pair);
    p.pinned = pair.pinned || pinned.contains({p.mentee, p.mentor});
    outcome.pairs.push_back(std::move(p));
  }
  for (const matching::UnmatchedMentee& u : result->unmatched) {
    const std::string& mentee = instance.mentees[u.mentee].person.id;
    if (proposal.kind == ProposalKind::kRematch && !freed_mentees.contains(mentee)) continue;
    ProposalUnmatched out;
    out.mentee = mentee;
    out.mentee_info = snapshot(mentee);
    out.reason = std::string(matching::UnmatchedReasonName(u.reason));
    out.explanation = engine->ExplainUnmatched(u);
    outcome.unmatched.push_back(std::move(out));
  }
  std::sort(outcome.pairs.begin(), outcome.pairs.end(),
            [](const auto& x, const auto& y) { return x.mentee < y.mentee; });
  std::map<std::string, std::vector<std::string>> ranked;
  for (const matching::Mentee& m : instance.mentees) {
    if (proposal.kind == ProposalKind::kRematch && !freed_mentees.contains(m.person.id)) continue;
    if (!m.ranked_mentors.empty()) ranked.emplace(m.person.id, m.ranked_mentors);
  }
  ProposalSummary base;
  base.optimal = result->optimal;
  base.greedy_total = result->greedy_total_score;
  base.greedy_matched = result->greedy_matched;
  base.engine_ms = engine_ms + engine->prepare_ms();
  base.warnings = std::move(built.warnings);
  outcome.summary = Summarize(outcome.pairs, static_cast<int>(outcome.unmatched.size()),
                              static_cast<int>(instance.mentors.size()), ranked, std::move(base));
  outcome.summary.total_ms = MsSince(started);

  PAIRWISE_RETURN_IF_ERROR(report(90, "Saving the proposal"));
  if (cancelled) return cancel();
  outcome.summary.total_ms = MsSince(started);
  return proposals_.Complete(proposal.id, worker, outcome, clock_.Now());
}

// ---- hand changes ----

Result<ProposalPair> MatchingService::ScoreOnePair(const Program& program,
                                                   const MatchSettings& settings,
                                                   const std::string& mentee,
                                                   const std::string& mentor, bool* chain_broken) {
  // A two-person instance gives the pair's exact score and broken rules: every rule and
  // criterion depends on the pair alone (and its management chains).
  MatchingInputs in;
  in.program = program;
  in.settings = settings;
  in.now = clock_.Now();
  in.mentees = {mentee};
  in.mentors = {mentor};
  for (const std::string& start : {mentee, mentor}) {
    std::string id = start;
    for (int depth = 0; depth < 1000 && !id.empty() && !in.people.contains(id); ++depth) {
      auto person = people_.FindPerson(id);
      if (!person.ok()) {
        if (person.status().code() == ErrorCode::kNotFound) break;
        return person.status();
      }
      id = person->manager_employee_id;
      std::string key = person->employee_id;
      in.people.emplace(std::move(key), std::move(person).value());
    }
  }
  if (!in.people.contains(mentee) || !in.people.contains(mentor)) {
    return Status::NotFound("no person " + (in.people.contains(mentee) ? mentor : mentee));
  }
  auto profiles = profiles_.ListProfiles({std::min(mentee, mentor), std::max(mentee, mentor)});
  if (!profiles.ok()) return profiles.status();
  for (Profile& p : *profiles) {
    std::string key = p.employee_id;
    in.profiles.emplace(std::move(key), std::move(p));
  }
  for (auto [who, side, answers] : {std::tuple{&mentee, Side::kMentee, &in.mentee_answers},
                                    std::tuple{&mentor, Side::kMentor, &in.mentor_answers}}) {
    auto participant = participants_.FindParticipant(program.id, side, *who);
    if (!participant.ok()) return participant.status();
    if (!participant->has_value()) continue;
    auto application = applications_.FindApplication((*participant)->application);
    if (!application.ok()) return application.status();
    (*answers)[*who] = application->answers;
  }
  auto capacity = programs_.EffectiveMentorCapacity(program.id, mentor);
  if (!capacity.ok()) return capacity.status();
  in.capacity_overrides[mentor] = *capacity;
  auto constraints = proposals_.ListConstraints(program.id);
  if (!constraints.ok()) return constraints.status();
  for (const PairConstraint& c : *constraints) {
    if (c.kind == ConstraintKind::kForbid && c.mentee == mentee && c.mentor == mentor) {
      in.constraints.push_back(c);
    }
  }
  if (settings.not_previously_paired) {
    auto previous = relationships_.ListAllPairs();
    if (!previous.ok()) return previous.status();
    for (auto& pair : *previous) {
      if (pair.first == mentee && pair.second == mentor) in.previous_pairs.push_back(pair);
    }
  }
  BuiltInstance built = BuildInstance(in);
  if (built.instance.mentees.size() != 1 || built.instance.mentors.size() != 1) {
    return Status::InvalidArgument("A person cannot be their own mentor.", "mentor");
  }
  matching::EngineOptions options;
  options.threads = 1;
  options.compute_greedy = false;
  auto engine = matching::Engine::Create(std::move(built.instance), options);
  if (!engine.ok()) return engine.status();
  ProposalPair p;
  p.mentee = mentee;
  p.mentor = mentor;
  auto departments = people_.ListDepartments();
  if (!departments.ok()) return departments.status();
  auto sites = people_.ListSites();
  if (!sites.ok()) return sites.status();
  p.mentee_info = Snapshot(in.people.at(mentee), *departments, *sites);
  p.mentor_info = Snapshot(in.people.at(mentor), *departments, *sites);
  matching::MatchedPair pair;
  pair.breakdown = engine->ScorePair(0, 0);
  pair.score = engine->PairScore(0, 0);
  p.score = pair.score;
  p.points = pair.breakdown.points;
  p.explanation = engine->ExplainPair(pair);
  if (chain_broken != nullptr) *chain_broken = false;
  for (matching::HardRule rule : engine->BrokenRules(0, 0)) {
    p.broken_rules.emplace_back(matching::HardRuleName(rule));
    if (rule == matching::HardRule::kManagementChain && chain_broken != nullptr) {
      *chain_broken = true;
    }
  }
  return p;
}

Result<ChangePreview> MatchingService::Plan(const Program& program, const Proposal& proposal,
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
      auto pair = ScoreOnePair(program, proposal.settings, mentee, mentor, &chain);
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

Result<ChangePreview> MatchingService::PreviewChange(const Actor& actor, ProgramId id,
                                                     ProposalId proposal,
                                                     const PairChange& change) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto found = ProgramProposal(id, proposal);
  if (!found.ok()) return found.status();
  std::vector<ProposalPair> pairs;
  std::vector<ProposalUnmatched> unmatched;
  return Plan(*program, *found, change, pairs, unmatched);
}

Result<ChangePreview> MatchingService::ApplyChange(const Actor& actor, ProgramId id,
                                                   ProposalId proposal, const PairChange& change,
                                                   bool accept_broken_rules) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto found = ProgramProposal(id, proposal);
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
  Audit(actor, "matching.edit", "proposal " + std::to_string(proposal.value), detail);
  return preview;
}

// ---- publishing ----

Result<PublishPreview> MatchingService::PreviewPublish(const Actor& actor, ProgramId id,
                                                       ProposalId proposal) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto found = ProgramProposal(id, proposal);
  if (!found.ok()) return found.status();
  auto pairs = proposals_.ListPairs(proposal);
  if (!pairs.ok()) return pairs.status();
  PublishPreview preview;
  preview.relationships = static_cast<int>(pairs->size());
  std::set<std::string> mentors, managers_of;
  for (const ProposalPair& p : *pairs) {
    mentors.insert(p.mentor);
    managers_of.insert(p.mentee);
    managers_of.insert(p.mentor);
  }
  if (found->kind == ProposalKind::kRematch) {
    auto active = relationships_.ListForProgram(id, /*active_only=*/true);
    if (!active.ok()) return active.status();
    const std::set<std::string> freed(found->freed.begin(), found->freed.end());
    for (const Relationship& r : *active) {
      if (freed.contains(r.mentee) || freed.contains(r.mentor)) ++preview.ended;
    }
  }
  // One mail per mentee, one per mentor, one per manager of anyone taking part.
  std::set<std::string> managers;
  for (const std::string& person : managers_of) {
    auto found_person = people_.FindPerson(person);
    if (found_person.ok() && !found_person->manager_employee_id.empty()) {
      managers.insert(found_person->manager_employee_id);
    }
  }
  preview.mails = static_cast<int>(pairs->size() + mentors.size() + managers.size());
  return preview;
}

Result<PublishPreview> MatchingService::Publish(const Actor& actor, ProgramId id,
                                                ProposalId proposal) {
  auto program = CoordinatedProgram(actor, id);
  if (!program.ok()) return program.status();
  auto found = ProgramProposal(id, proposal);
  if (!found.ok()) return found.status();
  if (found->status != ProposalStatus::kDone) {
    return Status::Conflict("Only a finished, unpublished proposal can be published.")
        .WithReason("not_publishable");
  }
  auto pairs = proposals_.ListPairs(proposal);
  if (!pairs.ok()) return pairs.status();
  PublishPlan plan;
  plan.proposal = proposal;
  plan.program = id;
  plan.published_by = actor.employee_id;
  plan.now = clock_.Now();
  plan.end_reason = "rematch";
  if (found->kind == ProposalKind::kRematch) {
    auto active = relationships_.ListForProgram(id, /*active_only=*/true);
    if (!active.ok()) return active.status();
    const std::set<std::string> freed(found->freed.begin(), found->freed.end());
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
  std::map<std::string, std::vector<const ProposalPair*>> by_mentor;
  std::map<std::string, std::vector<std::string>> reports_of;  // manager -> lines
  for (const ProposalPair& p : *pairs) {
    Relationship r;
    r.program = id;
    r.mentor = p.mentor;
    r.mentee = p.mentee;
    r.proposal = proposal;
    r.score = static_cast<int>(p.score);
    r.explanation = p.explanation;
    r.started_at = plan.now;
    plan.create.push_back(std::move(r));
    by_mentor[p.mentor].push_back(&p);
    auto mentee = person_of(p.mentee);
    if (!mentee.ok()) return mentee.status();
    if (*mentee != nullptr) {
      plan.mails.push_back(
          MailToSend{(*mentee)->email, "Your mentor in " + program->name,
                     "Hello " + (*mentee)->first_name + ",\n\n" + p.mentor_info.name +
                         " will be your mentor in " + program->name + ".\nWhy you were paired: " +
                         p.explanation + "\n\nSee your mentoring relationships: " + link + "\n",
                     "match_published"});
      if (!(*mentee)->manager_employee_id.empty()) {
        reports_of[(*mentee)->manager_employee_id].push_back(FullName(**mentee) + " (as a mentee)");
      }
    }
  }
  for (const auto& [mentor_id, mentor_pairs] : by_mentor) {
    auto mentor = person_of(mentor_id);
    if (!mentor.ok()) return mentor.status();
    if (*mentor == nullptr) continue;
    std::string lines;
    for (const ProposalPair* p : mentor_pairs) {
      lines += "- " + p->mentee_info.name + ": " + p->explanation + "\n";
    }
    plan.mails.push_back(MailToSend{(*mentor)->email, "Your mentees in " + program->name,
                                    "Hello " + (*mentor)->first_name + ",\n\nYou will mentor in " +
                                        program->name + ":\n" + lines +
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
    plan.mails.push_back(MailToSend{
        (*manager)->email, "Your team in " + program->name,
        "Hello " + (*manager)->first_name + ",\n\nThese people in your team take part in " +
            program->name + ", which asks about " +
            std::to_string(program->mentor_capacity.hours_per_month) +
            " hours a month of their time:\n- " + Join(lines, "\n- ") + "\n",
        "match_published_manager"});
  }
  auto created = proposals_.Publish(plan);
  if (!created.ok()) return created.status();
  Audit(actor, "matching.publish", "program " + std::to_string(id.value),
        "proposal " + std::to_string(proposal.value) + ": " + std::to_string(created->size()) +
            " relationships, " + std::to_string(plan.mails.size()) + " mails");
  PublishPreview done;
  done.relationships = static_cast<int>(created->size());
  done.ended = static_cast<int>(plan.end.size());
  done.mails = static_cast<int>(plan.mails.size());
  return done;
}

}  // namespace pairwise::domain
