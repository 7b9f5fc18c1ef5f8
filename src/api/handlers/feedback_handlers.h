// Feedback and introduction routes. Every route needs a session (through `auth`); access is
// decided by FeedbackService.
//
//   GET|POST /api/v1/relationships/{relationship_id}/feedback
//   GET      /api/v1/programs/{program_id}/feedback-summary
//   GET|POST /api/v1/relationships/{relationship_id}/introductions
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/relationships/feedback_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and the service must outlive the router.
void RegisterFeedbackRoutes(Router& router, AuthGate& auth, domain::FeedbackService& feedback);

}  // namespace pairwise::api
