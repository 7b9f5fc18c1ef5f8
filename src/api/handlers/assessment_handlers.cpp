#include "api/handlers/assessment_handlers.h"

#include <string>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

using nlohmann::json;

namespace {

json CompetenciesJson(const std::vector<domain::AssessmentCompetency>& competencies) {
  json items = json::array();
  for (const auto& c : competencies) items.push_back({{"code", c.code}, {"name", c.name}});
  return items;
}

// The scale's words, so that every page says them alike.
json ScaleJson() {
  json scale = json::array();
  for (int r = domain::kAssessmentMinRating; r <= domain::kAssessmentMaxRating; ++r) {
    scale.push_back({{"rating", r}, {"label", domain::kAssessmentScale[r - 1]}});
  }
  return scale;
}

json ProgramCompetenciesJson(const std::vector<domain::AssessmentCompetency>& competencies) {
  return {{"items", CompetenciesJson(competencies)},
          {"scale", ScaleJson()},
          {"open_days", domain::kAssessmentOpenDays},
          {"max_competencies", domain::kMaxAssessmentCompetencies}};
}

json SheetJson(const std::optional<domain::Assessment>& sheet) {
  if (!sheet) return nullptr;
  json ratings = json::object();
  for (const auto& [code, rating] : sheet->ratings) ratings[code] = rating;
  return {{"version", sheet->version},
          {"ratings", ratings},
          {"updated_at", FormatIso8601(sheet->updated_at)}};
}

json PairJson(const domain::PairAssessments& pair) {
  json phases = json::array();
  for (const domain::PhaseView& p : pair.phases) {
    phases.push_back({{"phase", domain::AssessmentPhaseName(p.phase)},
                      {"opens_at", p.window ? json(FormatIso8601(p.window->opens)) : json()},
                      {"closes_at", p.window ? json(FormatIso8601(p.window->closes)) : json()},
                      {"open", p.open},
                      {"mine", SheetJson(p.mine)},
                      {"other", SheetJson(p.other)}});
  }
  return {{"relationship_id", pair.relationship.value},
          {"side", domain::SideName(pair.side)},
          {"competencies", CompetenciesJson(pair.competencies)},
          {"scale", ScaleJson()},
          {"phases", phases}};
}

json DueJson(const std::vector<domain::AssessmentDue>& due) {
  json items = json::array();
  for (const auto& d : due) {
    items.push_back({{"relationship_id", d.relationship.value},
                     {"program_name", d.program_name},
                     {"other_name", d.other_name},
                     {"side", domain::SideName(d.side)},
                     {"phase", domain::AssessmentPhaseName(d.phase)},
                     {"closes_at", FormatIso8601(d.closes)}});
  }
  return {{"items", items}};
}

json MeanJson(const std::optional<double>& mean) { return mean ? json(*mean) : json(nullptr); }

}  // namespace

json AssessmentResultsJson(const domain::AssessmentResults& results) {
  json raters = json::array();
  for (const domain::RaterChange& r : results.raters) {
    json competencies = json::array();
    for (const domain::CompetencyChange& c : r.competencies) {
      competencies.push_back({{"code", c.competency.code},
                              {"name", c.competency.name},
                              {"pairs", c.pairs},
                              {"hidden", c.hidden},
                              {"start", c.start},
                              {"end", c.end},
                              {"mean_start", MeanJson(c.mean_start)},
                              {"mean_end", MeanJson(c.mean_end)},
                              {"mean_change", MeanJson(c.mean_change)}});
    }
    raters.push_back({{"rater", domain::SideName(r.rater)},
                      {"pairs", r.pairs},
                      {"hidden", r.hidden},
                      {"competencies", competencies}});
  }
  return {{"min_group", results.min_group},
          {"competencies", CompetenciesJson(results.competencies)},
          {"scale", ScaleJson()},
          {"raters", raters}};
}

void RegisterAssessmentRoutes(Router& router, AuthGate& auth, domain::AssessmentService& service) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 64 * 1024};
  using domain::Actor;
  const std::string program = "/api/v1/programs/{program_id}";
  const std::string relationship = "/api/v1/relationships/{relationship_id}";

  router.Add(HttpMethod::kGet, program + "/assessment-competencies",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "program_id", "program");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.Competencies(actor, domain::ProgramId(*id)),
                                           &ProgramCompetenciesJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPut, program + "/assessment-competencies",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   body.OnlyKnown({"competencies"});
                   const std::vector<std::string> codes = body.Strings("competencies");
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.SetCompetencies(actor, domain::ProgramId(*id), codes),
                                 &ProgramCompetenciesJson);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, program + "/assessment-results",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "program_id", "program");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.Results(actor, domain::ProgramId(*id)),
                                           &AssessmentResultsJson);
                           }),
             no_body);
  router.Add(HttpMethod::kGet, relationship + "/assessments",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "relationship_id", "relationship");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(
                                 service.ForRelationship(actor, domain::RelationshipId(*id)),
                                 &PairJson);
                           }),
             no_body);
  router.Add(
      HttpMethod::kPut, relationship + "/assessments/{phase}",
      Authenticated(
          auth,
          [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
            auto id = IdParam(p, "relationship_id", "relationship");
            if (!id.ok()) return ErrorResponse(id.status());
            const auto phase = domain::ParseAssessmentPhase(p.Get("phase"));
            if (!phase) {
              return ErrorResponse(Status::NotFound("an assessment phase is start or end"));
            }
            JsonReader body(*request.json);
            body.OnlyKnown({"version", "ratings"});
            const int version = body.Int<int>("version", 0, 1'000'000);
            std::map<std::string, int> ratings;
            JsonReader sent = body.Object("ratings");
            // Any whole number is read here; the scale (1..5) is the domain's rule.
            sent.Members([&](const std::string& code, const json& value, const std::string& at) {
              auto n = ReadInt(value, at, INT32_MIN, INT32_MAX);
              if (!n.ok()) return sent.Fail(n.status());
              ratings[code] = static_cast<int>(*n);
            });
            if (!body.ok()) return ErrorResponse(body.status());
            return Answer(
                service.Rate(actor, domain::RelationshipId(*id), *phase, version, ratings),
                &PairJson);
          }),
      json_body);
  router.Add(HttpMethod::kGet, "/api/v1/me/assessments",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.Due(actor), &DueJson);
                           }),
             no_body);
}

}  // namespace pairwise::api
