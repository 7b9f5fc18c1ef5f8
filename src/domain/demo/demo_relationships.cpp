#include "domain/demo/demo_relationships.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <set>
#include <unordered_map>

#include "domain/demo/random.h"
#include "domain/relationships/feedback_service.h"
#include "domain/relationships/goal_service.h"
#include "domain/relationships/note_service.h"
#include "domain/relationships/relationship_service.h"

namespace pairwise::domain {

namespace {

using std::chrono::days;

// Demo mail goes nowhere: the pairs' history is not news to anyone.
class DiscardingMailQueue final : public MailQueue {
 public:
  Status Enqueue(const MailMessage&) override { return Status::Ok(); }
};

Actor PersonActor(const std::string& employee_id) {
  Actor a;
  a.employee_id = employee_id;
  return a;
}

struct GoalIdea {
  const char* title;
  const char* measure;
  const char* target;
  const char* relevance;
  std::array<const char*, 3> milestones;
};

constexpr std::array kGoals = {
    GoalIdea{"Lead a cross-team project",
             "Projects led end to end",
             "One shipped project",
             "I want to move towards a team lead role.",
             {"Pick a project with my manager", "Write the plan", "Run the retrospective"}},
    GoalIdea{"Present at the quarterly all-hands",
             "Talks given to 100+ people",
             "One talk",
             "Being visible beyond my team matters for promotion.",
             {"Choose a topic", "Rehearse with my mentor", "Give the talk"}},
    GoalIdea{"Own the team's budget forecast",
             "Forecasts delivered on time",
             "Two quarters",
             "Finance skills are the gap in my last review.",
             {"Shadow this quarter's forecast", "Draft next quarter's", "Present it to finance"}},
    GoalIdea{"Mentor a new joiner",
             "Onboarding check-ins held",
             "Six check-ins",
             "Teaching others is how I learn to lead.",
             {"Meet the new joiner", "Agree what they need", "Hand over at three months"}},
    GoalIdea{"Negotiate with a key supplier",
             "Terms improved",
             "5% better renewal",
             "Negotiation is a skill I avoid and need.",
             {"Read the contract history", "Role-play with my mentor", "Lead the renewal call"}},
};

constexpr std::array kPrivateNotes = {
    "I was nervous before this session; writing down that it went better than feared.",
    "Ask about how they handled their first reorg. Do not mention the team tension yet.",
    "Their advice on saying no to my manager felt right. Try it on Thursday.",
    "Feeling stuck on the budget goal. Maybe it is the wrong goal for now.",
    "They listen more than they talk. I want to learn that.",
};
constexpr std::array kSharedNotes = {
    "Agreed: next time we go through the project plan line by line.",
    "Reading list: The First 90 Days, chapters 2 and 5.",
    "Action for both: bring one example of feedback that landed badly.",
    "Good session. Next: practise the opening of the all-hands talk.",
};
constexpr std::array kComments = {
    "Well prepared and honest about what is hard.",
    "Clear, practical advice every time.",
    "We keep having to move our meetings; otherwise useful.",
    "I learn as much as I teach here.",
    "Exactly the push I needed.",
};

struct Ending {
  EndReason reason;
  const char* comment;
};
constexpr std::array kEndings = {
    Ending{EndReason::kNoTime, "A new product launch took all my time; no fault of my mentor."},
    Ending{EndReason::kMismatch, "We wanted different things from it."},
    Ending{EndReason::kGoalsMet, ""},
    Ending{EndReason::kLeftOrganization, "I am leaving at the end of the month."},
    Ending{EndReason::kOther, "Moving to another site; we may pick it up later."},
};

// Which state a pair reaches, by its position: a spread over every state.
enum class Fate { kPending, kHalfAccepted, kActive, kCompleted, kEndedEarly };
Fate FateOf(int i) {
  static constexpr std::array kCycle = {
      Fate::kActive,     Fate::kActive,       Fate::kCompleted, Fate::kPending, Fate::kActive,
      Fate::kEndedEarly, Fate::kHalfAccepted, Fate::kActive,    Fate::kActive,  Fate::kEndedEarly};
  return kCycle[static_cast<std::size_t>(i) % kCycle.size()];
}

}  // namespace

Result<DemoRelationshipSummary> LoadDemoRelationships(const DemoRelationshipStores& s,
                                                      const DemoOptions& options,
                                                      const std::string& coordinator,
                                                      const std::string& participant,
                                                      const std::string& admin, TimePoint now) {
  DemoRelationshipSummary summary;
  auto existing = s.programs.ListPrograms();
  if (!existing.ok()) return existing.status();
  for (const Program& p : *existing) {
    if (p.name == kDemoRelationshipsProgramName) return summary;
  }
  demo::Random random(options.seed ^ 0x5eed'2e1a'7100ULL);
  const TimePoint start = now - days(150);

  // Candidates: active people; mentors at level 6 and up, mentees at 2-4, never in the same
  // department (so never in each other's management chain in the demo organization).
  std::vector<Person> mentors, mentees;
  PeoplePageRequest page{.after_employee_id = "", .limit = kMaxPeoplePageSize};
  std::set<std::string> reserved = {coordinator, participant, admin};
  while (static_cast<int>(mentees.size()) < kDemoRelationships * 3) {
    auto batch = s.people.ListPeople(page);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) break;
    page.after_employee_id = batch->back().employee_id;
    for (Person& p : *batch) {
      if (p.status != EmploymentStatus::kActive || reserved.contains(p.employee_id)) continue;
      if (p.level >= 6)
        mentors.push_back(std::move(p));
      else if (p.level >= 2 && p.level <= 4)
        mentees.push_back(std::move(p));
    }
  }
  std::unordered_map<std::string, const Person*> by_id;
  for (const Person& p : mentors) by_id.emplace(p.employee_id, &p);
  for (const Person& p : mentees) by_id.emplace(p.employee_id, &p);

  ProgramFields fields;
  fields.name = std::string(kDemoRelationshipsProgramName);
  fields.description =
      "A year of one-on-one mentoring for people moving towards their first leadership role.";
  fields.type = ProgramType::kOneOnOne;
  fields.need = ProgramNeed::kLeadership;
  fields.objectives = "Each mentee leads something visible within the year.";
  fields.measures = {"Goals met", "Promotion within 18 months"};
  const Date today{std::chrono::floor<days>(now)};
  fields.enrollment_opens = Date(std::chrono::sys_days(today) - days(200));
  fields.enrollment_closes = Date(std::chrono::sys_days(today) - days(160));
  fields.start_date = Date(std::chrono::sys_days(today) - days(155));
  fields.end_date = Date(std::chrono::sys_days(today) + days(210));
  fields.relationship_months = 9;
  fields.cadence = MeetingCadence::kBiweekly;
  if (!coordinator.empty()) fields.coordinators = {coordinator};
  fields.mentor_capacity = MentorCapacity{2, 4};
  auto program = s.programs.CreateProgram(fields, start - days(50));
  if (!program.ok()) return program.status();
  PAIRWISE_RETURN_IF_ERROR(s.programs.SetProgramStatus(program->id, ProgramStatus::kDraft,
                                                       ProgramStatus::kOpen, start - days(50)));
  PAIRWISE_RETURN_IF_ERROR(s.programs.SetProgramStatus(program->id, ProgramStatus::kOpen,
                                                       ProgramStatus::kClosed, start - days(1)));

  // The pairs: each mentor takes up to two mentees of another department.
  std::vector<ProposalPair> pairs;
  std::unordered_map<std::string, int> taken;
  auto snapshot = [](const Person& p) {
    return PersonSnapshot{p.first_name + " " + p.last_name, p.department, p.site, p.level};
  };
  auto add_pair = [&](const Person& mentee, const Person& mentor, const std::string& why) {
    ProposalPair pair;
    pair.mentee = mentee.employee_id;
    pair.mentor = mentor.employee_id;
    pair.mentee_info = snapshot(mentee);
    pair.mentor_info = snapshot(mentor);
    pair.score = 600 + static_cast<int64_t>(random.Below(300));
    pair.explanation = why;
    pairs.push_back(std::move(pair));
  };
  if (!participant.empty() && !admin.empty()) {
    auto mentee = s.people.FindPerson(participant);
    auto mentor = s.people.FindPerson(admin);
    if (mentee.ok() && mentor.ok()) {
      add_pair(*mentee, *mentor,
               "Offers leadership experience across departments; both prefer meeting in person.");
    }
  }
  std::size_t next_mentor = 0;
  for (const Person& mentee : mentees) {
    if (static_cast<int>(pairs.size()) >= kDemoRelationships || mentors.empty()) break;
    for (std::size_t tries = 0; tries < mentors.size(); ++tries) {
      const Person& mentor = mentors[(next_mentor + tries) % mentors.size()];
      if (mentor.department == mentee.department || taken[mentor.employee_id] >= 2) continue;
      ++taken[mentor.employee_id];
      next_mentor = (next_mentor + tries + 1) % mentors.size();
      add_pair(mentee, mentor,
               "Offers the leadership experience " + mentee.first_name +
                   " wants to grow, from another department.");
      break;
    }
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const ProposalPair& a, const ProposalPair& b) { return a.mentee < b.mentee; });

  // Matched and published five months ago, through the proposal's life.
  Proposal proposal;
  proposal.program = program->id;
  proposal.created_by = coordinator;
  proposal.created_at = start - days(2);
  proposal.phase = "Waiting for a worker";
  auto created = s.proposals.CreateProposal(proposal);
  if (!created.ok()) return created.status();
  const std::string worker = "demo";
  auto claimed = s.proposals.ClaimNext(worker, start - days(2), start + days(1));
  if (!claimed.ok()) return claimed.status();
  if (!*claimed || (*claimed)->id != created->id) {
    return Status::Internal("the demo proposal was not the one claimed");
  }
  ProposalOutcome outcome;
  outcome.pairs = pairs;
  outcome.summary.matched = static_cast<int>(pairs.size());
  PAIRWISE_RETURN_IF_ERROR(s.proposals.Complete(created->id, worker, outcome, start - days(2)));
  PublishPlan plan;
  plan.proposal = created->id;
  plan.program = program->id;
  plan.published_by = coordinator;
  plan.now = start;
  for (const ProposalPair& p : pairs) {
    Relationship r;
    r.mentor = p.mentor;
    r.mentee = p.mentee;
    r.score = static_cast<int>(p.score);
    r.explanation = p.explanation;
    r.started_at = start;
    plan.create.push_back(std::move(r));
  }
  auto published = s.proposals.Publish(plan);
  if (!published.ok()) return published.status();

  // Their history, written through the services on a clock that walks from the start to now.
  FakeClock clock(start);
  DiscardingMailQueue mail;
  RelationshipService relationships(s.relationships, s.programs, s.people, s.matching, mail, clock,
                                    "");
  GoalService goals(s.goals, relationships, s.people, clock);
  NoteService notes(s.notes, s.cipher, relationships, clock);
  FeedbackService feedback(s.feedback, s.introductions, relationships, s.programs, s.people, mail,
                           clock, "");
  const bool notes_available = s.cipher.Seal("").ok();
  // Each pair's story has its own time line: the clock is set back to its start.
  auto at = [&](TimePoint when) { clock.Advance(std::min(when, now) - clock.Now()); };
  int index = 0;
  for (const Relationship& r : *published) {
    const int i = index++;
    const bool demo_pair = r.mentee == participant && r.mentor == admin;
    const Fate fate = demo_pair ? Fate::kPending : FateOf(i);
    const Actor mentor = PersonActor(r.mentor), mentee = PersonActor(r.mentee);
    // Each pair's story starts a few days apart, so "now" is never passed.
    TimePoint t = start + days(random.Between(1, 10));
    at(t);
    ++summary.relationships;
    if (fate == Fate::kPending) {
      ++summary.pending;
      continue;
    }
    auto first = relationships.AcceptAgreement(mentee, r.id, 0, std::nullopt, std::nullopt);
    if (!first.ok()) return first.status();
    if (fate == Fate::kHalfAccepted) {
      ++summary.pending;
      continue;
    }
    t += days(random.Between(1, 4));
    at(t);
    // A third of the mentors ask to meet weekly and in person; the mentee accepts again.
    const bool adjust = i % 3 == 0;
    auto second = relationships.AcceptAgreement(
        mentor, r.id, first->agreement->version, adjust ? std::optional(7) : std::nullopt,
        adjust ? std::optional(AgreementMode::kInPerson) : std::nullopt);
    if (!second.ok()) return second.status();
    if (adjust) {
      t += days(1);
      at(t);
      auto again = relationships.AcceptAgreement(mentee, r.id, second->agreement->version, {}, {});
      if (!again.ok()) return again.status();
    }
    // Goals with milestones, at various progress.
    const int goal_count = 1 + i % 3;
    for (int g = 0; g < goal_count; ++g) {
      const GoalIdea& idea = kGoals[static_cast<std::size_t>(i + g) % kGoals.size()];
      t += days(random.Between(2, 6));
      at(t);
      GoalFields f;
      f.title = idea.title;
      f.measure = (i + g) % 4 == 0 ? "" : idea.measure;  // some drafts still lack a measure
      f.target = (i + g) % 4 == 0 ? "" : idea.target;
      f.relevance = idea.relevance;
      f.due_date = Date(std::chrono::floor<days>(now) + days(random.Between(20, 90)));
      auto goal = goals.Create(mentee, r.id, f);
      if (!goal.ok()) return goal.status();
      Goal current = goal->goal;
      for (const char* m : idea.milestones) {
        auto added = goals.AddMilestone(mentee, r.id, current.id, current.version, m, std::nullopt);
        if (!added.ok()) return added.status();
        current = added->goal;
      }
      if ((i + g) % 2 == 0) {
        auto confirmed = goals.Confirm(mentor, r.id, current.id, current.version,
                                       GoalConfirmation::kAchievable, true);
        if (!confirmed.ok()) return confirmed.status();
        current = confirmed->goal;
      }
      const int done = static_cast<int>(random.Below(4));
      for (int m = 0; m < done && m < static_cast<int>(current.milestones.size()); ++m) {
        t += days(random.Between(5, 12));
        at(std::min(t, now - days(1)));
        auto ticked =
            goals.SetMilestoneDone(mentee, r.id, current.id, current.version,
                                   current.milestones[static_cast<std::size_t>(m)].id, true);
        if (!ticked.ok()) return ticked.status();
        current = ticked->goal;
      }
    }
    // Notes, feedback and an introduction now and then (notes only where the deployment has a
    // notes key: PostgreSQL has none until one is configured, and the demo loads all the same).
    for (int n = 0; notes_available && n < 1 + i % 3; ++n) {
      at(std::min(t + days(3 * n + 2), now - days(1)));
      const Actor& author = n % 2 == 0 ? mentee : mentor;
      auto private_note =
          notes.Create(author, r.id, NoteKind::kPrivate,
                       kPrivateNotes[static_cast<std::size_t>(i + n) % kPrivateNotes.size()]);
      if (!private_note.ok()) return private_note.status();
      auto shared_note =
          notes.Create(n % 2 == 0 ? mentor : mentee, r.id, NoteKind::kShared,
                       kSharedNotes[static_cast<std::size_t>(i + n) % kSharedNotes.size()]);
      if (!shared_note.ok()) return shared_note.status();
    }
    for (int p = 0; p < i % 3; ++p) {
      at(std::min(t + days(7 * p + 5), now - days(1)));
      for (const Actor* who : {&mentee, &mentor}) {
        if (who == &mentor && p % 2 == 1) continue;  // the mentor has not answered yet
        auto given = feedback.Give(*who, r.id, FeedbackOccasion::kPulse,
                                   3 + static_cast<int>(random.Below(3)),
                                   kComments[static_cast<std::size_t>(i + p) % kComments.size()]);
        if (!given.ok()) return given.status();
      }
    }
    if (i % 4 == 1 && !mentors.empty()) {
      const Person& third = mentors[static_cast<std::size_t>(i * 7) % mentors.size()];
      if (third.employee_id != r.mentor) {
        auto introduced = feedback.Introduce(
            mentor, r.id, third.employee_id,
            "Led the same kind of change last year and likes to help people starting out.");
        if (!introduced.ok()) return introduced.status();
      }
    }
    if (fate == Fate::kActive) {
      ++summary.active;
    } else if (fate == Fate::kCompleted) {
      at(now - days(random.Between(2, 10)));
      for (const Actor* who : {&mentee, &mentor}) {
        auto end_feedback =
            feedback.Give(*who, r.id, FeedbackOccasion::kEnd, 5, "It did what we set out to do.");
        if (!end_feedback.ok()) return end_feedback.status();
        auto marked = relationships.MarkComplete(*who, r.id);
        if (!marked.ok()) return marked.status();
      }
      ++summary.completed;
    } else if (fate == Fate::kEndedEarly) {
      at(std::min(t + days(20), now - days(1)));
      const Ending& e = kEndings[static_cast<std::size_t>(i) % kEndings.size()];
      auto ended = relationships.End(i % 2 == 0 ? mentee : mentor, r.id, e.reason, e.comment);
      if (!ended.ok()) return ended.status();
      ++summary.ended_early;
    }
  }
  return summary;
}

}  // namespace pairwise::domain
