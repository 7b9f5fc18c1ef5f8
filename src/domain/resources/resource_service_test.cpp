// ResourceService over the in-memory repository: validation with the field at fault, who reads
// and writes what (drafts included), search and stale edits.
#include "domain/resources/resource_service.h"

#include <gtest/gtest.h>

#include "domain/demo/demo_resources.h"
#include "domain/people/import/testing/fake_audit_log.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/memory_resource_repository.h"

namespace pairwise::domain {
namespace {

Actor Person(std::string employee_id, std::vector<Role> roles = {}) {
  Actor a;
  a.kind = Actor::Kind::kPerson;
  a.account_id = AccountId(1);
  a.employee_id = std::move(employee_id);
  a.roles = std::move(roles);
  return a;
}

ResourceFields Fields(std::string title, bool published = true,
                      std::vector<std::string> topics = {"first-meeting"}) {
  ResourceFields f;
  f.title = std::move(title);
  f.body = "Meet within two weeks of being paired.";
  f.topics = std::move(topics);
  f.published = published;
  return f;
}

class ResourceServiceTest : public ::testing::Test {
 protected:
  storage::MemoryResourceRepository repo_;
  storage::MemoryPeopleRepository people_repo_;
  PeopleService people_{people_repo_};
  testing::FakeAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::seconds(1'800'000'000))};
  ResourceService service_{repo_, people_, audit_, clock_};
  const Actor admin_ = Person("E1", {Role::kAdmin});
  const Actor coordinator_ = Person("E2", {Role::kCoordinator});
  const Actor other_coordinator_ = Person("E4", {Role::kCoordinator});
  const Actor participant_ = Person("E3");
};

TEST(ResourceFieldsTest, NameTheFieldAtFault) {
  auto field_of = [](ResourceFields f) {
    return CheckResourceFields(NormalizedResourceFields(std::move(f))).field();
  };
  EXPECT_EQ(field_of(Fields("Fine")), "");
  EXPECT_EQ(field_of(Fields("   ")), "title");
  EXPECT_EQ(field_of(Fields(std::string(kMaxResourceTitleChars + 1, 'a'))), "title");
  EXPECT_EQ(field_of(Fields("Two\nlines")), "title");
  ResourceFields no_body = Fields("Fine");
  no_body.body = " \n ";
  EXPECT_EQ(field_of(no_body), "body");
  ResourceFields long_body = Fields("Fine");
  long_body.body = std::string(kMaxResourceBodyChars + 1, 'a');
  EXPECT_EQ(field_of(long_body), "body");
  EXPECT_EQ(field_of(Fields("Fine", true, {})), "topics");
  EXPECT_EQ(field_of(Fields("Fine", true, {"first-meeting", "nonsense"})), "topics[1]");
  EXPECT_EQ(field_of(Fields("Fine", true, {"smart-goals", "smart-goals"})), "topics[1]");
  EXPECT_EQ(field_of(Fields("Fine", true,
                            {"first-meeting", "smart-goals", "not-working", "confidentiality",
                             "reverse-mentoring", "listening"})),
            "topics");
}

TEST(ResourceFieldsTest, SearchWordsAreLoweredAndDistinct) {
  EXPECT_EQ(SearchWords("  First\tMEETING first "), (std::vector<std::string>{"first", "meeting"}));
  EXPECT_TRUE(SearchWords(" \n ").empty());
  EXPECT_EQ(SearchWords("a b c d e f g h i j").size(), kMaxSearchWords);
}

TEST_F(ResourceServiceTest, CoordinatorsAndAdminsWriteParticipantsRead) {
  auto created = service_.Create(coordinator_, Fields("  First meeting  "));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->resource.fields.title, "First meeting");  // trimmed
  EXPECT_EQ(created->resource.author, "E2");
  EXPECT_EQ(created->author_name, "E2");  // not in this directory: named by id
  EXPECT_TRUE(created->can_edit);
  EXPECT_EQ(service_.Create(participant_, Fields("Mine")).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_.Create(coordinator_, Fields("")).status().field(), "title");

  const ResourceId id = created->resource.id;
  auto read = service_.Get(participant_, id);
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->can_edit);
  EXPECT_FALSE(service_.Get(other_coordinator_, id)->can_edit);
  EXPECT_TRUE(service_.Get(admin_, id)->can_edit);

  // Another coordinator may not change it; the admin may; the participant may not.
  EXPECT_EQ(service_.Update(other_coordinator_, id, 1, Fields("Mine now")).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(service_.Update(participant_, id, 1, Fields("Mine now")).status().code(),
            ErrorCode::kForbidden);
  clock_.Advance(std::chrono::minutes(5));
  auto updated = service_.Update(admin_, id, 1, Fields("First meeting, kept short"));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->resource.version, 2);
  EXPECT_EQ(updated->resource.updated_by, "E1");
  EXPECT_EQ(updated->resource.author, "E2");
  // The coordinator's copy (version 1) is stale now.
  auto stale = service_.Update(coordinator_, id, 1, Fields("Lost edit"));
  EXPECT_EQ(stale.status().ClientCode(), "stale_resource");
  EXPECT_EQ(service_.Update(coordinator_, id, 2, Fields("Bad", true, {"x"})).status().field(),
            "topics[0]");

  EXPECT_EQ(service_.Delete(other_coordinator_, id).code(), ErrorCode::kForbidden);
  EXPECT_TRUE(service_.Delete(coordinator_, id).ok());
  EXPECT_EQ(service_.Get(participant_, id).status().code(), ErrorCode::kNotFound);

  const auto entries = audit_.entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].action, "resource_created");
  EXPECT_EQ(entries[1].action, "resource_updated");
  EXPECT_EQ(entries[2].action, "resource_deleted");
}

TEST_F(ResourceServiceTest, DraftsAreReadOnlyByWhoMayChangeThem) {
  auto draft = service_.Create(coordinator_, Fields("Draft", false));
  ASSERT_TRUE(draft.ok());
  const ResourceId id = draft->resource.id;
  EXPECT_TRUE(service_.Get(coordinator_, id).ok());
  EXPECT_TRUE(service_.Get(admin_, id).ok());
  EXPECT_EQ(service_.Get(participant_, id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.Get(other_coordinator_, id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.Update(other_coordinator_, id, 1, Fields("x")).status().code(),
            ErrorCode::kNotFound);

  ASSERT_TRUE(service_.Create(admin_, Fields("Published")).ok());
  EXPECT_EQ(service_.Search(participant_, "", std::nullopt, true)->size(), 1u);
  EXPECT_EQ(service_.Search(other_coordinator_, "", std::nullopt, true)->size(), 1u);
  EXPECT_EQ(service_.Search(coordinator_, "", std::nullopt, true)->size(), 2u);
  EXPECT_EQ(service_.Search(coordinator_, "", std::nullopt, false)->size(), 1u);
  EXPECT_EQ(service_.Search(admin_, "", std::nullopt, true)->size(), 2u);
}

TEST_F(ResourceServiceTest, SearchByWordsAndTopic) {
  ASSERT_TRUE(service_.Create(admin_, Fields("Your first meeting")).ok());
  ASSERT_TRUE(service_.Create(admin_, Fields("Goals", true, {"smart-goals"})).ok());
  auto by_word = service_.Search(participant_, "FIRST", std::nullopt, false);
  ASSERT_TRUE(by_word.ok());
  ASSERT_EQ(by_word->size(), 1u);
  EXPECT_EQ((*by_word)[0].resource.fields.title, "Your first meeting");
  auto by_label = service_.Search(participant_, "setting smart", std::nullopt, false);
  ASSERT_EQ(by_label->size(), 1u);
  auto by_topic = service_.Search(participant_, "", std::string("smart-goals"), false);
  ASSERT_EQ(by_topic->size(), 1u);
  EXPECT_EQ((*by_topic)[0].resource.fields.title, "Goals");
  EXPECT_EQ(service_.Search(participant_, "", std::string("nope"), false).status().field(),
            "topic");
  Actor token;
  token.kind = Actor::Kind::kApiToken;
  EXPECT_EQ(service_.Search(token, "", std::nullopt, false).status().code(), ErrorCode::kForbidden);
}

// The demo's starter set passes the same checks as users' writing, covers every topic the
// relationship pages link to, and is written once.
TEST_F(ResourceServiceTest, DemoStarterSetIsWrittenOnceIntoAnEmptyLibrary) {
  auto written = LoadDemoResources(service_, "E1", "E2");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(*written, 10);
  auto again = LoadDemoResources(service_, "E1", "E2");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  for (const char* topic :
       {"first-meeting", "smart-goals", "not-working", "confidentiality", "reverse-mentoring"}) {
    auto found = service_.Search(participant_, "", std::string(topic), false);
    ASSERT_TRUE(found.ok());
    EXPECT_FALSE(found->empty()) << topic;
  }
  // The demo coordinator has resources of their own to edit.
  auto all = service_.Search(coordinator_, "", std::nullopt, false);
  ASSERT_TRUE(all.ok());
  int own = 0;
  for (const auto& v : *all) own += v.can_edit ? 1 : 0;
  EXPECT_EQ(own, 2);
}

}  // namespace
}  // namespace pairwise::domain
