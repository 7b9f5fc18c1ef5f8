// Making a webhook event (webhook.h): what WebhookEvents::Publish queues, and what a repository
// that publishes in the transaction of its own write is given (the scheduler tick's endings).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/webhooks/webhook.h"

namespace pairwise::domain {

// A new event of `type` at `at`, with a fresh id. Internal for a type not in kWebhookEvents.
Result<WebhookEvent> NewWebhookEvent(std::string_view type,
                                     std::vector<std::pair<std::string, std::string>> data,
                                     TimePoint at);

}  // namespace pairwise::domain
