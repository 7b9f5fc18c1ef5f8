// Mentor credential routes (issue 21). Every route needs a session (through `auth`); access is
// decided by CredentialService (domain/access/credential_policy.h).
//
//   GET    /api/v1/credentials/framework                 the framework in force
//   PUT    /api/v1/credentials/framework                 admins: a new version
//   GET    /api/v1/credentials/framework/versions/{version}
//   GET    /api/v1/credentials/reviewers                 admins
//   PUT    /api/v1/credentials/reviewers/{employee_id}   admins: appoint
//   DELETE /api/v1/credentials/reviewers/{employee_id}   admins: remove
//   GET    /api/v1/me/credential                         my path and credential
//   POST   /api/v1/credentials/candidates                apply (step 1)
//   GET    /api/v1/credentials/candidates                reviewers: the cohort board
//   GET    /api/v1/credentials/to-sign                   credentialed mentors: who they may sign
//   GET    /api/v1/credentials/candidates/{candidate_id}
//   POST   /api/v1/credentials/candidates/{candidate_id}/decision    reviewers (step 2)
//   POST   /api/v1/credentials/candidates/{candidate_id}/training    the candidate (step 3)
//   POST   /api/v1/credentials/candidates/{candidate_id}/sign-offs   credentialed (steps 4-6)
//   POST   /api/v1/credentials/candidates/{candidate_id}/credential  reviewers (step 7)
//   GET    /api/v1/credentials                           coordinators, admins, reviewers
//   POST   /api/v1/credentials/founding                  admins: a founding credential
//   POST   /api/v1/credentials/{credential_id}/revoke    reviewers and admins
//   GET    /api/v1/people/{employee_id}/credential       the holder, coordinators, reviewers
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/credentials/credential_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and `service` must outlive the router.
void RegisterCredentialRoutes(Router& router, AuthGate& auth, domain::CredentialService& service);

}  // namespace pairwise::api
