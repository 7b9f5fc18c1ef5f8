#include "domain/profiles/directory_service.h"

#include <algorithm>
#include <unordered_map>

#include "common/utf8.h"

namespace pairwise::domain {

namespace {

constexpr std::string_view kCursorPrefix = "c1";

Status RequirePerson(const Actor& actor) {
  if (!actor.IsPerson()) {
    return Status::Forbidden("the directory is open to signed-in people only");
  }
  return Status::Ok();
}

bool MaySee(const Actor& actor, const PersonRecord& person) {
  return actor.IsAdmin() || person.status != EmploymentStatus::kLeft;
}

Status NoSuchPerson(std::string_view employee_id) {
  return Status::NotFound("no person has employee id \"" + std::string(employee_id) + "\"");
}

template <typename T>
bool HasCode(const std::vector<T>& items, std::string_view code) {
  return std::any_of(items.begin(), items.end(), [&](const T& t) { return t.code == code; });
}

// Department and site names, for summaries.
struct ReferenceNames {
  std::unordered_map<std::string, std::string> departments;
  std::unordered_map<std::string, std::string> sites;

  PersonSummary Summarize(const Person& p) const {
    PersonSummary s;
    s.employee_id = p.employee_id;
    s.first_name = p.first_name;
    s.last_name = p.last_name;
    s.email = p.email;
    s.job_title = p.job_title;
    s.level = p.level;
    s.department_code = p.department;
    s.site_code = p.site;
    if (auto it = departments.find(p.department); it != departments.end()) {
      s.department_name = it->second;
    }
    if (auto it = sites.find(p.site); it != sites.end()) s.site_name = it->second;
    s.status = p.status;
    return s;
  }
};

}  // namespace

std::string EncodeSearchCursor(std::string_view employee_id) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(kCursorPrefix);
  for (char c : employee_id) {
    const auto byte = static_cast<unsigned char>(c);
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

std::optional<std::string> DecodeSearchCursor(std::string_view cursor) {
  if (!cursor.starts_with(kCursorPrefix)) return std::nullopt;
  cursor.remove_prefix(kCursorPrefix.size());
  if (cursor.empty() || cursor.size() % 2 != 0 || cursor.size() > 256) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < cursor.size(); i += 2) {
    const int high = nibble(cursor[i]);
    const int low = nibble(cursor[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

Result<PeopleSearchPage> DirectoryService::Search(const Actor& actor,
                                                  const PeopleSearchRequest& request) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  PeopleSearch search;
  if (MoreCharsThan(request.q, kMaxSearchTextChars)) {
    return Status::InvalidArgument(
        "Search with at most " + std::to_string(kMaxSearchTextChars) + " characters.", "q");
  }
  search.text = request.q;
  if (request.limit < 1 || request.limit > kMaxSearchLimit) {
    return Status::InvalidArgument("limit must be between 1 and " + std::to_string(kMaxSearchLimit),
                                   "limit");
  }
  search.limit = request.limit + 1;  // one more tells whether there is a next page
  if (request.status.empty() || request.status == "active") {
    search.statuses = {EmploymentStatus::kActive};
  } else if (request.status == "leave") {
    search.statuses = {EmploymentStatus::kLeave};
  } else if (request.status == "left") {
    if (!actor.IsAdmin()) return Status::Forbidden("only admins see people who left");
    search.statuses = {EmploymentStatus::kLeft};
  } else if (request.status == "any") {
    search.statuses = actor.IsAdmin() ? std::vector<EmploymentStatus>{}
                                      : std::vector<EmploymentStatus>{EmploymentStatus::kActive,
                                                                      EmploymentStatus::kLeave};
  } else {
    return Status::InvalidArgument("status must be active, leave, left or any", "status");
  }
  if (!request.cursor.empty()) {
    std::optional<std::string> after = DecodeSearchCursor(request.cursor);
    if (!after) return Status::InvalidArgument("the cursor is not one this server gave", "cursor");
    search.after_employee_id = std::move(*after);
  }
  if (!request.department.empty()) {
    auto departments = people_.ListDepartments();
    if (!departments.ok()) return departments.status();
    if (!HasCode(*departments, request.department)) {
      return Status::InvalidArgument("unknown department", "department");
    }
    search.department = request.department;
  }
  if (!request.site.empty()) {
    auto sites = people_.ListSites();
    if (!sites.ok()) return sites.status();
    if (!HasCode(*sites, request.site)) return Status::InvalidArgument("unknown site", "site");
    search.site = request.site;
  }
  if (!request.skill.empty()) {
    auto skills = people_.ListSkills();
    if (!skills.ok()) return skills.status();
    if (!HasCode(*skills, request.skill)) return Status::InvalidArgument("unknown skill", "skill");
    search.skill = request.skill;
  }
  if (request.skill_interest == "offer") {
    search.skill_interest = SkillInterest::kOffer;
  } else if (request.skill_interest == "want") {
    search.skill_interest = SkillInterest::kWant;
  } else if (!request.skill_interest.empty() && request.skill_interest != "either") {
    return Status::InvalidArgument("skill_interest must be offer, want or either",
                                   "skill_interest");
  }
  auto found = profiles_.SearchPeople(search);
  if (!found.ok()) return found.status();
  PeopleSearchPage page;
  page.items = std::move(found).value();
  if (page.items.size() > static_cast<std::size_t>(request.limit)) {
    page.items.resize(static_cast<std::size_t>(request.limit));
    page.next_cursor = EncodeSearchCursor(page.items.back().employee_id);
  }
  return page;
}

Result<PersonPage> DirectoryService::GetPerson(const Actor& actor, std::string_view employee_id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto person = people_.FindPerson(employee_id);
  if (!person.ok()) {
    if (person.status().code() == ErrorCode::kNotFound) return NoSuchPerson(employee_id);
    return person.status();
  }
  if (!MaySee(actor, *person)) return NoSuchPerson(employee_id);

  ReferenceNames names;
  {
    auto departments = people_.ListDepartments();
    if (!departments.ok()) return departments.status();
    for (Department& d : *departments) names.departments.emplace(d.code, std::move(d.name));
    auto sites = people_.ListSites();
    if (!sites.ok()) return sites.status();
    for (Site& s : *sites) names.sites.emplace(s.code, std::move(s.name));
  }

  PersonPage page;
  page.summary = names.Summarize(*person);
  auto chain = people_.ManagementChain(employee_id);
  if (!chain.ok()) return chain.status();
  for (const std::string& manager_id : *chain) {
    auto manager = people_.FindPerson(manager_id);
    if (!manager.ok()) return manager.status();
    if (MaySee(actor, *manager)) page.manager_chain.push_back(names.Summarize(*manager));
  }
  auto reports = people_.ListDirectReports(employee_id);
  if (!reports.ok()) return reports.status();
  for (const Person& report : *reports) {
    if (MaySee(actor, report)) page.direct_reports.push_back(names.Summarize(report));
  }
  auto profile = profiles_.FindProfile(employee_id);
  if (!profile.ok()) return profile.status();
  if (profile->has_value()) {
    page.profile = std::move(**profile);
  } else {
    page.profile.employee_id = person->employee_id;
  }
  const bool sees_history =
      actor.IsAdmin() ||
      (!actor.employee_id.empty() &&
       (actor.employee_id == person->employee_id ||
        std::find(chain->begin(), chain->end(), actor.employee_id) != chain->end()));
  if (sees_history) {
    auto history = people_.History(employee_id);
    if (!history.ok()) return history.status();
    page.history = std::move(history).value();
  }
  page.person = std::move(person).value();
  return page;
}

namespace {

// The actor's own directory entry, which must exist and be current.
Result<Person> OwnEntry(PeopleService& people, const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  const Status not_linked =
      Status::NotFound("your account is not linked to a current person of the directory");
  if (actor.employee_id.empty()) return not_linked;
  auto person = people.FindPerson(actor.employee_id);
  if (!person.ok()) {
    return person.status().code() == ErrorCode::kNotFound ? not_linked : person.status();
  }
  if (person->status == EmploymentStatus::kLeft) return not_linked;
  return person;
}

}  // namespace

Result<Profile> DirectoryService::GetOwnProfile(const Actor& actor) {
  auto person = OwnEntry(people_, actor);
  if (!person.ok()) return person.status();
  auto profile = profiles_.FindProfile(person->employee_id);
  if (!profile.ok()) return profile.status();
  if (profile->has_value()) return std::move(**profile);
  Profile empty;
  empty.employee_id = person->employee_id;
  return empty;
}

Result<Profile> DirectoryService::UpdateOwnProfile(const Actor& actor,
                                                   const ProfileFields& fields) {
  auto person = OwnEntry(people_, actor);
  if (!person.ok()) return person.status();
  auto skills = people_.ListSkills();
  if (!skills.ok()) return skills.status();
  PAIRWISE_RETURN_IF_ERROR(CheckProfileFields(fields, *skills));
  Profile profile;
  static_cast<ProfileFields&>(profile) = fields;
  profile.employee_id = person->employee_id;
  profile.updated_at = clock_.Now();
  PAIRWISE_RETURN_IF_ERROR(profiles_.SaveProfiles({&profile, 1}));
  auto stored = profiles_.FindProfile(profile.employee_id);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return Status::Internal("a saved profile could not be read back");
  return std::move(**stored);
}

Result<std::vector<Skill>> DirectoryService::ListSkills(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  return people_.ListSkills();
}

Result<std::vector<Department>> DirectoryService::ListDepartments(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  return people_.ListDepartments();
}

Result<std::vector<Site>> DirectoryService::ListSites(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  return people_.ListSites();
}

}  // namespace pairwise::domain
