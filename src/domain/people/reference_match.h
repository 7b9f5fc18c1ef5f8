// Finding departments and sites as HR systems and identity providers write them: by code or by
// name, in any case, with or without accents ("platform engineering", "Sao Paulo"), and naming
// the ones that are new. Used by the CSV import; pure, no storage.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "domain/people/person.h"

namespace pairwise::domain {

// The form in which two names compare equal: Latin letters lowered and stripped of their accents
// ("São" -> "sao", "ß" -> "ss", "Æ" -> "ae"; combining accents dropped), runs of spaces and tabs
// made one space, the ends trimmed. Other characters are kept as they are. Pure.
std::string FoldName(std::string_view text);

// The codes and names of the stored departments (or sites), to look values up in.
// Not thread-safe to modify; const lookups may run concurrently.
class ReferenceIndex {
 public:
  ReferenceIndex() = default;
  explicit ReferenceIndex(std::span<const Department> departments);
  explicit ReferenceIndex(std::span<const Site> sites);

  // Adds an entry; a code already added is ignored.
  void Add(std::string_view code, std::string_view name);

  enum class Outcome { kFound, kNotFound, kAmbiguous };
  struct Match {
    Outcome outcome = Outcome::kNotFound;
    std::string code;  // kFound: the entry's code
  };
  // `value` (trimmed) equal to a code; otherwise FoldName(value) equal to the folded code or
  // name of exactly one entry (found) or of several (ambiguous: give the code).
  Match Find(std::string_view value) const;

  // The code for a new entry named `name`, which Find did not find: `name` in upper case when it
  // is already a valid code (1 to 64 of A-Z a-z 0-9 . _ -), otherwise its folded letters and
  // digits in upper case with "-" between words ("Platform Engineering" ->
  // "PLATFORM-ENGINEERING", "São Paulo" -> "SAO-PAULO"; "NEW" when none is left), with "-2",
  // "-3", ... when that code is taken. The entry is added, so Find(name) now finds it.
  std::string AddNew(std::string_view name);

 private:
  std::unordered_set<std::string> codes_;
  std::unordered_map<std::string, std::string> by_folded_;  // folded code or name -> code
  std::unordered_set<std::string> ambiguous_;               // folded forms of several entries
};

// The division of a department created because a file named it: "Unassigned" until edited.
inline constexpr std::string_view kUnassignedDivision = "Unassigned";
// The country of a site created because a file named it: "ZZ" (unknown) until edited.
inline constexpr std::string_view kUnknownCountry = "ZZ";

// The department to create for `name` with the code ReferenceIndex::AddNew gave it.
Department NewDepartment(std::string code, std::string name);
// The site to create for `name`, in `time_zone`.
Site NewSite(std::string code, std::string name, std::string time_zone);

}  // namespace pairwise::domain
