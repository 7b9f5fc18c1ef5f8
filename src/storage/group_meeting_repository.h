// The group meetings repository over SOCI (migration 45: group_meetings,
// group_meeting_attendees), the same statements for SQLite and PostgreSQL.
#pragma once

#include <memory>

#include "domain/meetings/group_meeting.h"
#include "storage/database.h"

namespace pairwise::storage {

// Over `db`, which must outlive it. Thread-safe. Saving a meeting or an answer queues its mail
// in the mail_outbox table in the same transaction.
std::unique_ptr<domain::GroupMeetingRepository> MakeGroupMeetingRepository(Database& db);

}  // namespace pairwise::storage
