// `pairwise`: one binary, one subcommand per task. Each subcommand is a thin caller of the
// application and domain services.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/application.h"
#include "cli/match/match_command.h"
#include "common/config.h"
#include "common/logging.h"
#include "common/version.h"
#include "domain/demo/demo_profiles.h"

namespace {

std::string DefaultDatabaseUrl() {
  const char* env = std::getenv("PAIRWISE_DATABASE");
  return env && *env ? env : std::string(pairwise::kDefaultDatabaseUrl);
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
  serve_cmd->add_flag("--demo-if-empty", serve.demo_if_empty,
                      "load the demo organization when the directory is empty");
  serve_cmd->add_option("--demo-people", serve.demo.people, "people in the demo organization")
      ->check(CLI::Range(domain::kMinDemoPeople, domain::kMaxDemoPeople));
  serve_cmd->add_option("--demo-seed", serve.demo.seed, "seed of the demo organization");

  // migrate
  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations");

  // demo
  domain::DemoOptions demo;
  auto* demo_cmd = cli.add_subcommand("demo", "Load a synthetic demo organization");
  demo_cmd->add_option("--people", demo.people, "number of people")
      ->check(CLI::Range(domain::kMinDemoPeople, domain::kMaxDemoPeople))
      ->capture_default_str();
  demo_cmd->add_option("--seed", demo.seed, "seed: the same seed gives the same organization")
      ->capture_default_str();

  // match
  cli::MatchCommandOptions match;
  auto* match_cmd = cli.add_subcommand("match", "Solve a matching instance file");
  match_cmd->add_option("instance", match.instance_path, "INSTANCE.json")->required();
  match_cmd->add_option("--out", match.out_path, "RESULT.json (default: standard output)");
  match_cmd->add_option("--threads", match.threads, "threads (0: all cores)")
      ->check(CLI::NonNegativeNumber);

  CLI11_PARSE(cli, argc, argv);
  if (Status s = InitLogging(log_level); !s.ok()) return Fail(s);

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
  if (*migrate_cmd) {
    auto version = (*application)->database().SchemaVersion();
    if (!version.ok()) return Fail(version.status());
    std::printf("schema at version %d\n", *version);
    return 0;
  }
  if (*demo_cmd) {
    auto count = (*application)->people().CountPeople();
    if (!count.ok()) return Fail(count.status());
    if (*count > 0) {
      std::fprintf(stderr,
                   "pairwise: the directory already holds %lld people; the demo loads "
                   "only into an empty database\n",
                   static_cast<long long>(*count));
      return 2;
    }
    auto summary = domain::LoadDemoOrganization((*application)->people(), demo);
    if (!summary.ok()) return Fail(summary.status());
    auto profiles =
        domain::LoadDemoProfiles((*application)->people(), (*application)->profiles(), demo);
    if (!profiles.ok()) return Fail(profiles.status());
    std::printf("loaded %d people, %d departments, %d sites, %d skills, %d events, %d profiles\n",
                static_cast<int>(summary->people), static_cast<int>(summary->departments),
                static_cast<int>(summary->sites), static_cast<int>(summary->skills),
                static_cast<int>(summary->events), static_cast<int>(*profiles));
    return 0;
  }
  return 0;
}
