#include "api/handlers/table_export_handlers.h"

#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "api/export/table_export.h"
#include "api/handlers/application_handlers.h"
#include "api/handlers/handler_util.h"
#include "api/handlers/people_handlers.h"
#include "api/handlers/relationship_handlers.h"
#include "api/handlers/survey_handlers.h"
#include "api/json_reader.h"
#include "common/clock.h"

namespace pairwise::api {
namespace {

using domain::Actor;

std::string DateOf(const std::optional<TimePoint>& t) {
  return t ? FormatIso8601(*t).substr(0, 10) : std::string();
}

// What the people list shows of each person, a column each.
const ExportTable kPeopleHeading{
    "people",
    "People",
    {"Employee ID", "Name", "Email", "Job title", "Level", "Department", "Site", "Status"},
    {}};

std::vector<ExportCell> PersonRow(const domain::PersonSummary& p) {
  return {p.employee_id,
          p.first_name + " " + p.last_name,
          p.email,
          p.job_title,
          int64_t{p.level},
          p.department_name.empty() ? p.department_code : p.department_name,
          p.site_name.empty() ? p.site_code : p.site_name,
          std::string(domain::EmploymentStatusName(p.status))};
}

// What the program's relationship list shows: the pair, status, source, score and dates, then
// its activity counts (meetings held, the last one, goals, completed, average progress) — counts
// only, as the table: never a goal's title, a meeting's topics or notes.
const ExportTable kRelationshipsHeading{
    "relationships",
    "Relationships",
    {"Relationship", "Mentor", "Mentor employee ID", "Mentee", "Mentee employee ID", "Status",
     "Source", "Score", "Started", "Agreed", "Ended", "End reason", "Meetings held", "Last meeting",
     "Goals set", "Goals completed", "Average goal progress %"},
    {}};

std::vector<ExportCell> RelationshipRow(const domain::RelationshipView& v) {
  const auto& r = v.relationship;
  std::vector<ExportCell> row = {r.id.value,
                                 v.mentor_name,
                                 r.mentor,
                                 v.mentee_name,
                                 r.mentee,
                                 std::string(domain::RelationshipStatusName(r.status)),
                                 std::string(domain::RelationshipSourceName(r.source)),
                                 int64_t{r.score},
                                 FormatIso8601(r.started_at).substr(0, 10),
                                 DateOf(r.activated_at),
                                 DateOf(r.ended_at),
                                 r.end_reason};
  // The service always counts the table's rows; without counts the cells stay empty rather
  // than read as zero. One push_back each (g++ 12 -O2 and initializer lists of variants).
  if (v.counts) {
    row.push_back(int64_t{v.counts->meetings_held});
    row.push_back(DateOf(v.counts->last_meeting_at));
    row.push_back(int64_t{v.counts->goals});
    row.push_back(int64_t{v.counts->goals_completed});
    row.push_back(int64_t{v.counts->goal_progress});
  } else {
    row.resize(kRelationshipsHeading.columns.size(), ExportCell(std::string()));
  }
  return row;
}

// What the review table shows of each application; never its answers.
const ExportTable kApplicationsHeading{
    "applications",
    "Applications",
    {"Application", "Applicant", "Employee ID", "Job title", "Department", "Level", "Side",
     "Status", "Nominated", "Manager approval", "Submitted", "Updated"},
    {}};

std::vector<ExportCell> ApplicationRow(const domain::ApplicationView& v) {
  const auto& a = v.application;
  return {a.id.value,
          v.applicant.name,
          v.applicant.employee_id,
          v.applicant.job_title,
          v.applicant.department,
          int64_t{v.applicant.level},
          std::string(domain::SideName(a.side)),
          std::string(domain::ApplicationStatusName(a.status)),
          std::string(a.nominated ? "yes" : "no"),
          std::string(domain::ManagerApprovalName(a.manager_approval)),
          a.submitted_at,
          a.updated_at};
}

// A survey's results as the results page shows them, a row per answer value (per item and
// rating for a matrix), each row complete (question, answered, average, NPS) so a spreadsheet
// can filter and pivot. Hidden questions and a hidden selection are a row with the reason in
// words; free-text questions a row saying their answers are not exported (TableExports has
// removed them).
ExportTable SurveyResultsHeading(const domain::SurveyResultsQuery& query) {
  std::string title = "Survey results";
  if (!query.by.empty()) {
    title += " by " + query.by + (query.group ? ": " + *query.group : std::string());
  }
  return {"survey_results",
          title + " (aggregates only; free-text answers are not exported)",
          {"Question", "Type", "Answered", "Item", "Answer", "Count", "Average", "NPS", "Note"},
          {}};
}

int64_t WriteSurveyResults(TableStream& out, const domain::SurveyResults& r) {
  const std::string k = std::to_string(r.min_group);
  const ExportCell empty = std::string();
  if (r.hidden) {
    out.Add({empty, empty, empty, empty, empty, empty, empty, empty,
             r.invited == 0 ? std::string("Not sent to anyone yet")
                            : "Hidden: fewer than " + k +
                                  " answers, or showing them would reveal a smaller group"});
    return out.rows();
  }
  for (const auto& q : r.questions) {
    const ExportCell label = q.question.label;
    const ExportCell type = std::string(domain::QuestionTypeName(q.question.type));
    if (q.hidden) {
      out.Add({label, type, empty, empty, empty, empty, empty, empty,
               "Hidden: fewer than " + k +
                   " answers here, or showing it would reveal a smaller group"});
      continue;
    }
    const ExportCell answered = int64_t{q.answered};
    const ExportCell mean = q.mean ? ExportCell(std::round(*q.mean * 100) / 100) : empty;
    const ExportCell nps = q.nps ? ExportCell(int64_t{*q.nps}) : empty;
    auto row = [&](ExportCell item, ExportCell value, ExportCell count, std::string note) {
      out.Add({label, type, answered, std::move(item), std::move(value), std::move(count), mean,
               nps, std::move(note)});
    };
    if (!q.matrix.empty()) {
      for (std::size_t i = 0; i < q.matrix.size(); ++i) {
        const std::string item = i < q.question.options.size() ? q.question.options[i] : "";
        for (std::size_t rating = 0; rating < q.matrix[i].size(); ++rating) {
          row(item, std::to_string(rating + 1), int64_t{q.matrix[i][rating]}, "");
        }
      }
    } else if (!q.counts.empty()) {
      for (const auto& c : q.counts) row(empty, c.value, int64_t{c.count}, "");
    } else {
      const bool text = q.question.type == domain::QuestionType::kShortText ||
                        q.question.type == domain::QuestionType::kLongText;
      row(empty, empty, empty, text ? "Free-text answers are not exported" : "");
    }
  }
  return out.rows();
}

// Opens the stream, lets `run` fill it, answers the file (or run's / the writer's error).
template <typename Run>
HttpResponse StreamExport(const std::string& format, const ExportTable& heading,
                          const std::string& filename, const Run& run) {
  auto stream = TableStream::Open(format, heading);
  if (!stream.ok()) return ErrorResponse(stream.status());
  TableStream& out = **stream;
  if (Status s = run(out); !s.ok()) return ErrorResponse(s);
  auto file = out.Finish();
  if (!file.ok()) return ErrorResponse(file.status());
  return ExportFileResponse(std::move(file).value(), format, filename + "." + format);
}

}  // namespace

Result<std::string> ExportFormatOf(const HttpRequest& request) {
  auto format = request.Query("format");
  if (!format || (*format != "csv" && *format != "xlsx")) {
    return Status::InvalidArgument("format must be csv or xlsx", "format");
  }
  return std::string(*format);
}

HttpResponse ExportFileResponse(std::shared_ptr<const FileBody> file, const std::string& format,
                                const std::string& filename) {
  HttpResponse r;
  r.status = 200;
  r.file = std::move(file);
  r.SetHeader("Content-Type", format == "csv" ? "text/csv; charset=utf-8"
                                              : "application/vnd.openxmlformats-officedocument."
                                                "spreadsheetml.sheet");
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return Private(std::move(r));
}

void RegisterTableExportRoutes(Router& router, AuthGate& auth, domain::TableExports& exports) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  router.Add(HttpMethod::kGet, "/api/v1/people/export",
             Authenticated(
                 auth,
                 [&exports](const HttpRequest& request, const PathParams&, const Actor& actor) {
                   auto format = ExportFormatOf(request);
                   if (!format.ok()) return ErrorResponse(format.status());
                   auto search = ParsePeopleSearch(request);
                   if (!search.ok()) return ErrorResponse(search.status());
                   return StreamExport(*format, kPeopleHeading, "people", [&](TableStream& out) {
                     return exports.People(actor, *search, *format,
                                           [&out](const std::vector<domain::PersonSummary>& page) {
                                             for (const auto& p : page) out.Add(PersonRow(p));
                                           });
                   });
                 }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/relationships/export",
             Authenticated(
                 auth,
                 [&exports](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto format = ExportFormatOf(request);
                   if (!format.ok()) return ErrorResponse(format.status());
                   auto query = ParseRelationshipPageQuery(request);
                   if (!query.ok()) return ErrorResponse(query.status());
                   return StreamExport(
                       *format, kRelationshipsHeading,
                       "program-" + std::to_string(*id) + "-relationships", [&](TableStream& out) {
                         return exports.Relationships(
                             actor, domain::ProgramId(*id), *query, *format,
                             [&out](const std::vector<domain::RelationshipView>& page) {
                               for (const auto& v : page) out.Add(RelationshipRow(v));
                             });
                       });
                 }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/applications/export",
             Authenticated(
                 auth,
                 [&exports](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto format = ExportFormatOf(request);
                   if (!format.ok()) return ErrorResponse(format.status());
                   auto query = ParseReviewQuery(request);
                   if (!query.ok()) return ErrorResponse(query.status());
                   return StreamExport(
                       *format, kApplicationsHeading,
                       "program-" + std::to_string(*id) + "-applications", [&](TableStream& out) {
                         return exports.Applications(
                             actor, domain::ProgramId(*id), *query, *format,
                             [&out](const std::vector<domain::ApplicationView>& page) {
                               for (const auto& v : page) out.Add(ApplicationRow(v));
                             });
                       });
                 }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/surveys/{survey_id}/results/export",
             Authenticated(
                 auth,
                 [&exports](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "survey_id", "survey");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto format = ExportFormatOf(request);
                   if (!format.ok()) return ErrorResponse(format.status());
                   const domain::SurveyResultsQuery query = ParseSurveyResultsQuery(request);
                   return StreamExport(*format, SurveyResultsHeading(query),
                                       "survey-" + std::to_string(*id) + "-results",
                                       [&](TableStream& out) {
                                         return exports.SurveyAggregates(
                                             actor, domain::SurveyId(*id), query, *format,
                                             [&out](const domain::SurveyResults& r) {
                                               return WriteSurveyResults(out, r);
                                             });
                                       });
                 }),
             no_body);
}

}  // namespace pairwise::api
