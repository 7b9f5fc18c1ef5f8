#include "app/application.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "api/handlers/assessment_handlers.h"
#include "api/handlers/credential_handlers.h"
#include "api/handlers/group_handlers.h"
#include "api/handlers/health_handlers.h"
#include "api/handlers/meeting_handlers.h"
#include "api/handlers/report_handlers.h"
#include "api/handlers/resource_handlers.h"
#include "api/handlers/session_auth_gate.h"
#include "api/handlers/sso_handlers.h"
#include "api/handlers/survey_handlers.h"
#include "api/handlers/table_export_handlers.h"
#include "api/handlers/unsubscribe_handlers.h"
#include "api/handlers/webhook_handlers.h"
#include "api/http_server.h"
#include "app/notes_key.h"
#include "domain/demo/demo_assessments.h"
#include "domain/demo/demo_credentials.h"
#include "domain/demo/demo_groups.h"
#include "domain/demo/demo_health.h"
#include "domain/demo/demo_outcomes.h"
#include "domain/demo/demo_profiles.h"
#include "domain/demo/demo_programs.h"
#include "domain/demo/demo_relationships.h"
#include "domain/demo/demo_resources.h"
#include "domain/demo/demo_surveys.h"
#include "domain/relationships/note_cipher.h"
#include "mail/icalendar.h"
#include "sso/oidc_client.h"
#include "sso/webhook_transport.h"
#include "storage/activity_counts_repository.h"
#include "storage/assessment_repository.h"
#include "storage/goal_import.h"
#include "storage/group_meeting_repository.h"
#include "storage/health_repository.h"
#include "storage/import_mapping_repository.h"
#include "storage/meeting_repository.h"
#include "storage/relationship_courses.h"
#include "storage/relationship_records.h"
#include "storage/report_repository.h"
#include "storage/resource_repository.h"
#include "storage/sso_repository.h"
#include "storage/survey_repository.h"
#include "storage/webhook_repository.h"

namespace pairwise::app {

namespace {

// Seconds since the previous call (the first: since construction): each demo phase's time, in
// its log line, so that a slow phase shows which it is.
class Lap {
 public:
  double operator()() {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

Result<std::unique_ptr<Application>> Application::Open(const std::string& database_url,
                                                       std::size_t pool_size,
                                                       ApplicationOptions options) {
  Result<DatabaseUrl> url = ParseDatabaseUrl(database_url);
  if (!url.ok()) return url.status();
  Result<std::unique_ptr<storage::Database>> database = storage::Database::Open(*url, pool_size);
  if (!database.ok()) return database.status();
  auto app = std::make_unique<Application>();
  app->database_ = std::move(database).value();
  PAIRWISE_RETURN_IF_ERROR(app->database_->Migrate());
  app->people_repository_ = storage::MakePeopleRepository(*app->database_);
  app->people_service_ = std::make_unique<domain::PeopleService>(*app->people_repository_);
  if (options.clock) app->clock_ = options.clock;
  app->account_repository_ = storage::MakeAccountRepository(*app->database_);
  app->audit_log_ = storage::MakeAuditLog(*app->database_, *app->clock_);
  app->mail_outbox_ = storage::MakeMailOutbox(*app->database_);
  app->mail_service_ = std::make_unique<domain::MailService>(*app->mail_outbox_, *app->clock_);
  app->mail_api_ = std::make_unique<api::MailApi>(api::MailApi{*app->mail_service_, false});
  // Tests may read mail from their own queue instead of the outbox.
  app->mail_ = options.mail_queue ? options.mail_queue : app->mail_service_.get();
  domain::AccountOptions account_options;
  account_options.password_cost = options.password_cost;
  if (!options.base_url.empty()) {
    account_options.base_url = options.base_url;
  } else if (const char* env = std::getenv("PAIRWISE_BASE_URL"); env && *env) {
    account_options.base_url = env;
  }
  while (account_options.base_url.ends_with('/')) account_options.base_url.pop_back();
  app->account_service_ = std::make_unique<domain::AccountService>(
      *app->account_repository_, *app->people_repository_, *app->audit_log_, *app->mail_,
      *app->clock_, account_options);
  app->profile_repository_ = storage::MakeProfileRepository(*app->database_);
  app->directory_service_ = std::make_unique<domain::DirectoryService>(
      *app->people_service_, *app->profile_repository_, *app->clock_);
  app->auth_gate_ = std::make_unique<api::SessionAuthGate>(*app->account_service_);
  if (auto cleared = app->account_service_->Housekeep(); !cleared.ok()) {
    spdlog::warn("cannot clear expired sessions: {}", cleared.status().ToString());
  }
  app->import_mappings_ = storage::MakeImportMappingRepository(*app->database_);
  app->import_service_ = std::make_unique<domain::import::ImportService>(
      *app->people_repository_, *app->import_mappings_, *app->audit_log_, *app->clock_);
  app->provisioning_service_ = std::make_unique<domain::ProvisioningService>(
      *app->people_service_, *app->audit_log_, *app->clock_);
  app->program_repository_ = storage::MakeProgramRepository(*app->database_);
  app->relationship_reader_ = storage::MakeRelationshipRepository(*app->database_);
  app->application_repository_ = storage::MakeApplicationRepository(*app->database_);
  app->account_service_->SetProgramData(app->program_repository_.get(),
                                        app->application_repository_.get());
  app->credential_repository_ = storage::MakeCredentialRepository(*app->database_);
  app->program_service_ = std::make_unique<domain::ProgramService>(
      *app->program_repository_, *app->application_repository_, *app->people_service_,
      *app->credential_repository_, *app->audit_log_, *app->clock_);
  app->credential_service_ = std::make_unique<domain::CredentialService>(
      *app->credential_repository_, *app->people_service_, *app->audit_log_, *app->clock_);
  app->application_service_ = std::make_unique<domain::ApplicationService>(
      *app->application_repository_, *app->program_repository_, *app->relationship_reader_,
      *app->people_service_, *app->credential_repository_, *app->mail_, *app->audit_log_,
      *app->clock_, account_options.base_url);
  app->match_requests_ = storage::MakeMatchRequestRepository(*app->database_);
  app->self_match_service_ = std::make_unique<domain::SelfMatchService>(
      *app->match_requests_, *app->program_repository_, *app->application_repository_,
      *app->people_service_, *app->profile_repository_, *app->mail_, *app->clock_,
      account_options.base_url);
  app->proposal_repository_ = storage::MakeProposalRepository(*app->database_);
  app->matching_service_ = std::make_unique<domain::MatchingService>(
      *app->proposal_repository_, *app->relationship_reader_, *app->program_repository_,
      *app->application_repository_, *app->application_repository_, *app->people_service_,
      *app->profile_repository_, *app->credential_repository_, *app->audit_log_, *app->clock_,
      account_options.base_url);
  // Who serves in a shadow mentor pool is decided at every read (a credential may lapse).
  app->shadow_pool_programs_ = std::make_unique<domain::ShadowPoolProgramReader>(
      *app->program_repository_, *app->credential_repository_, *app->clock_);
  app->relationship_service_ = std::make_unique<domain::RelationshipService>(
      *app->relationship_reader_, *app->shadow_pool_programs_, *app->people_service_,
      *app->matching_service_, *app->mail_, *app->clock_, account_options.base_url);
  // Whoever leaves the organization — through SCIM or an import — ends their relationships.
  app->people_service_->SetDepartureObserver(app->relationship_service_.get());
  app->import_service_->SetDepartureObserver(app->relationship_service_.get());
  app->goal_repository_ = storage::MakeGoalRepository(*app->database_);
  app->activity_counts_ = storage::MakeActivityCountsReader(*app->database_);
  app->relationship_service_->SetActivityCounts(app->activity_counts_.get());
  app->goal_service_ = std::make_unique<domain::GoalService>(
      *app->goal_repository_, *app->relationship_service_, *app->people_service_, *app->clock_);
  auto notes_keys = LoadNotesKeys(*url, options.notes_key);
  if (!notes_keys.ok()) return notes_keys.status();
  if (notes_keys->configured()) {
    auto cipher =
        std::make_unique<domain::SecretBoxNoteCipher>(notes_keys->current, notes_keys->previous);
    spdlog::info("notes are sealed with key {} from {}", cipher->current_key_id(),
                 notes_keys->source);
    app->note_cipher_ = std::move(cipher);
  } else {
    spdlog::warn(
        "no notes key: set PAIRWISE_NOTES_KEY_FILE (the same on every server); relationship "
        "notes are unavailable until then");
    app->note_cipher_ = std::make_unique<domain::UnconfiguredNoteCipher>();
  }
  app->feedback_repository_ = storage::MakeFeedbackRepository(*app->database_);
  app->introduction_repository_ = storage::MakeIntroductionRepository(*app->database_);
  app->feedback_service_ = std::make_unique<domain::FeedbackService>(
      *app->feedback_repository_, *app->introduction_repository_, *app->relationship_service_,
      *app->program_repository_, *app->people_service_, *app->mail_, *app->clock_,
      account_options.base_url);
  app->pair_message_repository_ = storage::MakePairMessageRepository(*app->database_);
  app->pair_message_service_ = std::make_unique<domain::PairMessageService>(
      *app->pair_message_repository_, *app->relationship_service_, *app->people_service_,
      *app->mail_, *app->clock_, account_options.base_url);
  app->note_repository_ = storage::MakeNoteRepository(*app->database_);
  app->note_service_ = std::make_unique<domain::NoteService>(
      *app->note_repository_, *app->note_cipher_, *app->relationship_service_, *app->clock_);
  // The health check's own clock is the real one: its answers age in real time even when a test
  // moves the application's clock.
  app->system_health_ = std::make_unique<domain::SystemHealth>(*app->database_, app->system_clock_);
  app->api_services_ = std::make_unique<api::ApiServices>(api::ApiServices{
      *app->system_health_, *app->auth_gate_, *app->account_service_, *app->mail_api_,
      *app->directory_service_, *app->import_service_, *app->provisioning_service_,
      *app->program_service_, *app->application_service_, *app->self_match_service_,
      *app->matching_service_, *app->relationship_service_, *app->goal_service_,
      *app->note_service_, *app->feedback_service_});
  // Meetings (issue 19): invites are queued in the outbox with each meeting's write.
  app->calendar_writer_ = std::make_unique<mail::ICalendarWriter>();
  // Group meetings (issue 19): one meeting for a group, its invites through the same writer;
  // each kind of meeting is busy time for the other.
  app->meeting_repository_ = storage::MakeMeetingRepository(*app->database_);
  app->group_meeting_repository_ = storage::MakeGroupMeetingRepository(*app->database_);
  app->meeting_service_ = std::make_unique<domain::MeetingService>(
      *app->meeting_repository_, *app->group_meeting_repository_, *app->relationship_reader_,
      *app->people_service_, *app->calendar_writer_, *app->clock_, account_options.base_url);
  app->group_meeting_service_ = std::make_unique<domain::GroupMeetingService>(
      *app->group_meeting_repository_, *app->meeting_service_, *app->relationship_service_,
      *app->people_service_, *app->calendar_writer_, *app->clock_, account_options.base_url);
  // Relationship health and nudges (issue 22): nudges and reminders go through the outbox.
  app->health_repository_ = storage::MakeHealthRepository(*app->database_);
  app->health_service_ = std::make_unique<domain::HealthService>(
      *app->health_repository_, *app->shadow_pool_programs_, *app->relationship_service_,
      *app->clock_, account_options.base_url);
  // Reminders go out with a one-click link that turns them off (issue 20, RFC 8058).
  app->unsubscribe_service_ = std::make_unique<domain::UnsubscribeService>(
      *app->health_repository_, *app->audit_log_, *app->clock_, account_options.base_url);
  app->mail_service_->SetReminderLinks(app->unsubscribe_service_.get());
  // What happens in a relationship rescores its health at once, not only on the hourly tick.
  app->relationship_service_->SetActivityObserver(app->health_service_.get());
  app->meeting_service_->SetActivityObserver(app->health_service_.get());
  app->group_meeting_service_->SetActivityObserver(app->health_service_.get());
  app->goal_service_->SetActivityObserver(app->health_service_.get());
  app->feedback_service_->SetActivityObserver(app->health_service_.get());
  // Mentor resources (issue 21).
  app->resource_repository_ = storage::MakeResourceRepository(*app->database_);
  app->resource_service_ = std::make_unique<domain::ResourceService>(
      *app->resource_repository_, *app->people_service_, *app->audit_log_, *app->clock_);
  // Surveys (issue 23): the tick sends them and their reminders through the outbox.
  app->survey_repository_ = storage::MakeSurveyRepository(*app->database_);
  app->survey_service_ = std::make_unique<domain::SurveyService>(
      *app->survey_repository_, *app->program_repository_, *app->clock_, account_options.base_url);
  app->health_service_->AddTickStep(*app->survey_service_);
  // Competency assessments (issue 23): the pair rates at the start and the end.
  app->assessment_repository_ = storage::MakeAssessmentRepository(*app->database_);
  app->assessment_service_ = std::make_unique<domain::AssessmentService>(
      *app->assessment_repository_, *app->relationship_service_, *app->program_repository_,
      *app->people_service_, *app->clock_);
  // Credential renewal reminders (issue 21), from the same tick.
  app->credential_renewals_ = std::make_unique<domain::CredentialRenewalReminders>(
      *app->credential_repository_, *app->people_service_, *app->relationship_reader_,
      *app->program_repository_, *app->health_repository_, account_options.base_url);
  app->health_service_->AddTickStep(*app->credential_renewals_);
  // Single sign-on (issue 20): the provider is reached over HTTPS with certificate checks.
  sso::HttpsClientOptions sso_client;
  sso_client.ca_file = options.sso_ca_file;
  if (const char* env = std::getenv("PAIRWISE_SSO_CA_FILE"); sso_client.ca_file.empty() && env) {
    sso_client.ca_file = env;
  }
  app->sso_repository_ = storage::MakeSsoRepository(*app->database_);
  app->oidc_provider_ = std::make_unique<sso::HttpsOidcProvider>(sso_client, *app->clock_);
  app->report_reader_ = storage::MakeReportReader(*app->database_);
  app->report_service_ = std::make_unique<domain::ReportService>(
      *app->report_reader_, *app->program_repository_, *app->survey_repository_,
      *app->health_repository_, *app->audit_log_, *app->clock_);
  app->table_exports_ = std::make_unique<domain::TableExports>(
      *app->directory_service_, *app->relationship_service_, *app->application_service_,
      *app->survey_service_, *app->audit_log_);
  app->report_service_->SetAssessments(app->assessment_service_.get());
  app->sso_service_ = std::make_unique<domain::SsoService>(
      *app->sso_repository_, *app->oidc_provider_, *app->account_service_, *app->people_repository_,
      *app->audit_log_, *app->note_cipher_, *app->clock_, account_options.base_url);
  app->account_service_->SetSignInPolicy(app->sso_service_.get());
  // Webhooks (issue 24): events are queued in the database and posted, signed with secrets
  // sealed by the notes key, through the SSO HTTPS client.
  app->webhook_repository_ = storage::MakeWebhookRepository(*app->database_);
  app->webhook_service_ = std::make_unique<domain::WebhookService>(
      *app->webhook_repository_, *app->note_cipher_, *app->audit_log_, *app->clock_);
  app->webhook_transport_ = std::make_unique<sso::HttpWebhookTransport>(sso_client);
  // What happens in relationships reaches the subscribed endpoints (docs/webhooks.md).
  app->relationship_service_->SetEvents(app->webhook_service_.get());
  app->meeting_service_->SetEvents(app->webhook_service_.get());
  app->group_meeting_service_->SetEvents(app->webhook_service_.get());
  app->goal_service_->SetEvents(app->webhook_service_.get());

  if (auto cleared = app->sso_service_->Housekeep(); !cleared.ok()) {
    spdlog::warn("cannot clear expired single sign-on attempts: {}", cleared.status().ToString());
  }
  spdlog::info("database {} ready ({})", url->redacted, app->database_->BackendName());
  return app;
}

Result<bool> Application::LoadDemoIfEmpty(const domain::DemoOptions& options) {
  Result<int64_t> count = people_service_->CountPeople();
  if (!count.ok()) return count.status();
  if (*count > 0) {
    PAIRWISE_RETURN_IF_ERROR(AddDemoAccountsToOldDemo());
    PAIRWISE_RETURN_IF_ERROR(AddDemoProgram(options, /*only_if_none=*/true));
    PAIRWISE_RETURN_IF_ERROR(AddDemoResources());
    return false;
  }
  Lap lap;
  auto summary = domain::LoadDemoOrganization(*people_service_, options);
  if (!summary.ok()) return summary.status();
  const double directory_seconds = lap();
  auto profiles = domain::LoadDemoProfiles(*people_service_, *profile_repository_, options);
  if (!profiles.ok()) return profiles.status();
  spdlog::info("loaded the demo organization: {} people ({:.1f} s), {} profiles ({:.1f} s)",
               summary->people, directory_seconds, *profiles, lap());
  auto logins = domain::CreateDemoAccounts(*account_service_, *people_repository_);
  if (!logins.ok()) return logins.status();
  spdlog::info("demo accounts: {} sign-ins ({:.1f} s)", logins->size(), lap());
  PAIRWISE_RETURN_IF_ERROR(AddDemoProgram(options, /*only_if_none=*/false));
  PAIRWISE_RETURN_IF_ERROR(AddDemoResources());
  return true;
}

Status Application::AddDemoResources() {
  // Two rows: the SQL repository's ListPage reads nothing into one-row vectors on SQLite.
  auto first = people_repository_->ListPage({.after_employee_id = "", .limit = 2});
  if (!first.ok()) return first.status();
  if (first->empty() || !first->front().email.ends_with(domain::kDemoEmailDomain)) {
    return Status::Ok();  // not the demo organization
  }
  auto chosen = domain::ChooseDemoPeople(*people_repository_);
  if (!chosen.ok()) return chosen.status();
  std::string coordinator, admin;
  for (const auto& login : *chosen) {
    if (login.role == "coordinator") coordinator = login.employee_id;
    if (login.role == "admin") admin = login.employee_id;
  }
  auto written = domain::LoadDemoResources(*resource_service_, admin, coordinator);
  if (!written.ok()) return written.status();
  if (*written > 0) spdlog::info("demo library: {} mentor resources", *written);
  return Status::Ok();
}

Status Application::AddDemoProgram(const domain::DemoOptions& options, bool only_if_none) {
  // Two rows: the SQL repository's ListPage reads nothing into one-row vectors on SQLite.
  auto first = people_repository_->ListPage({.after_employee_id = "", .limit = 2});
  if (!first.ok()) return first.status();
  if (first->empty() || !first->front().email.ends_with(domain::kDemoEmailDomain)) {
    return Status::Ok();  // not the demo organization
  }
  if (only_if_none) {
    auto programs = program_repository_->ListPrograms();
    if (!programs.ok()) return programs.status();
    if (!programs->empty()) return Status::Ok();
  }
  Lap lap;
  auto chosen = domain::ChooseDemoPeople(*people_repository_);
  if (!chosen.ok()) return chosen.status();
  std::string coordinator, participant, manager, admin;
  for (const auto& login : *chosen) {
    if (login.role == "coordinator") coordinator = login.employee_id;
    if (login.role == "participant") participant = login.employee_id;
    if (login.role == "manager") manager = login.employee_id;
    if (login.role == "admin") admin = login.employee_id;
  }
  auto program = domain::LoadDemoProgram(*people_service_, *profile_repository_,
                                         *program_repository_, *application_repository_, options,
                                         coordinator, participant, manager, clock_->Now());
  if (!program.ok()) return program.status();
  if (program->mentees > 0) {
    spdlog::info("demo program \"{}\": {} approved mentees, {} approved mentors ({:.1f} s)",
                 domain::kDemoProgramName, program->mentees, program->mentors, lap());
  }
  std::vector<std::string> logins;
  for (const auto& login : *chosen) logins.push_back(login.employee_id);
  auto credentials =
      domain::LoadDemoCredentials(*credential_repository_, *people_service_, *audit_log_, admin,
                                  coordinator, logins, clock_->Now());
  if (!credentials.ok()) return credentials.status();
  if (credentials->candidates > 0) {
    spdlog::info("demo credentials: {} credentialed mentors, a cohort of {} candidates ({:.1f} s)",
                 credentials->credentialed, credentials->candidates, lap());
  }
  auto goal_history = storage::MakeGoalHistoryWriter(*database_);
  auto relationships = domain::LoadDemoRelationships(
      domain::DemoRelationshipStores{
          *people_service_, *people_repository_, *program_repository_, *application_repository_,
          *proposal_repository_, *relationship_reader_, *goal_repository_, *goal_history,
          *note_repository_, *note_cipher_, *feedback_repository_, *introduction_repository_,
          *matching_service_, *meeting_repository_},
      options, coordinator, participant, admin, clock_->Now());
  if (!relationships.ok()) return relationships.status();
  const double relationship_seconds = lap();
  auto course_writer = storage::MakeRelationshipCourseWriter(*database_);
  auto alumni =
      domain::LoadDemoAlumni(*report_reader_, *program_repository_, *application_repository_,
                             *proposal_repository_, *course_writer, options, coordinator);
  if (!alumni.ok()) return alumni.status();
  if (alumni->relationships > 0) {
    spdlog::info("demo program \"{}\": {} relationships ({} completed, {} ended early) ({:.1f} s)",
                 domain::kDemoAlumniProgramName, alumni->relationships, alumni->completed,
                 alumni->ended_early, lap());
  }
  if (relationships->relationships > 0) {
    spdlog::info(
        "demo program \"{}\": {} relationships ({} pending agreement, {} active, {} completed, "
        "{} ended early), {} meetings, {} action items ({:.1f} s)",
        domain::kDemoRelationshipsProgramName, relationships->relationships, relationships->pending,
        relationships->active, relationships->completed, relationships->ended_early,
        relationships->meetings, relationships->action_items, relationship_seconds);
    // The health the scheduler would have kept while those relationships went on.
    auto programs = program_repository_->ListPrograms();
    if (!programs.ok()) return programs.status();
    for (const auto& p : *programs) {
      if (p.name != domain::kDemoRelationshipsProgramName) continue;
      auto health =
          domain::LoadDemoHealth(*health_repository_, *program_repository_, p.id, clock_->Now());
      if (!health.ok()) return health.status();
      spdlog::info(
          "demo program \"{}\": {} pairs scored ({} flagged), {} nudges, {} days of labels ({:.1f} "
          "s)",
          p.name, health->scored, health->flagged, health->nudges, health->days, lap());
    }
  }
  // Surveys (issue 23) on the relationships' program, answered by most.
  auto programs = program_repository_->ListPrograms();
  if (!programs.ok()) return programs.status();
  for (const domain::Program& p : *programs) {
    if (p.name != domain::kDemoRelationshipsProgramName) continue;
    auto surveys = domain::LoadDemoSurveys(*survey_service_, *survey_repository_, coordinator, p.id,
                                           clock_->Now());
    if (!surveys.ok()) return surveys.status();
    if (surveys->surveys > 0) {
      spdlog::info("demo program \"{}\": {} surveys sent {} times, {} answers ({:.1f} s)", p.name,
                   surveys->surveys, surveys->invitations, surveys->answers, lap());
    }
  }
  // Competency assessments (issue 23): leadership skills for the relationships' program, career
  // skills for last year's, rated at the start and, by completed pairs, at the end.
  auto skills = people_service_->ListSkills();
  if (!skills.ok()) return skills.status();
  for (const domain::Program& p : *programs) {
    std::vector<std::string_view> names;
    if (p.name == domain::kDemoRelationshipsProgramName) {
      names = {"Giving Feedback", "Strategic Thinking", "Delegation", "Executive Communication",
               "Influencing Without Authority"};
    } else if (p.name == domain::kDemoAlumniProgramName) {
      names = {"Career Development", "Professional Networking", "Presentation Skills",
               "Time Management"};
    } else {
      continue;
    }
    auto assessed = domain::LoadDemoAssessments(*assessment_repository_, *relationship_reader_,
                                                *skills, names, p.id, clock_->Now());
    if (!assessed.ok()) return assessed.status();
    if (assessed->competencies > 0) {
      spdlog::info("demo program \"{}\": {} skills assessed, {} rating sheets ({:.1f} s)", p.name,
                   assessed->competencies, assessed->sheets, lap());
    }
  }
  // A group program with its circles' meetings (issue 19).
  auto groups = domain::LoadDemoGroups(
      domain::DemoGroupStores{*people_service_, *program_repository_, *proposal_repository_,
                              *relationship_reader_, *group_meeting_repository_},
      options, coordinator, logins, clock_->Now());
  if (!groups.ok()) return groups.status();
  if (groups->groups > 0) {
    spdlog::info("demo program \"{}\": {} groups, {} mentees in all, {} group meetings ({:.1f} s)",
                 domain::kDemoGroupProgramName, groups->groups, groups->mentees, groups->meetings,
                 lap());
  }
  return Status::Ok();
}

Status Application::AddDemoAccountsToOldDemo() {
  auto any_account = account_repository_->ListAccounts({.query = "", .after_id = 0, .limit = 2});
  if (!any_account.ok()) return any_account.status();
  if (!any_account->empty()) return Status::Ok();
  // Two rows: the SQL repository's ListPage reads nothing into one-row vectors on SQLite.
  auto first = people_repository_->ListPage({.after_employee_id = "", .limit = 2});
  if (!first.ok()) return first.status();
  if (first->empty() || !first->front().email.ends_with(domain::kDemoEmailDomain)) {
    return Status::Ok();
  }
  auto logins = domain::CreateDemoAccounts(*account_service_, *people_repository_);
  if (!logins.ok()) return logins.status();
  spdlog::info("added demo accounts to the demo organization loaded by an earlier version");
  return Status::Ok();
}

Result<std::vector<domain::DemoLogin>> Application::DemoLogins() {
  return domain::WorkingDemoLogins(*account_repository_, *people_repository_);
}

void Application::RegisterRoutes(api::Router& router, const std::string& web_root) {
  api::RegisterApiRoutes(router, *api_services_);
  api::RegisterMeetingRoutes(router, *auth_gate_, *meeting_service_);
  api::RegisterGroupMeetingRoutes(router, *auth_gate_, *group_meeting_service_);
  api::RegisterHealthRoutes(router, *auth_gate_, *health_service_, mail::UniqueClaimerName());
  api::RegisterSsoRoutes(router, *auth_gate_, *sso_service_, *account_service_);
  api::RegisterGroupRoutes(router, *auth_gate_, *relationship_service_, *pair_message_service_);
  api::RegisterReportRoutes(router, *auth_gate_, *report_service_);
  api::RegisterResourceRoutes(router, *auth_gate_, *resource_service_);
  api::RegisterCredentialRoutes(router, *auth_gate_, *credential_service_);
  api::RegisterSurveyRoutes(router, *auth_gate_, *survey_service_);
  api::RegisterAssessmentRoutes(router, *auth_gate_, *assessment_service_);
  api::RegisterUnsubscribeRoutes(router, *unsubscribe_service_);
  api::RegisterWebhookRoutes(router, *auth_gate_, *webhook_service_);
  api::RegisterTableExportRoutes(router, *auth_gate_, *table_exports_);
  if (!web_root.empty()) {
    static_files_ = std::make_unique<api::StaticFiles>(web_root);
    router.SetFallback(
        [files = static_files_.get()](const api::HttpRequest& request, const api::PathParams&) {
          return files->Serve(request);
        });
  }
}

void Application::StartMailSender(std::optional<mail::SmtpOptions> smtp) {
  if (smtp) {
    smtp_ = std::make_unique<mail::SmtpTransport>(std::move(*smtp), *clock_);
    const mail::SmtpRelay& relay = smtp_->options().relay;
    spdlog::info("mail goes to {}://{}:{}{} from {}", relay.implicit_tls ? "smtps" : "smtp",
                 relay.host, relay.port, relay.user.empty() ? "" : " as " + relay.user,
                 smtp_->options().from.address);
  } else {
    spdlog::info("no mail relay (PAIRWISE_SMTP): mail is held and shown at /api/v1/admin/mail");
  }
  mail_api_->relay_configured = smtp_ != nullptr;
  mail_sender_ =
      std::make_unique<mail::MailSender>(*mail_service_, smtp_.get(), mail::UniqueClaimerName());
  mail_sender_->Start();
}

void Application::StopMailSender() {
  if (mail_sender_) mail_sender_->Stop();
}

void Application::StartJobWorker() {
  job_worker_ = std::make_unique<JobWorker>(*matching_service_, mail::UniqueClaimerName());
  job_worker_->Start();
}

void Application::StopJobWorker() {
  if (job_worker_) job_worker_->Stop();
}

void Application::StartTickWorker() {
  tick_worker_ = std::make_unique<TickWorker>(*health_service_, mail::UniqueClaimerName());
  tick_worker_->Start();
}

void Application::StopTickWorker() {
  if (tick_worker_) tick_worker_->Stop();
}

void Application::StartWebhookSender() {
  webhook_sender_ = std::make_unique<WebhookSender>(*webhook_service_, *webhook_transport_,
                                                    mail::UniqueClaimerName());
  webhook_sender_->Start();
}

void Application::StopWebhookSender() {
  if (webhook_sender_) webhook_sender_->Stop();
}

Result<std::optional<mail::SmtpOptions>> SmtpSettings(const ServeOptions& options) {
  Result<mail::Mailbox> from = mail::ParseMailbox(options.mail_from, "mail_from");
  if (!from.ok()) return from.status();
  if (options.smtp_url.empty()) return std::optional<mail::SmtpOptions>();
  Result<mail::SmtpRelay> relay = mail::ParseSmtpUrl(options.smtp_url);
  if (!relay.ok()) return relay.status();
  mail::SmtpOptions smtp;
  smtp.relay = *relay;
  if (!options.smtp_password_file.empty()) {
    std::ifstream in(options.smtp_password_file);
    std::string password;
    if (!in || !std::getline(in, password)) {
      return Status::InvalidArgument(
          "PAIRWISE_SMTP_PASSWORD_FILE: cannot read " + options.smtp_password_file, "smtp");
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (smtp.relay.user.empty()) {
      return Status::InvalidArgument(
          "PAIRWISE_SMTP_PASSWORD_FILE needs a user in PAIRWISE_SMTP (smtp://user@host:587)",
          "smtp");
    }
    smtp.relay.password = std::move(password);
  }
  smtp.from = *from;
  smtp.helo_name = from->address.substr(from->address.rfind('@') + 1);
  return std::optional<mail::SmtpOptions>(std::move(smtp));
}

int RunServe(const ServeOptions& options) {
  Result<std::optional<mail::SmtpOptions>> smtp = SmtpSettings(options);
  if (!smtp.ok()) {
    spdlog::error("cannot start: {}", smtp.status().ToString());
    return 2;
  }
  ServerConfig server = options.server;
  if (server.io_threads <= 0) {
    server.io_threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  // One database session per I/O thread (handlers run on those threads), one for the mail
  // sender, one for the job worker, one for the scheduler and one for the webhook sender.
  auto app =
      Application::Open(options.database_url, static_cast<std::size_t>(server.io_threads) + 4);
  if (!app.ok()) {
    spdlog::error("cannot start: {}", app.status().ToString());
    return 1;
  }
  if (options.demo_if_empty) {
    auto loaded = (*app)->LoadDemoIfEmpty(options.demo);
    if (!loaded.ok()) {
      spdlog::error("cannot load the demo organization: {}", loaded.status().ToString());
      return 1;
    }
    auto logins = (*app)->DemoLogins();
    if (!logins.ok()) {
      spdlog::warn("cannot list the demo logins: {}", logins.status().ToString());
    } else {
      for (const auto& login : *logins) {
        spdlog::info("demo sign-in ({}): {} / password {}", login.role, login.email,
                     domain::kDemoPassword);
      }
    }
  }
  if (!server.web_root.empty() &&
      !std::filesystem::exists(std::filesystem::path(server.web_root) / "index.html")) {
    spdlog::warn("no index.html under {}: the UI is not built (run `make web`)", server.web_root);
  }
  api::Router router;
  (*app)->RegisterRoutes(router, server.web_root);
  api::Dispatcher dispatcher(router, server.body_limit);
  api::HttpServer http(server, dispatcher);
  if (Status s = http.Bind(); !s.ok()) {
    spdlog::error("cannot start: {}", s.ToString());
    return 1;
  }
  const std::string host = server.listen.host.find(':') != std::string::npos
                               ? "[" + server.listen.host + "]"
                               : server.listen.host;
  spdlog::info("serving http://{}:{} with {} I/O thread(s)", host, http.port(), server.io_threads);
  // Housekeeping while serving: expired sessions and old sign-in failures, every 10 minutes.
  std::mutex housekeeping_mutex;
  std::condition_variable housekeeping_wake;
  bool stopping = false;
  std::thread housekeeping([&] {
    std::unique_lock lock(housekeeping_mutex);
    while (!housekeeping_wake.wait_for(lock, std::chrono::minutes(10), [&] { return stopping; })) {
      lock.unlock();
      if (auto cleared = (*app)->accounts().Housekeep(); !cleared.ok()) {
        spdlog::warn("housekeeping failed: {}", cleared.status().ToString());
      }
      lock.lock();
    }
  });
  (*app)->StartMailSender(*smtp);
  (*app)->StartJobWorker();
  (*app)->StartTickWorker();
  (*app)->StartWebhookSender();
  http.RunUntilSignalled();
  (*app)->StopWebhookSender();
  (*app)->StopTickWorker();
  (*app)->StopJobWorker();
  (*app)->StopMailSender();
  {
    std::lock_guard lock(housekeeping_mutex);
    stopping = true;
  }
  housekeeping_wake.notify_all();
  housekeeping.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace pairwise::app
