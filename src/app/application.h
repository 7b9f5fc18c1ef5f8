// The composition root: configuration -> storage -> services -> API. The only place that knows
// every layer; everything else receives its dependencies by reference.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "api/dispatcher.h"
#include "api/router.h"
#include "api/routes.h"
#include "api/static_files.h"
#include "common/config.h"
#include "common/status.h"
#include "domain/demo/demo_organization.h"
#include "domain/people/people_service.h"
#include "domain/profiles/directory_service.h"
#include "storage/database.h"

namespace pairwise::app {

class Application {
 public:
  Application() = default;  // empty; use Open()

  // Opens the database named by `database_url` with `pool_size` sessions and applies pending
  // migrations. InvalidArgument for a bad URL, Unavailable when the database cannot be reached,
  // the migration's error when one fails (the schema is then left as it was).
  static Result<std::unique_ptr<Application>> Open(const std::string& database_url,
                                                   std::size_t pool_size);

  storage::Database& database() { return *database_; }
  domain::PeopleService& people() { return *people_service_; }
  domain::ProfileRepository& profiles() { return *profile_repository_; }
  domain::DirectoryService& directory() { return *directory_service_; }

  // Loads the demo organization when the directory is empty. Returns true if it loaded.
  Result<bool> LoadDemoIfEmpty(const domain::DemoOptions& options);

  // Registers every API route and, when `web_root` is not empty, the UI's static files.
  // The router keeps references to this application's services.
  void RegisterRoutes(api::Router& router, const std::string& web_root);

 private:
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<domain::PeopleRepository> people_repository_;
  std::unique_ptr<domain::PeopleService> people_service_;
  std::unique_ptr<domain::ProfileRepository> profile_repository_;
  SystemClock clock_;
  std::unique_ptr<domain::DirectoryService> directory_service_;
  std::unique_ptr<api::AuthGate> auth_gate_;
  std::unique_ptr<api::ApiServices> api_services_;
  std::unique_ptr<api::StaticFiles> static_files_;
};

// `pairwise serve`: opens the application, optionally loads the demo organization, and serves
// until SIGINT/SIGTERM. Returns the process exit status.
struct ServeOptions {
  std::string database_url;
  ServerConfig server;
  bool demo_if_empty = false;
  domain::DemoOptions demo;
};
int RunServe(const ServeOptions& options);

}  // namespace pairwise::app
