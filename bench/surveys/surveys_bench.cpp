// Issue 23's figure: the results of a survey with 20,000 answers, filtered by department
// (target p95 <= 200 ms). One program with an anonymous survey of four questions (NPS, scale,
// matrix of three items, free text); 20,000 answer sheets from 12 departments, written as the
// anonymous layout stores them; then SurveyService::Results(by department, one group) as the
// coordinator asks for it: the read of every sheet, the aggregation and the suppression. On a
// temporary SQLite file and (PAIRWISE_BENCH_POSTGRES_URL, a database it may fill) PostgreSQL.
// Prints p50 / p95 over 100 samples after 5 unmeasured ones, and the ratio of p95 to the target;
// beside it, interleaved sample by sample, its anchor: the same results the way they were read
// before (every sheet of the survey read and parsed, then SummarizeSurvey), and the ratio of the
// two p95s, which holds better than the time itself on a loaded machine. With the machine's load.
#include <soci/soci.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/config.h"
#include "domain/surveys/survey_results.h"
#include "domain/surveys/survey_service.h"
#include "storage/database.h"
#include "storage/survey_repository.h"

namespace pairwise {
namespace {

constexpr int kAnswers = 20'000, kDepartments = 12, kWarmup = 5, kSamples = 100;
constexpr double kTargetMs = 200;

// The machine's load average over the last minute, as /proc/loadavg has it (-1 elsewhere).
double Load() {
  double load = -1;
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &load) != 1) load = -1;
    std::fclose(f);
  }
  return load;
}

int Run(const std::string& name, const std::string& url) {
  auto parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return std::fprintf(stderr, "%s\n", parsed.status().ToString().c_str()), 1;
  auto db = storage::Database::Open(*parsed, 4);
  if (!db.ok()) return std::fprintf(stderr, "%s\n", db.status().ToString().c_str()), 1;
  if (Status s = (*db)->Migrate(); !s.ok())
    return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
  auto programs = storage::MakeProgramRepository(**db);
  auto surveys = storage::MakeSurveyRepository(**db);
  SystemClock clock;
  domain::ProgramFields f;
  f.name = "Bench " + std::to_string(getpid()) + " " +
           std::to_string(clock.Now().time_since_epoch().count());
  f.start_date = domain::Date(std::chrono::year(2026), std::chrono::month(1), std::chrono::day(1));
  f.end_date = domain::Date(std::chrono::year(2027), std::chrono::month(12), std::chrono::day(31));
  f.enrollment_opens = f.start_date;
  f.enrollment_closes = f.start_date;
  f.coordinators = {"BENCH-C"};
  auto program = programs->CreateProgram(f, clock.Now());
  if (!program.ok()) return std::fprintf(stderr, "%s\n", program.status().ToString().c_str()), 1;
  domain::SurveyService service(*surveys, *programs, clock, "http://bench");
  domain::Actor coordinator;
  coordinator.employee_id = "BENCH-C";
  coordinator.roles = {domain::Role::kCoordinator};
  domain::SurveyFields fields;
  fields.title = "Halfway";
  fields.questions = {
      {"nps", domain::QuestionType::kNps, "Recommend?", "", true, {}},
      {"how", domain::QuestionType::kScale, "How is it going?", "", false, {}},
      {"m", domain::QuestionType::kMatrix, "Agree?", "", false, {"Cadence", "Worth it", "Goals"}},
      {"more", domain::QuestionType::kLongText, "Anything else?", "", false, {}}};
  auto survey = service.Create(coordinator, program->id, fields);
  if (!survey.ok()) return std::fprintf(stderr, "%s\n", survey.status().ToString().c_str()), 1;

  const auto load_start = std::chrono::steady_clock::now();
  Status loaded = (*db)->Run(storage::TransactionMode::kWrite, [&](soci::session& s) {
    // As answering stores them (the sheet and the questions it answers), without invitations.
    storage::SurveySheetInsert insert(s);
    const long long id = survey->id.value;
    for (int i = 0; i < kAnswers; ++i) {
      const std::string key = "k" + std::to_string(id) + "-" + std::to_string(i);
      domain::SurveyResponse sheet{
          survey->id,
          1,
          i % 2 ? domain::Side::kMentor : domain::Side::kMentee,
          "Department " + std::to_string(i % kDepartments),
          "Site " + std::to_string(i % 5),
          i % 3 ? "levels 4-6" : "levels 1-3",
          {{"nps", {std::to_string(i % 11)}},
           {"how", {std::to_string(1 + i % 5)}},
           {"m", {std::to_string(1 + i % 5), "4", std::to_string(1 + i % 3)}}}};
      if (i % 4 == 0)
        sheet.answers["more"] = {"A thought of some length about how the program is going " + key};
      insert.Insert(key, sheet, std::nullopt);
    }
    return Status::Ok();
  });
  if (!loaded.ok()) return std::fprintf(stderr, "%s\n", loaded.ToString().c_str()), 1;
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();

  std::vector<double> ms, anchor_ms;
  const double load = Load();
  for (int i = 0; i < kWarmup + kSamples; ++i) {
    const domain::SurveyResultsQuery query{"department",
                                           "Department " + std::to_string(i % kDepartments)};
    auto t0 = std::chrono::steady_clock::now();
    auto all = surveys->Responses(survey->id);
    auto anchor =
        all.ok() ? domain::SummarizeSurvey(survey->questions, *all, survey->min_group, 0, query)
                 : Result<domain::SurveyResults>(all.status());
    const double anchor_took =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    t0 = std::chrono::steady_clock::now();
    auto results = service.Results(coordinator, survey->id, query);
    const double took =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!anchor.ok() || anchor->responses != (results.ok() ? results->responses : -1)) {
      std::fprintf(stderr, "the anchor disagrees\n");
      return 1;
    }
    if (!results.ok() || results->hidden ||
        results->responses !=
            kAnswers / kDepartments + (i % kDepartments < kAnswers % kDepartments)) {
      std::fprintf(stderr, "unexpected results: %s\n",
                   results.ok() ? std::to_string(results->responses).c_str()
                                : results.status().ToString().c_str());
      return 1;
    }
    if (i >= kWarmup) {
      ms.push_back(took);
      anchor_ms.push_back(anchor_took);
    }
  }
  std::sort(ms.begin(), ms.end());
  std::sort(anchor_ms.begin(), anchor_ms.end());
  const double p50 = ms[ms.size() / 2], p95 = ms[ms.size() * 95 / 100];
  const double anchor_p95 = anchor_ms[anchor_ms.size() * 95 / 100];
  std::printf(
      "%s: %d answers loaded in %.1f s; results by department: p50 %.1f ms, p95 %.1f ms "
      "(target 200 ms: %.2fx); anchor (every sheet read and parsed) p95 %.1f ms (%.2fx of it); "
      "load %.1f\n",
      name.c_str(), kAnswers, load_s, p50, p95, p95 / kTargetMs, anchor_p95, p95 / anchor_p95,
      load);
  return 0;
}

}  // namespace
}  // namespace pairwise

int main() {
  const auto file = std::filesystem::temp_directory_path() /
                    ("pairwise-surveys-bench-" + std::to_string(getpid()) + ".db");
  int rc = pairwise::Run("SQLite", "sqlite:" + file.string());
  std::filesystem::remove(file);
  if (const char* pg = std::getenv("PAIRWISE_BENCH_POSTGRES_URL"); pg && *pg) {
    rc |= pairwise::Run("PostgreSQL", pg);
  }
  return rc;
}
