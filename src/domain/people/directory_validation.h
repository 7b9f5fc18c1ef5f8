// The checks behind PeopleService::LoadDirectory, as pure functions over a Directory so that
// they can be tested (and benchmarked) without storage. Each returns InvalidArgument naming the
// first bad record ("people[3] (employee E7): ...") and its field ("people[3].email").
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "domain/people/person.h"

namespace pairwise::domain {

// What a directory refers to without defining it: each must be found in storage. Distinct keys,
// in order of first use.
struct ExternalReferences {
  std::vector<std::string> departments;
  std::vector<std::string> sites;
  std::vector<std::string> managers;      // employee ids named as a manager
  std::vector<std::string> event_people;  // employee ids named by an event
};

// Checks every record on its own and against the rest of the directory: formats, ranges,
// dates, repeated keys, self-management. References not satisfied within the directory are
// returned for the caller to resolve. Cycles are checked by CheckManagementCycles.
Result<ExternalReferences> CheckDirectoryRecords(const Directory& directory);

enum class ReferenceKind { kDepartment, kSite, kManager, kEventPerson };

// The InvalidArgument to return when `key`, one of the ExternalReferences of `directory`, is
// not stored either: it names the first record that refers to it.
Status UnresolvedReference(const Directory& directory, ReferenceKind kind, std::string_view key);

// Checks that no management chain loops once `directory` is applied over what is stored.
// `stored_chains` holds, for each manager the directory refers to but does not define, its
// stored management chain (nearest manager first). Precondition: CheckDirectoryRecords passed.
Status CheckManagementCycles(
    const Directory& directory,
    const std::unordered_map<std::string, std::vector<std::string>>& stored_chains);

// The limits of a person's fields, for every way into the directory (LoadDirectory, the CSV
// import, SCIM): names and titles in bytes of UTF-8, languages per person, the years a date may
// fall in.
inline constexpr std::size_t kMaxNameBytes = 100;   // first_name, last_name
inline constexpr std::size_t kMaxTitleBytes = 200;  // job_title; department and site names
inline constexpr std::size_t kMaxLanguages = 20;
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2200;
// A valid calendar day from kMinYear to kMaxYear.
bool IsPlausibleDate(Date date);

// Syntax checks shared with other parts of the directory (exposed for tests and importers).
bool IsValidKey(std::string_view key);            // 1..64 of [A-Za-z0-9._-]
bool IsValidEmail(std::string_view email);        // local@domain.tld, printable ASCII, <= 254
bool IsValidTimeZoneName(std::string_view name);  // "UTC", "Europe/London", "Etc/GMT+3"
bool IsValidLanguageCode(std::string_view code);  // ISO 639-1: two lower-case letters
bool IsValidText(std::string_view text, std::size_t max_bytes);  // UTF-8, no controls, trimmed
// As IsValidText, with the limit in characters (code points): for limits people read.
bool IsValidTextChars(std::string_view text, std::size_t max_chars);
// A reporting attribute's name: 1 to 40 bytes of [a-z0-9_].
bool IsValidAttributeName(std::string_view name);
inline constexpr std::size_t kMaxAttributeValueBytes = 100;

}  // namespace pairwise::domain
