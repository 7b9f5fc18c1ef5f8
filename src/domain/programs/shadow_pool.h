// The shadow mentor pool in use (seed 004, issue 21). A program that requires credentialed
// mentors takes only holders of a current credential into its pool when it is saved
// (ProgramService); a credential that lapses afterwards (expired or revoked) takes its holder out
// of the pool at once, at every read, without waiting for the program's next edit. This is the
// one place of that rule: the coordinator's view marks the person, and the services that use the
// pool (relationship access, health board and nudges) read programs through
// ShadowPoolProgramReader, which leaves them out.
#pragma once

#include <set>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "domain/credentials/credential_repository.h"
#include "domain/programs/program_reader.h"

namespace pairwise::domain {

// The shadow mentors of `program` who do not serve at `now`: none when the program does not
// require the credential, otherwise those without a current credential.
Result<std::set<std::string>> LapsedShadowMentors(const Program& program,
                                                  CredentialReader& credentials, TimePoint now);

// A ProgramReader whose programs carry only the shadow mentors who serve now. Thread-safe as its
// dependencies are; all must outlive it.
class ShadowPoolProgramReader : public ProgramReader {
 public:
  ShadowPoolProgramReader(ProgramReader& programs, CredentialReader& credentials,
                          const Clock& clock)
      : programs_(programs), credentials_(credentials), clock_(clock) {}

  Result<Program> FindProgram(ProgramId id) override;
  Result<MentorCapacity> EffectiveMentorCapacity(ProgramId id,
                                                 std::string_view mentor_employee_id) override {
    return programs_.EffectiveMentorCapacity(id, mentor_employee_id);
  }
  Result<std::map<std::string, MentorCapacity>> ListMentorCapacities(ProgramId id) override {
    return programs_.ListMentorCapacities(id);
  }

 private:
  ProgramReader& programs_;
  CredentialReader& credentials_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
