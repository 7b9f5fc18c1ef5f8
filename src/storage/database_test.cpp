#include "storage/database.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "domain/people/test_util.h"
#include "storage/form_rows.h"
#include "storage/survey_repository.h"
#include "storage/testing/test_database.h"

namespace pairwise::storage {
namespace {

using testing::TestDatabase;

struct SqliteBackend {
  static constexpr bool kPostgres = false;
  static Result<std::unique_ptr<TestDatabase>> Make(std::size_t pool) {
    return TestDatabase::Sqlite(pool);
  }
};
struct PostgresBackend {
  static constexpr bool kPostgres = true;
  static Result<std::unique_ptr<TestDatabase>> Make(std::size_t pool) {
    return TestDatabase::Postgres(pool);
  }
};

class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return T::kPostgres ? "Postgres" : "Sqlite";
  }
};

template <typename Backend>
class DatabaseTest : public ::testing::Test {
 protected:
  static constexpr std::size_t kPool = 3;

  void SetUp() override {
    if (Backend::kPostgres && !testing::PostgresTestUrl()) {
      if (testing::PostgresRequired()) {
        FAIL() << "PAIRWISE_REQUIRE_POSTGRES=1 but PAIRWISE_TEST_POSTGRES_URL is not set";
      }
      GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is not set (scripts/pg-test.sh start)";
    }
    auto made = Backend::Make(kPool);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    test_db_ = std::move(made).value();
  }

  Database& db() { return test_db_->db(); }
  bool Exists(const std::string& table) {
    auto exists = test_db_->TableExists(table);
    EXPECT_TRUE(exists.ok()) << exists.status().ToString();
    return exists.ok() && *exists;
  }
  int Version() {
    auto version = db().SchemaVersion();
    EXPECT_TRUE(version.ok()) << version.status().ToString();
    return version.ok() ? *version : -1;
  }
  long long MigrationRows() {
    long long rows = -1;
    Status s = db().Run(TransactionMode::kNone, [&](soci::session& session) {
      session << "SELECT COUNT(*) FROM schema_migrations", soci::into(rows);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return rows;
  }

  // The schema as it was before migration `version` (every older migration applied) with one
  // program in it, for tests of a migration that moves existing rows: the program's id, or
  // nothing after a failure has been recorded.
  std::optional<long long> ProgramBeforeMigration(int version, const std::string& name) {
    const auto all = Migrations();
    std::size_t before = 0;
    while (before < all.size() && all[before].version < version) ++before;
    EXPECT_LT(before, all.size()) << "no migration " << version;
    Status migrated = db().Migrate(all.first(before));
    EXPECT_TRUE(migrated.ok()) << migrated.ToString();
    if (before == all.size() || !migrated.ok()) return std::nullopt;
    domain::ProgramFields f;
    f.name = name;
    f.start_date = f.end_date = f.enrollment_opens = f.enrollment_closes =
        domain::testing::D(2026, 1, 1);
    f.coordinators = {"E1"};
    auto program = MakeProgramRepository(db())->CreateProgram(f, TimePoint{});
    EXPECT_TRUE(program.ok()) << program.status().ToString();
    if (!program.ok()) return std::nullopt;
    return program->id.value;
  }

  std::unique_ptr<TestDatabase> test_db_;
};

using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
TYPED_TEST_SUITE(DatabaseTest, Backends, BackendNames);

TYPED_TEST(DatabaseTest, PingsAndNamesItsBackend) {
  EXPECT_TRUE(this->db().Ping().ok());
  EXPECT_EQ(this->db().BackendName(), TypeParam::kPostgres ? "postgresql" : "sqlite");
  EXPECT_EQ(this->db().pool_size(), this->kPool);
}

// Migration 12 rebuilds the relationships table: relationships made before agreements existed
// stay active (activated when they started), those ended by a rematch become ended early with
// their reason, and new ids continue after the old ones (PostgreSQL's identity moved on).
TYPED_TEST(DatabaseTest, RelationshipsFromBeforeAgreementsMigrate) {
  const std::optional<long long> program = this->ProgramBeforeMigration(12, "Before");
  ASSERT_TRUE(program.has_value());
  // The proposal is written as the schema of migration 11 has it (today's repository writes
  // columns later migrations add).
  Status inserted = this->db().Run(TransactionMode::kWrite, [&](soci::session& s) {
    const long long pr = *program, po = 1;
    s << "INSERT INTO proposals (id, program_id, kind, status, settings, freed, created_by, "
         "created_at_us, progress, phase, cancel_requested, error, summary, published_by, edits) "
         "VALUES (1, :p, 'full', 'done', '{}', '[]', 'E1', 0, 0, '', 0, '', '{}', '', 0)",
        soci::use(pr);
    s << "INSERT INTO relationships (id, program_id, mentor, mentee, status, proposal_id, score, "
         "explanation, started_at_us, ended_at_us, end_reason) VALUES (7, :p, 'M', 'A', "
         "'active', :q, 500, 'why', 1000, NULL, '')",
        soci::use(pr), soci::use(po);
    s << "INSERT INTO relationships (id, program_id, mentor, mentee, status, proposal_id, score, "
         "explanation, started_at_us, ended_at_us, end_reason) VALUES (8, :p, 'M', 'B', "
         "'ended', :q, 400, 'why', 1000, 2000, 'rematch')",
        soci::use(pr), soci::use(po);
    return Status::Ok();
  });
  ASSERT_TRUE(inserted.ok()) << inserted.ToString();
  ASSERT_TRUE(this->db().Migrate().ok());
  auto repo = MakeRelationshipRepository(this->db());
  auto active = repo->FindRelationship(domain::RelationshipId(7));
  ASSERT_TRUE(active.ok()) << active.status().ToString();
  EXPECT_EQ(active->status, domain::RelationshipStatus::kActive);
  EXPECT_EQ(active->activated_at, TimePoint(std::chrono::microseconds(1000)));
  auto ended = repo->FindRelationship(domain::RelationshipId(8));
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->status, domain::RelationshipStatus::kEndedEarly);
  EXPECT_EQ(ended->end_reason, "rematch");
  EXPECT_EQ(ended->ended_at, TimePoint(std::chrono::microseconds(2000)));
  // The one-in-force rule now counts pending relationships too, and ids continue.
  ASSERT_TRUE(
      repo->End(domain::RelationshipId(7), {domain::EndReason::kOther, "A", "", TimePoint{}}).ok());
  long long next = 0;
  Status read = this->db().Run(TransactionMode::kWrite, [&](soci::session& s) {
    const long long pr = *program;
    s << "INSERT INTO relationships (program_id, mentor, mentee, status, score, explanation, "
         "started_at_us, end_reason, ended_by, end_comment) VALUES (:p, 'M', 'C', "
         "'pending_agreement', 1, '', 3000, '', '', '') RETURNING id",
        soci::use(pr), soci::into(next);
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.ToString();
  EXPECT_GT(next, 8);
}

// Migration 33 folds the group notes into the one note store: every note, the relationships'
// and the groups', keeps its author, sealed text, key, version and times; the group notes take
// new ids after the relationships' notes, and new notes' ids continue after all of them.
TYPED_TEST(DatabaseTest, GroupNotesMoveIntoTheOneNoteStore) {
  const std::optional<long long> program = this->ProgramBeforeMigration(33, "Circle");
  ASSERT_TRUE(program.has_value());
  Status inserted = this->db().Run(TransactionMode::kWrite, [&](soci::session& s) {
    const long long pr = *program;
    s << "INSERT INTO relationships (id, program_id, mentor, mentee, status, score, explanation, "
         "started_at_us, end_reason, ended_by, end_comment) VALUES (4, :p, 'M', 'A', "
         "'pending_agreement', 1, '', 1000, '', '', '')",
        soci::use(pr);
    s << "INSERT INTO notes (id, relationship_id, author, kind, sealed, key_id, version, "
         "created_at_us, updated_at_us) VALUES (3, 4, 'A', 'private', 'sealed-pair', 'k1', 2, "
         "1000, 1500)";
    s << "INSERT INTO group_notes (id, program_id, mentor, author, sealed, key_id, version, "
         "created_at_us, updated_at_us) VALUES (1, :p, 'M', 'B', 'sealed-g1', 'k1', 1, 2000, "
         "2000), (2, :q, 'M', 'M', 'sealed-g2', 'k0', 3, 3000, 3500)",
        soci::use(pr), soci::use(pr);
    return Status::Ok();
  });
  ASSERT_TRUE(inserted.ok()) << inserted.ToString();
  ASSERT_TRUE(this->db().Migrate().ok());
  EXPECT_FALSE(this->Exists("group_notes"));

  auto notes = MakeNoteRepository(this->db());
  auto pair = notes->FindNote(domain::NoteId(3));
  ASSERT_TRUE(pair.ok()) << pair.status().ToString();
  EXPECT_EQ(pair->scope, domain::NoteScope::Relationship(4));
  EXPECT_EQ(pair->sealed, "sealed-pair");
  EXPECT_EQ(pair->version, 2);
  auto group = notes->ListNotes(domain::NoteScope::Group(*program, "M"), "A");
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  ASSERT_EQ(group->size(), 2u);
  const domain::StoredNote& g2 = (*group)[0];  // newest first
  EXPECT_EQ(g2.author, "M");
  EXPECT_EQ(g2.kind, domain::NoteKind::kGroup);
  EXPECT_EQ(g2.sealed, "sealed-g2");
  EXPECT_EQ(g2.key_id, "k0");
  EXPECT_EQ(g2.version, 3);
  EXPECT_EQ(g2.created_at, TimePoint(std::chrono::microseconds(3000)));
  EXPECT_EQ(g2.updated_at, TimePoint(std::chrono::microseconds(3500)));
  EXPECT_EQ((*group)[1].sealed, "sealed-g1");
  EXPECT_GT((*group)[1].id.value, 3) << "after the relationships' notes";
  EXPECT_GT(g2.id.value, (*group)[1].id.value);

  domain::StoredNote fresh;
  fresh.scope = domain::NoteScope::Relationship(4);
  fresh.author = "M";
  fresh.kind = domain::NoteKind::kShared;
  fresh.sealed = "sealed-new";
  fresh.key_id = "k1";
  auto created = notes->CreateNote(fresh);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_GT(created->id.value, g2.id.value);
}

// Migration 46 lets surveys go after meetings and by the program's dates. On SQLite it rebuilds
// the four survey tables (dropping `surveys` first would cascade-delete the rest): every survey,
// version, invitation and answer stays, the new anchors are accepted and an unknown one is not,
// and deleting a survey still takes its invitations and answers with it.
TYPED_TEST(DatabaseTest, SurveysKeepTheirInvitationsAndAnswersThroughTheAnchorsMigration) {
  const std::optional<long long> program = this->ProgramBeforeMigration(46, "Asked");
  ASSERT_TRUE(program.has_value());
  const long long pr = *program;
  auto count = [&](const std::string& table) {
    long long n = -1;
    EXPECT_TRUE(this->db()
                    .Run(TransactionMode::kRead,
                         [&](soci::session& s) {
                           s << "SELECT COUNT(*) FROM " + table, soci::into(n);
                           return Status::Ok();
                         })
                    .ok());
    return n;
  };
  auto run = [&](const std::string& sql) {
    return this->db().Run(TransactionMode::kWrite, [&](soci::session& s) {
      s << sql, soci::use(pr);
      return Status::Ok();
    });
  };
  ASSERT_TRUE(run("INSERT INTO relationships (id, program_id, mentor, mentee, status, score, "
                  "explanation, started_at_us, activated_at_us, end_reason, ended_by, "
                  "end_comment) VALUES (4, :p, 'M', 'A', 'active', 1, '', 1000, 1000, '', '', '')")
                  .ok());
  ASSERT_TRUE(run("INSERT INTO surveys (id, program_id, title, intro, kind, privacy, audience, "
                  "anchor, days, open_days, reminder_days, min_group, active, version, "
                  "created_at_us) VALUES (5, :p, 'Halfway', '', 'midpoint', 'confidential', "
                  "'both', 'halfway', 0, 14, 5, 5, 1, 1, 0)")
                  .ok());
  Status inserted = this->db().Run(TransactionMode::kWrite, [&](soci::session& s) {
    s << "INSERT INTO survey_versions (survey_id, version, questions) VALUES (5, 1, '[]')";
    s << "INSERT INTO survey_invitations (id, survey_id, relationship_id, employee_id, side, "
         "department, site, level_band, round, token_hash, sent_at_us, closes_at_us, answered) "
         "VALUES (9, 5, 4, 'A', 'mentee', 'Finance', 'London', 'levels 1-3', 0, 'h1', 0, 1, 1)";
    s << "INSERT INTO survey_answers (answer_key, survey_id, version, invitation_id, side, "
         "department, site, level_band, answers) VALUES ('k1', 5, 1, 9, 'mentee', 'Finance', "
         "'London', 'levels 1-3', '{}'), ('k2', 5, 1, NULL, 'mentor', 'Finance', 'London', "
         "'levels 1-3', '{}')";
    return Status::Ok();
  });
  ASSERT_TRUE(inserted.ok()) << inserted.ToString();
  ASSERT_TRUE(this->db().Migrate().ok());
  EXPECT_EQ(count("surveys"), 1);
  EXPECT_EQ(count("survey_versions"), 1);
  EXPECT_EQ(count("survey_invitations"), 1);
  EXPECT_EQ(count("survey_answers"), 2);
  for (const std::string anchor : {"after_meeting", "after_program_start", "before_program_end"}) {
    EXPECT_TRUE(run("INSERT INTO surveys (program_id, title, intro, kind, privacy, audience, "
                    "anchor, days, open_days, reminder_days, min_group, active, version, "
                    "created_at_us) VALUES (:p, 'New', '', 'after_meeting', 'anonymous', 'both', "
                    "'" +
                    anchor + "', 0, 7, 3, 5, 1, 1, 0)")
                    .ok())
        << anchor;
  }
  EXPECT_FALSE(run("INSERT INTO surveys (program_id, title, intro, kind, privacy, audience, "
                   "anchor, days, open_days, reminder_days, min_group, active, version, "
                   "created_at_us) VALUES (:p, 'New', '', 'end', 'anonymous', 'both', 'someday', "
                   "0, 7, 3, 5, 1, 1, 0)")
                   .ok());
  long long highest = 0;
  ASSERT_TRUE(this->db()
                  .Run(TransactionMode::kRead,
                       [&](soci::session& s) {
                         s << "SELECT MIN(id) FROM surveys WHERE title = 'New'",
                             soci::into(highest);
                         return Status::Ok();
                       })
                  .ok());
  // SQLite's rebuilt table continues after the copied ids (PostgreSQL's was not rebuilt).
  if (!TypeParam::kPostgres) {
    EXPECT_GT(highest, 5) << "ids continue";
  }
  ASSERT_TRUE(run("DELETE FROM surveys WHERE id = 5 AND program_id = :p").ok());
  EXPECT_EQ(count("survey_versions"), 0);
  EXPECT_EQ(count("survey_invitations"), 0);
  EXPECT_EQ(count("survey_answers"), 0);
}

// Migration 50 records which questions each stored answer sheet answers, for the sheets answered
// before it: by IsAnswered's rule on the stored text, empty answers ([] or a first value "")
// left out and texts that look like the SQL's patterns (or hold a NUL, which PostgreSQL cannot
// take apart) counted, so that every group's tallies read from it equal TallyGroups over the
// sheets themselves; and new sheets are recorded as they are answered.
TYPED_TEST(DatabaseTest, SurveyAnswersAnsweredBeforeMigration50AreCounted) {
  const std::optional<long long> program = this->ProgramBeforeMigration(50, "Asked before");
  ASSERT_TRUE(program.has_value());
  const long long pr = *program;
  const std::vector<domain::Answers> answers = {
      {{"nps", {"9"}}, {"m", {"4", "5"}}},
      {{"nps", {"3"}}, {"m", {}}},
      {{"nps", {""}}, {"m", {"", "2"}}, {"gone", {"x"}}},
      {{"m", {"1", "1"}}, {"more", {"[\"\"% not empty"}}},
      {{"more", {std::string("a\0b", 3)}}, {"nps", {"10"}}},
      {{"more", {"\\u0000 typed as such"}}, {"m", {"2", "2"}}},
      {}};
  Status inserted = this->db().Run(TransactionMode::kWrite, [&](soci::session& s) {
    s << "INSERT INTO surveys (id, program_id, title, intro, kind, privacy, audience, anchor, "
         "days, open_days, reminder_days, min_group, active, version, created_at_us) VALUES (7, "
         ":p, 'Halfway', '', 'midpoint', 'anonymous', 'both', 'halfway', 0, 14, 5, 5, 1, 1, 0)",
        soci::use(pr);
    s << "INSERT INTO survey_versions (survey_id, version, questions) VALUES (7, 1, '[]')";
    for (int i = 0; i < 21; ++i) {
      const std::string key = "old" + std::to_string(i), side = i % 2 ? "mentor" : "mentee";
      const std::string department = i % 3 ? "Finance" : "Sales";
      const std::string text = AnswersText(answers[static_cast<std::size_t>(i) % answers.size()]);
      s << "INSERT INTO survey_answers (answer_key, survey_id, version, side, department, site, "
           "level_band, answers) VALUES (:k, 7, 1, :si, :d, 'London', 'levels 1-3', :a)",
          soci::use(key), soci::use(side), soci::use(department), soci::use(text);
    }
    return Status::Ok();
  });
  ASSERT_TRUE(inserted.ok()) << inserted.ToString();
  ASSERT_TRUE(this->db().Migrate().ok());
  auto repo = MakeSurveyRepository(this->db());
  const domain::SurveyId survey(7);
  const std::vector<domain::SurveyResponse> sheets = repo->Responses(survey).value();
  ASSERT_EQ(sheets.size(), 21u);
  for (const std::string by : {"side", "department"}) {
    const std::vector<domain::SurveyGroupTally> want = domain::TallyGroups(sheets, by);
    auto got = repo->GroupSheets(survey, by, want[0].group);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    std::vector<domain::SurveyGroupTally> tallies = got->tallies;
    std::sort(tallies.begin(), tallies.end(),
              [](const auto& a, const auto& b) { return a.group < b.group; });
    ASSERT_EQ(tallies.size(), want.size()) << by;
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(tallies[i].group, want[i].group) << by;
      EXPECT_EQ(tallies[i].sheets, want[i].sheets) << by;
      EXPECT_EQ(tallies[i].answered, want[i].answered) << by << " " << want[i].group;
    }
  }
  long long recorded = 0;
  ASSERT_TRUE(this->db()
                  .Run(TransactionMode::kRead,
                       [&](soci::session& s) {
                         s << "SELECT COUNT(*) FROM survey_answered WHERE survey_id = 7",
                             soci::into(recorded);
                         return Status::Ok();
                       })
                  .ok());
  // Per seven sheets: 2 + 1 + 1 (only "gone") + 2 + 2 + 2 + 0 answered.
  EXPECT_EQ(recorded, 3 * 10);
  // Deleting the survey takes the records with its sheets.
  ASSERT_TRUE(this->db()
                  .Run(TransactionMode::kWrite,
                       [&](soci::session& s) {
                         s << "DELETE FROM surveys WHERE id = 7";
                         s << "SELECT COUNT(*) FROM survey_answered", soci::into(recorded);
                         return Status::Ok();
                       })
                  .ok());
  EXPECT_EQ(recorded, 0);
}

// Migration 54 counts the held meetings of every relationship with a meeting stored before it
// (held, first and last held start; 0 and none for one whose meetings were all cancelled), and
// migration 55 records the first value of every answered question that is a whole number of 1
// to 9 digits, by the rule SurveySheetInsert writes it with ("07" is 7; "-1", "3.5", "1e3", "",
// a text, a ten-digit number and a NUL-holding text are none).
TYPED_TEST(DatabaseTest, MeetingsAndAnswersStoredBeforeMigrations54And55AreCounted) {
  const std::optional<long long> program = this->ProgramBeforeMigration(54, "Met before");
  ASSERT_TRUE(program.has_value());
  const long long pr = *program;
  const std::vector<std::pair<std::string, std::optional<long long>>> firsts = {
      {"10", 10},  {"07", 7},   {"-1", {}},         {"3.5", {}},
      {"1e3", {}}, {"abc", {}}, {"1234567890", {}}, {"123456789", 123456789}};
  Status inserted = this->db().Run(TransactionMode::kWrite, [&](soci::session& s) {
    // Relationship 1: held at hours 5 and 3, missed at 9; 2: cancelled only; 3: held at 7.
    const std::vector<std::tuple<long long, std::string, long long>> meetings = {
        {1, "held", 5}, {1, "held", 3}, {1, "missed", 9}, {2, "cancelled", 4}, {3, "held", 7}};
    int n = 0;
    for (const auto& [relationship, status, hour] : meetings) {
      const long long starts = hour * 3'600'000'000LL, ends = starts + 1'000'000;
      const std::string uid = "m" + std::to_string(n++), st = status;
      long long r = relationship;
      s << "INSERT INTO meetings (relationship_id, mentor, mentee, status, mode, starts_at_us, "
           "ends_at_us, location, video_url, agenda, proposed_by, organizer, uid, sequence, "
           "created_at_us, updated_at_us) VALUES (:r, 'M', 'E', :st, 'virtual', :s, :e, '', '', "
           "'', 'E', 'E', :u, 0, 0, 0)",
          soci::use(r), soci::use(st), soci::use(starts), soci::use(ends), soci::use(uid);
    }
    s << "INSERT INTO surveys (id, program_id, title, intro, kind, privacy, audience, anchor, "
         "days, open_days, reminder_days, min_group, active, version, created_at_us) VALUES (8, "
         ":p, 'Halfway', '', 'midpoint', 'anonymous', 'both', 'halfway', 0, 14, 5, 5, 1, 1, 0)",
        soci::use(pr);
    s << "INSERT INTO survey_versions (survey_id, version, questions) VALUES (8, 1, '[]')";
    for (std::size_t i = 0; i < firsts.size(); ++i) {
      const std::string key = "k" + std::to_string(i);
      domain::Answers answers = {{"q", {firsts[i].first, "4"}}, {"t", {std::string("1\0", 2)}}};
      const std::string text = AnswersText(answers);
      s << "INSERT INTO survey_answers (answer_key, survey_id, version, side, department, site, "
           "level_band, answers) VALUES (:k, 8, 1, 'mentee', 'Sales', 'London', 'levels 1-3', "
           ":a)",
          soci::use(key), soci::use(text);
      for (const char* question : {"q", "t"}) {
        const std::string q = question;
        s << "INSERT INTO survey_answered (answer_key, question_id, survey_id, side, department, "
             "site, level_band) VALUES (:k, :q, 8, 'mentee', 'Sales', 'London', 'levels 1-3')",
            soci::use(key), soci::use(q);
      }
    }
    return Status::Ok();
  });
  ASSERT_TRUE(inserted.ok()) << inserted.ToString();
  ASSERT_TRUE(this->db().Migrate().ok());
  Status read = this->db().Run(TransactionMode::kRead, [&](soci::session& s) {
    std::map<long long, std::tuple<long long, long long, long long>> counted;
    long long id = 0, held = 0, first = 0, last = 0;
    soci::indicator first_ind = soci::i_null, last_ind = soci::i_null;
    soci::statement st = (s.prepare << "SELECT relationship_id, held, first_held_us, "
                                       "last_held_us FROM relationship_held_meetings",
                          soci::into(id), soci::into(held), soci::into(first, first_ind),
                          soci::into(last, last_ind));
    for (bool more = st.execute(true); more; more = st.fetch()) {
      counted[id] = {held, first_ind == soci::i_ok ? first / 3'600'000'000LL : -1,
                     last_ind == soci::i_ok ? last / 3'600'000'000LL : -1};
    }
    EXPECT_EQ(counted, (std::map<long long, std::tuple<long long, long long, long long>>{
                           {1, {2, 3, 5}}, {2, {0, -1, -1}}, {3, {1, 7, 7}}}));
    std::string key, question;
    long long number = 0;
    soci::indicator number_ind = soci::i_null;
    std::map<std::string, std::optional<long long>> numbers;
    soci::statement answered =
        (s.prepare << "SELECT answer_key, question_id, first_number FROM survey_answered WHERE "
                      "survey_id = 8",
         soci::into(key), soci::into(question), soci::into(number, number_ind));
    for (bool more = answered.execute(true); more; more = answered.fetch()) {
      numbers[key + "/" + question] =
          number_ind == soci::i_ok ? std::optional<long long>(number) : std::nullopt;
    }
    EXPECT_EQ(numbers.size(), 2 * firsts.size());
    for (std::size_t i = 0; i < firsts.size(); ++i) {
      const std::string k = "k" + std::to_string(i);
      EXPECT_EQ(numbers[k + "/q"], firsts[i].second) << firsts[i].first;
      EXPECT_EQ(numbers[k + "/t"], std::nullopt) << "a text holding a NUL";
    }
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.ToString();
}

TYPED_TEST(DatabaseTest, MigratesOnceAndRecordsIt) {
  EXPECT_EQ(this->Version(), 0);
  EXPECT_FALSE(this->Exists("schema_migrations"));
  ASSERT_TRUE(this->db().Migrate().ok());
  EXPECT_EQ(this->Version(), Migrations().back().version);
  for (const char* table :
       {"people", "departments", "sites", "skills", "person_languages", "person_events"}) {
    EXPECT_TRUE(this->Exists(table)) << table;
  }
  for (const char* table : {"match_settings", "match_constraints", "proposals", "proposal_pairs",
                            "proposal_unmatched", "relationships"}) {
    EXPECT_TRUE(this->Exists(table)) << table;
  }
  const long long rows = this->MigrationRows();
  EXPECT_EQ(rows, static_cast<long long>(Migrations().size()));
  ASSERT_TRUE(this->db().Migrate().ok());  // idempotent
  EXPECT_EQ(this->MigrationRows(), rows);
  std::string name, applied_at;
  Status s = this->db().Run(TransactionMode::kNone, [&](soci::session& session) {
    session << "SELECT name, applied_at FROM schema_migrations WHERE version = 1", soci::into(name),
        soci::into(applied_at);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(name, "directory");
  EXPECT_EQ(applied_at.size(), 20u) << applied_at;  // 2026-11-22T10:04:05Z
}

TYPED_TEST(DatabaseTest, FailedFirstMigrationLeavesTheDatabaseUntouched) {
  const Migration broken[] = {
      {1, "fine", "CREATE TABLE fine_one (id {{id}}, k {{key}})"},
      {2, "broken", "CREATE TABLE broken_one (id {{id}}); CREATE TABLE oops (;"},
  };
  Status s = this->db().Migrate(broken);
  EXPECT_EQ(s.code(), ErrorCode::kInternal);
  EXPECT_NE(s.log_message().find("migration 0002 (broken) failed"), std::string::npos)
      << s.log_message();
  EXPECT_FALSE(this->Exists("fine_one"));
  EXPECT_FALSE(this->Exists("broken_one"));
  EXPECT_FALSE(this->Exists("schema_migrations"));
  EXPECT_EQ(this->Version(), 0);
  EXPECT_TRUE(this->db().Ping().ok());  // every session is still usable
  ASSERT_TRUE(this->db().Migrate().ok());
}

TYPED_TEST(DatabaseTest, FailedLaterMigrationKeepsWhatWasApplied) {
  ASSERT_TRUE(this->db().Migrate().ok());
  const long long rows = this->MigrationRows();
  std::vector<Migration> more(Migrations().begin(), Migrations().end());
  const int next = more.back().version + 1;
  more.push_back({next, "adds_two", "CREATE TABLE extra_a (id {{id}})"});
  more.push_back({next + 1, "broken", "CREATE TABLE extra_b (id {{id}}); SELEC nonsense"});
  EXPECT_EQ(this->db().Migrate(more).code(), ErrorCode::kInternal);
  EXPECT_FALSE(this->Exists("extra_a"));
  EXPECT_FALSE(this->Exists("extra_b"));
  EXPECT_EQ(this->MigrationRows(), rows);
  EXPECT_EQ(this->Version(), Migrations().back().version);
  EXPECT_TRUE(this->Exists("people"));
}

TYPED_TEST(DatabaseTest, RefusesADatabaseMigratedByAnotherBuild) {
  std::vector<Migration> newer(Migrations().begin(), Migrations().end());
  newer.push_back({newer.back().version + 1, "future", "CREATE TABLE future (id {{id}})"});
  ASSERT_TRUE(this->db().Migrate(newer).ok());
  EXPECT_EQ(this->db().Migrate().code(), ErrorCode::kConflict);

  std::vector<Migration> renamed(Migrations().begin(), Migrations().end());
  renamed.back().name = "something_else";
  EXPECT_EQ(this->db().Migrate(renamed).code(), ErrorCode::kConflict);
}

TYPED_TEST(DatabaseTest, RefusesAMalformedMigrationList) {
  const Migration unordered[] = {{2, "b", "SELECT 1"}, {1, "a", "SELECT 1"}};
  EXPECT_EQ(this->db().Migrate(unordered).code(), ErrorCode::kInternal);
  EXPECT_FALSE(this->Exists("schema_migrations"));
}

TYPED_TEST(DatabaseTest, RunCommitsOrRollsBack) {
  ASSERT_TRUE(this->db().Migrate().ok());
  auto insert = [](const std::string& code) {
    return [code](soci::session& session) {
      session << "INSERT INTO departments (code, name, division) VALUES (:c, 'n', 'd')",
          soci::use(code);
      return Status::Ok();
    };
  };
  ASSERT_TRUE(this->db().Run(TransactionMode::kWrite, insert("KEPT")).ok());
  Status refused = this->db().Run(TransactionMode::kWrite, [&](soci::session& session) {
    (void)insert("DROPPED")(session);
    return Status::Conflict("changed my mind");
  });
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  Status thrown = this->db().Run(TransactionMode::kWrite, [&](soci::session& session) {
    (void)insert("ALSO_DROPPED")(session);
    session << "INSERT INTO no_such_table VALUES (1)";
    return Status::Ok();
  });
  EXPECT_EQ(thrown.code(), ErrorCode::kInternal);
  Status duplicate = this->db().Run(TransactionMode::kWrite, insert("KEPT"));
  EXPECT_EQ(duplicate.code(), ErrorCode::kConflict) << duplicate.ToString();

  long long count = 0;
  ASSERT_TRUE(this->db()
                  .Run(TransactionMode::kRead,
                       [&](soci::session& session) {
                         session << "SELECT COUNT(*) FROM departments", soci::into(count);
                         return Status::Ok();
                       })
                  .ok());
  EXPECT_EQ(count, 1);
}

TYPED_TEST(DatabaseTest, AFailedStatementInsideARepositoryTransactionIsNeverCommitted) {
  ASSERT_TRUE(this->db().Migrate().ok());
  auto repository = MakePeopleRepository(this->db());
  const domain::Directory d = domain::testing::SmallDirectory();
  ASSERT_TRUE(repository->UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(repository->UpsertSites(d.sites).ok());
  ASSERT_TRUE(repository->UpsertPeople(std::span(d.people).first(1)).ok());
  domain::PersonRecord clash = domain::testing::MakePerson("N1");
  clash.email = d.people[0].email;
  Status s = repository->RunInTransaction([&](domain::PeopleRepository& tx) {
    EXPECT_TRUE(tx.UpsertSkills(d.skills).ok());
    EXPECT_EQ(tx.UpsertPeople(std::span(&clash, 1)).code(), ErrorCode::kConflict);
    return Status::Ok();  // carries on regardless: the transaction must still not commit
  });
  EXPECT_FALSE(s.ok());
  auto skills = repository->ListSkills();
  ASSERT_TRUE(skills.ok());
  EXPECT_TRUE(skills->empty());
}

TYPED_TEST(DatabaseTest, ConcurrentPingsShareThePool) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (!this->db().Ping().ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(DatabaseOpenTest, RefusesBadArguments) {
  auto url = ParseDatabaseUrl("sqlite:/tmp/pairwise-never-created.db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(Database::Open(*url, 0).status().code(), ErrorCode::kInvalidArgument);
  auto memory = ParseDatabaseUrl("sqlite::memory:");
  ASSERT_TRUE(memory.ok());
  EXPECT_EQ(Database::Open(*memory, 2).status().code(), ErrorCode::kInvalidArgument);
  auto options = ParseDatabaseUrl("sqlite:/tmp/x=y.db");
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(Database::Open(*options, 1).status().code(), ErrorCode::kInvalidArgument);
}

TEST(DatabaseOpenTest, InMemorySqliteWorksWithOneSession) {
  auto url = ParseDatabaseUrl("sqlite::memory:");
  ASSERT_TRUE(url.ok());
  auto db = Database::Open(*url, 1);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_TRUE((*db)->Migrate().ok());
  auto version = (*db)->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, Migrations().back().version);
}

TEST(DatabaseOpenTest, UnreachableDatabasesAreUnavailable) {
  auto sqlite = ParseDatabaseUrl("sqlite:/nonexistent-dir/deeper/pairwise.db");
  ASSERT_TRUE(sqlite.ok());
  auto a = Database::Open(*sqlite, 1);
  EXPECT_EQ(a.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(a.status().log_message().find("/nonexistent-dir/deeper/pairwise.db"),
            std::string::npos);

  // Nothing listens on port 1; the password must not reach the message.
  auto pg = ParseDatabaseUrl("postgresql://u:hunter2@127.0.0.1:1/db?connect_timeout=2");
  ASSERT_TRUE(pg.ok());
  auto b = Database::Open(*pg, 1);
  EXPECT_EQ(b.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(b.status().ToString().find("hunter2"), std::string::npos) << b.status().ToString();
}

TEST(DatabaseSqliteTest, EverySessionHasThePragmas) {
  auto t = TestDatabase::Sqlite(3);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  soci::connection_pool& pool = (*t)->db().pool();
  for (std::size_t i = 0; i < 3; ++i) {
    soci::session& session = pool.at(i);
    int foreign_keys = 0, busy_timeout = 0, synchronous = 0;
    std::string journal_mode;
    session << "PRAGMA foreign_keys", soci::into(foreign_keys);
    session << "PRAGMA busy_timeout", soci::into(busy_timeout);
    session << "PRAGMA journal_mode", soci::into(journal_mode);
    session << "PRAGMA synchronous", soci::into(synchronous);
    EXPECT_EQ(foreign_keys, 1) << i;
    EXPECT_EQ(busy_timeout, Database::kSqliteBusyTimeoutMs) << i;
    EXPECT_EQ(journal_mode, "wal") << i;
    EXPECT_EQ(synchronous, 1) << i;  // NORMAL
  }
}

TEST(DatabasePostgresTest, ReconnectsAfterTheServerDropsItsSessions) {
  const std::optional<std::string> base = testing::PostgresTestUrl();
  if (!base) {
    if (testing::PostgresRequired()) FAIL() << "PAIRWISE_TEST_POSTGRES_URL is not set";
    GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is not set";
  }
  // A distinct application name identifies this pool's sessions on the server.
  const std::string app = "pw_reconnect_" + std::to_string(::getpid());
  const char separator = base->find('?') == std::string::npos ? '?' : '&';
  auto url = ParseDatabaseUrl(*base + separator + "application_name=" + app);
  ASSERT_TRUE(url.ok());
  auto db = Database::Open(*url, 2);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE((*db)->Ping().ok());

  auto admin_url = ParseDatabaseUrl(*base);
  ASSERT_TRUE(admin_url.ok());
  auto admin = Database::Open(*admin_url, 1);
  ASSERT_TRUE(admin.ok());
  long long killed = 0;
  Status s = (*admin)->Run(TransactionMode::kNone, [&](soci::session& session) {
    session << "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
               "WHERE application_name = :app) AS terminated",
        soci::use(app), soci::into(killed);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(killed, 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  // A call may fail on a dead session (Unavailable, never a crash); the session reconnects
  // on its next use.
  int failures = 0;
  for (int i = 0; i < 6; ++i) {
    Status ping = (*db)->Ping();
    if (!ping.ok()) {
      EXPECT_EQ(ping.code(), ErrorCode::kUnavailable) << ping.ToString();
      ++failures;
    }
  }
  EXPECT_LE(failures, 2);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE((*db)->Ping().ok());
}

}  // namespace
}  // namespace pairwise::storage
