#include "matching/model.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "matching/scoring.h"

namespace pairwise::matching::internal {
namespace {

std::string Path(std::string_view array, size_t index, std::string_view field = {}) {
  std::string path(array);
  path += '[';
  path += std::to_string(index);
  path += ']';
  if (!field.empty()) {
    path += '.';
    path += field;
  }
  return path;
}

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  out += text;
  out += '"';
  return out;
}

// "mentee \"e7\"", or "mentees[6]" when the record has no id yet.
std::string RecordName(std::string_view role, std::string_view array, size_t index,
                       const std::string& id) {
  if (id.empty()) return Path(array, index);
  return std::string(role) + " " + Quoted(id);
}

Status RangeError(const std::string& record, const std::string& field, std::string_view what,
                  int64_t low, int64_t high, int64_t got) {
  return Status::InvalidArgument(record + ": " + std::string(what) + " must be between " +
                                     std::to_string(low) + " and " + std::to_string(high) +
                                     ", got " + std::to_string(got),
                                 field);
}

Status CheckRange(const std::string& record, const std::string& field, std::string_view what,
                  int64_t value, int64_t low, int64_t high) {
  if (value < low || value > high) return RangeError(record, field, what, low, high, value);
  return Status::Ok();
}

enum class Role { kMentor, kMentee, kPerson };

struct NodeRef {
  Role role;
  int32_t index;
};

// Interns strings to dense ids.
class Interner {
 public:
  int32_t Intern(const std::string& text) {
    auto [it, inserted] = ids_.try_emplace(text, static_cast<int32_t>(names_.size()));
    if (inserted) names_.push_back(text);
    return it->second;
  }
  int32_t Find(const std::string& text) const {
    auto it = ids_.find(text);
    return it == ids_.end() ? -1 : it->second;
  }
  std::vector<std::string> TakeNames() { return std::move(names_); }
  size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, int32_t> ids_;
  std::vector<std::string> names_;
};

// Ids to indexes for the look-ups of an explicit pair list (millions of them): open
// addressing over one contiguous copy of the ids, so that a look-up reads one slot and a few
// bytes of a small buffer. Through the hash map of every id each look-up missed the cache
// twice (its node, then the person's record holding the key), and those look-ups were the
// largest cost of preparing 3,000,000 pairs.
class FlatIdIndex {
 public:
  // Indexes id_of(0) .. id_of(count - 1) (distinct).
  template <typename IdOf>
  void Build(size_t count, IdOf id_of) {
    size_t capacity = 16;
    while (capacity < 2 * count) capacity *= 2;
    mask_ = capacity - 1;
    slots_.assign(capacity, Slot{});
    chars_.clear();
    for (size_t i = 0; i < count; ++i) {
      const std::string_view id = id_of(i);
      const size_t hash = std::hash<std::string_view>{}(id);
      size_t at = hash & mask_;
      while (slots_[at].tag != 0) at = (at + 1) & mask_;
      slots_[at] =
          Slot{Tag(hash), static_cast<int32_t>(i), static_cast<uint32_t>(id.size()), chars_.size()};
      chars_ += id;
    }
  }

  // The index of `id`, or -1.
  int32_t Find(std::string_view id) const {
    const size_t hash = std::hash<std::string_view>{}(id);
    const uint32_t tag = Tag(hash);
    for (size_t at = hash & mask_;; at = (at + 1) & mask_) {
      const Slot& slot = slots_[at];
      if (slot.tag == 0) return -1;
      if (slot.tag == tag && slot.length == id.size() &&
          std::memcmp(chars_.data() + slot.offset, id.data(), id.size()) == 0) {
        return slot.index;
      }
    }
  }

 private:
  struct Slot {
    uint32_t tag = 0;  // 0: empty
    int32_t index = 0;
    uint32_t length = 0;
    size_t offset = 0;  // in chars_
  };
  static uint32_t Tag(size_t hash) { return static_cast<uint32_t>(hash >> 32) | 1u; }

  std::vector<Slot> slots_{Slot{}};  // never full: Find ends at an empty slot
  std::string chars_;
  size_t mask_ = 0;
};

constexpr std::ptrdiff_t kInsertionSortLimit = 64;

// Groups (row, entry) items into rows, keeping the given order within a row (stable).
SparseRows MakeRows(int32_t row_count, const std::vector<std::pair<int32_t, MentorEntry>>& items,
                    bool sort_by_mentor) {
  SparseRows rows;
  rows.offset.assign(static_cast<size_t>(row_count) + 1, 0);
  for (const auto& [row, entry] : items) ++rows.offset[row + 1];
  for (int32_t r = 0; r < row_count; ++r) rows.offset[r + 1] += rows.offset[r];
  rows.items.resize(items.size());
  std::vector<int32_t> cursor(rows.offset.begin(), rows.offset.end() - 1);
  for (const auto& [row, entry] : items) rows.items[cursor[row]++] = entry;
  if (sort_by_mentor) {
    const auto by_mentor = [](const MentorEntry& a, const MentorEntry& b) {
      return a.mentor < b.mentor;
    };
    for (int32_t r = 0; r < row_count; ++r) {
      MentorEntry* first = rows.items.data() + rows.offset[r];
      MentorEntry* last = rows.items.data() + rows.offset[r + 1];
      if (last - first > kInsertionSortLimit) {
        std::stable_sort(first, last, by_mentor);  // allocates a buffer per call
        continue;
      }
      // Rows are short (an explicit list of 30 pairs per mentee): an insertion sort, stable
      // too, without stable_sort's buffer per row (100,000 allocations).
      for (MentorEntry* it = first; it < last; ++it) {
        const MentorEntry entry = *it;
        MentorEntry* hole = it;
        for (; hole != first && by_mentor(entry, *(hole - 1)); --hole) *hole = *(hole - 1);
        *hole = entry;
      }
    }
  }
  return rows;
}

class ModelBuilder {
 public:
  explicit ModelBuilder(Model& model) : model_(model), in_(model.instance) {}

  Status Build() {
    PAIRWISE_RETURN_IF_ERROR(CheckSettings());
    PAIRWISE_RETURN_IF_ERROR(IndexIds());
    PAIRWISE_RETURN_IF_ERROR(CheckPeople());
    PAIRWISE_RETURN_IF_ERROR(FlattenChains());
    PAIRWISE_RETURN_IF_ERROR(BuildColumns());
    PAIRWISE_RETURN_IF_ERROR(BuildSparseRows());
    PAIRWISE_RETURN_IF_ERROR(BuildExplicitPairs());
    return CheckPins();
  }

 private:
  Status CheckSettings() {
    const Rules& r = in_.rules;
    if (r.min_level_gap) {
      PAIRWISE_RETURN_IF_ERROR(CheckRange("rules", "rules.min_level_gap", "min_level_gap",
                                          *r.min_level_gap, -kMaxLevel, kMaxLevel));
    }
    PAIRWISE_RETURN_IF_ERROR(CheckRange("rules", "rules.workday_start_hour", "workday_start_hour",
                                        r.workday_start_hour, 0, 23));
    PAIRWISE_RETURN_IF_ERROR(CheckRange("rules", "rules.workday_end_hour", "workday_end_hour",
                                        r.workday_end_hour, r.workday_start_hour + 1,
                                        r.workday_start_hour + 12));
    const int workday_hours = r.workday_end_hour - r.workday_start_hour;
    if (r.min_timezone_overlap_hours) {
      PAIRWISE_RETURN_IF_ERROR(CheckRange("rules", "rules.min_timezone_overlap_hours",
                                          "min_timezone_overlap_hours",
                                          *r.min_timezone_overlap_hours, 0, workday_hours));
    }
    if (r.groups) {
      PAIRWISE_RETURN_IF_ERROR(CheckRange("rules", "rules.groups.min_size", "groups.min_size",
                                          r.groups->min_size, 1, kMaxCapacity));
      PAIRWISE_RETURN_IF_ERROR(CheckRange("rules", "rules.groups.max_size", "groups.max_size",
                                          r.groups->max_size, r.groups->min_size, kMaxCapacity));
      if (in_.objective == Objective::kFairness) {
        return Status::InvalidArgument(
            "objective: fairness is not available for group programs (use total or coverage)",
            "objective");
      }
    }
    const Scoring& s = in_.scoring;
    for (Criterion c : kAllCriteria) {
      const std::string name(CriterionName(c));
      PAIRWISE_RETURN_IF_ERROR(CheckRange("scoring", "weights." + name, "weight of " + name,
                                          s.Weight(c), 0, kMaxWeight));
    }
    PAIRWISE_RETURN_IF_ERROR(CheckRange("scoring", "scoring.target_level_gap", "target_level_gap",
                                        s.target_level_gap, -kMaxLevel, kMaxLevel));
    PAIRWISE_RETURN_IF_ERROR(CheckRange("scoring", "scoring.level_gap_step", "level_gap_step",
                                        s.level_gap_step, 0, 100));

    Model& m = model_;
    m.explicit_pairs = in_.pairs.has_value();
    // In explicit mode the list replaces every rule but the management chain and forbids.
    const bool rules_apply = !m.explicit_pairs;
    m.rule_level_gap = rules_apply && r.min_level_gap.has_value();
    m.min_level_gap = r.min_level_gap.value_or(0);
    m.rule_other_department = rules_apply && r.other_department;
    m.rule_shared_language = rules_apply && r.shared_language;
    m.workday_minutes = workday_hours * 60;
    m.rule_timezone = rules_apply && r.min_timezone_overlap_hours.has_value();
    // Overlap is max(0, workday - distance): asking for 0 hours excludes nobody.
    const int overlap_minutes = r.min_timezone_overlap_hours.value_or(0) * 60;
    m.max_timezone_distance = overlap_minutes == 0 ? 1440 : m.workday_minutes - overlap_minutes;
    m.rule_credentialed = rules_apply && r.credentialed_only;
    m.rule_not_previous = rules_apply && r.not_previously_paired;
    m.groups = r.groups.has_value();
    if (m.groups) {
      m.group_min = r.groups->min_size;
      m.group_max = r.groups->max_size;
    }
    for (int i = 0; i < kCriterionCount; ++i) m.weight[i] = s.weight[i];
    m.target_level_gap = s.target_level_gap;
    m.level_gap_step = s.level_gap_step;
    m.department_same = s.department == Affinity::kSame;
    m.site_same = s.site == Affinity::kSame;
    int64_t max_score = 0;
    for (int w : s.weight) max_score += int64_t{w} * 100;
    m.max_pair_score = max_score;
    return Status::Ok();
  }

  Status AddId(const std::string& id, Role role, int32_t index, std::string_view array) {
    const std::string field = Path(array, index, "id");
    if (id.empty()) {
      return Status::InvalidArgument(Path(array, index) + ": id is missing or empty", field);
    }
    auto [it, inserted] = ids_.try_emplace(id, NodeRef{role, index});
    if (!inserted) {
      return Status::InvalidArgument(Path(array, index) + ": duplicate id " + Quoted(id) +
                                         " (ids must be unique across mentors, mentees and "
                                         "people)",
                                     field);
    }
    return Status::Ok();
  }

  Status IndexIds() {
    for (size_t i = 0; i < in_.mentors.size(); ++i) {
      PAIRWISE_RETURN_IF_ERROR(
          AddId(in_.mentors[i].person.id, Role::kMentor, static_cast<int32_t>(i), "mentors"));
    }
    for (size_t i = 0; i < in_.mentees.size(); ++i) {
      PAIRWISE_RETURN_IF_ERROR(
          AddId(in_.mentees[i].person.id, Role::kMentee, static_cast<int32_t>(i), "mentees"));
    }
    for (size_t i = 0; i < in_.people.size(); ++i) {
      PAIRWISE_RETURN_IF_ERROR(
          AddId(in_.people[i].id, Role::kPerson, static_cast<int32_t>(i), "people"));
    }
    model_.mentor_by_id.reserve(in_.mentors.size());
    model_.mentee_by_id.reserve(in_.mentees.size());
    for (size_t i = 0; i < in_.mentors.size(); ++i) {
      model_.mentor_by_id.emplace(in_.mentors[i].person.id, static_cast<int32_t>(i));
    }
    for (size_t i = 0; i < in_.mentees.size(); ++i) {
      model_.mentee_by_id.emplace(in_.mentees[i].person.id, static_cast<int32_t>(i));
    }
    return Status::Ok();
  }

  Status CheckSkills(const std::vector<SkillLevel>& skills, const std::string& record,
                     const std::string& base) {
    if (skills.size() > static_cast<size_t>(kMaxSkillsPerPerson)) {
      return Status::InvalidArgument(record + ": at most " + std::to_string(kMaxSkillsPerPerson) +
                                         " skills, got " + std::to_string(skills.size()),
                                     base + ".skills");
    }
    for (size_t j = 0; j < skills.size(); ++j) {
      const std::string field = base + ".skills[" + std::to_string(j) + "]";
      if (skills[j].skill.empty()) {
        return Status::InvalidArgument(record + ": skill name is empty", field + ".skill");
      }
      PAIRWISE_RETURN_IF_ERROR(CheckRange(record, field + ".level", "skill level", skills[j].level,
                                          kMinSkillLevel, kMaxSkillLevel));
      for (size_t k = 0; k < j; ++k) {
        if (skills[k].skill == skills[j].skill) {
          return Status::InvalidArgument(
              record + ": skill " + Quoted(skills[j].skill) + " is listed twice", field + ".skill");
        }
      }
    }
    return Status::Ok();
  }

  Status CheckPerson(const PersonAttributes& p, const std::string& record,
                     const std::string& base) {
    PAIRWISE_RETURN_IF_ERROR(CheckRange(record, base + ".level", "level", p.level, 0, kMaxLevel));
    PAIRWISE_RETURN_IF_ERROR(CheckRange(record, base + ".utc_offset_minutes", "utc_offset_minutes",
                                        p.utc_offset_minutes, kMinUtcOffsetMinutes,
                                        kMaxUtcOffsetMinutes));
    PAIRWISE_RETURN_IF_ERROR(CheckRange(record, base + ".availability_hours", "availability_hours",
                                        p.availability_hours, 0, kMaxAvailabilityHours));
    for (size_t j = 0; j < p.languages.size(); ++j) {
      if (p.languages[j].empty()) {
        return Status::InvalidArgument(record + ": language is empty",
                                       base + ".languages[" + std::to_string(j) + "]");
      }
    }
    return CheckManager(p.manager, p.id, record, base + ".manager");
  }

  Status CheckManager(const std::string& manager, const std::string& id, const std::string& record,
                      const std::string& field) {
    if (manager.empty()) return Status::Ok();
    if (manager == id) {
      return Status::InvalidArgument(record + ": is their own manager", field);
    }
    if (!ids_.count(manager)) {
      return Status::InvalidArgument(
          record + ": manager " + Quoted(manager) +
              " is not a known person (list managers outside the program under \"people\")",
          field);
    }
    return Status::Ok();
  }

  Status CheckPeople() {
    for (size_t i = 0; i < in_.mentors.size(); ++i) {
      const Mentor& mentor = in_.mentors[i];
      const std::string record = RecordName("mentor", "mentors", i, mentor.person.id);
      const std::string base = Path("mentors", i);
      PAIRWISE_RETURN_IF_ERROR(CheckPerson(mentor.person, record, base));
      PAIRWISE_RETURN_IF_ERROR(
          CheckRange(record, base + ".capacity", "capacity", mentor.capacity, 0, kMaxCapacity));
      PAIRWISE_RETURN_IF_ERROR(CheckSkills(mentor.skills, record, base));
      for (size_t j = 0; j < mentor.preferred_mentees.size(); ++j) {
        const std::string field = base + ".preferred_mentees[" + std::to_string(j) + "]";
        const std::string& id = mentor.preferred_mentees[j];
        auto it = ids_.find(id);
        if (it == ids_.end() || it->second.role != Role::kMentee) {
          return Status::InvalidArgument(
              record + ": preferred mentee " + Quoted(id) + " is not a mentee of this program",
              field);
        }
        for (size_t k = 0; k < j; ++k) {
          if (mentor.preferred_mentees[k] == id) {
            return Status::InvalidArgument(
                record + ": preferred mentee " + Quoted(id) + " is listed twice", field);
          }
        }
      }
    }
    for (size_t i = 0; i < in_.mentees.size(); ++i) {
      const Mentee& mentee = in_.mentees[i];
      const std::string record = RecordName("mentee", "mentees", i, mentee.person.id);
      const std::string base = Path("mentees", i);
      PAIRWISE_RETURN_IF_ERROR(CheckPerson(mentee.person, record, base));
      PAIRWISE_RETURN_IF_ERROR(CheckSkills(mentee.skills, record, base));
      for (size_t j = 0; j < mentee.ranked_mentors.size(); ++j) {
        const std::string field = base + ".ranked_mentors[" + std::to_string(j) + "]";
        const std::string& id = mentee.ranked_mentors[j];
        auto it = ids_.find(id);
        if (it == ids_.end() || it->second.role != Role::kMentor) {
          return Status::InvalidArgument(
              record + ": ranked mentor " + Quoted(id) + " is not a mentor of this program", field);
        }
        for (size_t k = 0; k < j; ++k) {
          if (mentee.ranked_mentors[k] == id) {
            return Status::InvalidArgument(record + ": mentor " + Quoted(id) + " is ranked twice",
                                           field);
          }
        }
      }
    }
    for (size_t i = 0; i < in_.people.size(); ++i) {
      const DirectoryPerson& person = in_.people[i];
      PAIRWISE_RETURN_IF_ERROR(CheckManager(person.manager, person.id,
                                            RecordName("person", "people", i, person.id),
                                            Path("people", i, "manager")));
    }
    return Status::Ok();
  }

  // Node numbering for the management forest: mentors, then mentees, then people.
  int32_t NodeOf(const NodeRef& ref) const {
    const auto mentors = static_cast<int32_t>(in_.mentors.size());
    const auto mentees = static_cast<int32_t>(in_.mentees.size());
    switch (ref.role) {
      case Role::kMentor:
        return ref.index;
      case Role::kMentee:
        return mentors + ref.index;
      case Role::kPerson:
        return mentors + mentees + ref.index;
    }
    return 0;
  }

  Status FlattenChains() {
    const auto mentors = static_cast<int32_t>(in_.mentors.size());
    const auto mentees = static_cast<int32_t>(in_.mentees.size());
    const auto n = static_cast<int32_t>(mentors + mentees + in_.people.size());
    std::vector<int32_t> parent(n, -1);
    auto manager_of = [&](int32_t node) -> const std::string& {
      if (node < mentors) return in_.mentors[node].person.manager;
      if (node < mentors + mentees) return in_.mentees[node - mentors].person.manager;
      return in_.people[node - mentors - mentees].manager;
    };
    for (int32_t v = 0; v < n; ++v) {
      const std::string& manager = manager_of(v);
      if (!manager.empty()) parent[v] = NodeOf(ids_.at(manager));
    }
    std::vector<int32_t> child_offset(n + 1, 0);
    for (int32_t v = 0; v < n; ++v) {
      if (parent[v] >= 0) ++child_offset[parent[v] + 1];
    }
    for (int32_t v = 0; v < n; ++v) child_offset[v + 1] += child_offset[v];
    std::vector<int32_t> children(child_offset[n]);
    {
      std::vector<int32_t> cursor(child_offset.begin(), child_offset.end() - 1);
      for (int32_t v = 0; v < n; ++v) {
        if (parent[v] >= 0) children[cursor[parent[v]]++] = v;
      }
    }
    std::vector<int32_t> tin(n, -1), tout(n, -1);
    int32_t clock = 0;
    std::vector<std::pair<int32_t, int32_t>> stack;  // (node, next child position)
    for (int32_t root = 0; root < n; ++root) {
      if (parent[root] >= 0) continue;
      tin[root] = clock++;
      stack.emplace_back(root, child_offset[root]);
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next < child_offset[node + 1]) {
          const int32_t child = children[next++];
          tin[child] = clock++;
          stack.emplace_back(child, child_offset[child]);
        } else {
          tout[node] = clock;
          stack.pop_back();
        }
      }
    }
    for (int32_t v = 0; v < n; ++v) {
      if (tin[v] >= 0) continue;
      // Not reachable from a top of a chain: v is on, or below, a cycle.
      std::string record;
      std::string field;
      if (v < mentors) {
        record = RecordName("mentor", "mentors", v, in_.mentors[v].person.id);
        field = Path("mentors", v, "manager");
      } else if (v < mentors + mentees) {
        record = RecordName("mentee", "mentees", v - mentors, in_.mentees[v - mentors].person.id);
        field = Path("mentees", v - mentors, "manager");
      } else {
        const int32_t i = v - mentors - mentees;
        record = RecordName("person", "people", i, in_.people[i].id);
        field = Path("people", i, "manager");
      }
      return Status::InvalidArgument(
          record + ": the management chain above this person loops back on itself", field);
    }
    Model& m = model_;
    m.mentor_count = mentors;
    m.mentee_count = mentees;
    m.mentor_stride =
        std::max<int32_t>(kMentorPad, (mentors + kMentorPad - 1) / kMentorPad * kMentorPad);
    m.mentor_tin.assign(m.mentor_stride, 0);
    m.mentor_tout.assign(m.mentor_stride, 0);
    for (int32_t i = 0; i < mentors; ++i) {
      m.mentor_tin[i] = tin[i];
      m.mentor_tout[i] = tout[i];
    }
    m.mentee_tin.resize(mentees);
    m.mentee_tout.resize(mentees);
    for (int32_t i = 0; i < mentees; ++i) {
      m.mentee_tin[i] = tin[mentors + i];
      m.mentee_tout[i] = tout[mentors + i];
    }
    return Status::Ok();
  }

  // Interned id, or a unique negative id for an unknown (empty) value so that it equals
  // nobody else's.
  static int32_t InternOrUnique(Interner& interner, const std::string& text, int32_t& unique) {
    if (text.empty()) return --unique;
    return interner.Intern(text);
  }

  std::vector<int32_t> Languages(const std::vector<std::string>& names) {
    std::vector<int32_t> ids;
    ids.reserve(names.size());
    for (const std::string& name : names) ids.push_back(languages_.Intern(name));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }

  static void Mask(const std::vector<int32_t>& ids, int32_t& lo, int32_t& hi) {
    uint32_t l = 0;
    uint32_t h = 0;
    for (int32_t id : ids) {
      if (id < 32) {
        l |= 1u << id;
      } else if (id < 64) {
        h |= 1u << (id - 32);
      }
    }
    lo = static_cast<int32_t>(l);
    hi = static_cast<int32_t>(h);
  }

  Status BuildColumns() {
    Model& m = model_;
    const int32_t stride = m.mentor_stride;
    const bool reverse = in_.rules.reverse_mentoring;
    Interner departments, sites;
    int32_t unique = 0;
    m.mentor_signed_level.assign(stride, 0);
    m.mentor_department.assign(stride, 0);
    m.mentor_site.assign(stride, 0);
    m.mentor_utc.assign(stride, 0);
    m.mentor_hours_per_mentee.assign(stride, 0);
    m.mentor_lang_lo.assign(stride, 0);
    m.mentor_lang_hi.assign(stride, 0);
    m.mentor_open.assign(stride, 0);
    m.mentor_capacity.assign(m.mentor_count, 0);
    m.mentor_credentialed.assign(stride, 0);
    m.mentor_languages.resize(m.mentor_count);
    for (int32_t i = 0; i < m.mentor_count; ++i) {
      const Mentor& mentor = in_.mentors[i];
      const PersonAttributes& p = mentor.person;
      m.mentor_signed_level[i] = reverse ? -p.level : p.level;
      m.mentor_department[i] = InternOrUnique(departments, p.department, unique);
      m.mentor_site[i] = InternOrUnique(sites, p.site, unique);
      m.mentor_utc[i] = p.utc_offset_minutes;
      m.mentor_capacity[i] = m.groups ? std::min(mentor.capacity, m.group_max) : mentor.capacity;
      // A group meets together, so the mentor's hours are not split between its members.
      m.mentor_hours_per_mentee[i] = (m.groups || mentor.capacity <= 1)
                                         ? p.availability_hours
                                         : p.availability_hours / mentor.capacity;
      m.mentor_languages[i] = Languages(p.languages);
      m.mentor_credentialed[i] = mentor.credentialed ? 1 : 0;
      m.mentor_open[i] = (!m.rule_credentialed || mentor.credentialed) ? 1 : 0;
    }
    m.mentee_signed_level.resize(m.mentee_count);
    m.mentee_department.resize(m.mentee_count);
    m.mentee_site.resize(m.mentee_count);
    m.mentee_utc.resize(m.mentee_count);
    m.mentee_hours.resize(m.mentee_count);
    m.mentee_lang_lo.resize(m.mentee_count);
    m.mentee_lang_hi.resize(m.mentee_count);
    m.mentee_languages.resize(m.mentee_count);
    for (int32_t i = 0; i < m.mentee_count; ++i) {
      const PersonAttributes& p = in_.mentees[i].person;
      m.mentee_signed_level[i] = reverse ? -p.level : p.level;
      m.mentee_department[i] = InternOrUnique(departments, p.department, unique);
      m.mentee_site[i] = InternOrUnique(sites, p.site, unique);
      m.mentee_utc[i] = p.utc_offset_minutes;
      m.mentee_hours[i] = p.availability_hours;
      m.mentee_languages[i] = Languages(p.languages);
    }
    m.language_masks_exact = languages_.size() <= 64;
    for (int32_t i = 0; i < m.mentor_count; ++i) {
      Mask(m.mentor_languages[i], m.mentor_lang_lo[i], m.mentor_lang_hi[i]);
    }
    for (int32_t i = 0; i < m.mentee_count; ++i) {
      Mask(m.mentee_languages[i], m.mentee_lang_lo[i], m.mentee_lang_hi[i]);
    }
    m.department_names = departments.TakeNames();
    m.site_names = sites.TakeNames();
    m.language_names = languages_.TakeNames();

    // Skill columns: only skills that some mentee wants and some mentor offers matter.
    Interner offered;
    for (const Mentor& mentor : in_.mentors) {
      for (const SkillLevel& s : mentor.skills) offered.Intern(s.skill);
    }
    Interner columns;
    std::vector<std::pair<int32_t, MentorEntry>> wanted;
    m.mentee_skill_den.assign(m.mentee_count, 0);
    for (int32_t i = 0; i < m.mentee_count; ++i) {
      for (const SkillLevel& s : in_.mentees[i].skills) {
        const int32_t column = offered.Find(s.skill) >= 0 ? columns.Intern(s.skill) : -1;
        wanted.emplace_back(i, MentorEntry{column, s.level});
        m.mentee_skill_den[i] += s.level;
      }
    }
    m.wanted = MakeRows(m.mentee_count, wanted, /*sort_by_mentor=*/false);
    m.skill_level.assign(columns.size() * static_cast<size_t>(stride), 0);
    m.zero_levels.assign(stride, 0);
    m.zero_sums.assign(stride, 0);
    for (int32_t i = 0; i < m.mentor_count; ++i) {
      for (const SkillLevel& s : in_.mentors[i].skills) {
        const int32_t column = columns.Find(s.skill);
        if (column >= 0) {
          m.skill_level[static_cast<size_t>(column) * stride + i] = static_cast<uint8_t>(s.level);
        }
      }
    }
    return Status::Ok();
  }

  // Resolves a {mentee, mentor} reference, `array`[`index`]; InvalidArgument naming its
  // .mentee / .mentor (the path is built only then: an explicit list of 3,000,000 pairs would
  // otherwise build as many strings).
  Status ResolvePair(const std::string& mentee_id, const std::string& mentor_id,
                     std::string_view array, size_t index, int32_t& mentee, int32_t& mentor) const {
    auto e = ids_.find(mentee_id);
    if (e == ids_.end() || e->second.role != Role::kMentee) {
      const std::string base = Path(array, index);
      return Status::InvalidArgument(
          base + ": mentee " + Quoted(mentee_id) + " is not a mentee of this program",
          base + ".mentee");
    }
    mentee = e->second.index;
    auto m = ids_.find(mentor_id);
    if (m == ids_.end() || m->second.role != Role::kMentor) {
      const std::string base = Path(array, index);
      return Status::InvalidArgument(
          base + ": mentor " + Quoted(mentor_id) + " is not a mentor of this program",
          base + ".mentor");
    }
    mentor = m->second.index;
    return Status::Ok();
  }

  Status BuildSparseRows() {
    Model& m = model_;
    std::vector<std::pair<int32_t, MentorEntry>> ranked, preferred, excluded;
    for (int32_t i = 0; i < m.mentee_count; ++i) {
      const auto& list = in_.mentees[i].ranked_mentors;
      for (size_t j = 0; j < list.size(); ++j) {
        ranked.emplace_back(i, MentorEntry{ids_.at(list[j]).index, static_cast<int32_t>(j + 1)});
      }
    }
    for (int32_t i = 0; i < m.mentor_count; ++i) {
      for (const std::string& id : in_.mentors[i].preferred_mentees) {
        preferred.emplace_back(ids_.at(id).index, MentorEntry{i, 0});
      }
    }
    for (size_t i = 0; i < in_.forbidden.size(); ++i) {
      int32_t e = 0;
      int32_t mentor = 0;
      PAIRWISE_RETURN_IF_ERROR(
          ResolvePair(in_.forbidden[i].mentee, in_.forbidden[i].mentor, "forbidden", i, e, mentor));
      excluded.emplace_back(e, MentorEntry{mentor, static_cast<int32_t>(HardRule::kForbidden)});
    }
    for (size_t i = 0; i < in_.previous_pairs.size(); ++i) {
      int32_t e = 0;
      int32_t mentor = 0;
      PAIRWISE_RETURN_IF_ERROR(ResolvePair(in_.previous_pairs[i].mentee,
                                           in_.previous_pairs[i].mentor, "previous_pairs", i, e,
                                           mentor));
      if (m.rule_not_previous) {
        excluded.emplace_back(
            e, MentorEntry{mentor, static_cast<int32_t>(HardRule::kNotPreviouslyPaired)});
      }
    }
    m.ranked = MakeRows(m.mentee_count, ranked, false);
    m.preferred = MakeRows(m.mentee_count, preferred, false);
    m.excluded = MakeRows(m.mentee_count, excluded, true);
    return Status::Ok();
  }

  Status BuildExplicitPairs() {
    Model& m = model_;
    std::vector<std::pair<int32_t, MentorEntry>> items;
    if (in_.pairs) {
      const std::vector<ScoredPair>& pairs = *in_.pairs;
      int64_t max_score = 0;
      int32_t e = 0;
      items.reserve(pairs.size());
      FlatIdIndex mentees;
      FlatIdIndex mentors;
      mentees.Build(in_.mentees.size(),
                    [&](size_t i) -> std::string_view { return in_.mentees[i].person.id; });
      mentors.Build(in_.mentors.size(),
                    [&](size_t i) -> std::string_view { return in_.mentors[i].person.id; });
      for (size_t i = 0; i < pairs.size(); ++i) {
        // Lists come grouped by mentee (3,000,000 pairs: half the id look-ups saved).
        if (i == 0 || pairs[i].mentee != pairs[i - 1].mentee) e = mentees.Find(pairs[i].mentee);
        const int32_t mentor = e < 0 ? -1 : mentors.Find(pairs[i].mentor);
        if (mentor < 0) {  // ResolvePair words the error
          int32_t unused_mentee = 0;
          int32_t unused_mentor = 0;
          PAIRWISE_RETURN_IF_ERROR(ResolvePair(pairs[i].mentee, pairs[i].mentor, "pairs", i,
                                               unused_mentee, unused_mentor));
          return Status::Internal("pairs: an id was not found");  // ResolvePair found both
        }
        if (pairs[i].score < 0 ||
            pairs[i].score > kMaxExplicitScore) {  // the field's path only then
          const std::string base = Path("pairs", i);
          PAIRWISE_RETURN_IF_ERROR(
              CheckRange(base, base + ".score", "score", pairs[i].score, 0, kMaxExplicitScore));
        }
        items.emplace_back(e, MentorEntry{mentor, static_cast<int32_t>(pairs[i].score)});
        max_score = std::max(max_score, pairs[i].score);
        if (!PassesRule(m, HardRule::kManagementChain, e, mentor)) {
          const std::string base = Path("pairs", i);
          return Status::InvalidArgument(base + ": mentor " + Quoted(pairs[i].mentor) +
                                             " is in the management chain of mentee " +
                                             Quoted(pairs[i].mentee),
                                         base);
        }
      }
      m.max_pair_score = max_score;
    }
    m.explicit_ = MakeRows(m.mentee_count, items, true);
    for (int32_t e = 0; e < m.mentee_count; ++e) {
      // By index: without explicit pairs the list has no storage, and a pointer past a null
      // begin() is undefined (UBSan, the instance reader's fuzz target).
      for (int32_t j = m.explicit_.offset[e] + 1; j < m.explicit_.offset[e + 1]; ++j) {
        const MentorEntry* it = &m.explicit_.items[j - 1];
        if (it->mentor == (it + 1)->mentor) {
          return Status::InvalidArgument("pairs: mentee " + Quoted(m.MenteeId(e)) + " and mentor " +
                                             Quoted(m.MentorId(it->mentor)) + " are listed twice",
                                         "pairs");
        }
      }
    }
    return Status::Ok();
  }

  Status CheckPins() {
    Model& m = model_;
    m.pinned_mentor.assign(m.mentee_count, -1);
    std::vector<int32_t> pins_per_mentor(m.mentor_count, 0);
    for (size_t i = 0; i < in_.pinned.size(); ++i) {
      const std::string base = Path("pinned", i);
      int32_t e = 0;
      int32_t mentor = 0;
      PAIRWISE_RETURN_IF_ERROR(
          ResolvePair(in_.pinned[i].mentee, in_.pinned[i].mentor, "pinned", i, e, mentor));
      const std::string pair =
          "mentee " + Quoted(m.MenteeId(e)) + " with mentor " + Quoted(m.MentorId(mentor));
      if (m.pinned_mentor[e] >= 0) {
        return Status::InvalidArgument(
            base + ": mentee " + Quoted(m.MenteeId(e)) + " is pinned more than once",
            base + ".mentee");
      }
      for (int r = 0; r < kHardRuleCount; ++r) {
        const auto rule = static_cast<HardRule>(r);
        if (PassesRule(m, rule, e, mentor)) continue;
        if (rule == HardRule::kForbidden) {
          return Status::InvalidArgument(base + ": the pin of " + pair + " is also forbidden",
                                         base);
        }
        if (rule == HardRule::kNotListed) {
          return Status::InvalidArgument(
              base + ": the pin of " + pair + " is not among the allowed pairs", base);
        }
        return Status::InvalidArgument(base + ": the pin of " + pair + " breaks the hard rule \"" +
                                           std::string(HardRuleWords(rule)) + "\"",
                                       base);
      }
      m.pinned_mentor[e] = mentor;
      if (++pins_per_mentor[mentor] > m.mentor_capacity[mentor]) {
        return Status::InvalidArgument(base + ": mentor " + Quoted(m.MentorId(mentor)) +
                                           " has more pins than capacity (" +
                                           std::to_string(m.mentor_capacity[mentor]) + ")",
                                       base + ".mentor");
      }
    }
    return Status::Ok();
  }

  Model& model_;
  const Instance& in_;
  std::unordered_map<std::string_view, NodeRef> ids_;
  Interner languages_;
};

}  // namespace

Result<std::unique_ptr<Model>> BuildModel(Instance instance, const EngineOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto model = std::make_unique<Model>();
  model->instance = std::move(instance);
  model->options = options;
  ModelBuilder builder(*model);
  PAIRWISE_RETURN_IF_ERROR(builder.Build());
  model->prepare_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return model;
}

}  // namespace pairwise::matching::internal
