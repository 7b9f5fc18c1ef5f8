// Programs as coordinators run them, with the access rules:
//  - every method needs a signed-in person (an API token is Forbidden);
//  - creating a program needs the coordinator or admin role; the creator becomes one of its
//    coordinators;
//  - a program's coordinators and admins edit it, move its status and see it in any status;
//  - anyone signed in sees an open or closed program; a draft or archived one is NotFound to
//    everyone else, so as not to reveal it.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/credentials/credential_repository.h"
#include "domain/people/people_service.h"
#include "domain/programs/participation.h"
#include "domain/programs/program.h"
#include "domain/programs/program_repository.h"

namespace pairwise::domain {

// Whether the actor may join one side, and why not.
struct SideEligibility {
  bool eligible = false;
  std::optional<IneligibleReason> reason;  // set when not eligible
};

// A person named by a program (coordinator, shadow mentor).
struct ProgramPerson {
  std::string employee_id;
  std::string name;  // "First Last"
  // Shadow mentors only: the program requires the credential and theirs lapsed (expired or
  // revoked) since they joined; they are out of the pool in use (shadow_pool.h).
  bool credential_lapsed = false;
};

// A program as one actor sees it.
struct ProgramView {
  Program program;
  std::vector<ProgramPerson> coordinators;    // in the program's order
  std::vector<ProgramPerson> shadow_mentors;  // in the program's order
  bool coordinator = false;                   // the actor coordinates it (or is an admin)
  SideEligibility mentor;                     // the actor as a mentor, today
  SideEligibility mentee;
};

enum class ProgramListView {
  kRunning,  // programs the actor coordinates, archived ones too
  // open, in the enrollment window today, the actor eligible on a side, and not in it already
  // (no application of theirs that is not withdrawn, on either side)
  kJoinable,
  kAll,  // every program the actor may see
};
std::optional<ProgramListView> ParseProgramListView(std::string_view name);

// How many people of the directory each side's rules admit today.
struct EligibilityCounts {
  int64_t mentors = 0;
  int64_t mentees = 0;
};

// Limits of ProgramFields (CheckProgramFields).
inline constexpr std::size_t kMaxProgramNameChars = 200;
inline constexpr std::size_t kMaxProgramTextChars = 10'000;  // description, objectives
inline constexpr std::size_t kMaxMeasures = 20;
inline constexpr std::size_t kMaxMeasureChars = 300;
inline constexpr std::size_t kMaxProgramPeople = 1000;  // coordinators, shadow mentors, lists

// Thread-safe as far as its dependencies are; holds no state of its own.
class ProgramService {
 public:
  // All must outlive the service.
  ProgramService(ProgramRepository& programs, ParticipationReader& participants,
                 PeopleService& people, CredentialReader& credentials, AuditLog& audit,
                 const Clock& clock)
      : programs_(programs),
        participants_(participants),
        people_(people),
        credentials_(credentials),
        audit_(audit),
        clock_(clock) {}

  // Creates a draft. InvalidArgument naming the field (CheckProgramFields; a program that
  // requires credentialed mentors takes only holders of a current credential into its shadow
  // mentor pool: "shadow_mentors[i]" with reason "credential_required"); Conflict (reason
  // "duplicate_name") when a program that is not archived has the same name, ignoring case.
  Result<ProgramView> Create(const Actor& actor, ProgramFields fields);
  // NotFound when the program does not exist or the actor may not see it.
  Result<ProgramView> Get(const Actor& actor, ProgramId id);
  // Replaces the fields. Forbidden for someone who sees the program but does not coordinate
  // it; Conflict (reason "archived") for an archived program; as Create otherwise. The actor
  // stays among the coordinators only if listed (an admin may hand a program over).
  Result<ProgramView> Update(const Actor& actor, ProgramId id, ProgramFields fields);
  // draft -> open | archived, open -> closed, closed -> open | archived. Conflict (reason
  // "invalid_transition") otherwise; Forbidden for someone who does not coordinate it.
  Result<ProgramView> MoveTo(const Actor& actor, ProgramId id, ProgramStatus to);
  // Programs of `view`, ordered by start date then id.
  Result<std::vector<Program>> List(const Actor& actor, ProgramListView view);
  // People the rules admit today, per side (coordinators and admins). InvalidArgument naming
  // the field ("eligibility.mentor.sites") for rules that are not valid.
  Result<EligibilityCounts> CountEligible(const Actor& actor, const EligibilityRules& mentor,
                                          const EligibilityRules& mentee);
  // The same for the program's own rules (those who may see the program).
  Result<EligibilityCounts> CountEligible(const Actor& actor, ProgramId id);

  // The actor's capacity as a mentor in the program: the program's, or the lower one they set.
  Result<MentorCapacity> GetMyCapacity(const Actor& actor, ProgramId id);
  // Sets the actor's own capacity as a mentor (relief time). InvalidArgument ("mentees",
  // "hours_per_month") for a value below 1 or above the program's; Forbidden (reason
  // "ineligible") for someone who may not be a mentor in it.
  Result<MentorCapacity> SetMyCapacity(const Actor& actor, ProgramId id, MentorCapacity capacity);

  // Checks `fields` against the rules and the directory (codes, people and skills exist).
  // Pure apart from directory reads. InvalidArgument naming the field.
  Status CheckProgramFields(const ProgramFields& fields);

 private:
  Result<ProgramView> View(const Actor& actor, Program program);
  Result<Program> FindVisible(const Actor& actor, ProgramId id);
  Result<Program> FindCoordinated(const Actor& actor, ProgramId id);
  Status CheckRules(const EligibilityRules& rules, const std::string& prefix,
                    const std::set<std::string>& department_codes,
                    const std::set<std::string>& site_codes);
  Status CheckUniqueName(const ProgramFields& fields, std::optional<ProgramId> self);
  void Audit(const Actor& actor, std::string action, const Program& program, std::string detail);
  Date Today() const;

  ProgramRepository& programs_;
  ParticipationReader& participants_;
  PeopleService& people_;
  CredentialReader& credentials_;
  AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
