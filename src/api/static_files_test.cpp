#include "api/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace pairwise::api {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ =
        fs::temp_directory_path() /
        ("pairwise-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<!doctype html><title>Pairwise</title>");
    Write(root_ / "assets" / "index-abc123.js", "console.log(1)");
    Write(base_ / "secret.txt", "top secret");
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

  HttpResponse Get(const std::string& path) {
    HttpRequest req;
    req.path = path;
    return StaticFiles(root_).Serve(req);
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesHashedAssetsWithLongCache) {
  auto r = Get("/assets/index-abc123.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(r.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.Header("Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, ClientRoutesFallBackToIndexWithoutCaching) {
  for (const char* path : {"/", "/status", "/programs/12/matching"}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_EQ(r.Header("Cache-Control"), "no-cache") << path;
  }
}

TEST_F(StaticFilesTest, MissingAssetsAndFilesAre404) {
  EXPECT_EQ(Get("/assets/gone.js").status, 404);
  EXPECT_EQ(Get("/favicon.ico").status, 404);
}

TEST_F(StaticFilesTest, SymlinkOutOfRootIsRefused) {
  auto r = Get("/leak.txt");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("top secret"), std::string::npos);
}

TEST(ContentTypeTest, KnownAndUnknown) {
  EXPECT_EQ(StaticFiles::ContentTypeFor(".css"), "text/css; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentTypeFor(".woff2"), "font/woff2");
  EXPECT_EQ(StaticFiles::ContentTypeFor(".exe"), "application/octet-stream");
}

}  // namespace
}  // namespace pairwise::api
