// The RelationshipReader contract, run against the in-memory fake, SQLite and PostgreSQL 15
// (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1).
// Relationships are written by publishing proposals, so each test publishes some.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "storage/testing/matching_store.h"

namespace pairwise::storage {
namespace {

using domain::ProposalKind;
using domain::Relationship;
using domain::RelationshipStatus;
using testing::MatchingBackendNames;
using testing::MatchingBackends;
using testing::MatchingContract;
using testing::Seconds;

template <typename Backend>
class RelationshipContract : public MatchingContract<Backend> {};

TYPED_TEST_SUITE(RelationshipContract, MatchingBackends, MatchingBackendNames);

TYPED_TEST(RelationshipContract, PublishedPairsAreReadBackEveryWay) {
  const auto pairs = std::vector{this->Pair("A", "M1", 700), this->Pair("B", "M1", 650),
                                 this->Pair("C", "M2", 400)};
  const auto id = this->RunToDone(this->Create(), pairs);
  auto published = this->repo().Publish(this->PlanFor(id, pairs, 5000));
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  ASSERT_EQ(published->size(), 3u);

  auto found = this->relationships().FindRelationship((*published)[0].id);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->program, this->program_);
  EXPECT_EQ(found->mentee, "A");
  EXPECT_EQ(found->mentor, "M1");
  EXPECT_EQ(found->status, RelationshipStatus::kActive);
  EXPECT_EQ(found->proposal, id);
  EXPECT_EQ(found->score, 700);
  EXPECT_EQ(found->explanation, "Offers what A wants to learn.");
  EXPECT_EQ(found->started_at, Seconds(5000));
  EXPECT_FALSE(found->ended_at);
  EXPECT_EQ(found->end_reason, "");
  EXPECT_EQ(this->relationships().FindRelationship(domain::RelationshipId(99999)).status().code(),
            ErrorCode::kNotFound);

  auto all = this->relationships().ListForProgram(this->program_, false);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_LT((*all)[0].id, (*all)[1].id);
  EXPECT_LT((*all)[1].id, (*all)[2].id);
  EXPECT_EQ(testing::Fields(*all), testing::Fields(*published));

  auto mentor = this->relationships().ListForPerson("M1");
  ASSERT_TRUE(mentor.ok()) << mentor.status().ToString();
  ASSERT_EQ(mentor->size(), 2u);
  EXPECT_EQ((*mentor)[0].mentee, "B");  // same start: newest id first
  EXPECT_EQ((*mentor)[1].mentee, "A");
  EXPECT_EQ(this->relationships().ListForPerson("C")->size(), 1u);
  EXPECT_TRUE(this->relationships().ListForPerson("nobody")->empty());
  EXPECT_TRUE(this->relationships().ListForProgram(this->NewProgram("Other"), false)->empty());
}

TYPED_TEST(RelationshipContract, RematchEndsAndListsNewestFirst) {
  const auto pairs = std::vector{this->Pair("A", "M1"), this->Pair("B", "M2")};
  const auto first = this->RunToDone(this->Create(100), pairs);
  auto published = this->repo().Publish(this->PlanFor(first, pairs, 5000));
  ASSERT_TRUE(published.ok()) << published.status().ToString();

  const auto rematch = std::vector{this->Pair("A", "M3")};
  const auto second = this->RunToDone(this->Create(200, ProposalKind::kRematch), rematch);
  auto plan = this->PlanFor(second, rematch, 6000);
  plan.end = {(*published)[0].id};
  plan.end_reason = "rematch";
  auto again = this->repo().Publish(plan);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].proposal, second);

  auto active = this->relationships().ListForProgram(this->program_, true);
  ASSERT_TRUE(active.ok());
  ASSERT_EQ(active->size(), 2u);
  EXPECT_EQ((*active)[0].mentee, "B");
  EXPECT_EQ((*active)[1].mentor, "M3");
  EXPECT_EQ(this->relationships().ListForProgram(this->program_, false)->size(), 3u);

  auto person = this->relationships().ListForPerson("A");
  ASSERT_TRUE(person.ok());
  ASSERT_EQ(person->size(), 2u);
  EXPECT_EQ((*person)[0].mentor, "M3");
  EXPECT_EQ((*person)[0].status, RelationshipStatus::kActive);
  EXPECT_EQ((*person)[1].mentor, "M1");
  EXPECT_EQ((*person)[1].status, RelationshipStatus::kEnded);
  EXPECT_EQ((*person)[1].ended_at, Seconds(6000));
  EXPECT_EQ((*person)[1].end_reason, "rematch");

  // Ending a relationship that is not active any more fails and writes nothing.
  const auto third = this->RunToDone(this->Create(300, ProposalKind::kRematch), {});
  auto stale = this->PlanFor(third, {}, 7000);
  stale.end = {(*published)[0].id};
  stale.end_reason = "rematch";
  EXPECT_EQ(this->repo().Publish(stale).status().reason(), "not_active");
  EXPECT_EQ(this->repo().FindProposal(third)->status, domain::ProposalStatus::kDone);
}

TYPED_TEST(RelationshipContract, AllPairsAreListedOnceAcrossPrograms) {
  EXPECT_TRUE(this->relationships().ListAllPairs()->empty());
  const auto pairs = std::vector{this->Pair("B", "M2"), this->Pair("A", "M1")};
  const auto first = this->RunToDone(this->Create(100), pairs);
  ASSERT_TRUE(this->repo().Publish(this->PlanFor(first, pairs, 5000)).ok());
  const domain::ProgramId other = this->NewProgram("Autumn");
  const auto again = std::vector{this->Pair("A", "M1"), this->Pair("A2", "M1")};
  const auto second = this->RunToDone(this->Create(200, ProposalKind::kFull, other), again);
  ASSERT_TRUE(this->repo().Publish(this->PlanFor(second, again, 6000, other)).ok());
  auto all = this->relationships().ListAllPairs();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"A", "M1"}, {"A2", "M1"}, {"B", "M2"}};
  EXPECT_EQ(*all, expected);
}

}  // namespace
}  // namespace pairwise::storage
