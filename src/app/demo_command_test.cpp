#include "app/demo_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

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

}  // namespace
}  // namespace pairwise::app
