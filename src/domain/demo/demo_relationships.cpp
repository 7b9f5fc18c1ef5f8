#include "domain/demo/demo_relationships.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/demo/random.h"
#include "domain/proposals/match_settings.h"
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

// The pairs' history goes through the services, which read the relationship, its program, both
// people and the agreement again at every call (about twenty round trips on PostgreSQL for one
// write). While the demo writes it, nothing else changes those rows: these repositories keep
// what was read once, and the rows each write returns (the repository reads them back after
// writing), so that only the writes, the same writes, reach the database. Not thread-safe: for
// the demo's one thread only.
class RememberingPeople final : public PeopleRepository {
 public:
  explicit RememberingPeople(PeopleRepository& inner) : inner_(inner) {}

  Result<std::optional<Person>> FindByEmployeeId(std::string_view employee_id) override {
    auto found = people_.find(std::string(employee_id));
    if (found == people_.end()) {
      auto read = inner_.FindByEmployeeId(employee_id);
      if (!read.ok()) return read.status();
      found = people_.emplace(std::string(employee_id), std::move(read).value()).first;
    }
    return found->second;
  }
  Result<std::vector<Skill>> ListSkills() override {
    if (!skills_) {
      auto read = inner_.ListSkills();
      if (!read.ok()) return read.status();
      skills_ = std::move(read).value();
    }
    return *skills_;
  }

  // The rest as the database has it (none of it is called while the history is written).
  Status RunInTransaction(const std::function<Status(PeopleRepository& tx)>& work) override {
    return inner_.RunInTransaction(work);
  }
  Status UpsertDepartments(std::span<const Department> v) override {
    return inner_.UpsertDepartments(v);
  }
  Status UpsertSites(std::span<const Site> v) override { return inner_.UpsertSites(v); }
  Status UpsertSkills(std::span<const Skill> v) override { return inner_.UpsertSkills(v); }
  Status UpsertPeople(std::span<const PersonRecord> v) override { return inner_.UpsertPeople(v); }
  Status AppendEvents(std::span<const PersonEvent> v) override { return inner_.AppendEvents(v); }
  Result<int64_t> CountPeople() override { return inner_.CountPeople(); }
  Result<std::optional<Person>> FindByEmail(std::string_view email) override {
    return inner_.FindByEmail(email);
  }
  Result<std::vector<Person>> ListAtOffset(int64_t offset, int limit) override {
    return inner_.ListAtOffset(offset, limit);
  }
  Result<std::optional<std::string>> FindExternalId(std::string_view id) override {
    return inner_.FindExternalId(id);
  }
  Result<std::optional<Person>> FindByExternalId(std::string_view id) override {
    return inner_.FindByExternalId(id);
  }
  Status SetExternalId(std::string_view id, std::string_view external_id) override {
    return inner_.SetExternalId(id, external_id);
  }
  Result<std::optional<std::string>> FindUserName(std::string_view id) override {
    return inner_.FindUserName(id);
  }
  Result<std::optional<Person>> FindByUserName(std::string_view name) override {
    return inner_.FindByUserName(name);
  }
  Status SetUserName(std::string_view id, std::string_view name) override {
    return inner_.SetUserName(id, name);
  }
  Result<std::vector<Person>> ListPage(const PeoplePageRequest& request) override {
    return inner_.ListPage(request);
  }
  Result<std::vector<Person>> ListDirectReports(std::string_view id) override {
    return inner_.ListDirectReports(id);
  }
  Result<std::vector<std::string>> ManagementChain(std::string_view id) override {
    return inner_.ManagementChain(id);
  }
  Result<std::vector<Person>> ListWithManagers(std::span<const std::string> ids) override {
    return inner_.ListWithManagers(ids);
  }
  Result<std::vector<PersonEvent>> ListEvents(std::string_view id) override {
    return inner_.ListEvents(id);
  }
  Result<std::vector<Department>> ListDepartments() override { return inner_.ListDepartments(); }
  Result<std::vector<Site>> ListSites() override { return inner_.ListSites(); }
  Status SetReportingAttributes(std::span<const ReportingAttribute> v) override {
    return inner_.SetReportingAttributes(v);
  }
  Result<std::vector<ReportingAttribute>> ListReportingAttributes() override {
    return inner_.ListReportingAttributes();
  }

 private:
  PeopleRepository& inner_;
  std::unordered_map<std::string, std::optional<Person>> people_;
  std::optional<std::vector<Skill>> skills_;
};

class RememberingPrograms final : public ProgramRepository {
 public:
  explicit RememberingPrograms(ProgramRepository& inner) : inner_(inner) {}

  Result<Program> FindProgram(ProgramId id) override {
    auto found = programs_.find(id.value);
    if (found == programs_.end()) {
      auto read = inner_.FindProgram(id);
      if (!read.ok()) return read.status();
      found = programs_.emplace(id.value, std::move(read).value()).first;
    }
    return found->second;
  }

  Result<MentorCapacity> EffectiveMentorCapacity(ProgramId id, std::string_view mentor) override {
    return inner_.EffectiveMentorCapacity(id, mentor);
  }
  Result<std::map<std::string, MentorCapacity>> ListMentorCapacities(ProgramId id) override {
    return inner_.ListMentorCapacities(id);
  }
  Result<Program> CreateProgram(const ProgramFields& fields, TimePoint now) override {
    return inner_.CreateProgram(fields, now);
  }
  Status UpdateProgram(ProgramId id, const ProgramFields& fields, TimePoint now) override {
    programs_.erase(id.value);
    return inner_.UpdateProgram(id, fields, now);
  }
  Status SetProgramStatus(ProgramId id, ProgramStatus from, ProgramStatus to,
                          TimePoint now) override {
    programs_.erase(id.value);
    return inner_.SetProgramStatus(id, from, to, now);
  }
  Result<std::vector<Program>> ListPrograms() override { return inner_.ListPrograms(); }
  Status SetMentorCapacity(ProgramId id, std::string_view mentor,
                           std::optional<MentorCapacity> capacity) override {
    return inner_.SetMentorCapacity(id, mentor, capacity);
  }

 private:
  ProgramRepository& inner_;
  std::unordered_map<int64_t, Program> programs_;
};

class RememberingRelationships final : public RelationshipRepository {
 public:
  explicit RememberingRelationships(RelationshipRepository& inner) : inner_(inner) {}

  Result<Relationship> FindRelationship(RelationshipId id) override {
    auto found = relationships_.find(id.value);
    if (found == relationships_.end()) {
      auto read = inner_.FindRelationship(id);
      if (!read.ok()) return read.status();
      found = relationships_.emplace(id.value, std::move(read).value()).first;
    }
    return found->second;
  }
  Result<std::optional<AgreementTemplate>> FindTemplate(ProgramId program) override {
    auto found = templates_.find(program.value);
    if (found == templates_.end()) {
      auto read = inner_.FindTemplate(program);
      if (!read.ok()) return read.status();
      found = templates_.emplace(program.value, std::move(read).value()).first;
    }
    return found->second;
  }
  Result<std::optional<Agreement>> FindAgreement(RelationshipId id) override {
    auto found = agreements_.find(id.value);
    if (found == agreements_.end()) {
      auto read = inner_.FindAgreement(id);
      if (!read.ok()) return read.status();
      found = agreements_.emplace(id.value, std::move(read).value()).first;
    }
    return found->second;
  }
  // The writes return the row read back after them: what FindRelationship reads next.
  Result<Relationship> SaveAgreement(const Agreement& agreement, int expected_version,
                                     TimePoint now) override {
    agreements_.erase(agreement.relationship_id);  // read again when next asked
    return Remember(inner_.SaveAgreement(agreement, expected_version, now));
  }
  Result<Relationship> End(RelationshipId id, const RelationshipEnding& ending) override {
    return Remember(inner_.End(id, ending));
  }
  Result<Relationship> MarkComplete(RelationshipId id, Side side, TimePoint at) override {
    return Remember(inner_.MarkComplete(id, side, at));
  }

  Result<std::vector<Relationship>> ListForPerson(std::string_view employee_id) override {
    return inner_.ListForPerson(employee_id);
  }
  Result<std::vector<Relationship>> ListForProgram(ProgramId program, bool in_force) override {
    return inner_.ListForProgram(program, in_force);
  }
  Result<std::vector<std::pair<std::string, std::string>>> ListAllPairs() override {
    return inner_.ListAllPairs();
  }
  Result<RelationshipPage> ListProgramPage(ProgramId program,
                                           const RelationshipPageQuery& query) override {
    return inner_.ListProgramPage(program, query);
  }
  Status SaveTemplate(ProgramId program, const AgreementTemplate& saved) override {
    templates_.erase(program.value);
    return inner_.SaveTemplate(program, saved);
  }

 private:
  Result<Relationship> Remember(Result<Relationship> written) {
    if (written.ok()) {
      relationships_.insert_or_assign(written->id.value, *written);
    } else {
      relationships_.clear();  // a refused write: read everything again
    }
    return written;
  }

  RelationshipRepository& inner_;
  std::unordered_map<int64_t, Relationship> relationships_;
  std::unordered_map<int64_t, std::optional<AgreementTemplate>> templates_;
  std::unordered_map<int64_t, std::optional<Agreement>> agreements_;
};

// The history's goals, kept here while GoalService writes them (as the goal repository stores
// them: ids in order, versions counted, milestones given ids, every event kept) and stored at the
// end at once by GoalHistoryWriter::ImportGoals, which gives them their ids in the same order.
class DraftGoals final : public GoalRepository {
 public:
  Result<std::vector<Goal>> ListGoals(int64_t relationship_id) override {
    std::vector<Goal> out;
    for (const auto& [id, g] : goals_) {
      if (g.relationship_id == relationship_id) out.push_back(g);
    }
    return out;
  }
  Result<Goal> FindGoal(GoalId id) override {
    auto found = goals_.find(id.value);
    if (found == goals_.end()) return Status::NotFound("no goal " + std::to_string(id.value));
    return found->second;
  }
  Result<Goal> CreateGoal(const Goal& goal, const std::vector<GoalEvent>& events) override {
    Goal stored = goal;
    stored.id = GoalId(next_goal_++);
    stored.version = 1;
    return Keep(std::move(stored), events);
  }
  Result<Goal> UpdateGoal(const Goal& goal, const std::vector<GoalEvent>& events) override {
    auto found = goals_.find(goal.id.value);
    if (found == goals_.end()) return Status::NotFound("no goal " + std::to_string(goal.id.value));
    if (found->second.version != goal.version) {
      return Status::Conflict("This goal changed meanwhile; read it again.")
          .WithReason("stale_goal");
    }
    Goal stored = goal;
    stored.relationship_id = found->second.relationship_id;
    stored.created_at = found->second.created_at;
    stored.version = goal.version + 1;
    return Keep(std::move(stored), events);
  }
  Result<std::vector<GoalEvent>> ListEvents(GoalId id) override {
    std::vector<GoalEvent> out;
    for (const GoalEvent& e : events_) {
      if (e.goal_id == id.value) out.push_back(e);
    }
    return out;
  }

  // Every goal by id, and every event in the order written.
  std::vector<Goal> goals() const {
    std::vector<Goal> out;
    for (const auto& [id, g] : goals_) out.push_back(g);
    return out;
  }
  const std::vector<GoalEvent>& events() const { return events_; }

 private:
  Goal Keep(Goal stored, const std::vector<GoalEvent>& events) {
    for (Milestone& m : stored.milestones) {
      if (!m.id.valid()) m.id = MilestoneId(next_milestone_++);
    }
    for (GoalEvent e : events) {
      e.goal_id = stored.id.value;
      events_.push_back(std::move(e));
    }
    goals_.insert_or_assign(stored.id.value, stored);
    return stored;
  }

  int64_t next_goal_ = 1, next_milestone_ = 1;
  std::map<int64_t, Goal> goals_;
  std::vector<GoalEvent> events_;
};

class RememberingFeedback final : public FeedbackRepository {
 public:
  explicit RememberingFeedback(FeedbackRepository& inner) : inner_(inner) {}

  Result<std::vector<Feedback>> ListFeedback(int64_t relationship_id) override {
    auto found = lists_.find(relationship_id);
    if (found == lists_.end()) {
      auto read = inner_.ListFeedback(relationship_id);
      if (!read.ok()) return read.status();
      found = lists_.emplace(relationship_id, std::move(read).value()).first;
    }
    return found->second;
  }
  // Returns what it was given with its id: the stored row (times are whole microseconds).
  Result<Feedback> AddFeedback(const Feedback& feedback) override {
    auto added = inner_.AddFeedback(feedback);
    if (!added.ok()) {
      lists_.clear();
      return added;
    }
    auto list = lists_.find(added->relationship_id);
    if (list != lists_.end()) list->second.push_back(*added);  // oldest first, by id
    return added;
  }
  Result<RatingAverage> ProgramAverage(ProgramId program, Side from) override {
    return inner_.ProgramAverage(program, from);
  }

 private:
  FeedbackRepository& inner_;
  std::unordered_map<int64_t, std::vector<Feedback>> lists_;
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

constexpr std::array kTopics = {
    "Where the project plan stands; how to get the sponsor's attention.",
    "Feedback from the last team meeting and what to do with it.",
    "Preparing the talk: structure and the first two minutes.",
    "Saying no to extra work without burning bridges.",
    "Reading the budget: which lines matter and why.",
    "Career paths after a first lead role.",
    "How the other department decides; who to talk to.",
};
struct ActionIdea {
  const char* text;
  const char* owner;
};
constexpr std::array kActions = {
    ActionIdea{"Draft the project one-pager", "mentee"},
    ActionIdea{"Send the article on stakeholder maps", "mentor"},
    ActionIdea{"Ask my manager for the budget file", "mentee"},
    ActionIdea{"Introduce to the finance lead", "mentor"},
    ActionIdea{"Rehearse the talk once with a colleague", "mentee"},
    ActionIdea{"Write down three things that went well this month", "mentee"},
};
constexpr std::array kRooms = {"Café on the 2nd floor", "Meeting room Lindt", "The garden terrace"};

// Weekly windows in the person's own time zone: most people mornings and afternoons on
// weekdays, some only two afternoons a week.
std::vector<AvailabilityWindow> DemoWindows(int variant) {
  std::vector<AvailabilityWindow> out;
  if (variant % 4 == 3) {
    out.push_back({1, 13 * 60, 17 * 60});
    out.push_back({3, 13 * 60, 17 * 60});
    return out;
  }
  for (int day = 0; day < 5; ++day) {
    out.push_back({day, (8 + variant % 2) * 60, 12 * 60});
    out.push_back({day, 13 * 60, (16 + variant % 3) * 60});
  }
  return out;
}

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

// A pair's meetings from a few days after the agreement until `until`, at its cadence: most held
// (logged by one side, with topics and now and then action items, done unless recent), some
// missed; the mode follows the agreement, with the odd meeting in person. An active pair also has
// its next meeting planned (scheduled, or proposed by the mentor and waiting for the mentee; in
// a pair gone quiet, proposed by the mentee and left unanswered by the mentor).
// The same time on the next working day when `t` falls on a weekend.
TimePoint OnAWorkingDay(TimePoint t) {
  const unsigned day = std::chrono::weekday(std::chrono::floor<days>(t)).c_encoding();
  return day == 6 ? t + days(2) : day == 0 ? t + days(1) : t;  // Saturday, Sunday
}

void AddMeetings(const Relationship& r, int i, bool weekly_in_person, TimePoint activated,
                 TimePoint until, bool active, TimePoint now, demo::Random& random,
                 MeetingHistory& history) {
  const int cadence = weekly_in_person ? 7 : 14;
  const auto hour = std::chrono::hours(7 + i % 10);  // UTC: a working hour almost everywhere
  TimePoint when = std::chrono::floor<days>(activated) + days(3) + hour;
  auto make = [&](int k, MeetingStatus status) {
    Meeting m;
    m.relationship = r.id;
    m.mentor = r.mentor;
    m.mentee = r.mentee;
    m.status = status;
    m.mode = weekly_in_person || k % 3 == 2 ? MeetingMode::kInPerson : MeetingMode::kVirtual;
    if (m.mode == MeetingMode::kInPerson) {
      m.location = kRooms[static_cast<std::size_t>(i + k) % kRooms.size()];
    } else {
      m.video_url = "https://meet.example.com/lc-" + std::to_string(r.id.value);
    }
    m.starts_at = OnAWorkingDay(when);
    m.ends_at = m.starts_at + std::chrono::minutes(k % 4 == 1 ? 45 : 60);
    m.proposed_by = k % 2 == 0 ? r.mentee : r.mentor;
    m.organizer = m.proposed_by;
    m.uid = "demo-" + std::to_string(r.id.value) + "-" + std::to_string(k) + "@pairwise";
    m.created_at = std::max<TimePoint>(activated, m.starts_at - days(5));
    m.updated_at = m.created_at;
    return m;
  };
  std::vector<MeetingHistory::Entry> mine;
  int k = 0;
  for (; OnAWorkingDay(when) + std::chrono::hours(2) < until; when += days(cadence), ++k) {
    const bool missed = (i + k) % 6 == 4;
    Meeting m = make(k, missed ? MeetingStatus::kMissed : MeetingStatus::kHeld);
    m.logged_by = k % 2 == 0 ? r.mentee : r.mentor;
    m.logged_at = std::min(m.ends_at + std::chrono::hours(3), now);
    m.updated_at = *m.logged_at;
    MeetingHistory::Entry entry{m, {}};
    if (!missed) {
      m.log_minutes = static_cast<int>((m.ends_at - m.starts_at) / std::chrono::minutes(1)) -
                      static_cast<int>(random.Below(3)) * 5;
      m.log_topics = kTopics[static_cast<std::size_t>(i + k) % kTopics.size()];
      entry.meeting = m;
      const int count = static_cast<int>(random.Below(3));
      for (int a = 0; a < count; ++a) {
        const ActionIdea& idea = kActions[static_cast<std::size_t>(i + k + a) % kActions.size()];
        ActionItem item;
        item.text = idea.text;
        item.owner = idea.owner;
        item.due = Date(std::chrono::floor<days>(m.starts_at) + days(cadence));
        item.created_by = m.logged_by;
        item.created_at = *m.logged_at;
        // Done by the next meeting, mostly; the latest ones (and the odd older one) stay open.
        const TimePoint done_at = m.ends_at + days(cadence - 1);
        if (done_at < until && done_at < now && (i + k + a) % 7 != 3) {
          item.done = true;
          item.done_at = done_at;
        }
        entry.items.push_back(std::move(item));
      }
    }
    mine.push_back(std::move(entry));
  }
  if (active) {
    when = std::max<TimePoint>(when, std::chrono::floor<days>(now) + days(1 + i % 6) + hour);
    const bool proposed = i % 4 == 0;
    Meeting next = make(k, proposed ? MeetingStatus::kProposed : MeetingStatus::kScheduled);
    next.proposed_by = r.mentor;
    next.organizer = r.mentor;
    next.created_at = now - days(1);
    if (until < now) {
      // A pair gone quiet: the mentee asked to meet over a week ago and the mentor has not
      // answered — the unresponsive mentor the health board offers to replace.
      next.status = MeetingStatus::kProposed;
      next.proposed_by = r.mentee;
      next.organizer = r.mentee;
      next.created_at = now - days(8 + i % 5);
    }
    next.updated_at = next.created_at;
    next.agenda = "Progress on the goals; what is in the way.";
    mine.push_back({next, {}});
  }
  for (MeetingHistory::Entry& e : mine) history.meetings.push_back(std::move(e));
}

bool SpeakTogether(const Person& a, const Person& b) {
  return std::ranges::any_of(a.languages, [&](const std::string& language) {
    return std::ranges::find(b.languages, language) != b.languages.end();
  });
}

// Runs the matching of `program` as the worker would, with `settings`, as a run the coordinator
// started at `at`; returns the finished proposal (Internal when the engine did not finish it).
// Any run queued before it is run first, as a worker would.
Result<Proposal> RunDemoMatching(const DemoRelationshipStores& s, const Program& program,
                                 const MatchSettings& settings, bool is_what_if,
                                 const std::string& coordinator, TimePoint at) {
  Proposal proposal;
  proposal.program = program.id;
  proposal.settings = settings;
  proposal.what_if = is_what_if;
  proposal.created_by = coordinator;
  proposal.created_at = at;
  proposal.phase = "Waiting for a worker";
  auto created = s.proposals.CreateProposal(proposal);
  if (!created.ok()) return created.status();
  for (;;) {
    auto ran = s.matching.RunNextJob("demo");
    if (!ran.ok()) return ran.status();
    auto found = s.proposals.FindProposal(created->id);
    if (!found.ok()) return found.status();
    if (found->status == ProposalStatus::kDone) return found;
    if (!*ran || found->status != ProposalStatus::kQueued) {
      return Status::Internal("the demo's matching run did not finish: " + found->error);
    }
  }
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

  // Candidates: active people; mentors at level 6 and up, mentees at 2-4, paired below under the
  // program's hard rules.
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

  // The program's settings (its type's defaults), whose hard rules every pair below keeps: the
  // engine's run that scores them refuses a pin that breaks one.
  auto mentee_form = s.applications.FindForm(program->id, Side::kMentee);
  if (!mentee_form.ok()) return mentee_form.status();
  auto mentor_form = s.applications.FindForm(program->id, Side::kMentor);
  if (!mentor_form.ok()) return mentor_form.status();
  const MatchSettings saved = DefaultMatchSettings(*program, *mentee_form, *mentor_form);
  // `chain`: the mentee's management chain.
  auto keeps_the_rules = [&](const Person& mentee, const Person& mentor,
                             const std::vector<std::string>& chain) {
    return std::ranges::find(chain, mentor.employee_id) == chain.end() &&
           (!saved.other_department || mentor.department != mentee.department) &&
           (!saved.shared_language || SpeakTogether(mentor, mentee)) &&
           (!saved.min_level_gap || mentor.level - mentee.level >= *saved.min_level_gap);
  };

  // The pairs: each mentor takes up to two mentees, within those rules.
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
    pair.score = 600 + static_cast<int64_t>(random.Below(300));  // the engine's, once it ran
    pair.explanation = why;
    pairs.push_back(std::move(pair));
  };
  if (!participant.empty() && !admin.empty()) {
    auto mentee = s.people.FindPerson(participant);
    auto mentor = s.people.FindPerson(admin);
    // In a small organization the admin may head it, or be at the participant's level: no pair.
    if (mentee.ok() && mentor.ok()) {
      auto chain = s.people.ManagementChain(participant);
      if (!chain.ok()) return chain.status();
      if (keeps_the_rules(*mentee, *mentor, *chain)) {
        add_pair(*mentee, *mentor,
                 "Offers leadership experience across departments; both prefer meeting in person");
      }
    }
  }
  std::size_t next_mentor = 0;
  for (const Person& mentee : mentees) {
    if (static_cast<int>(pairs.size()) >= kDemoRelationships || mentors.empty()) break;
    auto chain = s.people.ManagementChain(mentee.employee_id);
    if (!chain.ok()) return chain.status();
    for (std::size_t tries = 0; tries < mentors.size(); ++tries) {
      const Person& mentor = mentors[(next_mentor + tries) % mentors.size()];
      if (taken[mentor.employee_id] >= 2 || !keeps_the_rules(mentee, mentor, *chain)) continue;
      ++taken[mentor.employee_id];
      next_mentor = (next_mentor + tries + 1) % mentors.size();
      add_pair(mentee, mentor,
               "Offers the leadership experience " + mentee.first_name +
                   " wants to grow, from another department");
      break;
    }
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const ProposalPair& a, const ProposalPair& b) { return a.mentee < b.mentee; });

  // Everyone paired, and some mentors still free, applied and were approved before matching: the
  // program's pool, from which the coordinator can rematch a mentee whose pair ended.
  {
    std::vector<Application> applied;
    std::set<std::string> seen;
    auto apply = [&](const std::string& id, Side side) {
      if (!seen.insert(id).second) return;
      Application a;
      a.program = program->id;
      a.side = side;
      a.employee_id = id;
      a.status = ApplicationStatus::kSubmitted;
      applied.push_back(std::move(a));
    };
    for (const ProposalPair& p : pairs) apply(p.mentee, Side::kMentee);
    for (const ProposalPair& p : pairs) apply(p.mentor, Side::kMentor);
    int spare = 0;
    for (const Person& m : mentors) {
      if (spare >= kDemoRelationships / 8) break;
      if (taken.contains(m.employee_id)) continue;
      apply(m.employee_id, Side::kMentor);
      ++spare;
    }
    auto created = s.applications.CreateApplications(applied, start - days(40));
    if (!created.ok()) return created.status();
    std::vector<ApplicationId> ids;
    for (const Application& a : *created) ids.push_back(a.id);
    PAIRWISE_RETURN_IF_ERROR(s.applications.Decide(
        program->id, ids, {ApplicationStatus::kSubmitted}, ApplicationStatus::kApproved,
        "Welcome to the Leadership Circle.", start - days(30)));
  }

  // Matched and published five months ago, through the runs a coordinator makes: a what-if run
  // first (skills weighted double, as many mentees as possible: settings for that run only), then
  // the run with the program's settings, which was published. Both are the engine's runs (the
  // worker's job), so their scores, explanations and figures are real and Compare works between
  // them. The saved run keeps the pairs chosen above as pins (lifted once it is done), so that
  // the relationships below are those pairs, scored as the engine scores them.
  MatchSettings what_if = saved;
  what_if.weights[static_cast<int>(matching::Criterion::kSkills)] *= 2;
  what_if.objective = matching::Objective::kCoverage;
  auto what_if_run =
      RunDemoMatching(s, *program, what_if, /*is_what_if=*/true, coordinator, start - days(3));
  if (!what_if_run.ok()) return what_if_run.status();
  for (const ProposalPair& p : pairs) {
    PairConstraint pin{.program = program->id,
                       .mentee = p.mentee,
                       .mentor = p.mentor,
                       .kind = ConstraintKind::kPin,
                       .created_by = coordinator,
                       .created_at = start - days(2)};
    auto pinned = s.proposals.PutConstraint(pin);
    if (!pinned.ok()) return pinned.status();
  }
  auto created =
      RunDemoMatching(s, *program, saved, /*is_what_if=*/false, coordinator, start - days(2));
  if (!created.ok()) return created.status();
  for (const ProposalPair& p : pairs) {
    PAIRWISE_RETURN_IF_ERROR(s.proposals.DeleteConstraint(program->id, p.mentee, p.mentor));
  }
  auto run_pairs = s.proposals.ListPairs(created->id);
  if (!run_pairs.ok()) return run_pairs.status();
  std::unordered_map<std::string, const ProposalPair*> run_pair_of;
  for (const ProposalPair& p : *run_pairs) run_pair_of.emplace(p.mentee, &p);
  for (ProposalPair& p : pairs) {
    auto found = run_pair_of.find(p.mentee);
    if (found == run_pair_of.end() || found->second->mentor != p.mentor) {
      return Status::Internal("the demo run did not keep the pinned pair of " + p.mentee);
    }
    p.score = found->second->score;  // the engine's; the why stays written for the pair
  }
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

  // Their history, written through the services on a clock that walks from the start to now,
  // over repositories that read each row once (see RememberingPeople); the goals are drafted in
  // memory and stored at the end at once (DraftGoals). With history_reads_once false, the
  // services read and write the database at every call, as they do for users.
  FakeClock clock(start);
  DiscardingMailQueue mail;
  RememberingPeople remembered_people(s.people_rows);
  RememberingPrograms remembered_programs(s.programs);
  RememberingRelationships remembered_relationships(s.relationships);
  DraftGoals drafted_goals;
  RememberingFeedback remembered_feedback(s.feedback);
  const bool once = options.history_reads_once;
  PeopleService people(once ? remembered_people : s.people_rows);
  ProgramRepository& program_rows = once ? remembered_programs : s.programs;
  RelationshipService relationships(once ? remembered_relationships : s.relationships, program_rows,
                                    people, s.matching, mail, clock, "");
  GoalService goals(once ? drafted_goals : s.goals, relationships, people, clock);
  NoteService notes(s.notes, s.cipher, relationships, clock);
  FeedbackService feedback(once ? remembered_feedback : s.feedback, s.introductions, relationships,
                           program_rows, people, mail, clock, "");
  const bool notes_available = s.cipher.Seal("").ok();
  // Each pair's story has its own time line: the clock is set back to its start.
  auto at = [&](TimePoint when) { clock.Advance(std::min(when, now) - clock.Now()); };
  // Meetings and availability are gathered here and written at the end in one transaction.
  MeetingHistory history;
  std::set<std::string> available;
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
    // Everyone paired says when they can meet (the demo logins too, for their walk).
    for (const std::string* person : {&r.mentor, &r.mentee}) {
      if (available.insert(*person).second) {
        history.availability.emplace_back(*person, DemoWindows(static_cast<int>(random.Below(8))));
      }
    }
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
    const TimePoint activated = clock.Now();
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
    TimePoint until = now;  // when the pair stopped meeting
    if (fate == Fate::kActive) {
      ++summary.active;
      // Every tenth pair has gone quiet for a month or more: what the health board flags.
      if (i % 10 == 7) until = now - days(30 + i % 15);
    } else if (fate == Fate::kCompleted) {
      at(now - days(random.Between(2, 10)));
      until = clock.Now();
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
      until = clock.Now();
      const Ending& e = kEndings[static_cast<std::size_t>(i) % kEndings.size()];
      auto ended = relationships.End(i % 2 == 0 ? mentee : mentor, r.id, e.reason, e.comment);
      if (!ended.ok()) return ended.status();
      ++summary.ended_early;
    }
    AddMeetings(r, i, adjust, activated, until, fate == Fate::kActive, now, random, history);
  }
  for (const MeetingHistory::Entry& e : history.meetings) {
    summary.action_items += static_cast<int>(e.items.size());
  }
  summary.meetings = static_cast<int>(history.meetings.size());
  if (once) {
    auto stored = s.goal_history.ImportGoals(drafted_goals.goals(), drafted_goals.events());
    if (!stored.ok()) return stored.status();
  }
  PAIRWISE_RETURN_IF_ERROR(s.meetings.ImportHistory(history, now));
  return summary;
}

}  // namespace pairwise::domain
