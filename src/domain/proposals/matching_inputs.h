// Turns what the directory, the profiles, the applications and the coordinator say about one
// program into the matching engine's Instance. Pure: the caller loads everything.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "domain/applications/application.h"
#include "domain/people/person.h"
#include "domain/profiles/profile.h"
#include "domain/programs/program.h"
#include "domain/proposals/match_settings.h"
#include "domain/proposals/proposal.h"
#include "matching/instance.h"

namespace pairwise::domain {

struct MatchingInputs {
  Program program;
  MatchSettings settings;
  std::vector<std::string> mentees;  // approved, employee ids
  std::vector<std::string> mentors;
  // Everyone in the directory who may appear (participants and everyone above them).
  std::unordered_map<std::string, Person> people;
  std::unordered_map<std::string, Profile> profiles;  // saved profiles of participants
  std::unordered_map<std::string, Answers> mentee_answers;
  std::unordered_map<std::string, Answers> mentor_answers;
  std::map<std::string, MentorCapacity> capacity_overrides;
  std::vector<PairConstraint> constraints;
  std::vector<std::pair<std::string, std::string>> previous_pairs;  // (mentee, mentor)
  std::set<std::string> credentialed;  // mentors holding a current credential
  TimePoint now{};                     // for time zone offsets
};

struct BuiltInstance {
  matching::Instance instance;
  // Said to the coordinator with the proposal: people approved on both sides (matched as
  // mentees only), pins and forbids that name people no longer in the program, ...
  std::vector<std::string> warnings;
};

// The instance: mentors with their capacity (the program's, or what the mentor set; group
// programs: the group's maximum), skills offered (profile expertise plus the mapped mentor
// question, at level 3 unless the profile says otherwise), mentees with skills wanted (profile
// plus the mapped question) and ranked choices (the mapped question, mentors of the program
// only), languages (directory plus profile), UTC offsets at `now`, managers above every
// participant, the program's pins and forbids between its participants, previous pairs.
BuiltInstance BuildInstance(const MatchingInputs& inputs);

// "first last", or the employee id when the person is unknown.
std::string PersonName(const std::unordered_map<std::string, Person>& people,
                       const std::string& employee_id);

}  // namespace pairwise::domain
