// The MatchRequestRepository contract, run against the in-memory fake, SQLite and PostgreSQL 15
// (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1), with a
// concurrency test: accepts racing for a mentor's last place never overfill it. Accepting starts
// the pair's relationship, read back through the RelationshipReader.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "domain/people/test_util.h"
#include "domain/programs/program_repository.h"
#include "domain/selfmatch/match_request.h"
#include "storage/database.h"
#include "storage/memory/memory_match_request_repository.h"
#include "storage/memory/memory_program_repository.h"
#include "storage/memory/memory_relationship_repository.h"
#include "storage/migrations.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::MatchRequest;
using domain::ProgramId;
using domain::RequestStatus;

struct MatchRequestStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::ProgramRepository> programs;
    std::unique_ptr<MemoryRelationshipRepository> memory_relationships;
    std::unique_ptr<domain::RelationshipRepository> sql_relationships;
    std::unique_ptr<domain::MatchRequestRepository> requests;
    domain::RelationshipReader& relationships() {
      return sql_relationships ? *sql_relationships : *memory_relationships;
    }
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Memory() {
    Store store;
    store.programs = std::make_unique<MemoryProgramRepository>();
    store.memory_relationships = std::make_unique<MemoryRelationshipRepository>();
    store.requests = std::make_unique<MemoryMatchRequestRepository>(*store.memory_relationships);
    return store;
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> t) {
    Store store;
    store.programs = MakeProgramRepository(t->db());
    store.requests = MakeMatchRequestRepository(t->db());
    store.sql_relationships = MakeRelationshipRepository(t->db());
    store.database = std::move(t);
    return store;
  }
};

TimePoint At(int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

template <typename Backend>
class MatchRequestContract : public testing::ContractTest<Backend> {
 protected:
  using testing::ContractTest<Backend>::store_;
  void SetUp() override {
    testing::ContractTest<Backend>::SetUp();
    if (this->Skipped()) return;
    domain::ProgramFields f;
    f.name = "Self";
    f.type = domain::ProgramType::kSelfMatch;
    f.start_date = domain::testing::D(2027, 1, 1);
    f.end_date = domain::testing::D(2027, 6, 1);
    f.enrollment_opens = f.enrollment_closes = domain::testing::D(2026, 12, 1);
    f.coordinators = {"E1"};
    auto created = store_.programs->CreateProgram(f, At(1));
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    program_ = created->id;
  }

  domain::MatchRequestRepository& repo() { return *store_.requests; }

  MatchRequest Make(std::string mentee, std::string mentor, int64_t created = 1000) {
    MatchRequest r;
    r.program = program_;
    r.mentee = std::move(mentee);
    r.mentor = std::move(mentor);
    r.message = "Hello — could you help?";
    r.created_at = At(created);
    r.expires_at = At(created + 7 * 86400);
    return r;
  }

  ProgramId program_;
};

TYPED_TEST_SUITE(MatchRequestContract, testing::ContractBackends<MatchRequestStores>,
                 testing::BackendNames);

TYPED_TEST(MatchRequestContract, RequestsAreCheckedAndKeptAsWritten) {
  auto created = this->repo().CreateRequest(this->Make("M1", "T1"), At(1000));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto found = this->repo().FindRequest(created->id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->message, "Hello — could you help?");
  EXPECT_EQ(found->status, RequestStatus::kPending);
  EXPECT_EQ(found->expires_at, At(1000 + 7 * 86400));
  EXPECT_FALSE(found->responded_at);
  EXPECT_EQ(this->repo().CreateRequest(this->Make("M1", "T1"), At(1001)).status().reason(),
            "request_exists");
  ASSERT_TRUE(this->repo().CreateRequest(this->Make("M1", "T2"), At(1001)).ok());
  ASSERT_TRUE(this->repo().CreateRequest(this->Make("M1", "T3"), At(1001)).ok());
  EXPECT_EQ(this->repo().CreateRequest(this->Make("M1", "T4"), At(1001)).status().reason(),
            "too_many_requests");
  // Expired requests no longer count.
  const TimePoint later = At(1000 + 8 * 86400);
  EXPECT_TRUE(this->repo().CreateRequest(this->Make("M1", "T4", 1000 + 8 * 86400), later).ok());
  EXPECT_EQ(this->repo().ListRequests(this->program_, std::string("M1"), std::nullopt)->size(), 4u);
  EXPECT_EQ(this->repo().ListRequests(this->program_, std::nullopt, std::string("T1"))->size(), 1u);
  EXPECT_EQ(this->repo().FindRequest(domain::MatchRequestId(9999)).status().code(),
            ErrorCode::kNotFound);
}

TYPED_TEST(MatchRequestContract, AcceptingWithdrawsTheOthersAndRespectsCapacity) {
  auto a = this->repo().CreateRequest(this->Make("M1", "T1"), At(1000));
  auto b = this->repo().CreateRequest(this->Make("M1", "T2"), At(1000));
  auto c = this->repo().CreateRequest(this->Make("M2", "T1"), At(1000));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_TRUE(this->repo().PlacesTaken(this->program_)->empty());
  auto accepted = this->repo().Accept(a->id, 1, "Welcome", "Chosen", At(2000));
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->request.status, RequestStatus::kAccepted);
  EXPECT_EQ(accepted->request.response_message, "Welcome");
  EXPECT_EQ(this->repo().FindRequest(b->id)->status, RequestStatus::kWithdrawn);
  // The relationship, in the same transaction: as stored and as read back.
  const domain::Relationship& started = accepted->relationship;
  EXPECT_TRUE(started.id.valid());
  auto stored = this->store_.relationships().ListForProgram(this->program_, true);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->size(), 1u);
  for (const domain::Relationship& r : {started, stored->front()}) {
    EXPECT_EQ(r.id, started.id);
    EXPECT_EQ(r.program, this->program_);
    EXPECT_EQ(r.mentor, "T1");
    EXPECT_EQ(r.mentee, "M1");
    EXPECT_EQ(r.status, domain::RelationshipStatus::kPendingAgreement);
    EXPECT_EQ(r.source, domain::RelationshipSource::kSelfMatch);
    EXPECT_EQ(r.request, a->id);
    EXPECT_FALSE(r.proposal.valid());
    EXPECT_EQ(r.score, 0);
    EXPECT_EQ(r.explanation, "Chosen");
    EXPECT_EQ(r.started_at, At(2000));
    EXPECT_FALSE(r.ended_at);
  }
  EXPECT_EQ(this->store_.relationships().ListForPerson("T1")->size(), 1u);
  EXPECT_EQ(this->repo().Accept(c->id, 1, "", "", At(2001)).status().reason(), "mentor_full");
  EXPECT_EQ(this->repo().Accept(a->id, 5, "", "", At(2001)).status().reason(), "invalid_status");
  EXPECT_EQ(this->repo().PlacesTaken(this->program_)->at("T1"), 1);
  // A refused accept changes nothing.
  EXPECT_EQ(this->repo().FindRequest(c->id)->status, RequestStatus::kPending);
  EXPECT_EQ(this->store_.relationships().ListForProgram(this->program_, false)->size(), 1u);
  auto declined = this->repo().Close(c->id, RequestStatus::kDeclined, "Full, sorry", At(2002));
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ(declined->status, RequestStatus::kDeclined);
  EXPECT_EQ(this->repo().CreateRequest(this->Make("M1", "T3"), At(3000)).status().reason(),
            "already_matched");
  auto late = this->repo().CreateRequest(this->Make("M3", "T2"), At(1000));
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(this->repo().Accept(late->id, 5, "", "", At(1000 + 7 * 86400)).status().reason(),
            "request_expired");
}

TYPED_TEST(MatchRequestContract, RacingAcceptsNeverOverfillAMentor) {
  std::vector<domain::MatchRequestId> ids;
  for (int i = 0; i < 8; ++i) {
    auto r = this->repo().CreateRequest(this->Make("M" + std::to_string(i), "T1"), At(1000));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ids.push_back(r->id);
  }
  std::atomic<int> accepted = 0, full = 0;
  std::vector<std::thread> threads;
  for (auto id : ids) {
    threads.emplace_back([&, id] {
      auto result = this->repo().Accept(id, 3, "", "", At(2000));
      if (result.ok()) {
        ++accepted;
      } else if (result.status().reason() == "mentor_full") {
        ++full;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 3);
  EXPECT_EQ(full.load(), 5);
  EXPECT_EQ(this->repo().PlacesTaken(this->program_)->at("T1"), 3);
  EXPECT_EQ(this->store_.relationships().ListForProgram(this->program_, true)->size(), 3u);
}

// Migration 0015 gives the requests accepted before it their relationship, once.
template <typename Backend>
class SelfMatchMigration : public MatchRequestContract<Backend> {};
using SqlBackends = ::testing::Types<testing::SqlBackend<MatchRequestStores, false>,
                                     testing::SqlBackend<MatchRequestStores, true>>;
TYPED_TEST_SUITE(SelfMatchMigration, SqlBackends, testing::BackendNames);

TYPED_TEST(SelfMatchMigration, RequestsAcceptedBeforeGetTheirRelationship) {
  auto t =
      TypeParam::kPostgres ? testing::TestDatabase::Postgres(2) : testing::TestDatabase::Sqlite(2);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  Database& db = (*t)->db();
  std::vector<Migration> before;
  for (const Migration& m : Migrations()) {
    if (m.version < 15) before.push_back(m);
  }
  ASSERT_TRUE(db.Migrate(before).ok());
  auto programs = MakeProgramRepository(db);
  domain::ProgramFields f;
  f.name = "Before";
  f.type = domain::ProgramType::kSelfMatch;
  f.start_date = domain::testing::D(2027, 1, 1);
  f.end_date = domain::testing::D(2027, 6, 1);
  f.enrollment_opens = f.enrollment_closes = domain::testing::D(2026, 12, 1);
  f.coordinators = {"E1"};
  auto program = programs->CreateProgram(f, At(1));
  ASSERT_TRUE(program.ok()) << program.status().ToString();
  const long long key = program->id.value;
  ASSERT_TRUE(db.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
                  s << "INSERT INTO match_requests (program_id, mentee, mentor, message, status, "
                       "response_message, created_at_us, expires_at_us, responded_at_us) VALUES "
                       "(:p, 'M1', 'T1', '', 'accepted', '', 1000000, 9000000, 2000000)",
                      soci::use(key);
                  s << "INSERT INTO match_requests (program_id, mentee, mentor, message, status, "
                       "response_message, created_at_us, expires_at_us) VALUES "
                       "(:p, 'M2', 'T1', '', 'pending', '', 1000000, 9000000)",
                      soci::use(key);
                  return Status::Ok();
                }).ok());
  Status migrated = db.Migrate();
  ASSERT_TRUE(migrated.ok()) << migrated.ToString();
  auto relationships = MakeRelationshipRepository(db)->ListForProgram(program->id, false);
  ASSERT_TRUE(relationships.ok()) << relationships.status().ToString();
  ASSERT_EQ(relationships->size(), 1u);
  const domain::Relationship& r = relationships->front();
  EXPECT_EQ(r.mentee, "M1");
  EXPECT_EQ(r.mentor, "T1");
  EXPECT_EQ(r.source, domain::RelationshipSource::kSelfMatch);
  EXPECT_TRUE(r.request.valid());
  EXPECT_FALSE(r.proposal.valid());
  EXPECT_EQ(r.started_at, TimePoint(std::chrono::seconds(2)));
  EXPECT_EQ(MakeMatchRequestRepository(db)->PlacesTaken(program->id)->at("T1"), 1);
}

}  // namespace
}  // namespace pairwise::storage
