#include "domain/demo/demo_profiles.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "domain/demo/random.h"

namespace pairwise::domain {

namespace {

using namespace std::string_view_literals;
using demo::Random;

// The skill families each division's people mostly offer and want, by division name
// (demo_data.cpp's kDivisions).
struct DivisionFamilies {
  std::string_view division;
  std::array<std::string_view, 5> families;  // empty entries unused
};
constexpr std::array kDivisionFamilies = {
    DivisionFamilies{"Executive",
                     {"Leadership & Management", "Communication", "Finance & Accounting"}},
    DivisionFamilies{"Engineering",
                     {"Programming Languages", "Software Engineering", "Cloud & Infrastructure",
                      "Data & Analytics", "Security"}},
    DivisionFamilies{
        "Product & Design",
        {"Product Management", "Design & Research", "Data & Analytics", "Communication"}},
    DivisionFamilies{"Sales & Marketing", {"Sales", "Marketing", "Communication"}},
    DivisionFamilies{"Customer",
                     {"Customer Success & Support", "Communication", "Product Management"}},
    DivisionFamilies{"Finance & Operations",
                     {"Finance & Accounting", "Legal, Risk & Compliance",
                      "Project & Program Management", "Data & Analytics"}},
    DivisionFamilies{
        "People",
        {"People & HR", "Leadership & Management", "Communication", "Legal, Risk & Compliance"}},
};
// Families anyone may offer or want, whatever their work.
constexpr std::array kCommonFamilies = {"Communication"sv, "Project & Program Management"sv,
                                        "Leadership & Management"sv, "Machine Learning & AI"sv};
constexpr std::string_view kLeadershipFamily = "Leadership & Management";
constexpr std::array kMentoringLanguages = {"es"sv, "fr"sv, "de"sv, "pt"sv, "it"sv,
                                            "nl"sv, "ja"sv, "zh"sv, "hi"sv, "ar"sv};
constexpr std::array kAvailability = {0, 2, 4, 4, 6, 8, 8, 10, 12, 16};
constexpr int kProfilePerMille = 750;
constexpr int kPageSize = 1000;

struct Taxonomy {
  // Indexes into `skills` by family.
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_family;
  std::vector<Skill> skills;
};

const Skill& PickFrom(Random& random, const Taxonomy& taxonomy, std::string_view family) {
  const std::vector<std::size_t>& members = taxonomy.by_family.at(family);
  return taxonomy.skills[members[random.Below(members.size())]];
}

// A skill from the person's own families most of the time, else from the common ones; not one
// already in `taken`. Null when the draws keep hitting taken skills.
const Skill* DrawSkill(Random& random, const Taxonomy& taxonomy,
                       const std::vector<std::string_view>& own,
                       std::unordered_set<std::string_view>& taken) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::string_view family;
    if (!own.empty() && random.Chance(800)) {
      family = own[random.Below(own.size())];
    } else {
      family = kCommonFamilies[random.Below(kCommonFamilies.size())];
    }
    if (!taxonomy.by_family.contains(family)) continue;
    const Skill& skill = PickFrom(random, taxonomy, family);
    if (taken.insert(skill.code).second) return &skill;
  }
  return nullptr;
}

std::string JoinNames(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

Result<int64_t> LoadDemoProfiles(PeopleService& people, ProfileRepository& profiles,
                                 const DemoOptions& options) {
  Taxonomy taxonomy;
  {
    auto skills = people.ListSkills();
    if (!skills.ok()) return skills.status();
    taxonomy.skills = std::move(skills).value();
    for (std::size_t i = 0; i < taxonomy.skills.size(); ++i) {
      taxonomy.by_family[taxonomy.skills[i].family].push_back(i);
    }
  }
  if (taxonomy.skills.empty()) return int64_t{0};
  std::unordered_map<std::string, std::vector<std::string_view>> families_of_department;
  std::unordered_map<std::string, std::string> department_names;
  {
    auto departments = people.ListDepartments();
    if (!departments.ok()) return departments.status();
    for (const Department& d : *departments) {
      department_names.emplace(d.code, d.name);
      std::vector<std::string_view>& families = families_of_department[d.code];
      for (const DivisionFamilies& entry : kDivisionFamilies) {
        if (entry.division != d.division) continue;
        for (std::string_view family : entry.families) {
          if (!family.empty() && taxonomy.by_family.contains(family)) families.push_back(family);
        }
      }
    }
  }

  const TimePoint as_of = std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::sys_days(options.as_of) + std::chrono::hours(17));
  Random random(options.seed ^ 0x70726f66696c6573ULL);  // "profiles"
  std::vector<Profile> out;
  PeoplePageRequest page{"", kPageSize};
  for (;;) {
    auto batch = people.ListPeople(page);
    if (!batch.ok()) return batch.status();
    for (const Person& person : *batch) {
      if (person.status == EmploymentStatus::kLeft) continue;
      if (!random.Chance(kProfilePerMille)) continue;
      const std::vector<std::string_view>& own = families_of_department[person.department];
      std::unordered_set<std::string_view> taken;
      Profile profile;
      profile.employee_id = person.employee_id;

      // Seniority sets how much one offers and how well.
      const int offered = 1 + person.level / 3 + random.Between(0, 1);
      const bool manager = person.level >= 6;
      std::vector<std::string_view> offered_names, wanted_names;
      if (manager && taxonomy.by_family.contains(kLeadershipFamily)) {
        const Skill& lead = PickFrom(random, taxonomy, kLeadershipFamily);
        taken.insert(lead.code);
        profile.expertise.push_back({lead.code, std::clamp(person.level / 2, 2, 5)});
        offered_names.push_back(lead.name);
      }
      for (int i = 0; i < offered; ++i) {
        const Skill* skill = DrawSkill(random, taxonomy, own, taken);
        if (!skill) continue;
        const int level = std::clamp(1 + person.level / 2 + random.Between(-1, 1), 1, 5);
        profile.expertise.push_back({skill->code, level});
        offered_names.push_back(skill->name);
      }
      const int wanted = random.Between(1, 3);
      for (int i = 0; i < wanted; ++i) {
        const Skill* skill = DrawSkill(random, taxonomy, own, taken);
        if (!skill) continue;
        profile.wants.push_back({skill->code, random.Between(2, 4)});
        wanted_names.push_back(skill->name);
      }
      if (random.Chance(150)) {
        const std::string_view extra =
            kMentoringLanguages[random.Below(kMentoringLanguages.size())];
        if (std::find(person.languages.begin(), person.languages.end(), extra) ==
            person.languages.end()) {
          profile.languages.emplace_back(extra);
        }
      }
      const int hours = kAvailability[random.Below(kAvailability.size())];
      profile.availability_hours_per_month = person.level >= 4 ? hours : std::min(hours, 4);
      const int preference = random.Between(0, 9);
      profile.meeting_preference = preference < 4   ? MeetingPreference::kEither
                                   : preference < 8 ? MeetingPreference::kVirtual
                                                    : MeetingPreference::kInPerson;
      std::string bio = person.job_title;
      if (auto name = department_names.find(person.department); name != department_names.end()) {
        bio += " in " + name->second;
      }
      bio += ".";
      if (!offered_names.empty()) {
        bio += " Happy to help with " + JoinNames(offered_names) + ".";
      }
      if (!wanted_names.empty()) bio += " Currently learning " + JoinNames(wanted_names) + ".";
      profile.bio = std::move(bio);
      profile.updated_at =
          as_of - std::chrono::hours(24 * random.Between(0, 179) + random.Between(0, 12));
      out.push_back(std::move(profile));
    }
    if (batch->size() < static_cast<std::size_t>(kPageSize)) break;
    page.after_employee_id = batch->back().employee_id;
  }
  PAIRWISE_RETURN_IF_ERROR(profiles.SaveProfiles(out));
  return static_cast<int64_t>(out.size());
}

}  // namespace pairwise::domain
