#include "domain/relationships/note_service.h"

#include <utility>

#include "common/utf8.h"

namespace pairwise::domain {

std::string_view NoteKindName(NoteKind kind) {
  switch (kind) {
    case NoteKind::kPrivate:
      return "private";
    case NoteKind::kShared:
      return "shared";
    case NoteKind::kGroup:
      return "group";
  }
  return "private";
}

std::optional<NoteKind> ParseNoteKind(std::string_view name) {
  if (name == "private") return NoteKind::kPrivate;
  if (name == "shared") return NoteKind::kShared;
  if (name == "group") return NoteKind::kGroup;
  return std::nullopt;
}

Status CheckNoteText(const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("Write something first.", "text");
  }
  const auto length = CountUtf8CodePoints(text);
  if (!length || *length > kMaxNoteChars) {
    return Status::InvalidArgument(
        "A note holds at most " + std::to_string(kMaxNoteChars) + " characters.", "text");
  }
  return Status::Ok();
}

namespace {

Status NoNote(NoteId id) { return Status::NotFound("no note " + std::to_string(id.value)); }

}  // namespace

Result<Note> NoteService::Open(const StoredNote& stored) {
  auto text = cipher_.Open(stored.sealed, stored.key_id);
  if (!text.ok()) return text.status();
  return Note{stored.id,      stored.author,     stored.kind,      std::move(text).value(),
              stored.version, stored.created_at, stored.updated_at};
}

Result<NoteScope> NoteService::ScopeOf(const Actor& actor, RelationshipId id, NotesOf of,
                                       bool write) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  if (of == NotesOf::kGroup) {
    PAIRWISE_RETURN_IF_ERROR(RequireGroupMember(actor, *context));
    if (write) PAIRWISE_RETURN_IF_ERROR(RequireActiveMember(actor, *context));
    return NoteScope::Group(context->program.id.value, context->relationship.mentor);
  }
  PAIRWISE_RETURN_IF_ERROR(write ? RequireActiveMember(actor, *context)
                                 : RequireMember(actor, *context));
  return NoteScope::Relationship(id.value);
}

Result<std::vector<Note>> NoteService::List(const Actor& actor, RelationshipId id, NotesOf of) {
  auto scope = ScopeOf(actor, id, of, /*write=*/false);
  if (!scope.ok()) return scope.status();
  auto stored = notes_.ListNotes(*scope, actor.employee_id);
  if (!stored.ok()) return stored.status();
  std::vector<Note> out;
  for (const StoredNote& s : *stored) {
    auto note = Open(s);
    if (!note.ok()) return note.status();
    out.push_back(std::move(note).value());
  }
  return out;
}

Result<Note> NoteService::Create(const Actor& actor, RelationshipId id, NoteKind kind,
                                 const std::string& text) {
  auto scope =
      ScopeOf(actor, id, kind == NoteKind::kGroup ? NotesOf::kGroup : NotesOf::kRelationship,
              /*write=*/true);
  if (!scope.ok()) return scope.status();
  PAIRWISE_RETURN_IF_ERROR(CheckNoteText(text));
  StoredNote note;
  note.scope = std::move(scope).value();
  note.author = actor.employee_id;
  note.kind = kind;
  auto sealed = cipher_.Seal(text);
  if (!sealed.ok()) return sealed.status();
  note.sealed = std::move(sealed->sealed);
  note.key_id = std::move(sealed->key_id);
  note.created_at = note.updated_at = clock_.Now();
  auto created = notes_.CreateNote(note);
  if (!created.ok()) return created.status();
  return Note{created->id,      created->author,     created->kind,      text,
              created->version, created->created_at, created->updated_at};
}

Result<StoredNote> NoteService::Own(const Actor& actor, RelationshipId id, NotesOf of,
                                    NoteId note_id) {
  auto scope = ScopeOf(actor, id, of, /*write=*/true);
  if (!scope.ok()) return scope.status();
  auto note = notes_.FindNote(note_id);
  if (!note.ok()) return note.status();
  // Another relationship's or group's note does not exist for the actor.
  if (note->scope != *scope) return NoNote(note_id);
  if (note->author != actor.employee_id) {
    // Another's private note does not exist for the actor; another's shared note does.
    if (note->kind == NoteKind::kPrivate) return NoNote(note_id);
    return Status::Forbidden("Only the author of a note may change it.");
  }
  return note;
}

Result<Note> NoteService::Update(const Actor& actor, RelationshipId id, NotesOf of, NoteId note_id,
                                 int version, const std::string& text) {
  auto note = Own(actor, id, of, note_id);
  if (!note.ok()) return note.status();
  PAIRWISE_RETURN_IF_ERROR(CheckNoteText(text));
  StoredNote changed = std::move(note).value();
  changed.version = version;
  auto sealed = cipher_.Seal(text);
  if (!sealed.ok()) return sealed.status();
  changed.sealed = std::move(sealed->sealed);
  changed.key_id = std::move(sealed->key_id);
  changed.updated_at = clock_.Now();
  auto saved = notes_.UpdateNote(changed);
  if (!saved.ok()) return saved.status();
  return Note{saved->id,      saved->author,     saved->kind,      text,
              saved->version, saved->created_at, saved->updated_at};
}

Status NoteService::Delete(const Actor& actor, RelationshipId id, NotesOf of, NoteId note_id) {
  auto note = Own(actor, id, of, note_id);
  if (!note.ok()) return note.status();
  return notes_.DeleteNote(note_id);
}

}  // namespace pairwise::domain
