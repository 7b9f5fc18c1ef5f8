// Mentor resources over HTTP (issue 21): who writes what, drafts, stale edits, search, and a
// body with HTML kept as the text it is (the UI renders it without HTML: the browser test
// tests/browser/resources.test.mjs checks nothing in it becomes live markup).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "auth_test_support.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

class ResourcesHttpTest : public ::testing::Test {
 protected:
  ClientResponse Call(const std::string& method, const std::string& path, const TestSession& who,
                      const json& body = nullptr) {
    Headers headers = who.Auth();
    std::string text;
    if (!body.is_null()) {
      headers.emplace_back("Content-Type", "application/json");
      text = body.dump();
    }
    return server_.Connect().Request(method, path, text, headers);
  }
  static json Body(const ClientResponse& r) { return json::parse(r.body); }
  static json Fields(const std::string& title, bool published = true) {
    return {{"title", title},
            {"body", "Meet within two weeks."},
            {"topics", {"first-meeting"}},
            {"published", published}};
  }

  AuthTestServer server_;
  TestSession admin_ = SignInAs(server_, "E1", {domain::Role::kAdmin});
  TestSession coordinator_ = SignInAs(server_, "E6", {domain::Role::kCoordinator});
  TestSession other_coordinator_ = SignInAs(server_, "E3", {domain::Role::kCoordinator});
  TestSession participant_ = SignInAs(server_, "E5");
};

TEST_F(ResourcesHttpTest, CoordinatorsWriteTheirOwnAdminsAnyEveryoneReads) {
  auto created = Call("POST", "/api/v1/resources", coordinator_, Fields("First meeting"));
  ASSERT_EQ(created.status, 201) << created.body;
  const json resource = Body(created);
  const std::string path = "/api/v1/resources/" + std::to_string(resource["id"].get<int>());
  EXPECT_EQ(resource["author"]["employee_id"], "E6");
  EXPECT_FALSE(resource["author"]["name"].get<std::string>().empty());
  EXPECT_TRUE(resource["can_edit"].get<bool>());

  auto read = Call("GET", path, participant_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_FALSE(Body(read)["can_edit"].get<bool>());
  auto list = Call("GET", "/api/v1/resources", participant_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Body(list)["items"].size(), 1u);
  EXPECT_FALSE(Body(list)["can_create"].get<bool>());
  EXPECT_EQ(Body(list)["topics"][0]["key"], "first-meeting");

  json change = Fields("Mine now");
  change["version"] = 1;
  EXPECT_EQ(Call("PUT", path, other_coordinator_, change).status, 403);
  EXPECT_EQ(Call("PUT", path, participant_, change).status, 403);
  auto by_admin = Call("PUT", path, admin_, change);
  ASSERT_EQ(by_admin.status, 200) << by_admin.body;
  EXPECT_EQ(Body(by_admin)["version"], 2);
  // The coordinator's copy was version 1: stale now, and nothing changes.
  change["title"] = "Lost";
  auto stale = Call("PUT", path, coordinator_, change);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Body(stale)["error"]["code"], "stale_resource");
  EXPECT_EQ(Body(Call("GET", path, participant_))["title"], "Mine now");

  EXPECT_EQ(Call("DELETE", path, other_coordinator_).status, 403);
  EXPECT_EQ(Call("DELETE", path, coordinator_).status, 204);
  EXPECT_EQ(Call("GET", path, participant_).status, 404);
}

TEST_F(ResourcesHttpTest, DraftsSearchAndFieldErrors) {
  ASSERT_EQ(Call("POST", "/api/v1/resources", coordinator_, Fields("Draft notes", false)).status,
            201);
  ASSERT_EQ(Call("POST", "/api/v1/resources", admin_, Fields("Published guide")).status, 201);
  EXPECT_EQ(Body(Call("GET", "/api/v1/resources?drafts=true", participant_))["items"].size(), 1u);
  EXPECT_EQ(Body(Call("GET", "/api/v1/resources?drafts=true", other_coordinator_))["items"].size(),
            1u);
  EXPECT_EQ(Body(Call("GET", "/api/v1/resources?drafts=true", coordinator_))["items"].size(), 2u);
  EXPECT_EQ(Body(Call("GET", "/api/v1/resources?drafts=true", admin_))["items"].size(), 2u);

  auto found = Body(Call("GET", "/api/v1/resources?q=PUBLISHED%20guide", participant_));
  ASSERT_EQ(found["items"].size(), 1u);
  EXPECT_EQ(found["items"][0]["title"], "Published guide");
  EXPECT_TRUE(
      Body(Call("GET", "/api/v1/resources?topic=smart-goals", participant_))["items"].empty());
  auto unknown = Call("GET", "/api/v1/resources?topic=nonsense", participant_);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Body(unknown)["error"]["field"], "topic");
  EXPECT_EQ(Call("GET", "/api/v1/resources?drafts=maybe", participant_).status, 400);

  json bad = Fields("Fine");
  bad["topics"] = {"first-meeting", "nonsense"};
  auto refused = Call("POST", "/api/v1/resources", admin_, bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(Body(refused)["error"]["field"], "topics[1]");
  bad = Fields(" ");
  EXPECT_EQ(Body(Call("POST", "/api/v1/resources", admin_, bad))["error"]["field"], "title");
  EXPECT_EQ(Body(Call("GET", "/api/v1/resources?drafts=true", admin_))["items"].size(), 2u);
}

TEST_F(ResourcesHttpTest, HtmlInABodyIsKeptAsTextNotChangedOrRun) {
  const std::string body =
      "<script>window.__pwned = 1</script>\n\n<img src=x onerror=\"window.__pwned = 2\">\n\n"
      "[click](javascript:alert(1))";
  json fields = Fields("Tricky");
  fields["body"] = body;
  auto created = Call("POST", "/api/v1/resources", admin_, fields);
  ASSERT_EQ(created.status, 201) << created.body;
  // JSON carries it as a string (the answer is application/json, never HTML).
  EXPECT_EQ(Body(created)["body"], body);
  EXPECT_NE(created.Header("content-type").find("application/json"), std::string::npos);
}

}  // namespace
}  // namespace pairwise::testing
