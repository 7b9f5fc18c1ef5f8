// The health repository over SOCI (migration 22: scheduler_ticks, health_settings, nudge_steps,
// relationship_health, nudges, meeting_reminders, reminder_opt_outs), the same statements for
// SQLite and PostgreSQL.
#pragma once

#include <memory>

#include "domain/health/health_repository.h"
#include "storage/database.h"

namespace pairwise::storage {

// Over `db`, which must outlive it. Thread-safe. Nudges and meeting reminders queue their mail
// in the mail_outbox table in the same transaction as their own row.
std::unique_ptr<domain::HealthRepository> MakeHealthRepository(Database& db);

}  // namespace pairwise::storage
