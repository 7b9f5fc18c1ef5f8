// Webhooks (issue 24). Every route needs a session (through `auth`); WebhookService lets only
// admins in.
//
//   GET    /api/v1/admin/webhooks                         endpoints and the events one may pick
//   POST   /api/v1/admin/webhooks                         201 {webhook, secret}: the secret once
//   PUT    /api/v1/admin/webhooks/{webhook_id}            url, description, events, active
//   DELETE /api/v1/admin/webhooks/{webhook_id}            204, with its delivery log
//   POST   /api/v1/admin/webhooks/{webhook_id}/test       202 {delivery_id}: a test event queued
//   GET    /api/v1/admin/webhooks/{webhook_id}/deliveries?cursor=&limit=   the delivery log
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/webhooks/webhook_service.h"

namespace pairwise::api {

// `auth` and `service` must outlive the router.
void RegisterWebhookRoutes(Router& router, AuthGate& auth, domain::WebhookService& service);

}  // namespace pairwise::api
