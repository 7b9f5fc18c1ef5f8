#include "api/handlers/survey_handlers.h"

#include <string>

#include "api/handlers/form_json.h"
#include "api/handlers/handler_util.h"
#include "api/handlers/session_auth_gate.h"

namespace pairwise::api {
namespace {

using nlohmann::json;

// What a coordinator writes: the body of POST and PUT, and a default survey.
json FieldsJson(const domain::SurveyFields& s) {
  return {{"title", s.title},
          {"intro", s.intro},
          {"kind", domain::SurveyKindName(s.kind)},
          {"privacy", domain::SurveyPrivacyName(s.privacy)},
          {"audience", domain::SurveyAudienceName(s.audience)},
          {"schedule",
           {{"anchor", domain::SurveyAnchorName(s.schedule.anchor)},
            {"days", s.schedule.days},
            {"open_days", s.schedule.open_days},
            {"reminder_days", s.schedule.reminder_days}}},
          {"min_group", s.min_group},
          {"active", s.active},
          {"questions", QuestionsJson(s.questions)}};
}

json SurveyJson(const domain::Survey& s) {
  json out = FieldsJson(s);
  out["id"] = s.id.value;
  out["program_id"] = s.program.value;
  out["version"] = s.version;
  out["created_at"] = FormatIso8601(s.created_at);
  return out;
}

json DefaultsJson(const std::vector<domain::SurveyFields>& surveys) {
  json items = json::array();
  for (const auto& s : surveys) items.push_back(FieldsJson(s));
  return {{"items", items}};
}

json SurveysJson(const std::vector<domain::Survey>& surveys) {
  json items = json::array();
  for (const auto& s : surveys) items.push_back(SurveyJson(s));
  return {{"items", items}};
}

// The body of POST and PUT (the GET answer's read-only members may come back with it).
domain::SurveyFields ReadSurvey(JsonReader& body) {
  body.OnlyKnown({"title", "intro", "kind", "privacy", "audience", "schedule", "min_group",
                  "active", "questions", "id", "program_id", "version", "created_at"});
  domain::SurveyFields f;
  f.title = body.String("title");
  f.intro = body.OptionalString("intro").value_or("");
  f.kind = body.Enum("kind", &domain::ParseSurveyKind,
                     "start, midpoint, end, pulse, closure or after_meeting");
  f.privacy = body.Enum("privacy", &domain::ParseSurveyPrivacy, "anonymous or confidential");
  f.audience = body.Enum("audience", &domain::ParseSurveyAudience, "mentors, mentees or both");
  JsonReader schedule = body.Object("schedule");
  schedule.OnlyKnown({"anchor", "days", "open_days", "reminder_days"});
  f.schedule.anchor =
      schedule.Enum("anchor", &domain::ParseSurveyAnchor,
                    "after_start, halfway, before_end, every, after_ending, after_meeting, "
                    "after_program_start or before_program_end");
  f.schedule.days = schedule.OptionalInt<int>("days", 0, 730).value_or(0);
  f.schedule.open_days = schedule.OptionalInt<int>("open_days", 1, 90).value_or(14);
  f.schedule.reminder_days = schedule.OptionalInt<int>("reminder_days", 1, 89).value_or(5);
  f.min_group = body.OptionalInt<int>("min_group", domain::kLowestMinGroup, 50)
                    .value_or(domain::kDefaultMinGroup);
  f.active = body.OptionalBool("active").value_or(true);
  f.questions = ReadQuestions(body);
  return f;
}

json ResultsJson(const domain::SurveyResults& r) {
  json groups = json::array();
  for (const auto& g : r.groups) {
    groups.push_back({{"group", g.group}, {"hidden", g.hidden}, {"responses", g.responses}});
  }
  json questions = json::array();
  for (const auto& q : r.questions) {
    json counts = json::array();
    for (const auto& c : q.counts) counts.push_back({{"value", c.value}, {"count", c.count}});
    questions.push_back({{"id", q.question.id},
                         {"type", domain::QuestionTypeName(q.question.type)},
                         {"label", q.question.label},
                         {"options", q.question.options},
                         {"answered", q.answered},
                         {"hidden", q.hidden},
                         {"counts", counts},
                         {"mean", q.mean ? json(*q.mean) : json(nullptr)},
                         {"nps", q.nps ? json(*q.nps) : json(nullptr)},
                         {"matrix", q.matrix},
                         {"texts", q.texts}});
  }
  return {{"min_group", r.min_group},
          {"invited", r.invited},
          {"responses", r.responses},
          {"hidden", r.hidden},
          {"by", r.by},
          {"group", r.group ? json(*r.group) : json(nullptr)},
          {"groups", groups},
          {"questions", questions}};
}

json ToAnswerJson(const domain::SurveyToAnswer& s) {
  json out = {
      {"survey_id", s.survey.value},
      {"title", s.title},
      {"intro", s.intro},
      {"program_name", s.program_name},
      {"kind", domain::SurveyKindName(s.kind)},
      {"privacy", domain::SurveyPrivacyName(s.privacy)},
      {"side", domain::SideName(s.side)},
      {"questions", QuestionsJson(s.questions)},
      {"closes_at", FormatIso8601(s.closes_at)},
      {"answered", s.answered},
      {"closed", s.closed},
      {"own_answers", s.own_answers ? AnswersJson(*s.own_answers, s.questions) : json(nullptr)}};
  return out;
}

json MineJson(const domain::SurveyToAnswer& s) {
  json out = ToAnswerJson(s);
  out["invitation_id"] = s.invitation;
  return out;
}

json MineListJson(const std::vector<domain::SurveyToAnswer>& list) {
  json items = json::array();
  for (const auto& s : list) {
    json row = MineJson(s);
    row.erase("questions");
    row.erase("own_answers");
    items.push_back(std::move(row));
  }
  return {{"items", items}};
}

// The link's answer: never cached, never sent on as a referrer.
HttpResponse LinkResponse(HttpResponse response) {
  response.SetHeader("Referrer-Policy", "no-referrer");
  return Private(std::move(response));
}

}  // namespace

domain::SurveyResultsQuery ParseSurveyResultsQuery(const HttpRequest& request) {
  domain::SurveyResultsQuery query;
  query.by = std::string(request.Query("by").value_or(""));
  if (auto g = request.Query("group")) query.group = std::string(*g);
  return query;
}

void RegisterSurveyRoutes(Router& router, AuthGate& auth, domain::SurveyService& service) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 256 * 1024};
  using domain::Actor;

  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/surveys",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "program_id", "program");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.List(actor, domain::ProgramId(*id)),
                                           &SurveysJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPost, "/api/v1/programs/{program_id}/surveys",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   const domain::SurveyFields fields = ReadSurvey(body);
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.Create(actor, domain::ProgramId(*id), fields), &SurveyJson,
                                 201);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/survey-defaults",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "program_id", "program");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.Defaults(actor, domain::ProgramId(*id)),
                                           &DefaultsJson);
                           }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/surveys/{survey_id}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "survey_id", "survey");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.Get(actor, domain::SurveyId(*id)), &SurveyJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPut, "/api/v1/surveys/{survey_id}",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "survey_id", "survey");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   const domain::SurveyFields fields = ReadSurvey(body);
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.Update(actor, domain::SurveyId(*id), fields), &SurveyJson);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/surveys/{survey_id}/results",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "survey_id", "survey");
                   if (!id.ok()) return ErrorResponse(id.status());
                   return Answer(service.Results(actor, domain::SurveyId(*id),
                                                 ParseSurveyResultsQuery(request)),
                                 &ResultsJson);
                 }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/me/surveys",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.Mine(actor), &MineListJson);
                           }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/me/surveys/{invitation_id}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "invitation_id", "survey");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.MineOne(actor, *id), &MineJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPost, "/api/v1/me/surveys/{invitation_id}/answers",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "invitation_id", "survey");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   body.OnlyKnown({"answers"});
                   const domain::SentAnswers answers = ReadAnswers(body);
                   if (!body.ok()) return ErrorResponse(body.status());
                   Status s = service.AnswerMine(actor, *id, answers);
                   if (!s.ok()) return ErrorResponse(s);
                   return Private(HttpResponse::Json(201, json{{"answered", true}}));
                 }),
             json_body);
  router.Add(
      HttpMethod::kGet, "/api/v1/survey-links/{token}",
      [&service](const HttpRequest&, const PathParams& p) {
        auto survey = service.ByLink(std::string(p.Get("token")));
        if (!survey.ok()) return LinkResponse(ErrorResponse(survey.status()));
        return LinkResponse(HttpResponse::Json(200, ToAnswerJson(*survey)));
      },
      no_body);
  router.Add(
      HttpMethod::kPost, "/api/v1/survey-links/{token}/answers",
      [&service](const HttpRequest& request, const PathParams& p) {
        // No session: the same-origin check stands in for the CSRF header.
        if (Status s = CheckSameOrigin(request); !s.ok()) return ErrorResponse(s);
        JsonReader body(*request.json);
        body.OnlyKnown({"answers"});
        const domain::SentAnswers answers = ReadAnswers(body);
        if (!body.ok()) return LinkResponse(ErrorResponse(body.status()));
        Status s = service.AnswerByLink(std::string(p.Get("token")), answers);
        if (!s.ok()) return LinkResponse(ErrorResponse(s));
        return LinkResponse(HttpResponse::Json(201, json{{"answered", true}}));
      },
      json_body);
}

}  // namespace pairwise::api
