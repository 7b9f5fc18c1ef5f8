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
  Result<std::vector<domain::StoredNote>> ListNotes(const domain::NoteScope& scope,
                                                    std::string_view reader) override;
  Result<domain::StoredNote> FindNote(domain::NoteId id) override;
  Result<domain::StoredNote> CreateNote(const domain::StoredNote& note) override;
  Result<domain::StoredNote> UpdateNote(const domain::StoredNote& note) override;
  Status DeleteNote(domain::NoteId id) override;

 private:
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::map<int64_t, domain::StoredNote> notes_;
};

}  // namespace pairwise::storage
