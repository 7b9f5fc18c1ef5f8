// The survey repository over SOCI (migrations 37 and 38: surveys, survey_versions,
// survey_invitations, survey_answers), the same statements for SQLite and PostgreSQL.
#pragma once

#include <memory>

#include "domain/surveys/survey_repository.h"
#include "storage/database.h"

namespace pairwise::storage {

// Over `db`, which must outlive it. Thread-safe. Invitations and reminders queue their mail in
// the mail_outbox table in the same transaction as their own row.
std::unique_ptr<domain::SurveyRepository> MakeSurveyRepository(Database& db);

}  // namespace pairwise::storage
