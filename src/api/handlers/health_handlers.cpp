#include "api/handlers/health_handlers.h"

#include <nlohmann/json.hpp>
#include <string>

#include "api/handlers/handler_util.h"
#include "api/handlers/relationship_handlers.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using nlohmann::json;

json OptionalTime(const std::optional<TimePoint>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}

json TickJson(const domain::TickRecord& t) {
  json duration = nullptr;
  if (t.finished_at) {
    duration = std::chrono::duration_cast<std::chrono::milliseconds>(*t.finished_at - t.started_at)
                   .count();
  }
  return {{"period", t.period},
          {"status", t.status},
          {"claimed_by", t.claimed_by},
          {"attempts", t.attempts},
          {"started_at", FormatIso8601(t.started_at)},
          {"finished_at", OptionalTime(t.finished_at)},
          {"duration_ms", duration},
          {"summary", t.summary}};
}

json TicksJson(const std::vector<domain::TickRecord>& ticks) {
  json items = json::array();
  for (const auto& t : ticks) items.push_back(TickJson(t));
  return {{"items", items}};
}

json ReportJson(const domain::TickReport& r) {
  return {{"period", r.period},
          {"ran", r.ran},
          {"scored", r.scored},
          {"needs_attention", r.needs_attention},
          {"at_risk", r.at_risk},
          {"nudges_sent", r.nudges_sent},
          {"nudges_waiting", r.nudges_waiting},
          {"reminders_sent", r.reminders_sent},
          {"completed", r.completed},
          {"summary", r.summary}};
}

json HealthJson(const domain::Health& h) {
  json components = json::object();
  for (auto c : domain::kHealthComponents) {
    const auto& v = h.components[static_cast<std::size_t>(c)];
    components[std::string(domain::HealthComponentName(c))] = v ? json(*v) : json(nullptr);
  }
  json reasons = json::array();
  for (const auto& r : h.reasons) {
    reasons.push_back({{"component", domain::HealthComponentName(r.component)},
                       {"side", domain::HealthSideName(r.side)},
                       {"words", r.words}});
  }
  return {{"relationship_id", h.relationship.value},
          {"score", h.score},
          {"label", domain::HealthLabelName(h.label)},
          {"grace", h.grace},
          {"components", components},
          {"reasons", reasons},
          {"flagged_since", OptionalTime(h.flagged_since)},
          {"computed_at", FormatIso8601(h.computed_at)}};
}

json BoardJson(const domain::HealthBoardPage& page) {
  json items = json::array();
  for (const auto& row : page.items) {
    json item = HealthJson(row.health);
    item["mentor"] = {{"employee_id", row.mentor}, {"name", row.mentor_name}};
    item["mentee"] = {{"employee_id", row.mentee}, {"name", row.mentee_name}};
    item["mentor_unresponsive"] = row.mentor_unresponsive;
    items.push_back(std::move(item));
  }
  return {{"items", items},
          {"total", page.total},
          {"counts",
           {{"on_track", page.on_track},
            {"needs_attention", page.needs_attention},
            {"at_risk", page.at_risk}}}};
}

json ConfigJson(const domain::HealthConfig& c) {
  json weights = json::object();
  for (auto comp : domain::kHealthComponents) {
    weights[std::string(domain::HealthComponentName(comp))] =
        c.settings.weights[static_cast<std::size_t>(comp)];
  }
  json ladder = json::array();
  for (const auto& s : c.ladder) {
    ladder.push_back({{"trigger", domain::HealthLabelName(s.trigger)},
                      {"recipients", domain::NudgeRecipientsName(s.recipients)},
                      {"delay_days", s.delay_days},
                      {"subject", s.subject},
                      {"body", s.body},
                      {"enabled", s.enabled}});
  }
  return {{"settings",
           {{"weights", weights},
            {"on_track_min", c.settings.on_track_min},
            {"at_risk_below", c.settings.at_risk_below},
            {"grace_days", c.settings.grace_days},
            {"first_meeting_days", c.settings.first_meeting_days},
            {"answer_days", c.settings.answer_days},
            {"max_nudges_per_week", c.settings.max_nudges_per_week}}},
          {"ladder", ladder},
          {"saved", c.saved}};
}

// The settings and ladder a coordinator sends (PUT settings, preview): every member required.
domain::HealthConfig ConfigOf(JsonReader& body) {
  body.OnlyKnown({"settings", "ladder"});
  domain::HealthConfig config;
  JsonReader s = body.Object("settings");
  s.OnlyKnown({"weights", "on_track_min", "at_risk_below", "grace_days", "first_meeting_days",
               "answer_days", "max_nudges_per_week"});
  JsonReader w = s.Object("weights");
  w.OnlyKnown({"cadence", "recency", "goals", "feedback", "responsiveness", "first_meeting"});
  for (auto comp : domain::kHealthComponents) {
    config.settings.weights[static_cast<std::size_t>(comp)] =
        w.Int(domain::HealthComponentName(comp), 0, 100);
  }
  // Limits beyond the type are CheckHealthSettings' (the service's).
  config.settings.on_track_min = s.Int("on_track_min");
  config.settings.at_risk_below = s.Int("at_risk_below");
  config.settings.grace_days = s.Int("grace_days");
  config.settings.first_meeting_days = s.Int("first_meeting_days");
  config.settings.answer_days = s.Int("answer_days");
  config.settings.max_nudges_per_week = s.Int("max_nudges_per_week");
  body.Objects("ladder", /*required=*/true, [&](JsonReader& step) {
    step.OnlyKnown({"trigger", "recipients", "delay_days", "subject", "body", "enabled"});
    domain::NudgeStep n;
    n.trigger = step.Enum("trigger", &domain::ParseHealthLabel, "needs_attention or at_risk");
    n.recipients = step.Enum("recipients", &domain::ParseNudgeRecipients,
                             "pair, quiet_side, mentor, mentee, shadow_mentor or coordinator");
    n.delay_days = step.Int("delay_days");
    n.subject = step.String("subject");
    n.body = step.String("body");
    n.enabled = step.Bool("enabled");
    config.ladder.push_back(std::move(n));
  });
  return config;
}

json PreviewJson(const domain::HealthPreview& p) {
  json mails = json::array();
  for (const auto& m : p.mails) {
    mails.push_back({{"relationship_id", m.relationship.value},
                     {"step", m.step},
                     {"recipient", {{"employee_id", m.recipient}, {"name", m.recipient_name}}},
                     {"recipient_role", m.recipient_role},
                     {"subject", m.subject},
                     {"body", m.body},
                     {"already_sent", m.already_sent},
                     {"waits", m.waits},
                     {"opted_out", m.opted_out}});
  }
  return {
      {"changes", p.changes},
      {"counts",
       {{"on_track", p.on_track}, {"needs_attention", p.needs_attention}, {"at_risk", p.at_risk}}},
      {"mails", mails}};
}

json NudgeJson(const domain::NudgeRecord& n) {
  return {{"step", n.step},
          {"period", n.period},
          {"recipient", n.recipient},
          {"recipient_role", n.recipient_role},
          {"subject", n.subject},
          {"body", n.body},
          {"sent_by", n.sent_by.empty() ? json(nullptr) : json(n.sent_by)},
          {"created_at", FormatIso8601(n.created_at)}};
}

json RelationshipHealthJson(const domain::RelationshipHealthView& v) {
  json nudges = json::array();
  for (const auto& n : v.nudges) nudges.push_back(NudgeJson(n));
  return {{"health", v.health ? HealthJson(*v.health) : json(nullptr)}, {"nudges", nudges}};
}

json LoadsJson(const std::vector<domain::MentorLoad>& loads) {
  json items = json::array();
  for (const auto& l : loads) {
    items.push_back({{"employee_id", l.mentor},
                     {"name", l.name},
                     {"hours_last_30_days", l.hours_last_month},
                     {"capacity_hours", l.capacity_hours},
                     {"overloaded", l.hours_last_month > l.capacity_hours}});
  }
  return {{"items", items}};
}

json HistoryJson(const std::vector<domain::HealthLabelDay>& days) {
  json items = json::array();
  for (const auto& d : days) {
    items.push_back({{"day", d.day},
                     {"on_track", d.on_track},
                     {"needs_attention", d.needs_attention},
                     {"at_risk", d.at_risk}});
  }
  return {{"items", items}};
}

json RemindersJson(const bool& off) { return {{"non_essential_off", off}}; }
json SentJson(const int& sent) { return {{"sent", sent}}; }

// Query word `name` parsed by `parse`; nullopt when absent.
template <typename E>
Result<std::optional<E>> QueryWord(const HttpRequest& request, std::string_view name,
                                   std::optional<E> (*parse)(std::string_view),
                                   std::string_view expected) {
  auto text = request.Query(name);
  if (!text || text->empty()) return std::optional<E>();
  auto value = parse(*text);
  if (!value) return WrongType(std::string(name), expected);
  return std::optional<E>(*value);
}

}  // namespace

void RegisterHealthRoutes(Router& router, AuthGate& auth, domain::HealthService& service,
                          std::string worker) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 64 * 1024};
  router.Add(
      HttpMethod::kGet, "/api/v1/admin/scheduler",
      Authenticated(auth,
                    [&service](const HttpRequest& request, const PathParams&, const Actor& actor) {
                      auto limit = QueryInt(request, "limit", 1, 100, 20);
                      if (!limit.ok()) return ErrorResponse(limit.status());
                      return Answer(service.ListTicks(actor, static_cast<int>(*limit)), &TicksJson);
                    }),
      no_body);
  router.Add(
      HttpMethod::kPost, "/api/v1/admin/scheduler/run",
      Authenticated(auth,
                    [&service, worker](const HttpRequest&, const PathParams&, const Actor& actor) {
                      return Answer(service.RunTick(actor, worker), &ReportJson);
                    }),
      no_body);
  const std::string program = "/api/v1/programs/{program_id}/health";
  router.Add(HttpMethod::kGet, program,
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   domain::HealthBoardQuery q;
                   auto label = QueryWord(request, "label", &domain::ParseHealthLabel,
                                          "on_track, needs_attention or at_risk");
                   if (!label.ok()) return ErrorResponse(label.status());
                   q.label = *label;
                   auto component =
                       QueryWord(request, "component", &domain::ParseHealthComponent,
                                 "cadence, recency, goals, feedback, responsiveness or "
                                 "first_meeting");
                   if (!component.ok()) return ErrorResponse(component.status());
                   q.component = *component;
                   auto side = QueryWord(request, "side", &domain::ParseHealthSide,
                                         "both, mentor or mentee");
                   if (!side.ok()) return ErrorResponse(side.status());
                   q.side = *side;
                   auto offset = QueryInt(request, "offset", 0, INT64_MAX, 0);
                   if (!offset.ok()) return ErrorResponse(offset.status());
                   auto limit = QueryInt(request, "limit", 1, 200, 50);
                   if (!limit.ok()) return ErrorResponse(limit.status());
                   q.offset = *offset;
                   q.limit = static_cast<int>(*limit);
                   return Answer(service.Board(actor, domain::ProgramId(*id), q), &BoardJson);
                 }),
             no_body);
  router.Add(HttpMethod::kGet, program + "/settings",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "program_id", "program");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.GetConfig(actor, domain::ProgramId(*id)),
                                           &ConfigJson);
                           }),
             no_body);
  // PUT settings and POST preview read the same body: the program, then its settings and ladder.
  auto with_config = [&service](auto call, auto to_json) -> ActorHandler {
    return [&service, call, to_json](const HttpRequest& request, const PathParams& p,
                                     const Actor& actor) {
      auto id = IdParam(p, "program_id", "program");
      if (!id.ok()) return ErrorResponse(id.status());
      JsonReader body(*request.json);
      auto config = ConfigOf(body);
      if (!body.ok()) return ErrorResponse(body.status());
      return Answer((service.*call)(actor, domain::ProgramId(*id), config), to_json);
    };
  };
  router.Add(HttpMethod::kPut, program + "/settings",
             Authenticated(auth, with_config(&domain::HealthService::SaveConfig, &ConfigJson)),
             json_body);
  router.Add(HttpMethod::kPost, program + "/preview",
             Authenticated(auth, with_config(&domain::HealthService::Preview, &PreviewJson)),
             json_body);
  router.Add(HttpMethod::kPost, program + "/nudges",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   body.OnlyKnown({"relationship_ids", "message"});
                   auto ids = body.Ints<int64_t>("relationship_ids", 1, INT64_MAX);
                   auto message = body.OptionalString("message");
                   if (!body.ok()) return ErrorResponse(body.status());
                   std::vector<domain::RelationshipId> relationships;
                   for (int64_t r : ids) relationships.emplace_back(r);
                   return Answer(
                       service.NudgePairs(actor, domain::ProgramId(*id), relationships, message),
                       &SentJson);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, program + "/mentor-load",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "program_id", "program");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.MentorLoads(actor, domain::ProgramId(*id)),
                                           &LoadsJson);
                           }),
             no_body);
  router.Add(HttpMethod::kGet, program + "/history",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto days =
                       QueryInt(request, "days", 1, domain::HealthService::kMaxHistoryDays, 90);
                   if (!days.ok()) return ErrorResponse(days.status());
                   return Answer(
                       service.LabelHistory(actor, domain::ProgramId(*id), static_cast<int>(*days)),
                       &HistoryJson);
                 }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/relationships/{relationship_id}/health",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "relationship_id", "relationship");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(
                                 service.ForRelationship(actor, domain::RelationshipId(*id)),
                                 &RelationshipHealthJson);
                           }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/me/reminders",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.RemindersOff(actor), &RemindersJson);
                           }),
             no_body);
  router.Add(
      HttpMethod::kPut, "/api/v1/me/reminders",
      Authenticated(auth,
                    [&service](const HttpRequest& request, const PathParams&, const Actor& actor) {
                      JsonReader body(*request.json);
                      body.OnlyKnown({"non_essential_off"});
                      const bool off = body.Bool("non_essential_off");
                      if (!body.ok()) return ErrorResponse(body.status());
                      if (Status s = service.SetRemindersOff(actor, off); !s.ok()) {
                        return ErrorResponse(s);
                      }
                      return Answer(service.RemindersOff(actor), &RemindersJson);
                    }),
      json_body);
  router.Add(HttpMethod::kPost, "/api/v1/relationships/{relationship_id}/replace-mentor",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "relationship_id", "relationship");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(
                                 service.ReplaceMentor(actor, domain::RelationshipId(*id)),
                                 &QueuedRematchJson, 202);
                           }),
             no_body);
}

}  // namespace pairwise::api
