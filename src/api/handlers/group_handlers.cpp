#include "api/handlers/group_handlers.h"

#include <nlohmann/json.hpp>
#include <string>

#include "api/handlers/handler_util.h"
#include "api/json_reader.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using domain::RelationshipId;
using nlohmann::json;

json GroupJson(const domain::RelationshipGroup& g) {
  json mentees = json::array();
  for (const auto& m : g.mentees) {
    mentees.push_back(
        {{"employee_id", m.employee_id},
         {"name", m.name},
         {"relationship_id", m.relationship.value != 0 ? json(m.relationship.value) : json()},
         {"status", domain::RelationshipStatusName(m.status)}});
  }
  return {{"program_id", g.program.value},
          {"program_name", g.program_name},
          {"mentor", {{"employee_id", g.mentor}, {"name", g.mentor_name}}},
          {"mentees", mentees},
          {"max_size", g.max_size}};
}

json MessageJson(const domain::PairMessageView& m) {
  return {{"id", m.message.id},
          {"author", m.message.author},
          {"author_name", m.author_name},
          {"text", m.message.text},
          {"created_at", FormatIso8601(m.message.created_at)}};
}

json MessagesJson(const std::vector<domain::PairMessageView>& messages) {
  json items = json::array();
  for (const auto& m : messages) items.push_back(MessageJson(m));
  return {{"items", items}};
}

// {"text"}: the one place this file reads a body.
Result<std::string> MessageFromBody(const json& json_body) {
  JsonReader body(json_body);
  body.OnlyKnown({"text"});
  std::string text = body.String("text");
  if (!body.ok()) return body.status();
  return text;
}

}  // namespace

void RegisterGroupRoutes(Router& router, AuthGate& auth, domain::RelationshipService& relationships,
                         domain::PairMessageService& messages) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  // A message holds up to 4,000 characters of up to 4 bytes, plus JSON escaping.
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 64 * 1024};
  const std::string base = "/api/v1/relationships/{relationship_id}";

  router.Add(
      HttpMethod::kGet, base + "/group",
      Authenticated(auth,
                    [&relationships](const HttpRequest&, const PathParams& p, const Actor& actor) {
                      auto r = IdParam(p, "relationship_id", "relationship");
                      if (!r.ok()) return ErrorResponse(r.status());
                      return Answer(relationships.GetGroup(actor, RelationshipId(*r)), &GroupJson);
                    }),
      no_body);
  router.Add(
      HttpMethod::kGet, base + "/messages",
      Authenticated(auth,
                    [&messages](const HttpRequest&, const PathParams& p, const Actor& actor) {
                      auto r = IdParam(p, "relationship_id", "relationship");
                      if (!r.ok()) return ErrorResponse(r.status());
                      return Answer(messages.List(actor, RelationshipId(*r)), &MessagesJson);
                    }),
      no_body);
  router.Add(HttpMethod::kPost, base + "/messages",
             Authenticated(
                 auth,
                 [&messages](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto r = IdParam(p, "relationship_id", "relationship");
                   if (!r.ok()) return ErrorResponse(r.status());
                   auto text = MessageFromBody(*request.json);
                   if (!text.ok()) return ErrorResponse(text.status());
                   return Answer(messages.Send(actor, RelationshipId(*r), *text), &MessageJson,
                                 201);
                 }),
             json_body);
}

}  // namespace pairwise::api
