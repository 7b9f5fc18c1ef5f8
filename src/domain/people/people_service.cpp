#include "domain/people/people_service.h"

#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
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

// The rest of LoadDirectory once CheckDirectoryRecords passed, on a transaction: references to
// stored data are resolved inside it, so that what was checked is what the writes see.
Status CheckReferencesAndWrite(PeopleRepository& tx, const Directory& directory,
                               const ExternalReferences& refs) {
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
  if (!directory.attributes.empty()) {
    PAIRWISE_RETURN_IF_ERROR(tx.SetReportingAttributes(directory.attributes));
  }
  return Status::Ok();
}

// Rewrites an error about the one record of a single-person directory so that it speaks of the
// person: field "people[0].email" -> "email", message "people[0] (employee \"E7\"): ..." ->
// "employee \"E7\": ...".
Status ForOnePerson(const Status& status) {
  if (status.ok()) return status;
  constexpr std::string_view kRecord = "people[0]";
  std::string field = status.field();
  if (field.starts_with(std::string(kRecord) + ".")) field = field.substr(kRecord.size() + 1);
  std::string message = status.client_message();
  if (message.starts_with(std::string(kRecord) + " (")) {
    const std::size_t close = message.find("): ");
    if (close != std::string::npos) {
      message = message.substr(kRecord.size() + 2, close - kRecord.size() - 2) +
                message.substr(close + 1);
    }
  } else if (message.starts_with(std::string(kRecord) + ": ")) {
    message = message.substr(kRecord.size() + 2);
  }
  Status rewritten =
      Status::Error(status.code(), std::move(message), std::move(field), status.log_message());
  if (!status.reason().empty()) rewritten = std::move(rewritten).WithReason(status.reason());
  return rewritten;
}

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// Conflict unless `email` is free or already `employee_id`'s.
Status CheckEmailFree(PeopleRepository& tx, const PersonRecord& record) {
  Result<std::optional<Person>> holder = tx.FindByEmail(record.email);
  if (!holder.ok()) return holder.status();
  if (holder->has_value() && (*holder)->employee_id != record.employee_id) {
    return Status::Conflict("employee " + Quoted(record.employee_id) + ": email " +
                                Quoted(record.email) + " is already used by another person",
                            "email");
  }
  return Status::Ok();
}

constexpr std::size_t kMaxExternalIdBytes = 255;

// An external id is free text from another system: printable UTF-8, bounded.
Status CheckExternalId(std::string_view employee_id, std::string_view external_id) {
  if (external_id.empty() || IsValidText(external_id, kMaxExternalIdBytes)) return Status::Ok();
  return Status::InvalidArgument("employee " + Quoted(employee_id) +
                                     ": the external id must be at most " +
                                     std::to_string(kMaxExternalIdBytes) +
                                     " bytes of UTF-8 text without control characters or "
                                     "surrounding spaces",
                                 "external_id");
}

constexpr std::size_t kMaxUserNameBytes = 255;

// A stored userName is free text from another system too; it must be nobody else's userName:
// not another person's stored one (the repository refuses that) nor the email of a person who
// has no userName of their own (whose userName the email is).
Status CheckUserName(PeopleRepository& tx, std::string_view employee_id,
                     std::string_view user_name) {
  if (user_name.empty()) return Status::Ok();
  if (!IsValidText(user_name, kMaxUserNameBytes)) {
    return Status::InvalidArgument("employee " + Quoted(employee_id) +
                                       ": the userName must be at most " +
                                       std::to_string(kMaxUserNameBytes) +
                                       " bytes of UTF-8 text without control characters or "
                                       "surrounding spaces",
                                   "user_name");
  }
  Result<std::optional<Person>> by_email = tx.FindByEmail(user_name);
  if (!by_email.ok()) return by_email.status();
  if (by_email->has_value() && (*by_email)->employee_id != employee_id) {
    Result<std::optional<std::string>> own = tx.FindUserName((*by_email)->employee_id);
    if (!own.ok()) return own.status();
    if (!own->has_value()) {
      return Status::Conflict("employee " + Quoted(employee_id) + ": userName " +
                                  Quoted(user_name) + " is another person's",
                              "user_name");
    }
  }
  return Status::Ok();
}

}  // namespace

Status PeopleService::LoadDirectory(const Directory& directory) {
  Result<ExternalReferences> external = CheckDirectoryRecords(directory);
  if (!external.ok()) return external.status();
  Status written = repository_.RunInTransaction([&](PeopleRepository& tx) -> Status {
    return CheckReferencesAndWrite(tx, directory, *external);
  });
  if (written.ok()) TellDepartures(directory);
  return written;
}

std::vector<std::string> DeparturesIn(const Directory& directory) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const PersonEvent& event : directory.events) {
    if (event.kind == PersonEventKind::kExit && seen.insert(event.employee_id).second) {
      out.push_back(event.employee_id);
    }
  }
  return out;
}

void PeopleService::TellDepartures(const Directory& written) {
  if (departures_ == nullptr) return;
  std::vector<std::string> left = DeparturesIn(written);
  if (!left.empty()) departures_->PeopleLeft(left);
}

Result<PersonWithExternalId> PeopleService::CreatePerson(const PersonRecord& record,
                                                         std::string_view external_id) {
  return CreatePerson(PersonChange{record, std::string(external_id), "", {}});
}

Result<PersonWithExternalId> PeopleService::CreatePerson(const PersonChange& wanted) {
  const PersonRecord& record = wanted.record;
  const std::string& external_id = wanted.external_id;
  Directory directory;
  directory.departments = wanted.new_departments;
  directory.people = {record};
  directory.events = {PersonEvent{record.employee_id, PersonEventKind::kHire, record.hire_date,
                                  std::nullopt, record.level, "", record.job_title}};
  Result<ExternalReferences> external = CheckDirectoryRecords(directory);
  if (!external.ok()) return ForOnePerson(external.status());
  PAIRWISE_RETURN_IF_ERROR(CheckExternalId(record.employee_id, external_id));
  std::optional<PersonWithExternalId> created;
  Status status = repository_.RunInTransaction([&](PeopleRepository& tx) -> Status {
    Result<std::optional<Person>> existing = tx.FindByEmployeeId(record.employee_id);
    if (!existing.ok()) return existing.status();
    if (existing->has_value()) {
      return Status::Conflict(
          "employee " + Quoted(record.employee_id) + ": the employee id is already used",
          "employee_id");
    }
    PAIRWISE_RETURN_IF_ERROR(CheckEmailFree(tx, record));
    PAIRWISE_RETURN_IF_ERROR(CheckUserName(tx, record.employee_id, wanted.user_name));
    PAIRWISE_RETURN_IF_ERROR(CheckReferencesAndWrite(tx, directory, *external));
    if (!external_id.empty()) {
      PAIRWISE_RETURN_IF_ERROR(tx.SetExternalId(record.employee_id, external_id));
    }
    if (!wanted.user_name.empty()) {
      PAIRWISE_RETURN_IF_ERROR(tx.SetUserName(record.employee_id, wanted.user_name));
    }
    Result<std::optional<Person>> stored = tx.FindByEmployeeId(record.employee_id);
    if (!stored.ok()) return stored.status();
    if (!stored->has_value()) return Status::Internal("a created person was not found");
    created = PersonWithExternalId{std::move(**stored), external_id, wanted.user_name};
    return Status::Ok();
  });
  if (!status.ok()) return ForOnePerson(status);
  return std::move(*created);
}

Result<PersonWithExternalId> PeopleService::UpdatePerson(std::string_view employee_id, Date today,
                                                         const PersonChangeFn& change) {
  std::optional<PersonWithExternalId> updated;
  Directory written;
  Status status = repository_.RunInTransaction([&](PeopleRepository& tx) -> Status {
    Result<std::optional<Person>> found = tx.FindByEmployeeId(employee_id);
    if (!found.ok()) return found.status();
    if (!found->has_value()) return NoSuchPerson(employee_id);
    Result<PersonWithExternalId> current = WithExternalId(tx, std::move(**found));
    if (!current.ok()) return current.status();
    Result<PersonChange> wanted = change(*current);
    if (!wanted.ok()) return wanted.status();
    const PersonRecord& before = current->person;
    const PersonRecord& after = wanted->record;
    if (after.employee_id != before.employee_id) {
      return Status::InvalidArgument(
          "employee " + Quoted(before.employee_id) + ": the employee id cannot change",
          "employee_id");
    }
    Directory directory;
    directory.departments = wanted->new_departments;
    directory.people = {after};
    if (after.level > before.level) {
      directory.events.push_back({after.employee_id, PersonEventKind::kPromotion, today,
                                  before.level, after.level, before.job_title, after.job_title});
    } else if (after.job_title != before.job_title) {
      directory.events.push_back({after.employee_id, PersonEventKind::kTitleChange, today,
                                  std::nullopt, std::nullopt, before.job_title, after.job_title});
    }
    if (after.status == EmploymentStatus::kLeft && before.status != EmploymentStatus::kLeft &&
        after.left_date) {
      directory.events.push_back({after.employee_id, PersonEventKind::kExit, *after.left_date,
                                  before.level, std::nullopt, before.job_title, ""});
    }
    Result<ExternalReferences> external = CheckDirectoryRecords(directory);
    if (!external.ok()) return external.status();
    PAIRWISE_RETURN_IF_ERROR(CheckExternalId(after.employee_id, wanted->external_id));
    PAIRWISE_RETURN_IF_ERROR(CheckEmailFree(tx, after));
    if (wanted->user_name != current->user_name) {
      PAIRWISE_RETURN_IF_ERROR(CheckUserName(tx, after.employee_id, wanted->user_name));
    }
    PAIRWISE_RETURN_IF_ERROR(CheckReferencesAndWrite(tx, directory, *external));
    written = directory;
    if (wanted->external_id != current->external_id) {
      PAIRWISE_RETURN_IF_ERROR(tx.SetExternalId(after.employee_id, wanted->external_id));
    }
    if (wanted->user_name != current->user_name) {
      PAIRWISE_RETURN_IF_ERROR(tx.SetUserName(after.employee_id, wanted->user_name));
    }
    Result<std::optional<Person>> stored = tx.FindByEmployeeId(employee_id);
    if (!stored.ok()) return stored.status();
    if (!stored->has_value()) return Status::Internal("an updated person was not found");
    updated = PersonWithExternalId{std::move(**stored), wanted->external_id, wanted->user_name};
    return Status::Ok();
  });
  if (!status.ok()) return ForOnePerson(status);
  TellDepartures(written);
  return std::move(*updated);
}

Result<PersonWithExternalId> PeopleService::WithExternalId(PeopleRepository& repository,
                                                           Person person) {
  Result<std::optional<std::string>> external_id = repository.FindExternalId(person.employee_id);
  if (!external_id.ok()) return external_id.status();
  Result<std::optional<std::string>> user_name = repository.FindUserName(person.employee_id);
  if (!user_name.ok()) return user_name.status();
  return PersonWithExternalId{std::move(person), external_id->value_or(""),
                              user_name->value_or("")};
}

Result<std::optional<PersonWithExternalId>> PeopleService::FindByUserName(
    std::string_view user_name) {
  Result<std::optional<Person>> person = repository_.FindByUserName(user_name);
  if (!person.ok()) return person.status();
  if (!person->has_value()) {
    person = repository_.FindByEmail(user_name);
    if (!person.ok()) return person.status();
    if (!person->has_value()) return std::optional<PersonWithExternalId>();
  }
  Result<PersonWithExternalId> with = WithExternalId(repository_, std::move(**person));
  if (!with.ok()) return with.status();
  // Found by email: it is their userName only when they have none of their own.
  if (!with->user_name.empty() && AsciiLower(with->user_name) != AsciiLower(user_name)) {
    return std::optional<PersonWithExternalId>();
  }
  return std::optional<PersonWithExternalId>(std::move(with).value());
}

Result<PersonWithExternalId> PeopleService::FindPersonWithExternalId(std::string_view employee_id) {
  Result<Person> person = FindPerson(employee_id);
  if (!person.ok()) return person.status();
  return WithExternalId(repository_, std::move(person).value());
}

Result<std::optional<PersonWithExternalId>> PeopleService::FindByEmail(std::string_view email) {
  Result<std::optional<Person>> person = repository_.FindByEmail(email);
  if (!person.ok()) return person.status();
  if (!person->has_value()) return std::optional<PersonWithExternalId>();
  Result<PersonWithExternalId> with = WithExternalId(repository_, std::move(**person));
  if (!with.ok()) return with.status();
  return std::optional<PersonWithExternalId>(std::move(with).value());
}

Result<std::optional<PersonWithExternalId>> PeopleService::FindByExternalId(
    std::string_view external_id) {
  Result<std::optional<Person>> person = repository_.FindByExternalId(external_id);
  if (!person.ok()) return person.status();
  if (!person->has_value()) return std::optional<PersonWithExternalId>();
  Result<PersonWithExternalId> with = WithExternalId(repository_, std::move(**person));
  if (!with.ok()) return with.status();
  return std::optional<PersonWithExternalId>(std::move(with).value());
}

Result<std::vector<PersonWithExternalId>> PeopleService::ListAtOffset(int64_t offset, int limit) {
  Result<std::vector<Person>> people = repository_.ListAtOffset(offset, limit);
  if (!people.ok()) return people.status();
  std::vector<PersonWithExternalId> out;
  out.reserve(people->size());
  for (Person& person : *people) {
    Result<PersonWithExternalId> with = WithExternalId(repository_, std::move(person));
    if (!with.ok()) return with.status();
    out.push_back(std::move(with).value());
  }
  return out;
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
