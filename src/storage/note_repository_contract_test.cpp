// The NoteRepository contract, run against the in-memory fake, SQLite and PostgreSQL
// (PAIRWISE_TEST_POSTGRES_URL). Notes belong to relationships, so each test publishes one.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/testing/matching_store.h"

namespace pairwise::storage {
namespace {

using domain::NoteKind;
using domain::StoredNote;
using testing::MatchingBackendNames;
using testing::MatchingBackends;
using testing::MatchingContract;
using testing::Seconds;

template <typename Backend>
class NoteContract : public MatchingContract<Backend> {
 protected:
  int64_t Relationship() {
    const auto pairs = std::vector{this->Pair("A", "M")};
    const auto id = this->RunToDone(this->Create(), pairs);
    auto published = this->repo().Publish(this->PlanFor(id, pairs, 5000));
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    return published.ok() ? (*published)[0].id.value : 0;
  }
  domain::NoteRepository& notes() { return *this->store_.notes; }
  StoredNote Add(int64_t relationship, const std::string& author, NoteKind kind,
                 const std::string& sealed, int64_t at) {
    StoredNote n;
    n.relationship_id = relationship;
    n.author = author;
    n.kind = kind;
    n.sealed = sealed;
    n.key_id = "k1";
    n.created_at = n.updated_at = Seconds(at);
    auto created = notes().CreateNote(n);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : n;
  }
};

TYPED_TEST_SUITE(NoteContract, MatchingBackends, MatchingBackendNames);

TYPED_TEST(NoteContract, EachReaderListsTheirOwnPrivateAndEverySharedNote) {
  const int64_t r = this->Relationship();
  const StoredNote mine = this->Add(r, "A", NoteKind::kPrivate, "sealed-1", 6000);
  this->Add(r, "M", NoteKind::kPrivate, "sealed-2", 6001);
  const StoredNote shared = this->Add(r, "M", NoteKind::kShared, "sealed-3", 6002);
  EXPECT_EQ(mine.version, 1);
  EXPECT_TRUE(mine.id.valid());

  auto a = this->notes().ListNotes(r, "A");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ((*a)[0].id, shared.id);  // newest first
  EXPECT_EQ((*a)[1].sealed, "sealed-1");
  EXPECT_EQ((*a)[1].key_id, "k1");
  EXPECT_EQ((*a)[1].author, "A");
  EXPECT_EQ((*a)[1].kind, NoteKind::kPrivate);
  EXPECT_EQ((*a)[1].created_at, Seconds(6000));
  EXPECT_EQ(this->notes().ListNotes(r, "M")->size(), 2u);
  EXPECT_EQ(this->notes().ListNotes(r, "someone else")->size(), 1u);
  EXPECT_TRUE(this->notes().ListNotes(r + 1000, "A")->empty());
}

TYPED_TEST(NoteContract, UpdatesNeedTheCurrentVersionAndDeletesRemove) {
  const int64_t r = this->Relationship();
  StoredNote note = this->Add(r, "A", NoteKind::kPrivate, "sealed-1", 6000);
  note.sealed = "sealed-2";
  note.key_id = "k2";
  note.updated_at = Seconds(7000);
  auto updated = this->notes().UpdateNote(note);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->sealed, "sealed-2");
  EXPECT_EQ(updated->key_id, "k2");
  EXPECT_EQ(updated->updated_at, Seconds(7000));
  EXPECT_EQ(updated->created_at, Seconds(6000));
  note.sealed = "sealed-3";  // still version 1
  EXPECT_EQ(this->notes().UpdateNote(note).status().reason(), "stale_note");
  EXPECT_EQ(this->notes().FindNote(note.id)->sealed, "sealed-2");

  EXPECT_TRUE(this->notes().DeleteNote(note.id).ok());
  EXPECT_EQ(this->notes().FindNote(note.id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->notes().DeleteNote(note.id).code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->notes().UpdateNote(note).status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace pairwise::storage
