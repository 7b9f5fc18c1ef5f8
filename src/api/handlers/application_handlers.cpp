#include "api/handlers/application_handlers.h"

#include <string>

#include "api/handlers/form_json.h"
#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using nlohmann::json;

Result<domain::Side> SideParam(const PathParams& params) {
  auto side = domain::ParseSide(params.Get("side"));
  if (!side) return Status::NotFound("a program's sides are mentor and mentee");
  return *side;
}

json FormJson(const domain::ApplicationForm& form) {
  return {{"program_id", form.program.value},
          {"side", domain::SideName(form.side)},
          {"version", form.version},
          {"questions", QuestionsJson(form.questions)}};
}

json ApplicantJson(const domain::ApplicantSummary& a) {
  return {{"employee_id", a.employee_id},
          {"name", a.name},
          {"job_title", a.job_title},
          {"department", a.department},
          {"level", a.level}};
}

json ApplicationRowJson(const domain::ApplicationView& v) {
  const domain::Application& a = v.application;
  return {{"id", a.id.value},
          {"program_id", a.program.value},
          {"program_name", v.program_name},
          {"side", domain::SideName(a.side)},
          {"status", domain::ApplicationStatusName(a.status)},
          {"applicant", ApplicantJson(v.applicant)},
          {"nominated", a.nominated},
          {"manager_approval", domain::ManagerApprovalName(a.manager_approval)},
          {"submitted_at", a.submitted_at},
          {"updated_at", a.updated_at}};
}

json ApplicationJson(const domain::ApplicationView& v) {
  json out = ApplicationRowJson(v);
  out["form_version"] = v.application.form_version;
  out["questions"] = QuestionsJson(v.questions);
  out["answers"] = AnswersJson(v.application.answers, v.questions);
  out["decision_message"] = v.application.decision_message;
  return out;
}

json ReviewJson(const domain::ReviewPage& page) {
  json items = json::array();
  for (const auto& v : page.items) items.push_back(ApplicationRowJson(v));
  return {{"items", items},
          {"total", page.total},
          {"counts",
           {{"submitted", page.counts.submitted},
            {"approved", page.counts.approved},
            {"declined", page.counts.declined},
            {"withdrawn", page.counts.withdrawn}}}};
}

json MentorChoicesJson(const std::vector<domain::MentorChoice>& choices) {
  json items = json::array();
  for (const auto& c : choices) {
    items.push_back(
        {{"employee_id", c.employee_id},
         {"name", c.name},
         {"job_title", c.job_title},
         {"department", c.department_code.empty()
                            ? json(nullptr)
                            : json{{"code", c.department_code},
                                   {"name", c.department_name.empty() ? c.department_code
                                                                      : c.department_name}}}});
  }
  return {{"items", std::move(items)}};
}

json CountJson(const int64_t& n) { return {{"updated", n}}; }

json MineJson(const std::vector<domain::MyApplication>& mine) {
  json items = json::array();
  for (const auto& m : mine) {
    items.push_back(
        {{"id", m.application.id.value},
         {"program",
          {{"id", m.application.program.value},
           {"name", m.program_name},
           {"type", domain::ProgramTypeName(m.program_type)},
           {"status", domain::ProgramStatusName(m.program_status)}}},
         {"side", domain::SideName(m.application.side)},
         {"status", domain::ApplicationStatusName(m.application.status)},
         {"nominated", m.application.nominated},
         {"manager_approval", domain::ManagerApprovalName(m.application.manager_approval)},
         {"submitted_at", m.application.submitted_at}});
  }
  return {{"items", items}};
}

json TeamEntryJson(const domain::TeamEntry& t) {
  return {
      {"application_id", t.application.value},
      {"person", ApplicantJson(t.person)},
      {"program", {{"id", t.program.value}, {"name", t.program_name}}},
      {"side", domain::SideName(t.side)},
      {"status", domain::ApplicationStatusName(t.status)},
      {"manager_approval", domain::ManagerApprovalName(t.manager_approval)},
      {"direct_report", t.direct_report},
      {"matched_with", t.matched_with ? ApplicantJson(*t.matched_with) : json(nullptr)},
      {"matched_since", t.matched_since ? json(FormatIso8601(*t.matched_since)) : json(nullptr)}};
}

json TeamJson(const std::vector<domain::TeamEntry>& team) {
  json items = json::array();
  for (const auto& t : team) items.push_back(TeamEntryJson(t));
  return {{"items", items}};
}

domain::Side BodySide(JsonReader& body) {
  return body.Enum("side", &domain::ParseSide, "mentor or mentee");
}

}  // namespace

Result<domain::ReviewQuery> ParseReviewQuery(const HttpRequest& request) {
  domain::ReviewQuery query;
  if (auto side = request.Query("side"); side && !side->empty()) {
    query.side = domain::ParseSide(*side);
    if (!query.side) {
      return WrongType("side", "mentor or mentee");
    }
  }
  if (auto status = request.Query("status"); status && !status->empty()) {
    query.status = domain::ParseApplicationStatus(*status);
    if (!query.status) {
      return WrongType("status", "submitted, approved, declined or withdrawn");
    }
  }
  if (auto q = request.Query("q")) query.q = std::string(*q);
  if (auto sort = request.Query("sort"); sort && !sort->empty()) {
    query.sort = std::string(*sort);
  }
  if (auto order = request.Query("order"); order && !order->empty()) {
    if (*order != "asc" && *order != "desc") {
      return WrongType("order", "asc or desc");
    }
    query.descending = *order == "desc";
  }
  // The service checks the page's bounds.
  auto offset = QueryInt(request, "offset", INT32_MIN, INT32_MAX, 0);
  if (!offset.ok()) return offset.status();
  auto limit = QueryInt(request, "limit", INT32_MIN, INT32_MAX, 50);
  if (!limit.ok()) return limit.status();
  query.offset = static_cast<int>(*offset);
  query.limit = static_cast<int>(*limit);
  return query;
}

void RegisterApplicationRoutes(Router& router, AuthGate& auth,
                               domain::ApplicationService& service) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 512 * 1024};
  using domain::Actor;

  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/forms/{side}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "program_id", "program");
                             if (!id.ok()) return ErrorResponse(id.status());
                             auto side = SideParam(p);
                             if (!side.ok()) return ErrorResponse(side.status());
                             return Answer(service.GetForm(actor, domain::ProgramId(*id), *side),
                                           &FormJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPut, "/api/v1/programs/{program_id}/forms/{side}",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto side = SideParam(p);
                   if (!side.ok()) return ErrorResponse(side.status());
                   // The GET answer's other members may come back with it.
                   JsonReader body(*request.json);
                   body.OnlyKnown({"questions", "version", "program_id", "side"});
                   auto questions = ReadQuestions(body);
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.SaveForm(actor, domain::ProgramId(*id), *side, questions),
                                 &FormJson);
                 }),
             json_body);
  router.Add(HttpMethod::kPost, "/api/v1/programs/{program_id}/applications",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   body.OnlyKnown({"side", "answers"});
                   const domain::Side side = BodySide(body);
                   const domain::SentAnswers answers = ReadAnswers(body);
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.Apply(actor, domain::ProgramId(*id), side, answers),
                                 &ApplicationJson, 201);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/applications",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto query = ParseReviewQuery(request);
                   if (!query.ok()) return ErrorResponse(query.status());
                   return Answer(service.Review(actor, domain::ProgramId(*id), *query),
                                 &ReviewJson);
                 }),
             no_body);
  router.Add(HttpMethod::kPost, "/api/v1/programs/{program_id}/applications/review",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   body.OnlyKnown({"application_ids", "decision", "message"});
                   std::vector<domain::ApplicationId> ids;
                   for (int64_t v : body.Ints<int64_t>("application_ids", 1, INT64_MAX))
                     ids.emplace_back(v);
                   const std::string decision = body.OneOf("decision", {"approve", "decline"});
                   const std::string message = body.OptionalString("message").value_or("");
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.Decide(actor, domain::ProgramId(*id), ids,
                                                decision == "approve", message),
                                 &CountJson);
                 }),
             json_body);
  router.Add(HttpMethod::kPost, "/api/v1/programs/{program_id}/nominations",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   body.OnlyKnown({"side", "employee_ids"});
                   const domain::Side side = BodySide(body);
                   const std::vector<std::string> ids = body.Strings("employee_ids");
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.Nominate(actor, domain::ProgramId(*id), side, ids),
                                 &CountJson);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/applications/{application_id}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "application_id", "application");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.Get(actor, domain::ApplicationId(*id)),
                                           &ApplicationJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPut, "/api/v1/applications/{application_id}",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "application_id", "application");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   body.OnlyKnown({"answers"});
                   const domain::SentAnswers answers = ReadAnswers(body);
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.UpdateAnswers(actor, domain::ApplicationId(*id), answers),
                                 &ApplicationJson);
                 }),
             json_body);
  router.Add(HttpMethod::kPost, "/api/v1/applications/{application_id}/withdraw",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "application_id", "application");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.Withdraw(actor, domain::ApplicationId(*id)),
                                           &ApplicationJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPost, "/api/v1/applications/{application_id}/manager-approval",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "application_id", "application");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   body.OnlyKnown({"approve"});
                   const bool approve = body.Bool("approve");
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(
                       service.DecideAsManager(actor, domain::ApplicationId(*id), approve),
                       &TeamEntryJson);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/mentor-choices",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   std::string q;
                   if (auto sent = request.Query("q")) q = std::string(*sent);
                   // The service checks the bounds.
                   auto limit = QueryInt(request, "limit", INT32_MIN, INT32_MAX, 20);
                   if (!limit.ok()) return ErrorResponse(limit.status());
                   return Answer(service.MentorChoices(actor, domain::ProgramId(*id), q,
                                                       static_cast<int>(*limit)),
                                 &MentorChoicesJson);
                 }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/me/applications",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.Mine(actor), &MineJson);
                           }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/me/team",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.MyTeam(actor), &TeamJson);
                           }),
             no_body);
}

}  // namespace pairwise::api
