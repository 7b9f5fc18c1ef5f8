#include "app/demo_command.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

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

// The README's PostgreSQL walk: `pairwise demo` into an empty PostgreSQL database that has no
// notes key yet. The demo loads with its programs (its relationships without notes).
TEST(DemoCommandPostgresTest, LoadsTheDemoWithProgramsWithoutANotesKey) {
  const char* url = std::getenv("PAIRWISE_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    const char* required = std::getenv("PAIRWISE_REQUIRE_POSTGRES");
    if (required != nullptr && std::string(required) == "1") {
      FAIL() << "PAIRWISE_REQUIRE_POSTGRES=1 but PAIRWISE_TEST_POSTGRES_URL is unset";
    }
    GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is unset";
  }
  ::unsetenv("PAIRWISE_NOTES_KEY");
  ::unsetenv("PAIRWISE_NOTES_KEY_FILE");
  // A database of its own, empty: the shared test database holds other tests' people.
  const std::string name = "pairwise_demo_cmd_" + std::to_string(::getpid());
  std::string own_url(url);
  const std::size_t query = own_url.find('?');
  const std::string tail = query == std::string::npos ? "" : own_url.substr(query);
  own_url = own_url.substr(0, own_url.rfind('/', query) + 1) + name + tail;
  auto admin = Application::Open(url, 1);
  ASSERT_TRUE(admin.ok()) << admin.status().ToString();
  auto exec = [&](const std::string& sql) {
    return (*admin)->database().Run(storage::TransactionMode::kNone, [&](soci::session& s) {
      s << sql;
      return Status::Ok();
    });
  };
  ASSERT_TRUE(exec("DROP DATABASE IF EXISTS " + name).ok());
  ASSERT_TRUE(exec("CREATE DATABASE " + name).ok());
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
  EXPECT_TRUE(exec("DROP DATABASE IF EXISTS " + name).ok());
}

}  // namespace
}  // namespace pairwise::app
