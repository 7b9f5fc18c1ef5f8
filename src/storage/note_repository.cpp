// NoteRepository over SOCI: the notes table (migration 0014; since 0033 also the groups' notes),
// the same statements for SQLite and PostgreSQL. The text arrives sealed (NoteCipher) and is stored
// as it is.
#include <soci/soci.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::NoteId;
using domain::StoredNote;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

std::vector<StoredNote> SelectNotes(soci::session& s, const std::string& where,
                                    const std::function<void(soci::statement&)>& bind) {
  long long id = 0, relationship = 0, program = 0, version = 0, created = 0, updated = 0;
  std::string mentor, author, kind, sealed, key_id;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(relationship));
  st.exchange(soci::into(program));
  st.exchange(soci::into(mentor));
  st.exchange(soci::into(author));
  st.exchange(soci::into(kind));
  st.exchange(soci::into(sealed));
  st.exchange(soci::into(key_id));
  st.exchange(soci::into(version));
  st.exchange(soci::into(created));
  st.exchange(soci::into(updated));
  bind(st);
  PrepareOnce(st,
              "SELECT id, COALESCE(relationship_id, 0), COALESCE(group_program_id, 0), "
              "COALESCE(group_mentor, ''), author, kind, sealed, key_id, version, created_at_us, "
              "updated_at_us FROM notes " +
                  where);
  std::vector<StoredNote> out;
  for (bool more = st.execute(true); more; more = st.fetch()) {
    StoredNote n;
    n.id = NoteId(id);
    n.scope = relationship != 0 ? domain::NoteScope::Relationship(relationship)
                                : domain::NoteScope::Group(program, mentor);
    n.author = author;
    auto parsed = domain::ParseNoteKind(kind);
    if (!parsed) throw soci::soci_error("bad stored note kind \"" + kind + "\"");
    n.kind = *parsed;
    n.sealed = sealed;
    n.key_id = key_id;
    n.version = static_cast<int>(version);
    n.created_at = FromUs(created);
    n.updated_at = FromUs(updated);
    out.push_back(std::move(n));
  }
  return out;
}

std::optional<StoredNote> Find(soci::session& s, NoteId id) {
  const long long key = id.value;
  auto found =
      SelectNotes(s, "WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(key)); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

Status NoNote(NoteId id) { return Status::NotFound("no note " + std::to_string(id.value)); }

class SqlNoteRepository final : public domain::NoteRepository {
 public:
  explicit SqlNoteRepository(Database& db) : db_(db) {}

  Result<std::vector<StoredNote>> ListNotes(const domain::NoteScope& scope,
                                            std::string_view reader) override {
    std::vector<StoredNote> out;
    const long long relationship = scope.relationship_id, program = scope.group_program;
    const std::string who(reader);
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      if (!scope.group()) {
        out = SelectNotes(s,
                          "WHERE relationship_id = :r AND (kind = 'shared' OR author = :a) "
                          "ORDER BY created_at_us DESC, id DESC",
                          [&](soci::statement& st) {
                            st.exchange(soci::use(relationship));
                            st.exchange(soci::use(who));
                          });
      } else {
        out = SelectNotes(s,
                          "WHERE group_program_id = :p AND group_mentor = :m ORDER BY "
                          "created_at_us DESC, id DESC",
                          [&](soci::statement& st) {
                            st.exchange(soci::use(program));
                            st.exchange(soci::use(scope.group_mentor));
                          });
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<StoredNote> FindNote(NoteId id) override {
    StoredNote out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      auto found = Find(s, id);
      if (!found) return NoNote(id);
      out = std::move(*found);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<StoredNote> CreateNote(const StoredNote& note) override {
    StoredNote out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const bool group = note.scope.group();
      // NULL for the scope a note does not have (the table's CHECKs hold the kind to it).
      soci::indicator as_relationship = group ? soci::i_null : soci::i_ok;
      soci::indicator as_group = group ? soci::i_ok : soci::i_null;
      long long relationship = note.scope.relationship_id, program = note.scope.group_program;
      std::string mentor = note.scope.group_mentor;
      const long long created = Us(note.created_at), updated = Us(note.updated_at);
      const std::string kind(domain::NoteKindName(note.kind));
      long long id = 0;
      s << "INSERT INTO notes (relationship_id, group_program_id, group_mentor, author, kind, "
           "sealed, key_id, version, created_at_us, updated_at_us) VALUES (:r, :p, :m, :a, :k, "
           ":s, :i, 1, :c, :u) RETURNING id",
          soci::use(relationship, as_relationship), soci::use(program, as_group),
          soci::use(mentor, as_group), soci::use(note.author), soci::use(kind),
          soci::use(note.sealed), soci::use(note.key_id), soci::use(created), soci::use(updated),
          soci::into(id);
      out = *Find(s, NoteId(id));
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<StoredNote> UpdateNote(const StoredNote& note) override {
    StoredNote out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long id = note.id.value, updated = Us(note.updated_at);
      const int version = note.version;
      soci::statement st =
          OnceStatement(s,
                        "UPDATE notes SET sealed = :s, key_id = :i, version = version + 1, "
                        "updated_at_us = :u WHERE id = :id AND version = :v",
                        soci::use(note.sealed), soci::use(note.key_id), soci::use(updated),
                        soci::use(id), soci::use(version));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        if (!Find(s, note.id)) return NoNote(note.id);
        return Status::Conflict("This note changed meanwhile; read it again.")
            .WithReason("stale_note");
      }
      out = *Find(s, note.id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status DeleteNote(NoteId id) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value;
      soci::statement st = OnceStatement(s, "DELETE FROM notes WHERE id = :id", soci::use(key));
      st.execute(true);
      if (st.get_affected_rows() != 1) return NoNote(id);
      return Status::Ok();
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<domain::NoteRepository> MakeNoteRepository(Database& db) {
  return std::make_unique<SqlNoteRepository>(db);
}

}  // namespace pairwise::storage
