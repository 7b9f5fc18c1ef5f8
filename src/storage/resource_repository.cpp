// ResourceRepository over SOCI: the resources table (migration 42), the same statements for
// SQLite and PostgreSQL. Topics are kept as ",key,key," so one LIKE finds a topic; search runs
// LIKE over `search_text`, which the domain stores already lowered. At a few hundred resources a
// scan of one small table answers in well under a millisecond on both databases (the contract
// test searches 300), so no full-text index is needed and both databases search alike.
#include "storage/resource_repository.h"

#include <soci/soci.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/fetch_all.h"
#include "storage/like_pattern.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::Resource;
using domain::ResourceId;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

std::string TopicsColumn(const std::vector<std::string>& topics) {
  std::string out = ",";
  for (const std::string& t : topics) out += t + ",";
  return out;
}

std::vector<std::string> TopicsFromColumn(const std::string& column) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < column.size()) {
    const std::size_t end = column.find(',', start);
    const std::size_t stop = end == std::string::npos ? column.size() : end;
    if (stop > start) out.push_back(column.substr(start, stop - start));
    start = stop + 1;
  }
  return out;
}

constexpr const char* kColumns =
    "SELECT id, title, body, topics, published, author, updated_by, version, created_at_us, "
    "updated_at_us, search_text FROM resources ";

// The rows `where` selects; `texts` are bound in order after `where`'s own (kept alive here, as
// SOCI binds by reference).
std::vector<Resource> Select(soci::session& s, const std::string& where,
                             const std::vector<std::string>& texts) {
  long long id = 0, published = 0, version = 0, created = 0, updated = 0;
  std::string title, body, topics, author, updated_by, search_text;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(title));
  st.exchange(soci::into(body));
  st.exchange(soci::into(topics));
  st.exchange(soci::into(published));
  st.exchange(soci::into(author));
  st.exchange(soci::into(updated_by));
  st.exchange(soci::into(version));
  st.exchange(soci::into(created));
  st.exchange(soci::into(updated));
  st.exchange(soci::into(search_text));
  for (const std::string& t : texts) st.exchange(soci::use(t));
  PrepareOnce(st, std::string(kColumns) + where);
  std::vector<Resource> out;
  for (bool more = st.execute(true); more; more = st.fetch()) {
    Resource r;
    r.id = ResourceId(id);
    r.fields.title = title;
    r.fields.body = body;
    r.fields.topics = TopicsFromColumn(topics);
    r.fields.published = published != 0;
    r.author = author;
    r.updated_by = updated_by;
    r.version = static_cast<int>(version);
    r.created_at = FromUs(created);
    r.updated_at = FromUs(updated);
    r.search_text = search_text;
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<Resource> FindRow(soci::session& s, ResourceId id) {
  auto found = Select(s, "WHERE id = " + std::to_string(id.value), {});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

Status NoResource(ResourceId id) {
  return Status::NotFound("no resource " + std::to_string(id.value));
}

class SqlResourceRepository final : public domain::ResourceRepository {
 public:
  explicit SqlResourceRepository(Database& db) : db_(db) {}

  Result<std::vector<Resource>> Search(const domain::ResourceQuery& query) override {
    std::string where = "WHERE ";
    std::vector<std::string> texts;
    if (query.all_drafts) {
      where += "1 = 1";
    } else if (query.drafts_of) {
      where += "(published = 1 OR author = :author)";
      texts.push_back(*query.drafts_of);
    } else {
      where += "published = 1";
    }
    if (query.topic) {
      where += " AND topics LIKE :topic ESCAPE '\\'";
      texts.push_back(LikePattern("," + *query.topic + ","));
    }
    for (const std::string& word : query.words) {
      where += " AND search_text LIKE :w" + std::to_string(texts.size()) + " ESCAPE '\\'";
      texts.push_back(LikePattern(word));
    }
    where += " ORDER BY updated_at_us DESC, id DESC";
    std::vector<Resource> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = Select(s, where, texts);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Resource> Find(ResourceId id) override {
    Resource out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      auto found = FindRow(s, id);
      if (!found) return NoResource(id);
      out = std::move(*found);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Resource> Create(const Resource& r) override {
    Resource out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long created = Us(r.created_at), updated = Us(r.updated_at),
                      published = r.fields.published ? 1 : 0;
      const std::string topics = TopicsColumn(r.fields.topics);
      long long id = 0;
      s << "INSERT INTO resources (title, body, topics, published, author, updated_by, version, "
           "created_at_us, updated_at_us, search_text) VALUES (:t, :b, :tp, :p, :a, :u, 1, :c, "
           ":ua, :s) RETURNING id",
          soci::use(r.fields.title), soci::use(r.fields.body), soci::use(topics),
          soci::use(published), soci::use(r.author), soci::use(r.updated_by), soci::use(created),
          soci::use(updated), soci::use(r.search_text), soci::into(id);
      out = *FindRow(s, ResourceId(id));
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Resource> Update(const Resource& r) override {
    Resource out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long id = r.id.value, updated = Us(r.updated_at),
                      published = r.fields.published ? 1 : 0;
      const int version = r.version;
      const std::string topics = TopicsColumn(r.fields.topics);
      soci::statement st =
          OnceStatement(s,
                        "UPDATE resources SET title = :t, body = :b, topics = :tp, published = "
                        ":p, updated_by = :u, updated_at_us = :ua, search_text = :s, version = "
                        "version + 1 WHERE id = :id AND version = :v",
                        soci::use(r.fields.title), soci::use(r.fields.body), soci::use(topics),
                        soci::use(published), soci::use(r.updated_by), soci::use(updated),
                        soci::use(r.search_text), soci::use(id), soci::use(version));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        if (!FindRow(s, r.id)) return NoResource(r.id);
        return Status::Conflict("Someone saved this resource meanwhile; read it again.")
            .WithReason("stale_resource");
      }
      out = *FindRow(s, r.id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status Delete(ResourceId id) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value;
      soci::statement st = OnceStatement(s, "DELETE FROM resources WHERE id = :id", soci::use(key));
      st.execute(true);
      if (st.get_affected_rows() != 1) return NoResource(id);
      return Status::Ok();
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<domain::ResourceRepository> MakeResourceRepository(Database& db) {
  return std::make_unique<SqlResourceRepository>(db);
}

}  // namespace pairwise::storage
