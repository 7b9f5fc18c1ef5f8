// The GoalRepository contract, run against the in-memory fake, SQLite and PostgreSQL
// (PAIRWISE_TEST_POSTGRES_URL). Goals belong to relationships, so each test publishes one.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "storage/testing/matching_store.h"

namespace pairwise::storage {
namespace {

using domain::Goal;
using domain::GoalEvent;
using testing::MatchingBackendNames;
using testing::MatchingBackends;
using testing::MatchingContract;
using testing::Seconds;

template <typename Backend>
class GoalContract : public MatchingContract<Backend> {
 protected:
  int64_t Relationship() {
    const auto pairs = std::vector{this->Pair("A", "M")};
    const auto id = this->RunToDone(this->Create(), pairs);
    auto published = this->repo().Publish(this->PlanFor(id, pairs, 5000));
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    return published.ok() ? (*published)[0].id.value : 0;
  }
  domain::GoalRepository& goals() { return *this->store_.goals; }

  static Goal Draft(int64_t relationship, std::string title) {
    Goal g;
    g.relationship_id = relationship;
    g.fields.title = std::move(title);
    g.fields.measure = "Talks given";
    g.fields.due_date = domain::testing::D(2027, 3, 1);
    g.milestones.push_back(
        {domain::MilestoneId(), "Pick a topic", domain::testing::D(2027, 1, 15), std::nullopt});
    g.created_at = g.updated_at = Seconds(6000);
    return g;
  }
};

TYPED_TEST_SUITE(GoalContract, MatchingBackends, MatchingBackendNames);

TYPED_TEST(GoalContract, GoalsAreCreatedReadAndListedInOrder) {
  const int64_t r = this->Relationship();
  auto first = this->goals().CreateGoal(this->Draft(r, "Speak at a meetup"),
                                        {GoalEvent{0, Seconds(6000), "A", "created", "", "x"}});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->id.valid());
  EXPECT_EQ(first->version, 1);
  ASSERT_EQ(first->milestones.size(), 1u);
  EXPECT_TRUE(first->milestones[0].id.valid());
  auto second = this->goals().CreateGoal(this->Draft(r, "Lead a review"), {});
  ASSERT_TRUE(second.ok());

  auto found = this->goals().FindGoal(first->id);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->fields, first->fields);
  EXPECT_EQ(found->relationship_id, r);
  EXPECT_EQ(found->created_at, Seconds(6000));
  EXPECT_EQ(found->milestones[0].title, "Pick a topic");
  EXPECT_EQ(found->milestones[0].due_date, domain::testing::D(2027, 1, 15));
  EXPECT_FALSE(found->milestones[0].done_at);
  EXPECT_EQ(this->goals().FindGoal(domain::GoalId(99999)).status().code(), ErrorCode::kNotFound);

  auto list = this->goals().ListGoals(r);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].fields.title, "Speak at a meetup");
  EXPECT_EQ((*list)[1].fields.title, "Lead a review");
  EXPECT_EQ((*list)[1].milestones.size(), 1u);
  EXPECT_TRUE(this->goals().ListGoals(r + 1000)->empty());
}

TYPED_TEST(GoalContract, UpdatesNeedTheCurrentVersionAndKeepHistory) {
  const int64_t r = this->Relationship();
  auto goal = this->goals().CreateGoal(this->Draft(r, "Speak at a meetup"), {});
  ASSERT_TRUE(goal.ok());
  Goal changed = *goal;
  changed.fields.target = "One talk";
  changed.fields.progress = 50;
  changed.milestones[0].done_at = Seconds(7000);
  changed.milestones.push_back({domain::MilestoneId(), "Rehearse", std::nullopt, std::nullopt});
  changed.achievable_confirmed_at = Seconds(7100);
  changed.updated_at = Seconds(7200);
  auto updated =
      this->goals().UpdateGoal(changed, {GoalEvent{0, Seconds(7200), "A", "target", "", "One talk"},
                                         GoalEvent{0, Seconds(7200), "A", "progress", "0", "50"}});
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->fields.target, "One talk");
  EXPECT_EQ(updated->fields.progress, 50);
  EXPECT_EQ(updated->achievable_confirmed_at, Seconds(7100));
  ASSERT_EQ(updated->milestones.size(), 2u);
  EXPECT_EQ(updated->milestones[0].done_at, Seconds(7000));
  EXPECT_TRUE(updated->milestones[1].id.valid());

  // A second tab still holding version 1 is refused and changes nothing.
  changed.fields.target = "Two talks";
  auto stale = this->goals().UpdateGoal(changed, {GoalEvent{0, Seconds(7300), "A", "t", "", ""}});
  EXPECT_EQ(stale.status().reason(), "stale_goal");
  EXPECT_EQ(this->goals().FindGoal(goal->id)->fields.target, "One talk");
  changed.id = domain::GoalId(99999);
  EXPECT_EQ(this->goals().UpdateGoal(changed, {}).status().code(), ErrorCode::kNotFound);

  auto events = this->goals().ListEvents(goal->id);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].field, "target");
  EXPECT_EQ((*events)[0].to, "One talk");
  EXPECT_EQ((*events)[0].by, "A");
  EXPECT_EQ((*events)[0].at, Seconds(7200));
  EXPECT_EQ((*events)[1].from, "0");
}

// A goal's milestones without their ids (the import gives new ones).
std::vector<std::tuple<std::string, std::optional<domain::Date>, std::optional<TimePoint>>>
MilestonesOf(const Goal& g) {
  std::vector<std::tuple<std::string, std::optional<domain::Date>, std::optional<TimePoint>>> out;
  for (const domain::Milestone& m : g.milestones) out.emplace_back(m.title, m.due_date, m.done_at);
  return out;
}
std::vector<std::tuple<TimePoint, std::string, std::string, std::string, std::string>> EventsOf(
    const std::vector<GoalEvent>& events) {
  std::vector<std::tuple<TimePoint, std::string, std::string, std::string, std::string>> out;
  for (const GoalEvent& e : events) out.emplace_back(e.at, e.by, e.field, e.from, e.to);
  return out;
}

TYPED_TEST(GoalContract, ImportStoresWhatTheCallsStored) {
  const int64_t r = this->Relationship();
  // One by one: created, then a milestone done, another added and the goal confirmed.
  auto created = this->goals().CreateGoal(
      this->Draft(r, "Speak at a meetup"),
      {GoalEvent{0, Seconds(6000), "A", "created", "", "Speak at a meetup"}});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Goal changed = *created;
  changed.fields.progress = 50;
  changed.milestones[0].done_at = Seconds(7000);
  changed.milestones.push_back({domain::MilestoneId(), "Rehearse", std::nullopt, std::nullopt});
  changed.achievable_confirmed_at = Seconds(7100);
  changed.completed_at = Seconds(7150);
  changed.updated_at = Seconds(7200);
  auto called = this->goals().UpdateGoal(
      changed, {GoalEvent{0, Seconds(7200), "M", "achievable", "", "yes"},
                GoalEvent{0, Seconds(7200), "A", "milestone:Pick a topic", "open", "done"}});
  ASSERT_TRUE(called.ok()) << called.status().ToString();
  auto called_events = this->goals().ListEvents(called->id);
  ASSERT_TRUE(called_events.ok());

  // The same goal as it stands, and a draft without milestones, due date or measure, imported
  // under the caller's own ids (ids of another store).
  Goal first = *called;
  first.id = domain::GoalId(501);
  Goal second;
  second.id = domain::GoalId(502);
  second.relationship_id = r;
  second.fields.title = "Lead a review";
  second.version = 3;
  second.created_at = Seconds(8000);
  second.updated_at = Seconds(8100);
  std::vector<GoalEvent> events = *called_events;
  for (GoalEvent& e : events) e.goal_id = 501;
  events.insert(events.begin() + 1, GoalEvent{502, Seconds(8000), "A", "created", "", "Lead"});
  auto ids = this->store_.GoalHistory().ImportGoals({first, second}, events);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 2u);
  EXPECT_GT((*ids)[0].value, called->id.value);
  EXPECT_GT((*ids)[1].value, (*ids)[0].value);

  auto list = this->goals().ListGoals(r);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 3u);
  const Goal& imported = (*list)[1];
  EXPECT_EQ(imported.id, (*ids)[0]);
  EXPECT_EQ(imported.relationship_id, r);
  EXPECT_EQ(imported.fields, called->fields);
  EXPECT_EQ(imported.version, 2);
  EXPECT_EQ(imported.achievable_confirmed_at, Seconds(7100));
  EXPECT_EQ(imported.completed_at, Seconds(7150));
  EXPECT_EQ(imported.created_at, called->created_at);
  EXPECT_EQ(imported.updated_at, Seconds(7200));
  EXPECT_EQ(MilestonesOf(imported), MilestonesOf(*called));
  ASSERT_EQ(imported.milestones.size(), 2u);
  EXPECT_GT(imported.milestones[0].id.value, called->milestones[1].id.value);
  EXPECT_GT(imported.milestones[1].id.value, imported.milestones[0].id.value);
  EXPECT_EQ(EventsOf(*this->goals().ListEvents(imported.id)), EventsOf(*called_events));

  const Goal& draft = (*list)[2];
  EXPECT_EQ(draft.id, (*ids)[1]);
  EXPECT_EQ(draft.fields, second.fields);
  EXPECT_EQ(draft.version, 3);
  EXPECT_FALSE(draft.achievable_confirmed_at);
  EXPECT_FALSE(draft.completed_at);
  EXPECT_EQ(draft.created_at, Seconds(8000));
  EXPECT_TRUE(draft.milestones.empty());
  auto draft_events = this->goals().ListEvents(draft.id);
  ASSERT_TRUE(draft_events.ok());
  ASSERT_EQ(draft_events->size(), 1u);
  EXPECT_EQ((*draft_events)[0].to, "Lead");

  // All or nothing: an event of no imported goal, two goals under one id.
  EXPECT_TRUE(this->store_.GoalHistory().ImportGoals({}, {}).ok());
  EXPECT_EQ(this->store_.GoalHistory()
                .ImportGoals({second}, {GoalEvent{999, Seconds(1), "A", "x", "", ""}})
                .status()
                .code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->store_.GoalHistory().ImportGoals({second, second}, {}).status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->goals().ListGoals(r)->size(), 3u);
}

}  // namespace
}  // namespace pairwise::storage
