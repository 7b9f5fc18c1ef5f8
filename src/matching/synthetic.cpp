#include "matching/synthetic.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace pairwise::matching {
namespace {

struct SiteInfo {
  const char* name;
  int utc_offset_minutes;
  int language;  // index into kLanguageNames
};

constexpr std::array<const char*, 20> kLanguageNames = {
    "English",  "Portuguese", "Spanish", "French", "German",     "Hindi",  "Japanese",
    "Mandarin", "Italian",    "Dutch",   "Polish", "Korean",     "Arabic", "Swedish",
    "Turkish",  "Russian",    "Tamil",   "Hebrew", "Vietnamese", "Greek"};

constexpr std::array<SiteInfo, 15> kSites = {{
    {"New York", -300, 0},
    {"San Francisco", -480, 0},
    {"Austin", -360, 0},
    {"Sao Paulo", -180, 1},
    {"London", 0, 0},
    {"Lisbon", 0, 1},
    {"Madrid", 60, 2},
    {"Paris", 60, 3},
    {"Berlin", 60, 4},
    {"Warsaw", 60, 10},
    {"Bangalore", 330, 5},
    {"Chennai", 330, 16},
    {"Singapore", 480, 7},
    {"Tokyo", 540, 6},
    {"Sydney", 600, 0},
}};

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  int Uniform(int low, int high) {  // inclusive
    return std::uniform_int_distribution<int>(low, high)(engine_);
  }
  double Unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }
  bool Chance(double p) { return Unit() < p; }
  // Index in [0, n) with probability proportional to 1 / (i + 1)^s (uneven sizes).
  int Zipf(const std::vector<double>& cumulative) {
    const double x = Unit() * cumulative.back();
    return static_cast<int>(std::upper_bound(cumulative.begin(), cumulative.end(), x) -
                            cumulative.begin());
  }
  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
};

std::vector<double> ZipfTable(int n, double s) {
  std::vector<double> cumulative(n);
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    sum += 1.0 / std::pow(i + 1, s);
    cumulative[i] = sum;
  }
  return cumulative;
}

struct Person {
  bool mentor;
  int32_t index;
  int department;
  int level;
};

}  // namespace

Instance MakeSyntheticInstance(const SyntheticOptions& o) {
  Random rng(o.seed);
  Instance in;
  const int departments = std::max(1, o.departments);
  const int sites = std::clamp(o.sites, 1, static_cast<int>(kSites.size()));
  const int families = std::max(1, o.skill_families);
  const int languages = std::clamp(o.languages, 1, static_cast<int>(kLanguageNames.size()));
  const std::vector<double> department_table = ZipfTable(departments, 0.8);
  const std::vector<double> site_table = ZipfTable(sites, 0.9);

  // Each department draws its skills from two families, and is spread over a few sites.
  std::vector<std::array<int, 2>> department_families(departments);
  std::vector<std::array<int, 3>> department_sites(departments);
  for (int d = 0; d < departments; ++d) {
    department_families[d] = {rng.Uniform(0, families - 1), rng.Uniform(0, families - 1)};
    department_sites[d] = {rng.Zipf(site_table), rng.Zipf(site_table), rng.Zipf(site_table)};
  }
  auto skill_name = [&](int family, int i) {
    return "skill-" + std::to_string(family) + "-" + std::to_string(i);
  };
  auto pick_skills = [&](int department, int count, int level_low) {
    std::vector<SkillLevel> skills;
    while (static_cast<int>(skills.size()) < count) {
      const double x = rng.Unit();
      const int family = x < 0.45  ? department_families[department][0]
                         : x < 0.8 ? department_families[department][1]
                                   : rng.Uniform(0, families - 1);
      const std::string name = skill_name(family, rng.Uniform(0, o.skills_per_family - 1));
      bool seen = false;
      for (const SkillLevel& s : skills) seen = seen || s.skill == name;
      if (!seen) skills.push_back(SkillLevel{name, rng.Uniform(level_low, kMaxSkillLevel)});
    }
    return skills;
  };
  auto fill_person = [&](PersonAttributes& p, int department, int level, bool mentor) {
    p.level = level;
    p.department = "dept-" + std::to_string(department);
    const SiteInfo& site = kSites[department_sites[department][rng.Uniform(0, 2)]];
    p.site = site.name;
    p.utc_offset_minutes = site.utc_offset_minutes;
    std::vector<int> spoken = {site.language % languages};
    if (rng.Chance(0.75)) spoken.push_back(0);
    if (rng.Chance(0.3)) spoken.push_back(rng.Uniform(0, languages - 1));
    std::sort(spoken.begin(), spoken.end());
    spoken.erase(std::unique(spoken.begin(), spoken.end()), spoken.end());
    for (int l : spoken) p.languages.emplace_back(kLanguageNames[l]);
    p.availability_hours = mentor ? rng.Uniform(4, 20) : rng.Uniform(2, 10);
  };

  in.mentors.resize(o.mentors);
  in.mentees.resize(o.mentees);
  std::vector<Person> people;
  people.reserve(static_cast<size_t>(o.mentors) + o.mentees);
  for (int32_t i = 0; i < o.mentors; ++i) {
    Mentor& m = in.mentors[i];
    m.person.id = "m" + std::to_string(i);
    const int department = rng.Zipf(department_table);
    fill_person(m.person, department, rng.Uniform(4, 10), true);
    m.capacity = rng.Uniform(o.capacity_min, o.capacity_max);
    m.credentialed = rng.Chance(0.7);
    m.skills = pick_skills(department, rng.Uniform(5, 10), 2);
    people.push_back(Person{true, i, department, m.person.level});
  }
  for (int32_t i = 0; i < o.mentees; ++i) {
    Mentee& e = in.mentees[i];
    e.person.id = "e" + std::to_string(i);
    const int department = rng.Zipf(department_table);
    fill_person(e.person, department, rng.Uniform(1, 7), false);
    e.skills = pick_skills(department, rng.Uniform(3, 6), 1);
    people.push_back(Person{false, i, department, e.person.level});
  }

  // Management tree: a CEO, a head per department, and below them the participants, each
  // reporting to someone more senior in the same department, at most 8 deep.
  in.people.push_back(DirectoryPerson{"ceo", ""});
  for (int d = 0; d < departments; ++d) {
    in.people.push_back(DirectoryPerson{"head-" + std::to_string(d), "ceo"});
  }
  std::shuffle(people.begin(), people.end(), rng.engine());
  std::stable_sort(people.begin(), people.end(),
                   [](const Person& a, const Person& b) { return a.level > b.level; });
  struct Placed {
    const std::string* id;
    int depth;
  };
  std::vector<std::vector<Placed>> placed(departments);
  std::vector<size_t> senior_prefix(departments, 0);
  int current_level = -1;
  for (const Person& p : people) {
    if (p.level != current_level) {
      current_level = p.level;
      for (int d = 0; d < departments; ++d) senior_prefix[d] = placed[d].size();
    }
    PersonAttributes& attrs = p.mentor ? in.mentors[p.index].person : in.mentees[p.index].person;
    std::string manager = "head-" + std::to_string(p.department);
    int depth = 2;
    const size_t prefix = senior_prefix[p.department];
    if (prefix > 0 && !rng.Chance(0.1)) {
      for (int attempt = 0; attempt < 4; ++attempt) {
        // Prefer the most recently placed seniors: managers one level up are the common case.
        const size_t window = std::min<size_t>(prefix, 64);
        const Placed& candidate = placed[p.department][prefix - 1 - rng.Uniform(0, window - 1)];
        if (candidate.depth < 7) {
          manager = *candidate.id;
          depth = candidate.depth + 1;
          break;
        }
      }
    }
    attrs.manager = manager;
    placed[p.department].push_back(Placed{&attrs.id, depth});
  }

  // Ranked choices and preferences cluster within a department's skill families.
  std::vector<std::vector<int32_t>> mentors_by_family(families);
  for (int32_t i = 0; i < o.mentors; ++i) {
    const int department = std::stoi(in.mentors[i].person.department.substr(5));  // "dept-N"
    mentors_by_family[department_families[department][0]].push_back(i);
  }
  for (int32_t i = 0; i < o.mentees; ++i) {
    if (o.mentors == 0 || !rng.Chance(o.ranking_mentees)) continue;
    const int department = std::stoi(in.mentees[i].person.department.substr(5));
    const std::vector<int32_t>& pool = mentors_by_family[department_families[department][1]];
    const int count = rng.Uniform(1, 5);
    std::vector<std::string>& ranked = in.mentees[i].ranked_mentors;
    for (int c = 0; c < count; ++c) {
      const int32_t m = pool.empty() ? rng.Uniform(0, o.mentors - 1)
                                     : pool[rng.Uniform(0, static_cast<int>(pool.size()) - 1)];
      const std::string& id = in.mentors[m].person.id;
      if (std::find(ranked.begin(), ranked.end(), id) == ranked.end()) ranked.push_back(id);
    }
  }
  for (int32_t i = 0; i < o.mentors; ++i) {
    if (o.mentees == 0 || !rng.Chance(o.preferring_mentors)) continue;
    const int count = rng.Uniform(1, 3);
    std::vector<std::string>& preferred = in.mentors[i].preferred_mentees;
    for (int c = 0; c < count; ++c) {
      const std::string& id = in.mentees[rng.Uniform(0, o.mentees - 1)].person.id;
      if (std::find(preferred.begin(), preferred.end(), id) == preferred.end()) {
        preferred.push_back(id);
      }
    }
  }
  if (o.mentors > 0 && o.mentees > 0) {
    const auto previous = static_cast<int64_t>(o.previous_pairs_per_mentee * o.mentees);
    for (int64_t i = 0; i < previous; ++i) {
      in.previous_pairs.push_back(PairRef{in.mentees[rng.Uniform(0, o.mentees - 1)].person.id,
                                          in.mentors[rng.Uniform(0, o.mentors - 1)].person.id});
    }
    const auto forbidden = static_cast<int64_t>(o.forbidden_per_mentee * o.mentees);
    for (int64_t i = 0; i < forbidden; ++i) {
      in.forbidden.push_back(PairRef{in.mentees[rng.Uniform(0, o.mentees - 1)].person.id,
                                     in.mentors[rng.Uniform(0, o.mentors - 1)].person.id});
    }
  }
  if (o.typical_rules) {
    in.rules.min_level_gap = 1;
    in.rules.other_department = true;
    in.rules.shared_language = true;
    in.rules.min_timezone_overlap_hours = 2;
    in.rules.not_previously_paired = true;
  }
  return in;
}

}  // namespace pairwise::matching
