// Where profiles are kept, and the directory search that joins people with their profiles.
// Implemented by storage (SOCI over SQLite or PostgreSQL) and by an in-memory fake; one contract
// suite (src/storage/profile_repository_contract_test.cpp) holds every implementation to the
// promises below.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/people/people_repository.h"
#include "domain/people/person.h"
#include "domain/profiles/profile.h"

namespace pairwise::domain {

// What a list of people shows about each: directory fields with the names of their department
// and site (empty when the person has none).
struct PersonSummary {
  std::string employee_id;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string job_title;
  int level = kMinLevel;
  std::string department_code;
  std::string department_name;
  std::string site_code;
  std::string site_name;
  EmploymentStatus status = EmploymentStatus::kActive;
  friend bool operator==(const PersonSummary&, const PersonSummary&) = default;
};

enum class SkillInterest { kOffer, kWant, kEither };

// A search of the directory. Every filter that is set must hold.
struct PeopleSearch {
  // Matched, ignoring ASCII case, as a substring of "first_name last_name", of the email, of
  // the name or code of the person's department, or of the name or code of a skill on their
  // profile (offered or wanted) (PostgreSQL's lower() also folds non-ASCII letters; SQLite and
  // the fake do not). Empty: everyone.
  std::string text;
  std::string department;  // a Department::code; empty: any
  std::string site;        // a Site::code; empty: any
  std::string skill;       // a Skill::code on the person's profile; empty: any
  SkillInterest skill_interest = SkillInterest::kEither;  // which list `skill` is looked up in
  // The statuses to include; empty: any.
  std::vector<EmploymentStatus> statuses = {EmploymentStatus::kActive};
  // Keyset pagination: people whose employee id sorts after this one (bytewise).
  std::string after_employee_id;
  int limit = 25;  // 1..kMaxPeoplePageSize
};
// The most people a search page shows (DirectoryService's limit; the repository takes up to
// kMaxPeoplePageSize).
inline constexpr int kMaxSearchLimit = 100;

// Thread safety: every method may be called from any thread at once. Each call is atomic.
// Errors common to every method: Unavailable when the store cannot be reached or stays busy;
// Internal for anything unexpected. Methods never throw.
class ProfileRepository {
 public:
  virtual ~ProfileRepository() = default;

  // The saved profile of `employee_id`; nullopt when the person has none or is unknown.
  virtual Result<std::optional<Profile>> FindProfile(std::string_view employee_id) = 0;

  // The saved profiles of `employee_ids`, ordered by employee id (bytewise), each once; unknown
  // people and people without a saved profile are absent. A bounded number of queries however
  // many ids are asked for (30,000 at once is fine).
  virtual Result<std::vector<Profile>> ListProfiles(
      const std::vector<std::string>& employee_ids) = 0;

  // Inserts or replaces each profile (all its lists) in one transaction, stamping `updated_at`
  // as given (it must be set). A person who is unknown is NotFound, a skill code that is not in
  // the taxonomy InvalidArgument with field "profiles[i].expertise[j].skill" (or wants); then
  // nothing is written; so too for a person repeated in the batch (InvalidArgument, field
  // "profiles[i].employee_id"). Does not check the other rules (CheckProfileFields does).
  virtual Status SaveProfiles(std::span<const Profile> profiles) = 0;

  // People matching `search`, ordered by employee id (bytewise), at most `search.limit`.
  // InvalidArgument for a limit out of range.
  virtual Result<std::vector<PersonSummary>> SearchPeople(const PeopleSearch& search) = 0;
};

}  // namespace pairwise::domain
