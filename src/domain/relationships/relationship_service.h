// Reading relationships, with their access rules: a person sees their own (as mentor or
// mentee); a program's coordinators (and admins) see the program's.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/people/people_service.h"
#include "domain/programs/program_reader.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

// The people's side of relationships: a person sees their own (as mentor or mentee), a
// program's coordinators see the program's.
struct RelationshipView {
  Relationship relationship;
  std::string program_name;
  std::string mentor_name;
  std::string mentee_name;
  std::string role;  // the actor's part: "mentor" | "mentee" | "coordinator"
};

class RelationshipService {
 public:
  RelationshipService(RelationshipReader& relationships, ProgramReader& programs,
                      PeopleService& people)
      : relationships_(relationships), programs_(programs), people_(people) {}
  // The actor's own relationships. Forbidden for API tokens.
  Result<std::vector<RelationshipView>> ListMine(const Actor& actor);
  // NotFound / Forbidden as for the program's proposals.
  Result<std::vector<RelationshipView>> ListForProgram(const Actor& actor, ProgramId program);

 private:
  struct NameCache {
    std::unordered_map<int64_t, std::string> programs;
    std::unordered_map<std::string, std::string> people;
  };
  Result<RelationshipView> View(Relationship relationship, const std::string& role,
                                NameCache& cache);
  RelationshipReader& relationships_;
  ProgramReader& programs_;
  PeopleService& people_;
};

}  // namespace pairwise::domain
