#include "domain/relationships/goal_service.h"

#include <algorithm>
#include <utility>

#include "common/utf8.h"

namespace pairwise::domain {

namespace {

constexpr std::size_t kMaxTitleChars = 200;

Status CheckText(const std::string& text, const std::string& field, std::size_t max,
                 bool required) {
  const auto length = CountUtf8CodePoints(text);
  if (!length) return Status::InvalidArgument("Use plain text.", field);
  if (required && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("Say what the goal is.", field);
  }
  if (*length > max) {
    return Status::InvalidArgument("Keep it under " + std::to_string(max) + " characters.", field);
  }
  return Status::Ok();
}

GoalView ViewOf(Goal goal) {
  GoalView v;
  v.checks = GoalChecks(goal);
  v.goal = std::move(goal);
  return v;
}

}  // namespace

Result<RelationshipDetail> GoalService::Writable(const Actor& actor, RelationshipId id, Who who) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireActiveMember(actor, *context));
  if (who == Who::kMentee && !context->relations.mentee) {
    return Status::Forbidden("The mentee owns the goals; their mentor comments and confirms.");
  }
  if (who == Who::kMentor && !context->relations.mentor) {
    return Status::Forbidden("Only the mentor confirms a goal.");
  }
  return relationships_.Get(actor, id);
}

Status GoalService::CheckDue(const std::optional<Date>& due, const RelationshipDetail& r,
                             const std::string& field) {
  if (!due) return Status::Ok();
  const auto& rel = r.view.relationship;
  const Date start{
      std::chrono::floor<std::chrono::days>(rel.activated_at.value_or(rel.started_at))};
  if (*due < start) {
    return Status::InvalidArgument(
        "Choose a date on or after the relationship began (" + FormatDate(start) + ").", field);
  }
  if (r.agreement && r.agreement->end_date && *due > *r.agreement->end_date) {
    return Status::InvalidArgument("Choose a date before the relationship's expected end (" +
                                       FormatDate(*r.agreement->end_date) + ").",
                                   field);
  }
  return Status::Ok();
}

Status GoalService::CheckFields(const GoalFields& f, const RelationshipDetail& r) {
  PAIRWISE_RETURN_IF_ERROR(CheckText(f.title, "title", kMaxTitleChars, true));
  PAIRWISE_RETURN_IF_ERROR(CheckText(f.measure, "measure", kMaxGoalTextChars, false));
  PAIRWISE_RETURN_IF_ERROR(CheckText(f.target, "target", kMaxGoalTextChars, false));
  PAIRWISE_RETURN_IF_ERROR(CheckText(f.relevance, "relevance", kMaxGoalTextChars, false));
  if (f.progress < 0 || f.progress > 100) {
    return Status::InvalidArgument("Progress is 0 to 100 percent.", "progress");
  }
  if (!f.skill.empty()) {
    auto skills = people_.ListSkills();
    if (!skills.ok()) return skills.status();
    const bool known = std::any_of(skills->begin(), skills->end(),
                                   [&](const Skill& s) { return s.code == f.skill; });
    if (!known) return Status::InvalidArgument("Choose a skill from the list.", "skill");
  }
  return CheckDue(f.due_date, r, "due_date");
}

Result<GoalsView> GoalService::List(const Actor& actor, RelationshipId id) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  const RelationshipRelations& rel = context->relations;
  if (!rel.Member() && !rel.Overseer()) {
    return Status::Forbidden("Goals belong to the pair; managers do not see them.");
  }
  auto goals = goals_.ListGoals(id.value);
  if (!goals.ok()) return goals.status();
  GoalsView out;
  out.full = rel.Member();
  int total = 0;
  for (Goal& g : *goals) {
    GoalSummary s;
    s.progress = g.fields.progress;
    s.completed = g.completed_at.has_value();
    s.milestones = static_cast<int>(g.milestones.size());
    for (const Milestone& m : g.milestones) s.milestones_done += m.done_at ? 1 : 0;
    total += s.progress;
    out.summaries.push_back(s);
    if (out.full) out.goals.push_back(ViewOf(std::move(g)));
  }
  if (!out.summaries.empty()) out.average_progress = total / static_cast<int>(out.summaries.size());
  return out;
}

Result<GoalView> GoalService::Create(const Actor& actor, RelationshipId id,
                                     const GoalFields& fields) {
  auto r = Writable(actor, id, Who::kMentee);
  if (!r.ok()) return r.status();
  PAIRWISE_RETURN_IF_ERROR(CheckFields(fields, *r));
  auto existing = goals_.ListGoals(id.value);
  if (!existing.ok()) return existing.status();
  if (existing->size() >= static_cast<std::size_t>(kMaxGoalsPerRelationship)) {
    return Status::InvalidArgument(
        "A relationship has at most " + std::to_string(kMaxGoalsPerRelationship) + " goals.",
        "goals");
  }
  Goal goal;
  goal.relationship_id = id.value;
  goal.fields = fields;
  if (goal.fields.progress_mode == ProgressMode::kMilestones) goal.fields.progress = 0;
  goal.created_at = goal.updated_at = clock_.Now();
  std::vector<GoalEvent> events = {
      GoalEvent{0, goal.created_at, actor.employee_id, "created", "", goal.fields.title}};
  auto created = goals_.CreateGoal(goal, events);
  if (!created.ok()) return created.status();
  if (activity_) activity_->RelationshipChanged(RelationshipId(created->relationship_id));
  return ViewOf(std::move(created).value());
}

Result<GoalService::Loaded> GoalService::LoadGoal(const Actor& actor, RelationshipId id,
                                                  GoalId goal_id, int version, Who who) {
  auto r = Writable(actor, id, who);
  if (!r.ok()) return r.status();
  auto goal = goals_.FindGoal(goal_id);
  if (!goal.ok()) return goal.status();
  if (goal->relationship_id != id.value) {
    return Status::NotFound("no goal " + std::to_string(goal_id.value));
  }
  if (goal->version != version) {
    return Status::Conflict("This goal changed meanwhile (perhaps in another tab); read it again.")
        .WithReason("stale_goal");
  }
  return Loaded{std::move(r).value(), std::move(goal).value()};
}

Result<GoalView> GoalService::Save(const Actor& actor, const Goal& before, Goal after) {
  if (after.fields.progress_mode == ProgressMode::kMilestones) {
    after.fields.progress = MilestoneProgress(after.milestones);
  }
  after.updated_at = clock_.Now();
  auto events = GoalDiff(before, after, actor.employee_id, after.updated_at);
  auto saved = goals_.UpdateGoal(after, events);
  if (!saved.ok()) return saved.status();
  if (activity_) activity_->RelationshipChanged(RelationshipId(saved->relationship_id));
  // Completed: the mentor confirmed it, or its progress reached 100 %, for the first time.
  const auto done = [](const Goal& g) { return g.completed_at || g.fields.progress >= 100; };
  if (done(*saved) && !done(before)) {
    PublishEvent(events_, "goal.completed",
                 {{"relationship_id", std::to_string(saved->relationship_id)},
                  {"goal_id", std::to_string(saved->id.value)},
                  {"title", saved->fields.title}});
  }
  return ViewOf(std::move(saved).value());
}

Result<GoalView> GoalService::Update(const Actor& actor, RelationshipId id, GoalId goal,
                                     int version, const GoalFields& fields) {
  auto loaded = LoadGoal(actor, id, goal, version, Who::kMentee);
  if (!loaded.ok()) return loaded.status();
  PAIRWISE_RETURN_IF_ERROR(CheckFields(fields, loaded->relationship));
  Goal after = loaded->goal;
  after.fields = fields;
  return Save(actor, loaded->goal, std::move(after));
}

Result<GoalView> GoalService::AddMilestone(const Actor& actor, RelationshipId id, GoalId goal,
                                           int version, const std::string& title,
                                           std::optional<Date> due) {
  auto loaded = LoadGoal(actor, id, goal, version, Who::kMentee);
  if (!loaded.ok()) return loaded.status();
  PAIRWISE_RETURN_IF_ERROR(CheckText(title, "title", kMaxTitleChars, true));
  PAIRWISE_RETURN_IF_ERROR(CheckDue(due, loaded->relationship, "due_date"));
  if (loaded->goal.milestones.size() >= static_cast<std::size_t>(kMaxMilestonesPerGoal)) {
    return Status::InvalidArgument(
        "A goal has at most " + std::to_string(kMaxMilestonesPerGoal) + " milestones.",
        "milestones");
  }
  Goal after = loaded->goal;
  after.milestones.push_back(Milestone{MilestoneId(), title, due, std::nullopt});
  return Save(actor, loaded->goal, std::move(after));
}

Result<GoalView> GoalService::SetMilestoneDone(const Actor& actor, RelationshipId id, GoalId goal,
                                               int version, MilestoneId milestone, bool done) {
  auto loaded = LoadGoal(actor, id, goal, version, Who::kMentee);
  if (!loaded.ok()) return loaded.status();
  Goal after = loaded->goal;
  auto it = std::find_if(after.milestones.begin(), after.milestones.end(),
                         [&](const Milestone& m) { return m.id == milestone; });
  if (it == after.milestones.end()) {
    return Status::NotFound("no milestone " + std::to_string(milestone.value));
  }
  if (done && !it->done_at) it->done_at = clock_.Now();
  if (!done) it->done_at.reset();
  return Save(actor, loaded->goal, std::move(after));
}

Result<GoalView> GoalService::Confirm(const Actor& actor, RelationshipId id, GoalId goal,
                                      int version, GoalConfirmation what, bool confirmed) {
  auto loaded = LoadGoal(actor, id, goal, version, Who::kMentor);
  if (!loaded.ok()) return loaded.status();
  Goal after = loaded->goal;
  auto& mark =
      what == GoalConfirmation::kAchievable ? after.achievable_confirmed_at : after.completed_at;
  if (confirmed && !mark) mark = clock_.Now();
  if (!confirmed) mark.reset();
  return Save(actor, loaded->goal, std::move(after));
}

Result<std::vector<GoalEvent>> GoalService::History(const Actor& actor, RelationshipId id,
                                                    GoalId goal) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, *context));
  auto found = goals_.FindGoal(goal);
  if (!found.ok()) return found.status();
  if (found->relationship_id != id.value) {
    return Status::NotFound("no goal " + std::to_string(goal.value));
  }
  return goals_.ListEvents(goal);
}

}  // namespace pairwise::domain
