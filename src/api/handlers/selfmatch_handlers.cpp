#include "api/handlers/selfmatch_handlers.h"

#include <nlohmann/json.hpp>
#include <string>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using nlohmann::json;

json MentorsJson(const std::vector<domain::MentorCard>& mentors) {
  json items = json::array();
  for (const auto& m : mentors) {
    json expertise = json::array();
    for (const auto& s : m.expertise) expertise.push_back({{"skill", s.skill}, {"level", s.level}});
    items.push_back({{"employee_id", m.employee_id},
                     {"name", m.name},
                     {"job_title", m.job_title},
                     {"department", m.department},
                     {"site", m.site},
                     {"languages", m.languages},
                     {"bio", m.bio},
                     {"expertise", expertise},
                     {"availability_hours_per_month", m.availability_hours_per_month},
                     {"capacity",
                      {{"mentees", m.capacity},
                       {"taken", m.taken},
                       {"open", std::max(0, m.capacity - m.taken)}}}});
  }
  return {{"items", items}};
}

json RequestJson(const domain::RequestView& v) {
  const domain::MatchRequest& r = v.request;
  json out = {
      {"id", r.id.value},
      {"program_id", r.program.value},
      {"mentee", {{"employee_id", r.mentee}, {"name", v.mentee_name}}},
      {"mentor", {{"employee_id", r.mentor}, {"name", v.mentor_name}}},
      {"message", r.message},
      {"status", domain::RequestStatusName(v.status)},
      {"response_message", r.response_message},
      {"created_at", FormatIso8601(r.created_at)},
      {"expires_at", FormatIso8601(r.expires_at)},
      {"responded_at", r.responded_at ? json(FormatIso8601(*r.responded_at)) : json(nullptr)}};
  // Accepting answers with the relationship it started.
  if (v.relationship.valid()) out["relationship_id"] = v.relationship.value;
  return out;
}

json RequestsJson(const std::vector<domain::RequestView>& list) {
  json items = json::array();
  for (const auto& v : list) items.push_back(RequestJson(v));
  return {{"items", items}};
}

// The optional "message" of a body that may hold only it (or no body at all).
Result<std::string> MessageOf(const HttpRequest& request) {
  if (!request.json || request.json->is_null()) return std::string();
  JsonReader body(*request.json);
  body.OnlyKnown({"message"});
  std::string message = body.OptionalString("message").value_or("");
  if (!body.ok()) return body.status();
  return message;
}

}  // namespace

void RegisterSelfMatchRoutes(Router& router, AuthGate& auth, domain::SelfMatchService& service) {
  using domain::Actor;
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 16 * 1024};
  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/mentors",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   domain::MentorFilter filter;
                   auto text = [&](std::string_view name, std::string& into) {
                     if (auto v = request.Query(name)) into = std::string(*v);
                   };
                   text("q", filter.q);
                   text("skill", filter.skill);
                   text("department", filter.department);
                   text("site", filter.site);
                   text("language", filter.language);
                   auto hours = QueryInt(request, "min_hours", INT32_MIN, INT32_MAX, 0);
                   if (!hours.ok()) return ErrorResponse(hours.status());
                   filter.min_hours = static_cast<int>(*hours);
                   return Answer(service.BrowseMentors(actor, domain::ProgramId(*id), filter),
                                 &MentorsJson);
                 }),
             no_body);
  router.Add(HttpMethod::kPost, "/api/v1/programs/{program_id}/requests",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   body.OnlyKnown({"mentor_employee_id", "message"});
                   const std::string mentor = body.String("mentor_employee_id");
                   const std::string message = body.OptionalString("message").value_or("");
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.Request(actor, domain::ProgramId(*id), mentor, message),
                                 &RequestJson, 201);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/requests",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto box = request.Query("box");
                   return Answer(
                       service.ListRequests(actor, domain::ProgramId(*id),
                                            box && !box->empty() ? std::string(*box) : "outgoing"),
                       &RequestsJson);
                 }),
             no_body);
  for (const char* action : {"accept", "decline", "cancel"}) {
    const std::string name = action;
    router.Add(
        HttpMethod::kPost, "/api/v1/requests/{request_id}/" + name,
        Authenticated(
            auth,
            [&service, name](const HttpRequest& request, const PathParams& p, const Actor& actor) {
              auto id = IdParam(p, "request_id", "request");
              if (!id.ok()) return ErrorResponse(id.status());
              const domain::MatchRequestId request_id(*id);
              if (name == "cancel") {
                return Answer(service.Cancel(actor, request_id), &RequestJson);
              }
              auto message = MessageOf(request);
              if (!message.ok()) return ErrorResponse(message.status());
              return Answer(name == "accept" ? service.Accept(actor, request_id, *message)
                                             : service.Decline(actor, request_id, *message),
                            &RequestJson);
            }),
        name == "cancel" ? no_body : RouteOptions{.body = BodyKind::kJson, .max_body = 16 * 1024});
  }
}

}  // namespace pairwise::api
