#include "domain/demo/demo_organization.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/demo/demo_data.h"
#include "domain/demo/random.h"

namespace pairwise::domain {

namespace {

using demo::DepartmentData;
using demo::Random;
using std::chrono::days;
using std::chrono::sys_days;

constexpr int kMaxDepth = 8;  // the CEO is at depth 1
constexpr int kMinSpan = 3;
constexpr int kMaxSpan = 12;
constexpr int kHistoryDays = 3 * 365 + 1;  // three years
constexpr int kCompanyAgeDays = 22 * 365;
constexpr std::string_view kEmailDomain = "pairwise-demo.example";
constexpr int kExecutiveDepartment = 0;  // Departments()[0]
constexpr int kHeadquarters = 0;         // Sites()[0]

// Years of tenure, 0..20: many recent hires, a long tail.
constexpr std::array kTenureYearWeights = {140, 130, 120, 105, 95, 85, 75, 65, 55, 48, 42,
                                           36,  30,  25,  21,  17, 14, 11, 9,  7,  5};
// Years spent before leaving: leavers are mostly recent hires.
constexpr std::array kLeaverTenureYearWeights = {380, 260, 150, 90, 50, 30, 20, 12, 8};
// Individual contributors' levels 1..7.
constexpr std::array kIcLevelWeights = {90, 220, 290, 250, 90, 45, 15};

enum class Track {
  kIndividual,  // titles from the department's role ladder
  kManager,     // titles from the management ladder
  kFixed,       // an executive title that does not follow a ladder
};

struct Node {
  int parent = -1;
  int depth = 1;
  int department = kExecutiveDepartment;
  int level = 1;
  Track track = Track::kIndividual;
  std::string fixed_title;
  int site = kHeadquarters;
  bool leaver = false;
  int ic_reports = 0;
};

struct Promotion {
  sys_days date;
  int to_level;
};

std::string IcTitle(const DepartmentData& d, int level) {
  const std::string role(d.role);
  switch (level) {
    case 1:
      return "Associate " + role;
    case 2:
      return role;
    case 3:
      return role + " II";
    case 4:
      return "Senior " + role;
    case 5:
      return (d.technical ? "Staff " : "Lead ") + role;
    case 6:
      return "Principal " + role;
    default:
      return (d.technical ? "Distinguished " : "Senior Principal ") + role;
  }
}

std::string ManagerTitle(const DepartmentData& d, int level) {
  if (level <= 4) return IcTitle(d, level);
  switch (level) {
    case 5:
      return std::string(d.manager_title);
    case 6:
      return "Senior " + std::string(d.manager_title);
    case 7:
      return "Director of " + std::string(d.name);
    case 8:
      return "Senior Director of " + std::string(d.name);
    default:
      return "Vice President of " + std::string(d.name);
  }
}

std::string TitleAt(const Node& node, int level) {
  const DepartmentData& d = demo::Departments()[static_cast<std::size_t>(node.department)];
  switch (node.track) {
    case Track::kFixed:
      return node.fixed_title;
    case Track::kManager:
      return ManagerTitle(d, level);
    case Track::kIndividual:
      return IcTitle(d, level);
  }
  return node.fixed_title;
}

// The largest subtree (its root included) that fits in `levels` levels with spans of at most
// kMaxSpan.
int64_t Capacity(int levels) {
  int64_t capacity = 1;
  for (int i = 1; i < levels; ++i) capacity = 1 + kMaxSpan * capacity;
  return capacity;
}

// Splits `total` into parts proportional to `weights` (largest remainders, ties to the first).
std::vector<int64_t> Apportion(int64_t total, const std::vector<int64_t>& weights) {
  int64_t sum = 0;
  for (int64_t w : weights) sum += w;
  std::vector<int64_t> parts(weights.size());
  std::vector<std::pair<int64_t, std::size_t>> remainders;
  int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    parts[i] = total * weights[i] / sum;
    given += parts[i];
    remainders.emplace_back(total * weights[i] % sum, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < total; ++k, ++given) ++parts[remainders[k].second];
  return parts;
}

// Picks indexes with probability proportional to fixed weights in O(log n).
class WeightedPicker {
 public:
  explicit WeightedPicker(const std::vector<int64_t>& weights) {
    int64_t running = 0;
    for (int64_t w : weights) {
      running += w;
      cumulative_.push_back(running);
    }
  }
  bool empty() const { return cumulative_.empty() || cumulative_.back() == 0; }
  std::size_t Pick(Random& random) const {
    const auto target =
        static_cast<int64_t>(random.Below(static_cast<uint64_t>(cumulative_.back())));
    return static_cast<std::size_t>(
        std::upper_bound(cumulative_.begin(), cumulative_.end(), target) - cumulative_.begin());
  }

 private:
  std::vector<int64_t> cumulative_;
};

// ASCII for the e-mail address: "Łukasz" -> "lukasz", "O'Brien" -> "obrien".
std::string EmailPart(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 45> kFolds = {{
      {"á", "a"}, {"à", "a"},  {"â", "a"}, {"ä", "a"}, {"ã", "a"}, {"å", "a"}, {"ą", "a"},
      {"é", "e"}, {"è", "e"},  {"ê", "e"}, {"ë", "e"}, {"ę", "e"}, {"í", "i"}, {"ì", "i"},
      {"î", "i"}, {"ï", "i"},  {"ó", "o"}, {"ò", "o"}, {"ô", "o"}, {"ö", "o"}, {"õ", "o"},
      {"ú", "u"}, {"ù", "u"},  {"û", "u"}, {"ü", "u"}, {"ñ", "n"}, {"ń", "n"}, {"ç", "c"},
      {"ć", "c"}, {"ß", "ss"}, {"ł", "l"}, {"ś", "s"}, {"ź", "z"}, {"ż", "z"}, {"É", "e"},
      {"Ó", "o"}, {"Ł", "l"},  {"Á", "a"}, {"Ś", "s"}, {"Ż", "z"}, {"Ö", "o"}, {"Ü", "u"},
      {"Ä", "a"}, {"Í", "i"},  {"Ú", "u"},
  }};
  std::string out;
  std::size_t i = 0;
  while (i < name.size()) {
    const char c = name[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
      ++i;
      continue;
    }
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [from, to] : kFolds) {
      if (name.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        folded = true;
        break;
      }
    }
    if (!folded) ++i;  // apostrophes, spaces, hyphens, anything else: dropped
  }
  return out;
}

// "C++" -> "cpp", "Identity & Access Management" -> "identity-and-access-management".
std::string SkillCode(std::string_view name) {
  std::string out;
  bool dash = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    std::string piece;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      piece = std::string(1, c);
    } else if (c >= 'A' && c <= 'Z') {
      piece = std::string(1, static_cast<char>(c - 'A' + 'a'));
    } else if (c == '+') {
      piece = "p";
    } else if (c == '#') {
      piece = "sharp";
    } else if (c == '&') {
      piece = "-and-";
    } else {
      piece = "-";
    }
    for (char p : piece) {
      if (p == '-') {
        dash = !out.empty();
        continue;
      }
      if (dash) out += '-';
      dash = false;
      out += p;
    }
  }
  return out;
}

class Generator {
 public:
  explicit Generator(const DemoOptions& options)
      : options_(options),
        random_(options.seed),
        as_of_(sys_days(options.as_of)),
        history_start_(as_of_ - days(kHistoryDays)),
        founded_(as_of_ - days(kCompanyAgeDays)) {
    std::vector<int64_t> site_weights;
    for (const auto& site : demo::Sites()) site_weights.push_back(site.weight);
    site_picker_.emplace(site_weights);
  }

  Directory Run() {
    const int total = options_.people;
    const int leavers = static_cast<int>(static_cast<int64_t>(total) * 3 / 13);
    BuildTree(total - leavers);
    AddLeavers(leavers);
    Directory directory = Describe();
    AddReportingAttributes(directory);
    return directory;
  }

 private:
  // The optional "gender" attribute an HRIS exports for the fairness view: given by 9 in 10
  // people. Its own random stream, so the rest of the demo does not depend on it.
  void AddReportingAttributes(Directory& directory) const {
    Random random(options_.seed ^ 0x67656e646572ULL);
    for (const PersonRecord& p : directory.people) {
      const uint64_t draw = random.Below(1000);
      if (draw >= 900) continue;
      directory.attributes.push_back({p.employee_id, "gender",
                                      draw < 440   ? "woman"
                                      : draw < 880 ? "man"
                                                   : "non-binary"});
    }
  }

  int AddNode(int parent, int department, int level, Track track, int site) {
    Node node;
    node.parent = parent;
    node.depth = parent < 0 ? 1 : nodes_[static_cast<std::size_t>(parent)].depth + 1;
    node.department = department;
    node.level = level;
    node.track = track;
    node.site = site;
    if (parent >= 0) {
      if (track == Track::kIndividual) ++nodes_[static_cast<std::size_t>(parent)].ic_reports;
    }
    nodes_.push_back(std::move(node));
    return static_cast<int>(nodes_.size() - 1);
  }

  int AddFixed(int parent, int department, int level, std::string title, int site) {
    const int id = AddNode(parent, department, level, Track::kFixed, site);
    nodes_[static_cast<std::size_t>(id)].fixed_title = std::move(title);
    return id;
  }

  int RandomSite() { return static_cast<int>(site_picker_->Pick(random_)); }
  int SiteNear(int parent, int stay_per_mille) {
    return random_.Chance(stay_per_mille) ? nodes_[static_cast<std::size_t>(parent)].site
                                          : RandomSite();
  }

  int IcLevel(int manager_level) {
    const int cap = std::min(7, std::max(1, manager_level));
    for (int attempt = 0; attempt < 4; ++attempt) {
      const int level = 1 + static_cast<int>(random_.Weighted(kIcLevelWeights));
      if (level <= cap) return level;
    }
    return cap;
  }

  void AddIndividual(int manager) {
    const Node& m = nodes_[static_cast<std::size_t>(manager)];
    const int level = IcLevel(m.level);
    const int department = m.department;
    AddNode(manager, department, level, Track::kIndividual, SiteNear(manager, 850));
  }

  // Gives `manager` a team of `people` people in total (every level below it), with spans of
  // kMinSpan..kMaxSpan and no one deeper than kMaxDepth.
  void BuildTeam(int manager, int64_t people) {
    const Node& m = nodes_[static_cast<std::size_t>(manager)];
    const int levels_below = kMaxDepth - m.depth;
    if (people <= 0) return;
    if (people <= kMaxSpan || levels_below <= 1) {
      for (int64_t i = 0; i < people; ++i) AddIndividual(manager);
      return;
    }
    const int64_t child_capacity = Capacity(levels_below);
    const int64_t low = std::max<int64_t>(kMinSpan, (people + child_capacity - 1) / child_capacity);
    const int64_t high = std::min<int64_t>(kMaxSpan, people - 3);
    const int64_t span = std::clamp<int64_t>(random_.Between(5, 9), low, std::max(low, high));
    int64_t individuals = std::min<int64_t>(random_.Between(0, 2), span - 1);
    int64_t managers = span - individuals;
    // Each sub-manager needs a team of at least kMinSpan.
    while (managers > 1 && people - individuals < (kMinSpan + 1) * managers) {
      --managers;
      ++individuals;
    }
    while (individuals > 0 && people - individuals > managers * child_capacity) {
      --individuals;
      ++managers;
    }
    std::vector<int64_t> weights;
    for (int64_t i = 0; i < managers; ++i) weights.push_back(random_.Between(60, 140));
    const int64_t minimum = kMinSpan + 1;
    std::vector<int64_t> sizes = Apportion(people - individuals - minimum * managers, weights);
    int64_t overflow = 0;
    for (int64_t& size : sizes) {
      size += minimum;
      if (size > child_capacity) {
        overflow += size - child_capacity;
        size = child_capacity;
      }
    }
    for (int64_t& size : sizes) {
      const int64_t room = std::min(overflow, child_capacity - size);
      size += room;
      overflow -= room;
    }
    individuals += overflow;  // never in practice: the span was chosen so that teams fit

    const int manager_level = m.level;
    const int department = m.department;
    for (int64_t i = 0; i < individuals; ++i) AddIndividual(manager);
    for (int64_t size : sizes) {
      const int64_t team = size - 1;
      int level = team >= 300 ? 7 : team > kMaxSpan ? 6 : 5;
      level = std::max(5, std::min(level, manager_level - 1));
      const int child =
          AddNode(manager, department, level, Track::kManager, SiteNear(manager, 700));
      BuildTeam(child, team);
    }
  }

  // The departments to staff, the executive office aside: all of them for a large enough
  // organization, else one per division in turn.
  std::vector<int> ChooseDepartments(int64_t people) {
    const auto departments = demo::Departments();
    std::vector<std::vector<int>> by_division(demo::Divisions().size());
    for (std::size_t i = 1; i < departments.size(); ++i) {
      by_division[static_cast<std::size_t>(departments[i].division)].push_back(static_cast<int>(i));
    }
    std::vector<int> order;
    for (std::size_t round = 0; order.size() + 1 < departments.size(); ++round) {
      for (const auto& list : by_division) {
        if (round < list.size()) order.push_back(list[round]);
      }
    }
    const int64_t wanted = std::clamp<int64_t>(people / 12, 1, static_cast<int64_t>(order.size()));
    order.resize(static_cast<std::size_t>(wanted));
    std::sort(order.begin(), order.end());
    return order;
  }

  void BuildTree(int headcount) {
    const auto departments = demo::Departments();
    const auto divisions = demo::Divisions();
    const int ceo =
        AddFixed(-1, kExecutiveDepartment, 10, std::string(divisions[0].head_title), kHeadquarters);
    if (headcount >= 60) {
      AddFixed(ceo, kExecutiveDepartment, 8, "Chief of Staff", kHeadquarters);
      AddFixed(ceo, kExecutiveDepartment, 3, "Executive Assistant", kHeadquarters);
    }
    int64_t remaining = headcount - static_cast<int64_t>(nodes_.size());
    std::vector<int> chosen = ChooseDepartments(remaining);
    std::vector<int> division_heads(divisions.size(), -1);
    for (int d : chosen) {
      const auto division =
          static_cast<std::size_t>(departments[static_cast<std::size_t>(d)].division);
      if (division_heads[division] >= 0) continue;
      division_heads[division] =
          AddFixed(ceo, kExecutiveDepartment, 9, std::string(divisions[division].head_title),
                   random_.Chance(700) ? kHeadquarters : RandomSite());
      --remaining;
    }
    std::vector<int64_t> weights;
    for (int d : chosen) weights.push_back(departments[static_cast<std::size_t>(d)].weight);
    const int64_t minimum = kMinSpan + 1;
    std::vector<int64_t> sizes = Apportion(
        std::max<int64_t>(0, remaining - minimum * static_cast<int64_t>(chosen.size())), weights);
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const int d = chosen[i];
      const int64_t size = sizes[i] + minimum;
      const auto division =
          static_cast<std::size_t>(departments[static_cast<std::size_t>(d)].division);
      const int head =
          AddNode(division_heads[division], d, size >= 800 ? 8 : 7, Track::kManager, RandomSite());
      BuildTeam(head, size - 1);
    }
  }

  void AddLeavers(int count) {
    // They reported to first-line managers, in proportion to those managers' teams.
    std::vector<int64_t> weights;
    for (const Node& n : nodes_) weights.push_back(n.track == Track::kManager ? n.ic_reports : 0);
    const WeightedPicker picker(weights);
    if (picker.empty()) return;
    for (int i = 0; i < count; ++i) {
      const int manager = static_cast<int>(picker.Pick(random_));
      const Node& m = nodes_[static_cast<std::size_t>(manager)];
      const int level = IcLevel(m.level);
      const int department = m.department;
      const int id =
          AddNode(manager, department, level, Track::kIndividual, SiteNear(manager, 850));
      nodes_[static_cast<std::size_t>(id)].leaver = true;
      --nodes_[static_cast<std::size_t>(manager)].ic_reports;  // former reports do not count
    }
  }

  int TenureDays(const Node& node) {
    if (node.level >= 10) return kCompanyAgeDays;  // a founder
    int years = static_cast<int>(random_.Weighted(kTenureYearWeights));
    if (node.level >= 6) years += random_.Between(0, (node.level - 5) * 2);
    // No one stays long at the bottom of the ladder.
    if (node.level <= 5) years = std::min(years, node.level * 3 - 2);
    return years * 365 + random_.Between(0, 364);
  }

  // Promotions in the history window, newest first while drawing; returns them oldest first.
  std::vector<Promotion> Promotions(const Node& node, sys_days hire, sys_days end) {
    std::vector<Promotion> promotions;
    if (node.track == Track::kFixed) return promotions;
    int level = node.level;
    std::optional<sys_days> last;
    const auto start_year = static_cast<int>(std::chrono::year_month_day(end).year());
    for (int year = start_year; year >= start_year - 4; --year) {
      for (unsigned month : {9u, 3u}) {
        const sys_days review{std::chrono::year(year) / std::chrono::month(month) / 1};
        if (review > end || review <= history_start_) continue;
        if (review < hire + days(180) || level <= 1 || level >= 9) continue;
        if (last && *last - review < days(365)) continue;
        const int per_mille = level <= 3 ? 120 : level <= 5 ? 70 : 35;
        if (!random_.Chance(per_mille)) continue;
        promotions.push_back({review, level});
        --level;
        last = review;
      }
    }
    std::reverse(promotions.begin(), promotions.end());
    return promotions;
  }

  std::vector<std::string> Languages(const demo::SiteData& site, std::string_view own, int level) {
    std::vector<std::string> languages{std::string(own)};
    auto add = [&](std::string_view code) {
      if (std::find(languages.begin(), languages.end(), code) == languages.end()) {
        languages.emplace_back(code);
      }
    };
    if (site.language != own && random_.Chance(800)) add(site.language);
    if (random_.Chance(std::min(950, 700 + 30 * level))) add("en");
    if (random_.Chance(80)) add(random_.Pick(demo::ExtraLanguages()));
    return languages;
  }

  Directory Describe() {
    const auto departments = demo::Departments();
    const auto divisions = demo::Divisions();
    const auto sites = demo::Sites();
    const auto cultures = demo::Cultures();

    struct Detail {
      PersonRecord record;
      std::vector<Promotion> promotions;
      int hire_level = 1;
      std::optional<PersonEvent> title_change;
    };
    std::vector<Detail> details(nodes_.size());
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& node = nodes_[i];
      const demo::SiteData& site = sites[static_cast<std::size_t>(node.site)];
      const std::size_t culture_index = random_.Chance(site.local_per_mille)
                                            ? static_cast<std::size_t>(site.culture)
                                            : random_.Below(cultures.size());
      const demo::CultureData& culture = cultures[culture_index];
      PersonRecord& p = details[i].record;
      p.first_name = std::string(random_.Pick(culture.first_names));
      p.last_name = std::string(random_.Pick(culture.last_names));
      p.department = std::string(departments[static_cast<std::size_t>(node.department)].code);
      p.site = std::string(site.code);
      p.time_zone = std::string(site.time_zone);
      if (!node.leaver && node.track != Track::kFixed && random_.Chance(30)) {
        p.time_zone = std::string(random_.Pick(demo::RemoteTimeZones()));  // works remotely
      }
      p.level = node.level;
      p.job_title = TitleAt(node, node.level);
      p.languages = Languages(site, culture.language, node.level);

      sys_days end = as_of_;
      sys_days hire;
      if (node.leaver) {
        end = history_start_ + days(random_.Between(1, kHistoryDays));
        const int years = static_cast<int>(random_.Weighted(kLeaverTenureYearWeights));
        hire = end - days(std::max(60, years * 365 + random_.Between(0, 364)));
        p.status = EmploymentStatus::kLeft;
        p.left_date = Date(end);
      } else {
        hire = as_of_ - days(TenureDays(node));
        if (node.level < 9 && random_.Chance(20)) p.status = EmploymentStatus::kLeave;
      }
      hire = std::max(hire, founded_);
      p.hire_date = Date(hire);
      details[i].promotions = Promotions(node, hire, end);
      details[i].hire_level = node.level - static_cast<int>(details[i].promotions.size());

      // A few people changed title without a promotion: a move from a sister department.
      const auto& department = departments[static_cast<std::size_t>(node.department)];
      if (!node.leaver && node.track != Track::kFixed && details[i].promotions.empty() &&
          random_.Chance(30)) {
        std::vector<int> sisters;
        for (std::size_t d = 1; d < departments.size(); ++d) {
          if (departments[d].division == department.division &&
              static_cast<int>(d) != node.department) {
            sisters.push_back(static_cast<int>(d));
          }
        }
        const sys_days from = std::max(hire + days(30), history_start_ + days(1));
        if (!sisters.empty() && from < as_of_) {
          Node moved = node;
          moved.department = sisters[random_.Below(sisters.size())];
          PersonEvent e;
          e.kind = PersonEventKind::kTitleChange;
          e.date = Date(from + days(random_.Below(static_cast<uint64_t>((as_of_ - from).count()))));
          e.from_title = TitleAt(moved, node.level);
          e.to_title = p.job_title;
          details[i].title_change = e;
        }
      }
    }

    // Employee ids follow hiring order, as HR systems number them.
    std::vector<std::size_t> order(nodes_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return sys_days(details[a].record.hire_date) < sys_days(details[b].record.hire_date);
    });
    const int width = std::max<int>(6, static_cast<int>(std::to_string(nodes_.size()).size()));
    std::vector<std::string> employee_ids(nodes_.size());
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      std::string number = std::to_string(rank + 1);
      number.insert(0, static_cast<std::size_t>(width) - number.size(), '0');
      employee_ids[order[rank]] = "E" + number;
      details[order[rank]].record.employee_id = employee_ids[order[rank]];
    }

    Directory directory;
    for (const auto& d : departments) {
      directory.departments.push_back(
          {std::string(d.code), std::string(d.name),
           std::string(divisions[static_cast<std::size_t>(d.division)].name)});
    }
    for (const auto& s : sites) {
      directory.sites.push_back({std::string(s.code), std::string(s.name), std::string(s.country),
                                 std::string(s.time_zone)});
    }
    for (const auto& family : demo::SkillFamilies()) {
      for (std::string_view skill : family.skills) {
        directory.skills.push_back(
            {SkillCode(skill), std::string(skill), std::string(family.family)});
      }
    }

    std::unordered_map<std::string, int> email_uses;
    directory.people.reserve(nodes_.size());
    for (std::size_t i : order) {
      const Node& node = nodes_[i];
      Detail& detail = details[i];
      PersonRecord& p = detail.record;
      if (node.parent >= 0) {
        p.manager_employee_id = employee_ids[static_cast<std::size_t>(node.parent)];
      }
      const std::string base = EmailPart(p.first_name) + "." + EmailPart(p.last_name);
      const int use = ++email_uses[base];
      p.email = base + (use > 1 ? "+" + std::to_string(use) : "") + "@" + std::string(kEmailDomain);

      const sys_days hire(p.hire_date);
      if (hire > history_start_) {
        PersonEvent e;
        e.employee_id = p.employee_id;
        e.kind = PersonEventKind::kHire;
        e.date = p.hire_date;
        e.to_level = detail.hire_level;
        e.to_title = TitleAt(node, detail.hire_level);
        directory.events.push_back(std::move(e));
      }
      for (const Promotion& promotion : detail.promotions) {
        PersonEvent e;
        e.employee_id = p.employee_id;
        e.kind = PersonEventKind::kPromotion;
        e.date = Date(promotion.date);
        e.from_level = promotion.to_level - 1;
        e.to_level = promotion.to_level;
        e.from_title = TitleAt(node, promotion.to_level - 1);
        e.to_title = TitleAt(node, promotion.to_level);
        directory.events.push_back(std::move(e));
      }
      if (detail.title_change) {
        detail.title_change->employee_id = p.employee_id;
        directory.events.push_back(std::move(*detail.title_change));
      }
      if (p.left_date) {
        PersonEvent e;
        e.employee_id = p.employee_id;
        e.kind = PersonEventKind::kExit;
        e.date = *p.left_date;
        e.from_level = p.level;
        e.from_title = p.job_title;
        directory.events.push_back(std::move(e));
      }
      directory.people.push_back(std::move(p));
    }
    return directory;
  }

  const DemoOptions& options_;
  Random random_;
  sys_days as_of_;
  sys_days history_start_;
  sys_days founded_;
  std::optional<WeightedPicker> site_picker_;
  std::vector<Node> nodes_;
};

}  // namespace

Result<Directory> GenerateDemoOrganization(const DemoOptions& options) {
  if (options.people < kMinDemoPeople || options.people > kMaxDemoPeople) {
    return Status::InvalidArgument("the demo organization takes " + std::to_string(kMinDemoPeople) +
                                       " to " + std::to_string(kMaxDemoPeople) + " people",
                                   "people");
  }
  if (!options.as_of.ok() || options.as_of.year() < std::chrono::year(1990) ||
      options.as_of.year() > std::chrono::year(2100)) {
    return Status::InvalidArgument("as_of must be a date between 1990 and 2100", "as_of");
  }
  return Generator(options).Run();
}

Result<DemoSummary> LoadDemoOrganization(PeopleService& service, const DemoOptions& options) {
  Result<Directory> directory = GenerateDemoOrganization(options);
  if (!directory.ok()) return directory.status();
  PAIRWISE_RETURN_IF_ERROR(service.LoadDirectory(*directory));
  DemoSummary summary;
  summary.people = static_cast<int64_t>(directory->people.size());
  summary.departments = static_cast<int64_t>(directory->departments.size());
  summary.sites = static_cast<int64_t>(directory->sites.size());
  summary.skills = static_cast<int64_t>(directory->skills.size());
  summary.events = static_cast<int64_t>(directory->events.size());
  return summary;
}

}  // namespace pairwise::domain
