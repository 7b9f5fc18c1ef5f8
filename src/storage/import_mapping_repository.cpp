#include "storage/import_mapping_repository.h"

#include <soci/soci.h>

#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::import::SavedMappingEntry;

class SqlImportMappingRepository final : public domain::import::ImportMappingRepository {
 public:
  explicit SqlImportMappingRepository(Database& db) : db_(db) {}

  Result<std::vector<SavedMappingEntry>> Load() override {
    std::vector<SavedMappingEntry> entries;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& session) -> Status {
      soci::rowset<soci::row> rows =
          session.prepare << "SELECT header, field FROM import_mappings ORDER BY ordinal";
      for (const soci::row& row : rows) {
        entries.push_back({row.get<std::string>(0), row.get<std::string>(1)});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return entries;
  }

  Status Replace(std::span<const SavedMappingEntry> entries) override {
    Result<std::vector<SavedMappingEntry>> normalized = domain::import::NormalizeMapping(entries);
    if (!normalized.ok()) return normalized.status();
    if (normalized->size() != entries.size()) {
      return Status::InvalidArgument("a header is repeated in the mapping", "mapping");
    }
    std::vector<std::string> key, header, field;
    std::vector<int> ordinal;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      key.push_back(domain::import::NormalizeHeader(entries[i].header));
      ordinal.push_back(static_cast<int>(i));
      header.push_back(entries[i].header);
      field.push_back(entries[i].field);
    }
    return db_.Run(TransactionMode::kWrite, [&](soci::session& session) -> Status {
      session << "DELETE FROM import_mappings";
      if (!key.empty()) {
        session << "INSERT INTO import_mappings (header_key, ordinal, header, field) "
                   "VALUES (:k, :o, :h, :f)",
            soci::use(key), soci::use(ordinal), soci::use(header), soci::use(field);
      }
      return Status::Ok();
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<domain::import::ImportMappingRepository> MakeImportMappingRepository(Database& db) {
  return std::make_unique<SqlImportMappingRepository>(db);
}

}  // namespace pairwise::storage
