#include "api/handlers/report_handlers.h"

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "api/export/table_export.h"
#include "api/handlers/assessment_handlers.h"
#include "api/handlers/handler_util.h"
#include "api/handlers/table_export_handlers.h"
#include "domain/proposals/proposal_figures.h"

namespace pairwise::api {
namespace {

using domain::Actor;
using nlohmann::json;

// Percentages and points with one decimal: what the page shows and the exports hold, the same.
double Percent(double share) { return std::round(share * 1000.0) / 10.0; }
// A match score against its run's average pair (100 = average), with one decimal.
double Score(double v) { return std::round(v * 10.0) / 10.0; }

Result<domain::DashboardFilter> FilterOf(const HttpRequest& request) {
  domain::DashboardFilter filter;
  if (auto d = request.Query("department")) filter.department = std::string(*d);
  if (auto s = request.Query("site")) filter.site = std::string(*s);
  auto level = QueryInt(request, "level", 0, domain::kMaxLevel, 0);
  if (!level.ok()) return level.status();
  filter.level = static_cast<int>(*level);
  return filter;
}

// "Department", "Site", "Level band", "Gender" (a reporting attribute's name in words).
std::string DimensionWords(const std::string& dimension) {
  if (dimension == "department") return "Department";
  if (dimension == "site") return "Site";
  if (dimension == "level_band") return "Level band";
  std::string words = dimension.substr(dimension.find(':') + 1);
  for (char& c : words) {
    if (c == '_') c = ' ';
  }
  if (!words.empty())
    words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
  return words;
}

std::optional<double> MatchRate(const domain::GroupFigures& g) {
  if (g.mentees == 0) return std::nullopt;
  return static_cast<double>(g.matched) / static_cast<double>(g.mentees);
}

ExportTable CountTable(std::string name, std::string title, std::string heading,
                       const std::vector<domain::CountRow>& rows) {
  ExportTable t{std::move(name), std::move(title), {std::move(heading), "Count"}, {}};
  for (const auto& r : rows) t.rows.push_back({r.label, r.count});
  return t;
}

// The pre/post competency change as the dashboard shows it: a row per rater and skill with the
// means, their change and how many pairs gave each rating at the start and the end. A hidden
// rater or skill is a row with the reason and no figure; without the change (filters, or a
// program that assesses nothing) one row saying why.
ExportTable CompetencyChangeTable(const std::optional<domain::AssessmentResults>& change) {
  ExportTable t{"competency_change",
                "Skills: mean rating at the start and the end",
                {"Rated by", "Skill", "Pairs", "Mean at the start", "Mean at the end", "Change"},
                {}};
  for (const char* phase : {"Start", "End"}) {
    for (int rating = 1; rating <= 5; ++rating) {
      t.columns.push_back(std::string(phase) + ": pairs rating " + std::to_string(rating));
    }
  }
  t.columns.push_back("Note");
  const std::size_t width = t.columns.size();
  auto note_row = [width](std::string rater, std::string skill, std::string note) {
    std::vector<ExportCell> row(width, ExportCell(std::string()));
    row[0] = std::move(rater);
    row[1] = std::move(skill);
    row[width - 1] = std::move(note);
    return row;
  };
  if (!change) {
    t.rows.push_back(note_row("", "",
                              "Not shown: the program assesses no skills, or filters are set "
                              "(skills figures are for the whole program only)"));
    return t;
  }
  const std::string k = std::to_string(change->min_group);
  auto mean = [](const std::optional<double>& v) {
    return v ? ExportCell(std::round(*v * 100) / 100) : ExportCell(std::string());
  };
  for (const auto& rater : change->raters) {
    const std::string who = rater.rater == domain::Side::kMentee ? "Mentees rating themselves"
                                                                 : "Mentors rating their mentees";
    if (rater.hidden) {
      t.rows.push_back(note_row(
          who, "", "Not shown: fewer than " + k + " pairs rated at both the start and the end"));
      continue;
    }
    for (const auto& c : rater.competencies) {
      if (c.hidden) {
        t.rows.push_back(
            note_row(who, c.competency.name, "Not shown: fewer than " + k + " pairs rated it"));
        continue;
      }
      std::vector<ExportCell> row = {who, c.competency.name, int64_t{c.pairs}};
      row.push_back(mean(c.mean_start));
      row.push_back(mean(c.mean_end));
      row.push_back(mean(c.mean_change));
      for (int n : c.start) row.push_back(int64_t{n});
      for (int n : c.end) row.push_back(int64_t{n});
      row.push_back(std::string());
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

std::vector<ExportTable> DashboardTables(const domain::ProgramDashboard& d) {
  std::vector<ExportTable> tables;
  ExportTable funnel{"funnel", "Enrollment funnel (mentees)", {"Step", "People"}, {}};
  for (const auto& s : d.funnel) funnel.rows.push_back({s.label, s.people});
  tables.push_back(std::move(funnel));
  tables.push_back(
      CountTable("days_to_match", "Time from application to match", "Time", d.days_to_match));
  tables.push_back(CountTable("days_to_first_meeting", "Time from match to first meeting", "Time",
                              d.days_to_first_meeting));
  tables.push_back(CountTable("meeting_rate", "Meetings per pair per month against the agreement",
                              "Pairs", d.meeting_rate));
  // The means the page writes under that chart, in the same rounding.
  ExportTable means{"meetings_per_month",
                    "Meetings a month per pair, on average (pairs at least a month in)",
                    {"Measure", "Meetings a month"},
                    {}};
  means.rows.push_back({std::string("Held"), std::round(d.mean_meetings_per_month * 100) / 100});
  means.rows.push_back({std::string("Agreed"), std::round(d.mean_agreed_per_month * 100) / 100});
  tables.push_back(std::move(means));
  tables.push_back(CountTable("goals", "Goals", "Goals", d.goals));
  tables.push_back(
      CountTable("early_endings", "Early endings by reason", "Reason", d.early_endings));
  // The chart's table (mentors by load against capacity), then the mentors one by one.
  tables.push_back(CountTable("mentor_load_summary", "Mentor load against capacity", "Load",
                              d.mentor_load_summary));
  ExportTable load{"mentor_load",
                   "Each mentor's load against capacity",
                   {"Mentor", "Employee ID", "Mentees", "Capacity"},
                   {}};
  for (const auto& m : d.mentor_load) {
    load.rows.push_back({m.name, m.employee_id, int64_t{m.mentees}, int64_t{m.capacity}});
  }
  tables.push_back(std::move(load));

  // One row per headline score (or one per survey without any), hidden figures left empty with
  // the reason in words.
  ExportTable surveys{
      "surveys",
      "Surveys: response rate and headline scores",
      {"Survey", "Invited", "Answered", "Response rate %", "Question", "Measure", "Score", "Note"},
      {}};
  for (const auto& f : d.surveys) {
    const std::string hidden_note =
        f.invited == 0 ? std::string("Not sent to anyone yet")
                       : "Hidden: fewer than " + std::to_string(f.min_group) + " answers";
    std::vector<ExportCell> head = {f.title, int64_t{f.invited}};
    if (f.hidden) {
      head.insert(head.end(), {std::string(), std::string()});
    } else {
      head.push_back(int64_t{f.responses});
      head.push_back(f.response_rate ? ExportCell(Percent(*f.response_rate))
                                     : ExportCell(std::string()));
    }
    if (f.hidden || f.scores.empty()) {
      head.insert(head.end(), {std::string(), std::string(), std::string(),
                               f.hidden ? hidden_note : std::string("No scale or NPS question")});
      surveys.rows.push_back(std::move(head));
      continue;
    }
    for (const auto& score : f.scores) {
      std::vector<ExportCell> row = head;
      row.push_back(score.question);
      row.push_back(std::string(score.measure == "nps" ? "NPS" : "Mean (1 to 5)"));
      if (score.value) {
        row.push_back(std::round(*score.value * 100) / 100);
        row.push_back(std::string());
      } else {
        row.push_back(std::string());
        row.push_back("Hidden: fewer than " + std::to_string(f.min_group) + " answered it");
      }
      surveys.rows.push_back(std::move(row));
    }
  }
  tables.push_back(std::move(surveys));
  tables.push_back(CompetencyChangeTable(d.competency_change));

  ExportTable labels{"health_labels",
                     "Pairs by health label, day by day",
                     {"Day", "On track", "Needs attention", "At risk"},
                     {}};
  for (const auto& day : d.health_labels) {
    labels.rows.push_back(
        {day.day, int64_t{day.on_track}, int64_t{day.needs_attention}, int64_t{day.at_risk}});
  }
  tables.push_back(std::move(labels));

  ExportTable fairness{
      "fairness",
      "Mentees by group: match rate and endings (groups under " +
          std::to_string(domain::kMinFairnessGroup) + " hidden)",
      {"Dimension", "Group", "Mentees", "Matched", "Match rate %", "Completed", "Ended early",
       "Scored pairs", "Match score (100 = the run's average pair)"},
      {}};
  for (const auto& b : d.fairness) {
    const std::string dimension = DimensionWords(b.dimension);
    for (const auto& g : b.groups) {
      const auto rate = MatchRate(g);
      fairness.rows.push_back(
          {dimension, g.group, int64_t{g.mentees}, int64_t{g.matched},
           rate ? ExportCell(Percent(*rate)) : ExportCell(std::string()), int64_t{g.completed},
           int64_t{g.ended_early}, int64_t{g.scored},
           g.match_score ? ExportCell(Score(*g.match_score)) : ExportCell(std::string())});
    }
    if (b.hidden_groups > 0) {
      fairness.rows.push_back({dimension,
                               std::to_string(b.hidden_groups) +
                                   (b.hidden_groups == 1 ? " group" : " groups") + " hidden",
                               std::string(), std::string(), std::string(), std::string(),
                               std::string(), std::string(), std::string()});
    }
  }
  tables.push_back(std::move(fairness));
  return tables;
}

json CountsJson(const std::vector<domain::CountRow>& rows) {
  json out = json::array();
  for (const auto& r : rows)
    out.push_back({{"key", r.key}, {"label", r.label}, {"count", r.count}});
  return out;
}

json DashboardJson(const domain::ProgramDashboard& d) {
  json funnel = json::array();
  for (const auto& s : d.funnel) {
    funnel.push_back({{"step", s.step}, {"label", s.label}, {"people", s.people}});
  }
  json load = json::array();
  for (const auto& m : d.mentor_load) {
    load.push_back({{"employee_id", m.employee_id},
                    {"name", m.name},
                    {"mentees", m.mentees},
                    {"capacity", m.capacity}});
  }
  json surveys = json::array();
  for (const auto& f : d.surveys) {
    json scores = json::array();
    for (const auto& score : f.scores) {
      scores.push_back(
          {{"question", score.question},
           {"measure", score.measure},
           {"value", score.value ? json(std::round(*score.value * 100) / 100) : json(nullptr)}});
    }
    surveys.push_back(
        {{"id", f.survey.value},
         {"title", f.title},
         {"kind", f.kind},
         {"privacy", f.privacy},
         {"min_group", f.min_group},
         {"invited", f.invited},
         {"hidden", f.hidden},
         {"responses", f.responses},
         {"response_rate_pct", f.response_rate ? json(Percent(*f.response_rate)) : json(nullptr)},
         {"scores", scores}});
  }
  const auto& query = d.surveys_selection.query;
  json selection = {{"applies", d.surveys_selection.applies},
                    {"by", query.by.empty() ? json(nullptr) : json(query.by)},
                    {"group", query.group ? json(*query.group) : json(nullptr)}};
  json labels = json::array();
  for (const auto& day : d.health_labels) {
    labels.push_back({{"day", day.day},
                      {"on_track", day.on_track},
                      {"needs_attention", day.needs_attention},
                      {"at_risk", day.at_risk}});
  }
  json breakdowns = json::array();
  for (const auto& b : d.fairness) {
    json groups = json::array();
    for (const auto& g : b.groups) {
      const auto rate = MatchRate(g);
      groups.push_back(
          {{"group", g.group},
           {"mentees", g.mentees},
           {"matched", g.matched},
           {"match_rate_pct", rate ? json(Percent(*rate)) : json(nullptr)},
           {"completed", g.completed},
           {"ended_early", g.ended_early},
           {"scored_pairs", g.scored},
           {"match_score", g.match_score ? json(Score(*g.match_score)) : json(nullptr)}});
    }
    breakdowns.push_back({{"dimension", b.dimension},
                          {"label", DimensionWords(b.dimension)},
                          {"hidden_groups", b.hidden_groups},
                          {"groups", groups}});
  }
  return {{"program", {{"id", d.program.value}, {"name", d.program_name}}},
          {"funnel", funnel},
          {"days_to_match", CountsJson(d.days_to_match)},
          {"days_to_first_meeting", CountsJson(d.days_to_first_meeting)},
          {"meeting_rate", CountsJson(d.meeting_rate)},
          {"mean_meetings_per_month", std::round(d.mean_meetings_per_month * 100) / 100},
          {"mean_agreed_per_month", std::round(d.mean_agreed_per_month * 100) / 100},
          {"goals", CountsJson(d.goals)},
          {"early_endings", CountsJson(d.early_endings)},
          {"mentor_load", load},
          {"mentor_load_summary", CountsJson(d.mentor_load_summary)},
          {"survey_selection", selection},
          {"surveys", surveys},
          {"competency_change",
           d.competency_change ? AssessmentResultsJson(*d.competency_change) : json(nullptr)},
          {"health_history_days", domain::kHealthHistoryDays},
          {"health_labels", labels},
          {"fairness", {{"min_group", domain::kMinFairnessGroup}, {"breakdowns", breakdowns}}}};
}

const char* SideWords(domain::Side side) {
  return side == domain::Side::kMentee ? "Mentees" : "Mentors";
}

json GroupJson(const domain::OutcomeGroupReport& g) {
  json outcomes = json::array();
  for (const auto& f : g.outcomes) {
    json o = {{"outcome", domain::OutcomeKindName(f.kind)},
              {"label", domain::OutcomeKindLabel(f.kind)},
              {"participants", f.participants},
              {"participant_successes", f.participant_successes},
              {"comparison", f.comparison},
              {"comparison_successes", f.comparison_successes},
              {"enough_data", f.enough_data},
              {"participant_rate_pct", nullptr},
              {"comparison_rate_pct", nullptr},
              {"difference_points", nullptr},
              {"ci_low_points", nullptr},
              {"ci_high_points", nullptr},
              {"participant_median_days", nullptr},
              {"comparison_median_days", nullptr}};
    if (f.enough_data) {
      o["participant_rate_pct"] = Percent(f.participant_rate);
      o["comparison_rate_pct"] = Percent(f.comparison_rate);
      o["difference_points"] = Percent(f.difference);
      o["ci_low_points"] = Percent(f.difference_ci.low);
      o["ci_high_points"] = Percent(f.difference_ci.high);
      if (f.participant_median_days) o["participant_median_days"] = *f.participant_median_days;
      if (f.comparison_median_days) o["comparison_median_days"] = *f.comparison_median_days;
    }
    outcomes.push_back(std::move(o));
  }
  return {{"side", domain::SideName(g.side)},
          {"participants", g.participants},
          {"matched", g.matched},
          {"unmatched", g.unmatched},
          {"outcomes", outcomes}};
}

json OutcomesJson(const domain::ProgramOutcomes& o) {
  return {{"program", o.program.value},
          {"min_group", domain::kMinOutcomeGroup},
          {"method",
           "Each participant is compared with one colleague of the same department, level and "
           "tenure band who was in no mentoring relationship on the day the participant started, "
           "hired nearest in time. The 95% interval of the difference is Newcombe's hybrid score "
           "interval from Wilson intervals of each rate."},
          {"groups", {GroupJson(o.mentees), GroupJson(o.mentors)}}};
}

ExportTable OutcomesTable(const domain::ProgramOutcomes& o) {
  ExportTable t{
      "outcomes",
      "Outcomes against comparable colleagues (95% interval: Newcombe's hybrid score)",
      {"Group", "Outcome", "Participants", "Participant rate %", "Comparable colleagues",
       "Colleague rate %", "Difference (points)", "95% CI low (points)", "95% CI high (points)",
       "Note", "Participants' median days to promotion", "Colleagues' median days to promotion"},
      {}};
  for (const auto* g : {&o.mentees, &o.mentors}) {
    for (const auto& f : g->outcomes) {
      std::vector<ExportCell> row = {std::string(SideWords(g->side)),
                                     std::string(domain::OutcomeKindLabel(f.kind)), f.participants};
      if (f.enough_data) {
        row.insert(row.end(),
                   {Percent(f.participant_rate), f.comparison, Percent(f.comparison_rate),
                    Percent(f.difference), Percent(f.difference_ci.low),
                    Percent(f.difference_ci.high), std::string()});
      } else {
        row.insert(row.end(), {std::string(), f.comparison, std::string(), std::string(),
                               std::string(), std::string(), std::string("Not enough data")});
      }
      auto days = [](const std::optional<int>& d) -> ExportCell {
        return d ? ExportCell(int64_t{*d}) : ExportCell(std::string());
      };
      row.push_back(f.enough_data ? days(f.participant_median_days) : ExportCell(std::string()));
      row.push_back(f.enough_data ? days(f.comparison_median_days) : ExportCell(std::string()));
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

// Writes `tables` as `format` (CSV: the one named `table`), records the export, answers the file.
HttpResponse Export(domain::ReportService& service, const Actor& actor, int64_t program,
                    const std::string& report, const std::string& format,
                    const std::vector<ExportTable>& tables, std::string_view table) {
  int64_t rows = 0;
  std::string filename = "program-" + std::to_string(program) + "-" + report;
  std::span<const ExportTable> written(tables);
  if (format == "csv") {
    const ExportTable* chosen = tables.size() == 1 ? &tables.front() : nullptr;
    for (const auto& t : tables) {
      if (t.name == table) chosen = &t;
    }
    if (!chosen) {
      std::string names;
      for (const auto& t : tables) names += (names.empty() ? "" : ", ") + t.name;
      return ErrorResponse(Status::InvalidArgument("table must be one of " + names, "table"));
    }
    written = std::span<const ExportTable>(chosen, 1);
    if (tables.size() > 1) filename += "-" + chosen->name;
  }
  for (const auto& t : written) rows += static_cast<int64_t>(t.rows.size());
  filename += "." + format;
  auto file = ExportFileOf(format, written);
  if (!file.ok()) return ErrorResponse(file.status());
  Status recorded = service.RecordExport(actor, domain::ProgramId(program), report, format, rows);
  if (!recorded.ok()) return ErrorResponse(recorded);
  return ExportFileResponse(std::move(file).value(), format, filename);
}

// The cross-program view's one table: a row per program, the funnel's steps as columns.
ExportTable OverviewTable(const std::vector<domain::ProgramOverview>& programs) {
  ExportTable t{"programs", "Programs: headline figures", {"Program", "Status"}, {}};
  if (!programs.empty()) {
    for (const auto& step : programs.front().funnel) t.columns.push_back(step.label);
  }
  for (const char* column :
       {"In force", "Ended early", "Meetings a month (mean)", "Agreed meetings a month (mean)"}) {
    t.columns.push_back(column);
  }
  for (const auto& p : programs) {
    std::vector<ExportCell> row = {p.name, std::string(domain::ProgramStatusName(p.status))};
    for (const auto& step : p.funnel) row.push_back(step.people);
    // One push_back each: g++ 12 at -O2 saw the initializer list's variants as maybe
    // uninitialized (-Werror: the release build, so `make run`, failed).
    row.push_back(p.in_force);
    row.push_back(p.ended_early);
    row.push_back(std::round(p.mean_meetings_per_month * 100) / 100);
    row.push_back(std::round(p.mean_agreed_per_month * 100) / 100);
    t.rows.push_back(std::move(row));
  }
  return t;
}

json OverviewJson(const std::vector<domain::ProgramOverview>& programs) {
  json items = json::array();
  for (const auto& p : programs) {
    json funnel = json::array();
    for (const auto& s : p.funnel) {
      funnel.push_back({{"step", s.step}, {"label", s.label}, {"people", s.people}});
    }
    items.push_back({{"id", p.program.value},
                     {"name", p.name},
                     {"status", domain::ProgramStatusName(p.status)},
                     {"funnel", funnel},
                     {"in_force", p.in_force},
                     {"ended_early", p.ended_early},
                     {"mean_meetings_per_month", std::round(p.mean_meetings_per_month * 100) / 100},
                     {"mean_agreed_per_month", std::round(p.mean_agreed_per_month * 100) / 100}});
  }
  return {{"items", items}};
}

}  // namespace

void RegisterReportRoutes(Router& router, AuthGate& auth, domain::ReportService& service) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const std::string base = "/api/v1/programs/{program_id}/reports";
  router.Add(HttpMethod::kGet, base + "/dashboard",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto filter = FilterOf(request);
                   if (!filter.ok()) return ErrorResponse(filter.status());
                   return Answer(service.Dashboard(actor, domain::ProgramId(*id), *filter),
                                 &DashboardJson);
                 }),
             no_body);
  router.Add(HttpMethod::kGet, base + "/outcomes",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto filter = FilterOf(request);
                   if (!filter.ok()) return ErrorResponse(filter.status());
                   return Answer(service.Outcomes(actor, domain::ProgramId(*id), *filter),
                                 &OutcomesJson);
                 }),
             no_body);
  router.Add(HttpMethod::kGet, base + "/dashboard/export",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto filter = FilterOf(request);
                   if (!filter.ok()) return ErrorResponse(filter.status());
                   auto format = ExportFormatOf(request);
                   if (!format.ok()) return ErrorResponse(format.status());
                   auto dashboard = service.Dashboard(actor, domain::ProgramId(*id), *filter);
                   if (!dashboard.ok()) return ErrorResponse(dashboard.status());
                   return Export(service, actor, *id, "dashboard", *format,
                                 DashboardTables(*dashboard), request.Query("table").value_or(""));
                 }),
             no_body);
  router.Add(HttpMethod::kGet, base + "/outcomes/export",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto filter = FilterOf(request);
                   if (!filter.ok()) return ErrorResponse(filter.status());
                   auto format = ExportFormatOf(request);
                   if (!format.ok()) return ErrorResponse(format.status());
                   auto outcomes = service.Outcomes(actor, domain::ProgramId(*id), *filter);
                   if (!outcomes.ok()) return ErrorResponse(outcomes.status());
                   return Export(service, actor, *id, "outcomes", *format,
                                 {OutcomesTable(*outcomes)}, "");
                 }),
             no_body);
  // Every program the actor coordinates (admins: all) side by side.
  router.Add(HttpMethod::kGet, "/api/v1/reports/programs",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.ProgramsOverview(actor), &OverviewJson);
                           }),
             no_body);
  router.Add(
      HttpMethod::kGet, "/api/v1/reports/programs/export",
      Authenticated(auth,
                    [&service](const HttpRequest& request, const PathParams&, const Actor& actor) {
                      auto format = ExportFormatOf(request);
                      if (!format.ok()) return ErrorResponse(format.status());
                      auto programs = service.ProgramsOverview(actor);
                      if (!programs.ok()) return ErrorResponse(programs.status());
                      const ExportTable table = OverviewTable(*programs);
                      auto file = ExportFileOf(*format, std::span<const ExportTable>(&table, 1));
                      if (!file.ok()) return ErrorResponse(file.status());
                      Status recorded = service.RecordOverviewExport(
                          actor, *format, static_cast<int64_t>(table.rows.size()));
                      if (!recorded.ok()) return ErrorResponse(recorded);
                      return ExportFileResponse(std::move(file).value(), *format,
                                                "programs-overview." + *format);
                    }),
      no_body);
}

}  // namespace pairwise::api
