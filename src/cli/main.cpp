// `pairwise`: one binary, one subcommand per task. Each subcommand is a thin caller of the
// application and domain services.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "app/application.h"
#include "app/demo_command.h"
#include "cli/import/import_command.h"
#include "cli/match/match_command.h"
#include "common/config.h"
#include "common/logging.h"
#include "common/version.h"
#include "domain/demo/demo_profiles.h"
#include "storage/backup.h"

namespace {

std::string DefaultDatabaseUrl() {
  const char* env = std::getenv("PAIRWISE_DATABASE");
  return env && *env ? env : std::string(pairwise::kDefaultDatabaseUrl);
}

std::string EnvOr(const char* name, std::string fallback) {
  const char* env = std::getenv(name);
  return env && *env ? env : fallback;
}

int Fail(const pairwise::Status& status) {
  std::fprintf(stderr, "pairwise: %s\n", status.log_message().c_str());
  return status.code() == pairwise::ErrorCode::kInvalidArgument ? 2 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pairwise;
  CLI::App cli{"Pairwise: formal mentoring programs, from directory to outcome report"};
  cli.set_version_flag("--version", std::string(kVersion));
  cli.require_subcommand(1);
  std::string log_level = "info";
  std::string database_url = DefaultDatabaseUrl();
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->capture_default_str();
  cli.add_option("--database", database_url,
                 "sqlite:PATH or postgresql://user:pass@host:port/db (env PAIRWISE_DATABASE)")
      ->capture_default_str();

  // serve
  app::ServeOptions serve;
  std::string listen = "127.0.0.1:8080";
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the API and the web UI");
  serve_cmd->add_option("--listen", listen, "HOST:PORT to listen on")->capture_default_str();
  serve_cmd->add_option("--threads", serve.server.io_threads, "I/O threads (0: one per core)")
      ->check(CLI::NonNegativeNumber);
  serve_cmd->add_option("--web-root", serve.server.web_root, "folder of the built UI (web/dist)");
  serve_cmd->add_option("--header-limit", serve.server.header_limit, "request header limit, bytes")
      ->check(CLI::PositiveNumber);
  serve_cmd->add_option("--body-limit", serve.server.body_limit, "request body limit, bytes")
      ->check(CLI::PositiveNumber);
  serve_cmd
      ->add_option("--max-idle-per-address", serve.server.max_idle_per_address,
                   "connections one client address may hold idle or mid-header (0: no limit)")
      ->check(CLI::NonNegativeNumber);
  serve_cmd->add_flag("--demo-if-empty", serve.demo_if_empty,
                      "load the demo organization when the directory is empty");
  serve_cmd->add_option("--demo-people", serve.demo.people, "people in the demo organization")
      ->check(CLI::Range(domain::kMinDemoPeople, domain::kMaxDemoPeople));
  serve_cmd->add_option("--demo-seed", serve.demo.seed, "seed of the demo organization");
  serve.smtp_url = EnvOr("PAIRWISE_SMTP", "");
  serve.mail_from = EnvOr("PAIRWISE_MAIL_FROM", serve.mail_from);
  serve.smtp_password_file = EnvOr("PAIRWISE_SMTP_PASSWORD_FILE", "");
  serve_cmd->add_option("--smtp", serve.smtp_url,
                        "mail relay smtp://[user:pass@]host:port[?starttls=required] or smtps:// "
                        "(env PAIRWISE_SMTP; docs/mail.md); none: mail is held and shown on the "
                        "admin outbox page");
  serve_cmd->add_option("--smtp-password-file", serve.smtp_password_file,
                        "file whose first line is the relay's password (env "
                        "PAIRWISE_SMTP_PASSWORD_FILE)");
  serve_cmd
      ->add_option("--mail-from", serve.mail_from, "From of outgoing mail (env PAIRWISE_MAIL_FROM)")
      ->capture_default_str();

  // migrate
  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations");

  // backup / restore (SQLite; PostgreSQL uses pg_dump and pg_restore)
  std::string backup_file, restore_file;
  auto* backup_cmd = cli.add_subcommand(
      "backup", "Copy the SQLite database to a new file, also while it is served");
  backup_cmd->add_option("file", backup_file, "FILE (must not exist)")->required();
  auto* restore_cmd = cli.add_subcommand(
      "restore", "Replace the SQLite database's contents with a backup made by `backup`");
  restore_cmd->add_option("file", restore_file, "FILE")->required()->check(CLI::ExistingFile);

  // demo
  domain::DemoOptions demo;
  auto* demo_cmd = cli.add_subcommand(
      "demo", "Load the demo organization with its programs (as serve --demo-if-empty does)");
  demo_cmd->add_option("--people", demo.people, "number of people")
      ->check(CLI::Range(domain::kMinDemoPeople, domain::kMaxDemoPeople))
      ->capture_default_str();
  demo_cmd->add_option("--seed", demo.seed, "seed: the same seed gives the same organization")
      ->capture_default_str();

  bool demo_if_empty = false;
  demo_cmd->add_flag("--if-empty", demo_if_empty,
                     "do nothing (successfully) when the directory is not empty");

  // tick
  bool tick_again = false;
  std::string tick_at;
  auto* tick_cmd = cli.add_subcommand(
      "tick", "Run the scheduler's tick of this hour now (health, nudges, reminders, endings)");
  tick_cmd->add_flag("--again", tick_again, "run it even if this hour's tick already finished");
  tick_cmd->add_option("--at", tick_at,
                       "run as of this RFC 3339 time instead of now (tests, catching up)");

  // account
  auto* account_cmd = cli.add_subcommand("account", "Manage accounts");
  account_cmd->require_subcommand(1);
  std::string admin_employee_id, admin_password_file;
  auto* create_admin_cmd = account_cmd->add_subcommand(
      "create-admin", "Give a person an active admin account (bootstraps a deployment)");
  create_admin_cmd->add_option("--employee-id", admin_employee_id, "the person's employee id")
      ->required();
  create_admin_cmd
      ->add_option("--password-file", admin_password_file,
                   "file whose first line is the password (- for standard input)")
      ->required();
  auto* demo_logins_cmd = account_cmd->add_subcommand(
      "demo-logins", "Print the demo sign-ins that work on this database");

  // match
  cli::MatchCommandOptions match;
  // import people
  cli::ImportCommandOptions import_people;
  auto* import_cmd = cli.add_subcommand("import", "Import data from other systems");
  import_cmd->require_subcommand(1);
  auto* import_people_cmd = import_cmd->add_subcommand(
      "people", "Import the directory from an HRIS export (CSV; docs/import.md)");
  import_people_cmd->add_option("file", import_people.file, "FILE.csv")->required();
  import_people_cmd->add_flag("--full", import_people.full,
                              "a full export: people missing from the file are marked left");
  import_people_cmd
      ->add_option("--max-left-percent", import_people.max_left_percent,
                   "with --full: the share of the people (0-100, default 10) that may be marked "
                   "left without "
                   "--confirm-leavers")
      ->check(CLI::Range(0, 100));
  import_people_cmd->add_flag(
      "--confirm-leavers", import_people.confirm_leavers,
      "with --full: go ahead even when more than --max-left-percent would be marked left");
  import_people_cmd->add_flag(
      "--confirm-new", import_people.confirm_new,
      "create the departments and sites the file names that do not exist yet");
  import_people_cmd->add_flag("--dry-run", import_people.dry_run,
                              "check the file and show what would change; write nothing");
  import_people_cmd
      ->add_option("--map", import_people.maps,
                   "\"Header=field\" maps a column (\"Header=\" ignores it); repeatable")
      ->type_size(1)
      ->allow_extra_args(false);

  auto* match_cmd = cli.add_subcommand("match", "Solve a matching instance file");
  match_cmd->add_option("instance", match.instance_path, "INSTANCE.json")->required();
  match_cmd->add_option("--out", match.out_path, "RESULT.json (default: standard output)");
  match_cmd->add_option("--threads", match.threads, "threads (0: all cores)")
      ->check(CLI::NonNegativeNumber);

  CLI11_PARSE(cli, argc, argv);
  if (Status s = InitLogging(log_level); !s.ok()) return Fail(s);
  // The access log holds its last lines in memory: let them out on every way out.
  struct LoggingShutdown {
    ~LoggingShutdown() { ShutdownLogging(); }
  } logging_shutdown;

  if (*serve_cmd) {
    auto address = ParseListenAddress(listen);
    if (!address.ok()) return Fail(address.status());
    serve.server.listen = *address;
    serve.database_url = database_url;
    return app::RunServe(serve);
  }
  if (*match_cmd) return cli::RunMatchCommand(match);

  auto application = app::Application::Open(database_url, 1);
  if (!application.ok()) return Fail(application.status());
  if (*import_people_cmd) {
    return cli::RunImportPeople((*application)->imports(), import_people, stdout, stderr);
  }
  if (*backup_cmd) {
    if (Status s = storage::BackupSqlite((*application)->database(), backup_file); !s.ok()) {
      return Fail(s);
    }
    std::printf("backed up to %s\n", backup_file.c_str());
    return 0;
  }
  if (*restore_cmd) {
    if (Status s = storage::RestoreSqlite((*application)->database(), restore_file); !s.ok()) {
      return Fail(s);
    }
    std::printf("restored from %s\n", restore_file.c_str());
    return 0;
  }
  if (*tick_cmd) {
    std::optional<TimePoint> at;
    if (!tick_at.empty()) {
      at = ParseIso8601(tick_at);
      if (!at) {
        std::fprintf(stderr, "pairwise: --at: not an RFC 3339 time: %s\n", tick_at.c_str());
        return 2;
      }
    }
    auto report =
        (*application)->health().Tick("tick " + mail::UniqueClaimerName(), tick_again, at);
    if (!report.ok()) return Fail(report.status());
    std::printf("%s %s: %s\n", report->period.c_str(), report->ran ? "ran" : "skipped",
                report->summary.c_str());
    return 0;
  }
  if (*migrate_cmd) {
    auto version = (*application)->database().SchemaVersion();
    if (!version.ok()) return Fail(version.status());
    std::printf("schema at version %d\n", *version);
    return 0;
  }
  if (*create_admin_cmd) {
    std::string password;
    if (admin_password_file == "-") {
      std::getline(std::cin, password);
    } else {
      std::ifstream in(admin_password_file);
      if (!in) {
        std::fprintf(stderr, "pairwise: cannot read %s\n", admin_password_file.c_str());
        return 2;
      }
      std::getline(in, password);
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    auto account = (*application)
                       ->accounts()
                       .CreateActiveAccount(admin_employee_id, password, {domain::Role::kAdmin});
    if (!account.ok()) return Fail(account.status());
    std::printf("admin account %lld for %s (%s) is active\n",
                static_cast<long long>(account->id.value), account->employee_id.c_str(),
                account->email.c_str());
    return 0;
  }
  if (*demo_logins_cmd) {
    auto logins = (*application)->DemoLogins();
    if (!logins.ok()) return Fail(logins.status());
    if (logins->empty()) {
      std::printf("Demo logins: none in this database (they come with the demo organization)\n");
      return 0;
    }
    std::printf("Demo logins (password %s):\n", std::string(domain::kDemoPassword).c_str());
    for (const auto& login : *logins) {
      std::printf("  %-12s %s\n", login.role.c_str(), login.email.c_str());
    }
    return 0;
  }
  if (*demo_cmd) {
    return app::RunDemoCommand(**application, demo, demo_if_empty, stdout, stderr);
  }
  return 0;
}
