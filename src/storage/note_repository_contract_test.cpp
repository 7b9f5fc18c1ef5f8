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
  static domain::NoteScope Of(int64_t relationship) {
    return domain::NoteScope::Relationship(relationship);
  }
  StoredNote Add(int64_t relationship, const std::string& author, NoteKind kind,
                 const std::string& sealed, int64_t at) {
    StoredNote n;
    n.scope = domain::NoteScope::Relationship(relationship);
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

  auto a = this->notes().ListNotes(this->Of(r), "A");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ((*a)[0].id, shared.id);  // newest first
  EXPECT_EQ((*a)[1].sealed, "sealed-1");
  EXPECT_EQ((*a)[1].key_id, "k1");
  EXPECT_EQ((*a)[1].author, "A");
  EXPECT_EQ((*a)[1].kind, NoteKind::kPrivate);
  EXPECT_EQ((*a)[1].created_at, Seconds(6000));
  EXPECT_EQ(this->notes().ListNotes(this->Of(r), "M")->size(), 2u);
  EXPECT_EQ(this->notes().ListNotes(this->Of(r), "someone else")->size(), 1u);
  EXPECT_TRUE(this->notes().ListNotes(this->Of(r + 1000), "A")->empty());
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

// Group notes (one store since migration 0033): a group's notes, apart from every
// relationship's and every other group's, with the same versioning and one id space.
TYPED_TEST(NoteContract, GroupNotesBelongToTheirGroupOnly) {
  const int64_t r = this->Relationship();  // also creates the program
  const int64_t program = this->program_.value;
  const int64_t other_program = this->NewProgram("Another").value;
  auto add = [&](int64_t in_program, const std::string& mentor, const std::string& author,
                 const std::string& sealed, int64_t at) {
    StoredNote n;
    n.scope = domain::NoteScope::Group(in_program, mentor);
    n.author = author;
    n.kind = NoteKind::kGroup;
    n.sealed = sealed;
    n.key_id = "k1";
    n.created_at = n.updated_at = Seconds(at);
    auto created = this->notes().CreateNote(n);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : n;
  };
  const auto group_of_m = domain::NoteScope::Group(program, "M");
  StoredNote first = add(program, "M", "A", "g-1", 6000);
  const StoredNote second = add(program, "M", "B", "g-2", 6001);
  add(program, "N", "C", "other mentor", 6002);
  add(other_program, "M", "A", "other program", 6003);
  const StoredNote pair_note = this->Add(r, "A", NoteKind::kShared, "pair note", 6004);
  EXPECT_NE(pair_note.id, first.id) << "one id space";
  EXPECT_NE(pair_note.id, second.id);

  auto group = this->notes().ListNotes(group_of_m, "anyone");
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  ASSERT_EQ(group->size(), 2u);
  EXPECT_EQ((*group)[0].id, second.id);  // newest first
  EXPECT_EQ((*group)[1].sealed, "g-1");
  EXPECT_EQ((*group)[1].author, "A");
  EXPECT_EQ((*group)[1].kind, NoteKind::kGroup);
  EXPECT_EQ((*group)[1].scope, group_of_m);
  EXPECT_EQ((*group)[1].scope.relationship_id, 0);
  EXPECT_EQ((*group)[1].version, 1);
  EXPECT_EQ(this->notes().ListNotes(this->Of(r), "A")->size(), 1u)
      << "the pair's notes are the pair's";
  EXPECT_EQ(this->notes().FindNote(pair_note.id)->scope, this->Of(r));

  first.sealed = "g-1b";
  first.updated_at = Seconds(7000);
  auto updated = this->notes().UpdateNote(first);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(this->notes().FindNote(first.id)->sealed, "g-1b");
  EXPECT_EQ(this->notes().FindNote(first.id)->scope, group_of_m);
  EXPECT_EQ(this->notes().UpdateNote(first).status().reason(), "stale_note");
  EXPECT_TRUE(this->notes().DeleteNote(first.id).ok());
  EXPECT_EQ(this->notes().FindNote(first.id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->notes().DeleteNote(first.id).code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->notes().UpdateNote(first).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->notes().ListNotes(group_of_m, "A")->size(), 1u);
}

}  // namespace
}  // namespace pairwise::storage
