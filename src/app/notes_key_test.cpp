#include "app/notes_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <latch>
#include <string>
#include <thread>
#include <vector>

namespace pairwise::app {
namespace {

namespace fs = std::filesystem;

class NotesKeyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    // The key comes from the database's file only when nothing else is configured.
    for (const char* name :
         {"PAIRWISE_NOTES_KEY", "PAIRWISE_NOTES_KEY_FILE", "PAIRWISE_NOTES_PREVIOUS_KEYS"}) {
      ::unsetenv(name);
    }
    std::string dir = (fs::temp_directory_path() / "pairwise-notes-key-XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir.data()), nullptr);
    dir_ = dir;
  }
  void TearDown() override { fs::remove_all(dir_); }

  DatabaseUrl Sqlite(const std::string& name) const {
    DatabaseUrl url;
    url.kind = DatabaseKind::kSqlite;
    url.target = (dir_ / name).string();
    return url;
  }

  fs::path dir_;
};

TEST_F(NotesKeyFile, FirstStartWritesAKeyOnlyTheOwnerReadsAndLaterStartsReadIt) {
  const DatabaseUrl db = Sqlite("a.db");
  auto first = LoadNotesKeys(db, "");
  ASSERT_TRUE(first.ok()) << first.status().log_message();
  EXPECT_EQ(first->current.size(), 32u);
  struct stat st {};
  ASSERT_EQ(::stat((db.target + ".notes-key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto again = LoadNotesKeys(db, "");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->current, first->current);
  // No temporary file is left beside it.
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1);
}

// Two servers (or a server and a command) starting at once on a new database: every one of them
// must end up with the same key. Before, one could read the file while another was still writing
// it ("the notes key file is empty"), or overwrite a key another had already read.
TEST_F(NotesKeyFile, ProcessesStartingAtOnceAllReadTheSameKey) {
  constexpr int kRounds = 30;
  constexpr int kStarters = 8;
  for (int round = 0; round < kRounds; ++round) {
    const DatabaseUrl db = Sqlite("race-" + std::to_string(round) + ".db");
    std::vector<Result<NotesKeys>> keys(kStarters, Status::Internal("not run"));
    std::latch start(kStarters);
    std::vector<std::thread> starters;
    for (int i = 0; i < kStarters; ++i) {
      starters.emplace_back([&, i] {
        start.arrive_and_wait();
        keys[i] = LoadNotesKeys(db, "");
      });
    }
    for (auto& t : starters) t.join();
    for (int i = 0; i < kStarters; ++i) {
      ASSERT_TRUE(keys[i].ok()) << "round " << round << ": " << keys[i].status().log_message();
      EXPECT_EQ(keys[i]->current, keys[0]->current) << "round " << round << ", starter " << i;
    }
  }
}

}  // namespace
}  // namespace pairwise::app
