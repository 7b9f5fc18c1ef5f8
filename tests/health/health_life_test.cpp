// Relationship health and nudges end to end (issue 22): the whole application on SQLite and on
// PostgreSQL with a fake clock moved through a relationship's life — grace, the first flags,
// each ladder step, working hours, the meeting reminder the day before, recovery and the
// agreed end — with every mail delivered to a real SMTP server on loopback; the scheduler's
// lease; and two `pairwise tick` processes on one PostgreSQL sending every nudge exactly once.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/dispatcher.h"
#include "api/router.h"
#include "app/application.h"
#include "domain/demo/demo_relationships.h"
#include "domain/health/health_service.h"
#include "domain/surveys/survey_service.h"
#include "mail/smtp_client.h"
#include "smtp_sink.h"
#include "storage/health_repository.h"
#include "storage/testing/test_database.h"

extern char** environ;

namespace pairwise {
namespace {

using std::chrono::days;
using std::chrono::hours;
using storage::testing::TestDatabase;

// Monday 2 November 2026, 10:00 UTC: the relationship's start.
const TimePoint kStart = *ParseIso8601("2026-11-02T10:00:00Z");

class HealthLife : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam() && !storage::testing::PostgresTestUrl()) {
      if (storage::testing::PostgresRequired()) FAIL() << "PostgreSQL required";
      GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is not set";
    }
    auto test_db = GetParam() ? TestDatabase::Postgres(1) : TestDatabase::Sqlite(1);
    ASSERT_TRUE(test_db.ok()) << test_db.status().ToString();
    test_db_ = std::move(test_db).value();
    test_db_->Close();
    const auto& url = test_db_->url();
    url_ = url.kind == DatabaseKind::kSqlite ? "sqlite:" + url.target : url.target;
    app::ApplicationOptions options;
    options.password_cost = crypto::PasswordCost::Fast();
    options.clock = &clock_;
    options.notes_key = std::string(64, 'a');
    auto app = app::Application::Open(url_, 4, options);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    ASSERT_TRUE(Sql(R"(
      INSERT INTO people (employee_id, first_name, last_name, email, time_zone, job_title, level,
        hire_date, status) VALUES
        ('E1', 'Maria', 'Mentor', 'maria@example.com', 'Europe/London', 'Lead', 6, '2010-01-01', 'active'),
        ('E2', 'Tom', 'Mentee', 'tom@example.com', 'Europe/Lisbon', 'Engineer', 2, '2024-01-01', 'active'),
        ('E3', 'Cora', 'Coordinator', 'cora@example.com', 'Europe/London', 'HR', 5, '2015-01-01', 'active'),
        ('E4', 'Sam', 'Shadow', 'sam@example.com', 'Asia/Tokyo', 'Director', 8, '2005-01-01', 'active');
      INSERT INTO programs (id, name, description, type, need, objectives, start_date, end_date,
        enrollment_opens, enrollment_closes, relationship_months, cadence, capacity_mentees,
        capacity_hours, requires_mentor_credential, manager_approval, max_ranked_choices,
        request_expiry_days, status, created_at_us, updated_at_us) VALUES
        (1, 'Grow', 'd', 'one_on_one', 'career_development', 'o', '2026-10-01', '2027-12-31',
         '2026-09-01', '2026-10-15', 6, 'biweekly', 2, 4, 0, 0, 3, 7, 'open', 0, 0);
      INSERT INTO program_values (program_id, kind, ordinal, value) VALUES
        (1, 'coordinator', 0, 'E3'), (1, 'shadow_mentor', 0, 'E4');
      INSERT INTO relationships (id, program_id, mentor, mentee, status, score, explanation,
        started_at_us, activated_at_us, end_reason, ended_by, end_comment) VALUES
        (1, 1, 'E1', 'E2', 'active', 80, 'e', :start, :start, '', '', '');
      INSERT INTO relationship_agreements (relationship_id, confidentiality, cadence_days,
        length_months, mode, how_to_end, version, adjusted_by, mentor_accepted_at_us,
        mentee_accepted_at_us) VALUES (1, 'c', 14, 3, 'virtual', 'h', 1, 'E1', :start, :start)
    )"));
  }

  // Runs `sql` (statements separated by ";", ":start" the start's microseconds).
  bool Sql(const std::string& sql) {
    std::string text = sql;
    const std::string start = std::to_string(kStart.time_since_epoch().count());
    for (auto at = text.find(":start"); at != std::string::npos; at = text.find(":start")) {
      text.replace(at, 6, start);
    }
    Status s = app_->database().Run(storage::TransactionMode::kWrite, [&](soci::session& session) {
      std::size_t from = 0;
      while (from < text.size()) {
        auto end = text.find(';', from);
        const std::string statement =
            text.substr(from, end == std::string::npos ? end : end - from);
        if (statement.find_first_not_of(" \n") != std::string::npos) session << statement;
        if (end == std::string::npos) break;
        from = end + 1;
      }
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return s.ok();
  }

  long long Count(const std::string& sql) {
    long long n = -1;
    EXPECT_TRUE(app_->database()
                    .Run(storage::TransactionMode::kRead,
                         [&](soci::session& s) {
                           s << sql, soci::into(n);
                           return Status::Ok();
                         })
                    .ok());
    return n;
  }

  domain::TickReport TickAt(TimePoint at) {
    clock_.Advance(std::chrono::duration_cast<std::chrono::microseconds>(at - clock_.Now()));
    auto report = app_->health().Tick("test", /*again=*/true);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : domain::TickReport{};
  }

  domain::Health HealthNow() {
    auto h = app_->health().ForRelationship(Admin(), domain::RelationshipId(1));
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    return h.ok() && h->health ? *h->health : domain::Health{};
  }

  domain::Actor Admin() {
    domain::Actor a;
    a.account_id = domain::AccountId(1);
    a.employee_id = "E3";
    a.roles = {domain::Role::kAdmin};
    return a;
  }

  static bool HasReason(const domain::Health& h, domain::HealthComponent c, domain::HealthSide s,
                        const std::string& words) {
    for (const auto& r : h.reasons) {
      if (r.component == c && r.side == s && r.words == words) return true;
    }
    return false;
  }

  FakeClock clock_{kStart};
  std::unique_ptr<TestDatabase> test_db_;
  std::string url_;
  std::unique_ptr<app::Application> app_;
};

TEST_P(HealthLife, ClockMovedThroughARelationshipsLife) {
  using domain::HealthComponent;
  using domain::HealthLabel;
  using domain::HealthSide;

  // Day 10: new pair, inside the grace period: on track, nothing sent.
  auto report = TickAt(kStart + days(10));
  EXPECT_TRUE(report.ran);
  EXPECT_EQ(report.scored, 1);
  EXPECT_EQ(report.nudges_sent, 0);
  domain::Health h = HealthNow();
  EXPECT_TRUE(h.grace);
  EXPECT_EQ(h.label, HealthLabel::kOnTrack);

  // Day 16 (Wednesday, 10:00): no first meeting, no goals: needs attention; step 1 to the pair.
  report = TickAt(kStart + days(16));
  h = HealthNow();
  EXPECT_FALSE(h.grace);
  EXPECT_EQ(h.label, HealthLabel::kNeedsAttention) << h.score;
  EXPECT_TRUE(HasReason(h, HealthComponent::kFirstMeeting, HealthSide::kBoth,
                        "no first meeting 16 days after the start; the program expects one "
                        "within 14"));
  EXPECT_TRUE(HasReason(h, HealthComponent::kRecency, HealthSide::kBoth,
                        "no meeting in the 16 days since the start; the agreement says every 14"));
  ASSERT_TRUE(h.flagged_since.has_value());
  EXPECT_EQ(*h.flagged_since, kStart + days(16));
  EXPECT_EQ(report.nudges_sent, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE step = 1"), 2);
  // Run again: nothing twice.
  report = TickAt(kStart + days(16) + hours(1));
  EXPECT_EQ(report.nudges_sent, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'nudge'"), 2);

  // The mentee proposes a meeting the mentor leaves unanswered; a goal is on its way; a
  // meeting is scheduled for day 24, 09:00.
  const long long day16 = (kStart + days(16)).time_since_epoch().count();
  const long long day24 = (kStart + days(24) - hours(1)).time_since_epoch().count();
  ASSERT_TRUE(Sql(
      "INSERT INTO meetings (id, relationship_id, mentor, mentee, status, mode, starts_at_us, "
      "ends_at_us, location, video_url, agenda, proposed_by, organizer, uid, sequence, "
      "created_at_us, updated_at_us) VALUES (1, 1, 'E1', 'E2', 'proposed', 'virtual', " +
      std::to_string(day16 + 86400000000LL * 3) + ", " +
      std::to_string(day16 + 86400000000LL * 3 + 3600000000LL) +
      ", '', '', '', 'E2', 'E2', 'u1', 0, " + std::to_string(day16) + ", " + std::to_string(day16) +
      "); INSERT INTO meetings (id, relationship_id, mentor, mentee, status, mode, starts_at_us, "
      "ends_at_us, location, video_url, agenda, proposed_by, organizer, uid, sequence, "
      "created_at_us, updated_at_us) VALUES (2, 1, 'E1', 'E2', 'scheduled', 'virtual', " +
      std::to_string(day24) + ", " + std::to_string(day24 + 3600000000LL) +
      ", '', '', '', 'E1', 'E1', 'u2', 0, " + std::to_string(day16) + ", " + std::to_string(day16) +
      "); INSERT INTO goals (relationship_id, title, measure, target, relevance, skill, "
      "progress_mode, progress, version, created_at_us, updated_at_us) VALUES (1, 'g', 'm', "
      "'t', 'r', 's', 'manual', 40, 1, :start, :start)"));

  // Day 23 at 18:00 UTC: the mentor has not answered for 7 days; step 2 (the quiet side, a
  // week on) is due but the working day in London is over: it waits. The meeting reminder goes
  // (the meeting is tomorrow at 09:00).
  report = TickAt(kStart + days(23) + hours(8));
  h = HealthNow();
  EXPECT_TRUE(HasReason(h, HealthComponent::kResponsiveness, HealthSide::kMentor,
                        "the mentor has not answered 1 meeting proposal (the oldest for 7 days)"))
      << h.reasons.size();
  EXPECT_EQ(report.nudges_sent, 0);
  EXPECT_EQ(report.nudges_waiting, 1);
  EXPECT_EQ(report.reminders_sent, 2);
  // Day 24, 09:00 in London: step 2 goes to the mentor alone; the reminder is not sent again.
  report = TickAt(kStart + days(24) - hours(1));
  EXPECT_EQ(report.nudges_sent, 1);
  EXPECT_EQ(report.reminders_sent, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE step = 2 AND recipient = 'E1'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE step = 2"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'meeting_reminder'"), 2);

  // The pair sees what was sent to them, and only that.
  domain::Actor mentor;
  mentor.account_id = domain::AccountId(2);
  mentor.employee_id = "E1";
  auto seen = app_->health().ForRelationship(mentor, domain::RelationshipId(1));
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_FALSE(seen->health.has_value());
  EXPECT_EQ(seen->nudges.size(), 2u);

  // Day 26: they met on day 24 and the proposal was withdrawn: back on track, episode over.
  ASSERT_TRUE(
      Sql("UPDATE meetings SET status = 'held', log_minutes = 60 WHERE id = 2; "
          "UPDATE meetings SET status = 'cancelled' WHERE id = 1"));
  report = TickAt(kStart + days(26));
  h = HealthNow();
  EXPECT_EQ(h.label, HealthLabel::kOnTrack) << h.score;
  EXPECT_FALSE(h.flagged_since.has_value());

  // Quiet again: needs attention on day 50 (a new episode: step 1 again, for its own period);
  // a new proposal waits for the mentor from day 60; on day 71 the pair is at risk, 21 days into
  // the episode: the coordinator's step goes, the shadow mentor's waits for Tokyo's morning.
  report = TickAt(kStart + days(50));  // Tuesday 22 December, 10:00 UTC
  h = HealthNow();
  EXPECT_EQ(h.label, HealthLabel::kNeedsAttention) << h.score;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE step = 1"), 4);
  const long long day60 = (kStart + days(60)).time_since_epoch().count();
  ASSERT_TRUE(
      Sql("INSERT INTO meetings (id, relationship_id, mentor, mentee, status, mode, starts_at_us, "
          "ends_at_us, location, video_url, agenda, proposed_by, organizer, uid, sequence, "
          "created_at_us, updated_at_us) VALUES (3, 1, 'E1', 'E2', 'proposed', 'virtual', " +
          std::to_string(day60 + 86400000000LL * 30) + ", " +
          std::to_string(day60 + 86400000000LL * 30 + 3600000000LL) +
          ", '', '', '', 'E2', 'E2', 'u3', 0, " + std::to_string(day60) + ", " +
          std::to_string(day60) + ")"));
  report = TickAt(kStart + days(71));  // Tuesday 12 January 2027, 10:00 UTC
  h = HealthNow();
  EXPECT_EQ(h.label, HealthLabel::kAtRisk) << h.score;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE step = 3 AND recipient = 'E4'"), 0)
      << "19:00 in Tokyo";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE step = 4 AND recipient = 'E3'"), 1);
  report = TickAt(kStart + days(72) - hours(9));  // Wednesday 01:00 UTC: 10:00 in Tokyo
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE step = 3 AND recipient = 'E4'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE step = 4"), 1);

  // Past the agreed three months: completed, no longer scored.
  report = TickAt(kStart + days(93));
  EXPECT_EQ(report.completed, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationships WHERE status = 'completed'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationship_health"), 0);

  // Every queued mail reaches a real SMTP server, each once.
  const uint16_t port = mail::testing::FreePort();
  mail::testing::SmtpSink sink(port);
  ASSERT_TRUE(sink.ready()) << "aiosmtpd did not start";
  mail::SmtpOptions options;
  options.relay = mail::SmtpRelay{"127.0.0.1", port};
  options.from = *mail::ParseMailbox(std::string(mail::kDefaultMailFrom));
  mail::SmtpTransport transport(options, clock_);
  auto round = app_->mail().DeliverDue(&transport, "test");
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  const long long queued = Count("SELECT COUNT(*) FROM mail_outbox");
  EXPECT_EQ(round->sent, queued);
  EXPECT_EQ(sink.Count(), queued);
  int step_one = 0, reminders = 0;
  for (int i = 1; i <= sink.Count(); ++i) {
    const std::string m = sink.Message(i);
    step_one += m.find("Subject: A friendly reminder from Grow") != std::string::npos;
    reminders += m.find(
                     "Subject: Reminder: your mentoring meeting on Thursday 26 November at "
                     "09:00") != std::string::npos;
  }
  EXPECT_EQ(step_one, 4);
  EXPECT_EQ(reminders, 2);
}

// The board pages and filters on the server; a weight or threshold change is previewed (how
// many pairs change label, who would get what) and, once saved, re-scores at once.
TEST_P(HealthLife, TheBoardFiltersAndASettingsChangeIsPreviewedThenRescored) {
  TickAt(kStart + days(16));
  const domain::ProgramId program(1);
  auto query = [](std::optional<domain::HealthLabel> label,
                  std::optional<domain::HealthComponent> component,
                  std::optional<domain::HealthSide> side, int64_t offset = 0, int limit = 50) {
    domain::HealthBoardQuery q;
    q.label = label;
    q.component = component;
    q.side = side;
    q.offset = offset;
    q.limit = limit;
    return q;
  };
  auto count = [&](domain::HealthBoardQuery q) {
    auto page = app_->health().Board(Admin(), program, q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->total : -1;
  };
  EXPECT_EQ(count(query({}, {}, {})), 1);
  EXPECT_EQ(count(query(domain::HealthLabel::kNeedsAttention, {}, {})), 1);
  EXPECT_EQ(count(query(domain::HealthLabel::kAtRisk, {}, {})), 0);
  EXPECT_EQ(count(query({}, domain::HealthComponent::kFirstMeeting, {})), 1);
  EXPECT_EQ(count(query({}, domain::HealthComponent::kFeedback, {})), 0);
  EXPECT_EQ(count(query({}, {}, domain::HealthSide::kBoth)), 1);
  EXPECT_EQ(count(query({}, {}, domain::HealthSide::kMentor)), 0);
  EXPECT_EQ(count(query({}, {}, {}, 1)), 1);
  auto page = app_->health().Board(Admin(), program, query({}, {}, {}, 1));
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
  EXPECT_EQ(page->needs_attention, 1);
  EXPECT_EQ(app_->health().Board(Admin(), program, query({}, {}, {}, 0, 0)).status().field(),
            "limit");

  auto config = app_->health().GetConfig(Admin(), program);
  ASSERT_TRUE(config.ok());
  EXPECT_FALSE(config->saved);
  domain::HealthConfig lenient = *config;
  lenient.settings.on_track_min = 30;
  lenient.settings.at_risk_below = 10;
  auto preview = app_->health().Preview(Admin(), program, lenient);
  ASSERT_TRUE(preview.ok()) << preview.status().ToString();
  EXPECT_EQ(preview->changes, 1);
  EXPECT_EQ(preview->on_track, 1);
  EXPECT_TRUE(preview->mails.empty());
  // Under the saved (default) settings the ladder's first step was sent: the preview says so.
  auto same = app_->health().Preview(Admin(), program, *config);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->changes, 0);
  ASSERT_EQ(same->mails.size(), 2u);
  EXPECT_TRUE(same->mails[0].already_sent);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM health_settings"), 0) << "a preview saves nothing";

  auto saved = app_->health().SaveConfig(Admin(), program, lenient);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_TRUE(saved->saved);
  EXPECT_EQ(HealthNow().label, domain::HealthLabel::kOnTrack);
  lenient.settings.weights = {0, 0, 0, 0, 0, 0};
  EXPECT_EQ(app_->health().SaveConfig(Admin(), program, lenient).status().field(), "weights");
}

// The chart of labels over time: each tick stores the program's label counts for its day, the
// day's last tick winning; the program's coordinators and admins read them.
TEST_P(HealthLife, TicksKeepEachDaysLabelCounts) {
  const domain::ProgramId program(1);
  TickAt(kStart + days(10));  // grace: on track
  TickAt(kStart + days(16));  // needs attention
  TickAt(kStart + days(16) + hours(2));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM health_label_days"), 2) << "one row a day";
  auto history = app_->health().LabelHistory(Admin(), program, 30);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].day, "2026-11-12");
  EXPECT_EQ((*history)[0].on_track, 1);
  EXPECT_EQ((*history)[0].needs_attention, 0);
  EXPECT_EQ((*history)[1].day, "2026-11-18");
  EXPECT_EQ((*history)[1].needs_attention, 1);
  EXPECT_EQ((*history)[1].on_track, 0);
  auto last_days = app_->health().LabelHistory(Admin(), program, 3);
  ASSERT_TRUE(last_days.ok());
  EXPECT_EQ(last_days->size(), 1u) << "only the last 3 days";
  EXPECT_EQ(app_->health().LabelHistory(Admin(), program, 0).status().field(), "days");
  domain::Actor coordinator;
  coordinator.account_id = domain::AccountId(3);
  coordinator.employee_id = "E3";
  coordinator.roles = {domain::Role::kCoordinator};
  EXPECT_TRUE(app_->health().LabelHistory(coordinator, program, 30).ok());
  domain::Actor shadow;
  shadow.account_id = domain::AccountId(4);
  shadow.employee_id = "E4";
  EXPECT_EQ(app_->health().LabelHistory(shadow, program, 30).status().code(),
            ErrorCode::kForbidden);
}

TEST_P(HealthLife, ATickIsOneWorkersUntilItsLeaseRunsOut) {
  auto repo = storage::MakeHealthRepository(app_->database());
  const TimePoint now = kStart;
  auto first = repo->ClaimTick("2026-11-02T10", "a", now, now + std::chrono::minutes(10), false);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->has_value());
  auto second = repo->ClaimTick("2026-11-02T10", "b", now, now + std::chrono::minutes(10), true);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value()) << "held under a live lease";
  // "a" dies; after the lease "b" takes over, and "a" can no longer finish it.
  const TimePoint later = now + std::chrono::minutes(11);
  auto taken =
      repo->ClaimTick("2026-11-02T10", "b", later, later + std::chrono::minutes(10), false);
  ASSERT_TRUE(taken.ok());
  ASSERT_TRUE(taken->has_value());
  EXPECT_EQ((*taken)->attempts, 2);
  EXPECT_EQ(repo->FinishTick("2026-11-02T10", "a", "done", "x", later).code(),
            ErrorCode::kConflict);
  EXPECT_TRUE(repo->FinishTick("2026-11-02T10", "b", "done", "y", later).ok());
  auto done = repo->ClaimTick("2026-11-02T10", "c", later, later + std::chrono::minutes(10), false);
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(done->has_value()) << "finished";
  auto ticks = app_->health().ListTicks(Admin(), 10);
  ASSERT_TRUE(ticks.ok());
  ASSERT_EQ(ticks->size(), 1u);
  EXPECT_EQ(ticks->front().summary, "y");
  EXPECT_EQ(ticks->front().claimed_by, "b");
}

// A departure whose ending never ran (the server died between the directory's commit and the
// departure hook): the next tick ends the leaver's relationships the same no-fault way, tells
// the coordinator once, and a later tick finds nothing left to do.
TEST_P(HealthLife, ATickEndsTheRelationshipsOfPeopleWhoLeftWhenTheHookNeverRan) {
  ASSERT_TRUE(
      Sql("UPDATE people SET status = 'left', left_date = '2026-11-20' "
          "WHERE employee_id = 'E2'"));
  const auto first = TickAt(kStart + days(20));
  EXPECT_EQ(first.ended_for_leavers, 1);
  EXPECT_NE(first.summary.find("1 relationship of people who left ended"), std::string::npos)
      << first.summary;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationships WHERE id = 1 AND status = 'ended_early' "
                  "AND end_reason = 'left_organization' AND ended_by = 'E2'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'relationship_ended'"), 1);

  const auto second = TickAt(kStart + days(20) + hours(1));
  EXPECT_EQ(second.ended_for_leavers, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'relationship_ended'"), 1);
}

// Many departures caught up at once, by two ticks (two servers' hours) and two departure hooks
// running together: every relationship ends once, no-fault, with its coordinator's mail and
// its "relationship.ended" webhook event, each exactly once, over more than one batch.
TEST_P(HealthLife, TicksAndHooksAtOnceEndEachLeaversRelationshipOnce) {
  constexpr int kLeavers = 620;  // more than one batch (RelationshipService::kEndingBatch)
  ASSERT_TRUE(Sql(R"(
    INSERT INTO webhook_endpoints (url, description, events, active, sealed_secret, created_by,
      created_at_us, updated_at_us) VALUES
      ('http://127.0.0.1:9/ended', 'd', 'relationship.ended', 1, 'sealed:x', 'E3', 0, 0),
      ('http://127.0.0.1:9/meetings', 'd', 'meeting.logged', 1, 'sealed:x', 'E3', 0, 0);
    INSERT INTO people (employee_id, first_name, last_name, email, time_zone, job_title, level,
      hire_date, status, left_date)
      WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 620)
      SELECT 'L' || (1000 + i), 'Lee', 'Leaver' || i, 'lee' || i || '@example.com',
        'Europe/London', 'Engineer', 2, '2024-01-01', 'left', '2026-11-20' FROM k;
    INSERT INTO relationships (id, program_id, mentor, mentee, status, score, explanation,
      started_at_us, activated_at_us, end_reason, ended_by, end_comment)
      WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 620)
      SELECT 100 + i, 1, 'E1', 'L' || (1000 + i), 'active', 80, 'e', :start, :start, '', '', ''
      FROM k
  )"));
  std::vector<std::string> leavers;
  for (int i = 1; i <= kLeavers; ++i) leavers.push_back("L" + std::to_string(1000 + i));
  clock_.Advance(std::chrono::duration_cast<std::chrono::microseconds>(days(20)));
  std::atomic<int> ended{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      // Two hours' ticks: each claims its own period, so both run their catch-up at once.
      auto r = app_->health().Tick("worker" + std::to_string(i), /*again=*/true,
                                   clock_.Now() + hours(i));
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (r.ok()) ended += r->ended_for_leavers;
    });
    threads.emplace_back(
        [&] { ended += app_->relationships().EndRelationshipsOfLeavers(leavers); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ended.load(), kLeavers);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationships WHERE status = 'ended_early' AND "
                  "end_reason = 'left_organization' AND ended_by = mentee AND end_comment = '' "
                  "AND activated_at_us IS NOT NULL"),
            kLeavers);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'relationship_ended' AND "
                  "recipient = 'cora@example.com'"),
            kLeavers);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT body) FROM mail_outbox WHERE kind = "
                  "'relationship_ended'"),
            kLeavers);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM webhook_deliveries WHERE event = 'relationship.ended'"),
            kLeavers);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM webhook_deliveries"), kLeavers) << "no other endpoint's";
  // The event as RelationshipService publishes it for a side's own ending.
  std::string payload;
  ASSERT_TRUE(app_->database()
                  .Run(storage::TransactionMode::kRead,
                       [&](soci::session& s) {
                         s << "SELECT payload FROM webhook_deliveries WHERE payload LIKE "
                              "'%\"relationship_id\":\"101\"%'",
                             soci::into(payload);
                         return Status::Ok();
                       })
                  .ok());
  const auto event = nlohmann::json::parse(payload);
  EXPECT_EQ(event["type"], "relationship.ended");
  EXPECT_EQ(event["data"], (nlohmann::json{{"relationship_id", "101"},
                                           {"program_id", "1"},
                                           {"mentor", "E1"},
                                           {"mentee", "L1001"},
                                           {"end_reason", "left_organization"}}));
  // The mail names both sides and the reason, as a side's own ending does.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'relationship_ended' AND "
                  "subject = 'A relationship in Grow ended early' AND body LIKE "
                  "'Hello Cora,%Maria Mentor (mentor) and Lee Leaver1 (mentee) in Grow ended "
                  "early. Reason: %/relationships/101%'"),
            1);
  // Nothing is left for the next tick.
  EXPECT_EQ(TickAt(clock_.Now() + hours(3)).ended_for_leavers, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM webhook_deliveries"), kLeavers);
}

// A relationship the tick completes at its agreed end publishes "relationship.ended" as a pair's
// own completion does (same event, same data), in the completion's transaction, once.
TEST_P(HealthLife, ATickCompletingARelationshipPublishesItsEndedEventOnce) {
  ASSERT_TRUE(Sql(R"(
    INSERT INTO webhook_endpoints (url, description, events, active, sealed_secret, created_by,
      created_at_us, updated_at_us) VALUES
      ('http://127.0.0.1:9/ended', 'd', 'relationship.ended', 1, 'sealed:x', 'E3', 0, 0)
  )"));
  // Past the agreed three months.
  const auto first = TickAt(kStart + days(100));
  EXPECT_EQ(first.completed, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM webhook_deliveries WHERE event = 'relationship.ended'"), 1);
  std::string payload;
  ASSERT_TRUE(app_->database()
                  .Run(storage::TransactionMode::kRead,
                       [&](soci::session& s) {
                         s << "SELECT payload FROM webhook_deliveries", soci::into(payload);
                         return Status::Ok();
                       })
                  .ok());
  const auto event = nlohmann::json::parse(payload);
  EXPECT_EQ(event["type"], "relationship.ended");
  EXPECT_EQ(event["data"], (nlohmann::json{{"relationship_id", "1"},
                                           {"program_id", "1"},
                                           {"mentor", "E1"},
                                           {"mentee", "E2"},
                                           {"end_reason", "completed"}}));
  // Another tick, and two more at once: nothing completes or is published again.
  EXPECT_EQ(TickAt(kStart + days(100) + hours(1)).completed, 0);
  std::vector<std::thread> threads;
  for (int i = 2; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto r = app_->health().Tick("worker" + std::to_string(i), true, clock_.Now() + hours(i));
      EXPECT_TRUE(r.ok()) << r.status().ToString();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM webhook_deliveries"), 1);
}

// Two ticks at once over many relationships reaching their end: each completes and publishes
// once, over more than one batch.
TEST_P(HealthLife, TicksAtOnceCompleteEachRelationshipOnce) {
  ASSERT_TRUE(Sql(R"(
    INSERT INTO webhook_endpoints (url, description, events, active, sealed_secret, created_by,
      created_at_us, updated_at_us) VALUES
      ('http://127.0.0.1:9/ended', 'd', 'relationship.ended', 1, 'sealed:x', 'E3', 0, 0);
    INSERT INTO people (employee_id, first_name, last_name, email, time_zone, job_title, level,
      hire_date, status)
      WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 620)
      SELECT 'M' || (1000 + i), 'Mia', 'Mentee' || i, 'mia' || i || '@example.com',
        'Europe/London', 'Engineer', 2, '2024-01-01', 'active' FROM k;
    INSERT INTO relationships (id, program_id, mentor, mentee, status, score, explanation,
      started_at_us, activated_at_us, end_reason, ended_by, end_comment)
      WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 620)
      SELECT 100 + i, 1, 'E1', 'M' || (1000 + i), 'active', 80, 'e', :start, :start, '', '', ''
      FROM k;
    INSERT INTO relationship_agreements (relationship_id, confidentiality, cadence_days,
      length_months, mode, how_to_end, version, adjusted_by, mentor_accepted_at_us,
      mentee_accepted_at_us) SELECT id, 'c', 14, 3, 'virtual', 'h', 1, 'E1', :start, :start
      FROM relationships WHERE id > 100
  )"));
  clock_.Advance(std::chrono::duration_cast<std::chrono::microseconds>(days(100)));
  std::atomic<int> completed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      auto r = app_->health().Tick("worker" + std::to_string(i), true, clock_.Now() + hours(i));
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (r.ok()) completed += r->completed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(completed.load(), 621);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationships WHERE status = 'completed' AND "
                  "end_reason = 'completed' AND ended_at_us = activated_at_us + " +
                  std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(
                                     *ParseIso8601("2027-02-02T10:00:00Z") - kStart)
                                     .count())),
            621);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationship_health"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM webhook_deliveries WHERE event = 'relationship.ended'"),
            621);
}

TEST_P(HealthLife, ThreadsTickingAtOnceSendEachNudgeOnce) {
  clock_.Advance(std::chrono::duration_cast<std::chrono::microseconds>(days(16)));
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 3; ++round) {
        auto r = app_->health().Tick("worker" + std::to_string(i), /*again=*/true);
        EXPECT_TRUE(r.ok() || r.status().code() == ErrorCode::kConflict) << r.status().ToString();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'nudge'"), 2);
}

// Two `pairwise tick` processes started at once on the same database.
TEST_P(HealthLife, TwoTickProcessesAtOnceSendEveryNudgeExactlyOnce) {
  auto run = [&](pid_t& pid) {
    std::vector<std::string> args = {PAIRWISE_BINARY, "--log-level", "warn",
                                     "--database",    url_,          "tick",
                                     "--again",       "--at",        "2026-11-18T10:00:00Z"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    return posix_spawn(&pid, PAIRWISE_BINARY, nullptr, nullptr, argv.data(), environ) == 0;
  };
  for (int round = 0; round < 2; ++round) {
    pid_t a = 0, b = 0;
    ASSERT_TRUE(run(a));
    ASSERT_TRUE(run(b));
    int status_a = 0, status_b = 0;
    waitpid(a, &status_a, 0);
    waitpid(b, &status_b, 0);
    EXPECT_TRUE(WIFEXITED(status_a) && WEXITSTATUS(status_a) == 0);
    EXPECT_TRUE(WIFEXITED(status_b) && WEXITSTATUS(status_b) == 0);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'nudge'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduler_ticks WHERE status = 'done'"), 1);
}

// Agreement and feedback reminders: a side that has not accepted the agreement a week after
// the pair was made gets one reminder; after a logged meeting, the side that gave no feedback
// while the other did gets one. Re-running ticks sends neither again.
TEST_P(HealthLife, AgreementAndFeedbackRemindersGoOnce) {
  ASSERT_TRUE(Sql(R"(
    INSERT INTO relationships (id, program_id, mentor, mentee, status, score, explanation,
      started_at_us, end_reason, ended_by, end_comment) VALUES
      (2, 1, 'E1', 'E4', 'pending_agreement', 70, 'e', :start, '', '', '');
    INSERT INTO relationship_agreements (relationship_id, confidentiality, cadence_days,
      length_months, mode, how_to_end, version, adjusted_by, mentor_accepted_at_us) VALUES
      (2, 'c', 14, 3, 'virtual', 'h', 1, '', :start)
  )"));
  const std::string reminders = "SELECT COUNT(*) FROM relationship_reminders ";
  TickAt(kStart + days(6));
  EXPECT_EQ(Count(reminders), 0) << "not a week yet";
  TickAt(kStart + days(8));
  EXPECT_EQ(Count(reminders + "WHERE kind = 'agreement' AND recipient = 'E4'"), 1);
  EXPECT_EQ(Count(reminders), 1) << "the mentor accepted: only the mentee is reminded";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'agreement_reminder' AND "
                  "recipient = 'sam@example.com'"),
            1);
  TickAt(kStart + days(9));
  EXPECT_EQ(Count(reminders), 1) << "once";

  // A meeting held on day 9 and logged; the mentor gave feedback after it, the mentee not yet.
  ASSERT_TRUE(Sql(R"(
    INSERT INTO meetings (id, relationship_id, mentor, mentee, status, mode, starts_at_us,
      ends_at_us, location, video_url, agenda, proposed_by, organizer, uid, sequence,
      created_at_us, updated_at_us, log_minutes, logged_by, logged_at_us) VALUES
      (1, 1, 'E1', 'E2', 'held', 'virtual', :start + 777600000000, :start + 781200000000, '', '',
       '', 'E2', 'E2', 'u1', 0, :start, :start, 60, 'E2', :start + 781200000000);
    INSERT INTO feedback (relationship_id, author, from_side, occasion, round, rating, comment,
      created_at_us) VALUES (1, 'E1', 'mentor', 'pulse', 1, 4, '', :start + 784800000000)
  )"));
  TickAt(kStart + days(10));
  EXPECT_EQ(Count(reminders + "WHERE kind = 'feedback' AND recipient = 'E2' AND about = 1"), 1);
  EXPECT_EQ(Count(reminders + "WHERE kind = 'feedback'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'feedback_reminder' AND "
                  "recipient = 'tom@example.com'"),
            1);
  TickAt(kStart + days(11));
  EXPECT_EQ(Count(reminders + "WHERE kind = 'feedback'"), 1) << "once";
  EXPECT_EQ(Count(reminders), 2);
}

// A HealthRepository that forwards to the real one, except that right after a tick reads how many
// nudges E1 had this week, "another server's tick" sends E1 a nudge of its own (committed at once):
// the race of two ticks at once, made deterministic.
class RacingRepository final : public domain::HealthRepository {
 public:
  explicit RacingRepository(domain::HealthRepository& real) : real_(real) {}
  using Rec = domain::NudgeRecorded;

  Result<int> CountNudgesSince(const std::string& recipient, TimePoint since) override {
    auto count = real_.CountNudgesSince(recipient, since);
    Race({recipient});
    return count;
  }
  // Right after a tick read E1's count, the other tick sends E1 a nudge (once).
  void Race(const std::vector<std::string>& read) {
    if (std::find(read.begin(), read.end(), "E1") != read.end() && !raced_) {
      raced_ = true;
      domain::NudgeRecord other{
          domain::RelationshipId(2), 1, "2026-11-18", "E1", "mentor", "Other", "o", "", now_};
      auto sent = real_.RecordNudge(other, {"maria@example.com", "Other", "o", "nudge"}, limit_,
                                    /*may_exceed=*/false);
      EXPECT_TRUE(sent.ok() && *sent == Rec::kSent);
    }
  }
  Result<Rec> RecordNudge(const domain::NudgeRecord& n, const domain::MailMessage& m, int limit,
                          bool may_exceed) override {
    return real_.RecordNudge(n, m, limit, may_exceed);
  }
  Result<std::vector<Rec>> RecordNudges(const std::vector<NudgeToRecord>& n) override {
    return real_.RecordNudges(n);
  }
  Result<std::vector<domain::NudgeRecord>> ListNudgeKeysOf(
      const std::vector<domain::RelationshipId>& r) override {
    return real_.ListNudgeKeysOf(r);
  }

  // The rest forwards.
  Result<std::optional<domain::TickRecord>> ClaimTick(const std::string& p, const std::string& w,
                                                      TimePoint n, TimePoint l, bool a) override {
    return real_.ClaimTick(p, w, n, l, a);
  }
  Status FinishTick(const std::string& p, const std::string& w, const std::string& st,
                    const std::string& su, TimePoint n) override {
    return real_.FinishTick(p, w, st, su, n);
  }
  Result<std::vector<domain::TickRecord>> ListTicks(int l) override { return real_.ListTicks(l); }
  Result<std::vector<domain::HealthFacts>> LoadFacts(std::optional<domain::ProgramId> p,
                                                     TimePoint n) override {
    return real_.LoadFacts(p, n);
  }
  Result<std::optional<domain::HealthFacts>> LoadRelationshipFacts(domain::RelationshipId r,
                                                                   TimePoint n) override {
    return real_.LoadRelationshipFacts(r, n);
  }
  Result<std::vector<domain::Health>> LoadHealth(std::optional<domain::ProgramId> p) override {
    return real_.LoadHealth(p);
  }
  Result<std::optional<domain::Health>> FindHealth(domain::RelationshipId r) override {
    return real_.FindHealth(r);
  }
  Status SaveHealth(const std::vector<domain::Health>& h) override { return real_.SaveHealth(h); }
  Result<std::optional<domain::HealthSettings>> FindSettings(domain::ProgramId p) override {
    return real_.FindSettings(p);
  }
  Result<std::optional<std::vector<domain::NudgeStep>>> FindLadder(domain::ProgramId p) override {
    return real_.FindLadder(p);
  }
  Status SaveSettings(domain::ProgramId p, const domain::HealthSettings& s,
                      const std::vector<domain::NudgeStep>& l, const std::string& by,
                      TimePoint n) override {
    return real_.SaveSettings(p, s, l, by, n);
  }
  Result<std::vector<domain::NudgeContact>> FindContacts(
      const std::vector<std::string>& ids) override {
    return real_.FindContacts(ids);
  }
  Result<std::vector<domain::NudgeRecord>> ListNudges(domain::RelationshipId r) override {
    return real_.ListNudges(r);
  }
  Result<bool> OptedOut(const std::string& e) override { return real_.OptedOut(e); }
  Result<std::vector<std::string>> OptedOutAmong(const std::vector<std::string>& ids) override {
    return real_.OptedOutAmong(ids);
  }
  Result<std::vector<std::pair<std::string, int>>> CountNudgesSinceAmong(
      const std::vector<std::string>& ids, TimePoint since) override {
    auto counts = real_.CountNudgesSinceAmong(ids, since);
    Race(ids);
    return counts;
  }
  Result<std::vector<domain::NudgeRecord>> ListNudgeKeysSince(TimePoint since) override {
    return real_.ListNudgeKeysSince(since);
  }
  Status SaveNudgeHistory(const std::vector<domain::NudgeRecord>& n) override {
    return real_.SaveNudgeHistory(n);
  }
  Result<std::vector<domain::RelationshipReminderDue>> DueRelationshipReminders(
      TimePoint p) override {
    return real_.DueRelationshipReminders(p);
  }
  Result<bool> RecordRelationshipReminder(const domain::RelationshipReminderDue& d,
                                          const domain::MailMessage& m, TimePoint n) override {
    return real_.RecordRelationshipReminder(d, m, n);
  }
  Status SetOptedOut(const std::string& e, bool o, TimePoint n) override {
    return real_.SetOptedOut(e, o, n);
  }
  Status AddUnsubscribeToken(const std::string& h, const std::string& e, const std::string& k,
                             TimePoint n) override {
    return real_.AddUnsubscribeToken(h, e, k, n);
  }
  Result<std::optional<domain::UnsubscribeToken>> FindUnsubscribeToken(
      const std::string& h) override {
    return real_.FindUnsubscribeToken(h);
  }
  Result<bool> OptOutWithToken(const std::string& e, const std::string& h, TimePoint n) override {
    return real_.OptOutWithToken(e, h, n);
  }
  Result<std::vector<LeaverRelationship>> LeaversRelationshipsInForce() override {
    return real_.LeaversRelationshipsInForce();
  }
  Result<int> EndForLeavers(const std::vector<LeaverEnding>& e, TimePoint at) override {
    return real_.EndForLeavers(e, at);
  }
  Result<std::vector<domain::MeetingReminderDue>> DueMeetingReminders(TimePoint f,
                                                                      TimePoint t) override {
    return real_.DueMeetingReminders(f, t);
  }
  Result<bool> RecordMeetingReminder(int64_t m, const std::vector<domain::MailMessage>& mails,
                                     TimePoint n) override {
    return real_.RecordMeetingReminder(m, mails, n);
  }
  Result<int> CompleteRelationships(const std::vector<Completion>& c) override {
    return real_.CompleteRelationships(c);
  }
  Result<std::vector<domain::MentorLoad>> MentorLoads(domain::ProgramId p, TimePoint n) override {
    return real_.MentorLoads(p, n);
  }
  Result<domain::HealthBoardPage> Board(domain::ProgramId p,
                                        const domain::HealthBoardQuery& q) override {
    return real_.Board(p, q);
  }
  Status SaveLabelDays(const std::vector<domain::HealthLabelDay>& d) override {
    return real_.SaveLabelDays(d);
  }
  Result<std::vector<domain::HealthLabelDay>> LabelHistory(domain::ProgramId p,
                                                           const std::string& f) override {
    return real_.LabelHistory(p, f);
  }

  TimePoint now_{};
  int limit_ = 1;

 private:
  domain::HealthRepository& real_;
  bool raced_ = false;
};

// Two ticks at once: both read that the mentor had no nudge this week (limit 1), and both would
// send one. The slot claimed with the nudge lets only the first through; the other waits.
TEST_P(HealthLife, TwoTicksAtOnceKeepThePersonsWeeklyLimit) {
  ASSERT_TRUE(Sql(R"(
    INSERT INTO relationships (id, program_id, mentor, mentee, status, score, explanation,
      started_at_us, activated_at_us, ended_at_us, end_reason, ended_by, end_comment) VALUES
      (2, 1, 'E1', 'E4', 'completed', 70, 'e', :start, :start, :start, 'completed', '', '')
  )"));
  const domain::ProgramId program(1);
  auto config = app_->health().GetConfig(Admin(), program);
  ASSERT_TRUE(config.ok());
  config->settings.max_nudges_per_week = 1;
  ASSERT_TRUE(app_->health().SaveConfig(Admin(), program, *config).ok());

  const TimePoint at = kStart + days(16);  // Wednesday 10:00: needs attention, step 1 due
  auto real = storage::MakeHealthRepository(app_->database());
  RacingRepository racing(*real);
  racing.now_ = at;
  domain::HealthService service(racing, app_->program_repository(), app_->relationships(), clock_,
                                "http://localhost");
  auto report = service.Tick("racing", /*again=*/true, at);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->nudges_sent, 1) << "the mentee's";
  EXPECT_EQ(report->nudges_waiting, 1) << "the mentor's: the other tick took the week's one";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE recipient = 'E1'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'maria@example.com'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE recipient = 'E2'"), 1);

  // A week on, the slot is free again: the mentor's step 1 goes.
  auto later = app_->health().Tick("test", /*again=*/true, at + days(7) + hours(1));
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE recipient = 'E1'"), 2);
  // The coordinator's own nudge goes whatever the limit.
  clock_.Advance(std::chrono::duration_cast<std::chrono::microseconds>(at + days(7) + hours(2) -
                                                                       clock_.Now()));
  auto own = app_->health().NudgePairs(Admin(), program, {domain::RelationshipId(1)}, "Hello");
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(*own, 2);
}

// A weekly slot another writer takes while a batch of nudges is being recorded (its transaction
// still open when the batch reads the slots; on PostgreSQL the batch's claim waits for it, then
// finds it taken and the batch runs again claiming slot by slot): the slot is not taken twice,
// the nudge it would have carried waits, and the batch's other nudge goes, once, with its mail.
TEST_P(HealthLife, ASlotTakenWhileNudgesAreRecordedIsNotTakenTwice) {
  auto repository = storage::MakeHealthRepository(app_->database());
  const TimePoint at = kStart + days(16);
  std::atomic<bool> holding{false};
  std::thread other([&] {
    Status s = app_->database().Run(storage::TransactionMode::kWrite, [&](soci::session& session) {
      const long long used = at.time_since_epoch().count();
      session << "INSERT INTO nudge_slots (recipient, slot, used_at_us) VALUES ('E1', 1, :u)",
          soci::use(used);
      holding = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  using Due = domain::HealthRepository::NudgeToRecord;
  const std::vector<Due> due = {
      Due{{domain::RelationshipId(1), 1, "2026-11-18", "E1", "mentor", "S", "b", "", at},
          {"maria@example.com", "S", "b", "nudge"},
          1,
          false},
      Due{{domain::RelationshipId(1), 1, "2026-11-18", "E2", "mentee", "S", "b", "", at},
          {"tom@example.com", "S", "b", "nudge"},
          1,
          false}};
  auto recorded = repository->RecordNudges(due);
  other.join();
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ((*recorded)[0], domain::NudgeRecorded::kWeeklyLimit);
  EXPECT_EQ((*recorded)[1], domain::NudgeRecorded::kSent);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE recipient = 'E1'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudges WHERE recipient = 'E2'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM nudge_slots"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'nudge'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'tom@example.com'"), 1);
  // Recorded again (a re-run): nothing more.
  auto again = repository->RecordNudges(due);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)[0], domain::NudgeRecorded::kWeeklyLimit);
  EXPECT_EQ((*again)[1], domain::NudgeRecorded::kAlreadySent);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'nudge'"), 1);
}

// Mentor load lists every mentor of the program's pairs in force — one without a meeting in the
// last 30 days at 0 hours (they were left out) — against their own capacity where they set a
// lower one (relief time), else the program's (4 hours).
TEST_P(HealthLife, MentorLoadListsMentorsWithoutAMeetingAtZeroHours) {
  ASSERT_TRUE(Sql(R"(
    INSERT INTO people (employee_id, first_name, last_name, email, time_zone, job_title, level,
      hire_date, status) VALUES
      ('E5', 'Ana', 'Newcomer', 'ana@example.com', 'Europe/London', 'Engineer', 1, '2025-01-01',
       'active');
    INSERT INTO relationships (id, program_id, mentor, mentee, status, score, explanation,
      started_at_us, activated_at_us, end_reason, ended_by, end_comment) VALUES
      (2, 1, 'E4', 'E5', 'active', 70, 'e', :start, :start, '', '', '');
    INSERT INTO program_mentor_capacities (program_id, employee_id, mentees, hours_per_month)
      VALUES (1, 'E1', 1, 2);
    INSERT INTO meetings (id, relationship_id, mentor, mentee, status, mode, starts_at_us,
      ends_at_us, location, video_url, agenda, proposed_by, organizer, uid, sequence,
      created_at_us, updated_at_us, log_minutes, logged_by, logged_at_us) VALUES
      (1, 1, 'E1', 'E2', 'held', 'virtual', :start + 86400000000, :start + 90000000000, '', '',
       '', 'E2', 'E2', 'u1', 0, :start, :start, 90, 'E2', :start + 90000000000)
  )"));
  clock_.Advance(std::chrono::duration_cast<std::chrono::microseconds>(days(5)));
  auto loads = app_->health().MentorLoads(Admin(), domain::ProgramId(1));
  ASSERT_TRUE(loads.ok()) << loads.status().ToString();
  ASSERT_EQ(loads->size(), 2u);
  EXPECT_EQ((*loads)[0].mentor, "E1");
  EXPECT_DOUBLE_EQ((*loads)[0].hours_last_month, 1.5);
  EXPECT_EQ((*loads)[0].capacity_hours, 2);
  EXPECT_EQ((*loads)[1].mentor, "E4");
  EXPECT_EQ((*loads)[1].name, "Sam Shadow");
  EXPECT_DOUBLE_EQ((*loads)[1].hours_last_month, 0);
  EXPECT_EQ((*loads)[1].capacity_hours, 4);
}

// The demo's Leadership Circle looks like a program that has been running: today's scores, the
// labels of the last 90 days, and nudges its pairs can see were sent to them.
TEST(HealthDemo, TheDemoProgramHasAHealthHistory) {
  auto test_db = TestDatabase::Sqlite(1);
  ASSERT_TRUE(test_db.ok()) << test_db.status().ToString();
  (*test_db)->Close();
  app::ApplicationOptions options;
  options.password_cost = crypto::PasswordCost::Fast();
  options.notes_key = std::string(64, 'a');
  auto app = app::Application::Open("sqlite:" + (*test_db)->url().target, 4, options);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  domain::DemoOptions demo;
  demo.people = 600;
  auto loaded = (*app)->LoadDemoIfEmpty(demo);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto programs = (*app)->program_repository().ListPrograms();
  ASSERT_TRUE(programs.ok());
  std::optional<domain::ProgramId> program;
  for (const auto& p : *programs) {
    if (p.name == domain::kDemoRelationshipsProgramName) program = p.id;
  }
  ASSERT_TRUE(program.has_value());
  domain::Actor admin;
  admin.account_id = domain::AccountId(1);
  admin.employee_id = "admin";
  admin.roles = {domain::Role::kAdmin};
  auto history = (*app)->health().LabelHistory(admin, *program, 90);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  EXPECT_GE(history->size(), 60u);
  int flagged_days = 0;
  for (const auto& d : *history) flagged_days += d.needs_attention + d.at_risk > 0;
  EXPECT_GT(flagged_days, 0);
  domain::HealthBoardQuery q;
  q.label = domain::HealthLabel::kNeedsAttention;
  auto board = (*app)->health().Board(admin, *program, q);
  ASSERT_TRUE(board.ok()) << board.status().ToString();
  EXPECT_GT(board->total + board->at_risk, 0);
  EXPECT_EQ(board->on_track + board->needs_attention + board->at_risk,
            history->back().on_track + history->back().needs_attention + history->back().at_risk)
      << "today's counts are the board's";
  // A pair gone quiet whose mentor leaves the mentee's meeting proposal unanswered: the board
  // offers to replace the mentor (the browser test does).
  q.label.reset();
  q.limit = 200;
  auto all = (*app)->health().Board(admin, *program, q);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_TRUE(std::ranges::any_of(all->items, [](const auto& r) { return r.mentor_unresponsive; }))
      << "no unresponsive mentor in the demo";
  // The mentee of the lowest flagged pair sees what was sent to them.
  q.limit = 50;
  auto lowest = (*app)->health().Board(admin, *program, q);
  ASSERT_TRUE(lowest.ok());
  ASSERT_FALSE(lowest->items.empty());
  const auto& row = lowest->items.front();
  ASSERT_NE(row.health.label, domain::HealthLabel::kOnTrack);
  domain::Actor mentee;
  mentee.account_id = domain::AccountId(2);
  mentee.employee_id = row.mentee;
  auto seen = (*app)->health().ForRelationship(mentee, row.health.relationship);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_FALSE(seen->nudges.empty());
  for (const auto& n : seen->nudges) EXPECT_EQ(n.recipient, row.mentee);
}

// One-click unsubscribe (issue 20, RFC 8058): a meeting reminder reaches a real SMTP server
// with List-Unsubscribe and List-Unsubscribe-Post, a transactional mail with neither; a bad
// token changes nothing; the mail provider's POST turns the person's reminders off, and the next
// tick reminds only the other side.
TEST_P(HealthLife, OneClickUnsubscribeFromAReminderStopsTheNextOne) {
  auto meeting = [&](int id, TimePoint starts) {
    const long long at = starts.time_since_epoch().count();
    return Sql(
        "INSERT INTO meetings (id, relationship_id, mentor, mentee, status, mode, "
        "starts_at_us, ends_at_us, location, video_url, agenda, proposed_by, organizer, "
        "uid, sequence, created_at_us, updated_at_us) VALUES (" +
        std::to_string(id) + ", 1, 'E1', 'E2', 'scheduled', 'virtual', " + std::to_string(at) +
        ", " + std::to_string(at + 3600000000LL) + ", '', '', '', 'E1', 'E1', 'u" +
        std::to_string(id) + "', 0, :start, :start)");
  };
  ASSERT_TRUE(meeting(1, kStart + days(3)));
  EXPECT_EQ(TickAt(kStart + days(2) + hours(1)).reminders_sent, 2);
  ASSERT_TRUE(app_->mail_queue()
                  .Enqueue({"tom@example.com", "You are invited", "Welcome\n", "invitation"})
                  .ok());

  const uint16_t port = mail::testing::FreePort();
  mail::testing::SmtpSink sink(port);
  ASSERT_TRUE(sink.ready()) << "aiosmtpd did not start";
  mail::SmtpOptions options;
  options.relay = mail::SmtpRelay{"127.0.0.1", port};
  options.from = *mail::ParseMailbox(std::string(mail::kDefaultMailFrom));
  mail::SmtpTransport transport(options, clock_);
  auto round = app_->mail().DeliverDue(&transport, "test");
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  ASSERT_EQ(round->sent, 3);
  std::string reminder, invitation;
  for (int i = 1; i <= 3; ++i) {
    const std::string m = sink.Message(i);
    if (m.find("To: tom@example.com") == std::string::npos) continue;
    (m.find("Subject: You are invited") != std::string::npos ? invitation : reminder) = m;
  }
  ASSERT_FALSE(reminder.empty());
  ASSERT_FALSE(invitation.empty());
  EXPECT_EQ(invitation.find("List-Unsubscribe"), std::string::npos) << invitation;
  EXPECT_NE(reminder.find("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"),
            std::string::npos)
      << reminder;
  const std::string header = "\r\nList-Unsubscribe: <http";
  const auto at = reminder.find(header);
  ASSERT_NE(at, std::string::npos) << reminder;
  const auto path_at = reminder.find("/unsubscribe/", at);
  const auto close = reminder.find(">\r\n", at);
  ASSERT_LT(path_at, close);
  const std::string path = reminder.substr(path_at, close - path_at);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM unsubscribe_tokens"), 2) << "one per reminder";
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM unsubscribe_tokens WHERE token_hash = '" + path.substr(13) + "'"),
      0)
      << "only the hash is stored";

  // The mail provider's one-click POST, through the application's own routes.
  api::Router router;
  app_->RegisterRoutes(router, "");
  api::Dispatcher dispatcher(router, 1 << 20);
  auto post = [&](const std::string& target) {
    api::HttpRequest request;
    request.method = api::HttpMethod::kPost;
    request.target = target;
    request.headers = {{"content-type", "application/x-www-form-urlencoded"}};
    request.body = "List-Unsubscribe=One-Click";
    return dispatcher.Handle(request).status;
  };
  std::string wrong = path;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(post(wrong), 404);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reminder_opt_outs"), 0) << "a bad token changes nothing";
  EXPECT_EQ(post(path), 200);
  EXPECT_EQ(post(path), 200) << "idempotent";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reminder_opt_outs WHERE employee_id = 'E2'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reminder_opt_outs"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'reminders_unsubscribed'"), 1);

  // The next meeting's reminder goes to the mentor only.
  ASSERT_TRUE(meeting(2, kStart + days(5)));
  EXPECT_EQ(TickAt(kStart + days(4) + hours(1)).reminders_sent, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'meeting_reminder' AND "
                  "recipient = 'tom@example.com'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'meeting_reminder' AND "
                  "recipient = 'maria@example.com'"),
            2);
}

// Surveys through the scheduler's tick (issue 23) on SQLite and PostgreSQL: a survey after each
// logged meeting goes once per meeting, however often the tick runs; a survey's reminder
// reaches a real SMTP server with List-Unsubscribe and List-Unsubscribe-Post (the survey mail
// itself has neither) and says the switch is on the account page.
TEST_P(HealthLife, SurveysAfterMeetingsGoOnceAndTheirRemindersCanBeTurnedOff) {
  domain::Actor coordinator;
  coordinator.employee_id = "E3";
  coordinator.roles = {domain::Role::kCoordinator};
  domain::SurveyFields start;
  start.title = "Getting started";
  start.kind = domain::SurveyKind::kStart;
  start.audience = domain::SurveyAudience::kMentees;
  start.schedule = {domain::SurveyAnchor::kAfterStart, 1, 7, 2};
  start.questions = {{"how", domain::QuestionType::kScale, "How is it going?", "", true, {}}};
  ASSERT_TRUE(app_->surveys().Create(coordinator, domain::ProgramId(1), start).ok());
  domain::SurveyFields after = start;
  after.title = "How was your meeting?";
  after.kind = domain::SurveyKind::kAfterMeeting;
  after.audience = domain::SurveyAudience::kMentors;
  after.schedule = {domain::SurveyAnchor::kAfterMeeting, 0, 7, 3};
  ASSERT_TRUE(app_->surveys().Create(coordinator, domain::ProgramId(1), after).ok());
  auto held = [&](int id, TimePoint starts, TimePoint logged) {
    const long long at = starts.time_since_epoch().count();
    return Sql(
        "INSERT INTO meetings (id, relationship_id, mentor, mentee, status, mode, "
        "starts_at_us, ends_at_us, location, video_url, agenda, proposed_by, organizer, "
        "uid, sequence, created_at_us, updated_at_us, logged_by, logged_at_us) VALUES (" +
        std::to_string(id) + ", 1, 'E1', 'E2', 'held', 'virtual', " + std::to_string(at) + ", " +
        std::to_string(at + 3600000000LL) + ", '', '', '', 'E1', 'E1', 'h" + std::to_string(id) +
        "', 0, :start, :start, 'E1', " + std::to_string(logged.time_since_epoch().count()) + ")");
  };
  ASSERT_TRUE(held(1, kStart + hours(2), kStart + hours(4)));
  auto surveys_to = [&](const std::string& kind, const std::string& to) {
    return Count("SELECT COUNT(*) FROM mail_outbox WHERE kind = '" + kind + "' AND recipient = '" +
                 to + "'");
  };
  TickAt(kStart + days(1) + hours(1));
  TickAt(kStart + days(1) + hours(1));
  EXPECT_EQ(surveys_to("survey", "tom@example.com"), 1) << "the start survey, once";
  EXPECT_EQ(surveys_to("survey", "maria@example.com"), 1) << "after the first meeting, once";
  ASSERT_TRUE(held(2, kStart + days(2), kStart + days(2) + hours(2)));
  TickAt(kStart + days(2) + hours(3));
  TickAt(kStart + days(2) + hours(4));
  EXPECT_EQ(surveys_to("survey", "maria@example.com"), 2) << "after the second meeting, once";
  EXPECT_EQ(surveys_to("survey", "tom@example.com"), 1);

  // Two days after it went, the start survey's one reminder.
  TickAt(kStart + days(3) + hours(2));
  TickAt(kStart + days(3) + hours(3));
  EXPECT_EQ(surveys_to("survey_reminder", "tom@example.com"), 1);
  const uint16_t port = mail::testing::FreePort();
  mail::testing::SmtpSink sink(port);
  ASSERT_TRUE(sink.ready()) << "aiosmtpd did not start";
  mail::SmtpOptions options;
  options.relay = mail::SmtpRelay{"127.0.0.1", port};
  options.from = *mail::ParseMailbox(std::string(mail::kDefaultMailFrom));
  mail::SmtpTransport transport(options, clock_);
  auto round = app_->mail().DeliverDue(&transport, "test");
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  std::string survey, reminder;
  for (int i = 1; i <= round->sent; ++i) {
    const std::string m = sink.Message(i);
    if (m.find("To: tom@example.com") == std::string::npos) continue;
    if (m.find("A reminder: your survey about Grow") != std::string::npos) reminder = m;
    if (m.find("how your mentoring in Grow is going") != std::string::npos) survey = m;
  }
  ASSERT_FALSE(survey.empty());
  ASSERT_FALSE(reminder.empty());
  EXPECT_EQ(survey.find("List-Unsubscribe"), std::string::npos) << survey;
  EXPECT_NE(reminder.find("\r\nList-Unsubscribe: <http"), std::string::npos) << reminder;
  EXPECT_NE(reminder.find("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"),
            std::string::npos)
      << reminder;
  EXPECT_NE(reminder.find("account page"), std::string::npos) << reminder;
  EXPECT_EQ(reminder.find("on your profile"), std::string::npos) << reminder;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM unsubscribe_tokens WHERE employee_id = 'E2' AND kind = "
                  "'survey_reminder'"),
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, HealthLife, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Postgres" : "Sqlite"; });

}  // namespace
}  // namespace pairwise
