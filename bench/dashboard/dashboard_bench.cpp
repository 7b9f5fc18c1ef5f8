// Issue 24's figures on the database: a program's dashboard (target <= 500 ms) and its outcomes
// analysis (target <= 2 s) on the demo organization (PAIRWISE_BENCH_PEOPLE people, default
// 100,000, with its three years of directory history), on SQLite and (PAIRWISE_BENCH_POSTGRES_URL,
// a database it may fill) PostgreSQL, through ReportService as the coordinator asks for them.
//
// A program of 20,000 relationships is added in SQL: a mentor for every five mentees, started
// over the last two years, agreements of 14 to 28 days' cadence, a meeting every cadence for up
// to a year, and an anonymous survey every mentee was invited to and answered (20,000 sheets
// carrying the mentee's department, site and level band). Timed: the dashboard unfiltered (every
// survey sheet read), the dashboard filtered by the largest department, and the outcomes. Each
// is printed with p50 / p95 (dashboards: three rounds of ten, and the median of the rounds'
// p95) or the median (outcomes), its ratio to the target and the machine's load when it ran.
#include <soci/soci.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "app/application.h"
#include "domain/accounts/demo_accounts.h"
#include "domain/reports/report_service.h"
#include "storage/database.h"
#include "storage/health_repository.h"
#include "storage/held_meetings_sql.h"
#include "storage/report_repository.h"
#include "storage/survey_repository.h"

namespace pairwise {
namespace {

constexpr int kRelationships = 20'000;
constexpr long long kProgram = 910'000;
constexpr int kDashboardWarmup = 2, kDashboardSamples = 10, kDashboardRounds = 3, kOutcomeRuns = 3;
constexpr double kDashboardTargetMs = 500, kOutcomesTargetMs = 2000;

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

// The program, its relationships, agreements and meetings, in SQL (both databases).
Status AddProgram(storage::Database& db, const std::string& coordinator, TimePoint now) {
  const std::string program = std::to_string(kProgram), now_us = std::to_string(Us(now));
  const std::string day = "86400000000";
  return db.Run(storage::TransactionMode::kWrite, [&](soci::session& s) -> Status {
    s << "INSERT INTO programs (id, name, description, type, need, objectives, start_date, "
         "end_date, enrollment_opens, enrollment_closes, relationship_months, cadence, "
         "capacity_mentees, capacity_hours, requires_mentor_credential, manager_approval, "
         "max_ranked_choices, request_expiry_days, status, created_at_us, updated_at_us) VALUES "
         "(" +
             program +
             ", 'Dashboard bench', 'd', 'one_on_one', 'career_development', 'o', '2024-06-01', "
             "'2028-12-31', '2024-06-01', '2024-07-01', 24, 'biweekly', 5, 8, 0, 0, 3, 7, "
             "'open', 0, 0)";
    s << "INSERT INTO program_values (program_id, kind, ordinal, value) VALUES (" + program +
             ", 'coordinator', 0, :c)",
        soci::use(coordinator);
    // People numbered by employee id: mentees 1..20,000; mentors from 20,001 on, five each.
    s << "INSERT INTO relationships (id, program_id, mentor, mentee, status, score, explanation, "
         "started_at_us, activated_at_us, end_reason, ended_by, end_comment) "
         "SELECT 3000000 + e.rn, " +
             program + ", m.employee_id, e.employee_id, 'active', 70, '', " + now_us +
             " - (15 + e.rn % 700) * " + day + ", " + now_us + " - (15 + e.rn % 700) * " + day +
             ", '', '', '' FROM (SELECT employee_id, ROW_NUMBER() OVER (ORDER BY employee_id) AS "
             "rn FROM people) e JOIN (SELECT employee_id, ROW_NUMBER() OVER (ORDER BY "
             "employee_id) AS rn FROM people) m ON m.rn = 20000 + (e.rn + 4) / 5 WHERE e.rn <= " +
             std::to_string(kRelationships);
    s << "INSERT INTO relationship_agreements (relationship_id, confidentiality, cadence_days, "
         "length_months, mode, how_to_end, version, adjusted_by, mentor_accepted_at_us, "
         "mentee_accepted_at_us) SELECT id, 'c', 14 + 7 * (id % 3), 24, 'virtual', 'h', 1, '', "
         "started_at_us, started_at_us FROM relationships WHERE program_id = " +
             program;
    // A meeting every cadence for the first year; every tenth missed.
    s << "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 26) "
         "INSERT INTO meetings (relationship_id, mentor, mentee, status, mode, starts_at_us, "
         "ends_at_us, location, video_url, agenda, proposed_by, organizer, uid, sequence, "
         "created_at_us, updated_at_us, log_minutes, logged_by, logged_at_us) "
         "SELECT r.id, r.mentor, r.mentee, CASE WHEN (r.id + k.i) % 10 = 0 THEN 'missed' ELSE "
         "'held' END, 'virtual', r.started_at_us + k.i * a.cadence_days * " +
             day + ", r.started_at_us + k.i * a.cadence_days * " + day +
             " + 3600000000, '', '', '', r.mentee, r.mentor, 'dash-' || r.id || '-' || k.i, 0, "
             "r.started_at_us, r.started_at_us, 60, r.mentor, r.started_at_us + k.i * "
             "a.cadence_days * " +
             day +
             " + 3600000000 FROM relationships r JOIN relationship_agreements a ON "
             "a.relationship_id = r.id CROSS JOIN k WHERE r.program_id = " +
             program + " AND r.started_at_us + k.i * a.cadence_days * " + day + " + 3600000000 < " +
             now_us;
    // Written in SQL, so counted as every meeting write counts them (held_meetings_sql.h).
    storage::RecountHeldMeetings(
        db, s,
        "relationship_id IN (SELECT id FROM relationships WHERE program_id = " + program + ")");
    return Status::Ok();
  });
}

// An anonymous survey of the program that every mentee was invited to and answered.
Status AddSurvey(storage::Database& db, TimePoint now) {
  auto surveys = storage::MakeSurveyRepository(db);
  domain::Survey survey;
  survey.program = domain::ProgramId(kProgram);
  survey.title = "Halfway";
  survey.active = false;  // sends nothing
  survey.questions = {
      {"nps", domain::QuestionType::kNps, "Recommend?", "", true, {}},
      {"how", domain::QuestionType::kScale, "How is it going?", "", false, {}},
      {"m", domain::QuestionType::kMatrix, "Agree?", "", false, {"Cadence", "Worth it", "Goals"}},
      {"more", domain::QuestionType::kLongText, "Anything else?", "", false, {}}};
  survey.created_at = now;
  auto created = surveys->Create(survey);
  if (!created.ok()) return created.status();
  const std::string id = std::to_string(created->id.value), now_us = std::to_string(Us(now));
  // Each mentee's groups as they were invited and answered.
  const std::string groups =
      "d.name, st.name, CASE WHEN p.level <= 3 THEN 'levels 1-3' WHEN p.level <= 6 THEN "
      "'levels 4-6' ELSE 'levels 7-10' END";
  const std::string from =
      " FROM relationships r JOIN people p ON p.employee_id = r.mentee JOIN departments d ON "
      "d.id = p.department_id JOIN sites st ON st.id = p.site_id WHERE r.program_id = " +
      std::to_string(kProgram);
  return db.Run(storage::TransactionMode::kWrite, [&](soci::session& s) -> Status {
    s << "INSERT INTO survey_invitations (survey_id, relationship_id, employee_id, side, "
         "department, site, level_band, round, token_hash, sent_at_us, closes_at_us, answered) "
         "SELECT " +
             id + ", r.id, r.mentee, 'mentee', " + groups + ", 0, 'dash-' || r.id, " + now_us +
             ", " + now_us + ", 1" + from;
    s << "INSERT INTO survey_answers (answer_key, survey_id, version, side, department, site, "
         "level_band, answers) SELECT 'dash-' || r.id, " +
             id + ", 1, 'mentee', " + groups +
             ", '{\"how\":[\"' || (1 + r.id % 5) || '\"],\"m\":[\"' || (1 + r.id % 5) || "
             "'\",\"4\",\"' || (1 + r.id % 3) || '\"],\"more\":[\"A thought of some length "
             "about the program ' || r.id || '\"],\"nps\":[\"' || (r.id % 11) || '\"]}'" +
             from;
    // The questions each sheet answers (all four) with their first values' numbers, as
    // SurveySheetInsert records them.
    const std::pair<const char*, const char*> answered[] = {
        {"how", "1 + r.id % 5"}, {"m", "1 + r.id % 5"}, {"more", "NULL"}, {"nps", "r.id % 11"}};
    for (const auto& [question, number] : answered) {
      s << "INSERT INTO survey_answered (answer_key, question_id, survey_id, side, department, "
           "site, level_band, first_number) SELECT 'dash-' || r.id, '" +
               std::string(question) + "', " + id + ", 'mentee', " + groups + ", " + number + from;
    }
    return Status::Ok();
  });
}

struct Figure {
  std::vector<double> ms;
  double load = 0;
};

// Runs `once` `warmup` + `samples` times; the samples' times in ms, sorted.
Result<Figure> Time(int warmup, int samples, const std::function<Status()>& once) {
  Figure f;
  f.load = Load();
  for (int i = 0; i < warmup + samples; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    if (Status s = once(); !s.ok()) return s;
    if (i >= warmup) f.ms.push_back(Since(t0) * 1000);
  }
  std::sort(f.ms.begin(), f.ms.end());
  return f;
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
  std::printf("dashboard bench (%s): demo of %d people loaded in %.1f s\n", backend.c_str(), people,
              Since(t0));
  auto chosen = domain::ChooseDemoPeople(app.people_repository());
  if (!chosen.ok()) return 1;
  std::string coordinator;
  for (const auto& login : *chosen) {
    if (login.role == "coordinator") coordinator = login.employee_id;
  }
  SystemClock clock;
  t0 = std::chrono::steady_clock::now();
  storage::Database& db = app.database();
  if (Status s = AddProgram(db, coordinator, clock.Now()); !s.ok()) {
    return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
  }
  if (Status s = AddSurvey(db, clock.Now()); !s.ok()) {
    return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
  }
  std::string department;
  Status found = db.Run(storage::TransactionMode::kRead, [&](soci::session& s) -> Status {
    s << "SELECT d.code FROM relationships r JOIN people p ON p.employee_id = r.mentee JOIN "
         "departments d ON d.id = p.department_id WHERE r.program_id = " +
             std::to_string(kProgram) + " GROUP BY d.code ORDER BY COUNT(*) DESC, d.code LIMIT 1",
        soci::into(department);
    return Status::Ok();
  });
  if (!found.ok()) return std::fprintf(stderr, "%s\n", found.ToString().c_str()), 1;
  std::printf(
      "dashboard bench (%s): %d relationships with meetings and a survey of %d answers added "
      "in %.1f s\n",
      backend.c_str(), kRelationships, kRelationships, Since(t0));

  auto reader = storage::MakeReportReader(db);
  auto programs = storage::MakeProgramRepository(db);
  auto surveys = storage::MakeSurveyRepository(db);
  auto health = storage::MakeHealthRepository(db);
  auto audit = storage::MakeAuditLog(db, clock);
  domain::ReportService reports(*reader, *programs, *surveys, *health, *audit, clock);
  domain::Actor actor;
  actor.account_id = domain::AccountId(1);
  actor.employee_id = coordinator;
  actor.roles = {domain::Role::kCoordinator};
  const domain::ProgramId program(kProgram);

  // Three rounds of samples: each round's p95, and the median of the three (the figure).
  auto dashboard = [&](const domain::DashboardFilter& filter, const char* what) {
    std::vector<double> p95s;
    for (int round = 0; round < kDashboardRounds; ++round) {
      auto figure = Time(kDashboardWarmup, kDashboardSamples, [&]() -> Status {
        auto d = reports.Dashboard(actor, program, filter);
        if (!d.ok()) return d.status();
        if (d->surveys.size() != 1 || d->surveys[0].hidden) {
          return Status::Internal("the bench survey's figures are missing");
        }
        return Status::Ok();
      });
      if (!figure.ok()) {
        std::fprintf(stderr, "%s\n", figure.status().ToString().c_str());
        return false;
      }
      const double p50 = figure->ms[figure->ms.size() / 2],
                   p95 = figure->ms[figure->ms.size() * 95 / 100];
      p95s.push_back(p95);
      std::printf(
          "dashboard (%s), %s, round %d: p50 %.0f ms, p95 %.0f ms over %d runs, load %.1f\n",
          backend.c_str(), what, round + 1, p50, p95, kDashboardSamples, figure->load);
    }
    std::sort(p95s.begin(), p95s.end());
    const double median = p95s[p95s.size() / 2];
    std::printf(
        "dashboard (%s), %s: p95 %.0f ms, median of %d rounds (target 500 ms: %.2fx), load %.1f\n",
        backend.c_str(), what, median, kDashboardRounds, median / kDashboardTargetMs, Load());
    return true;
  };
  if (!dashboard({}, "unfiltered")) return 1;
  if (!dashboard({department, "", 0}, ("department " + department).c_str())) return 1;

  auto outcomes = Time(0, kOutcomeRuns, [&]() -> Status {
    auto o = reports.Outcomes(actor, program, {});
    return o.ok() ? Status::Ok() : o.status();
  });
  if (!outcomes.ok()) {
    return std::fprintf(stderr, "%s\n", outcomes.status().ToString().c_str()), 1;
  }
  const double median = outcomes->ms[outcomes->ms.size() / 2];
  std::printf(
      "outcomes (%s), reads and analysis: median %.0f ms of %d (target 2 s: %.2fx), load %.1f\n",
      backend.c_str(), median, kOutcomeRuns, median / kOutcomesTargetMs, outcomes->load);
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
                   ("pairwise-dashboard-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  int rc = pairwise::Run("SQLite", "sqlite:" + (dir / "bench.db").string(), people);
  std::filesystem::remove_all(dir);
  if (const char* pg = std::getenv("PAIRWISE_BENCH_POSTGRES_URL"); pg && *pg) {
    rc |= pairwise::Run("PostgreSQL", pg, people);
  }
  return rc;
}
