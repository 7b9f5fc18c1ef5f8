// Notes of a relationship — trust is the product. A private note is read by its author only; a
// shared note by the pair only. Coordinators, managers, admins and API tokens never read either,
// through any route. Every note's text is sealed at rest (NoteCipher: libsodium's
// crypto_secretbox with the deployment's key), so a copy of the database does not reveal it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"

namespace pairwise::domain {

using NoteId = Id<struct NoteTag>;

inline constexpr std::size_t kMaxNoteChars = 20000;  // code points

// A group note is read by every member of a group (group programs); the others by the pair.
enum class NoteKind { kPrivate, kShared, kGroup };
// "private" | "shared" | "group".
std::string_view NoteKindName(NoteKind kind);
std::optional<NoteKind> ParseNoteKind(std::string_view name);

// OK for a note's text: not blank, UTF-8, at most kMaxNoteChars code points; otherwise
// InvalidArgument "text" in words for the writer.
Status CheckNoteText(const std::string& text);

// Where a note belongs: a relationship (its private and shared notes) or a group (group
// programs: the group's notes, read by every member), named by its program and its mentor.
struct NoteScope {
  int64_t relationship_id = 0;  // a relationship's notes; 0 for a group's
  int64_t group_program = 0;    // a group's notes: with group_mentor
  std::string group_mentor;
  static NoteScope Relationship(int64_t id) { return NoteScope{id, 0, {}}; }
  static NoteScope Group(int64_t program, std::string mentor) {
    return NoteScope{0, program, std::move(mentor)};
  }
  bool group() const { return relationship_id == 0; }
  friend bool operator==(const NoteScope&, const NoteScope&) = default;
};

// A note as stored: its text sealed. Group notes have kind kGroup and a group scope; private
// and shared notes a relationship scope.
struct StoredNote {
  NoteId id;
  NoteScope scope;
  std::string author;  // employee id
  NoteKind kind = NoteKind::kPrivate;
  std::string sealed;  // NoteCipher::Seal of the text
  std::string key_id;  // which key sealed it
  int version = 1;
  TimePoint created_at{};
  TimePoint updated_at{};
};

// A note as its readers see it.
struct Note {
  NoteId id;
  std::string author;
  NoteKind kind = NoteKind::kPrivate;
  std::string text;
  int version = 1;
  TimePoint created_at{};
  TimePoint updated_at{};
};

// Seals and opens note text with the deployment's keys. Thread-safe.
class NoteCipher {
 public:
  virtual ~NoteCipher() = default;
  struct Sealed {
    std::string sealed;
    std::string key_id;
  };
  // Seals with the current key. Unavailable when the deployment has no key.
  virtual Result<Sealed> Seal(std::string_view text) const = 0;
  // Opens a value sealed with the key `key_id` (the current one, or a previous one still
  // configured during a rotation). Internal when that key is not configured or the value was
  // altered.
  virtual Result<std::string> Open(std::string_view sealed, std::string_view key_id) const = 0;
};

// Thread-safe. Implementations: storage/note_repository.cpp and the in-memory one. One store
// for every note, relationships' and groups' alike (one id space).
class NoteRepository {
 public:
  virtual ~NoteRepository() = default;
  // The notes of `scope` that `reader` may see, newest first: in a relationship, their own
  // private notes and every shared one; in a group, every group note.
  virtual Result<std::vector<StoredNote>> ListNotes(const NoteScope& scope,
                                                    std::string_view reader) = 0;
  // NotFound for an unknown note.
  virtual Result<StoredNote> FindNote(NoteId id) = 0;
  // Stores a new note of note.scope (id assigned, version 1).
  virtual Result<StoredNote> CreateNote(const StoredNote& note) = 0;
  // Replaces the text if the stored version is still `note.version` (stores version + 1).
  // Conflict "stale_note" when it moved; NotFound for an unknown note.
  virtual Result<StoredNote> UpdateNote(const StoredNote& note) = 0;
  // NotFound for an unknown note.
  virtual Status DeleteNote(NoteId id) = 0;
};

}  // namespace pairwise::domain
