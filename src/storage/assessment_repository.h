// The competency assessments repository over SOCI (migration 49: assessment_competencies,
// assessments, assessment_ratings), the same statements for SQLite and PostgreSQL.
#pragma once

#include <memory>

#include "domain/assessments/assessment_repository.h"
#include "storage/database.h"

namespace pairwise::storage {

// Over `db`, which must outlive it. Thread-safe.
std::unique_ptr<domain::AssessmentRepository> MakeAssessmentRepository(Database& db);

}  // namespace pairwise::storage
