#include "domain/proposals/matching_inputs.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_set>

#include "common/time_zone.h"

namespace pairwise::domain {
namespace {

matching::PersonAttributes Attributes(const Person& person, const Profile* profile, TimePoint now) {
  matching::PersonAttributes a;
  a.id = person.employee_id;
  a.manager = person.manager_employee_id;
  a.level = person.level;
  a.department = person.department;
  a.site = person.site;
  a.utc_offset_minutes = UtcOffsetMinutes(person.time_zone, now).value_or(0);
  a.utc_offset_minutes = std::clamp(a.utc_offset_minutes, matching::kMinUtcOffsetMinutes,
                                    matching::kMaxUtcOffsetMinutes);
  a.languages = person.languages;
  if (profile != nullptr) {
    for (const std::string& language : profile->languages) {
      if (std::find(a.languages.begin(), a.languages.end(), language) == a.languages.end()) {
        a.languages.push_back(language);
      }
    }
    a.availability_hours =
        std::clamp(profile->availability_hours_per_month, 0, matching::kMaxAvailabilityHours);
  }
  return a;
}

// Profile skills first, then the form's, each skill once, at most the engine's limit.
std::vector<matching::SkillLevel> Skills(const std::vector<SkillLevel>* profile_skills,
                                         const Answers* answers, const std::string& question) {
  std::vector<matching::SkillLevel> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& skill, int level) {
    if (out.size() >= static_cast<size_t>(matching::kMaxSkillsPerPerson)) return;
    if (!seen.insert(skill).second) return;
    out.push_back(matching::SkillLevel{
        skill, std::clamp(level, matching::kMinSkillLevel, matching::kMaxSkillLevel)});
  };
  if (profile_skills != nullptr) {
    for (const SkillLevel& s : *profile_skills) add(s.skill, s.level);
  }
  if (answers != nullptr && !question.empty()) {
    if (auto it = answers->find(question); it != answers->end()) {
      for (const std::string& skill : it->second) add(skill, kFormSkillLevel);
    }
  }
  return out;
}

template <typename Map>
const typename Map::mapped_type* Find(const Map& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

std::string PersonName(const std::unordered_map<std::string, Person>& people,
                       const std::string& employee_id) {
  auto it = people.find(employee_id);
  if (it == people.end()) return employee_id;
  return it->second.first_name + " " + it->second.last_name;
}

BuiltInstance BuildInstance(const MatchingInputs& in) {
  BuiltInstance built;
  matching::Instance& instance = built.instance;
  instance.rules = EngineRules(in.settings, in.program);
  instance.scoring = EngineScoring(in.settings);
  instance.objective = in.settings.objective;

  const std::unordered_set<std::string> mentee_set(in.mentees.begin(), in.mentees.end());
  std::unordered_set<std::string> mentor_set;
  int both_sides = 0;
  for (const std::string& id : in.mentors) {
    if (!in.people.contains(id)) continue;
    if (mentee_set.contains(id)) {
      ++both_sides;
      continue;
    }
    mentor_set.insert(id);
  }
  if (both_sides > 0) {
    built.warnings.push_back(std::to_string(both_sides) +
                             (both_sides == 1 ? " person is" : " people are") +
                             " approved on both sides and took part as mentees only.");
  }

  const int program_capacity = in.program.type == ProgramType::kGroup && in.program.group
                                   ? in.program.group->max_size
                                   : in.program.mentor_capacity.mentees;
  for (const std::string& id : in.mentors) {
    if (!mentor_set.contains(id)) continue;
    const Person& person = in.people.at(id);
    const Profile* profile = Find(in.profiles, id);
    matching::Mentor mentor;
    mentor.person = Attributes(person, profile, in.now);
    mentor.capacity = program_capacity;
    if (const MentorCapacity* own = Find(in.capacity_overrides, id)) {
      mentor.capacity = std::min(mentor.capacity, own->mentees);
    }
    mentor.capacity = std::clamp(mentor.capacity, 0, matching::kMaxCapacity);
    mentor.skills = Skills(profile ? &profile->expertise : nullptr, Find(in.mentor_answers, id),
                           in.settings.mentor_skills_question);
    mentor.credentialed = in.credentialed.contains(id);
    instance.mentors.push_back(std::move(mentor));
  }
  int unknown_mentees = 0;
  std::unordered_set<std::string> in_program = mentor_set;
  for (const std::string& id : in.mentees) {
    if (!in.people.contains(id)) {
      ++unknown_mentees;
      continue;
    }
    in_program.insert(id);
    const Person& person = in.people.at(id);
    const Profile* profile = Find(in.profiles, id);
    const Answers* answers = Find(in.mentee_answers, id);
    matching::Mentee mentee;
    mentee.person = Attributes(person, profile, in.now);
    mentee.skills =
        Skills(profile ? &profile->wants : nullptr, answers, in.settings.mentee_skills_question);
    if (answers != nullptr && !in.settings.ranked_mentors_question.empty()) {
      if (auto it = answers->find(in.settings.ranked_mentors_question); it != answers->end()) {
        std::set<std::string> seen;
        for (const std::string& mentor : it->second) {
          if (mentor_set.contains(mentor) && seen.insert(mentor).second) {
            mentee.ranked_mentors.push_back(mentor);
          }
        }
      }
    }
    instance.mentees.push_back(std::move(mentee));
  }
  if (unknown_mentees > 0) {
    built.warnings.push_back(std::to_string(unknown_mentees) +
                             " approved mentees are no longer in the directory and were left out.");
  }

  // Everyone above a participant, so that the engine knows every management chain.
  // A walk ends at the first person an earlier walk went through (participants included):
  // everything above them is known already, so each chain is walked once.
  std::set<std::string> above;
  std::unordered_set<std::string_view> walked;
  walked.reserve(in_program.size() * 2);
  for (const std::string& id : in_program) {
    const Person* person = &in.people.at(id);
    if (!walked.insert(person->employee_id).second) continue;
    for (int depth = 0; depth < 1000 && !person->manager_employee_id.empty(); ++depth) {
      const std::string& manager = person->manager_employee_id;
      const Person* next = Find(in.people, manager);
      if (next == nullptr) break;
      if (!walked.insert(next->employee_id).second) break;
      if (!in_program.contains(manager)) above.insert(manager);
      person = next;
    }
  }
  for (const std::string& id : above) {
    instance.people.push_back(matching::DirectoryPerson{id, in.people.at(id).manager_employee_id});
  }
  // Managers the directory does not know end the chain.
  std::unordered_set<std::string> known = in_program;
  known.insert(above.begin(), above.end());
  auto clear_unknown = [&](std::string& manager) {
    if (!manager.empty() && !known.contains(manager)) manager.clear();
  };
  for (auto& m : instance.mentors) clear_unknown(m.person.manager);
  for (auto& m : instance.mentees) clear_unknown(m.person.manager);
  for (auto& p : instance.people) clear_unknown(p.manager);

  int stale_constraints = 0;
  std::set<std::string> pinned_mentees;
  for (const PairConstraint& c : in.constraints) {
    if (!mentee_set.contains(c.mentee) || !in_program.contains(c.mentee) ||
        !mentor_set.contains(c.mentor)) {
      ++stale_constraints;
      continue;
    }
    if (c.kind == ConstraintKind::kPin) {
      if (!pinned_mentees.insert(c.mentee).second) continue;
      instance.pinned.push_back(matching::PairRef{c.mentee, c.mentor});
    } else {
      instance.forbidden.push_back(matching::PairRef{c.mentee, c.mentor});
    }
  }
  if (stale_constraints > 0) {
    built.warnings.push_back(std::to_string(stale_constraints) +
                             " pins or forbids name people no longer in the program and were "
                             "not applied.");
  }
  for (const auto& [mentee, mentor] : in.previous_pairs) {
    if (mentee_set.contains(mentee) && in_program.contains(mentee) && mentor_set.contains(mentor)) {
      instance.previous_pairs.push_back(matching::PairRef{mentee, mentor});
    }
  }
  return built;
}

}  // namespace pairwise::domain
