// Storage of relationship health, nudges and the scheduler's ticks (migrations 0022, 0030,
// 0032). The
// interface the domain speaks; storage/health_repository.cpp implements it on SQLite and
// PostgreSQL. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/health/health.h"
#include "domain/health/nudge.h"
#include "domain/mail/mail_queue.h"
#include "domain/mail/reminder_opt_outs.h"
#include "domain/webhooks/webhook.h"

namespace pairwise::domain {

// One period of the scheduler (an hour: "2026-12-07T04").
struct TickRecord {
  std::string period;
  std::string status;  // "running" | "done" | "failed"
  std::string claimed_by;
  int attempts = 0;
  TimePoint started_at{};
  std::optional<TimePoint> finished_at;
  TimePoint lease_until{};
  std::string summary;  // what it did, in words
};

// Someone the ladder may write to.
struct NudgeContact {
  std::string employee_id;
  std::string name;  // "first last"
  std::string email;
  std::string time_zone;
  std::string first_name;
};

// One nudge sent (or, in a preview, that would be sent).
struct NudgeRecord {
  RelationshipId relationship;
  int step = 0;        // 1-based ladder step; 0 for a coordinator's own nudge
  std::string period;  // NudgePeriod, or "manual-<date>" for a coordinator's own
  std::string recipient;
  std::string recipient_role;  // "mentor" | "mentee" | "shadow_mentor" | "coordinator"
  std::string subject;
  std::string body;
  std::string sent_by;  // empty for the ladder; the coordinator's employee id
  TimePoint created_at{};
};

// A page of a program's stored health, for the board.
struct HealthBoardQuery {
  std::optional<HealthLabel> label;          // only this label; nullopt: all
  std::optional<HealthComponent> component;  // only pairs this component pulled down
  std::optional<HealthSide> side;            // only pairs with a reason about this side
  int64_t offset = 0;
  int limit = 50;  // 1..200
};
struct HealthBoardRow {
  Health health;
  std::string mentor, mentee;            // employee ids
  std::string mentor_name, mentee_name;  // display names
  // The coordinator may replace the mentor (HealthService::ReplaceMentor); set by the service.
  bool mentor_unresponsive = false;
};
struct HealthBoardPage {
  std::vector<HealthBoardRow> items;  // lowest score first, then relationship id
  int64_t total = 0;
  int on_track = 0, needs_attention = 0, at_risk = 0;  // the program's counts, unfiltered
};

// A scheduled meeting starting soon, with the pair to remind.
struct MeetingReminderDue {
  int64_t meeting_id = 0;
  RelationshipId relationship;
  TimePoint starts_at{};
  NudgeContact mentor, mentee;
};

// An agreement or feedback reminder due to one side of a relationship.
struct RelationshipReminderDue {
  RelationshipId relationship;
  ProgramId program;
  std::string kind;       // "agreement" | "feedback"
  int64_t about = 0;      // 0 for the agreement; the logged meeting's id for feedback
  std::string recipient;  // employee id
  std::string other;      // the other side's employee id
};

// Mentor load: hours logged in the last 30 days against the capacity they gave.
struct MentorLoad {
  std::string mentor;
  std::string name;
  double hours_last_month = 0;
  int capacity_hours = 0;
};

// What RecordNudge did.
enum class NudgeRecorded {
  kSent,         // recorded, its mail queued
  kAlreadySent,  // a nudge with the same key exists: nothing written
  kWeeklyLimit,  // the recipient has no free weekly slot: nothing written
};

// One program's label counts on one day (UTC), for the chart of labels over time.
struct HealthLabelDay {
  ProgramId program;
  std::string day;  // "2026-12-07"
  int on_track = 0, needs_attention = 0, at_risk = 0;
};

// A one-click unsubscribe link's stored half (its token is kept only as a hash).
struct UnsubscribeToken {
  std::string employee_id;  // whose reminders it turns off
  std::string kind;         // the kind of mail it came in (kReminderKinds)
  TimePoint created_at;
  std::optional<TimePoint> used_at;  // first time it turned reminders off
};

class HealthRepository : public ReminderOptOuts {
 public:
  virtual ~HealthRepository() = default;

  // Claims the tick of `period` for `worker` until `lease_until` when nobody ran it yet, its
  // last run failed, or the worker that claimed it lost its lease (a crash); with `again`, also
  // when it finished. Returns the claimed record, or nullopt when another worker holds it or it
  // is done. On PostgreSQL the row is locked FOR UPDATE SKIP LOCKED while deciding.
  virtual Result<std::optional<TickRecord>> ClaimTick(const std::string& period,
                                                      const std::string& worker, TimePoint now,
                                                      TimePoint lease_until, bool again) = 0;
  // Records the end of a claimed tick ("done" or "failed") with its summary. Conflict when the
  // worker no longer holds the claim.
  virtual Status FinishTick(const std::string& period, const std::string& worker,
                            const std::string& status, const std::string& summary,
                            TimePoint now) = 0;
  // The latest ticks, newest first.
  virtual Result<std::vector<TickRecord>> ListTicks(int limit) = 0;

  // The facts of every active relationship (all programs when `program` is unset).
  virtual Result<std::vector<HealthFacts>> LoadFacts(std::optional<ProgramId> program,
                                                     TimePoint now) = 0;
  // The facts of one relationship; nullopt unless it is active.
  virtual Result<std::optional<HealthFacts>> LoadRelationshipFacts(RelationshipId relationship,
                                                                   TimePoint now) = 0;
  // The stored health of the relationships (only those stored), keyed as given.
  virtual Result<std::vector<Health>> LoadHealth(std::optional<ProgramId> program) = 0;
  virtual Result<std::optional<Health>> FindHealth(RelationshipId relationship) = 0;
  // Stores (insert or replace) every given health in one transaction, and removes the stored
  // health of relationships no longer active.
  virtual Status SaveHealth(const std::vector<Health>& health) = 0;

  // The program's settings and ladder; nullopt where never saved (the caller uses defaults).
  virtual Result<std::optional<HealthSettings>> FindSettings(ProgramId program) = 0;
  virtual Result<std::optional<std::vector<NudgeStep>>> FindLadder(ProgramId program) = 0;
  // Stores both in one transaction.
  virtual Status SaveSettings(ProgramId program, const HealthSettings& settings,
                              const std::vector<NudgeStep>& ladder, const std::string& by,
                              TimePoint now) = 0;

  // Contacts of the given people, in the order given, once each (unknown ids are left out).
  virtual Result<std::vector<NudgeContact>> FindContacts(const std::vector<std::string>& ids) = 0;

  // Records `nudge` and queues `mail` in the outbox in one transaction, and claims one of the
  // recipient's `weekly_limit` slots (free again 7 days after their last use, as of
  // nudge.created_at) in the same transaction, so that no two writers — two ticks at once — can
  // both take the last one. kAlreadySent when a nudge with the same (relationship, step, period,
  // recipient) exists; kWeeklyLimit when no slot is free and `may_exceed` is false (a ladder
  // nudge): nothing is written in either case. With `may_exceed` (a coordinator's own nudge) the
  // nudge is sent without a slot when none is free.
  virtual Result<NudgeRecorded> RecordNudge(const NudgeRecord& nudge, const MailMessage& mail,
                                            int weekly_limit, bool may_exceed) = 0;
  // One nudge for RecordNudges: RecordNudge's arguments.
  struct NudgeToRecord {
    NudgeRecord nudge;
    MailMessage mail;
    int weekly_limit = 0;
    bool may_exceed = false;
  };
  // RecordNudge for each of `nudges`, with each one's outcome in the order given: what a tick
  // sends, in transactions of a few hundred nudges rather than one each (a crash between two
  // leaves the first recorded with their mail, the rest unwritten, as RecordNudge one by one
  // would). Nudges to the same recipient are recorded in the order given.
  virtual Result<std::vector<NudgeRecorded>> RecordNudges(
      const std::vector<NudgeToRecord>& nudges) = 0;
  // Nudges sent to `recipient` at or after `since`.
  virtual Result<int> CountNudgesSince(const std::string& recipient, TimePoint since) = 0;
  // The same for each of `ids` who had any: (employee id, count).
  virtual Result<std::vector<std::pair<std::string, int>>> CountNudgesSinceAmong(
      const std::vector<std::string>& ids, TimePoint since) = 0;
  // Every nudge sent at or after `since`, with only its key (relationship, step, period,
  // recipient) and created_at filled in.
  virtual Result<std::vector<NudgeRecord>> ListNudgeKeysSince(TimePoint since) = 0;
  // Records nudges sent before (the demo's history) without mail and without claiming slots;
  // those already recorded are left alone. Then gives each recipient without slots the slots of
  // their newest nudges (as migration 32 did). One transaction.
  virtual Status SaveNudgeHistory(const std::vector<NudgeRecord>& nudges) = 0;
  // The relationship's nudges, newest first.
  virtual Result<std::vector<NudgeRecord>> ListNudges(RelationshipId relationship) = 0;
  // The nudges of the given relationships with only their key (relationship, step, period,
  // recipient) and created_at filled in, in no particular order: a board page's in one query.
  virtual Result<std::vector<NudgeRecord>> ListNudgeKeysOf(
      const std::vector<RelationshipId>& relationships) = 0;

  virtual Result<bool> OptedOut(const std::string& employee_id) = 0;
  // Those of `ids` who turned non-essential reminders off (ReminderOptOuts).
  Result<std::vector<std::string>> OptedOutAmong(const std::vector<std::string>& ids) override = 0;
  // Reminders due and not sent yet: each side that has not accepted the agreement of a
  // relationship pending since `pending_since` or earlier; and, for each active relationship,
  // the side that gave no feedback since its last held meeting was logged while the other side
  // did.
  virtual Result<std::vector<RelationshipReminderDue>> DueRelationshipReminders(
      TimePoint pending_since) = 0;
  // Records the reminder and queues `mail` in one transaction, unless it was recorded already:
  // then nothing is written and the answer is false.
  virtual Result<bool> RecordRelationshipReminder(const RelationshipReminderDue& due,
                                                  const MailMessage& mail, TimePoint now) = 0;
  virtual Status SetOptedOut(const std::string& employee_id, bool opted_out, TimePoint now) = 0;

  // One-click unsubscribe links (migration 31). Stores a token's hash for `employee_id`, made
  // for mail of `kind`.
  virtual Status AddUnsubscribeToken(const std::string& token_hash, const std::string& employee_id,
                                     const std::string& kind, TimePoint now) = 0;
  // The token with `token_hash`; nullopt when there is none.
  virtual Result<std::optional<UnsubscribeToken>> FindUnsubscribeToken(
      const std::string& token_hash) = 0;
  // In one transaction: turns reminders off for `employee_id` (unless they are off already) and
  // marks the token used (the first time). True when reminders were on.
  virtual Result<bool> OptOutWithToken(const std::string& employee_id,
                                       const std::string& token_hash, TimePoint now) = 0;

  // Scheduled meetings of active relationships starting in [from, to) with no reminder yet.
  virtual Result<std::vector<MeetingReminderDue>> DueMeetingReminders(TimePoint from,
                                                                      TimePoint to) = 0;
  // Records the meeting's reminder and queues `mails`, once: false when already recorded.
  virtual Result<bool> RecordMeetingReminder(int64_t meeting_id,
                                             const std::vector<MailMessage>& mails,
                                             TimePoint now) = 0;

  // A relationship reaching its agreed end, and the webhook event that says so.
  struct Completion {
    RelationshipId relationship;
    TimePoint at{};                     // its agreed end
    std::optional<WebhookEvent> event;  // "relationship.ended"; none when webhooks are off
  };
  // In one transaction, set-based: takes the relationships in id order (on PostgreSQL locked,
  // as EndForLeavers takes them, so two ticks at once wait, never deadlock), marks those still
  // active completed at their `at`, drops their stored health and queues the event of each one it
  // completed; one no longer active is left alone and its event dropped. Returns how many it
  // completed.
  virtual Result<int> CompleteRelationships(const std::vector<Completion>& completions) = 0;
  // A relationship in force (pending agreement or active) of someone whose directory status is
  // "left": a departure whose ending did not run (departures.h tells after the directory's
  // commit; a server may die in between).
  struct LeaverRelationship {
    RelationshipId relationship;
    ProgramId program;
    std::string mentor, mentee;
    bool mentor_left = false, mentee_left = false;
  };
  // Every such relationship, by id.
  virtual Result<std::vector<LeaverRelationship>> LeaversRelationshipsInForce() = 0;
  // One no-fault ending of EndForLeavers, with what is said of it once it has ended.
  struct LeaverEnding {
    RelationshipId relationship;
    std::string ended_by;               // the side who left
    std::vector<MailMessage> mails;     // the coordinators'
    std::optional<WebhookEvent> event;  // "relationship.ended"
  };
  // In one transaction, set-based: takes the relationships in id order (on PostgreSQL locked, as
  // CompleteRelationships takes them), ends those still in force as RelationshipRepository::End
  // ends one — ended_early, reason "left_organization", ended by `ended_by`, no comment, at
  // `at` — and queues the mails and the event of each one it ended; one that had already ended
  // is left alone, its mails and event dropped. Returns how many it ended.
  virtual Result<int> EndForLeavers(const std::vector<LeaverEnding>& endings, TimePoint at) = 0;

  // The program's mentors — of a relationship in force, or of an ended one with a held meeting
  // in the window — with their logged hours over the 30 days before `now` (0 without any) and
  // the program's capacity in hours (the caller applies each mentor's own).
  virtual Result<std::vector<MentorLoad>> MentorLoads(ProgramId program, TimePoint now) = 0;

  virtual Result<HealthBoardPage> Board(ProgramId program, const HealthBoardQuery& query) = 0;

  // Stores the label counts of each program for its day (insert or replace: the day's last tick
  // wins), in one transaction.
  virtual Status SaveLabelDays(const std::vector<HealthLabelDay>& days) = 0;
  // The program's label counts from `from_day` (inclusive), oldest first.
  virtual Result<std::vector<HealthLabelDay>> LabelHistory(ProgramId program,
                                                           const std::string& from_day) = 0;
};

}  // namespace pairwise::domain
