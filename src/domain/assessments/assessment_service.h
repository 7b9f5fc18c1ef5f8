// Competency assessments (issue 23): the program's coordinators pick the competencies; the
// mentee rates themself and the mentor rates the mentee at the start and at the end
// (PhaseWindow), one sheet per rater and phase, editable while the phase is open; the pair reads
// their own pre -> post; the program's coordinators and admins read the aggregate only
// (SummarizeAssessments with the surveys' minimum group).
//
// Access (relationship_access.h): a relationship's sheets are its mentor's and mentee's alone
// (RequireAssessmentRater: Forbidden for the program's coordinators, shadow mentors, admins and
// managers, NotFound for strangers); the competencies and the aggregate are the program's
// coordinators' and admins' (MaySeeAssessmentAggregate); managers see nothing. API tokens:
// Forbidden.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/assessments/assessment_repository.h"
#include "domain/people/people_service.h"
#include "domain/programs/program_reader.h"
#include "domain/relationships/relationship_service.h"

namespace pairwise::domain {

// One phase as the pair sees it.
struct PhaseView {
  AssessmentPhase phase = AssessmentPhase::kStart;
  std::optional<AssessmentWindow> window;  // unset: not known yet, or never (ended early)
  bool open = false;
  std::optional<Assessment> mine;  // the actor's own sheet
  // The other side's sheet, once the actor saved theirs for this phase (so that neither rates
  // with the other's answer in view).
  std::optional<Assessment> other;
};

struct PairAssessments {
  RelationshipId relationship;
  Side side = Side::kMentee;  // the actor's
  std::vector<AssessmentCompetency> competencies;
  std::vector<PhaseView> phases;  // start, end
};

// A phase waiting for the actor's ratings (My mentoring's "Assessments due").
struct AssessmentDue {
  RelationshipId relationship;
  std::string program_name;
  std::string other_name;  // the other side of the pair
  Side side = Side::kMentee;
  AssessmentPhase phase = AssessmentPhase::kStart;
  TimePoint closes{};
};

// Thread-safe as far as its dependencies are.
class AssessmentService {
 public:
  // All must outlive the service.
  AssessmentService(AssessmentRepository& repository, RelationshipService& relationships,
                    ProgramReader& programs, PeopleService& people, const Clock& clock)
      : repository_(repository),
        relationships_(relationships),
        programs_(programs),
        people_(people),
        clock_(clock) {}

  // The program's competencies: its coordinators and admins. NotFound for a program the actor
  // may not see, Forbidden for other people.
  Result<std::vector<AssessmentCompetency>> Competencies(const Actor& actor, ProgramId program);
  // Replaces them from skill codes (CompetenciesFrom's errors).
  Result<std::vector<AssessmentCompetency>> SetCompetencies(const Actor& actor, ProgramId program,
                                                            const std::vector<std::string>& codes);
  // The aggregate (SummarizeAssessments, the surveys' default minimum group).
  Result<AssessmentResults> Results(const Actor& actor, ProgramId program);

  // The pair's own sheets. RequireAssessmentRater's errors.
  Result<PairAssessments> ForRelationship(const Actor& actor, RelationshipId relationship);
  // The actor saves their sheet of `phase` as of `version` (0: new). Conflict "phase_closed"
  // outside the phase's window (also before it opens), "no_competencies" when the program
  // assesses none, "stale_assessment" for a stale version; CheckRatings' InvalidArgument.
  Result<PairAssessments> Rate(const Actor& actor, RelationshipId relationship,
                               AssessmentPhase phase, int version,
                               const std::map<std::string, int>& ratings);
  // The open phases the actor has not rated, in their relationships of programs that assess.
  Result<std::vector<AssessmentDue>> Due(const Actor& actor);

  // The program's aggregate without an actor, for the dashboard once it checked its reader.
  Result<AssessmentResults> ResultsOf(ProgramId program);

 private:
  Result<Program> Coordinated(const Actor& actor, ProgramId id);
  Result<PairAssessments> View(const Actor& actor, const RelationshipDetail& detail);

  AssessmentRepository& repository_;
  RelationshipService& relationships_;
  ProgramReader& programs_;
  PeopleService& people_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
