#include "storage/memory/memory_people_repository.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"

namespace pairwise::storage {

using domain::Department;
using domain::Person;
using domain::PersonEvent;
using domain::PersonRecord;
using domain::ReportingAttribute;
using domain::Site;
using domain::Skill;

namespace {

int EventDays(const PersonEvent& e) {
  return std::chrono::sys_days(e.date).time_since_epoch().count();
}

Status BadRecord(std::string collection, std::size_t index, std::string field,
                 std::string message) {
  std::string prefix = collection + "[" + std::to_string(index) + "]";
  return Status::InvalidArgument(prefix + ": " + message, prefix + "." + field);
}

}  // namespace

struct MemoryPeopleRepository::State {
  // std::map keeps keys in bytewise order, as the SQL stores sort them.
  std::map<std::string, Department> departments;
  std::map<std::string, Site> sites;
  std::map<std::string, Skill> skills;
  std::map<std::string, Person> people;                      // by employee id
  std::unordered_map<std::string, std::string> email_owner;  // lower-cased email -> employee id
  std::map<std::string, std::vector<PersonEvent>> events;    // by employee id
  std::map<std::string, std::string> external_ids;           // employee id -> external id
  std::map<std::string, std::string> external_owner;         // external id -> employee id
  std::map<std::string, std::string> user_names;             // employee id -> SCIM userName
  std::map<std::string, std::string> user_name_owner;        // lower-cased userName -> id
  // (employee id, attribute name) -> value
  std::map<std::pair<std::string, std::string>, std::string> attributes;
  int64_t next_person_id = 1;

  std::optional<int> writes_before_failure;
  Status injected_failure;
};

class MemoryPeopleRepository::Store {
 public:
  explicit Store(State& state) : s_(state) {}

  Status CountWrite() {
    if (!s_.writes_before_failure) return Status::Ok();
    if (*s_.writes_before_failure == 0) return s_.injected_failure;
    --*s_.writes_before_failure;
    return Status::Ok();
  }

  // InvalidArgument naming `collection`[i].employee_id for the first record whose person
  // does not exist.
  template <typename Record>
  Status CheckPeopleExist(std::span<const Record> records, const std::string& collection) const {
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (!s_.people.contains(records[i].employee_id)) {
        return BadRecord(collection, i, "employee_id",
                         "unknown employee id \"" + records[i].employee_id + "\"");
      }
    }
    return Status::Ok();
  }

  Status UpsertDepartments(std::span<const Department> departments) {
    PAIRWISE_RETURN_IF_ERROR(CountWrite());
    for (const Department& d : departments) s_.departments[d.code] = d;
    return Status::Ok();
  }

  Status UpsertSites(std::span<const Site> sites) {
    PAIRWISE_RETURN_IF_ERROR(CountWrite());
    for (const Site& site : sites) s_.sites[site.code] = site;
    return Status::Ok();
  }

  Status UpsertSkills(std::span<const Skill> skills) {
    PAIRWISE_RETURN_IF_ERROR(CountWrite());
    for (const Skill& skill : skills) s_.skills[skill.code] = skill;
    return Status::Ok();
  }

  Status UpsertPeople(std::span<const PersonRecord> people) {
    PAIRWISE_RETURN_IF_ERROR(CountWrite());
    // Everything is checked before anything changes, so that a failure writes nothing.
    std::unordered_set<std::string_view> batch;
    for (std::size_t i = 0; i < people.size(); ++i) {
      if (!batch.insert(people[i].employee_id).second) {
        return BadRecord("people", i, "employee_id", "employee id is repeated in the batch");
      }
    }
    std::unordered_map<std::string, std::string_view> batch_emails;
    for (std::size_t i = 0; i < people.size(); ++i) {
      const PersonRecord& p = people[i];
      if (!p.department.empty() && !s_.departments.contains(p.department)) {
        return BadRecord("people", i, "department", "unknown department \"" + p.department + "\"");
      }
      if (!p.site.empty() && !s_.sites.contains(p.site)) {
        return BadRecord("people", i, "site", "unknown site \"" + p.site + "\"");
      }
      if (!p.manager_employee_id.empty() && !batch.contains(p.manager_employee_id) &&
          !s_.people.contains(p.manager_employee_id)) {
        return BadRecord("people", i, "manager_employee_id",
                         "unknown manager \"" + p.manager_employee_id + "\"");
      }
      const std::string email = AsciiLower(p.email);
      auto owner = s_.email_owner.find(email);
      if ((owner != s_.email_owner.end() && owner->second != p.employee_id) ||
          !batch_emails.emplace(email, p.employee_id).second) {
        return Status::Conflict("email \"" + p.email + "\" is already used by another person",
                                "people[" + std::to_string(i) + "].email");
      }
    }
    for (const PersonRecord& p : people) {
      auto [it, inserted] = s_.people.try_emplace(p.employee_id);
      if (inserted) {
        it->second.id = domain::PersonId(s_.next_person_id++);
      } else {
        s_.email_owner.erase(AsciiLower(it->second.email));
      }
      static_cast<PersonRecord&>(it->second) = p;
      s_.email_owner[AsciiLower(p.email)] = p.employee_id;
    }
    return Status::Ok();
  }

  Status AppendEvents(std::span<const PersonEvent> events) {
    PAIRWISE_RETURN_IF_ERROR(CountWrite());
    PAIRWISE_RETURN_IF_ERROR(CheckPeopleExist(events, "events"));
    for (const PersonEvent& e : events) {
      std::vector<PersonEvent>& history = s_.events[e.employee_id];
      const bool known = std::any_of(history.begin(), history.end(), [&](const PersonEvent& h) {
        return h.kind == e.kind && EventDays(h) == EventDays(e);
      });
      if (!known) history.push_back(e);
    }
    return Status::Ok();
  }

  Result<int64_t> CountPeople() { return static_cast<int64_t>(s_.people.size()); }

  Result<std::optional<Person>> FindByEmployeeId(std::string_view employee_id) {
    auto it = s_.people.find(std::string(employee_id));
    if (it == s_.people.end()) return std::optional<Person>();
    return std::optional<Person>(it->second);
  }

  Result<std::optional<Person>> FindByEmail(std::string_view email) {
    auto owner = s_.email_owner.find(AsciiLower(email));
    if (owner == s_.email_owner.end()) return std::optional<Person>();
    return FindByEmployeeId(owner->second);
  }

  Result<std::vector<Person>> ListAtOffset(int64_t offset, int limit) {
    if (offset < 0) return Status::InvalidArgument("offset must not be negative", "offset");
    if (limit < 1 || limit > domain::kMaxPeoplePageSize) {
      return Status::InvalidArgument(
          "limit must be between 1 and " + std::to_string(domain::kMaxPeoplePageSize), "limit");
    }
    std::vector<Person> page;
    if (offset >= static_cast<int64_t>(s_.people.size())) return page;
    auto it = std::next(s_.people.begin(), static_cast<std::ptrdiff_t>(offset));
    for (; it != s_.people.end() && static_cast<int>(page.size()) < limit; ++it) {
      page.push_back(it->second);
    }
    return page;
  }

  Result<std::optional<std::string>> FindExternalId(std::string_view employee_id) {
    auto it = s_.external_ids.find(std::string(employee_id));
    if (it == s_.external_ids.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }

  Result<std::optional<Person>> FindByExternalId(std::string_view external_id) {
    auto it = s_.external_owner.find(std::string(external_id));
    if (it == s_.external_owner.end()) return std::optional<Person>();
    return FindByEmployeeId(it->second);
  }

  Result<std::optional<std::string>> FindUserName(std::string_view employee_id) {
    auto it = s_.user_names.find(std::string(employee_id));
    if (it == s_.user_names.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }

  Result<std::optional<Person>> FindByUserName(std::string_view user_name) {
    auto it = s_.user_name_owner.find(AsciiLower(user_name));
    if (it == s_.user_name_owner.end()) return std::optional<Person>();
    return FindByEmployeeId(it->second);
  }

  Status SetUserName(std::string_view employee_id, std::string_view user_name) {
    PAIRWISE_RETURN_IF_ERROR(CountWrite());
    const std::string key(employee_id);
    if (!s_.people.contains(key)) {
      return Status::NotFound("no person has employee id \"" + key + "\"");
    }
    const std::string lower = AsciiLower(user_name);
    if (!lower.empty()) {
      auto owner = s_.user_name_owner.find(lower);
      if (owner != s_.user_name_owner.end() && owner->second != key) {
        return Status::Conflict(
            "userName \"" + std::string(user_name) + "\" is held by another person", "user_name");
      }
    }
    if (auto old = s_.user_names.find(key); old != s_.user_names.end()) {
      s_.user_name_owner.erase(AsciiLower(old->second));
      s_.user_names.erase(old);
    }
    if (!lower.empty()) {
      s_.user_names[key] = std::string(user_name);
      s_.user_name_owner[lower] = key;
    }
    return Status::Ok();
  }

  Status SetExternalId(std::string_view employee_id, std::string_view external_id) {
    PAIRWISE_RETURN_IF_ERROR(CountWrite());
    const std::string key(employee_id);
    if (!s_.people.contains(key)) {
      return Status::NotFound("no person has employee id \"" + key + "\"");
    }
    const std::string wanted(external_id);
    if (!wanted.empty()) {
      auto owner = s_.external_owner.find(wanted);
      if (owner != s_.external_owner.end() && owner->second != key) {
        return Status::Conflict("external id \"" + wanted + "\" is held by another person",
                                "external_id");
      }
    }
    if (auto old = s_.external_ids.find(key); old != s_.external_ids.end()) {
      s_.external_owner.erase(old->second);
      s_.external_ids.erase(old);
    }
    if (!wanted.empty()) {
      s_.external_ids[key] = wanted;
      s_.external_owner[wanted] = key;
    }
    return Status::Ok();
  }

  Result<std::vector<Person>> ListPage(const domain::PeoplePageRequest& request) {
    if (request.limit < 1 || request.limit > domain::kMaxPeoplePageSize) {
      return Status::InvalidArgument(
          "limit must be between 1 and " + std::to_string(domain::kMaxPeoplePageSize), "limit");
    }
    std::vector<Person> page;
    for (auto it = s_.people.upper_bound(request.after_employee_id);
         it != s_.people.end() && static_cast<int>(page.size()) < request.limit; ++it) {
      page.push_back(it->second);
    }
    return page;
  }

  Result<std::vector<Person>> ListDirectReports(std::string_view manager_employee_id) {
    std::vector<Person> reports;
    if (manager_employee_id.empty()) return reports;
    for (const auto& [key, person] : s_.people) {
      if (person.manager_employee_id == manager_employee_id) reports.push_back(person);
    }
    return reports;
  }

  Result<std::vector<std::string>> ManagementChain(std::string_view employee_id) {
    auto it = s_.people.find(std::string(employee_id));
    if (it == s_.people.end()) {
      return Status::NotFound("no person has employee id \"" + std::string(employee_id) + "\"");
    }
    std::vector<std::string> chain;
    while (!it->second.manager_employee_id.empty()) {
      if (chain.size() > s_.people.size()) {
        return Status::Internal("the stored management chain of " + std::string(employee_id) +
                                " loops");
      }
      chain.push_back(it->second.manager_employee_id);
      it = s_.people.find(it->second.manager_employee_id);
      if (it == s_.people.end()) break;
    }
    return chain;
  }

  Result<std::vector<Person>> ListWithManagers(std::span<const std::string> employee_ids) {
    // Walks up from each id; a person already reached ends the walk, so a loop ends too.
    std::set<std::string> reached;
    for (const std::string& start : employee_ids) {
      auto it = s_.people.find(start);
      while (it != s_.people.end() && reached.insert(it->first).second) {
        it = s_.people.find(it->second.manager_employee_id);
      }
    }
    std::vector<Person> people;
    people.reserve(reached.size());
    for (const std::string& id : reached) people.push_back(s_.people.at(id));
    return people;
  }

  Result<std::vector<PersonEvent>> ListEvents(std::string_view employee_id) {
    auto it = s_.events.find(std::string(employee_id));
    if (it == s_.events.end()) return std::vector<PersonEvent>();
    std::vector<PersonEvent> events = it->second;
    std::stable_sort(events.begin(), events.end(), [](const PersonEvent& a, const PersonEvent& b) {
      const int da = EventDays(a);
      const int db = EventDays(b);
      return da != db ? da < db : a.kind < b.kind;
    });
    return events;
  }

  template <typename T>
  static std::vector<T> Values(const std::map<std::string, T>& items) {
    std::vector<T> out;
    out.reserve(items.size());
    for (const auto& [key, value] : items) out.push_back(value);
    return out;
  }

  Result<std::vector<Department>> ListDepartments() { return Values(s_.departments); }
  Result<std::vector<Site>> ListSites() { return Values(s_.sites); }
  Result<std::vector<Skill>> ListSkills() { return Values(s_.skills); }

  Status SetReportingAttributes(std::span<const ReportingAttribute> values) {
    PAIRWISE_RETURN_IF_ERROR(CountWrite());
    PAIRWISE_RETURN_IF_ERROR(CheckPeopleExist(values, "attributes"));
    for (const ReportingAttribute& v : values) {
      if (v.value.empty()) {
        s_.attributes.erase({v.employee_id, v.name});
      } else {
        s_.attributes[{v.employee_id, v.name}] = v.value;
      }
    }
    return Status::Ok();
  }

  Result<std::vector<ReportingAttribute>> ListReportingAttributes() {
    std::vector<ReportingAttribute> out;
    for (const auto& [key, value] : s_.attributes) out.push_back({key.first, key.second, value});
    return out;
  }

 private:
  State& s_;
};

// Works on the state directly: the repository's mutex is held for the whole transaction.
class MemoryPeopleRepository::Transaction final : public domain::PeopleRepository {
 public:
  explicit Transaction(State& state) : store_(state) {}

  Status RunInTransaction(const std::function<Status(PeopleRepository&)>& work) override {
    return work(*this);
  }
  Status UpsertDepartments(std::span<const Department> d) override {
    return store_.UpsertDepartments(d);
  }
  Status UpsertSites(std::span<const Site> s) override { return store_.UpsertSites(s); }
  Status UpsertSkills(std::span<const Skill> s) override { return store_.UpsertSkills(s); }
  Status UpsertPeople(std::span<const PersonRecord> p) override { return store_.UpsertPeople(p); }
  Status AppendEvents(std::span<const PersonEvent> e) override { return store_.AppendEvents(e); }
  Result<int64_t> CountPeople() override { return store_.CountPeople(); }
  Result<std::optional<Person>> FindByEmployeeId(std::string_view id) override {
    return store_.FindByEmployeeId(id);
  }
  Result<std::optional<Person>> FindByEmail(std::string_view email) override {
    return store_.FindByEmail(email);
  }
  Result<std::vector<Person>> ListAtOffset(int64_t offset, int limit) override {
    return store_.ListAtOffset(offset, limit);
  }
  Result<std::optional<std::string>> FindExternalId(std::string_view id) override {
    return store_.FindExternalId(id);
  }
  Result<std::optional<Person>> FindByExternalId(std::string_view external_id) override {
    return store_.FindByExternalId(external_id);
  }
  Status SetExternalId(std::string_view id, std::string_view external_id) override {
    return store_.SetExternalId(id, external_id);
  }
  Result<std::optional<std::string>> FindUserName(std::string_view id) override {
    return store_.FindUserName(id);
  }
  Result<std::optional<Person>> FindByUserName(std::string_view user_name) override {
    return store_.FindByUserName(user_name);
  }
  Status SetUserName(std::string_view id, std::string_view user_name) override {
    return store_.SetUserName(id, user_name);
  }
  Result<std::vector<Person>> ListPage(const domain::PeoplePageRequest& r) override {
    return store_.ListPage(r);
  }
  Result<std::vector<Person>> ListDirectReports(std::string_view id) override {
    return store_.ListDirectReports(id);
  }
  Result<std::vector<std::string>> ManagementChain(std::string_view id) override {
    return store_.ManagementChain(id);
  }
  Result<std::vector<Person>> ListWithManagers(std::span<const std::string> ids) override {
    return store_.ListWithManagers(ids);
  }
  Result<std::vector<PersonEvent>> ListEvents(std::string_view id) override {
    return store_.ListEvents(id);
  }
  Result<std::vector<Department>> ListDepartments() override { return store_.ListDepartments(); }
  Result<std::vector<Site>> ListSites() override { return store_.ListSites(); }
  Result<std::vector<Skill>> ListSkills() override { return store_.ListSkills(); }
  Status SetReportingAttributes(std::span<const ReportingAttribute> values) override {
    return store_.SetReportingAttributes(values);
  }
  Result<std::vector<ReportingAttribute>> ListReportingAttributes() override {
    return store_.ListReportingAttributes();
  }

 private:
  Store store_;
};

MemoryPeopleRepository::MemoryPeopleRepository() : state_(std::make_unique<State>()) {}
MemoryPeopleRepository::~MemoryPeopleRepository() = default;

void MemoryPeopleRepository::FailWritesAfter(int successful_writes, Status error) {
  std::lock_guard lock(mutex_);
  if (error.ok()) {
    state_->writes_before_failure.reset();
    return;
  }
  state_->writes_before_failure = successful_writes;
  state_->injected_failure = std::move(error);
}

Status MemoryPeopleRepository::RunInTransaction(
    const std::function<Status(domain::PeopleRepository&)>& work) {
  std::lock_guard lock(mutex_);
  // Rolling back is restoring a copy: simple, and fast enough for a test double.
  State before = *state_;
  Transaction tx(*state_);
  Status status = work(tx);
  if (!status.ok()) {
    before.writes_before_failure = state_->writes_before_failure;
    before.injected_failure = state_->injected_failure;
    *state_ = std::move(before);
  }
  return status;
}

#define PAIRWISE_MEMORY_CALL(expr) \
  std::lock_guard lock(mutex_);    \
  return Store(*state_).expr

Status MemoryPeopleRepository::UpsertDepartments(std::span<const Department> d) {
  PAIRWISE_MEMORY_CALL(UpsertDepartments(d));
}
Status MemoryPeopleRepository::UpsertSites(std::span<const Site> s) {
  PAIRWISE_MEMORY_CALL(UpsertSites(s));
}
Status MemoryPeopleRepository::UpsertSkills(std::span<const Skill> s) {
  PAIRWISE_MEMORY_CALL(UpsertSkills(s));
}
Status MemoryPeopleRepository::UpsertPeople(std::span<const PersonRecord> p) {
  PAIRWISE_MEMORY_CALL(UpsertPeople(p));
}
Status MemoryPeopleRepository::AppendEvents(std::span<const PersonEvent> e) {
  PAIRWISE_MEMORY_CALL(AppendEvents(e));
}
Result<int64_t> MemoryPeopleRepository::CountPeople() { PAIRWISE_MEMORY_CALL(CountPeople()); }
Result<std::optional<Person>> MemoryPeopleRepository::FindByEmployeeId(std::string_view id) {
  PAIRWISE_MEMORY_CALL(FindByEmployeeId(id));
}
Result<std::optional<Person>> MemoryPeopleRepository::FindByEmail(std::string_view email) {
  PAIRWISE_MEMORY_CALL(FindByEmail(email));
}
Result<std::vector<Person>> MemoryPeopleRepository::ListAtOffset(int64_t offset, int limit) {
  PAIRWISE_MEMORY_CALL(ListAtOffset(offset, limit));
}
Result<std::optional<std::string>> MemoryPeopleRepository::FindExternalId(std::string_view id) {
  PAIRWISE_MEMORY_CALL(FindExternalId(id));
}
Result<std::optional<Person>> MemoryPeopleRepository::FindByExternalId(
    std::string_view external_id) {
  PAIRWISE_MEMORY_CALL(FindByExternalId(external_id));
}
Status MemoryPeopleRepository::SetExternalId(std::string_view id, std::string_view external_id) {
  PAIRWISE_MEMORY_CALL(SetExternalId(id, external_id));
}
Result<std::optional<std::string>> MemoryPeopleRepository::FindUserName(std::string_view id) {
  PAIRWISE_MEMORY_CALL(FindUserName(id));
}
Result<std::optional<Person>> MemoryPeopleRepository::FindByUserName(std::string_view user_name) {
  PAIRWISE_MEMORY_CALL(FindByUserName(user_name));
}
Status MemoryPeopleRepository::SetUserName(std::string_view id, std::string_view user_name) {
  PAIRWISE_MEMORY_CALL(SetUserName(id, user_name));
}
Result<std::vector<Person>> MemoryPeopleRepository::ListPage(
    const domain::PeoplePageRequest& request) {
  PAIRWISE_MEMORY_CALL(ListPage(request));
}
Result<std::vector<Person>> MemoryPeopleRepository::ListDirectReports(std::string_view id) {
  PAIRWISE_MEMORY_CALL(ListDirectReports(id));
}
Result<std::vector<std::string>> MemoryPeopleRepository::ManagementChain(std::string_view id) {
  PAIRWISE_MEMORY_CALL(ManagementChain(id));
}
Result<std::vector<Person>> MemoryPeopleRepository::ListWithManagers(
    std::span<const std::string> ids) {
  PAIRWISE_MEMORY_CALL(ListWithManagers(ids));
}
Result<std::vector<PersonEvent>> MemoryPeopleRepository::ListEvents(std::string_view id) {
  PAIRWISE_MEMORY_CALL(ListEvents(id));
}
Result<std::vector<Department>> MemoryPeopleRepository::ListDepartments() {
  PAIRWISE_MEMORY_CALL(ListDepartments());
}
Result<std::vector<Site>> MemoryPeopleRepository::ListSites() { PAIRWISE_MEMORY_CALL(ListSites()); }
Result<std::vector<Skill>> MemoryPeopleRepository::ListSkills() {
  PAIRWISE_MEMORY_CALL(ListSkills());
}
Status MemoryPeopleRepository::SetReportingAttributes(std::span<const ReportingAttribute> values) {
  PAIRWISE_MEMORY_CALL(SetReportingAttributes(values));
}
Result<std::vector<ReportingAttribute>> MemoryPeopleRepository::ListReportingAttributes() {
  PAIRWISE_MEMORY_CALL(ListReportingAttributes());
}

#undef PAIRWISE_MEMORY_CALL

}  // namespace pairwise::storage
