#include "api/handlers/note_handlers.h"

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using domain::NoteId;
using domain::RelationshipId;
using nlohmann::json;

json NoteJson(const domain::Note& n) {
  return {{"id", n.id.value},
          {"author", n.author},
          {"kind", domain::NoteKindName(n.kind)},
          {"text", n.text},
          {"version", n.version},
          {"created_at", FormatIso8601(n.created_at)},
          {"updated_at", FormatIso8601(n.updated_at)}};
}

json NotesJson(const std::vector<domain::Note>& notes) {
  json items = json::array();
  for (const auto& n : notes) items.push_back(NoteJson(n));
  return {{"items", items}};
}

// ---- reading request bodies: the one place of this file ----

struct NoteBody {
  domain::NoteKind kind = domain::NoteKind::kPrivate;
  std::string text;
  int version = 0;
};

// {"kind", "text"} to create (`with_version` false), {"version", "text"} to change.
Result<NoteBody> NoteFromBody(const json& body, bool with_version) {
  if (!body.is_object()) return WrongType("body", "a JSON object");
  const std::set<std::string> allowed = with_version ? std::set<std::string>{"version", "text"}
                                                     : std::set<std::string>{"kind", "text"};
  for (const auto& [key, value] : body.items()) {
    if (!allowed.contains(key)) return Status::InvalidArgument("unknown field " + key, key);
  }
  NoteBody out;
  if (with_version) {
    if (!body.contains("version") || !body["version"].is_number_integer()) {
      return WrongType("version", "a whole number");
    }
    out.version = body["version"].get<int>();
  } else {
    const json kind = body.value("kind", json());
    auto parsed = kind.is_string() ? domain::ParseNoteKind(kind.get<std::string>()) : std::nullopt;
    if (!parsed) return WrongType("kind", "private or shared");
    out.kind = *parsed;
  }
  if (!body.contains("text") || !body["text"].is_string()) return WrongType("text", "a string");
  out.text = body["text"].get<std::string>();
  return out;
}

}  // namespace

void RegisterNoteRoutes(Router& router, AuthGate& auth, domain::NoteService& notes) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  // A note holds up to 20,000 characters of up to 4 bytes, plus JSON escaping.
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 256 * 1024};
  const std::string base = "/api/v1/relationships/{relationship_id}/notes";

  router.Add(HttpMethod::kGet, base,
             Authenticated(auth,
                           [&notes](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto r = IdParam(p, "relationship_id", "relationship");
                             if (!r.ok()) return ErrorResponse(r.status());
                             return Answer(notes.List(actor, RelationshipId(*r)), &NotesJson);
                           }),
             no_body);
  router.Add(
      HttpMethod::kPost, base,
      Authenticated(auth,
                    [&notes](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                      auto r = IdParam(p, "relationship_id", "relationship");
                      if (!r.ok()) return ErrorResponse(r.status());
                      auto body = NoteFromBody(*request.json, false);
                      if (!body.ok()) return ErrorResponse(body.status());
                      return Answer(notes.Create(actor, RelationshipId(*r), body->kind, body->text),
                                    &NoteJson, 201);
                    }),
      json_body);
  router.Add(
      HttpMethod::kPut, base + "/{note_id}",
      Authenticated(auth,
                    [&notes](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                      auto r = IdParam(p, "relationship_id", "relationship");
                      if (!r.ok()) return ErrorResponse(r.status());
                      auto n = IdParam(p, "note_id", "note");
                      if (!n.ok()) return ErrorResponse(n.status());
                      auto body = NoteFromBody(*request.json, true);
                      if (!body.ok()) return ErrorResponse(body.status());
                      return Answer(notes.Update(actor, RelationshipId(*r), NoteId(*n),
                                                 body->version, body->text),
                                    &NoteJson);
                    }),
      json_body);
  router.Add(HttpMethod::kDelete, base + "/{note_id}",
             Authenticated(auth,
                           [&notes](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto r = IdParam(p, "relationship_id", "relationship");
                             if (!r.ok()) return ErrorResponse(r.status());
                             auto n = IdParam(p, "note_id", "note");
                             if (!n.ok()) return ErrorResponse(n.status());
                             Status deleted = notes.Delete(actor, RelationshipId(*r), NoteId(*n));
                             if (!deleted.ok()) return ErrorResponse(deleted);
                             return Private(HttpResponse::NoContent());
                           }),
             no_body);
}

}  // namespace pairwise::api
