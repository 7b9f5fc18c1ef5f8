// Issue 22's figures: one scheduler tick over 20,000 active relationships with a year of
// meetings (target <= 5 s), and the health board's first page (target p95 <= 100 ms), on SQLite
// and (PAIRWISE_BENCH_POSTGRES_URL, a database it may fill) PostgreSQL.
//
// The demo organization (PAIRWISE_BENCH_PEOPLE people, default 100,000) is loaded, then a program
// of 20,000 relationships is added in SQL: a mentor for every five mentees, started over the last
// year, agreements of 14 to 28 days' cadence, and a year of meetings, held and missed — most
// pairs keep meeting, every fourth fades after its first months; the demo's leavers among them
// stay. The first tick after that (the leavers' relationships end, all the ladder's first nudges
// go) and the next hour's (the steady state) are timed; beside each,
// its ratio to an anchor: the same database reading the facts a tick needs (the relationships with
// their meetings' count and last date) in one plain GROUP BY query.
#include <soci/soci.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "app/application.h"
#include "domain/accounts/demo_accounts.h"
#include "domain/health/health_service.h"

namespace pairwise {
namespace {

constexpr int kRelationships = 20'000;
constexpr long long kProgram = 900'000;
constexpr int kBoardSamples = 200, kBoardWarmup = 10;
constexpr int kNextTicks = 3;

// The machine's load average over the last minute, as /proc/loadavg has it (-1 elsewhere).
double Load() {
  double load = -1;
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &load) != 1) load = -1;
    std::fclose(f);
  }
  return load;
}

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

long long Us(TimePoint t) { return t.time_since_epoch().count(); }

// The bench program and its relationships, agreements and meetings, in SQL (both databases).
Status AddBenchProgram(storage::Database& db, const std::string& coordinator, TimePoint now) {
  const std::string now_us = std::to_string(Us(now));
  const std::string day = "86400000000";
  return db.Run(storage::TransactionMode::kWrite, [&](soci::session& s) -> Status {
    s << "INSERT INTO programs (id, name, description, type, need, objectives, start_date, "
         "end_date, enrollment_opens, enrollment_closes, relationship_months, cadence, "
         "capacity_mentees, capacity_hours, requires_mentor_credential, manager_approval, "
         "max_ranked_choices, request_expiry_days, status, created_at_us, updated_at_us) VALUES "
         "(" +
             std::to_string(kProgram) +
             ", 'Health bench', 'd', 'one_on_one', 'career_development', 'o', '2025-01-01', "
             "'2028-12-31', '2025-01-01', '2025-02-01', 24, 'biweekly', 5, 8, 0, 0, 3, 7, 'open', "
             "0, 0)";
    s << "INSERT INTO program_values (program_id, kind, ordinal, value) VALUES (" +
             std::to_string(kProgram) + ", 'coordinator', 0, :c)",
        soci::use(coordinator);
    // People numbered by id: mentees 1..20,000; mentors from 20,001 on, five mentees each.
    s << "INSERT INTO relationships (id, program_id, mentor, mentee, status, score, explanation, "
         "started_at_us, activated_at_us, end_reason, ended_by, end_comment) "
         "SELECT 2000000 + e.rn, " +
             std::to_string(kProgram) + ", m.employee_id, e.employee_id, 'active', 70, '', " +
             now_us + " - (15 + e.rn % 350) * " + day + ", " + now_us + " - (15 + e.rn % 350) * " +
             day +
             ", '', '', '' FROM (SELECT employee_id, ROW_NUMBER() OVER (ORDER BY employee_id) AS "
             "rn "
             "FROM people) e JOIN (SELECT employee_id, ROW_NUMBER() OVER (ORDER BY employee_id) "
             "AS rn FROM people) m ON m.rn = 20000 "
             "+ (e.rn + 4) / 5 WHERE e.rn <= " +
             std::to_string(kRelationships);
    // The demo's leavers stay among them (about one in twenty): the first tick catches up their
    // departures, ending those relationships no-fault (RelationshipService's set-based
    // EndRelationshipsOfLeavers), as a tick after a lost departure hook would.
    s << "INSERT INTO relationship_agreements (relationship_id, confidentiality, cadence_days, "
         "length_months, mode, how_to_end, version, adjusted_by, mentor_accepted_at_us, "
         "mentee_accepted_at_us) SELECT id, 'c', 14 + 7 * (id % 3), 24, 'virtual', 'h', 1, '', "
         "started_at_us, started_at_us FROM relationships WHERE program_id = " +
             std::to_string(kProgram);
    // A meeting every cadence from the start; every tenth missed; every fourth pair stops after
    // its fourth.
    s << "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 26) "
         "INSERT INTO meetings (relationship_id, mentor, mentee, status, mode, starts_at_us, "
         "ends_at_us, location, video_url, agenda, proposed_by, organizer, uid, sequence, "
         "created_at_us, updated_at_us, log_minutes, logged_by, logged_at_us) "
         "SELECT r.id, r.mentor, r.mentee, CASE WHEN (r.id + k.i) % 10 = 0 THEN 'missed' ELSE "
         "'held' END, 'virtual', r.started_at_us + k.i * a.cadence_days * " +
             day + ", r.started_at_us + k.i * a.cadence_days * " + day +
             " + 3600000000, '', '', '', r.mentee, r.mentor, 'bench-' || r.id || '-' || k.i, 0, "
             "r.started_at_us, r.started_at_us, 60, r.mentor, r.started_at_us + k.i * "
             "a.cadence_days * " +
             day +
             " + 3600000000 FROM relationships r JOIN relationship_agreements a ON "
             "a.relationship_id = r.id CROSS JOIN k WHERE r.program_id = " +
             std::to_string(kProgram) + " AND r.started_at_us + k.i * a.cadence_days * " + day +
             " + 3600000000 < " + now_us + " AND (r.id % 4 <> 0 OR k.i <= 4)";
    return Status::Ok();
  });
}

// The anchor: the same database reading the rows a tick reads, in one plain query.
double Anchor(storage::Database& db) {
  const auto t0 = std::chrono::steady_clock::now();
  long long rows = 0;
  Status s = db.Run(storage::TransactionMode::kRead, [&](soci::session& session) -> Status {
    long long id = 0, held = 0, last = 0;
    soci::indicator last_ind;
    soci::statement st =
        (session.prepare << "SELECT r.id, COUNT(m.id), MAX(m.starts_at_us) FROM relationships r "
                            "LEFT JOIN meetings m ON m.relationship_id = r.id AND m.status = "
                            "'held' WHERE r.status = 'active' GROUP BY r.id",
         soci::into(id), soci::into(held), soci::into(last, last_ind));
    for (bool more = st.execute(true); more; more = st.fetch()) ++rows;
    return Status::Ok();
  });
  if (!s.ok()) std::fprintf(stderr, "anchor: %s\n", s.ToString().c_str());
  return Since(t0);
}

int Run(const std::string& backend, const std::string& url, int people) {
  app::ApplicationOptions options;
  options.notes_key = std::string(64, '7');
  auto opened = app::Application::Open(url, 4, options);
  if (!opened.ok()) return std::fprintf(stderr, "%s\n", opened.status().ToString().c_str()), 1;
  auto& app = **opened;
  domain::DemoOptions demo;
  demo.people = people;
  auto t0 = std::chrono::steady_clock::now();
  auto loaded = app.LoadDemoIfEmpty(demo);
  if (!loaded.ok()) return std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str()), 1;
  std::printf("health bench (%s): demo of %d people loaded in %.1f s\n", backend.c_str(), people,
              Since(t0));
  auto chosen = domain::ChooseDemoPeople(app.people_repository());
  if (!chosen.ok()) return 1;
  std::string coordinator;
  for (const auto& login : *chosen) {
    if (login.role == "coordinator") coordinator = login.employee_id;
  }
  // A weekday, 14:00 UTC: working hours from Europe to the American east coast.
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  while (std::chrono::weekday(now) == std::chrono::Saturday ||
         std::chrono::weekday(now) == std::chrono::Sunday) {
    now -= std::chrono::days(1);
  }
  const TimePoint at =
      std::chrono::time_point_cast<TimePoint::duration>(TimePoint(now) + std::chrono::hours(14));
  t0 = std::chrono::steady_clock::now();
  if (Status s = AddBenchProgram(app.database(), coordinator, at); !s.ok()) {
    return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
  }
  std::printf("health bench (%s): %d relationships with a year of meetings added in %.1f s\n",
              backend.c_str(), kRelationships, Since(t0));

  const double anchor = Anchor(app.database());
  // The first tick sends the ladder's first nudges; the next hours' are the steady state, timed
  // kNextTicks times for their median.
  std::vector<double> next;
  for (int round = 0; round <= kNextTicks; ++round) {
    const TimePoint when = at + std::chrono::hours(round);
    const double load = Load();
    t0 = std::chrono::steady_clock::now();
    auto report = app.health().Tick("bench", /*again=*/true, when);
    const double seconds = Since(t0);
    if (!report.ok()) return std::fprintf(stderr, "%s\n", report.status().ToString().c_str()), 1;
    if (round > 0) next.push_back(seconds);
    std::printf(
        "health bench (%s): %s tick: %.2f s (%.2f of the 5 s target; %.1fx the anchor's %.3f s "
        "reading the same rows; load %.1f) — %s\n",
        backend.c_str(), round == 0 ? "first" : "a next hour's", seconds, seconds / 5.0,
        seconds / anchor, anchor, load, report->summary.c_str());
  }
  std::sort(next.begin(), next.end());
  const double next_median = next[next.size() / 2];
  std::printf(
      "health bench (%s): next hours' tick median %.2f s over %d (%.2f of the 5 s target)\n",
      backend.c_str(), next_median, kNextTicks, next_median / 5.0);

  domain::Actor coordinator_actor;
  coordinator_actor.account_id = domain::AccountId(1);
  coordinator_actor.employee_id = coordinator;
  coordinator_actor.roles = {domain::Role::kCoordinator};
  std::vector<double> ms;
  for (int i = 0; i < kBoardWarmup + kBoardSamples; ++i) {
    domain::HealthBoardQuery q;
    q.limit = 25;
    t0 = std::chrono::steady_clock::now();
    auto page = app.health().Board(coordinator_actor, domain::ProgramId(kProgram), q);
    const double took = Since(t0) * 1000;
    if (!page.ok()) return std::fprintf(stderr, "%s\n", page.status().ToString().c_str()), 1;
    if (i >= kBoardWarmup) ms.push_back(took);
  }
  std::sort(ms.begin(), ms.end());
  const double p50 = ms[ms.size() / 2], p95 = ms[ms.size() * 95 / 100];
  std::printf(
      "health bench (%s): board's first page (25 pairs of %d): p50 %.2f ms, p95 %.2f ms (%.2f of "
      "the 100 ms target; load %.1f)\n",
      backend.c_str(), kRelationships, p50, p95, p95 / 100.0, Load());
  return 0;
}

}  // namespace
}  // namespace pairwise

int main() {
  // Each figure as it comes (make bench pipes the output).
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  spdlog::set_level(spdlog::level::warn);
  const char* people_env = std::getenv("PAIRWISE_BENCH_PEOPLE");
  const int people = people_env ? std::atoi(people_env) : 100'000;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("pairwise-health-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  int rc = pairwise::Run("SQLite", "sqlite:" + (dir / "bench.db").string(), people);
  std::filesystem::remove_all(dir);
  if (const char* pg = std::getenv("PAIRWISE_BENCH_POSTGRES_URL"); pg && *pg) {
    rc |= pairwise::Run("PostgreSQL", pg, people);
  }
  return rc;
}
