// NoteRepository over SOCI: the notes table (migration 0014), the same statements for SQLite
// and PostgreSQL. The text arrives sealed (NoteCipher) and is stored as it is.
#include <soci/soci.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::NoteId;
using domain::StoredNote;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

std::vector<StoredNote> SelectNotes(soci::session& s, const std::string& where,
                                    const std::function<void(soci::statement&)>& bind) {
  long long id = 0, relationship = 0, version = 0, created = 0, updated = 0;
  std::string author, kind, sealed, key_id;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(relationship));
  st.exchange(soci::into(author));
  st.exchange(soci::into(kind));
  st.exchange(soci::into(sealed));
  st.exchange(soci::into(key_id));
  st.exchange(soci::into(version));
  st.exchange(soci::into(created));
  st.exchange(soci::into(updated));
  bind(st);
  st.alloc();
  st.prepare(
      "SELECT id, relationship_id, author, kind, sealed, key_id, version, created_at_us, "
      "updated_at_us FROM notes " +
      where);
  st.define_and_bind();
  std::vector<StoredNote> out;
  for (bool more = st.execute(true); more; more = st.fetch()) {
    StoredNote n;
    n.id = NoteId(id);
    n.relationship_id = relationship;
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

// Group notes (migration 0021): the same columns with the group (program, mentor) in place of
// the relationship.
std::vector<StoredNote> SelectGroupNotes(soci::session& s, const std::string& where,
                                         const std::function<void(soci::statement&)>& bind) {
  long long id = 0, program = 0, version = 0, created = 0, updated = 0;
  std::string mentor, author, sealed, key_id;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(program));
  st.exchange(soci::into(mentor));
  st.exchange(soci::into(author));
  st.exchange(soci::into(sealed));
  st.exchange(soci::into(key_id));
  st.exchange(soci::into(version));
  st.exchange(soci::into(created));
  st.exchange(soci::into(updated));
  bind(st);
  st.alloc();
  st.prepare(
      "SELECT id, program_id, mentor, author, sealed, key_id, version, created_at_us, "
      "updated_at_us FROM group_notes " +
      where);
  st.define_and_bind();
  std::vector<StoredNote> out;
  for (bool more = st.execute(true); more; more = st.fetch()) {
    StoredNote n;
    n.id = NoteId(id);
    n.group_program = program;
    n.group_mentor = mentor;
    n.author = author;
    n.kind = domain::NoteKind::kGroup;
    n.sealed = sealed;
    n.key_id = key_id;
    n.version = static_cast<int>(version);
    n.created_at = FromUs(created);
    n.updated_at = FromUs(updated);
    out.push_back(std::move(n));
  }
  return out;
}

std::optional<StoredNote> FindGroup(soci::session& s, NoteId id) {
  const long long key = id.value;
  auto found = SelectGroupNotes(s, "WHERE id = :id",
                                [&](soci::statement& st) { st.exchange(soci::use(key)); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

class SqlNoteRepository final : public domain::NoteRepository {
 public:
  explicit SqlNoteRepository(Database& db) : db_(db) {}

  Result<std::vector<StoredNote>> ListNotes(int64_t relationship_id,
                                            std::string_view reader) override {
    std::vector<StoredNote> out;
    const long long key = relationship_id;
    const std::string who(reader);
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = SelectNotes(s,
                        "WHERE relationship_id = :r AND (kind = 'shared' OR author = :a) ORDER BY "
                        "created_at_us DESC, id DESC",
                        [&](soci::statement& st) {
                          st.exchange(soci::use(key));
                          st.exchange(soci::use(who));
                        });
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
      const long long relationship = note.relationship_id, created = Us(note.created_at),
                      updated = Us(note.updated_at);
      const std::string kind(domain::NoteKindName(note.kind));
      long long id = 0;
      s << "INSERT INTO notes (relationship_id, author, kind, sealed, key_id, version, "
           "created_at_us, updated_at_us) VALUES (:r, :a, :k, :s, :i, 1, :c, :u) RETURNING id",
          soci::use(relationship), soci::use(note.author), soci::use(kind), soci::use(note.sealed),
          soci::use(note.key_id), soci::use(created), soci::use(updated), soci::into(id);
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
          (s.prepare << "UPDATE notes SET sealed = :s, key_id = :i, version = version + 1, "
                        "updated_at_us = :u WHERE id = :id AND version = :v",
           soci::use(note.sealed), soci::use(note.key_id), soci::use(updated), soci::use(id),
           soci::use(version));
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
      soci::statement st = (s.prepare << "DELETE FROM notes WHERE id = :id", soci::use(key));
      st.execute(true);
      if (st.get_affected_rows() != 1) return NoNote(id);
      return Status::Ok();
    });
  }

  Result<std::vector<StoredNote>> ListGroupNotes(int64_t program,
                                                 std::string_view mentor) override {
    std::vector<StoredNote> out;
    const long long key = program;
    const std::string who(mentor);
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = SelectGroupNotes(
          s, "WHERE program_id = :p AND mentor = :m ORDER BY created_at_us DESC, id DESC",
          [&](soci::statement& st) {
            st.exchange(soci::use(key));
            st.exchange(soci::use(who));
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<StoredNote> FindGroupNote(NoteId id) override {
    StoredNote out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      auto found = FindGroup(s, id);
      if (!found) return NoNote(id);
      out = std::move(*found);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<StoredNote> CreateGroupNote(const StoredNote& note) override {
    StoredNote out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long program = note.group_program, created = Us(note.created_at),
                      updated = Us(note.updated_at);
      long long id = 0;
      s << "INSERT INTO group_notes (program_id, mentor, author, sealed, key_id, version, "
           "created_at_us, updated_at_us) VALUES (:p, :m, :a, :s, :i, 1, :c, :u) RETURNING id",
          soci::use(program), soci::use(note.group_mentor), soci::use(note.author),
          soci::use(note.sealed), soci::use(note.key_id), soci::use(created), soci::use(updated),
          soci::into(id);
      out = *FindGroup(s, NoteId(id));
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<StoredNote> UpdateGroupNote(const StoredNote& note) override {
    StoredNote out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long id = note.id.value, updated = Us(note.updated_at);
      const int version = note.version;
      soci::statement st =
          (s.prepare << "UPDATE group_notes SET sealed = :s, key_id = :i, version = version + 1, "
                        "updated_at_us = :u WHERE id = :id AND version = :v",
           soci::use(note.sealed), soci::use(note.key_id), soci::use(updated), soci::use(id),
           soci::use(version));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        if (!FindGroup(s, note.id)) return NoNote(note.id);
        return Status::Conflict("This note changed meanwhile; read it again.")
            .WithReason("stale_note");
      }
      out = *FindGroup(s, note.id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status DeleteGroupNote(NoteId id) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value;
      soci::statement st = (s.prepare << "DELETE FROM group_notes WHERE id = :id", soci::use(key));
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
