// The reports' bulk reads over SOCI, the same statements for SQLite and PostgreSQL.
#pragma once

#include <memory>

#include "domain/reports/report_repository.h"
#include "storage/database.h"

namespace pairwise::storage {

// Over `db`, which must outlive it. Thread-safe; reads only.
std::unique_ptr<domain::ReportReader> MakeReportReader(Database& db);

}  // namespace pairwise::storage
