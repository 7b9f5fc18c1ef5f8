#include "app/demo_command.h"

#include <string>

#include "domain/accounts/demo_accounts.h"

namespace pairwise::app {

int RunDemoCommand(Application& application, const domain::DemoOptions& options, bool if_empty,
                   std::FILE* out, std::FILE* err) {
  auto fail = [&](const Status& status) {
    std::fprintf(err, "pairwise: %s\n", status.log_message().c_str());
    return 1;
  };
  auto count = application.people().CountPeople();
  if (!count.ok()) return fail(count.status());
  if (*count > 0 && !if_empty) {
    std::fprintf(err,
                 "pairwise: the directory already holds %lld people; the demo loads only into an "
                 "empty database\n",
                 static_cast<long long>(*count));
    return 2;
  }
  auto loaded = application.LoadDemoIfEmpty(options);
  if (!loaded.ok()) return fail(loaded.status());
  if (!*loaded) return 0;  // --if-empty on a directory in use: an older demo got what it lacked

  auto people = application.people().CountPeople();
  if (!people.ok()) return fail(people.status());
  auto programs = application.program_repository().ListPrograms();
  if (!programs.ok()) return fail(programs.status());
  std::fprintf(out, "loaded the demo organization: %lld people and %zu programs\n",
               static_cast<long long>(*people), programs->size());
  for (const auto& program : *programs) std::fprintf(out, "  program: %s\n", program.name.c_str());
  auto logins = application.DemoLogins();
  if (!logins.ok()) return fail(logins.status());
  for (const auto& login : *logins) {
    std::fprintf(out, "demo sign-in (%s): %s / password %s\n", login.role.c_str(),
                 login.email.c_str(), std::string(domain::kDemoPassword).c_str());
  }
  return 0;
}

}  // namespace pairwise::app
