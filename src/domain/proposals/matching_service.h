// Matching a program, with its access rules: only the program's coordinators (and admins) see or
// change its match settings, pins, forbids and proposals (NotFound to people who may not see the
// program, Forbidden to the others). A run is a job: StartRun stores a queued proposal and
// returns at once; a worker (RunNextJob, on any server sharing the database) claims it, loads the
// program's approved participants with their directory entries, profiles and application
// answers, runs the matching engine, and stores pairs with explanations, unmatched mentees with
// reasons and summary figures, reporting progress and stopping when cancelled.
// Publishing turns a proposal into relationships in one transaction with the mails to both sides
// and their managers.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/applications/application_repository.h"
#include "domain/people/people_service.h"
#include "domain/profiles/profile_repository.h"
#include "domain/programs/participation.h"
#include "domain/programs/program_reader.h"
#include "domain/proposals/matching_inputs.h"
#include "domain/proposals/proposal.h"
#include "domain/proposals/proposal_figures.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

struct SettingsView {
  MatchSettings settings;  // saved, or the defaults
  MatchSettings defaults;
  bool saved = false;
  std::vector<Question> mentee_questions;  // current forms, for mapping questions
  std::vector<Question> mentor_questions;
  int mentees = 0;  // approved
  int mentors = 0;
  bool published = false;  // a full proposal of the program was published
};

struct ConstraintView {
  PairConstraint constraint;
  std::string mentee_name;
  std::string mentor_name;
};

// One mentee's move in a hand change.
struct ChangeEffect {
  std::string mentee;
  std::string mentee_name;
  std::string from_mentor;  // empty: unmatched before
  std::string from_mentor_name;
  int64_t score_before = 0;
  std::string to_mentor;  // empty: unmatched after
  std::string to_mentor_name;
  std::optional<ProposalPair> after;  // the new pair, with its points and explanation
};

// A hand change: `mentee` to `mentor` (empty: leave the mentee unmatched), or, with
// `swap_with`, two mentees exchange mentors.
struct PairChange {
  std::string mentee;
  std::string mentor;
  std::string swap_with;
};

struct ChangePreview {
  std::vector<ChangeEffect> effects;
  std::vector<std::string> broken_rules;  // hard-rule names the new pairs break
  int64_t total_before = 0;
  int64_t total_after = 0;
  // Set when the change cannot be made at all (a mentor over capacity, the management chain);
  // broken_rules alone need the coordinator's confirmation.
  std::string refusal;
};

struct Comparison {
  Proposal a;
  Proposal b;
  int64_t changed = 0;                  // mentees whose mentor differs
  std::vector<PairDifference> changes;  // the first `limit`
};

struct PublishPreview {
  int relationships = 0;  // to create
  int ended = 0;          // rematch: relationships ended
  int mails = 0;          // to both sides and their managers
  // What no longer holds since the run, for a warning before publishing (all empty/zero/false
  // when the proposal still reflects the program):
  std::vector<std::string> changed_settings;  // DifferingSettings(run's, current)
  int pins_missing = 0;                       // current pins whose pair the proposal does not have
  int forbids_present = 0;                    // current forbids whose pair the proposal has
  bool enrollment_open = false;               // the program still takes applications
};

// Thread-safe as far as its dependencies are; holds no state of its own.
class MatchingService {
 public:
  // All must outlive the service. `base_url` prefixes links in mails.
  MatchingService(ProposalRepository& proposals, RelationshipReader& relationships,
                  ProgramReader& programs, ParticipationReader& participants,
                  ApplicationRepository& applications, PeopleService& people,
                  ProfileRepository& profiles, AuditLog& audit, const Clock& clock,
                  std::string base_url)
      : proposals_(proposals),
        relationships_(relationships),
        programs_(programs),
        participants_(participants),
        applications_(applications),
        people_(people),
        profiles_(profiles),
        audit_(audit),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  Result<SettingsView> GetSettings(const Actor& actor, ProgramId program);
  // Applies `change` to the saved settings (or the defaults) and saves the result, reading
  // and writing them in one transaction, so that two coordinators' changes to different
  // fields both stay. InvalidArgument naming the field (CheckMatchSettings); nothing is
  // written then.
  Result<SettingsView> UpdateSettings(const Actor& actor, ProgramId program,
                                      const SettingsChange& change);

  Result<std::vector<ConstraintView>> ListConstraints(const Actor& actor, ProgramId program);
  // InvalidArgument "mentee"/"mentor" for someone not an approved participant on that side;
  // for a pin, InvalidArgument "mentor" when the pair breaks a hard rule under the saved
  // settings (naming the rules) or the mentor's pins already fill their capacity.
  Result<ConstraintView> PutConstraint(const Actor& actor, ProgramId program,
                                       const std::string& mentee, const std::string& mentor,
                                       ConstraintKind kind);
  Status DeleteConstraint(const Actor& actor, ProgramId program, const std::string& mentee,
                          const std::string& mentor);

  // Queues a run with the saved settings (or the defaults), with `what_if` applied over them
  // when given (checked as UpdateSettings does, but not saved).
  // Conflict "run_in_progress" while another run of the program is queued or running;
  // Conflict "already_published" once the program is published (rematch instead);
  // Conflict "no_participants" without approved mentees and mentors.
  Result<Proposal> StartRun(const Actor& actor, ProgramId program,
                            const std::optional<SettingsChange>& what_if);
  // Queues a rematch freeing `employee_ids` (mentees or mentors with an active relationship in
  // the program, or approved mentees without one). InvalidArgument "employee_ids" otherwise;
  // Conflict "not_published" before the program is published.
  Result<Proposal> StartRematch(const Actor& actor, ProgramId program,
                                const std::vector<std::string>& employee_ids);
  Result<std::vector<Proposal>> ListProposals(const Actor& actor, ProgramId program);
  Result<Proposal> GetProposal(const Actor& actor, ProgramId program, ProposalId proposal);
  // Conflict "not_running" when the run already ended.
  Result<Proposal> CancelRun(const Actor& actor, ProgramId program, ProposalId proposal);
  // InvalidArgument for a query out of range ("limit", "sort").
  Result<PairPage> ListPairs(const Actor& actor, ProgramId program, ProposalId proposal,
                             const PairQuery& query);
  Result<std::vector<ProposalUnmatched>> ListUnmatched(const Actor& actor, ProgramId program,
                                                       ProposalId proposal);
  Result<FairnessView> GetFairness(const Actor& actor, ProgramId program, ProposalId proposal);
  // Both proposals must be of the program.
  Result<Comparison> Compare(const Actor& actor, ProgramId program, ProposalId a, ProposalId b,
                             int limit);

  // The effect of a hand change on a done proposal: the new pairs' scores, explanations and
  // broken rules. InvalidArgument "mentee"/"mentor"/"swap_with" for people not in the
  // proposal's program on that side; Conflict "not_editable" unless the proposal is done.
  Result<ChangePreview> PreviewChange(const Actor& actor, ProgramId program, ProposalId proposal,
                                      const PairChange& change);
  // Makes the change. Conflict "change_refused" when the preview has a refusal; Conflict
  // "confirm_broken_rules" when it breaks rules and `accept_broken_rules` is false.
  Result<ChangePreview> ApplyChange(const Actor& actor, ProgramId program, ProposalId proposal,
                                    const PairChange& change, bool accept_broken_rules);

  Result<PublishPreview> PreviewPublish(const Actor& actor, ProgramId program, ProposalId proposal);
  // Conflict "not_publishable" unless done; "already_published" for a second full publish.
  Result<PublishPreview> Publish(const Actor& actor, ProgramId program, ProposalId proposal);

  // Claims and runs the next queued proposal as `worker`. Returns whether one ran (whatever
  // its outcome: failures are stored on the proposal). Errors only from storage.
  Result<bool> RunNextJob(const std::string& worker);

  // How long a claim lasts without progress before another worker may take the run over.
  static constexpr std::chrono::seconds kLease{120};

 private:
  Result<Program> CoordinatedProgram(const Actor& actor, ProgramId program);
  Result<Proposal> ProgramProposal(ProgramId program, ProposalId proposal);
  Result<bool> IsPublished(ProgramId program);
  // The saved settings, or the defaults when none were saved.
  Result<MatchSettings> CurrentSettings(const Program& program);
  // The program's two application forms (mentee, mentor).
  Result<std::pair<ApplicationForm, ApplicationForm>> Forms(ProgramId program);
  Result<SettingsView> ViewOf(const Program& program, const ApplicationForm& mentee_form,
                              const ApplicationForm& mentor_form, MatchSettings settings,
                              bool saved);
  Status RunJob(const Proposal& proposal, const std::string& worker);
  Result<MatchingInputs> LoadInputs(const Program& program, const MatchSettings& settings,
                                    bool whole_directory);
  Result<ProposalPair> ScoreOnePair(const Program& program, const MatchSettings& settings,
                                    const std::string& mentee, const std::string& mentor,
                                    bool* chain_broken);
  Result<ChangePreview> Plan(const Program& program, const Proposal& proposal,
                             const PairChange& change, std::vector<ProposalPair>& pairs,
                             std::vector<ProposalUnmatched>& unmatched);
  PersonSnapshot Snapshot(const Person& person, const std::vector<Department>& departments,
                          const std::vector<Site>& sites) const;
  void Audit(const Actor& actor, std::string action, std::string target, std::string detail);

  ProposalRepository& proposals_;
  RelationshipReader& relationships_;
  ProgramReader& programs_;
  ParticipationReader& participants_;
  ApplicationRepository& applications_;
  PeopleService& people_;
  ProfileRepository& profiles_;
  AuditLog& audit_;
  const Clock& clock_;
  std::string base_url_;
};

}  // namespace pairwise::domain
