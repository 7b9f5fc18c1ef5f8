#include "api/handlers/goal_handlers.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "api/handlers/handler_util.h"

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

Status OnlyKeys(const json& body, const std::set<std::string>& allowed) {
  if (!body.is_object()) return WrongType("body", "a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (!allowed.contains(key)) return Status::InvalidArgument("unknown field " + key, key);
  }
  return Status::Ok();
}

Result<int> IntMember(const json& body, const std::string& name) {
  if (!body.contains(name) || !body[name].is_number_integer()) {
    return WrongType(name, "a whole number");
  }
  const auto value = body[name].get<int64_t>();
  if (value < INT32_MIN || value > INT32_MAX) return WrongType(name, "a whole number");
  return static_cast<int>(value);
}

// An optional text member: absent or null is empty.
Result<std::string> TextMember(const json& body, const std::string& name) {
  if (!body.contains(name) || body[name].is_null()) return std::string();
  if (!body[name].is_string()) return WrongType(name, "a string");
  return body[name].get<std::string>();
}

Result<std::optional<domain::Date>> DateMember(const json& body, const std::string& name) {
  if (!body.contains(name) || body[name].is_null()) return std::optional<domain::Date>();
  if (!body[name].is_string()) return WrongType(name, "a date (YYYY-MM-DD)");
  auto d = domain::ParseDate(body[name].get<std::string>());
  if (!d) return WrongType(name, "a date (YYYY-MM-DD)");
  return std::optional(*d);
}

Result<domain::GoalFields> FieldsFromBody(const json& body, int* version) {
  PAIRWISE_RETURN_IF_ERROR(OnlyKeys(body, {"version", "title", "measure", "target", "relevance",
                                           "skill", "due_date", "progress_mode", "progress"}));
  if (version) {
    auto v = IntMember(body, "version");
    if (!v.ok()) return v.status();
    *version = *v;
  }
  domain::GoalFields f;
  for (auto [name, into] : {std::pair{"title", &f.title}, std::pair{"measure", &f.measure},
                            std::pair{"target", &f.target}, std::pair{"relevance", &f.relevance},
                            std::pair{"skill", &f.skill}}) {
    auto text = TextMember(body, name);
    if (!text.ok()) return text.status();
    *into = *text;
  }
  auto due = DateMember(body, "due_date");
  if (!due.ok()) return due.status();
  f.due_date = *due;
  if (body.contains("progress_mode") && !body["progress_mode"].is_null()) {
    const json& mode = body["progress_mode"];
    auto parsed =
        mode.is_string() ? domain::ParseProgressMode(mode.get<std::string>()) : std::nullopt;
    if (!parsed) return WrongType("progress_mode", "manual or milestones");
    f.progress_mode = *parsed;
  }
  if (body.contains("progress") && !body["progress"].is_null()) {
    auto p = IntMember(body, "progress");
    if (!p.ok()) return p.status();
    f.progress = *p;
  }
  return f;
}

struct MilestoneBody {
  int version = 0;
  std::string title;
  std::optional<domain::Date> due;
};

Result<MilestoneBody> MilestoneFromBody(const json& body) {
  PAIRWISE_RETURN_IF_ERROR(OnlyKeys(body, {"version", "title", "due_date"}));
  MilestoneBody out;
  auto v = IntMember(body, "version");
  if (!v.ok()) return v.status();
  out.version = *v;
  auto title = TextMember(body, "title");
  if (!title.ok()) return title.status();
  out.title = *title;
  auto due = DateMember(body, "due_date");
  if (!due.ok()) return due.status();
  out.due = *due;
  return out;
}

struct FlagBody {
  int version = 0;
  bool flag = false;
  std::optional<domain::GoalConfirmation> what;
};

Result<FlagBody> FlagFromBody(const json& body, const char* flag_name, bool with_what) {
  std::set<std::string> keys = {"version", flag_name};
  if (with_what) keys.insert("what");
  PAIRWISE_RETURN_IF_ERROR(OnlyKeys(body, keys));
  FlagBody out;
  auto v = IntMember(body, "version");
  if (!v.ok()) return v.status();
  out.version = *v;
  if (!body.contains(flag_name) || !body[flag_name].is_boolean()) {
    return WrongType(flag_name, "true or false");
  }
  out.flag = body[flag_name].get<bool>();
  if (with_what) {
    const json what = body.value("what", json());
    if (what == "achievable") {
      out.what = domain::GoalConfirmation::kAchievable;
    } else if (what == "completed") {
      out.what = domain::GoalConfirmation::kCompleted;
    } else {
      return WrongType("what", "achievable or completed");
    }
  }
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
        auto body = FlagFromBody(*request.json, "done", false);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(goals.SetMilestoneDone(actor, ids.relationship, ids.goal, body->version,
                                             domain::MilestoneId(*milestone), body->flag),
                      &GoalJson);
      },
      json_body);
  route(
      HttpMethod::kPost, goal + "/confirm", true,
      [&goals](const HttpRequest& request, const PathParams&, const Actor& actor, const Ids& ids) {
        auto body = FlagFromBody(*request.json, "confirmed", true);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(goals.Confirm(actor, ids.relationship, ids.goal, body->version, *body->what,
                                    body->flag),
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
