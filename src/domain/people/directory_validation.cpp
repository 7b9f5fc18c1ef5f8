#include "domain/people/directory_validation.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_set>

#include "common/text.h"
#include "common/utf8.h"

namespace pairwise::domain {

namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Builds the messages: "people[3] (employee E7): email \"x\" is not a valid address".
class Reporter {
 public:
  Reporter(std::string collection, std::size_t index, std::string_view key_label,
           std::string_view key)
      : prefix_(collection + "[" + std::to_string(index) + "]"),
        label_(prefix_ + " (" + std::string(key_label) + " " + Quote(key) + ")") {}

  Status Error(std::string_view field, std::string_view problem) const {
    return Status::InvalidArgument(label_ + ": " + std::string(problem),
                                   prefix_ + "." + std::string(field));
  }

  static std::string Quote(std::string_view text) { return QuoteForMessage(text, 80); }

 private:
  std::string prefix_;
  std::string label_;
};

Status CheckText(const Reporter& r, std::string_view field, std::string_view value,
                 std::size_t max_bytes) {
  if (value.empty()) return r.Error(field, std::string(field) + " is required");
  if (!IsValidText(value, max_bytes)) {
    return r.Error(field, std::string(field) + " must be at most " + std::to_string(max_bytes) +
                              " bytes of UTF-8 text without control characters or surrounding "
                              "spaces");
  }
  return Status::Ok();
}

Status CheckKey(const Reporter& r, std::string_view field, std::string_view value) {
  if (value.empty()) return r.Error(field, std::string(field) + " is required");
  if (!IsValidKey(value)) {
    return r.Error(field, std::string(field) + " " + Reporter::Quote(value) +
                              " must be 1 to 64 of the characters A-Z a-z 0-9 . _ -");
  }
  return Status::Ok();
}

Status CheckLevel(const Reporter& r, std::string_view field, int level) {
  if (level < kMinLevel || level > kMaxLevel) {
    return r.Error(field, std::string(field) + " " + std::to_string(level) + " is outside " +
                              std::to_string(kMinLevel) + ".." + std::to_string(kMaxLevel));
  }
  return Status::Ok();
}

Status CheckDate(const Reporter& r, std::string_view field, Date date) {
  if (!IsPlausibleDate(date)) {
    std::string shown = date.ok() ? FormatDate(date) : "an invalid calendar day";
    return r.Error(field, std::string(field) + " is " + shown + ", not a date between " +
                              std::to_string(kMinYear) + " and " + std::to_string(kMaxYear));
  }
  return Status::Ok();
}

// Remembers the first use of each key that the directory does not define.
class ExternalSet {
 public:
  void Add(const std::string& key) {
    if (seen_.insert(key).second) ordered_.push_back(key);
  }
  std::vector<std::string> Take() { return std::move(ordered_); }

 private:
  std::unordered_set<std::string> seen_;
  std::vector<std::string> ordered_;
};

Status CheckPerson(const PersonRecord& p, std::size_t index) {
  const Reporter r("people", index, "employee", p.employee_id);
  PAIRWISE_RETURN_IF_ERROR(CheckKey(r, "employee_id", p.employee_id));
  PAIRWISE_RETURN_IF_ERROR(CheckText(r, "first_name", p.first_name, kMaxNameBytes));
  PAIRWISE_RETURN_IF_ERROR(CheckText(r, "last_name", p.last_name, kMaxNameBytes));
  if (!IsValidEmail(p.email)) {
    return r.Error("email", "email " + Reporter::Quote(p.email) + " is not a valid address");
  }
  if (!p.department.empty()) PAIRWISE_RETURN_IF_ERROR(CheckKey(r, "department", p.department));
  if (!p.site.empty()) PAIRWISE_RETURN_IF_ERROR(CheckKey(r, "site", p.site));
  if (!IsValidTimeZoneName(p.time_zone)) {
    return r.Error("time_zone", "time_zone " + Reporter::Quote(p.time_zone) +
                                    " is not an IANA time zone name such as \"Europe/Paris\"");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckText(r, "job_title", p.job_title, kMaxTitleBytes));
  PAIRWISE_RETURN_IF_ERROR(CheckLevel(r, "level", p.level));
  if (!p.manager_employee_id.empty()) {
    PAIRWISE_RETURN_IF_ERROR(CheckKey(r, "manager_employee_id", p.manager_employee_id));
    if (p.manager_employee_id == p.employee_id) {
      return r.Error("manager_employee_id", "a person cannot be their own manager");
    }
  }
  PAIRWISE_RETURN_IF_ERROR(CheckDate(r, "hire_date", p.hire_date));
  if (p.status == EmploymentStatus::kLeft) {
    if (!p.left_date) return r.Error("left_date", "left_date is required when status is left");
    PAIRWISE_RETURN_IF_ERROR(CheckDate(r, "left_date", *p.left_date));
    if (std::chrono::sys_days(*p.left_date) < std::chrono::sys_days(p.hire_date)) {
      return r.Error("left_date", "left_date " + FormatDate(*p.left_date) +
                                      " is before hire_date " + FormatDate(p.hire_date));
    }
  } else if (p.left_date) {
    return r.Error("left_date",
                   "left_date is set but status is " + std::string(EmploymentStatusName(p.status)));
  }
  if (p.languages.size() > kMaxLanguages) {
    return r.Error("languages", "more than " + std::to_string(kMaxLanguages) + " languages");
  }
  for (std::size_t i = 0; i < p.languages.size(); ++i) {
    const std::string field = "languages[" + std::to_string(i) + "]";
    if (!IsValidLanguageCode(p.languages[i])) {
      return r.Error(field, "language " + Reporter::Quote(p.languages[i]) +
                                " is not an ISO 639-1 code such as \"en\"");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (p.languages[j] == p.languages[i]) {
        return r.Error(field, "language " + Reporter::Quote(p.languages[i]) + " is repeated");
      }
    }
  }
  return Status::Ok();
}

Status CheckEvent(const PersonEvent& e, std::size_t index) {
  const Reporter r("events", index, "employee", e.employee_id);
  PAIRWISE_RETURN_IF_ERROR(CheckKey(r, "employee_id", e.employee_id));
  PAIRWISE_RETURN_IF_ERROR(CheckDate(r, "date", e.date));
  if (e.from_level) PAIRWISE_RETURN_IF_ERROR(CheckLevel(r, "from_level", *e.from_level));
  if (e.to_level) PAIRWISE_RETURN_IF_ERROR(CheckLevel(r, "to_level", *e.to_level));
  if (!e.from_title.empty()) {
    PAIRWISE_RETURN_IF_ERROR(CheckText(r, "from_title", e.from_title, kMaxTitleBytes));
  }
  if (!e.to_title.empty()) {
    PAIRWISE_RETURN_IF_ERROR(CheckText(r, "to_title", e.to_title, kMaxTitleBytes));
  }
  switch (e.kind) {
    case PersonEventKind::kPromotion:
      if (!e.to_level) return r.Error("to_level", "a promotion needs to_level");
      if (e.from_level && *e.from_level >= *e.to_level) {
        return r.Error("to_level", "a promotion must raise the level (from " +
                                       std::to_string(*e.from_level) + " to " +
                                       std::to_string(*e.to_level) + ")");
      }
      break;
    case PersonEventKind::kTitleChange:
      if (e.to_title.empty()) return r.Error("to_title", "a title change needs to_title");
      break;
    case PersonEventKind::kHire:
    case PersonEventKind::kExit:
      break;
  }
  return Status::Ok();
}

}  // namespace

bool IsPlausibleDate(Date date) {
  return date.ok() && static_cast<int>(date.year()) >= kMinYear &&
         static_cast<int>(date.year()) <= kMaxYear;
}

bool IsValidKey(std::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key) {
    if (!IsAsciiAlnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

bool IsValidEmail(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64 || domain.size() < 3) return false;
  for (char c : email) {
    if (c <= ' ' || c >= 127 || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' ||
        c == ';' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\') {
      return false;
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return false;
  }
  // The domain: dot-separated labels of letters, digits and inner hyphens, at least two.
  std::size_t labels = 0;
  std::size_t start = 0;
  while (start <= domain.size()) {
    std::size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    const std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!IsAsciiAlnum(c) && c != '-') return false;
    }
    ++labels;
    start = end + 1;
  }
  return labels >= 2;
}

bool IsValidTimeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    if (part.empty()) return false;
    const char first = part.front();
    if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) return false;
    for (char c : part) {
      if (!IsAsciiAlnum(c) && c != '_' && c != '-' && c != '+') return false;
    }
    start = end + 1;
  }
  return true;
}

bool IsValidLanguageCode(std::string_view code) {
  return code.size() == 2 && code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z';
}

bool IsValidTextChars(std::string_view text, std::size_t max_chars) {
  return IsValidText(text, max_chars * 4) && !MoreCharsThan(text, max_chars);
}

bool IsValidText(std::string_view text, std::size_t max_bytes) {
  if (text.empty() || text.size() > max_bytes) return false;
  if (text.front() == ' ' || text.back() == ' ') return false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = DecodeUtf8(text, i);
    if (!c || IsControl(c->value)) return false;
    i += c->length;
  }
  return true;
}

bool IsValidAttributeName(std::string_view name) {
  if (name.empty() || name.size() > 40) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Result<ExternalReferences> CheckDirectoryRecords(const Directory& directory) {
  std::unordered_set<std::string> department_codes;
  for (std::size_t i = 0; i < directory.departments.size(); ++i) {
    const Department& d = directory.departments[i];
    const Reporter r("departments", i, "code", d.code);
    PAIRWISE_RETURN_IF_ERROR(CheckKey(r, "code", d.code));
    PAIRWISE_RETURN_IF_ERROR(CheckText(r, "name", d.name, kMaxTitleBytes));
    PAIRWISE_RETURN_IF_ERROR(CheckText(r, "division", d.division, kMaxTitleBytes));
    if (!department_codes.insert(d.code).second) {
      return r.Error("code", "department code is repeated");
    }
  }
  std::unordered_set<std::string> site_codes;
  for (std::size_t i = 0; i < directory.sites.size(); ++i) {
    const Site& s = directory.sites[i];
    const Reporter r("sites", i, "code", s.code);
    PAIRWISE_RETURN_IF_ERROR(CheckKey(r, "code", s.code));
    PAIRWISE_RETURN_IF_ERROR(CheckText(r, "name", s.name, kMaxTitleBytes));
    if (s.country.size() != 2 || s.country[0] < 'A' || s.country[0] > 'Z' || s.country[1] < 'A' ||
        s.country[1] > 'Z') {
      return r.Error("country", "country " + Reporter::Quote(s.country) +
                                    " is not an ISO 3166-1 alpha-2 code such as \"GB\"");
    }
    if (!IsValidTimeZoneName(s.time_zone)) {
      return r.Error("time_zone", "time_zone " + Reporter::Quote(s.time_zone) +
                                      " is not an IANA time zone name");
    }
    if (!site_codes.insert(s.code).second) return r.Error("code", "site code is repeated");
  }
  std::unordered_set<std::string> skill_codes;
  for (std::size_t i = 0; i < directory.skills.size(); ++i) {
    const Skill& s = directory.skills[i];
    const Reporter r("skills", i, "code", s.code);
    PAIRWISE_RETURN_IF_ERROR(CheckKey(r, "code", s.code));
    PAIRWISE_RETURN_IF_ERROR(CheckText(r, "name", s.name, kMaxTitleBytes));
    PAIRWISE_RETURN_IF_ERROR(CheckText(r, "family", s.family, kMaxTitleBytes));
    if (!skill_codes.insert(s.code).second) return r.Error("code", "skill code is repeated");
  }

  std::unordered_set<std::string> employee_ids;
  std::unordered_set<std::string> emails;
  employee_ids.reserve(directory.people.size());
  emails.reserve(directory.people.size());
  for (std::size_t i = 0; i < directory.people.size(); ++i) {
    const PersonRecord& p = directory.people[i];
    PAIRWISE_RETURN_IF_ERROR(CheckPerson(p, i));
    const Reporter r("people", i, "employee", p.employee_id);
    if (!employee_ids.insert(p.employee_id).second) {
      return r.Error("employee_id", "employee id is repeated");
    }
    if (!emails.insert(AsciiLower(p.email)).second) {
      return r.Error("email", "email " + Reporter::Quote(p.email) +
                                  " is already used by another person of the directory");
    }
  }

  ExternalSet departments, sites, managers, event_people;
  for (const PersonRecord& p : directory.people) {
    if (!p.department.empty() && !department_codes.contains(p.department)) {
      departments.Add(p.department);
    }
    if (!p.site.empty() && !site_codes.contains(p.site)) sites.Add(p.site);
    if (!p.manager_employee_id.empty() && !employee_ids.contains(p.manager_employee_id)) {
      managers.Add(p.manager_employee_id);
    }
  }

  struct EventKey {
    std::string employee_id;
    PersonEventKind kind;
    int days;
    bool operator==(const EventKey&) const = default;
  };
  struct EventKeyHash {
    std::size_t operator()(const EventKey& k) const {
      return std::hash<std::string>{}(k.employee_id) ^
             (static_cast<std::size_t>(k.days) * 31 + static_cast<std::size_t>(k.kind)) *
                 0x9e3779b97f4a7c15ULL;
    }
  };
  std::unordered_set<EventKey, EventKeyHash> event_keys;
  event_keys.reserve(directory.events.size());
  for (std::size_t i = 0; i < directory.events.size(); ++i) {
    const PersonEvent& e = directory.events[i];
    PAIRWISE_RETURN_IF_ERROR(CheckEvent(e, i));
    const int days = std::chrono::sys_days(e.date).time_since_epoch().count();
    if (!event_keys.insert(EventKey{e.employee_id, e.kind, days}).second) {
      const Reporter r("events", i, "employee", e.employee_id);
      return r.Error("date", "a " + std::string(PersonEventKindName(e.kind)) + " event on " +
                                 FormatDate(e.date) + " is repeated for this person");
    }
    if (!employee_ids.contains(e.employee_id)) event_people.Add(e.employee_id);
  }

  for (std::size_t i = 0; i < directory.attributes.size(); ++i) {
    const ReportingAttribute& a = directory.attributes[i];
    const Reporter r("attributes", i, "employee", a.employee_id);
    if (!IsValidAttributeName(a.name)) {
      return r.Error("name", "attribute name " + Reporter::Quote(a.name) +
                                 " must be 1 to 40 of the characters a-z 0-9 _");
    }
    if (!a.value.empty() && !IsValidText(a.value, kMaxAttributeValueBytes)) {
      return r.Error("value", "the value must be at most " +
                                  std::to_string(kMaxAttributeValueBytes) +
                                  " bytes of UTF-8 text without control characters");
    }
  }

  return ExternalReferences{departments.Take(), sites.Take(), managers.Take(), event_people.Take()};
}

Status UnresolvedReference(const Directory& directory, ReferenceKind kind, std::string_view key) {
  if (kind == ReferenceKind::kEventPerson) {
    for (std::size_t i = 0; i < directory.events.size(); ++i) {
      if (directory.events[i].employee_id == key) {
        return Reporter("events", i, "employee", key)
            .Error("employee_id",
                   "no person with this employee id is in the directory or "
                   "stored");
      }
    }
  }
  for (std::size_t i = 0; i < directory.people.size(); ++i) {
    const PersonRecord& p = directory.people[i];
    const Reporter r("people", i, "employee", p.employee_id);
    switch (kind) {
      case ReferenceKind::kDepartment:
        if (p.department == key) {
          return r.Error("department", "department " + Reporter::Quote(key) +
                                           " is neither in the directory nor stored");
        }
        break;
      case ReferenceKind::kSite:
        if (p.site == key) {
          return r.Error(
              "site", "site " + Reporter::Quote(key) + " is neither in the directory nor stored");
        }
        break;
      case ReferenceKind::kManager:
        if (p.manager_employee_id == key) {
          return r.Error("manager_employee_id", "manager " + Reporter::Quote(key) +
                                                    " is neither in the directory nor stored");
        }
        break;
      case ReferenceKind::kEventPerson:
        break;
    }
  }
  return Status::InvalidArgument("unknown reference " + Reporter::Quote(key));
}

Status CheckManagementCycles(
    const Directory& directory,
    const std::unordered_map<std::string, std::vector<std::string>>& stored_chains) {
  const std::size_t n = directory.people.size();
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(n);
  for (std::size_t i = 0; i < n; ++i) index.emplace(directory.people[i].employee_id, i);

  // Each person points to their next manager *in the directory*: their own manager if the
  // directory defines it, or the first directory member up a stored manager's chain (the stored
  // links below that member are not changed by this directory, so they cannot loop).
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> next(n, kNone);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& manager = directory.people[i].manager_employee_id;
    if (manager.empty()) continue;
    if (auto it = index.find(manager); it != index.end()) {
      next[i] = it->second;
      continue;
    }
    if (auto chain = stored_chains.find(manager); chain != stored_chains.end()) {
      for (const std::string& above : chain->second) {
        if (auto it = index.find(above); it != index.end()) {
          next[i] = it->second;
          break;
        }
      }
    }
  }

  // Out-degree is at most one, so walking from each unvisited person either ends, reaches a
  // person already known to be safe, or comes back onto the current walk: a cycle.
  enum : uint8_t { kUnvisited, kOnWalk, kSafe };
  std::vector<uint8_t> state(n, kUnvisited);
  std::vector<std::size_t> walk;
  for (std::size_t start = 0; start < n; ++start) {
    if (state[start] != kUnvisited) continue;
    walk.clear();
    std::size_t at = start;
    while (at != kNone && state[at] == kUnvisited) {
      state[at] = kOnWalk;
      walk.push_back(at);
      at = next[at];
    }
    if (at != kNone && state[at] == kOnWalk) {
      std::string loop = directory.people[at].employee_id;
      std::size_t k = next[at];
      for (int shown = 0; shown < 10 && k != at; ++shown, k = next[k]) {
        loop += " -> " + directory.people[k].employee_id;
      }
      loop += k == at ? " -> " + directory.people[at].employee_id : " -> ...";
      const PersonRecord& p = directory.people[at];
      return Reporter("people", at, "employee", p.employee_id)
          .Error("manager_employee_id", "management cycle: " + loop);
    }
    for (std::size_t w : walk) state[w] = kSafe;
  }
  return Status::Ok();
}

}  // namespace pairwise::domain
