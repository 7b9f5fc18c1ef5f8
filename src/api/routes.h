// Registers every /api/v1 route on a router. The composition root (src/app) builds the services
// and hands them over here; handlers hold them by reference.
#pragma once

#include "api/auth.h"
#include "api/handlers/mail_handlers.h"
#include "api/router.h"
#include "domain/accounts/account_service.h"
#include "domain/applications/application_service.h"
#include "domain/people/import/import_service.h"
#include "domain/profiles/directory_service.h"
#include "domain/programs/program_service.h"
#include "domain/proposals/matching_service.h"
#include "domain/provisioning/provisioning_service.h"
#include "domain/relationships/feedback_service.h"
#include "domain/relationships/goal_service.h"
#include "domain/relationships/note_service.h"
#include "domain/relationships/relationship_service.h"
#include "domain/selfmatch/selfmatch_service.h"
#include "domain/system/system_health.h"

namespace pairwise::api {

// The services the API needs. All must outlive the router.
struct ApiServices {
  domain::SystemHealth& health;  // GET /api/v1/health
  AuthGate& auth;
  domain::AccountService& accounts;
  MailApi& mail;
  domain::DirectoryService& directory;
  domain::import::ImportService& imports;
  domain::ProvisioningService& provisioning;
  domain::ProgramService& programs;
  domain::ApplicationService& applications;
  domain::SelfMatchService& self_match;
  domain::MatchingService& matching;
  domain::RelationshipService& relationships;
  domain::GoalService& goals;
  domain::NoteService& notes;
  domain::FeedbackService& feedback;
};

void RegisterApiRoutes(Router& router, ApiServices& services);

}  // namespace pairwise::api
