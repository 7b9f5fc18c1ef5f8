// The demo organization's group program, "Peer Circles": three mentors, each meeting a circle of
// three mentees together, published some months ago with every agreement accepted, and each
// circle's group meetings: held every two weeks (with who attended), one that did not happen,
// one cancelled, and the next one scheduled with the members' answers. Written through the
// repositories as LoadDemoRelationships writes its history; the demo's program coordinator
// oversees it.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/demo/demo_organization.h"
#include "domain/meetings/group_meeting.h"
#include "domain/people/people_service.h"
#include "domain/programs/program_repository.h"
#include "domain/proposals/proposal.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

inline constexpr std::string_view kDemoGroupProgramName = "Peer Circles";

struct DemoGroupStores {
  PeopleService& people;
  ProgramRepository& programs;
  ProposalRepository& proposals;
  RelationshipRepository& relationships;
  GroupMeetingRepository& meetings;
};

struct DemoGroupSummary {
  int groups = 0;
  int mentees = 0;
  int meetings = 0;
};

// Creates the program, its groups and their meetings unless a program of that name exists (then
// zero counts), or when the directory has too few people for it. `reserved` are employee ids
// left out (the demo logins). Deterministic for the same directory and options.
Result<DemoGroupSummary> LoadDemoGroups(const DemoGroupStores& stores, const DemoOptions& options,
                                        const std::string& coordinator,
                                        const std::vector<std::string>& reserved, TimePoint now);

}  // namespace pairwise::domain
