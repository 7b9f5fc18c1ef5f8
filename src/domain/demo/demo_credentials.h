// The demo's mentor credentialing (issue 21): the demo coordinator appointed as a credential
// reviewer, founding credentials for six senior people, and a cohort with someone at every step
// of the path — waiting for selection, in training, after each observed step, ready to be
// credentialed, credentialed, declined — one of them stuck for six weeks. Written through
// CredentialService (its rules and audit), with clocks set in the past for the older steps.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/audit_log.h"
#include "domain/credentials/credential_repository.h"
#include "domain/people/people_service.h"

namespace pairwise::domain {

struct DemoCredentialSummary {
  int credentialed = 0;  // founding and issued
  int candidates = 0;
};

// Does nothing when any candidacy exists already. `admin` and `coordinator` are the demo
// logins' employee ids (empty: nothing is loaded). The other demo logins are left alone, so
// that they can walk the path themselves.
Result<DemoCredentialSummary> LoadDemoCredentials(CredentialRepository& repository,
                                                  PeopleService& people, AuditLog& audit,
                                                  const std::string& admin,
                                                  const std::string& coordinator,
                                                  const std::vector<std::string>& logins,
                                                  TimePoint now);

}  // namespace pairwise::domain
