// The meetings repository over SOCI (migration 18: availability_windows, meetings), the same
// statements for SQLite and PostgreSQL.
#pragma once

#include <memory>

#include "domain/meetings/meeting.h"
#include "storage/database.h"

namespace pairwise::storage {

// Over `db`, which must outlive it. Thread-safe. Saving a meeting queues its mail in the
// mail_outbox table in the same transaction.
std::unique_ptr<domain::MeetingRepository> MakeMeetingRepository(Database& db);

}  // namespace pairwise::storage
