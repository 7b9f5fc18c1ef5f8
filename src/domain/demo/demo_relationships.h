// The demo organization's relationships: "Leadership Circle", a one-on-one program whose matching
// was published some months ago, with relationships in every state and their history written
// through the relationship services (as the pairs themselves would, on a clock moved back):
// agreements accepted (some adjusted) or still pending, SMART goals with milestones at various
// progress, private and shared notes (sealed with the deployment's key), feedback both ways,
// introductions, completions and early endings with reasons; every pair's people are approved
// applicants of the program (so the coordinator can rematch an ended pair's mentee), each has a
// weekly availability, and each pair that got going has months of meetings, held and missed, with
// logs and action items, and the next one planned (written in one transaction). The services
// read the rows they need once (nothing else writes them meanwhile) and draft the goals in memory,
// which GoalHistoryWriter stores at the end in one transaction: the same rows as the services
// writing through the database at every call (DemoOptions::history_reads_once), in far fewer
// round trips on PostgreSQL. A fixed number of
// pairs (kDemoRelationships) whatever the size of the organization, so it loads in seconds at
// 100,000 people. The demo participant is the mentee of a pending relationship whose mentor is the
// demo admin, so that both demo accounts can walk a relationship from its agreement on (unless the
// admin is above the participant in the management chain, as when a very small organization has
// the admin at its head: a mentor is never in the mentee's chain). The matching was run before it
// was published, as a coordinator would: a what-if run, then the run with the program's settings.
#pragma once

#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "domain/applications/application_repository.h"
#include "domain/demo/demo_organization.h"
#include "domain/meetings/meeting.h"
#include "domain/people/people_repository.h"
#include "domain/people/people_service.h"
#include "domain/programs/program_repository.h"
#include "domain/proposals/matching_service.h"
#include "domain/relationships/feedback.h"
#include "domain/relationships/goal.h"
#include "domain/relationships/goal_import.h"
#include "domain/relationships/note.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

inline constexpr std::string_view kDemoRelationshipsProgramName = "Leadership Circle";
inline constexpr int kDemoRelationships = 160;

struct DemoRelationshipStores {
  PeopleService& people;
  PeopleRepository& people_rows;  // the repository under `people`
  ProgramRepository& programs;
  ApplicationRepository& applications;
  ProposalRepository& proposals;
  RelationshipRepository& relationships;
  GoalRepository& goals;
  GoalHistoryWriter& goal_history;  // stores the goals at the end, at once
  NoteRepository& notes;
  NoteCipher& cipher;
  FeedbackRepository& feedback;
  IntroductionRepository& introductions;
  MatchingService& matching;
  MeetingRepository& meetings;
};

struct DemoRelationshipSummary {
  int relationships = 0;
  int pending = 0, active = 0, completed = 0, ended_early = 0;
  int meetings = 0, action_items = 0;
};

// Creates the program and its relationships unless a program of that name exists (then zero
// counts). `coordinator`, `participant` and `admin` are the demo logins' employee ids (may be
// empty). Deterministic for the same directory and options; `now` ends the history.
Result<DemoRelationshipSummary> LoadDemoRelationships(const DemoRelationshipStores& stores,
                                                      const DemoOptions& options,
                                                      const std::string& coordinator,
                                                      const std::string& participant,
                                                      const std::string& admin, TimePoint now);

}  // namespace pairwise::domain
