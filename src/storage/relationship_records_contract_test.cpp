// The FeedbackRepository and IntroductionRepository contracts, run against the in-memory fakes,
// SQLite and PostgreSQL (PAIRWISE_TEST_POSTGRES_URL). Both belong to relationships, so each
// test publishes some.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/memory/memory_relationship_records.h"
#include "storage/relationship_records.h"
#include "storage/testing/matching_store.h"

namespace pairwise::storage {
namespace {

using domain::Feedback;
using domain::FeedbackOccasion;
using domain::Side;
using testing::MatchingBackendNames;
using testing::MatchingBackends;
using testing::MatchingContract;
using testing::Seconds;

template <typename Backend>
class RecordsContract : public MatchingContract<Backend> {
 protected:
  void SetUp() override {
    MatchingContract<Backend>::SetUp();
    if (::testing::Test::IsSkipped() || ::testing::Test::HasFatalFailure()) return;
    if constexpr (Backend::kSql) {
      feedback_ = MakeFeedbackRepository(this->store_.database->db());
      introductions_ = MakeIntroductionRepository(this->store_.database->db());
      messages_ = MakePairMessageRepository(this->store_.database->db());
    } else {
      feedback_ = std::make_unique<MemoryFeedbackRepository>(*this->store_.memory_relationships);
      introductions_ = std::make_unique<MemoryIntroductionRepository>();
      messages_ = std::make_unique<MemoryPairMessageRepository>();
    }
  }
  std::vector<int64_t> Relationships(const std::vector<std::string>& mentees,
                                     std::optional<domain::ProgramId> program = std::nullopt) {
    std::vector<domain::ProposalPair> pairs;
    for (const std::string& m : mentees) pairs.push_back(this->Pair(m, "M"));
    const auto id = this->RunToDone(this->Create(100, domain::ProposalKind::kFull, program), pairs);
    auto published = this->repo().Publish(this->PlanFor(id, pairs, 5000, program));
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    std::vector<int64_t> out;
    if (published.ok()) {
      for (const auto& r : *published) out.push_back(r.id.value);
    }
    return out;
  }
  static Feedback Rating(int64_t relationship, std::string author, Side from,
                         FeedbackOccasion occasion, int round, int rating) {
    Feedback f;
    f.relationship_id = relationship;
    f.author = std::move(author);
    f.from = from;
    f.occasion = occasion;
    f.round = round;
    f.rating = rating;
    f.comment = "Helpful";
    f.created_at = Seconds(6000 + round);
    return f;
  }
  std::unique_ptr<domain::FeedbackRepository> feedback_;
  std::unique_ptr<domain::IntroductionRepository> introductions_;
  std::unique_ptr<domain::PairMessageRepository> messages_;
};

TYPED_TEST_SUITE(RecordsContract, MatchingBackends, MatchingBackendNames);

TYPED_TEST(RecordsContract, FeedbackIsOncePerAuthorOccasionAndRound) {
  const auto r = this->Relationships({"A"});
  ASSERT_EQ(r.size(), 1u);
  auto first = this->feedback_->AddFeedback(
      this->Rating(r[0], "A", Side::kMentee, FeedbackOccasion::kPulse, 1, 4));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(first->id, 0);
  ASSERT_TRUE(
      this->feedback_
          ->AddFeedback(this->Rating(r[0], "A", Side::kMentee, FeedbackOccasion::kPulse, 2, 5))
          .ok());
  ASSERT_TRUE(
      this->feedback_
          ->AddFeedback(this->Rating(r[0], "M", Side::kMentor, FeedbackOccasion::kPulse, 1, 3))
          .ok());
  EXPECT_EQ(
      this->feedback_
          ->AddFeedback(this->Rating(r[0], "A", Side::kMentee, FeedbackOccasion::kPulse, 1, 2))
          .status()
          .reason(),
      "already_given");
  auto list = this->feedback_->ListFeedback(r[0]);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].rating, 4);
  EXPECT_EQ((*list)[0].from, Side::kMentee);
  EXPECT_EQ((*list)[0].occasion, FeedbackOccasion::kPulse);
  EXPECT_EQ((*list)[0].comment, "Helpful");
  EXPECT_EQ((*list)[0].created_at, Seconds(6001));
  EXPECT_EQ((*list)[2].author, "M");
  EXPECT_TRUE(this->feedback_->ListFeedback(r[0] + 1000)->empty());
}

TYPED_TEST(RecordsContract, ProgramAveragesCountOneSideOfOneProgram) {
  const auto r = this->Relationships({"A", "B"});
  ASSERT_EQ(r.size(), 2u);
  const auto other = this->Relationships({"C"}, this->NewProgram("Autumn"));
  ASSERT_EQ(other.size(), 1u);
  for (auto [rel, author, side, rating] :
       {std::tuple{r[0], "A", Side::kMentee, 4}, std::tuple{r[1], "B", Side::kMentee, 5},
        std::tuple{r[0], "M", Side::kMentor, 2}, std::tuple{other[0], "C", Side::kMentee, 1}}) {
    ASSERT_TRUE(
        this->feedback_
            ->AddFeedback(this->Rating(rel, author, side, FeedbackOccasion::kEnd, 1, rating))
            .ok());
  }
  auto mentees = this->feedback_->ProgramAverage(this->program_, Side::kMentee);
  ASSERT_TRUE(mentees.ok()) << mentees.status().ToString();
  EXPECT_EQ(mentees->answers, 2);
  EXPECT_DOUBLE_EQ(mentees->average, 4.5);
  EXPECT_EQ(this->feedback_->ProgramAverage(this->program_, Side::kMentor)->answers, 1);
  EXPECT_EQ(this->feedback_->ProgramAverage(this->NewProgram("Empty"), Side::kMentee)->answers, 0);
}

TYPED_TEST(RecordsContract, IntroductionsAreListedInOrder) {
  const auto r = this->Relationships({"A"});
  ASSERT_EQ(r.size(), 1u);
  for (const char* who : {"X1", "X2"}) {
    auto added = this->introductions_->AddIntroduction(
        domain::Introduction{0, r[0], who, std::string("Knows pricing, ") + who, Seconds(7000)});
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    EXPECT_GT(added->id, 0);
  }
  auto list = this->introductions_->ListIntroductions(r[0]);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].introduced, "X1");
  EXPECT_EQ((*list)[1].why, "Knows pricing, X2");
  EXPECT_EQ((*list)[1].created_at, Seconds(7000));
  EXPECT_TRUE(this->introductions_->ListIntroductions(r[0] + 1000)->empty());
}

// What shadow mentors write to a pair (migration 0027): kept per relationship, in order.
TYPED_TEST(RecordsContract, PairMessagesAreKeptPerRelationshipInOrder) {
  const auto r = this->Relationships({"A", "B"});
  ASSERT_EQ(r.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    auto added = this->messages_->AddPairMessage(domain::PairMessage{
        0, r[0], "S", "Message " + std::to_string(i) + " \u00e9t\u00e9", Seconds(8000 + i)});
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    EXPECT_GT(added->id, 0);
  }
  auto list = this->messages_->ListPairMessages(r[0]);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].text, "Message 0 \u00e9t\u00e9");
  EXPECT_EQ((*list)[1].author, "S");
  EXPECT_EQ((*list)[1].relationship_id, r[0]);
  EXPECT_EQ((*list)[1].created_at, Seconds(8001));
  EXPECT_LT((*list)[0].id, (*list)[1].id);
  EXPECT_TRUE(this->messages_->ListPairMessages(r[1])->empty());
}

}  // namespace
}  // namespace pairwise::storage
