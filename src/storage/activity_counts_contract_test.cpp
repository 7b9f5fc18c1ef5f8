// The ActivityCountsReader contract (a program's relationships table: meetings held, the last
// one, goals and their progress), run against the in-memory fakes, SQLite and PostgreSQL
// (PAIRWISE_TEST_POSTGRES_URL).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/activity_counts_repository.h"
#include "storage/group_meeting_repository.h"
#include "storage/meeting_repository.h"
#include "storage/memory/memory_activity_counts.h"
#include "storage/memory/memory_group_meeting_repository.h"
#include "storage/memory/memory_meeting_repository.h"
#include "storage/testing/matching_store.h"

namespace pairwise::storage {
namespace {

using domain::ActivityCounts;
using domain::MeetingStatus;
using domain::RelationshipId;
using testing::MatchingBackendNames;
using testing::MatchingBackends;
using testing::MatchingContract;
using testing::Seconds;

TimePoint Hour(int h) { return TimePoint(std::chrono::hours(500'000 + h)); }

template <typename Backend>
class ActivityCountsContract : public MatchingContract<Backend> {
 protected:
  void SetUp() override {
    MatchingContract<Backend>::SetUp();
    if (::testing::Test::IsSkipped() || ::testing::Test::HasFatalFailure()) return;
    if constexpr (Backend::kSql) {
      meetings_ = MakeMeetingRepository(this->store_.database->db());
      group_meetings_ = MakeGroupMeetingRepository(this->store_.database->db());
      counts_ = MakeActivityCountsReader(this->store_.database->db());
    } else {
      meetings_ = std::make_unique<MemoryMeetingRepository>(*this->store_.outbox);
      group_meetings_ = std::make_unique<MemoryGroupMeetingRepository>(*this->store_.outbox);
      counts_ = std::make_unique<MemoryActivityCountsReader>(this->relationships(), *meetings_,
                                                             *group_meetings_, *this->store_.goals);
    }
  }
  std::vector<int64_t> Relationships(const std::vector<std::string>& mentees) {
    std::vector<domain::ProposalPair> pairs;
    for (const std::string& m : mentees) pairs.push_back(this->Pair(m, "M"));
    const auto id = this->RunToDone(this->Create(), pairs);
    auto published = this->repo().Publish(this->PlanFor(id, pairs, 5000));
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    std::vector<int64_t> out;
    if (published.ok()) {
      for (const auto& r : *published) out.push_back(r.id.value);
    }
    return out;
  }
  void Meeting(int64_t relationship, const std::string& mentee, MeetingStatus status, int hour) {
    domain::Meeting m;
    m.relationship = RelationshipId(relationship);
    m.mentor = "M";
    m.mentee = mentee;
    m.status = status;
    m.starts_at = Hour(hour);
    m.ends_at = Hour(hour) + std::chrono::minutes(45);
    m.proposed_by = m.organizer = "M";
    m.uid = "meeting-" + std::to_string(relationship) + "-" + std::to_string(hour);
    m.created_at = m.updated_at = Hour(0);
    ASSERT_TRUE(meetings_->SaveMeeting(m, std::nullopt, {}, Hour(0)).ok());
  }
  void Goal(int64_t relationship, int progress, bool completed) {
    domain::Goal g;
    g.relationship_id = relationship;
    g.fields.title = "Speak at a meetup";
    g.fields.progress_mode = domain::ProgressMode::kManual;
    g.fields.progress = progress;
    g.created_at = g.updated_at = Seconds(6000);
    auto created = this->store_.goals->CreateGoal(g, {});
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    if (!completed) return;
    domain::Goal done = *created;
    done.completed_at = Seconds(7000);
    done.updated_at = Seconds(7000);
    ASSERT_TRUE(this->store_.goals->UpdateGoal(done, {}).ok());
  }
  std::unique_ptr<domain::MeetingRepository> meetings_;
  std::unique_ptr<domain::GroupMeetingRepository> group_meetings_;
  std::unique_ptr<domain::ActivityCountsReader> counts_;
};

TYPED_TEST_SUITE(ActivityCountsContract, MatchingBackends, MatchingBackendNames);

TYPED_TEST(ActivityCountsContract, CountsHeldMeetingsAttendedGroupMeetingsAndGoals) {
  const auto r = this->Relationships({"A", "B"});
  ASSERT_EQ(r.size(), 2u);
  this->Meeting(r[0], "A", MeetingStatus::kHeld, 10);
  this->Meeting(r[0], "A", MeetingStatus::kHeld, 20);
  this->Meeting(r[0], "A", MeetingStatus::kMissed, 30);
  this->Meeting(r[0], "A", MeetingStatus::kProposed, 40);
  this->Meeting(r[1], "B", MeetingStatus::kCancelled, 45);
  // The mentor's group meeting in the program, held: A was there, B was not.
  domain::GroupMeeting group;
  group.program = this->program_;
  group.mentor = "M";
  group.status = MeetingStatus::kHeld;
  group.details.starts_at = Hour(50);
  group.details.ends_at = Hour(51);
  group.uid = "group-50";
  group.created_at = group.updated_at = Hour(0);
  group.attendees = {{"A", domain::GroupResponse::kAccepted, std::nullopt, true},
                     {"B", domain::GroupResponse::kAccepted, std::nullopt, false}};
  ASSERT_TRUE(this->group_meetings_->Save(group, std::nullopt, {}, Hour(0)).ok());
  this->Goal(r[0], 40, false);
  this->Goal(r[0], 100, true);

  // In the order asked, an unknown id counting nothing.
  auto counts = this->counts_->LoadCounts(
      {RelationshipId(r[1]), RelationshipId(999'999), RelationshipId(r[0])});
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  ASSERT_EQ(counts->size(), 3u);
  auto none = [](int64_t id) {
    ActivityCounts c;
    c.relationship = RelationshipId(id);
    return c;
  };
  EXPECT_EQ((*counts)[0], none(r[1]));
  EXPECT_EQ((*counts)[1], none(999'999));
  ActivityCounts a = none(r[0]);
  a.meetings_held = 3;
  a.last_meeting_at = Hour(50);
  a.goals = 2;
  a.goals_completed = 1;
  a.goal_progress = 70;
  EXPECT_EQ((*counts)[2], a);

  EXPECT_TRUE(this->counts_->LoadCounts({})->empty());
  std::vector<RelationshipId> too_many(domain::kMaxRelationshipPageSize + 1, RelationshipId(r[0]));
  EXPECT_EQ(this->counts_->LoadCounts(too_many).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace pairwise::storage
