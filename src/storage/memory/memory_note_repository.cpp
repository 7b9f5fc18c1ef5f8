#include "storage/memory/memory_note_repository.h"

#include <algorithm>

namespace pairwise::storage {

using domain::StoredNote;

namespace {
Status NoNote(domain::NoteId id) { return Status::NotFound("no note " + std::to_string(id.value)); }
}  // namespace

Result<std::vector<StoredNote>> MemoryNoteRepository::ListNotes(int64_t relationship_id,
                                                                std::string_view reader) {
  std::lock_guard lock(mutex_);
  std::vector<StoredNote> out;
  for (const auto& [id, n] : notes_) {
    if (n.relationship_id == relationship_id &&
        (n.kind == domain::NoteKind::kShared || n.author == reader)) {
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
  return Update(notes_, note);
}

Result<StoredNote> MemoryNoteRepository::Update(Notes& notes, const StoredNote& note) {
  auto it = notes.find(note.id.value);
  if (it == notes.end()) return NoNote(note.id);
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

Result<std::vector<StoredNote>> MemoryNoteRepository::ListGroupNotes(int64_t program,
                                                                     std::string_view mentor) {
  std::lock_guard lock(mutex_);
  std::vector<StoredNote> out;
  for (const auto& [id, n] : group_notes_) {
    if (n.group_program == program && n.group_mentor == mentor) out.push_back(n);
  }
  std::sort(out.begin(), out.end(), [](const StoredNote& a, const StoredNote& b) {
    if (a.created_at != b.created_at) return a.created_at > b.created_at;
    return a.id.value > b.id.value;
  });
  return out;
}

Result<StoredNote> MemoryNoteRepository::FindGroupNote(domain::NoteId id) {
  std::lock_guard lock(mutex_);
  auto it = group_notes_.find(id.value);
  if (it == group_notes_.end()) return NoNote(id);
  return it->second;
}

Result<StoredNote> MemoryNoteRepository::CreateGroupNote(const StoredNote& note) {
  std::lock_guard lock(mutex_);
  StoredNote stored = note;
  stored.id = domain::NoteId(next_group_id_++);
  stored.relationship_id = 0;
  stored.version = 1;
  group_notes_[stored.id.value] = stored;
  return stored;
}

Result<StoredNote> MemoryNoteRepository::UpdateGroupNote(const StoredNote& note) {
  std::lock_guard lock(mutex_);
  return Update(group_notes_, note);
}

Status MemoryNoteRepository::DeleteGroupNote(domain::NoteId id) {
  std::lock_guard lock(mutex_);
  if (group_notes_.erase(id.value) == 0) return NoNote(id);
  return Status::Ok();
}

}  // namespace pairwise::storage
