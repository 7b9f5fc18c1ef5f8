#include "api/handlers/note_handlers.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

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

std::optional<domain::NoteKind> ParsePairNoteKind(std::string_view name) {
  auto kind = domain::ParseNoteKind(name);
  if (kind == domain::NoteKind::kGroup) return std::nullopt;  // the group's notes' own route
  return kind;
}

// To create: {"kind", "text"} in a relationship, {"text"} in a group (its notes have no other
// kind). To change (`with_version`): {"version", "text"}.
Result<NoteBody> NoteFromBody(const json& json_body, domain::NotesOf of, bool with_version) {
  JsonReader body(json_body);
  NoteBody out;
  if (with_version) {
    body.OnlyKnown({"version", "text"});
    out.version = body.Int("version");
  } else if (of == domain::NotesOf::kGroup) {
    body.OnlyKnown({"text"});
    out.kind = domain::NoteKind::kGroup;
  } else {
    body.OnlyKnown({"kind", "text"});
    out.kind = body.Enum("kind", &ParsePairNoteKind, "private or shared");
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
  // The same four routes for a relationship's notes and (group programs) its group's, reached
  // through the member's own relationship.
  for (const auto& [base, scope] :
       {std::pair{std::string("/api/v1/relationships/{relationship_id}/notes"),
                  domain::NotesOf::kRelationship},
        std::pair{std::string("/api/v1/relationships/{relationship_id}/group/notes"),
                  domain::NotesOf::kGroup}}) {
    // A copy the handlers capture: lambdas may not capture structured bindings (clang, C++20).
    const domain::NotesOf of = scope;
    router.Add(
        HttpMethod::kGet, base,
        Authenticated(auth,
                      [&notes, of](const HttpRequest&, const PathParams& p, const Actor& actor) {
                        auto r = IdParam(p, "relationship_id", "relationship");
                        if (!r.ok()) return ErrorResponse(r.status());
                        return Answer(notes.List(actor, RelationshipId(*r), of), &NotesJson);
                      }),
        no_body);
    router.Add(
        HttpMethod::kPost, base,
        Authenticated(
            auth,
            [&notes, of](const HttpRequest& request, const PathParams& p, const Actor& actor) {
              auto r = IdParam(p, "relationship_id", "relationship");
              if (!r.ok()) return ErrorResponse(r.status());
              auto body = NoteFromBody(*request.json, of, false);
              if (!body.ok()) return ErrorResponse(body.status());
              return Answer(notes.Create(actor, RelationshipId(*r), body->kind, body->text),
                            &NoteJson, 201);
            }),
        json_body);
    router.Add(HttpMethod::kPut, base + "/{note_id}",
               Authenticated(auth,
                             [&notes, of](const HttpRequest& request, const PathParams& p,
                                          const Actor& actor) {
                               auto r = IdParam(p, "relationship_id", "relationship");
                               if (!r.ok()) return ErrorResponse(r.status());
                               auto n = IdParam(p, "note_id", "note");
                               if (!n.ok()) return ErrorResponse(n.status());
                               auto body = NoteFromBody(*request.json, of, true);
                               if (!body.ok()) return ErrorResponse(body.status());
                               return Answer(notes.Update(actor, RelationshipId(*r), of, NoteId(*n),
                                                          body->version, body->text),
                                             &NoteJson);
                             }),
               json_body);
    router.Add(
        HttpMethod::kDelete, base + "/{note_id}",
        Authenticated(auth,
                      [&notes, of](const HttpRequest&, const PathParams& p, const Actor& actor) {
                        auto r = IdParam(p, "relationship_id", "relationship");
                        if (!r.ok()) return ErrorResponse(r.status());
                        auto n = IdParam(p, "note_id", "note");
                        if (!n.ok()) return ErrorResponse(n.status());
                        Status deleted = notes.Delete(actor, RelationshipId(*r), of, NoteId(*n));
                        if (!deleted.ok()) return ErrorResponse(deleted);
                        return Private(HttpResponse::NoContent());
                      }),
        no_body);
  }
}

}  // namespace pairwise::api
