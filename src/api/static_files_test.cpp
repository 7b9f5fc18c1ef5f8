#include "api/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>
#include <vector>

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

  HttpResponse Get(const std::string& path,
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest req;
    req.path = path;
    req.headers = std::move(headers);
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

TEST_F(StaticFilesTest, PrecompressedVariantsFollowAcceptEncoding) {
  Write(root_ / "assets" / "index-abc123.js.br", "BROTLI");
  Write(root_ / "assets" / "index-abc123.js.gz", "GZIP");
  const std::string js = "/assets/index-abc123.js";

  auto br = Get(js, {{"accept-encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.body, "BROTLI");
  EXPECT_EQ(br.Header("Content-Encoding"), "br");
  EXPECT_EQ(br.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(br.Header("Vary"), "Accept-Encoding");

  auto gz = Get(js, {{"accept-encoding", "br;q=0.5, gzip"}});
  EXPECT_EQ(gz.body, "GZIP");
  EXPECT_EQ(gz.Header("Content-Encoding"), "gzip");

  auto plain = Get(js);
  EXPECT_EQ(plain.body, "console.log(1)");
  EXPECT_FALSE(plain.Header("Content-Encoding").has_value());
  EXPECT_EQ(plain.Header("Vary"), "Accept-Encoding");

  // Each variant has its own validator, and only a matching one answers 304.
  ASSERT_TRUE(br.Header("ETag") && gz.Header("ETag") && plain.Header("ETag"));
  EXPECT_NE(*br.Header("ETag"), *gz.Header("ETag"));
  EXPECT_NE(*br.Header("ETag"), *plain.Header("ETag"));
  auto cached =
      Get(js, {{"accept-encoding", "br"}, {"if-none-match", std::string(*br.Header("ETag"))}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());
  EXPECT_EQ(cached.Header("Content-Encoding"), "br");
  auto other =
      Get(js, {{"accept-encoding", "gzip"}, {"if-none-match", std::string(*br.Header("ETag"))}});
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body, "GZIP");
}

TEST_F(StaticFilesTest, SpaFallbackUsesIndexVariants) {
  Write(root_ / "index.html.gz", "GZIPPED INDEX");
  auto r = Get("/programs/3", {{"accept-encoding", "gzip"}});
  EXPECT_EQ(r.body, "GZIPPED INDEX");
  EXPECT_EQ(r.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
}

TEST_F(StaticFilesTest, FileWithoutVariantsHasNoVary) {
  auto r = Get("/assets/index-abc123.js", {{"accept-encoding", "br, gzip"}});
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_FALSE(r.Header("Content-Encoding").has_value());
  EXPECT_FALSE(r.Header("Vary").has_value());
}

TEST_F(StaticFilesTest, VariantLinkedOutOfRootIsNotServed) {
  fs::create_symlink(base_ / "secret.txt", root_ / "assets" / "index-abc123.js.br");
  auto r = Get("/assets/index-abc123.js", {{"accept-encoding", "br"}});
  EXPECT_EQ(r.body, "console.log(1)");
}

TEST(ChooseEncodingTest, QValuesStarsAndRefusals) {
  const std::vector<std::string_view> both{"br", "gzip"};
  const std::vector<std::string_view> gzip_only{"gzip"};
  const std::vector<std::string_view> none;
  struct Case {
    std::optional<std::string_view> header;
    const std::vector<std::string_view>* available;
    std::string_view expected;
  };
  const Case cases[] = {
      {std::nullopt, &both, "identity"},
      {"", &both, "identity"},
      {"gzip, deflate, br", &both, "br"},
      {"gzip, deflate, br", &gzip_only, "gzip"},
      {"gzip, deflate, br", &none, "identity"},
      {"br;q=0.5, gzip;q=0.8", &both, "gzip"},
      {"BR;Q=1, GZIP", &both, "br"},
      {"br;q=0, gzip;q=0", &both, "identity"},
      {"*", &both, "br"},
      {"*;q=0.1, gzip", &both, "gzip"},
      {"br;q=0.001", &both, "br"},
      {"br;q=0.5, identity", &both, "identity"},
      {"br;q=0.001, identity;q=0", &both, "br"},
      {"identity;q=0, gzip;q=0.2", &both, "gzip"},
      {"x-gzip", &both, "gzip"},
      {"deflate", &both, "identity"},
      {"br;q=2, gzip", &both, "gzip"},    // q above 1 is malformed: that element is ignored
      {"br;q=abc, gzip", &both, "gzip"},  // likewise
      {" gzip ; q=0.9 ,br ; q=0.9 ", &both, "br"},
      {",,gzip,,", &both, "gzip"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(StaticFiles::ChooseEncoding(c.header, *c.available), c.expected)
        << (c.header ? std::string(*c.header) : "(no header)");
  }
}

TEST(ContentTypeTest, KnownAndUnknown) {
  EXPECT_EQ(StaticFiles::ContentTypeFor(".css"), "text/css; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentTypeFor(".woff2"), "font/woff2");
  EXPECT_EQ(StaticFiles::ContentTypeFor(".exe"), "application/octet-stream");
}

}  // namespace
}  // namespace pairwise::api
