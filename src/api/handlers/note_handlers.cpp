#include "api/handlers/note_handlers.h"

#include <nlohmann/json.hpp>
#include <string>

#include "api/handlers/handler_util.h"
#include "api/json_reader.h"

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

// {"kind", "text"} to create (`with_version` false), {"version", "text"} to change; a group
// note has no kind (`group`): {"text"} to create.
Result<NoteBody> NoteFromBody(const json& json_body, bool with_version, bool group = false) {
  JsonReader body(json_body);
  NoteBody out;
  if (with_version) {
    body.OnlyKnown({"version", "text"});
    out.version = body.Int("version");
  } else if (group) {
    body.OnlyKnown({"text"});
    out.kind = domain::NoteKind::kGroup;
  } else {
    body.OnlyKnown({"kind", "text"});
    out.kind = body.Enum("kind", &domain::ParseNoteKind, "private or shared");
  }
  out.text = body.String("text");
  if (!body.ok()) return body.status();
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
  // Group programs: the group's notes, reached through the member's own relationship.
  const std::string group = "/api/v1/relationships/{relationship_id}/group/notes";
  router.Add(HttpMethod::kGet, group,
             Authenticated(auth,
                           [&notes](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto r = IdParam(p, "relationship_id", "relationship");
                             if (!r.ok()) return ErrorResponse(r.status());
                             return Answer(notes.ListGroup(actor, RelationshipId(*r)), &NotesJson);
                           }),
             no_body);
  router.Add(
      HttpMethod::kPost, group,
      Authenticated(auth,
                    [&notes](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                      auto r = IdParam(p, "relationship_id", "relationship");
                      if (!r.ok()) return ErrorResponse(r.status());
                      auto body = NoteFromBody(*request.json, false, true);
                      if (!body.ok()) return ErrorResponse(body.status());
                      return Answer(notes.CreateGroup(actor, RelationshipId(*r), body->text),
                                    &NoteJson, 201);
                    }),
      json_body);
  router.Add(
      HttpMethod::kPut, group + "/{note_id}",
      Authenticated(auth,
                    [&notes](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                      auto r = IdParam(p, "relationship_id", "relationship");
                      if (!r.ok()) return ErrorResponse(r.status());
                      auto n = IdParam(p, "note_id", "note");
                      if (!n.ok()) return ErrorResponse(n.status());
                      auto body = NoteFromBody(*request.json, true);
                      if (!body.ok()) return ErrorResponse(body.status());
                      return Answer(notes.UpdateGroup(actor, RelationshipId(*r), NoteId(*n),
                                                      body->version, body->text),
                                    &NoteJson);
                    }),
      json_body);
  router.Add(HttpMethod::kDelete, group + "/{note_id}",
             Authenticated(auth,
                           [&notes](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto r = IdParam(p, "relationship_id", "relationship");
                             if (!r.ok()) return ErrorResponse(r.status());
                             auto n = IdParam(p, "note_id", "note");
                             if (!n.ok()) return ErrorResponse(n.status());
                             Status deleted =
                                 notes.DeleteGroup(actor, RelationshipId(*r), NoteId(*n));
                             if (!deleted.ok()) return ErrorResponse(deleted);
                             return Private(HttpResponse::NoContent());
                           }),
             no_body);
}

}  // namespace pairwise::api
