// Relationship health and nudges (issue 22): the scheduler's tick (health, ladder nudges,
// meeting reminders the day before, relationships reaching their agreed end), the
// coordinator's health board and settings with their previews, a coordinator's own nudges, and
// each person's choice about non-essential reminders. See docs/health.md.
//
// Access: the scheduler's record is the admins'; a program's board is its coordinators', its
// shadow mentors' and the admins'; its settings, nudges, mentor load and label history its
// coordinators' and the admins'; a relationship's health its overseers'
// (RelationshipRelations::Overseer), its nudges its overseers' and, for the nudges sent to them,
// its mentor's and mentee's. API tokens: Forbidden.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/health/health.h"
#include "domain/health/health_repository.h"
#include "domain/health/nudge.h"
#include "domain/health/tick_step.h"
#include "domain/programs/program_service.h"
#include "domain/relationships/relationship_service.h"

namespace pairwise::domain {

// What one tick did.
struct TickReport {
  std::string period;
  bool ran = false;  // false: another server holds or finished this period
  int scored = 0, needs_attention = 0, at_risk = 0;
  int nudges_sent = 0, nudges_waiting = 0;  // waiting: working hours, weekly limit
  int reminders_sent = 0;
  int completed = 0;
  int ended_for_leavers = 0;       // relationships of people who left, ended by the catch-up
  std::vector<std::string> steps;  // what the other steps (TickStep) did, in words
  std::string summary;             // the above in words
};

// A program's health settings and ladder, as the coordinator edits them.
struct HealthConfig {
  HealthSettings settings;
  std::vector<NudgeStep> ladder;
  bool saved = false;  // false: the defaults (never saved)
};

// One mail the ladder would send today.
struct NudgePreview {
  RelationshipId relationship;
  int step = 0;  // 1-based
  std::string recipient, recipient_name, recipient_role;
  std::string recipient_email;  // where it goes (not shown)
  std::string subject, body;
  bool already_sent = false;
  bool waits = false;  // outside the recipient's working hours, or their weekly limit is reached
  bool opted_out = false;
};

struct HealthPreview {
  int changes = 0;  // relationships whose label the new settings change
  int on_track = 0, needs_attention = 0, at_risk = 0;  // under the new settings
  std::vector<NudgePreview> mails;                     // what the new ladder would send today
};

// A relationship's health as its overseers see it, with the nudges the actor may see.
struct RelationshipHealthView {
  std::optional<Health> health;  // nullopt for the pair (they see their nudges) or not active
  std::vector<NudgeRecord> nudges;
};

// What the ladder needs to know about the people of many pairs at once, read in a few queries
// rather than several per pair (HealthService::Lookup).
struct NudgeLookup {
  std::unordered_map<std::string, NudgeContact> contacts;  // by employee id
  std::unordered_set<std::string> opted_out;
  std::unordered_map<std::string, int> week_counts;  // nudges in the last 7 days
  std::unordered_set<std::string> sent;  // "relationship/step/period/recipient" of the episodes
};

class HealthService : public RelationshipActivityObserver {
 public:
  // All must outlive the service.
  HealthService(HealthRepository& repository, ProgramReader& program_reader,
                RelationshipService& relationships, const Clock& clock, std::string base_url)
      : repository_(repository),
        program_reader_(program_reader),
        relationships_(relationships),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  // How long a claimed tick is a worker's before another may take it over.
  static constexpr std::chrono::minutes kTickLease{10};
  // A side that has not accepted the agreement this many days after the relationship was
  // created is reminded once.
  static constexpr int kAgreementReminderDays = 7;

  // The tick of the current hour (as of `at`, default now), if no other worker holds it or
  // finished it (`again`: also when finished). Idempotent: every nudge and reminder is recorded
  // once whatever runs twice.
  Result<TickReport> Tick(const std::string& worker, bool again,
                          std::optional<TimePoint> at = std::nullopt);
  // Admins: the latest ticks, and running one now (again if this hour's already ran).
  Result<std::vector<TickRecord>> ListTicks(const Actor& actor, int limit);
  Result<TickReport> RunTick(const Actor& actor, const std::string& worker);
  // Adds `step` to every tick after health's own work (surveys). `step` must outlive the
  // service; call before the tick worker starts (not thread-safe).
  void AddTickStep(TickStep& step) { steps_.push_back(&step); }

  // Re-scores the active relationships of `program` (all programs when unset) now. Returns how
  // many were scored.
  Result<int> Rescore(std::optional<ProgramId> program);
  // Re-scores one relationship now (its stored health removed once it is no longer active).
  Status RescoreRelationship(RelationshipId relationship);
  // RelationshipActivityObserver: something happened in the relationship; its health is
  // recomputed at once (RescoreRelationship), failures logged.
  void RelationshipChanged(RelationshipId relationship) override;

  Result<HealthBoardPage> Board(const Actor& actor, ProgramId program, const HealthBoardQuery& q);
  Result<std::vector<MentorLoad>> MentorLoads(const Actor& actor, ProgramId program);
  // The chart of labels over time: the program's label counts per day (as each day's last tick
  // stored them) over the last `days` days, today included, oldest first; days without a tick
  // are left out. The program's coordinators and admins; InvalidArgument "days" outside
  // 1..kMaxHistoryDays.
  static constexpr int kMaxHistoryDays = 366;
  Result<std::vector<HealthLabelDay>> LabelHistory(const Actor& actor, ProgramId program, int days);
  Result<HealthConfig> GetConfig(const Actor& actor, ProgramId program);
  // Saves and re-scores the program's pairs. InvalidArgument naming the field.
  Result<HealthConfig> SaveConfig(const Actor& actor, ProgramId program,
                                  const HealthConfig& config);
  // What `config` would change and send today, without saving.
  Result<HealthPreview> Preview(const Actor& actor, ProgramId program, const HealthConfig& config);
  // The coordinator's own nudge to the pairs `relationships` of the program (their first ladder
  // step's words unless `message` is given): at once, whatever the hours, limits and opt-outs,
  // once a day per pair. Returns the mails queued. NotFound for a relationship not in the
  // program or not active.
  Result<int> NudgePairs(const Actor& actor, ProgramId program,
                         const std::vector<RelationshipId>& relationships,
                         const std::optional<std::string>& message);

  Result<RelationshipHealthView> ForRelationship(const Actor& actor, RelationshipId id);

  // Unresponsive mentor -> backfill: the program's coordinator replaces the mentor of an active
  // relationship whose mentor is unresponsive (MentorUnresponsive): it ends no-fault, the
  // mentor is told kindly, and the mentee's rematch is queued
  // (RelationshipService::ReplaceMentor). NotFound / Forbidden as for the relationship and its
  // program's coordinators; Conflict "mentor_responsive" when the mentor is not unresponsive,
  // "not_in_force" once ended; the rematch's own errors.
  Result<Proposal> ReplaceMentor(const Actor& actor, RelationshipId id);

  // Whether the actor turned off non-essential reminders (ladder nudges, meeting reminders).
  Result<bool> RemindersOff(const Actor& actor);
  Status SetRemindersOff(const Actor& actor, bool off);

 private:
  Result<Program> Coordinated(const Actor& actor, ProgramId id);
  Result<HealthConfig> ConfigOf(ProgramId program);
  // Scores `facts` under each program's settings, carrying flagged_since over from `stored`.
  Result<std::vector<Health>> Score(const std::vector<HealthFacts>& facts, TimePoint now,
                                    const std::optional<HealthConfig>& override_config);
  // The contacts and opt-outs of `ids`.
  Result<NudgeLookup> PeopleOf(std::vector<std::string> ids);
  // Everything DueMails needs for the flagged among `scored` (facts in the same order) of
  // `programs`: their people, the nudges they had this week, the nudges of their episodes.
  Result<NudgeLookup> Lookup(const std::vector<Health>& scored,
                             const std::vector<HealthFacts>& facts,
                             const std::vector<const Program*>& programs, TimePoint now);
  // The ladder mails due for `health` (sent or previewed).
  static std::vector<NudgePreview> DueMails(const Health& health, const HealthFacts& facts,
                                            const Program& program, const HealthConfig& config,
                                            const NudgeLookup& lookup, TimePoint now);
  // The tick's first step: ends the relationships in force of people who left, set-based (the
  // coordinators' mails and the webhook event of each in its batch's transaction). Returns how
  // many it ended.
  Result<int> EndLeaversRelationships(TimePoint now);
  Result<int> SendReminders(TimePoint now);
  // Agreement and feedback reminders (RelationshipReminderDue), each once.
  Result<int> SendRelationshipReminders(TimePoint now);
  // MentorUnresponsive for a stored health, with the program's ladder and the nudges.
  Result<bool> MentorUnresponsiveNow(const Health& health, const HealthConfig& config);

  HealthRepository& repository_;
  ProgramReader& program_reader_;
  RelationshipService& relationships_;
  const Clock& clock_;
  std::string base_url_;
  std::vector<TickStep*> steps_;
};

// Whether the mentor of the relationship with `health` counts as unresponsive: a
// responsiveness reason concerns the mentor, or the last enabled step of `ladder` was sent in
// this episode (nudges of NudgePeriod(flagged_since)) while the mentor is the quiet side.
bool MentorUnresponsive(const Health& health, const std::vector<NudgeStep>& ladder,
                        const std::vector<NudgeRecord>& nudges);

// Each program's label counts among `scored`, for the day (UTC) of `now`.
std::vector<HealthLabelDay> LabelDays(const std::vector<Health>& scored, TimePoint now);

// "2026-12-07T04": the hour of `at` in UTC, the scheduler's period.
std::string TickPeriod(TimePoint at);

}  // namespace pairwise::domain
