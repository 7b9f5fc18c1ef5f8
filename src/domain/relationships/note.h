// Notes of a relationship — trust is the product. A private note is read by its author only; a
// shared note by the pair only. Coordinators, managers, admins and API tokens never read either,
// through any route. Every note's text is sealed at rest (NoteCipher: libsodium's
// crypto_secretbox with the deployment's key), so a copy of the database does not reveal it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
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

// A note as stored: its text sealed. A group note (group programs: read by every member of the
// group) has no relationship: it belongs to the group, named by its program and its mentor.
struct StoredNote {
  NoteId id;
  int64_t relationship_id = 0;  // 0 for a group note
  int64_t group_program = 0;    // group notes only
  std::string group_mentor;     // group notes only
  std::string author;           // employee id
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

// Thread-safe. Implementations: storage/note_repository.cpp and the in-memory one.
class NoteRepository {
 public:
  virtual ~NoteRepository() = default;
  // The notes `reader` may see in the relationship: their own private notes and every shared
  // one, newest first.
  virtual Result<std::vector<StoredNote>> ListNotes(int64_t relationship_id,
                                                    std::string_view reader) = 0;
  // NotFound for an unknown note.
  virtual Result<StoredNote> FindNote(NoteId id) = 0;
  // Stores a new note (id assigned, version 1).
  virtual Result<StoredNote> CreateNote(const StoredNote& note) = 0;
  // Replaces the text if the stored version is still `note.version` (stores version + 1).
  // Conflict "stale_note" when it moved; NotFound for an unknown note.
  virtual Result<StoredNote> UpdateNote(const StoredNote& note) = 0;
  // NotFound for an unknown note.
  virtual Status DeleteNote(NoteId id) = 0;

  // Group notes (their own ids, apart from the relationships' notes): the group of `mentor` in
  // `program`, newest first.
  virtual Result<std::vector<StoredNote>> ListGroupNotes(int64_t program,
                                                         std::string_view mentor) = 0;
  // NotFound for an unknown group note.
  virtual Result<StoredNote> FindGroupNote(NoteId id) = 0;
  // Stores a new group note of note.group_program / note.group_mentor (id assigned, version 1).
  virtual Result<StoredNote> CreateGroupNote(const StoredNote& note) = 0;
  // As UpdateNote: Conflict "stale_note"; NotFound for an unknown group note.
  virtual Result<StoredNote> UpdateGroupNote(const StoredNote& note) = 0;
  // NotFound for an unknown group note.
  virtual Status DeleteGroupNote(NoteId id) = 0;
};

}  // namespace pairwise::domain
