// GET /api/v1/admin/mail: the outbox, for admins.
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/mail/mail_service.h"

namespace pairwise::api {

// What the outbox page needs. Must outlive the router.
struct MailApi {
  domain::MailService& mail;
  // Whether PAIRWISE_SMTP names a relay (otherwise mail is held, shown only here).
  bool relay_configured = false;
};

// GET /api/v1/admin/mail?cursor=&limit= (session; the service allows admins only) ->
// 200 {relay_configured, items:[{id,to,subject,kind,status,attempts,created_at,sent_at,
// last_error,text}], next_cursor}; 400 for a bad cursor or limit (1..200, default 50).
void RegisterMailRoutes(Router& router, AuthGate& gate, MailApi& api);

}  // namespace pairwise::api
