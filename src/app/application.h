// The composition root: configuration -> storage -> services -> API. The only place that knows
// every layer; everything else receives its dependencies by reference.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "api/auth.h"
#include "api/dispatcher.h"
#include "api/router.h"
#include "api/routes.h"
#include "api/static_files.h"
#include "app/job_worker.h"
#include "app/tick_worker.h"
#include "app/webhook_sender.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/crypto.h"
#include "common/status.h"
#include "domain/access/audit_repository.h"
#include "domain/accounts/account_service.h"
#include "domain/accounts/demo_accounts.h"
#include "domain/applications/application_service.h"
#include "domain/assessments/assessment_service.h"
#include "domain/credentials/credential_service.h"
#include "domain/credentials/renewal_reminders.h"
#include "domain/demo/demo_organization.h"
#include "domain/health/health_service.h"
#include "domain/health/unsubscribe_service.h"
#include "domain/mail/mail_outbox.h"
#include "domain/mail/mail_queue.h"
#include "domain/mail/mail_service.h"
#include "domain/meetings/group_meeting_service.h"
#include "domain/meetings/meeting_service.h"
#include "domain/people/import/import_mapping_repository.h"
#include "domain/people/import/import_service.h"
#include "domain/people/people_service.h"
#include "domain/profiles/directory_service.h"
#include "domain/programs/program_service.h"
#include "domain/programs/shadow_pool.h"
#include "domain/provisioning/provisioning_service.h"
#include "domain/relationships/pair_message_service.h"
#include "domain/reports/report_service.h"
#include "domain/reports/table_exports.h"
#include "domain/resources/resource_service.h"
#include "domain/selfmatch/selfmatch_service.h"
#include "domain/sso/sso_service.h"
#include "domain/surveys/survey_service.h"
#include "domain/system/system_health.h"
#include "domain/webhooks/webhook_service.h"
#include "mail/mail_sender.h"
#include "mail/smtp_client.h"
#include "storage/database.h"

namespace pairwise::app {

// What a deployment (or a test) may set beyond the database.
struct ApplicationOptions {
  // Argon2id cost of new password hashes; tests use crypto::PasswordCost::Fast().
  crypto::PasswordCost password_cost = crypto::PasswordCost::Interactive();
  // Links in mails: {base_url}/redeem/{token}. Env PAIRWISE_BASE_URL overrides the default.
  std::string base_url;
  // The time source of sessions and tokens; null: the system clock. Must outlive the
  // application. Tests pass a FakeClock.
  const Clock* clock = nullptr;
  // Where outgoing mail goes; null: the application's own queue. Must outlive the
  // application. Tests pass a storage::RecordingMailQueue to read what was sent.
  domain::MailQueue* mail_queue = nullptr;
  // The notes key as 64 hex digits; empty: from the environment (app/notes_key.h).
  std::string notes_key;
  // CAs (PEM file) trusted for the single sign-on provider's certificate; empty: env
  // PAIRWISE_SSO_CA_FILE, else the system's.
  std::string sso_ca_file;
};

class Application {
 public:
  Application() = default;  // empty; use Open()

  // Opens the database named by `database_url` with `pool_size` sessions and applies pending
  // migrations. InvalidArgument for a bad URL, Unavailable when the database cannot be reached,
  // the migration's error when one fails (the schema is then left as it was).
  static Result<std::unique_ptr<Application>> Open(const std::string& database_url,
                                                   std::size_t pool_size,
                                                   ApplicationOptions options = {});

  storage::Database& database() { return *database_; }
  domain::PeopleService& people() { return *people_service_; }
  domain::PeopleRepository& people_repository() { return *people_repository_; }
  domain::AccountService& accounts() { return *account_service_; }
  domain::AccountRepository& account_repository() { return *account_repository_; }
  // Where outgoing mail goes: the outbox, unless ApplicationOptions::mail_queue replaced it.
  domain::MailQueue& mail_queue() { return *mail_; }
  domain::MailService& mail() { return *mail_service_; }
  api::AuthGate& auth_gate() { return *auth_gate_; }
  domain::ProfileRepository& profiles() { return *profile_repository_; }
  domain::DirectoryService& directory() { return *directory_service_; }
  domain::ProgramService& programs() { return *program_service_; }
  domain::ProgramRepository& program_repository() { return *program_repository_; }
  domain::ApplicationService& applications() { return *application_service_; }
  // Mentor credentials (issue 21).
  domain::CredentialService& credentials() { return *credential_service_; }

  // Starts the background mail sender: over SMTP to `smtp` when given, otherwise holding mail
  // for the admin's outbox page. Call at most once; the sender stops with the application.
  void StartMailSender(std::optional<mail::SmtpOptions> smtp);
  void StopMailSender();
  // Starts the background worker that runs queued matching jobs; it stops with the
  // application (or at StopJobWorker).
  void StartJobWorker();
  void StopJobWorker();
  domain::MatchingService& matching() { return *matching_service_; }
  domain::RelationshipService& relationships() { return *relationship_service_; }
  domain::GoalService& goals() { return *goal_service_; }
  domain::NoteService& notes() { return *note_service_; }
  domain::import::ImportService& imports() { return *import_service_; }
  // Meetings (issue 19).
  domain::MeetingService& meetings() { return *meeting_service_; }
  domain::GroupMeetingService& group_meetings() { return *group_meeting_service_; }
  domain::GroupMeetingRepository& group_meeting_repository() { return *group_meeting_repository_; }
  domain::MeetingRepository& meeting_repository() { return *meeting_repository_; }
  // Relationship health, nudges and the scheduler (issue 22).
  domain::HealthService& health() { return *health_service_; }
  // Mentor resources (issue 21).
  domain::ResourceService& resources() { return *resource_service_; }
  // Surveys (issue 23).
  domain::SurveyService& surveys() { return *survey_service_; }
  // Competency assessments (issue 23).
  domain::AssessmentService& assessments() { return *assessment_service_; }
  domain::AssessmentRepository& assessment_repository() { return *assessment_repository_; }
  domain::UnsubscribeService& unsubscribe() { return *unsubscribe_service_; }
  // Webhooks (issue 24).
  domain::WebhookService& webhooks() { return *webhook_service_; }
  // Starts the background webhook sender; it stops with the application (or at
  // StopWebhookSender).
  void StartWebhookSender();
  void StopWebhookSender();
  // Starts the background scheduler (an hourly tick claimed under a lease); it stops with the
  // application (or at StopTickWorker).
  void StartTickWorker();
  void StopTickWorker();

  // Loads the demo organization when the directory is empty, with its demo accounts
  // (domain/accounts/demo_accounts.h). Returns true if it loaded. A demo organization loaded
  // before accounts existed (demo emails, no account at all) gets its demo accounts.
  Result<bool> LoadDemoIfEmpty(const domain::DemoOptions& options);
  // The demo logins that work on this database now (none unless the demo was loaded).
  Result<std::vector<domain::DemoLogin>> DemoLogins();

  // Registers every API route and, when `web_root` is not empty, the UI's static files.
  // The router keeps references to this application's services.
  void RegisterRoutes(api::Router& router, const std::string& web_root);

 private:
  Status AddDemoAccountsToOldDemo();
  // The demo program (domain/demo/demo_programs.h), on a demo directory only; with
  // `only_if_none`, only when there is no program at all (a demo loaded by an earlier version).
  Status AddDemoProgram(const domain::DemoOptions& options, bool only_if_none);
  // The starter library of mentor resources (domain/demo/demo_resources.h), on a demo directory
  // whose library is empty.
  Status AddDemoResources();

  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<domain::PeopleRepository> people_repository_;
  std::unique_ptr<domain::PeopleService> people_service_;
  SystemClock system_clock_;
  const Clock* clock_ = &system_clock_;
  std::unique_ptr<domain::AccountRepository> account_repository_;
  std::unique_ptr<domain::AuditRepository> audit_log_;
  std::unique_ptr<domain::MailOutbox> mail_outbox_;
  std::unique_ptr<domain::MailService> mail_service_;
  std::unique_ptr<api::MailApi> mail_api_;
  domain::MailQueue* mail_ = nullptr;  // the one in use
  std::unique_ptr<domain::AccountService> account_service_;
  std::unique_ptr<domain::ProfileRepository> profile_repository_;
  std::unique_ptr<domain::DirectoryService> directory_service_;
  std::unique_ptr<domain::ProvisioningService> provisioning_service_;
  std::unique_ptr<domain::ProgramRepository> program_repository_;
  std::unique_ptr<domain::ProgramService> program_service_;
  std::unique_ptr<domain::ApplicationRepository> application_repository_;
  // Mentor credentials (issue 21): applications and matching read who holds one.
  std::unique_ptr<domain::CredentialRepository> credential_repository_;
  std::unique_ptr<domain::ShadowPoolProgramReader> shadow_pool_programs_;
  std::unique_ptr<domain::CredentialService> credential_service_;
  std::unique_ptr<domain::CredentialRenewalReminders> credential_renewals_;
  std::unique_ptr<domain::ApplicationService> application_service_;
  std::unique_ptr<domain::MatchRequestRepository> match_requests_;
  std::unique_ptr<domain::SelfMatchService> self_match_service_;
  std::unique_ptr<api::AuthGate> auth_gate_;
  std::unique_ptr<domain::import::ImportMappingRepository> import_mappings_;
  std::unique_ptr<domain::import::ImportService> import_service_;
  std::unique_ptr<domain::SystemHealth> system_health_;
  std::unique_ptr<api::ApiServices> api_services_;
  std::unique_ptr<api::StaticFiles> static_files_;
  std::unique_ptr<mail::SmtpTransport> smtp_;
  std::unique_ptr<domain::ProposalRepository> proposal_repository_;
  std::unique_ptr<domain::RelationshipRepository> relationship_reader_;
  std::unique_ptr<domain::MatchingService> matching_service_;
  std::unique_ptr<domain::RelationshipService> relationship_service_;
  std::unique_ptr<domain::GoalRepository> goal_repository_;
  std::unique_ptr<domain::ActivityCountsReader> activity_counts_;
  std::unique_ptr<domain::GoalService> goal_service_;
  std::unique_ptr<domain::NoteCipher> note_cipher_;
  std::unique_ptr<domain::NoteRepository> note_repository_;
  std::unique_ptr<domain::NoteService> note_service_;
  std::unique_ptr<domain::FeedbackRepository> feedback_repository_;
  std::unique_ptr<domain::IntroductionRepository> introduction_repository_;
  std::unique_ptr<domain::FeedbackService> feedback_service_;
  // Shadow mentors' messages to pairs (issue 19).
  std::unique_ptr<domain::PairMessageRepository> pair_message_repository_;
  std::unique_ptr<domain::PairMessageService> pair_message_service_;
  // Meetings (issue 19).
  std::unique_ptr<domain::CalendarWriter> calendar_writer_;
  std::unique_ptr<domain::MeetingRepository> meeting_repository_;
  std::unique_ptr<domain::GroupMeetingRepository> group_meeting_repository_;
  std::unique_ptr<domain::MeetingService> meeting_service_;
  std::unique_ptr<domain::GroupMeetingService> group_meeting_service_;
  // Relationship health and nudges (issue 22).
  std::unique_ptr<domain::HealthRepository> health_repository_;
  std::unique_ptr<domain::HealthService> health_service_;
  // Surveys (issue 23).
  std::unique_ptr<domain::SurveyRepository> survey_repository_;
  std::unique_ptr<domain::SurveyService> survey_service_;
  // Competency assessments (issue 23).
  std::unique_ptr<domain::AssessmentRepository> assessment_repository_;
  std::unique_ptr<domain::AssessmentService> assessment_service_;
  // One-click unsubscribe links of reminders (issue 20); the mail sender makes them.
  std::unique_ptr<domain::UnsubscribeService> unsubscribe_service_;
  std::unique_ptr<TickWorker> tick_worker_;  // stopped before what it uses goes
  std::unique_ptr<domain::SsoRepository> sso_repository_;
  std::unique_ptr<domain::OidcProvider> oidc_provider_;
  std::unique_ptr<domain::SsoService> sso_service_;
  // Reports and outcomes (issue 24).
  std::unique_ptr<domain::ReportReader> report_reader_;
  std::unique_ptr<domain::ReportService> report_service_;
  std::unique_ptr<domain::TableExports> table_exports_;
  // Mentor resources (issue 21).
  std::unique_ptr<domain::ResourceRepository> resource_repository_;
  std::unique_ptr<domain::ResourceService> resource_service_;
  std::unique_ptr<domain::WebhookRepository> webhook_repository_;
  std::unique_ptr<domain::WebhookService> webhook_service_;
  std::unique_ptr<domain::WebhookTransport> webhook_transport_;
  std::unique_ptr<WebhookSender> webhook_sender_;  // stopped before what it uses goes
  std::unique_ptr<mail::MailSender> mail_sender_;  // stopped before what it uses goes
  std::unique_ptr<JobWorker> job_worker_;          // last: stopped before what it uses goes
};

// `pairwise serve`: opens the application, optionally loads the demo organization, and serves
// until SIGINT/SIGTERM. Returns the process exit status.
struct ServeOptions {
  std::string database_url;
  ServerConfig server;
  bool demo_if_empty = false;
  domain::DemoOptions demo;
  // PAIRWISE_SMTP: the relay (docs/mail.md); empty: mail is held for the outbox page.
  std::string smtp_url;
  // PAIRWISE_SMTP_PASSWORD_FILE: a file whose first line is the relay's password.
  std::string smtp_password_file;
  // PAIRWISE_MAIL_FROM: the From of every mail.
  std::string mail_from = std::string(mail::kDefaultMailFrom);
};
// The SMTP settings `options` name, nullopt when no relay is set. InvalidArgument (field
// "smtp" or "mail_from") for a malformed value, or a password file that cannot be read or
// comes without a user in the URL.
Result<std::optional<mail::SmtpOptions>> SmtpSettings(const ServeOptions& options);
int RunServe(const ServeOptions& options);

}  // namespace pairwise::app
