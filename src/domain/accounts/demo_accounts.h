// Demo accounts: in the demo organization, four people get active accounts with a known
// password so that every role can be tried at once: an admin, a coordinator, a manager and a
// participant (an individual contributor who reports to that manager).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/accounts/account_repository.h"
#include "domain/accounts/account_service.h"
#include "domain/people/people_repository.h"

namespace pairwise::domain {

inline constexpr std::string_view kDemoPassword = "pairwise-demo";
// Every demo person's email ends with this (domain/demo/demo_organization.h).
inline constexpr std::string_view kDemoEmailDomain = "@pairwise-demo.example";

struct DemoLogin {
  std::string role;  // "admin" | "coordinator" | "manager" | "participant"
  std::string employee_id;
  std::string email;
};

// The four people, chosen deterministically from the stored directory (active people only;
// the admin from People Operations and the coordinator from People Partners when those
// departments exist). Fewer when the directory cannot provide them (e.g. nobody manages
// anyone).
Result<std::vector<DemoLogin>> ChooseDemoPeople(PeopleRepository& people);

// Gives the chosen people active accounts with kDemoPassword and their roles (an existing
// account gets that password and those roles). Returns the logins.
Result<std::vector<DemoLogin>> CreateDemoAccounts(AccountService& accounts,
                                                  PeopleRepository& people);

// The chosen people whose account is active and whose password is still kDemoPassword: the
// logins that work right now. Verifies up to four password hashes.
Result<std::vector<DemoLogin>> WorkingDemoLogins(AccountRepository& accounts,
                                                 PeopleRepository& people);

}  // namespace pairwise::domain
