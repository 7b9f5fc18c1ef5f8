// Webhook endpoints and their delivery queue over the database (tables webhook_endpoints and
// webhook_deliveries, migration 41).
#pragma once

#include <memory>

#include "domain/webhooks/webhook_repository.h"
#include "storage/database.h"

namespace pairwise::storage {

// `db` (migrated) must outlive the repository. Thread-safe.
std::unique_ptr<domain::WebhookRepository> MakeWebhookRepository(Database& db);

}  // namespace pairwise::storage
