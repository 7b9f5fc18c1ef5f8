#include "domain/proposals/pair_scorer.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "domain/proposals/matching_inputs.h"
#include "domain/proposals/matching_text.h"
#include "matching/engine.h"

namespace pairwise::domain {

PersonSnapshot SnapshotOf(const Person& person, const std::vector<Department>& departments,
                          const std::vector<Site>& sites) {
  PersonSnapshot s;
  s.name = matching_text::FullName(person);
  s.level = person.level;
  for (const Department& d : departments) {
    if (d.code == person.department) s.department = d.name;
  }
  for (const Site& site : sites) {
    if (site.code == person.site) s.site = site.name;
  }
  return s;
}

Result<ProposalPair> PairScorer::Score(const Program& program, const MatchSettings& settings,
                                       const std::string& mentee, const std::string& mentor,
                                       bool* chain_broken) {
  // A two-person instance gives the pair's exact score and broken rules: every rule and
  // criterion depends on the pair alone (and its management chains).
  MatchingInputs in;
  in.program = program;
  in.settings = settings;
  in.now = in_.clock.Now();
  in.mentees = {mentee};
  in.mentors = {mentor};
  auto credentialed = in_.credentials.CurrentHolders(in.mentors, in.now);
  if (!credentialed.ok()) return credentialed.status();
  in.credentialed = std::move(credentialed).value();
  for (const std::string& start : {mentee, mentor}) {
    std::string id = start;
    for (int depth = 0; depth < 1000 && !id.empty() && !in.people.contains(id); ++depth) {
      auto person = in_.people.FindPerson(id);
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
  auto profiles = in_.profiles.ListProfiles({std::min(mentee, mentor), std::max(mentee, mentor)});
  if (!profiles.ok()) return profiles.status();
  for (Profile& p : *profiles) {
    std::string key = p.employee_id;
    in.profiles.emplace(std::move(key), std::move(p));
  }
  for (auto [who, side, answers] : {std::tuple{&mentee, Side::kMentee, &in.mentee_answers},
                                    std::tuple{&mentor, Side::kMentor, &in.mentor_answers}}) {
    auto participant = in_.participants.FindParticipant(program.id, side, *who);
    if (!participant.ok()) return participant.status();
    if (!participant->has_value()) continue;
    auto application = in_.applications.FindApplication((*participant)->application);
    if (!application.ok()) return application.status();
    (*answers)[*who] = application->answers;
  }
  auto capacity = in_.programs.EffectiveMentorCapacity(program.id, mentor);
  if (!capacity.ok()) return capacity.status();
  in.capacity_overrides[mentor] = *capacity;
  auto constraints = in_.proposals.ListConstraints(program.id);
  if (!constraints.ok()) return constraints.status();
  for (const PairConstraint& c : *constraints) {
    if (c.kind == ConstraintKind::kForbid && c.mentee == mentee && c.mentor == mentor) {
      in.constraints.push_back(c);
    }
  }
  if (settings.not_previously_paired) {
    auto previous = in_.relationships.ListAllPairs();
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
  auto departments = in_.people.ListDepartments();
  if (!departments.ok()) return departments.status();
  auto sites = in_.people.ListSites();
  if (!sites.ok()) return sites.status();
  p.mentee_info = SnapshotOf(in.people.at(mentee), *departments, *sites);
  p.mentor_info = SnapshotOf(in.people.at(mentor), *departments, *sites);
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

}  // namespace pairwise::domain
