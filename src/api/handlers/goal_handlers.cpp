#include "api/handlers/goal_handlers.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/handlers/handler_util.h"
#include "api/json_reader.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using domain::GoalId;
using domain::RelationshipId;
using nlohmann::json;

json OptionalTime(const std::optional<TimePoint>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}

json OptionalDate(const std::optional<domain::Date>& d) {
  return d ? json(domain::FormatDate(*d)) : json(nullptr);
}

json GoalJson(const domain::GoalView& v) {
  const domain::Goal& g = v.goal;
  json milestones = json::array();
  for (const domain::Milestone& m : g.milestones) {
    milestones.push_back({{"id", m.id.value},
                          {"title", m.title},
                          {"due_date", OptionalDate(m.due_date)},
                          {"done", m.done_at.has_value()},
                          {"done_at", OptionalTime(m.done_at)}});
  }
  return {{"id", g.id.value},
          {"version", g.version},
          {"title", g.fields.title},
          {"measure", g.fields.measure},
          {"target", g.fields.target},
          {"relevance", g.fields.relevance},
          {"skill", g.fields.skill},
          {"due_date", OptionalDate(g.fields.due_date)},
          {"progress_mode", domain::ProgressModeName(g.fields.progress_mode)},
          {"progress", g.fields.progress},
          {"achievable_confirmed", g.achievable_confirmed_at.has_value()},
          {"completed", g.completed_at.has_value()},
          {"milestones", milestones},
          {"checks", v.checks},
          {"created_at", FormatIso8601(g.created_at)},
          {"updated_at", FormatIso8601(g.updated_at)}};
}

json GoalsJson(const domain::GoalsView& v) {
  json summaries = json::array();
  for (const auto& s : v.summaries) {
    summaries.push_back({{"progress", s.progress},
                         {"completed", s.completed},
                         {"milestones", s.milestones},
                         {"milestones_done", s.milestones_done}});
  }
  json out = {{"count", v.summaries.size()},
              {"average_progress", v.average_progress},
              {"summaries", summaries}};
  if (v.full) {
    json items = json::array();
    for (const auto& g : v.goals) items.push_back(GoalJson(g));
    out["items"] = items;
  }
  return out;
}

json HistoryJson(const std::vector<domain::GoalEvent>& events) {
  json items = json::array();
  for (const auto& e : events) {
    items.push_back({{"at", FormatIso8601(e.at)},
                     {"by", e.by},
                     {"field", e.field},
                     {"from", e.from},
                     {"to", e.to}});
  }
  return {{"items", items}};
}

// ---- reading request bodies: the one place of this file ----

// An optional date member: absent or null is no date.
std::optional<domain::Date> ReadOptionalDate(JsonReader& body, std::string_view key) {
  auto text = body.OptionalString(key);
  if (!text) return std::nullopt;
  auto date = domain::ParseDate(*text);
  if (!date) body.Fail(WrongType(body.Field(key), "a date (YYYY-MM-DD)"));
  return date;
}

Result<domain::GoalFields> FieldsFromBody(const json& json_body, int* version) {
  JsonReader body(json_body);
  if (version) {
    body.OnlyKnown({"version", "title", "measure", "target", "relevance", "skill", "due_date",
                    "progress_mode", "progress"});
    *version = body.Int("version");
  } else {
    body.OnlyKnown({"title", "measure", "target", "relevance", "skill", "due_date", "progress_mode",
                    "progress"});
  }
  domain::GoalFields f;
  f.title = body.String("title");
  for (auto [name, into] : {std::pair{"measure", &f.measure}, std::pair{"target", &f.target},
                            std::pair{"relevance", &f.relevance}, std::pair{"skill", &f.skill}}) {
    *into = body.OptionalString(name).value_or("");
  }
  f.due_date = ReadOptionalDate(body, "due_date");
  if (auto mode =
          body.OptionalEnum("progress_mode", &domain::ParseProgressMode, "manual or milestones")) {
    f.progress_mode = *mode;
  }
  if (auto progress = body.OptionalInt("progress")) f.progress = *progress;
  if (!body.ok()) return body.status();
  return f;
}

struct MilestoneBody {
  int version = 0;
  std::string title;
  std::optional<domain::Date> due;
};

Result<MilestoneBody> MilestoneFromBody(const json& json_body) {
  JsonReader body(json_body);
  body.OnlyKnown({"version", "title", "due_date"});
  MilestoneBody out;
  out.version = body.Int("version");
  out.title = body.OptionalString("title").value_or("");
  out.due = ReadOptionalDate(body, "due_date");
  if (!body.ok()) return body.status();
  return out;
}

struct FlagBody {
  int version = 0;
  bool flag = false;
  domain::GoalConfirmation what = domain::GoalConfirmation::kAchievable;
};

// {"version", "done"} for a milestone; {"version", "what", "confirmed"} for a confirmation.
Result<FlagBody> DoneFromBody(const json& json_body) {
  JsonReader body(json_body);
  body.OnlyKnown({"version", "done"});
  FlagBody out;
  out.version = body.Int("version");
  out.flag = body.Bool("done");
  if (!body.ok()) return body.status();
  return out;
}

Result<FlagBody> ConfirmFromBody(const json& json_body) {
  JsonReader body(json_body);
  body.OnlyKnown({"version", "what", "confirmed"});
  FlagBody out;
  out.version = body.Int("version");
  out.flag = body.Bool("confirmed");
  const std::string what = body.OneOf("what", {"achievable", "completed"});
  if (!body.ok()) return body.status();
  out.what = what == "achievable" ? domain::GoalConfirmation::kAchievable
                                  : domain::GoalConfirmation::kCompleted;
  return out;
}

}  // namespace

void RegisterGoalRoutes(Router& router, AuthGate& auth, domain::GoalService& goals) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 64 * 1024};
  const std::string base = "/api/v1/relationships/{relationship_id}/goals";
  const std::string goal = base + "/{goal_id}";

  struct Ids {
    RelationshipId relationship;
    GoalId goal;
  };
  auto route = [&](HttpMethod method, const std::string& path, bool with_goal, auto handler,
                   const RouteOptions& options) {
    router.Add(method, path,
               Authenticated(auth,
                             [handler, with_goal](const HttpRequest& request, const PathParams& p,
                                                  const Actor& actor) {
                               auto r = IdParam(p, "relationship_id", "relationship");
                               if (!r.ok()) return ErrorResponse(r.status());
                               Ids ids{RelationshipId(*r), GoalId()};
                               if (with_goal) {
                                 auto g = IdParam(p, "goal_id", "goal");
                                 if (!g.ok()) return ErrorResponse(g.status());
                                 ids.goal = GoalId(*g);
                               }
                               return handler(request, p, actor, ids);
                             }),
               options);
  };

  route(
      HttpMethod::kGet, base, false,
      [&goals](const HttpRequest&, const PathParams&, const Actor& actor, const Ids& ids) {
        return Answer(goals.List(actor, ids.relationship), &GoalsJson);
      },
      no_body);
  route(
      HttpMethod::kPost, base, false,
      [&goals](const HttpRequest& request, const PathParams&, const Actor& actor, const Ids& ids) {
        auto fields = FieldsFromBody(*request.json, nullptr);
        if (!fields.ok()) return ErrorResponse(fields.status());
        return Answer(goals.Create(actor, ids.relationship, *fields), &GoalJson, 201);
      },
      json_body);
  route(
      HttpMethod::kPut, goal, true,
      [&goals](const HttpRequest& request, const PathParams&, const Actor& actor, const Ids& ids) {
        int version = 0;
        auto fields = FieldsFromBody(*request.json, &version);
        if (!fields.ok()) return ErrorResponse(fields.status());
        return Answer(goals.Update(actor, ids.relationship, ids.goal, version, *fields), &GoalJson);
      },
      json_body);
  route(
      HttpMethod::kPost, goal + "/milestones", true,
      [&goals](const HttpRequest& request, const PathParams&, const Actor& actor, const Ids& ids) {
        auto body = MilestoneFromBody(*request.json);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(goals.AddMilestone(actor, ids.relationship, ids.goal, body->version,
                                         body->title, body->due),
                      &GoalJson, 201);
      },
      json_body);
  route(
      HttpMethod::kPut, goal + "/milestones/{milestone_id}", true,
      [&goals](const HttpRequest& request, const PathParams& p, const Actor& actor,
               const Ids& ids) {
        auto milestone = IdParam(p, "milestone_id", "milestone");
        if (!milestone.ok()) return ErrorResponse(milestone.status());
        auto body = DoneFromBody(*request.json);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(goals.SetMilestoneDone(actor, ids.relationship, ids.goal, body->version,
                                             domain::MilestoneId(*milestone), body->flag),
                      &GoalJson);
      },
      json_body);
  route(
      HttpMethod::kPost, goal + "/confirm", true,
      [&goals](const HttpRequest& request, const PathParams&, const Actor& actor, const Ids& ids) {
        auto body = ConfirmFromBody(*request.json);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(
            goals.Confirm(actor, ids.relationship, ids.goal, body->version, body->what, body->flag),
            &GoalJson);
      },
      json_body);
  route(
      HttpMethod::kGet, goal + "/history", true,
      [&goals](const HttpRequest&, const PathParams&, const Actor& actor, const Ids& ids) {
        return Answer(goals.History(actor, ids.relationship, ids.goal), &HistoryJson);
      },
      no_body);
}

}  // namespace pairwise::api
