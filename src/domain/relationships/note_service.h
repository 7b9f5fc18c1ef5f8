// Notes with their access rules (note.h): the pair writes and reads; a private note only its
// author, ever. Everyone else — coordinators, shadow mentors, managers, admins — is refused
// (Forbidden), strangers get NotFound, tokens Forbidden. Writing needs an active relationship;
// an ended relationship's notes stay readable by the pair.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/relationships/note.h"
#include "domain/relationships/relationship_service.h"

namespace pairwise::domain {

// Thread-safe as far as its dependencies are.
class NoteService {
 public:
  NoteService(NoteRepository& notes, NoteCipher& cipher, RelationshipService& relationships,
              const Clock& clock)
      : notes_(notes), cipher_(cipher), relationships_(relationships), clock_(clock) {}

  // The actor's private notes and the pair's shared notes, newest first.
  Result<std::vector<Note>> List(const Actor& actor, RelationshipId relationship);
  // InvalidArgument "text" when empty or over kMaxNoteChars code points (or not UTF-8).
  Result<Note> Create(const Actor& actor, RelationshipId relationship, NoteKind kind,
                      const std::string& text);
  // The author changes the text as of `version`. Conflict "stale_note"; NotFound for a note the
  // actor may not read (another's private note) or of another relationship; Forbidden for
  // another's shared note.
  Result<Note> Update(const Actor& actor, RelationshipId relationship, NoteId note, int version,
                      const std::string& text);
  // The author deletes the note. As Update for who may.
  Status Delete(const Actor& actor, RelationshipId relationship, NoteId note);

  // Group programs: the group's notes, read by every member of the group (mentor and mentees
  // whose relationship did not end early) and no one else; each is reached through the member's
  // own relationship. Access as RequireGroupMember (relationship_access.h); writing also needs
  // that relationship active. Newest first.
  Result<std::vector<Note>> ListGroup(const Actor& actor, RelationshipId relationship);
  // InvalidArgument "text" as Create.
  Result<Note> CreateGroup(const Actor& actor, RelationshipId relationship,
                           const std::string& text);
  // The author changes the text as of `version`: Conflict "stale_note"; NotFound for another
  // group's note; Forbidden for another member's.
  Result<Note> UpdateGroup(const Actor& actor, RelationshipId relationship, NoteId note,
                           int version, const std::string& text);
  Status DeleteGroup(const Actor& actor, RelationshipId relationship, NoteId note);

 private:
  Result<StoredNote> Own(const Actor& actor, RelationshipId relationship, NoteId note);
  Result<StoredNote> OwnGroup(const Actor& actor, RelationshipId relationship, NoteId note);
  Result<Note> Seal(StoredNote note, const std::string& text);
  Result<Note> Open(const StoredNote& stored);

  NoteRepository& notes_;
  NoteCipher& cipher_;
  RelationshipService& relationships_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
