#include "domain/programs/shadow_pool.h"

#include <algorithm>
#include <utility>

namespace pairwise::domain {

Result<std::set<std::string>> LapsedShadowMentors(const Program& program,
                                                  CredentialReader& credentials, TimePoint now) {
  std::set<std::string> lapsed;
  if (!program.requires_mentor_credential || program.shadow_mentors.empty()) return lapsed;
  auto holders = credentials.CurrentHolders(program.shadow_mentors, now);
  if (!holders.ok()) return holders.status();
  for (const std::string& id : program.shadow_mentors) {
    if (!holders->contains(id)) lapsed.insert(id);
  }
  return lapsed;
}

Result<Program> ShadowPoolProgramReader::FindProgram(ProgramId id) {
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program;
  auto lapsed = LapsedShadowMentors(*program, credentials_, clock_.Now());
  if (!lapsed.ok()) return lapsed.status();
  std::erase_if(program->shadow_mentors,
                [&](const std::string& person) { return lapsed->contains(person); });
  return program;
}

}  // namespace pairwise::domain
