// Matching proposals: a run of the matching engine over one program, kept with who ran it,
// when and with which settings; its pairs (score, per-criterion points, the explanation in
// words), its unmatched mentees with reasons, and summary figures. A proposal is also the job
// that computes it: queued, claimed by one server's worker, running with progress, then done,
// failed or cancelled; a done proposal may be edited by hand and published once.
// Plain values and the repository.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/mail/mail_queue.h"
#include "domain/proposals/match_settings.h"
#include "domain/relationships/relationship.h"
#include "matching/instance.h"

namespace pairwise::domain {

// queued -> running -> done | failed | cancelled; done -> published. A queued or running
// proposal may be asked to cancel.
enum class ProposalStatus { kQueued, kRunning, kDone, kFailed, kCancelled, kPublished };
// "queued" | "running" | "done" | "failed" | "cancelled" | "published".
std::string_view ProposalStatusName(ProposalStatus status);
std::optional<ProposalStatus> ParseProposalStatus(std::string_view name);

// full: the whole program; rematch: new partners for the freed people while every published
// relationship stays.
enum class ProposalKind { kFull, kRematch };
// "full" | "rematch".
std::string_view ProposalKindName(ProposalKind kind);
std::optional<ProposalKind> ParseProposalKind(std::string_view name);

// What a proposal shows of a person, as the directory had it when the pair was made.
struct PersonSnapshot {
  std::string name;        // "first last"
  std::string department;  // name; empty when none
  std::string site;        // name; empty when none
  int level = 0;
  friend bool operator==(const PersonSnapshot&, const PersonSnapshot&) = default;
};

struct ProposalPair {
  std::string mentee;  // employee ids
  std::string mentor;
  PersonSnapshot mentee_info;
  PersonSnapshot mentor_info;
  int64_t score = 0;
  std::array<int, matching::kCriterionCount> points{};  // per criterion, 0..100 (unweighted)
  std::string explanation;                              // in words
  bool pinned = false;                                  // kept by a pin
  bool manual = false;                                  // set by hand after the run
  std::vector<std::string> broken_rules;  // manual pairs only: hard rules the pair breaks
  friend bool operator==(const ProposalPair&, const ProposalPair&) = default;
};

struct ProposalUnmatched {
  std::string mentee;
  PersonSnapshot mentee_info;
  std::string reason;       // the engine's code: "no_eligible_mentor", "mentors_full", ...
  std::string explanation;  // in words
  friend bool operator==(const ProposalUnmatched&, const ProposalUnmatched&) = default;
};

struct ProposalSummary {
  int mentees = 0;  // in the run (rematch: the freed ones)
  int mentors = 0;
  int matched = 0;
  int64_t total_score = 0;
  double mean_score = 0;
  int64_t lowest_score = 0;  // 0 when nobody is matched
  bool optimal = false;
  std::optional<int64_t> greedy_total;  // the greedy pairing's total, for comparison
  int greedy_matched = 0;
  int ranked_honoured = 0;  // pairs whose mentor the mentee ranked
  int first_choice = 0;     // pairs whose mentor the mentee ranked first
  int mentees_with_ranking = 0;
  // mentor_load[i]: mentors with i mentees (i up to the largest load).
  std::vector<int> mentor_load;
  // score_histogram[i]: pairs scoring in [i * bucket, (i + 1) * bucket).
  std::vector<int> score_histogram;
  int64_t score_bucket = 1;
  // Things the coordinator should know about the run ("3 people are approved on both sides
  // and took part as mentees only.").
  std::vector<std::string> warnings;
  double engine_ms = 0;  // the engine's solve, end to end
  double total_ms = 0;   // from claim to stored
  friend bool operator==(const ProposalSummary&, const ProposalSummary&) = default;
};

struct Proposal {
  ProposalId id;
  ProgramId program;
  ProposalKind kind = ProposalKind::kFull;
  ProposalStatus status = ProposalStatus::kQueued;
  MatchSettings settings;
  std::vector<std::string> freed;  // rematch: the people freed
  std::string created_by;          // employee id
  TimePoint created_at{};
  std::optional<TimePoint> finished_at;
  int progress = 0;   // percent, 0..100
  std::string phase;  // what the run is doing now, in words
  bool cancel_requested = false;
  std::string error;        // failed: why, in words for the coordinator
  ProposalSummary summary;  // done and published only
  std::string published_by;
  std::optional<TimePoint> published_at;
  int edits = 0;  // hand changes since the run
  // Run with settings given for this run only (not the saved ones): shown as a what-if, and
  // published only when the coordinator says so.
  bool what_if = false;
};

enum class ConstraintKind { kPin, kForbid };
// "pin" | "forbid".
std::string_view ConstraintKindName(ConstraintKind kind);
std::optional<ConstraintKind> ParseConstraintKind(std::string_view name);

// A coordinator's pin (the pair is in every run) or forbid (never proposed) in one program.
struct PairConstraint {
  ProgramId program;
  std::string mentee;
  std::string mentor;
  ConstraintKind kind = ConstraintKind::kPin;
  std::string created_by;
  TimePoint created_at{};
  friend bool operator==(const PairConstraint&, const PairConstraint&) = default;
};

// What a finished run stores.
struct ProposalOutcome {
  std::vector<ProposalPair> pairs;  // ordered by mentee
  std::vector<ProposalUnmatched> unmatched;
  ProposalSummary summary;
};

// Everything publishing writes, in one transaction.
struct PublishPlan {
  ProposalId proposal;
  ProgramId program;
  std::string published_by;
  TimePoint now{};
  std::vector<Relationship> create;  // ids are assigned
  std::vector<RelationshipId> end;   // active ones, ended with end_reason
  std::string end_reason;
  // Queued in the outbox in the same transaction; each passed MailService::Check.
  std::vector<MailMessage> mails;
};

// Thread-safe, and safe across servers sharing one database. Errors common to every method:
// Unavailable when the store cannot be reached; Internal for anything unexpected.
class ProposalRepository {
 public:
  virtual ~ProposalRepository() = default;

  // Settings saved for the program; nullopt when none were saved.
  virtual Result<std::optional<MatchSettings>> FindSettings(ProgramId program) = 0;
  // Changes the program's settings in one write transaction: reads the saved ones (`defaults`
  // when none were saved), lets `change` edit them, and stores the result as saved by
  // `saved_by`. When `change` fails, nothing is written and its error is returned. Returns
  // the settings stored.
  virtual Result<MatchSettings> UpdateSettings(ProgramId program, const MatchSettings& defaults,
                                               const std::function<Status(MatchSettings&)>& change,
                                               std::string_view saved_by, TimePoint now) = 0;

  // The program's pins and forbids, ordered by mentee then mentor.
  virtual Result<std::vector<PairConstraint>> ListConstraints(ProgramId program) = 0;
  // Adds the constraint, replacing one on the same pair. A pin replaces every other pin of the
  // mentee (a mentee has one mentor). Returns the stored constraint.
  virtual Result<PairConstraint> PutConstraint(const PairConstraint& constraint) = 0;
  // NotFound when the pair has no constraint.
  virtual Status DeleteConstraint(ProgramId program, std::string_view mentee,
                                  std::string_view mentor) = 0;

  // Stores a queued proposal (id, status and progress are set here). Returns it. Conflict with
  // reason "run_in_progress" when the program already has a queued or running proposal: the
  // store guarantees one at a time per program (a partial unique index), whatever races.
  virtual Result<Proposal> CreateProposal(const Proposal& proposal) = 0;
  // NotFound for an unknown id. Pairs and unmatched are not included.
  virtual Result<Proposal> FindProposal(ProposalId id) = 0;
  // The program's proposals, newest first.
  virtual Result<std::vector<Proposal>> ListProposals(ProgramId program) = 0;
  virtual Result<std::vector<ProposalPair>> ListPairs(ProposalId id) = 0;
  virtual Result<std::vector<ProposalUnmatched>> ListUnmatched(ProposalId id) = 0;

  // Job queue. Claims the oldest queued proposal (or a running one whose lease ended: its
  // server died) for `worker` until `lease_until`, and marks it running. Two claimers never
  // hold one proposal at once (PostgreSQL: FOR UPDATE SKIP LOCKED). nullopt when none waits.
  virtual Result<std::optional<Proposal>> ClaimNext(const std::string& worker, TimePoint now,
                                                    TimePoint lease_until) = 0;
  // Records progress of a claimed run and extends the lease. Returns whether a cancel was
  // requested. Conflict when `worker` no longer holds it.
  virtual Result<bool> ReportProgress(ProposalId id, const std::string& worker, int progress,
                                      std::string_view phase, TimePoint lease_until) = 0;
  // Stores the outcome and marks the proposal done, in one transaction. Conflict when
  // `worker` no longer holds it.
  virtual Status Complete(ProposalId id, const std::string& worker, const ProposalOutcome& outcome,
                          TimePoint now) = 0;
  // Ends a claimed run as failed (with `error`) or cancelled. Conflict as above.
  virtual Status Finish(ProposalId id, const std::string& worker, ProposalStatus status,
                        std::string_view error, TimePoint now) = 0;
  // A queued proposal is cancelled at once; a running one is asked to cancel (its worker
  // stops at the next phase). Conflict "not_running" for any other status.
  virtual Result<Proposal> RequestCancel(ProposalId id, TimePoint now) = 0;

  // Hand edits of a done proposal, in one transaction: removes the pairs of `remove_mentees`,
  // adds `add` (and removes those mentees from the unmatched), puts `unmatched` (mentees left
  // without a mentor) in the unmatched list, and stores `summary`. Conflict "not_editable"
  // unless the proposal is done.
  virtual Status EditPairs(ProposalId id, const std::vector<std::string>& remove_mentees,
                           const std::vector<ProposalPair>& add,
                           const std::vector<ProposalUnmatched>& unmatched,
                           const ProposalSummary& summary) = 0;

  // Publishes in one transaction: creates the relationships, ends the listed ones, queues the
  // mails in the outbox and marks the proposal published. Conflict "not_publishable" unless the
  // proposal is done; Conflict "already_published" when a full proposal of the program was
  // published before (for a full one); any failure leaves nothing written. Returns the
  // relationships created.
  virtual Result<std::vector<Relationship>> Publish(const PublishPlan& plan) = 0;
};

}  // namespace pairwise::domain
