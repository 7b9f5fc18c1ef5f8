// What people see of the directory and do with their own profile, with the access rules:
//  - every method needs a signed-in person; an API token actor is Forbidden;
//  - a signed-in person sees any active (or on leave) colleague's entry and profile: the
//    directory is how mentees find mentors; people who left are visible to admins only (NotFound
//    for everyone else, so as not to reveal who left);
//  - a person's history (hire, promotion, title change, exit) is shown to admins, the person
//    themself and the managers above them in the chain only;
//  - only the signed-in person edits their own profile; directory fields are read-only here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/people/people_service.h"
#include "domain/profiles/profile.h"
#include "domain/profiles/profile_repository.h"

namespace pairwise::domain {

struct PeopleSearchRequest {
  // At most kMaxSearchTextChars; matched against name, email, department and skills
  // (PeopleSearch::text).
  std::string q;
  std::string department;  // Department::code or empty
  std::string site;        // Site::code or empty
  std::string skill;       // Skill::code offered or wanted, or empty
  // Where `skill` is looked up: "offer" (expertise), "want", or "either" (the default when
  // empty).
  std::string skill_interest;
  // "active" (the default when empty), "leave", "left" or "any". "left" and "any" need admin.
  std::string status;
  std::string cursor;  // next_cursor of the previous page, or empty for the first page
  int limit = 25;      // 1..kMaxSearchLimit
};
inline constexpr std::size_t kMaxSearchTextChars = 200;

struct PeopleSearchPage {
  std::vector<PersonSummary> items;
  std::string next_cursor;  // empty on the last page
};

// A person's page.
struct PersonPage {
  Person person;
  PersonSummary summary;
  std::vector<PersonSummary> manager_chain;         // nearest manager first
  std::vector<PersonSummary> direct_reports;        // ordered by employee id
  Profile profile;                                  // updated_at unset when never saved
  std::optional<std::vector<PersonEvent>> history;  // set only for those who may see it
};

// Thread-safe as far as its dependencies are (the storage ones are); holds no state of its own.
class DirectoryService {
 public:
  // All three must outlive the service.
  DirectoryService(PeopleService& people, ProfileRepository& profiles, const Clock& clock)
      : people_(people), profiles_(profiles), clock_(clock) {}

  // InvalidArgument (field "q", "department", "site", "skill", "skill_interest", "status",
  // "cursor", "limit") for a
  // bad parameter, unknown codes included; Forbidden for a non-admin asking for people who left.
  Result<PeopleSearchPage> Search(const Actor& actor, const PeopleSearchRequest& request);

  // NotFound for an unknown person and, unless the actor is an admin, for one who left. Managers
  // and reports who left are listed to admins only.
  Result<PersonPage> GetPerson(const Actor& actor, std::string_view employee_id);

  // The actor's own profile (defaults when never saved). NotFound when the actor is not in the
  // directory (or left it).
  Result<Profile> GetOwnProfile(const Actor& actor);
  // Replaces the actor's own profile with `fields` and returns it as stored. InvalidArgument
  // naming the field for a broken rule (CheckProfileFields); nothing is changed then.
  Result<Profile> UpdateOwnProfile(const Actor& actor, const ProfileFields& fields);

  // Reference data, ordered by code.
  Result<std::vector<Skill>> ListSkills(const Actor& actor);
  Result<std::vector<Department>> ListDepartments(const Actor& actor);
  Result<std::vector<Site>> ListSites(const Actor& actor);

 private:
  PeopleService& people_;
  ProfileRepository& profiles_;
  const Clock& clock_;
};

// The opaque cursor that continues a search after `employee_id`, and back. DecodeSearchCursor
// returns nullopt for a string that EncodeSearchCursor did not make.
std::string EncodeSearchCursor(std::string_view employee_id);
std::optional<std::string> DecodeSearchCursor(std::string_view cursor);

}  // namespace pairwise::domain
