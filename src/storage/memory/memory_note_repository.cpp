#include "storage/memory/memory_note_repository.h"

#include <algorithm>

namespace pairwise::storage {

using domain::StoredNote;

namespace {
Status NoNote(domain::NoteId id) { return Status::NotFound("no note " + std::to_string(id.value)); }
}  // namespace

Result<std::vector<StoredNote>> MemoryNoteRepository::ListNotes(const domain::NoteScope& scope,
                                                                std::string_view reader) {
  std::lock_guard lock(mutex_);
  std::vector<StoredNote> out;
  for (const auto& [id, n] : notes_) {
    if (n.scope != scope) continue;
    if (scope.group() || n.kind == domain::NoteKind::kShared || n.author == reader) {
      out.push_back(n);
    }
  }
  std::sort(out.begin(), out.end(), [](const StoredNote& a, const StoredNote& b) {
    if (a.created_at != b.created_at) return a.created_at > b.created_at;
    return a.id.value > b.id.value;
  });
  return out;
}

Result<StoredNote> MemoryNoteRepository::FindNote(domain::NoteId id) {
  std::lock_guard lock(mutex_);
  auto it = notes_.find(id.value);
  if (it == notes_.end()) return NoNote(id);
  return it->second;
}

Result<StoredNote> MemoryNoteRepository::CreateNote(const StoredNote& note) {
  std::lock_guard lock(mutex_);
  StoredNote stored = note;
  stored.id = domain::NoteId(next_id_++);
  stored.version = 1;
  notes_[stored.id.value] = stored;
  return stored;
}

Result<StoredNote> MemoryNoteRepository::UpdateNote(const StoredNote& note) {
  std::lock_guard lock(mutex_);
  auto it = notes_.find(note.id.value);
  if (it == notes_.end()) return NoNote(note.id);
  if (it->second.version != note.version) {
    return Status::Conflict("This note changed meanwhile; read it again.").WithReason("stale_note");
  }
  it->second.sealed = note.sealed;
  it->second.key_id = note.key_id;
  it->second.updated_at = note.updated_at;
  it->second.version = note.version + 1;
  return it->second;
}

Status MemoryNoteRepository::DeleteNote(domain::NoteId id) {
  std::lock_guard lock(mutex_);
  if (notes_.erase(id.value) == 0) return NoNote(id);
  return Status::Ok();
}

}  // namespace pairwise::storage
