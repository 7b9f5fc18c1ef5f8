#include "api/handlers/resource_handlers.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/handlers/handler_util.h"
#include "api/json_reader.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using domain::ResourceId;
using domain::ResourceView;
using nlohmann::json;

json TopicsJson() {
  json out = json::array();
  for (const auto& t : domain::ResourceTopics()) {
    out.push_back({{"key", t.key}, {"label", t.label}});
  }
  return out;
}

json ResourceJson(const ResourceView& v) {
  const domain::Resource& r = v.resource;
  return {{"id", r.id.value},
          {"title", r.fields.title},
          {"body", r.fields.body},
          {"topics", r.fields.topics},
          {"published", r.fields.published},
          {"author", {{"employee_id", r.author}, {"name", v.author_name}}},
          {"updated_by", {{"employee_id", r.updated_by}, {"name", v.updated_by_name}}},
          {"version", r.version},
          {"created_at", FormatIso8601(r.created_at)},
          {"updated_at", FormatIso8601(r.updated_at)},
          {"can_edit", v.can_edit}};
}

// ---- reading request bodies: the one place of this file ----

struct ResourceBody {
  domain::ResourceFields fields;
  int version = 0;
};

// {title, body, topics, published} to create; with "version" to change.
Result<ResourceBody> ResourceFromBody(const json& json_body, bool with_version) {
  JsonReader body(json_body);
  ResourceBody out;
  if (with_version) {
    body.OnlyKnown({"version", "title", "body", "topics", "published"});
    out.version = body.Int("version", 1);
  } else {
    body.OnlyKnown({"title", "body", "topics", "published"});
  }
  out.fields.title = body.String("title");
  out.fields.body = body.String("body");
  out.fields.topics = body.Strings("topics");
  out.fields.published = body.Bool("published");
  if (!body.ok()) return body.status();
  return out;
}

}  // namespace

void RegisterResourceRoutes(Router& router, AuthGate& auth, domain::ResourceService& resources) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  // A resource holds up to 30,000 characters of up to 4 bytes, plus JSON escaping.
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 512 * 1024};
  const std::string base = "/api/v1/resources";

  router.Add(
      HttpMethod::kGet, base,
      Authenticated(
          auth,
          [&resources](const HttpRequest& request, const PathParams&, const Actor& actor) {
            const std::string text(request.Query("q").value_or(""));
            std::optional<std::string> topic;
            if (auto t = request.Query("topic"); t && !t->empty()) topic = std::string(*t);
            const auto drafts = request.Query("drafts");
            if (drafts && *drafts != "true" && *drafts != "false") {
              return ErrorResponse(Status::InvalidArgument("drafts is true or false", "drafts"));
            }
            auto found = resources.Search(actor, text, topic, drafts && *drafts == "true");
            if (!found.ok()) return ErrorResponse(found.status());
            json items = json::array();
            for (const ResourceView& v : *found) items.push_back(ResourceJson(v));
            return Private(
                HttpResponse::Json(200, json{{"items", items},
                                             {"topics", TopicsJson()},
                                             {"can_create", resources.CanWrite(actor)}}));
          }),
      no_body);
  router.Add(HttpMethod::kPost, base,
             Authenticated(
                 auth,
                 [&resources](const HttpRequest& request, const PathParams&, const Actor& actor) {
                   auto body = ResourceFromBody(*request.json, false);
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(resources.Create(actor, std::move(body->fields)), &ResourceJson,
                                 201);
                 }),
             json_body);
  router.Add(
      HttpMethod::kGet, base + "/{resource_id}",
      Authenticated(auth,
                    [&resources](const HttpRequest&, const PathParams& p, const Actor& actor) {
                      auto id = IdParam(p, "resource_id", "resource");
                      if (!id.ok()) return ErrorResponse(id.status());
                      return Answer(resources.Get(actor, ResourceId(*id)), &ResourceJson);
                    }),
      no_body);
  router.Add(HttpMethod::kPut, base + "/{resource_id}",
             Authenticated(
                 auth,
                 [&resources](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "resource_id", "resource");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto body = ResourceFromBody(*request.json, true);
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(resources.Update(actor, ResourceId(*id), body->version,
                                                  std::move(body->fields)),
                                 &ResourceJson);
                 }),
             json_body);
  router.Add(
      HttpMethod::kDelete, base + "/{resource_id}",
      Authenticated(auth,
                    [&resources](const HttpRequest&, const PathParams& p, const Actor& actor) {
                      auto id = IdParam(p, "resource_id", "resource");
                      if (!id.ok()) return ErrorResponse(id.status());
                      Status deleted = resources.Delete(actor, ResourceId(*id));
                      if (!deleted.ok()) return ErrorResponse(deleted);
                      return Private(HttpResponse::NoContent());
                    }),
      no_body);
}

}  // namespace pairwise::api
