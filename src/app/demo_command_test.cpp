#include "app/demo_command.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "storage/database.h"

namespace pairwise::app {
namespace {

namespace fs = std::filesystem;

class DemoCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("pairwise-demo-cmd-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Application> Open(const std::string& name) {
    auto app = Application::Open("sqlite:" + (dir_ / name).string(), 1);
    if (!app.ok()) ADD_FAILURE() << app.status().ToString();
    return app.ok() ? std::move(app).value() : nullptr;
  }

  static std::set<std::string> ProgramNames(Application& app) {
    std::set<std::string> names;
    auto programs = app.program_repository().ListPrograms();
    EXPECT_TRUE(programs.ok()) << programs.status().ToString();
    if (programs.ok()) {
      for (const auto& p : *programs) names.insert(p.name);
    }
    return names;
  }

  fs::path dir_;
};

// `pairwise demo` gave a directory without programs while `serve --demo-if-empty` added them:
// both load one demo now.
TEST_F(DemoCommandTest, LoadsTheSameDemoAsServe) {
  const domain::DemoOptions options{.people = 300};
  auto by_command = Open("command.db");
  auto by_serve = Open("serve.db");
  ASSERT_TRUE(by_command && by_serve);

  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  EXPECT_EQ(RunDemoCommand(*by_command, options, /*if_empty=*/false, out, err), 0);
  auto loaded = by_serve->LoadDemoIfEmpty(options);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_TRUE(*loaded);

  EXPECT_EQ(by_command->people().CountPeople().value(), by_serve->people().CountPeople().value());
  const auto programs = ProgramNames(*by_command);
  EXPECT_FALSE(programs.empty());
  EXPECT_EQ(programs, ProgramNames(*by_serve));
  auto logins = by_command->DemoLogins();
  ASSERT_TRUE(logins.ok());
  EXPECT_EQ(logins->size(), by_serve->DemoLogins().value().size());

  // What it printed names the programs and the sign-ins.
  std::rewind(out);
  std::string printed(4096, '\0');
  printed.resize(std::fread(printed.data(), 1, printed.size(), out));
  EXPECT_NE(printed.find("program: " + *programs.begin()), std::string::npos) << printed;
  EXPECT_NE(printed.find("demo sign-in (coordinator)"), std::string::npos) << printed;
  std::fclose(out);
  std::fclose(err);
}

TEST_F(DemoCommandTest, RefusesADirectoryInUseUnlessIfEmpty) {
  auto app = Open("used.db");
  ASSERT_TRUE(app);
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  ASSERT_EQ(RunDemoCommand(*app, {.people = 300}, false, out, err), 0);
  const auto people = app->people().CountPeople().value();
  const auto programs = ProgramNames(*app);
  EXPECT_EQ(RunDemoCommand(*app, {.people = 300}, false, out, err), 2);
  EXPECT_EQ(RunDemoCommand(*app, {.people = 300}, true, out, err), 0);
  EXPECT_EQ(app->people().CountPeople().value(), people);
  EXPECT_EQ(ProgramNames(*app), programs);
  std::fclose(out);
  std::fclose(err);
}

// The test PostgreSQL server's URL, or nothing (the caller skips); PAIRWISE_REQUIRE_POSTGRES=1
// makes its absence a failure, recorded here.
std::optional<std::string> PostgresUrl() {
  const char* url = std::getenv("PAIRWISE_TEST_POSTGRES_URL");
  if (url != nullptr && *url != '\0') return std::string(url);
  const char* required = std::getenv("PAIRWISE_REQUIRE_POSTGRES");
  if (required != nullptr && std::string(required) == "1") {
    ADD_FAILURE() << "PAIRWISE_REQUIRE_POSTGRES=1 but PAIRWISE_TEST_POSTGRES_URL is unset";
  }
  return std::nullopt;
}

// An empty database of a test's own on the server at `url` (the shared test database holds other
// tests' people), named `prefix` and the process id: made afresh, dropped again on destruction.
class OwnPostgresDatabase {
 public:
  OwnPostgresDatabase(const std::string& url, const std::string& prefix)
      : name_(prefix + std::to_string(::getpid())) {
    const std::size_t query = url.find('?');
    const std::string tail = query == std::string::npos ? "" : url.substr(query);
    url_ = url.substr(0, url.rfind('/', query) + 1) + name_ + tail;
    auto admin = Application::Open(url, 1);
    EXPECT_TRUE(admin.ok()) << admin.status().ToString();
    if (!admin.ok()) return;
    admin_ = std::move(admin).value();
    ok_ = Exec("DROP DATABASE IF EXISTS " + name_) && Exec("CREATE DATABASE " + name_);
  }
  ~OwnPostgresDatabase() {
    if (admin_) Exec("DROP DATABASE IF EXISTS " + name_);
  }
  OwnPostgresDatabase(const OwnPostgresDatabase&) = delete;
  OwnPostgresDatabase& operator=(const OwnPostgresDatabase&) = delete;

  bool ok() const { return ok_; }
  const std::string& url() const { return url_; }

 private:
  bool Exec(const std::string& sql) {
    Status done = admin_->database().Run(storage::TransactionMode::kNone, [&](soci::session& s) {
      s << sql;
      return Status::Ok();
    });
    EXPECT_TRUE(done.ok()) << sql << ": " << done.ToString();
    return done.ok();
  }

  std::string name_;
  std::string url_;
  std::unique_ptr<Application> admin_;
  bool ok_ = false;
};

// The README's PostgreSQL walk: `pairwise demo` into an empty PostgreSQL database that has no
// notes key yet. The demo loads with its programs (its relationships without notes).
TEST(DemoCommandPostgresTest, LoadsTheDemoWithProgramsWithoutANotesKey) {
  const std::optional<std::string> url = PostgresUrl();
  if (!url) GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is unset";
  ::unsetenv("PAIRWISE_NOTES_KEY");
  ::unsetenv("PAIRWISE_NOTES_KEY_FILE");
  // A database of its own, empty: the shared test database holds other tests' people.
  OwnPostgresDatabase own(*url, "pairwise_demo_cmd_");
  ASSERT_TRUE(own.ok());
  const std::string& own_url = own.url();
  {
    auto app = Application::Open(own_url, 1);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    std::FILE* out = std::tmpfile();
    std::FILE* err = std::tmpfile();
    EXPECT_EQ(RunDemoCommand(**app, {.people = 300}, false, out, err), 0);
    std::rewind(err);
    std::string problems(4096, '\0');
    problems.resize(std::fread(problems.data(), 1, problems.size(), err));
    EXPECT_EQ(problems, "");
    auto programs = (*app)->program_repository().ListPrograms();
    ASSERT_TRUE(programs.ok());
    EXPECT_GE(programs->size(), 2u);
    std::fclose(out);
    std::fclose(err);
  }
}

// What the demo stored, as numbers: counts and sums of times and versions, table by table.
std::vector<long long> DemoContent(Application& app) {
  static const std::vector<std::string> queries = {
      "SELECT COUNT(*) FROM relationships WHERE status = 'pending_agreement'",
      "SELECT COUNT(*) FROM relationships WHERE status = 'active'",
      "SELECT COUNT(*) FROM relationships WHERE status = 'completed'",
      "SELECT COUNT(*) FROM relationships WHERE status = 'ended_early'",
      "SELECT CAST(COALESCE(SUM(activated_at_us % 1000003), 0) AS BIGINT) FROM relationships",
      "SELECT CAST(COALESCE(SUM(ended_at_us % 1000003), 0) AS BIGINT) FROM relationships",
      "SELECT CAST(COALESCE(SUM(mentee_completed_at_us % 1000003), 0) AS BIGINT) FROM "
      "relationships",
      "SELECT COUNT(*) FROM relationships WHERE end_comment <> '' OR ended_by <> ''",
      "SELECT COUNT(*) FROM relationship_agreements",
      "SELECT CAST(COALESCE(SUM(mentor_accepted_at_us % 1000003), 0) AS BIGINT) FROM "
      "relationship_agreements",
      "SELECT COUNT(*) FROM assessments",
      "SELECT CAST(COALESCE(SUM(updated_at_us % 1000003), 0) AS BIGINT) FROM assessments",
      "SELECT COUNT(*) FROM assessment_ratings",
      "SELECT CAST(COALESCE(SUM(rating), 0) AS BIGINT) FROM assessment_ratings",
      "SELECT COUNT(*) FROM survey_invitations",
      "SELECT COUNT(*) FROM survey_invitations WHERE answered = 1",
      "SELECT CAST(COALESCE(SUM(sent_at_us % 1000003), 0) AS BIGINT) FROM survey_invitations",
      "SELECT COUNT(*) FROM survey_answers",
      "SELECT COUNT(*) FROM survey_answers WHERE invitation_id IS NOT NULL",
      "SELECT COUNT(*) FROM survey_answered",
      "SELECT COUNT(*) FROM mail_outbox",
      "SELECT CAST(COALESCE(SUM(next_attempt_at % 1000003), 0) AS BIGINT) FROM mail_outbox",
      "SELECT COUNT(*) FROM meetings",
      // The Leadership Circle's history, written through the services.
      "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM relationship_agreements",
      "SELECT COUNT(*) FROM relationship_agreements WHERE adjusted_by <> ''",
      "SELECT COUNT(*) FROM goals",
      "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM goals",
      "SELECT CAST(COALESCE(SUM(progress), 0) AS BIGINT) FROM goals",
      "SELECT CAST(COALESCE(SUM(updated_at_us % 1000003), 0) AS BIGINT) FROM goals",
      "SELECT COUNT(*) FROM goals WHERE achievable_at_us IS NOT NULL",
      "SELECT COUNT(*) FROM goal_milestones",
      "SELECT CAST(COALESCE(SUM(done_at_us % 1000003), 0) AS BIGINT) FROM goal_milestones",
      "SELECT COUNT(*) FROM goal_events",
      "SELECT CAST(COALESCE(SUM(at_us % 1000003), 0) AS BIGINT) FROM goal_events",
      "SELECT COUNT(*) FROM notes",
      "SELECT COUNT(*) FROM feedback",
      "SELECT CAST(COALESCE(SUM(round * 10 + rating), 0) AS BIGINT) FROM feedback",
      "SELECT CAST(COALESCE(SUM(created_at_us % 1000003), 0) AS BIGINT) FROM feedback",
      "SELECT COUNT(*) FROM introductions",
      // Ids too: the goals' history is stored at once with ids given in the calls' order.
      "SELECT CAST(COALESCE(SUM(id * relationship_id % 1000003), 0) AS BIGINT) FROM goals",
      "SELECT CAST(COALESCE(SUM(id * goal_id % 1000003), 0) AS BIGINT) FROM goal_milestones",
      "SELECT CAST(COALESCE(SUM((id * goal_id + LENGTH(field) + LENGTH(from_value) + "
      "LENGTH(to_value)) % 1000003), 0) AS BIGINT) FROM goal_events",
  };
  std::vector<long long> out;
  for (const std::string& sql : queries) {
    long long value = -1;
    Status read = app.database().Run(storage::TransactionMode::kRead, [&](soci::session& s) {
      s << sql, soci::into(value);
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << sql << ": " << read.ToString();
    out.push_back(value);
  }
  return out;
}

// The Leadership Circle's history goes through the services over repositories that read each row
// once: it writes what the services write when they read at every call.
TEST_F(DemoCommandTest, HistoryReadOnceWritesWhatTheServicesWrite) {
  const FakeClock clock(
      TimePoint(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::November / 20)));
  ApplicationOptions options;
  options.clock = &clock;
  options.notes_key = std::string(64, '3');  // notes too
  std::vector<long long> each_call, once;
  for (const bool reads_once : {false, true}) {
    auto app = Application::Open("sqlite:" + (dir_ / (reads_once ? "once.db" : "each.db")).string(),
                                 1, options);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    domain::DemoOptions demo{.people = 600};
    demo.history_reads_once = reads_once;
    auto loaded = (*app)->LoadDemoIfEmpty(demo);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    (reads_once ? once : each_call) = DemoContent(**app);
  }
  EXPECT_EQ(once, each_call);
  // There is a history to compare: agreements adjusted, goals, milestones done, notes, feedback.
  ASSERT_EQ(once.size(), 42u);
  EXPECT_GT(once[24], 0);  // adjusted agreements
  EXPECT_GT(once[25], 0);  // goals
  EXPECT_GT(once[31], 0);  // milestones done
  EXPECT_GT(once[34], 0);  // notes
  EXPECT_GT(once[35], 0);  // feedback
  EXPECT_GT(once[38], 0);  // introductions
}

// The demo's history goes in bulk (COPY on PostgreSQL, prepared statements stepped per row on
// SQLite): the same seed stores the same content on both.
TEST(DemoCommandPostgresTest, StoresWhatSqliteStores) {
  const std::optional<std::string> url = PostgresUrl();
  if (!url) GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is unset";
  // One clock for both: the demo's history is written relative to its time.
  const FakeClock clock(
      TimePoint(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::November / 20)));
  ApplicationOptions options;
  options.clock = &clock;
  options.notes_key = std::string(64, '3');  // notes on both
  const domain::DemoOptions demo{.people = 600};

  const fs::path dir =
      fs::temp_directory_path() / ("pairwise-demo-same-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<long long> on_sqlite;
  {
    auto app = Application::Open("sqlite:" + (dir / "demo.db").string(), 1, options);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    auto loaded = (*app)->LoadDemoIfEmpty(demo);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    on_sqlite = DemoContent(**app);
  }
  fs::remove_all(dir);

  OwnPostgresDatabase own(*url, "pairwise_demo_same_");
  ASSERT_TRUE(own.ok());
  const std::string& own_url = own.url();
  {
    auto app = Application::Open(own_url, 1, options);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    auto loaded = (*app)->LoadDemoIfEmpty(demo);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_EQ(DemoContent(**app), on_sqlite);
  }
  // The history is there to compare: past relationships, assessments and survey answers.
  EXPECT_GT(on_sqlite[2], 0);   // completed
  EXPECT_GT(on_sqlite[10], 0);  // assessments
  EXPECT_GT(on_sqlite[17], 0);  // survey answers
}

}  // namespace
}  // namespace pairwise::app
