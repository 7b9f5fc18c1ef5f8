// An in-memory NoteRepository for domain tests and the contract suite. Same contract as the SQL
// repository (src/storage/note_repository_contract_test.cpp).
#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "domain/relationships/note.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything.
class MemoryNoteRepository final : public domain::NoteRepository {
 public:
  Result<std::vector<domain::StoredNote>> ListNotes(int64_t relationship_id,
                                                    std::string_view reader) override;
  Result<domain::StoredNote> FindNote(domain::NoteId id) override;
  Result<domain::StoredNote> CreateNote(const domain::StoredNote& note) override;
  Result<domain::StoredNote> UpdateNote(const domain::StoredNote& note) override;
  Status DeleteNote(domain::NoteId id) override;
  Result<std::vector<domain::StoredNote>> ListGroupNotes(int64_t program,
                                                         std::string_view mentor) override;
  Result<domain::StoredNote> FindGroupNote(domain::NoteId id) override;
  Result<domain::StoredNote> CreateGroupNote(const domain::StoredNote& note) override;
  Result<domain::StoredNote> UpdateGroupNote(const domain::StoredNote& note) override;
  Status DeleteGroupNote(domain::NoteId id) override;

 private:
  using Notes = std::map<int64_t, domain::StoredNote>;
  static Result<domain::StoredNote> Update(Notes& notes, const domain::StoredNote& note);

  std::mutex mutex_;
  int64_t next_id_ = 1;
  Notes notes_;
  int64_t next_group_id_ = 1;
  Notes group_notes_;
};

}  // namespace pairwise::storage
