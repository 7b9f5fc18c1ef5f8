// Single sign-on settings and sign-ins in flight over the database (tables sso_settings and
// sso_attempts, migration 20).
#pragma once

#include <memory>

#include "domain/sso/sso.h"
#include "storage/database.h"

namespace pairwise::storage {

// `db` (migrated) must outlive the repository. Thread-safe.
std::unique_ptr<domain::SsoRepository> MakeSsoRepository(Database& db);

}  // namespace pairwise::storage
