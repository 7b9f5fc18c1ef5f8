// The ResourceRepository contract (mentor resources, issue 21), run against the in-memory fake,
// SQLite and PostgreSQL (PAIRWISE_TEST_POSTGRES_URL).
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "storage/memory/memory_resource_repository.h"
#include "storage/resource_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::Resource;
using domain::ResourceId;
using domain::ResourceQuery;

struct ResourceStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::ResourceRepository> resources;
  };
  static constexpr std::size_t kPool = 2;
  static Result<Store> Memory() {
    Store s;
    s.resources = std::make_unique<MemoryResourceRepository>();
    return s;
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> migrated) {
    Store s;
    s.resources = MakeResourceRepository(migrated->db());
    s.database = std::move(migrated);
    return s;
  }
};

TimePoint At(int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

template <typename Backend>
class ResourceContract : public testing::ContractTest<Backend> {
 protected:
  domain::ResourceRepository& repo() { return *this->store_.resources; }
  Resource Add(const std::string& title, const std::string& body, std::vector<std::string> topics,
               bool published, const std::string& author, int64_t at) {
    Resource r;
    r.fields.title = title;
    r.fields.body = body;
    r.fields.topics = std::move(topics);
    r.fields.published = published;
    r.author = r.updated_by = author;
    r.created_at = r.updated_at = At(at);
    r.search_text = domain::ResourceSearchText(r.fields);
    auto created = repo().Create(r);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : r;
  }
  std::vector<std::string> Titles(const ResourceQuery& q) {
    auto found = repo().Search(q);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    std::vector<std::string> out;
    if (found.ok()) {
      for (const Resource& r : *found) out.push_back(r.fields.title);
    }
    return out;
  }
};

TYPED_TEST_SUITE(ResourceContract, testing::ContractBackends<ResourceStores>,
                 testing::BackendNames);

TYPED_TEST(ResourceContract, StoresAndFindsEveryField) {
  if (this->Skipped()) return;
  const Resource r = this->Add("Your first meeting", "Say **hello**.\n\n- one\n- two",
                               {"first-meeting", "confidentiality"}, true, "E1", 100);
  EXPECT_TRUE(r.id.valid());
  EXPECT_EQ(r.version, 1);
  auto found = this->repo().Find(r.id);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->fields.title, "Your first meeting");
  EXPECT_EQ(found->fields.body, "Say **hello**.\n\n- one\n- two");
  EXPECT_EQ(found->fields.topics, (std::vector<std::string>{"first-meeting", "confidentiality"}));
  EXPECT_TRUE(found->fields.published);
  EXPECT_EQ(found->author, "E1");
  EXPECT_EQ(found->updated_by, "E1");
  EXPECT_EQ(found->created_at, At(100));
  EXPECT_EQ(found->updated_at, At(100));
  EXPECT_EQ(this->repo().Find(ResourceId(r.id.value + 100)).status().code(), ErrorCode::kNotFound);
}

TYPED_TEST(ResourceContract, UpdatesNeedTheCurrentVersionAndDeletesRemove) {
  if (this->Skipped()) return;
  Resource r = this->Add("Old", "Body", {"smart-goals"}, false, "E2", 100);
  r.fields.title = "New";
  r.fields.published = true;
  r.fields.topics = {"not-working"};
  r.updated_by = "E1";
  r.updated_at = At(200);
  r.search_text = domain::ResourceSearchText(r.fields);
  auto updated = this->repo().Update(r);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->fields.title, "New");
  EXPECT_TRUE(updated->fields.published);
  EXPECT_EQ(updated->fields.topics, std::vector<std::string>{"not-working"});
  EXPECT_EQ(updated->author, "E2");
  EXPECT_EQ(updated->updated_by, "E1");
  EXPECT_EQ(updated->updated_at, At(200));
  EXPECT_EQ(updated->created_at, At(100));

  // Saving again as of version 1 is stale: nothing changes.
  r.fields.title = "Stale";
  auto stale = this->repo().Update(r);
  EXPECT_EQ(stale.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(stale.status().ClientCode(), "stale_resource");
  EXPECT_EQ(this->repo().Find(r.id)->fields.title, "New");

  Resource ghost = r;
  ghost.id = ResourceId(r.id.value + 100);
  EXPECT_EQ(this->repo().Update(ghost).status().code(), ErrorCode::kNotFound);

  EXPECT_TRUE(this->repo().Delete(r.id).ok());
  EXPECT_EQ(this->repo().Find(r.id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->repo().Delete(r.id).code(), ErrorCode::kNotFound);
}

TYPED_TEST(ResourceContract, SearchMatchesEveryWordTopicsAndDrafts) {
  if (this->Skipped()) return;
  this->Add("Your first meeting", "Agree how often you meet.", {"first-meeting"}, true, "E1", 100);
  this->Add("SMART goals", "Specific, measurable, achievable.", {"smart-goals"}, true, "E2", 200);
  this->Add("Draft by E2", "Not ready: 100% of it _still_ rough.", {"smart-goals"}, false, "E2",
            300);
  this->Add("Draft by E3", "Meet rarely.", {"first-meeting"}, false, "E3", 400);

  ResourceQuery all;
  EXPECT_EQ(this->Titles(all), (std::vector<std::string>{"SMART goals", "Your first meeting"}));
  ResourceQuery mine;
  mine.drafts_of = "E2";
  EXPECT_EQ(this->Titles(mine),
            (std::vector<std::string>{"Draft by E2", "SMART goals", "Your first meeting"}));
  ResourceQuery admin;
  admin.all_drafts = true;
  EXPECT_EQ(this->Titles(admin).size(), 4u);

  // Words match title, body or a topic's label, in any order, ignoring ASCII case.
  ResourceQuery words;
  words.words = domain::SearchWords("  MEET   often ");
  EXPECT_EQ(this->Titles(words), std::vector<std::string>{"Your first meeting"});
  words.words = domain::SearchWords("setting smart");  // the topic's label
  EXPECT_EQ(this->Titles(words), std::vector<std::string>{"SMART goals"});
  words.words = domain::SearchWords("meet nowhere");
  EXPECT_TRUE(this->Titles(words).empty());
  // LIKE's wildcards are plain characters.
  words.words = domain::SearchWords("100%");
  words.all_drafts = true;
  EXPECT_EQ(this->Titles(words), std::vector<std::string>{"Draft by E2"});
  words.words = domain::SearchWords("_");
  EXPECT_EQ(this->Titles(words), std::vector<std::string>{"Draft by E2"});
  words.words = domain::SearchWords("%");
  EXPECT_EQ(this->Titles(words), std::vector<std::string>{"Draft by E2"});

  ResourceQuery topic;
  topic.topic = "first-meeting";
  EXPECT_EQ(this->Titles(topic), std::vector<std::string>{"Your first meeting"});
  topic.topic = "first";  // a topic is matched whole
  EXPECT_TRUE(this->Titles(topic).empty());
  topic.topic = "smart-goals";
  topic.drafts_of = "E2";
  topic.words = domain::SearchWords("rough");
  EXPECT_EQ(this->Titles(topic), std::vector<std::string>{"Draft by E2"});
}

// A library of a few hundred resources searches fast on every backend. The bound is generous on
// purpose (ASan on a loaded 2-core machine): it catches a query per resource, not a figure.
TYPED_TEST(ResourceContract, SearchingAFewHundredResourcesIsFast) {
  if (this->Skipped()) return;
  for (int i = 0; i < 300; ++i) {
    std::string body(2000, 'x');
    body += i % 10 == 0 ? " quarterly review of goals" : " weekly check in";
    this->Add("Guideline " + std::to_string(i), body, {i % 2 ? "smart-goals" : "first-meeting"},
              true, "E1", 1000 + i);
  }
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) {
    ResourceQuery q;
    q.words = domain::SearchWords("QUARTERLY goals");
    q.topic = "first-meeting";
    EXPECT_EQ(this->Titles(q).size(), 30u);
  }
  const auto per_search = (std::chrono::steady_clock::now() - start) / 20;
  EXPECT_LT(per_search, std::chrono::seconds(1));
}

}  // namespace
}  // namespace pairwise::storage
