#include "domain/people/people_service.h"

#include <unordered_map>
#include <unordered_set>

#include "domain/people/directory_validation.h"

namespace pairwise::domain {

namespace {

Status NoSuchPerson(std::string_view employee_id) {
  return Status::NotFound("no person has employee id \"" + std::string(employee_id) + "\"");
}

template <typename T>
Status CheckCodesStored(const Directory& directory, ReferenceKind kind,
                        const std::vector<std::string>& wanted, Result<std::vector<T>> stored) {
  if (wanted.empty()) return Status::Ok();
  if (!stored.ok()) return stored.status();
  std::unordered_set<std::string> codes;
  for (const T& item : *stored) codes.insert(item.code);
  for (const std::string& code : wanted) {
    if (!codes.contains(code)) return UnresolvedReference(directory, kind, code);
  }
  return Status::Ok();
}

}  // namespace

Status PeopleService::LoadDirectory(const Directory& directory) {
  Result<ExternalReferences> external = CheckDirectoryRecords(directory);
  if (!external.ok()) return external.status();

  // References to stored data are resolved inside the transaction, so that what was checked is
  // what the writes see.
  return repository_.RunInTransaction([&](PeopleRepository& tx) -> Status {
    const ExternalReferences& refs = *external;
    if (!refs.departments.empty()) {
      PAIRWISE_RETURN_IF_ERROR(CheckCodesStored(directory, ReferenceKind::kDepartment,
                                                refs.departments, tx.ListDepartments()));
    }
    if (!refs.sites.empty()) {
      PAIRWISE_RETURN_IF_ERROR(
          CheckCodesStored(directory, ReferenceKind::kSite, refs.sites, tx.ListSites()));
    }
    std::unordered_map<std::string, std::vector<std::string>> stored_chains;
    for (const std::string& manager : refs.managers) {
      Result<std::vector<std::string>> chain = tx.ManagementChain(manager);
      if (!chain.ok()) {
        if (chain.status().code() == ErrorCode::kNotFound) {
          return UnresolvedReference(directory, ReferenceKind::kManager, manager);
        }
        return chain.status();
      }
      stored_chains.emplace(manager, std::move(chain).value());
    }
    PAIRWISE_RETURN_IF_ERROR(CheckManagementCycles(directory, stored_chains));
    for (const std::string& employee_id : refs.event_people) {
      Result<std::optional<Person>> person = tx.FindByEmployeeId(employee_id);
      if (!person.ok()) return person.status();
      if (!person->has_value()) {
        return UnresolvedReference(directory, ReferenceKind::kEventPerson, employee_id);
      }
    }

    if (!directory.departments.empty()) {
      PAIRWISE_RETURN_IF_ERROR(tx.UpsertDepartments(directory.departments));
    }
    if (!directory.sites.empty()) PAIRWISE_RETURN_IF_ERROR(tx.UpsertSites(directory.sites));
    if (!directory.skills.empty()) PAIRWISE_RETURN_IF_ERROR(tx.UpsertSkills(directory.skills));
    if (!directory.people.empty()) PAIRWISE_RETURN_IF_ERROR(tx.UpsertPeople(directory.people));
    if (!directory.events.empty()) PAIRWISE_RETURN_IF_ERROR(tx.AppendEvents(directory.events));
    return Status::Ok();
  });
}

Result<Person> PeopleService::FindPerson(std::string_view employee_id) {
  Result<std::optional<Person>> person = repository_.FindByEmployeeId(employee_id);
  if (!person.ok()) return person.status();
  if (!person->has_value()) return NoSuchPerson(employee_id);
  return std::move(**person);
}

Result<std::vector<Person>> PeopleService::ListPeople(const PeoplePageRequest& request) {
  if (request.limit < 1 || request.limit > kMaxPeoplePageSize) {
    return Status::InvalidArgument(
        "limit must be between 1 and " + std::to_string(kMaxPeoplePageSize), "limit");
  }
  return repository_.ListPage(request);
}

Result<std::vector<PersonEvent>> PeopleService::History(std::string_view employee_id) {
  Result<std::vector<PersonEvent>> events = repository_.ListEvents(employee_id);
  if (!events.ok() || !events->empty()) return events;
  Result<std::optional<Person>> person = repository_.FindByEmployeeId(employee_id);
  if (!person.ok()) return person.status();
  if (!person->has_value()) return NoSuchPerson(employee_id);
  return events;
}

}  // namespace pairwise::domain
