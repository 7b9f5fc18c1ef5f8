// The stores the matching contract suites (relationships and proposals) run on: the in-memory
// fakes, SQLite and PostgreSQL, each with a program to match and helpers that take a proposal
// through its life.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "domain/mail/mail_outbox.h"
#include "domain/people/test_util.h"
#include "domain/programs/program_repository.h"
#include "domain/proposals/proposal.h"
#include "domain/relationships/relationship.h"
#include "domain/relationships/relationship_courses.h"
#include "storage/database.h"
#include "storage/goal_import.h"
#include "storage/memory/memory_goal_repository.h"
#include "storage/memory/memory_mail_outbox.h"
#include "storage/memory/memory_note_repository.h"
#include "storage/memory/memory_program_repository.h"
#include "storage/memory/memory_proposal_repository.h"
#include "storage/memory/memory_relationship_repository.h"
#include "storage/relationship_courses.h"
#include "storage/testing/contract.h"

namespace pairwise::storage::testing {

struct MatchingStores {
  struct Store {
    std::unique_ptr<TestDatabase> database;
    std::unique_ptr<MemoryRelationshipRepository> memory_relationships;
    std::unique_ptr<domain::ProgramRepository> programs;
    std::unique_ptr<domain::MailOutbox> outbox;
    std::unique_ptr<domain::RelationshipRepository> relationships;  // SQL; the memory one above
    std::unique_ptr<domain::ProposalRepository> proposals;
    std::unique_ptr<domain::GoalRepository> goals;
    std::unique_ptr<domain::NoteRepository> notes;
    std::unique_ptr<domain::RelationshipCourseWriter> courses;  // SQL; the memory one above
    std::unique_ptr<domain::GoalHistoryWriter> goal_history;    // SQL; else `memory_goals`
    MemoryGoalRepository* memory_goals = nullptr;               // `goals` on memory
    domain::GoalHistoryWriter& GoalHistory() {
      return goal_history ? *goal_history : *memory_goals;
    }
    domain::RelationshipRepository& Relationships() {
      return relationships ? *relationships : *memory_relationships;
    }
    domain::RelationshipCourseWriter& Courses() {
      return courses ? *courses : *memory_relationships;
    }
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Memory() {
    Store store;
    store.programs = std::make_unique<MemoryProgramRepository>();
    store.memory_relationships = std::make_unique<MemoryRelationshipRepository>();
    auto outbox = std::make_unique<MemoryMailOutbox>();
    store.proposals =
        std::make_unique<MemoryProposalRepository>(*store.memory_relationships, *outbox);
    store.outbox = std::move(outbox);
    auto goals = std::make_unique<MemoryGoalRepository>();
    store.memory_goals = goals.get();
    store.goals = std::move(goals);
    store.notes = std::make_unique<MemoryNoteRepository>();
    return store;
  }
  static Result<Store> Sql(std::unique_ptr<TestDatabase> t) {
    Store store;
    store.programs = MakeProgramRepository(t->db());
    store.outbox = MakeMailOutbox(t->db());
    store.relationships = MakeRelationshipRepository(t->db());
    store.proposals = MakeProposalRepository(t->db());
    store.goals = MakeGoalRepository(t->db());
    store.goal_history = MakeGoalHistoryWriter(t->db());
    store.notes = MakeNoteRepository(t->db());
    store.courses = MakeRelationshipCourseWriter(t->db());
    store.database = std::move(t);
    return store;
  }
};
using MatchingStore = MatchingStores::Store;
using MatchingBackends = ContractBackends<MatchingStores>;
using MatchingBackendNames = BackendNames;

// Relationship has no operator==: its fields as a tuple, to compare them in tests.
inline auto Fields(const domain::Relationship& r) {
  return std::tuple(r.id.value, r.program.value, r.mentor, r.mentee, r.status, r.source,
                    r.proposal.value, r.request.value, r.score, r.explanation, r.started_at,
                    r.ended_at, r.end_reason);
}
inline auto Fields(const std::vector<domain::Relationship>& list) {
  std::vector<decltype(Fields(domain::Relationship{}))> out;
  for (const domain::Relationship& r : list) out.push_back(Fields(r));
  return out;
}

inline TimePoint Seconds(int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

template <typename Backend>
class MatchingContract : public ContractTest<Backend> {
 protected:
  using ContractTest<Backend>::store_;
  void SetUp() override {
    ContractTest<Backend>::SetUp();
    if (this->Skipped()) return;
    program_ = NewProgram("Spring");
  }

  domain::ProgramId NewProgram(const std::string& name) {
    domain::ProgramFields f;
    f.name = name;
    f.type = domain::ProgramType::kOneOnOne;
    f.start_date = domain::testing::D(2027, 1, 1);
    f.end_date = domain::testing::D(2027, 6, 1);
    f.enrollment_opens = f.enrollment_closes = domain::testing::D(2026, 12, 1);
    f.coordinators = {"E1"};
    auto created = store_.programs->CreateProgram(f, Seconds(1));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : domain::ProgramId(0);
  }

  domain::ProposalRepository& repo() { return *store_.proposals; }
  domain::RelationshipRepository& relationships() { return store_.Relationships(); }
  domain::RelationshipCourseWriter& courses() { return store_.Courses(); }

  // A queued proposal of `program` (the fixture's by default) created at `created` seconds.
  domain::Proposal Create(int64_t created = 100,
                          domain::ProposalKind kind = domain::ProposalKind::kFull,
                          std::optional<domain::ProgramId> program = std::nullopt) {
    domain::Proposal p;
    p.program = program.value_or(program_);
    p.kind = kind;
    p.created_by = "E1";
    p.created_at = Seconds(created);
    if (kind == domain::ProposalKind::kRematch) p.freed = {"A"};
    auto stored = repo().CreateProposal(p);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? *stored : p;
  }

  static domain::ProposalPair Pair(std::string mentee, std::string mentor, int64_t score = 500) {
    domain::ProposalPair p;
    p.mentee_info = {"Mentee " + mentee, "Sales", "Lisbon", 3};
    p.mentor_info = {"Mentor " + mentor, "Engineering", "", 6};
    p.mentee = std::move(mentee);
    p.mentor = std::move(mentor);
    p.score = score;
    p.points = {100, 75, 100, 0, 50, 100, 0, 0};
    p.explanation = "Offers what " + p.mentee + " wants to learn.";
    return p;
  }

  // Claims (it must be the next queued one), completes with `pairs` and returns the proposal.
  domain::ProposalId RunToDone(const domain::Proposal& proposal,
                               const std::vector<domain::ProposalPair>& pairs,
                               const std::vector<domain::ProposalUnmatched>& unmatched = {}) {
    auto claimed = repo().ClaimNext("worker-1", Seconds(1000), Seconds(2000));
    EXPECT_TRUE(claimed.ok()) << claimed.status().ToString();
    if (!claimed.ok() || !*claimed) {
      ADD_FAILURE() << "nothing to claim";
      return proposal.id;
    }
    EXPECT_EQ((*claimed)->id, proposal.id);
    domain::ProposalOutcome outcome;
    outcome.pairs = pairs;
    outcome.unmatched = unmatched;
    outcome.summary.matched = static_cast<int>(pairs.size());
    Status done = repo().Complete(proposal.id, "worker-1", outcome, Seconds(1001));
    EXPECT_TRUE(done.ok()) << done.ToString();
    return proposal.id;
  }

  // A plan publishing every pair as a relationship, with one mail per pair.
  domain::PublishPlan PlanFor(domain::ProposalId proposal,
                              const std::vector<domain::ProposalPair>& pairs, int64_t now,
                              std::optional<domain::ProgramId> program = std::nullopt) {
    domain::PublishPlan plan;
    plan.proposal = proposal;
    plan.program = program.value_or(program_);
    plan.published_by = "E1";
    plan.now = Seconds(now);
    for (const domain::ProposalPair& p : pairs) {
      domain::Relationship r;
      r.mentor = p.mentor;
      r.mentee = p.mentee;
      r.score = static_cast<int>(p.score);
      r.explanation = p.explanation;
      r.started_at = Seconds(now);
      plan.create.push_back(r);
      plan.mails.push_back({p.mentee + "@example.com", "You have a mentor",
                            "Your mentor is " + p.mentor + ".", "match_published"});
    }
    return plan;
  }

  // Every mail in the outbox.
  std::vector<domain::OutboxMail> Mails() {
    auto page = store_.outbox->List(std::nullopt, 100000);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->items : std::vector<domain::OutboxMail>{};
  }

  domain::ProgramId program_;
};

}  // namespace pairwise::storage::testing
