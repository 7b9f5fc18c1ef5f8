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

// Which notes a route reaches through a relationship: the relationship's own (private and
// shared) or, in a group program, its group's.
enum class NotesOf { kRelationship, kGroup };

// Thread-safe as far as its dependencies are.
//
// A relationship's notes: the pair reads and writes them (RequireMember; writing needs the
// relationship active). A group's notes: every member of the group (mentor and mentees whose
// relationship did not end early) and no one else, each reaching them through their own
// relationship (RequireGroupMember, relationship_access.h; writing also needs that
// relationship active).
class NoteService {
 public:
  NoteService(NoteRepository& notes, NoteCipher& cipher, RelationshipService& relationships,
              const Clock& clock)
      : notes_(notes), cipher_(cipher), relationships_(relationships), clock_(clock) {}

  // The relationship's notes the actor may read (their private notes and the pair's shared
  // ones), or its group's notes; newest first.
  Result<std::vector<Note>> List(const Actor& actor, RelationshipId relationship, NotesOf of);
  // A new note: private or shared in the relationship, or (kind kGroup) in its group.
  // InvalidArgument "text" when empty or over kMaxNoteChars code points (or not UTF-8).
  Result<Note> Create(const Actor& actor, RelationshipId relationship, NoteKind kind,
                      const std::string& text);
  // The author changes the text as of `version`. Conflict "stale_note"; NotFound for a note the
  // actor may not read (another's private note) or not of these notes (another relationship's,
  // another group's); Forbidden for another's shared or group note.
  Result<Note> Update(const Actor& actor, RelationshipId relationship, NotesOf of, NoteId note,
                      int version, const std::string& text);
  // The author deletes the note. As Update for who may.
  Status Delete(const Actor& actor, RelationshipId relationship, NotesOf of, NoteId note);

 private:
  // The notes reached through the relationship, after the access check (`write`: the
  // relationship must be active too).
  Result<NoteScope> ScopeOf(const Actor& actor, RelationshipId relationship, NotesOf of,
                            bool write);
  Result<StoredNote> Own(const Actor& actor, RelationshipId relationship, NotesOf of, NoteId note);
  Result<Note> Open(const StoredNote& stored);

  NoteRepository& notes_;
  NoteCipher& cipher_;
  RelationshipService& relationships_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
