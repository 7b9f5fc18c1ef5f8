#include "domain/accounts/demo_accounts.h"

#include <set>
#include <unordered_map>

#include "common/crypto.h"

namespace pairwise::domain {

Result<std::vector<DemoLogin>> ChooseDemoPeople(PeopleRepository& people) {
  std::vector<Person> active;
  PeoplePageRequest page{.after_employee_id = "", .limit = kMaxPeoplePageSize};
  while (true) {
    auto batch = people.ListPage(page);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) break;
    page.after_employee_id = batch->back().employee_id;
    for (Person& p : *batch) {
      if (p.status == EmploymentStatus::kActive) active.push_back(std::move(p));
    }
  }
  std::unordered_map<std::string, int> reports;
  for (const Person& p : active) {
    if (!p.manager_employee_id.empty()) ++reports[p.manager_employee_id];
  }
  auto report_count = [&](const Person& p) {
    auto it = reports.find(p.employee_id);
    return it == reports.end() ? 0 : it->second;
  };
  std::set<std::string> taken;
  std::vector<DemoLogin> out;
  auto pick = [&](std::string role, auto&& predicate) -> const Person* {
    for (const Person& p : active) {
      if (!taken.contains(p.employee_id) && predicate(p)) {
        taken.insert(p.employee_id);
        out.push_back({std::move(role), p.employee_id, p.email});
        return &p;
      }
    }
    return nullptr;
  };
  auto in = [](std::string_view department) {
    return [department](const Person& p) { return p.department == department; };
  };
  if (!pick("admin", in("PPL-OPS"))) pick("admin", [](const Person&) { return true; });
  if (!pick("coordinator", in("PPL-HRBP"))) pick("coordinator", [](const Person&) { return true; });
  const Person* manager = pick("manager", [&](const Person& p) {
    return report_count(p) > 0 && !p.manager_employee_id.empty() && p.level <= 6;
  });
  if (!manager) manager = pick("manager", [&](const Person& p) { return report_count(p) > 0; });
  const std::string manager_id = manager ? manager->employee_id : "";
  if (!pick("participant", [&](const Person& p) {
        return report_count(p) == 0 && !manager_id.empty() && p.manager_employee_id == manager_id;
      })) {
    pick("participant", [&](const Person& p) { return report_count(p) == 0; });
  }
  return out;
}

Result<std::vector<DemoLogin>> CreateDemoAccounts(AccountService& accounts,
                                                  PeopleRepository& people) {
  auto chosen = ChooseDemoPeople(people);
  if (!chosen.ok()) return chosen.status();
  for (const DemoLogin& login : *chosen) {
    std::vector<Role> roles;
    if (login.role == "admin") roles.push_back(Role::kAdmin);
    if (login.role == "coordinator") roles.push_back(Role::kCoordinator);
    auto created = accounts.CreateActiveAccount(login.employee_id, kDemoPassword, roles);
    if (!created.ok()) return created.status();
  }
  return chosen;
}

Result<std::vector<DemoLogin>> WorkingDemoLogins(AccountRepository& accounts,
                                                 PeopleRepository& people) {
  auto chosen = ChooseDemoPeople(people);
  if (!chosen.ok()) return chosen.status();
  std::vector<DemoLogin> out;
  for (DemoLogin& login : *chosen) {
    auto account = accounts.FindAccountByEmployeeId(login.employee_id);
    if (!account.ok()) return account.status();
    if (*account && (*account)->status == AccountStatus::kActive &&
        crypto::VerifyPassword((*account)->password_hash, kDemoPassword)) {
      out.push_back(std::move(login));
    }
  }
  return out;
}

}  // namespace pairwise::domain
