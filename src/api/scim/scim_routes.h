// SCIM 2.0 provisioning (RFC 7643/7644) under /scim/v2, for identity providers (Okta, Microsoft
// Entra ID, ...) keeping the directory current:
//   GET    /scim/v2/Users?filter=&startIndex=&count=   list (1-based startIndex, count <= 200)
//   POST   /scim/v2/Users                              create (201 + Location)
//   GET    /scim/v2/Users/{id}                         read
//   PUT    /scim/v2/Users/{id}                         replace the attributes it carries
//   PATCH  /scim/v2/Users/{id}                         PatchOp (add/replace/remove)
//   DELETE /scim/v2/Users/{id}                         deactivate (204): the person is marked
//                                                      left, never deleted, and stays readable
//                                                      with active false (so a provider may
//                                                      reactivate them)
//   GET    /scim/v2/ServiceProviderConfig, /Schemas[/{id}], /ResourceTypes[/{id}]
// Every route needs a bearer API token with scope "scim" (401 without one, 403 without the
// scope). Bodies may be application/scim+json or application/json; answers are
// application/scim+json, errors in the SCIM error format (schemas, status, scimType, detail).
// Mapping of attributes: src/api/scim/scim_user.h; of directory fields and their defaults:
// src/domain/provisioning/provisioning_service.h.
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "api/scim/scim_error.h"
#include "domain/provisioning/provisioning_service.h"

namespace pairwise::api::scim {

// The largest page a list answers (ServiceProviderConfig filter.maxResults).
inline constexpr int kMaxResults = 200;
inline constexpr int kDefaultCount = 100;

// `gate` and `provisioning` must outlive the router.
void RegisterScimRoutes(Router& router, AuthGate& gate, domain::ProvisioningService& provisioning);

}  // namespace pairwise::api::scim
