// The RelationshipReader contract, run against the in-memory fake, SQLite and PostgreSQL 15
// (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1).
// Relationships are written by publishing proposals, so each test publishes some.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
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
class RelationshipContract : public MatchingContract<Backend> {
 protected:
  // Publishes one pair per mentee of `mentees` (mentor "M") and returns the relationships.
  std::vector<Relationship> PublishPairs(const std::vector<std::string>& mentees) {
    std::vector<domain::ProposalPair> pairs;
    for (const std::string& m : mentees) pairs.push_back(this->Pair(m, "M"));
    const auto id = this->RunToDone(this->Create(), pairs);
    auto published = this->repo().Publish(this->PlanFor(id, pairs, 5000));
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    return published.ok() ? *published : std::vector<Relationship>{};
  }
};

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
  EXPECT_EQ(found->status, RelationshipStatus::kPendingAgreement);
  EXPECT_FALSE(found->activated_at);
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
  EXPECT_EQ((*person)[0].status, RelationshipStatus::kPendingAgreement);
  EXPECT_EQ((*person)[1].mentor, "M1");
  EXPECT_EQ((*person)[1].status, RelationshipStatus::kEndedEarly);
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

domain::AgreementTerms SomeTerms(int cadence) {
  domain::AgreementTerms t;
  t.confidentiality = "Between us.";
  t.cadence_days = cadence;
  t.length_months = 6;
  t.mode = domain::AgreementMode::kVirtual;
  t.how_to_end = "Say so.";
  return t;
}

TYPED_TEST(RelationshipContract, TemplatesAreSavedPerProgram) {
  EXPECT_FALSE(this->relationships().FindTemplate(this->program_)->has_value());
  domain::AgreementTemplate t{SomeTerms(14), "E1", Seconds(10)};
  ASSERT_TRUE(this->relationships().SaveTemplate(this->program_, t).ok());
  t.terms.cadence_days = 21;
  t.terms.mode = domain::AgreementMode::kInPerson;
  ASSERT_TRUE(this->relationships().SaveTemplate(this->program_, t).ok());
  auto found = this->relationships().FindTemplate(this->program_);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->terms, t.terms);
  EXPECT_EQ((*found)->updated_by, "E1");
  EXPECT_EQ((*found)->updated_at, Seconds(10));
  EXPECT_FALSE(this->relationships().FindTemplate(this->NewProgram("Other"))->has_value());
}

TYPED_TEST(RelationshipContract, BothAcceptancesActivateAndStaleVersionsConflict) {
  const auto created = this->PublishPairs({"A"});
  ASSERT_EQ(created.size(), 1u);
  const auto id = created[0].id;
  EXPECT_FALSE(this->relationships().FindAgreement(id)->has_value());

  domain::Agreement a;
  a.relationship_id = id.value;
  a.terms = SomeTerms(14);
  a.adjusted_by = "A";
  a.mentee_accepted_at = Seconds(6000);
  auto first = this->relationships().SaveAgreement(a, 0, Seconds(6000));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->status, RelationshipStatus::kPendingAgreement);
  // A second writer that also read "nothing stored" loses.
  EXPECT_EQ(this->relationships().SaveAgreement(a, 0, Seconds(6001)).status().reason(),
            "stale_agreement");
  EXPECT_EQ(this->relationships().SaveAgreement(a, 5, Seconds(6001)).status().reason(),
            "stale_agreement");
  auto stored = this->relationships().FindAgreement(id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->version, 1);
  EXPECT_EQ((*stored)->terms, a.terms);
  EXPECT_EQ((*stored)->adjusted_by, "A");
  EXPECT_EQ((*stored)->mentee_accepted_at, Seconds(6000));
  EXPECT_FALSE((*stored)->mentor_accepted_at);

  a.mentor_accepted_at = Seconds(7000);
  auto both = this->relationships().SaveAgreement(a, 1, Seconds(7000));
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_EQ(both->status, RelationshipStatus::kActive);
  EXPECT_EQ(both->activated_at, Seconds(7000));
  EXPECT_EQ((*this->relationships().FindAgreement(id))->version, 2);
  // Settled: no more changes.
  EXPECT_EQ(this->relationships().SaveAgreement(a, 2, Seconds(8000)).status().reason(),
            "not_pending");
  EXPECT_EQ(this->relationships()
                .SaveAgreement(domain::Agreement{99999, a.terms, 0, "", {}, {}}, 0, Seconds(1))
                .status()
                .code(),
            ErrorCode::kNotFound);
}

TYPED_TEST(RelationshipContract, EndingKeepsHistoryAndCompletingNeedsBothSides) {
  const auto created = this->PublishPairs({"A", "B"});
  ASSERT_EQ(created.size(), 2u);
  domain::RelationshipEnding ending{domain::EndReason::kNoTime, "A", "Too busy this quarter.",
                                    Seconds(9000)};
  auto ended = this->relationships().End(created[0].id, ending);
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(ended->status, RelationshipStatus::kEndedEarly);
  EXPECT_EQ(ended->ended_at, Seconds(9000));
  EXPECT_EQ(ended->end_reason, "no_time");
  EXPECT_EQ(ended->ended_by, "A");
  EXPECT_EQ(ended->end_comment, "Too busy this quarter.");
  EXPECT_EQ(this->relationships().End(created[0].id, ending).status().reason(), "not_in_force");
  EXPECT_EQ(this->relationships().End(domain::RelationshipId(99999), ending).status().code(),
            ErrorCode::kNotFound);
  // Ended, not deleted; the mentee may be matched again.
  EXPECT_EQ(this->relationships().ListForProgram(this->program_, false)->size(), 2u);
  EXPECT_EQ(this->relationships().ListForProgram(this->program_, true)->size(), 1u);

  const auto b = created[1].id;
  EXPECT_EQ(
      this->relationships().MarkComplete(b, domain::Side::kMentor, Seconds(1)).status().reason(),
      "not_active");
  domain::Agreement a;
  a.relationship_id = b.value;
  a.terms = SomeTerms(30);
  a.mentor_accepted_at = a.mentee_accepted_at = Seconds(9100);
  ASSERT_TRUE(this->relationships().SaveAgreement(a, 0, Seconds(9100)).ok());
  auto half = this->relationships().MarkComplete(b, domain::Side::kMentee, Seconds(9200));
  ASSERT_TRUE(half.ok()) << half.status().ToString();
  EXPECT_EQ(half->status, RelationshipStatus::kActive);
  EXPECT_EQ(half->mentee_completed_at, Seconds(9200));
  EXPECT_FALSE(half->mentor_completed_at);
  auto done = this->relationships().MarkComplete(b, domain::Side::kMentor, Seconds(9300));
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->status, RelationshipStatus::kCompleted);
  EXPECT_EQ(done->ended_at, Seconds(9300));
  EXPECT_EQ(done->end_reason, "completed");
}

TYPED_TEST(RelationshipContract, ProgramPagesFilterByStatus) {
  const auto created = this->PublishPairs({"A", "B", "C", "D", "E"});
  ASSERT_EQ(created.size(), 5u);
  ASSERT_TRUE(this->relationships()
                  .End(created[1].id, {domain::EndReason::kMismatch, "B", "", Seconds(9000)})
                  .ok());
  auto all = this->relationships().ListProgramPage(this->program_, {std::nullopt, 1, 2, ""});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->total, 5);
  ASSERT_EQ(all->items.size(), 2u);
  EXPECT_EQ(all->items[0].id, created[1].id);
  EXPECT_EQ(all->items[1].id, created[2].id);
  auto pending = this->relationships().ListProgramPage(
      this->program_, {RelationshipStatus::kPendingAgreement, 0, 50, ""});
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->total, 4);
  EXPECT_EQ(pending->items.size(), 4u);
  auto ended = this->relationships().ListProgramPage(this->program_,
                                                     {RelationshipStatus::kEndedEarly, 0, 50, ""});
  ASSERT_EQ(ended->items.size(), 1u);
  EXPECT_EQ(ended->items[0].mentee, "B");
  domain::RelationshipPageQuery of_c;
  of_c.person = "C";
  auto c = this->relationships().ListProgramPage(this->program_, of_c);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->total, 1);
  ASSERT_EQ(c->items.size(), 1u);
  EXPECT_EQ(c->items[0].mentee, "C");
  of_c.person = "M";  // the mentor of all five
  EXPECT_EQ(this->relationships().ListProgramPage(this->program_, of_c)->total, 5);
  EXPECT_EQ(this->relationships()
                .ListProgramPage(this->program_, {std::nullopt, 0, 0, ""})
                .status()
                .field(),
            "limit");
  EXPECT_EQ(this->relationships()
                .ListProgramPage(this->program_, {std::nullopt, -1, 5, ""})
                .status()
                .field(),
            "offset");
}

// What a past relationship's course leaves behind: the relationship (but its id and people)
// and its agreement.
template <typename Repository>
auto CourseFields(Repository& repository, domain::RelationshipId id) {
  auto found = repository.FindRelationship(id);
  auto stored = repository.FindAgreement(id);
  EXPECT_TRUE(found.ok() && stored.ok() && stored->has_value());
  const Relationship r = found.ok() ? *found : Relationship{};
  const domain::Agreement a = stored.ok() && stored->has_value() ? **stored : domain::Agreement{};
  return std::tuple(r.status, r.activated_at, r.ended_at, r.end_reason, r.ended_by, r.end_comment,
                    r.mentor_completed_at, r.mentee_completed_at, a.terms, a.version, a.adjusted_by,
                    a.mentor_accepted_at, a.mentee_accepted_at);
}

TYPED_TEST(RelationshipContract, ImportedCoursesStoreWhatTheCallsOneByOneStore) {
  const auto created = this->PublishPairs({"A", "B", "C", "D", "E", "F", "G"});
  ASSERT_EQ(created.size(), 7u);
  std::vector<domain::RelationshipCourse> courses(3);
  courses[0].agreement.terms = SomeTerms(30);
  courses[0].agreement.mentor_accepted_at = Seconds(6000);
  courses[0].agreement.mentee_accepted_at = Seconds(6100);
  courses[0].activated_at = Seconds(6100);
  courses[0].completed_at = Seconds(9000);
  courses[1].agreement.terms = SomeTerms(14);
  courses[1].agreement.terms.how_to_end = "Tab\there, a backslash \\ and\na new line.";
  courses[1].agreement.adjusted_by = "M";
  courses[1].agreement.mentor_accepted_at = Seconds(6200);
  courses[1].agreement.mentee_accepted_at = Seconds(6150);
  courses[1].activated_at = Seconds(6200);
  courses[1].ending = domain::RelationshipEnding{domain::EndReason::kLeftOrganization, "B",
                                                 "Moving on.", Seconds(7000)};
  courses[2] = courses[0];
  courses[2].ending =
      domain::RelationshipEnding{domain::EndReason::kNoTime, "M", "", Seconds(8000)};

  // The calls one by one on A, B and C; the import of the same courses on D, E and F.
  for (std::size_t i = 0; i < courses.size(); ++i) {
    const domain::RelationshipCourse& c = courses[i];
    const auto id = created[i].id;
    domain::Agreement a = c.agreement;
    a.relationship_id = id.value;
    ASSERT_TRUE(this->relationships().SaveAgreement(a, 0, c.activated_at).ok());
    if (c.ending) {
      ASSERT_TRUE(this->relationships().End(id, *c.ending).ok());
    } else {
      ASSERT_TRUE(
          this->relationships().MarkComplete(id, domain::Side::kMentor, c.completed_at).ok());
      ASSERT_TRUE(
          this->relationships().MarkComplete(id, domain::Side::kMentee, c.completed_at).ok());
    }
  }
  std::vector<domain::RelationshipCourse> imported = courses;
  for (std::size_t i = 0; i < imported.size(); ++i) {
    imported[i].agreement.relationship_id = created[3 + i].id.value;
  }
  ASSERT_TRUE(this->courses().ImportCourses(imported).ok());
  for (std::size_t i = 0; i < courses.size(); ++i) {
    EXPECT_EQ(CourseFields(this->relationships(), created[3 + i].id),
              CourseFields(this->relationships(), created[i].id))
        << i;
  }
  EXPECT_EQ(this->relationships().FindRelationship(created[0].id)->status,
            RelationshipStatus::kCompleted);
  EXPECT_EQ(this->relationships().FindRelationship(created[4].id)->status,
            RelationshipStatus::kEndedEarly);
  ASSERT_TRUE(this->courses().ImportCourses({}).ok());

  // All or nothing: G is pending, D is not any more; G keeps no agreement.
  std::vector<domain::RelationshipCourse> again = {courses[0], courses[0]};
  again[0].agreement.relationship_id = created[6].id.value;
  again[1].agreement.relationship_id = created[3].id.value;
  EXPECT_EQ(this->courses().ImportCourses(again).code(), ErrorCode::kConflict);
  again.pop_back();
  const domain::RelationshipCourse g = again[0];
  again.push_back(g);  // G twice
  EXPECT_EQ(this->courses().ImportCourses(again).code(), ErrorCode::kConflict);
  again.pop_back();
  again[0].agreement.mentor_accepted_at.reset();
  EXPECT_EQ(this->courses().ImportCourses(again).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->relationships().FindRelationship(created[6].id)->status,
            RelationshipStatus::kPendingAgreement);
  EXPECT_FALSE(this->relationships().FindAgreement(created[6].id)->has_value());
}

}  // namespace
}  // namespace pairwise::storage
