#include "domain/proposals/match_job.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <future>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "domain/proposals/pair_scorer.h"
#include "domain/proposals/proposal_figures.h"
#include "matching/engine.h"

namespace pairwise::domain {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Threads explaining the pairs at most (one per core up to this).
constexpr std::size_t kMaxExplainThreads = 4;

double MsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

}  // namespace

Result<MatchingInputs> MatchJobRunner::LoadInputs(const Program& program,
                                                  const MatchSettings& settings) {
  MatchingInputs in;
  in.program = program;
  in.settings = settings;
  in.now = in_.clock.Now();
  // The reads that need nothing from each other run at once, each on a session of its own (the
  // repositories are thread-safe): the database (PostgreSQL's server process, or SQLite's
  // reading on another connection) and this process's decoding work side by side instead of
  // one after the other. A future's destructor waits for its read, so an early return leaves
  // nothing running against what goes out of scope.
  auto capacities =
      std::async(std::launch::async, [&] { return in_.programs.ListMentorCapacities(program.id); });
  auto constraints =
      std::async(std::launch::async, [&] { return in_.proposals.ListConstraints(program.id); });
  auto previous = std::async(std::launch::async,
                             [&]() -> Result<std::vector<std::pair<std::string, std::string>>> {
                               if (!settings.not_previously_paired) {
                                 return std::vector<std::pair<std::string, std::string>>();
                               }
                               return in_.relationships.ListAllPairs();
                             });
  // The participants are the approved applications, read once with their answers (not once
  // per side and again for the answers: every read parses every application's answers).
  auto applications = in_.applications.ListApplications(program.id);
  // The first round ends before the second starts: at most four sessions at a time.
  auto capacity_list = capacities.get();
  auto constraint_list = constraints.get();
  auto previous_pairs = previous.get();
  if (!applications.ok()) return applications.status();
  for (Application& a : *applications) {
    if (a.status != ApplicationStatus::kApproved) continue;
    (a.side == Side::kMentee ? in.mentees : in.mentors).push_back(a.employee_id);
    auto& target = a.side == Side::kMentee ? in.mentee_answers : in.mentor_answers;
    target[a.employee_id] = std::move(a.answers);
  }
  std::sort(in.mentees.begin(), in.mentees.end());
  std::sort(in.mentors.begin(), in.mentors.end());
  std::vector<std::string> everyone = in.mentees;
  everyone.insert(everyone.end(), in.mentors.begin(), in.mentors.end());
  std::sort(everyone.begin(), everyone.end());
  everyone.erase(std::unique(everyone.begin(), everyone.end()), everyone.end());
  auto credentialed = std::async(
      std::launch::async, [&] { return in_.credentials.CurrentHolders(in.mentors, in.now); });
  // Of the directory, the rules need the participants and everyone above them (the management
  // chain rule): one read of those, not a pass over the whole directory.
  auto people = std::async(std::launch::async, [&]() -> Status {
    auto listed = in_.people.ListWithManagers(everyone);
    if (!listed.ok()) return listed.status();
    in.people.reserve(listed->size());
    for (Person& p : *listed) {
      std::string key = p.employee_id;
      in.people.emplace(std::move(key), std::move(p));
    }
    return Status::Ok();
  });
  // The profiles in two halves read at once (the read costs about as much as the people's):
  // `everyone` is sorted, so the halves together are the whole list in its order.
  const std::size_t half = everyone.size() / 2;
  auto second_half = std::async(std::launch::async, [&] {
    return in_.profiles.ListProfiles(
        std::vector<std::string>(everyone.begin() + half, everyone.end()));
  });
  auto profiles = in_.profiles.ListProfiles(
      std::vector<std::string>(everyone.begin(), everyone.begin() + half));
  auto profiles_rest = second_half.get();
  // Every read is waited for before any failure is returned (the futures' threads use `in`).
  Status people_read = people.get();
  auto credentials = credentialed.get();
  if (!people_read.ok()) return people_read;
  if (!profiles.ok()) return profiles.status();
  if (!profiles_rest.ok()) return profiles_rest.status();
  if (!credentials.ok()) return credentials.status();
  if (!capacity_list.ok()) return capacity_list.status();
  if (!constraint_list.ok()) return constraint_list.status();
  if (!previous_pairs.ok()) return previous_pairs.status();
  in.profiles.reserve(profiles->size() + profiles_rest->size());
  for (auto* list : {&*profiles, &*profiles_rest}) {
    for (Profile& p : *list) {
      std::string key = p.employee_id;
      in.profiles.emplace(std::move(key), std::move(p));
    }
  }
  in.credentialed = std::move(credentials).value();
  in.capacity_overrides = std::move(capacity_list).value();
  in.constraints = std::move(constraint_list).value();
  in.previous_pairs = std::move(previous_pairs).value();
  return in;
}

Result<bool> MatchJobRunner::RunNextJob(const std::string& worker) {
  const TimePoint now = in_.clock.Now();
  auto claimed = in_.proposals.ClaimNext(worker, now, now + kLease);
  if (!claimed.ok()) return claimed.status();
  if (!claimed->has_value()) return false;
  const Proposal& proposal = **claimed;
  Status run = RunJob(proposal, worker);
  if (!run.ok()) {
    // Storage failed part-way: record it if the store lets us, so the coordinator sees why.
    (void)in_.proposals.Finish(proposal.id, worker, ProposalStatus::kFailed,
                               "The run failed: " + run.client_message(), in_.clock.Now());
    return run;
  }
  return true;
}

Status MatchJobRunner::RunJob(const Proposal& proposal, const std::string& worker) {
  const auto started = SteadyClock::now();
  bool cancelled = false;
  auto report = [&](int progress, std::string_view phase) -> Status {
    auto flag = in_.proposals.ReportProgress(proposal.id, worker, progress, phase,
                                             in_.clock.Now() + kLease);
    if (!flag.ok()) return flag.status();
    cancelled = *flag;
    return Status::Ok();
  };
  auto cancel = [&]() {
    return in_.proposals.Finish(proposal.id, worker, ProposalStatus::kCancelled, "",
                                in_.clock.Now());
  };
  auto fail = [&](const std::string& why) {
    return in_.proposals.Finish(proposal.id, worker, ProposalStatus::kFailed, why, in_.clock.Now());
  };

  PAIRWISE_RETURN_IF_ERROR(report(5, "Loading the participants, their profiles and answers"));
  if (cancelled) return cancel();
  auto program = in_.programs.FindProgram(proposal.program);
  if (!program.ok()) return program.status();
  auto inputs = LoadInputs(*program, proposal.settings);
  if (!inputs.ok()) return inputs.status();
  if (proposal.kind == ProposalKind::kRematch) {
    // A rematch keeps the published pairs as they are; pins shaped the published matching and
    // are not applied again (a pinned pair is now a previous pair, which the rule would refuse).
    std::erase_if(inputs->constraints,
                  [](const PairConstraint& c) { return c.kind == ConstraintKind::kPin; });
  }
  auto departments = in_.people.ListDepartments();
  if (!departments.ok()) return departments.status();
  auto sites = in_.people.ListSites();
  if (!sites.ok()) return sites.status();

  const double load_ms = MsSince(started);

  PAIRWISE_RETURN_IF_ERROR(report(25, "Scoring every pair and finding the best matching"));
  if (cancelled) return cancel();
  const auto build_started = SteadyClock::now();
  BuiltInstance built = BuildInstance(*inputs);
  if (built.instance.mentees.empty() || built.instance.mentors.empty()) {
    return fail("The program has no approved mentees or no approved mentors to match.");
  }
  // For a rematch, the published pairs are the current matching.
  std::vector<Relationship> active;
  if (proposal.kind == ProposalKind::kRematch) {
    auto list = in_.relationships.ListForProgram(proposal.program, /*active_only=*/true);
    if (!list.ok()) return list.status();
    active = std::move(list).value();
  }
  matching::EngineOptions options;
  options.compute_greedy = proposal.kind == ProposalKind::kFull;
  // The engine keeps the instance: moved, not copied (only the warnings are used below).
  auto engine = matching::Engine::Create(std::move(built.instance), options);
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
  const auto engine_started = SteadyClock::now();
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
  // The engine's own preparation (candidates, scores) counts as the engine's, as in the summary.
  const double build_ms =
      std::chrono::duration<double, std::milli>(engine_started - build_started).count() -
      engine->prepare_ms();
  const auto explain_started = SteadyClock::now();

  PAIRWISE_RETURN_IF_ERROR(report(80, "Explaining the pairs"));
  if (cancelled) return cancel();
  auto snapshot = [&](const std::string& employee_id) {
    return SnapshotOf(inputs->people.at(employee_id), *departments, *sites);
  };
  std::set<std::pair<std::string, std::string>> pinned;
  for (const auto& p : instance.pinned) pinned.emplace(p.mentee, p.mentor);
  ProposalOutcome outcome;
  std::vector<const matching::MatchedPair*> kept;
  kept.reserve(result->pairs.size());
  for (const matching::MatchedPair& pair : result->pairs) {
    const std::string& mentee = instance.mentees[pair.mentee].person.id;
    if (proposal.kind == ProposalKind::kRematch && !freed_mentees.contains(mentee)) continue;
    kept.push_back(&pair);
  }
  // Each pair's words and snapshots depend on the pair alone, and the engine may be read from
  // any number of threads: the pairs are explained in slices, one per core.
  outcome.pairs.resize(kept.size());
  auto explain = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const matching::MatchedPair& pair = *kept[i];
      ProposalPair& p = outcome.pairs[i];
      p.mentee = instance.mentees[pair.mentee].person.id;
      p.mentor = instance.mentors[pair.mentor].person.id;
      p.mentee_info = snapshot(p.mentee);
      p.mentor_info = snapshot(p.mentor);
      p.score = pair.score;
      p.points = pair.breakdown.points;
      p.explanation = engine->ExplainPair(pair);
      p.pinned = pair.pinned || pinned.contains({p.mentee, p.mentor});
    }
  };
  {
    const std::size_t slices =
        std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, kMaxExplainThreads);
    const std::size_t per = (kept.size() + slices - 1) / slices;
    std::vector<std::future<void>> others;
    for (std::size_t begin = per; begin < kept.size(); begin += per) {
      others.push_back(
          std::async(std::launch::async, explain, begin, std::min(kept.size(), begin + per)));
    }
    explain(0, std::min(kept.size(), per));
    for (auto& other : others) other.get();
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

  const double explain_ms = MsSince(explain_started);

  PAIRWISE_RETURN_IF_ERROR(report(90, "Saving the proposal"));
  if (cancelled) return cancel();
  outcome.summary.total_ms = MsSince(started);
  const auto store_started = SteadyClock::now();
  Status stored = in_.proposals.Complete(proposal.id, worker, outcome, in_.clock.Now());
  // Where a run's time goes, for operators and `make bench` (bench/matching_run reads this line).
  spdlog::info(
      "matching run {}: {} pairs, {} unmatched; phases load_ms={:.0f} build_ms={:.0f} "
      "engine_ms={:.0f} explain_ms={:.0f} store_ms={:.0f}",
      proposal.id.value, outcome.pairs.size(), outcome.unmatched.size(), load_ms, build_ms,
      outcome.summary.engine_ms, explain_ms, MsSince(store_started));
  return stored;
}

}  // namespace pairwise::domain
