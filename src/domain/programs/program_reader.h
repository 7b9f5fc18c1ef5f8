// What the other parts of the programs work (applications, self-match) read of a program,
// without depending on ProgramService. The programs storage implements it.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/programs/program.h"

namespace pairwise::domain {

// Thread-safe.
class ProgramReader {
 public:
  virtual ~ProgramReader() = default;
  // NotFound for an unknown id. No access check: callers check the actor themselves.
  virtual Result<Program> FindProgram(ProgramId id) = 0;
  // The mentor's capacity in the program: the program's, or the lower one the mentor set for
  // themself (relief time). NotFound for an unknown program.
  virtual Result<MentorCapacity> EffectiveMentorCapacity(ProgramId id,
                                                         std::string_view mentor_employee_id) = 0;
  // The capacities mentors set for themselves in the program (what
  // ProgramRepository::SetMentorCapacity stores), keyed by employee id; mentors who set none are
  // absent. NotFound for an unknown program.
  virtual Result<std::map<std::string, MentorCapacity>> ListMentorCapacities(ProgramId id) = 0;
};

}  // namespace pairwise::domain
