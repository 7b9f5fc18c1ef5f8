#include "app/application.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <thread>

#include "api/http_server.h"
#include "domain/demo/demo_profiles.h"

namespace pairwise::app {

namespace {

// Until accounts and sessions exist (the auth work), no request carries credentials this
// server accepts: every route that needs an actor answers 401.
class NoAccountsAuthGate final : public api::AuthGate {
 public:
  Result<domain::Actor> Authenticate(const api::HttpRequest&,
                                     const api::AuthRequirement&) override {
    return Status::Error(ErrorCode::kUnauthenticated, "sign in first");
  }
};

}  // namespace

Result<std::unique_ptr<Application>> Application::Open(const std::string& database_url,
                                                       std::size_t pool_size) {
  Result<DatabaseUrl> url = ParseDatabaseUrl(database_url);
  if (!url.ok()) return url.status();
  Result<std::unique_ptr<storage::Database>> database = storage::Database::Open(*url, pool_size);
  if (!database.ok()) return database.status();
  auto app = std::make_unique<Application>();
  app->database_ = std::move(database).value();
  PAIRWISE_RETURN_IF_ERROR(app->database_->Migrate());
  app->people_repository_ = storage::MakePeopleRepository(*app->database_);
  app->people_service_ = std::make_unique<domain::PeopleService>(*app->people_repository_);
  app->profile_repository_ = storage::MakeProfileRepository(*app->database_);
  app->directory_service_ = std::make_unique<domain::DirectoryService>(
      *app->people_service_, *app->profile_repository_, app->clock_);
  app->auth_gate_ = std::make_unique<NoAccountsAuthGate>();
  app->api_services_ = std::make_unique<api::ApiServices>(
      api::ApiServices{*app->database_, *app->auth_gate_, *app->directory_service_});
  spdlog::info("database {} ready ({})", url->redacted, app->database_->BackendName());
  return app;
}

Result<bool> Application::LoadDemoIfEmpty(const domain::DemoOptions& options) {
  Result<int64_t> count = people_service_->CountPeople();
  if (!count.ok()) return count.status();
  if (*count > 0) return false;
  auto summary = domain::LoadDemoOrganization(*people_service_, options);
  if (!summary.ok()) return summary.status();
  auto profiles = domain::LoadDemoProfiles(*people_service_, *profile_repository_, options);
  if (!profiles.ok()) return profiles.status();
  spdlog::info("loaded the demo organization: {} people, {} profiles", summary->people, *profiles);
  return true;
}

void Application::RegisterRoutes(api::Router& router, const std::string& web_root) {
  api::RegisterApiRoutes(router, *api_services_);
  if (!web_root.empty()) {
    static_files_ = std::make_unique<api::StaticFiles>(web_root);
    router.SetFallback(
        [files = static_files_.get()](const api::HttpRequest& request, const api::PathParams&) {
          return files->Serve(request);
        });
  }
}

int RunServe(const ServeOptions& options) {
  ServerConfig server = options.server;
  if (server.io_threads <= 0) {
    server.io_threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  // One database session per I/O thread: handlers run on those threads.
  auto app = Application::Open(options.database_url, static_cast<std::size_t>(server.io_threads));
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
  http.RunUntilSignalled();
  spdlog::info("stopped");
  return 0;
}

}  // namespace pairwise::app
