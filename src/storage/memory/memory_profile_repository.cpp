#include "storage/memory/memory_profile_repository.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"

namespace pairwise::storage {

using domain::PersonSummary;
using domain::Profile;

namespace {

bool ListsSkill(const std::vector<domain::SkillLevel>& list, std::string_view skill) {
  return std::any_of(list.begin(), list.end(),
                     [&](const domain::SkillLevel& s) { return s.skill == skill; });
}

}  // namespace

Result<std::optional<Profile>> MemoryProfileRepository::FindProfile(std::string_view employee_id) {
  std::lock_guard lock(mutex_);
  auto it = profiles_.find(std::string(employee_id));
  if (it == profiles_.end()) return std::optional<Profile>();
  return std::optional<Profile>(it->second);
}

Result<std::vector<Profile>> MemoryProfileRepository::ListProfiles(
    const std::vector<std::string>& employee_ids) {
  std::vector<std::string> keys = employee_ids;
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::lock_guard lock(mutex_);
  std::vector<Profile> out;
  for (const std::string& key : keys) {
    auto it = profiles_.find(key);
    if (it != profiles_.end()) out.push_back(it->second);
  }
  return out;
}

Status MemoryProfileRepository::SaveProfiles(std::span<const Profile> profiles) {
  auto skills = people_.ListSkills();
  if (!skills.ok()) return skills.status();
  std::unordered_set<std::string> codes;
  for (const domain::Skill& s : *skills) codes.insert(s.code);
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const Profile& p = profiles[i];
    auto person = people_.FindByEmployeeId(p.employee_id);
    if (!person.ok()) return person.status();
    if (!person->has_value()) {
      return Status::NotFound("no person has employee id \"" + p.employee_id + "\"");
    }
    for (const auto* list : {&p.expertise, &p.wants}) {
      for (std::size_t k = 0; k < list->size(); ++k) {
        if (!codes.contains((*list)[k].skill)) {
          return Status::InvalidArgument("unknown skill \"" + (*list)[k].skill + "\"",
                                         "profiles[" + std::to_string(i) + "]." +
                                             (list == &p.expertise ? "expertise" : "wants") + "[" +
                                             std::to_string(k) + "].skill");
        }
      }
    }
    if (!seen.insert(p.employee_id).second) {
      return Status::InvalidArgument("a person's profile is repeated in the batch",
                                     "profiles[" + std::to_string(i) + "].employee_id");
    }
    if (!p.updated_at) return Status::Internal("SaveProfiles needs updated_at");
  }
  std::lock_guard lock(mutex_);
  for (const Profile& p : profiles) profiles_[p.employee_id] = p;
  return Status::Ok();
}

Result<std::vector<PersonSummary>> MemoryProfileRepository::SearchPeople(
    const domain::PeopleSearch& search) {
  if (search.limit < 1 || search.limit > domain::kMaxPeoplePageSize) {
    return Status::InvalidArgument("limit out of range", "limit");
  }
  std::unordered_map<std::string, std::string> department_names, site_names;
  auto departments = people_.ListDepartments();
  if (!departments.ok()) return departments.status();
  for (const auto& d : *departments) department_names.emplace(d.code, d.name);
  auto sites = people_.ListSites();
  if (!sites.ok()) return sites.status();
  for (const auto& s : *sites) site_names.emplace(s.code, s.name);

  const std::string needle = AsciiLower(search.text);
  // As in SQL: the text also finds people by their department's name or code, and by the name
  // or code of a skill on their profile.
  auto contains = [&](const std::string& haystack) {
    return AsciiLower(haystack).find(needle) != std::string::npos;
  };
  std::unordered_set<std::string> text_departments, text_skills;
  if (!needle.empty()) {
    for (const auto& d : *departments) {
      if (contains(d.name) || contains(d.code)) text_departments.insert(d.code);
    }
    auto skills = people_.ListSkills();
    if (!skills.ok()) return skills.status();
    for (const auto& k : *skills) {
      if (contains(k.name) || contains(k.code)) text_skills.insert(k.code);
    }
  }
  auto lists_text_skill = [&](const std::string& employee_id) {
    if (text_skills.empty()) return false;
    std::lock_guard lock(mutex_);
    auto it = profiles_.find(employee_id);
    if (it == profiles_.end()) return false;
    for (const auto* list : {&it->second.expertise, &it->second.wants}) {
      for (const auto& s : *list) {
        if (text_skills.contains(s.skill)) return true;
      }
    }
    return false;
  };
  std::vector<PersonSummary> out;
  domain::PeoplePageRequest page{search.after_employee_id, domain::kMaxPeoplePageSize};
  for (;;) {
    auto people = people_.ListPage(page);
    if (!people.ok()) return people.status();
    for (const domain::Person& p : *people) {
      if (!search.statuses.empty() && std::find(search.statuses.begin(), search.statuses.end(),
                                                p.status) == search.statuses.end()) {
        continue;
      }
      if (!search.department.empty() && p.department != search.department) continue;
      if (!search.site.empty() && p.site != search.site) continue;
      if (!needle.empty() && !contains(p.first_name + " " + p.last_name) && !contains(p.email) &&
          !text_departments.contains(p.department) && !lists_text_skill(p.employee_id)) {
        continue;
      }
      if (!search.skill.empty()) {
        std::lock_guard lock(mutex_);
        auto it = profiles_.find(p.employee_id);
        if (it == profiles_.end()) continue;
        const bool offers = ListsSkill(it->second.expertise, search.skill);
        const bool wants = ListsSkill(it->second.wants, search.skill);
        const bool match = search.skill_interest == domain::SkillInterest::kOffer ? offers
                           : search.skill_interest == domain::SkillInterest::kWant
                               ? wants
                               : offers || wants;
        if (!match) continue;
      }
      PersonSummary s;
      s.employee_id = p.employee_id;
      s.first_name = p.first_name;
      s.last_name = p.last_name;
      s.email = p.email;
      s.job_title = p.job_title;
      s.level = p.level;
      s.department_code = p.department;
      s.site_code = p.site;
      if (auto it = department_names.find(p.department); it != department_names.end()) {
        s.department_name = it->second;
      }
      if (auto it = site_names.find(p.site); it != site_names.end()) s.site_name = it->second;
      s.status = p.status;
      out.push_back(std::move(s));
      if (out.size() == static_cast<std::size_t>(search.limit)) return out;
    }
    if (people->size() < static_cast<std::size_t>(page.limit)) return out;
    page.after_employee_id = people->back().employee_id;
  }
}

}  // namespace pairwise::storage
