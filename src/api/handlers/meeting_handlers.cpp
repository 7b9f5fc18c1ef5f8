#include "api/handlers/meeting_handlers.h"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using nlohmann::json;

// "09:30" for 570 minutes after midnight; "24:00" for the end of the day.
std::string ClockText(int minutes) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minutes / 60, minutes % 60);
  return buffer;
}

// Minutes after midnight of "HH:MM" (00:00 .. 24:00), or nullopt.
std::optional<int> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  auto [e1, r1] = std::from_chars(text.data(), text.data() + 2, h);
  auto [e2, r2] = std::from_chars(text.data() + 3, text.data() + 5, m);
  if (r1 != std::errc() || r2 != std::errc() || e1 != text.data() + 2 || e2 != text.data() + 5 ||
      h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) {
    return std::nullopt;
  }
  return h * 60 + m;
}

// "2026-03-09T10:00:00-04:00": the moment on a person's own clock.
std::string LocalText(const domain::LocalTime& t) {
  const auto day = std::chrono::floor<std::chrono::days>(t.wall);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(t.wall - day);
  const int offset = std::abs(t.utc_offset_minutes);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                t.utc_offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
  return buffer;
}

json AvailabilityJson(const domain::Availability& a) {
  json windows = json::array();
  for (const auto& w : a.windows) {
    windows.push_back({{"weekday", domain::WeekdayName(w.weekday)},
                       {"start", ClockText(w.start_minute)},
                       {"end", ClockText(w.end_minute)}});
  }
  return {{"employee_id", a.employee_id},
          {"time_zone", a.time_zone},
          {"windows", windows},
          {"updated_at", a.updated_at ? json(FormatIso8601(*a.updated_at)) : json(nullptr)}};
}

// The week's windows. Their count, order and overlaps are CheckAvailabilityWindows' rules.
std::vector<domain::AvailabilityWindow> WindowsOf(JsonReader& body) {
  body.OnlyKnown({"windows"});
  std::vector<domain::AvailabilityWindow> out;
  body.Objects("windows", /*required=*/true, [&](JsonReader& w) {
    w.OnlyKnown({"weekday", "start", "end"});
    domain::AvailabilityWindow window;
    window.weekday = w.Enum("weekday", &domain::ParseWeekday, "a day of the week (\"monday\")");
    window.start_minute = w.Enum("start", &ParseClock, "a time of day (\"09:30\")");
    window.end_minute = w.Enum("end", &ParseClock, "a time of day (\"09:30\")");
    out.push_back(window);
  });
  return out;
}

json Party(const std::string& employee_id, const std::string& name) {
  return {{"employee_id", employee_id}, {"name", name}};
}

json ActionItemJson(const domain::ActionItem& i) {
  return {
      {"id", i.id.value},
      {"meeting_id", i.meeting.value},
      {"text", i.text},
      {"owner", i.owner},
      {"due_date", domain::FormatDate(i.due)},
      {"done", i.done},
      {"done_at", i.done_at ? json(FormatIso8601(*i.done_at)) : json(nullptr)},
      {"created_by", i.created_by},
      {"created_at", FormatIso8601(i.created_at)},
      // A group meeting's item: where it was raised and who owns it (ticked off through
      // the group's route).
      {"group_meeting_id", i.group_meeting.valid() ? json(i.group_meeting.value) : json(nullptr)},
      {"owner_id", i.owner_id.empty() ? json(nullptr) : json(i.owner_id)}};
}

json ActionItemsJson(const std::vector<domain::ActionItem>& list) {
  json items = json::array();
  for (const auto& i : list) items.push_back(ActionItemJson(i));
  return {{"items", items}};
}

json MeetingJson(const domain::MeetingView& v) {
  const domain::Meeting& m = v.meeting;
  json log = nullptr;
  if (m.logged_at) {
    log = {{"duration_minutes", m.log_minutes ? json(*m.log_minutes) : json(nullptr)},
           {"topics", m.log_topics},
           {"logged_by", m.logged_by},
           {"logged_at", FormatIso8601(*m.logged_at)}};
  }
  return {{"log", log},
          {"action_items", ActionItemsJson(v.action_items)["items"]},
          {"carried_over", ActionItemsJson(v.carried_over)["items"]},
          {"id", m.id.value},
          {"relationship_id", m.relationship.value},
          {"status", domain::MeetingStatusName(m.status)},
          {"mode", domain::MeetingModeName(m.mode)},
          {"starts_at", FormatIso8601(m.starts_at)},
          {"ends_at", FormatIso8601(m.ends_at)},
          {"duration_minutes",
           std::chrono::duration_cast<std::chrono::minutes>(m.ends_at - m.starts_at).count()},
          {"location", m.location},
          {"video_url", m.video_url},
          {"agenda", m.agenda},
          {"proposed_by", m.proposed_by},
          {"organizer", m.organizer},
          {"sequence", m.sequence},
          {"mentor", Party(m.mentor, v.mentor_name)},
          {"mentee", Party(m.mentee, v.mentee_name)},
          {"role", v.role},
          {"awaiting_me", v.awaiting_me},
          {"action_items", ActionItemsJson(v.action_items)["items"]},
          {"carried_over", ActionItemsJson(v.carried_over)["items"]},
          {"created_at", FormatIso8601(m.created_at)},
          {"updated_at", FormatIso8601(m.updated_at)}};
}

json MeetingsJson(const std::vector<domain::MeetingView>& list) {
  json items = json::array();
  for (const auto& v : list) items.push_back(MeetingJson(v));
  return {{"items", items}};
}

json SlotsJson(const std::vector<domain::FreeSlot>& slots) {
  json items = json::array();
  for (const auto& s : slots) {
    json local = json::array();
    for (std::size_t i = 0; i < s.starts.size(); ++i) {
      domain::LocalTime end = s.starts[i];
      end.wall += std::chrono::duration_cast<std::chrono::seconds>(s.span.end - s.span.start);
      local.push_back({{"role", i == 0 ? "mentor" : "mentee"},
                       {"employee_id", s.starts[i].employee_id},
                       {"time_zone", s.starts[i].time_zone},
                       {"starts_at", LocalText(s.starts[i])},
                       {"ends_at", LocalText(end)}});
    }
    items.push_back({{"starts_at", FormatIso8601(s.span.start)},
                     {"ends_at", FormatIso8601(s.span.end)},
                     {"local", local}});
  }
  return {{"items", items}};
}

constexpr std::string_view kModes = "virtual, in_person or phone";

// The route's {relationship_id} and {meeting_id} (a pair's MeetingId or a group's
// GroupMeetingId): InvalidArgument or NotFound naming the bad one.
template <typename MeetingIdType>
Result<std::pair<domain::RelationshipId, MeetingIdType>> MeetingPath(const PathParams& p) {
  auto id = IdParam(p, "relationship_id", "relationship");
  if (!id.ok()) return id.status();
  auto meeting = IdParam(p, "meeting_id", "meeting");
  if (!meeting.ok()) return meeting.status();
  return std::pair(domain::RelationshipId(*id), MeetingIdType(*meeting));
}

// GET …/free-slots of a pair or a group: "duration_minutes" and "limit" from the query (the
// service checks both ranges; here only what the types hold), answered by `find`.
template <typename Find>
HttpResponse FreeSlotsAnswer(const HttpRequest& request, const PathParams& p, Find&& find) {
  auto id = IdParam(p, "relationship_id", "relationship");
  if (!id.ok()) return ErrorResponse(id.status());
  auto duration =
      QueryInt(request, "duration_minutes", INT32_MIN, INT32_MAX, domain::kDefaultMeetingMinutes);
  if (!duration.ok()) return ErrorResponse(duration.status());
  auto limit = QueryInt(request, "limit", 0, INT64_MAX, domain::kDefaultFreeSlots);
  if (!limit.ok()) return ErrorResponse(limit.status());
  return Answer(find(domain::RelationshipId(*id), static_cast<int>(*duration),
                     static_cast<std::size_t>(*limit)),
                &SlotsJson);
}

// A proposal or a change: "starts_at" required, the rest optional. The service checks the
// duration's range, the texts' lengths and the link.
// A pair's and a group's meetings alike ("from_slot": picked from their free slots).
domain::MeetingInput InputOf(JsonReader& body) {
  body.OnlyKnown(
      {"starts_at", "duration_minutes", "mode", "location", "video_url", "agenda", "from_slot"});
  domain::MeetingInput in;
  in.starts_at =
      body.Enum("starts_at", &ParseIso8601, "a date and time (\"2026-03-09T15:00:00Z\")");
  in.duration_minutes = body.OptionalInt<int>("duration_minutes");
  in.mode = body.OptionalEnum("mode", &domain::ParseMeetingMode, kModes);
  in.location = body.OptionalString("location");
  in.video_url = body.OptionalString("video_url");
  in.agenda = body.OptionalString("agenda");
  in.from_slot = body.OptionalBool("from_slot").value_or(false);
  return in;
}

// The optional "action_items" of a pair's or a group's log: each with "text", "owner" (a
// pair's: mentor or mentee; a group's: an employee id, checked by the service) and "due_date".
std::vector<domain::ActionItemInput> ActionItemsOf(JsonReader& body) {
  std::vector<domain::ActionItemInput> out;
  body.Objects("action_items", /*required=*/false, [&](JsonReader& item) {
    item.OnlyKnown({"text", "owner", "due_date"});
    domain::ActionItemInput in;
    in.text = item.String("text");
    in.owner = item.String("owner");
    in.due = item.Enum("due_date", &domain::ParseDate, "a date (\"2026-03-31\")");
    out.push_back(std::move(in));
  });
  return out;
}

// A meeting's log: "outcome" required, the rest optional. The service checks which outcomes
// may be logged, the duration's range, the number of action items and their texts and dates.
domain::MeetingLog LogOf(JsonReader& body) {
  body.OnlyKnown({"outcome", "duration_minutes", "mode", "topics", "action_items"});
  domain::MeetingLog log;
  log.outcome = body.Enum("outcome", &domain::ParseMeetingStatus, "held or missed");
  log.duration_minutes = body.OptionalInt<int>("duration_minutes");
  log.mode = body.OptionalEnum("mode", &domain::ParseMeetingMode, kModes);
  log.topics = body.OptionalString("topics").value_or("");
  log.action_items = ActionItemsOf(body);
  return log;
}

json GroupMeetingJson(const domain::GroupMeetingView& v) {
  const domain::GroupMeeting& m = v.meeting;
  json log = nullptr;
  if (m.logged_at) {
    log = {{"duration_minutes", m.log_minutes ? json(*m.log_minutes) : json(nullptr)},
           {"topics", m.log_topics},
           {"logged_by", m.logged_by},
           {"logged_at", FormatIso8601(*m.logged_at)}};
  }
  json attendees = json::array();
  for (std::size_t i = 0; i < m.attendees.size(); ++i) {
    const domain::GroupAttendee& a = m.attendees[i];
    attendees.push_back(
        {{"employee_id", a.employee_id},
         {"name", i < v.attendee_names.size() ? v.attendee_names[i] : ""},
         {"response", domain::GroupResponseName(a.response)},
         {"responded_at", a.responded_at ? json(FormatIso8601(*a.responded_at)) : json(nullptr)},
         {"attended", a.attended ? json(*a.attended) : json(nullptr)}});
  }
  return {{"id", m.id.value},
          {"program_id", m.program.value},
          {"mentor", Party(m.mentor, v.mentor_name)},
          {"status", domain::MeetingStatusName(m.status)},
          {"mode", domain::MeetingModeName(m.details.mode)},
          {"starts_at", FormatIso8601(m.details.starts_at)},
          {"ends_at", FormatIso8601(m.details.ends_at)},
          {"duration_minutes",
           std::chrono::duration_cast<std::chrono::minutes>(m.details.ends_at - m.details.starts_at)
               .count()},
          {"location", m.details.location},
          {"video_url", m.details.video_url},
          {"agenda", m.details.agenda},
          {"sequence", m.sequence},
          {"attendees", attendees},
          {"log", log},
          {"role", v.role},
          {"my_response",
           v.my_response ? json(domain::GroupResponseName(*v.my_response)) : json(nullptr)},
          {"awaiting_me", v.awaiting_me},
          {"action_items", ActionItemsJson(v.action_items)["items"]},
          {"carried_over", ActionItemsJson(v.carried_over)["items"]},
          {"created_at", FormatIso8601(m.created_at)},
          {"updated_at", FormatIso8601(m.updated_at)}};
}

json GroupMeetingsJson(const std::vector<domain::GroupMeetingView>& list) {
  json items = json::array();
  for (const auto& v : list) items.push_back(GroupMeetingJson(v));
  return {{"items", items}};
}

// A group meeting's log: "outcome" required; "attended" the employee ids of those who came;
// "action_items" as a pair's, each owned by an employee id.
domain::GroupMeetingLog GroupLogOf(JsonReader& body) {
  body.OnlyKnown({"outcome", "duration_minutes", "mode", "topics", "attended", "action_items"});
  domain::GroupMeetingLog log;
  log.outcome = body.Enum("outcome", &domain::ParseMeetingStatus, "held or missed");
  log.duration_minutes = body.OptionalInt<int>("duration_minutes");
  log.mode = body.OptionalEnum("mode", &domain::ParseMeetingMode, kModes);
  log.topics = body.OptionalString("topics").value_or("");
  log.attended = body.OptionalStrings("attended").value_or(std::vector<std::string>{});
  log.action_items = ActionItemsOf(body);
  return log;
}

// PUT …/action-items/{item_id}/done of a pair's or a group's meetings: {"done": bool}, answered
// by the service (a MeetingService or a GroupMeetingService), which decides who may tick it.
template <typename Service>
Handler ActionItemDoneHandler(AuthGate& auth, Service& service) {
  return Authenticated(
      auth, [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
        auto id = IdParam(p, "relationship_id", "relationship");
        if (!id.ok()) return ErrorResponse(id.status());
        auto item = IdParam(p, "item_id", "action item");
        if (!item.ok()) return ErrorResponse(item.status());
        JsonReader body(*request.json);
        body.OnlyKnown({"done"});
        const bool done = body.Bool("done");
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(service.SetActionItemDone(actor, domain::RelationshipId(*id),
                                                domain::ActionItemId(*item), done),
                      &ActionItemJson);
      });
}

}  // namespace

void RegisterGroupMeetingRoutes(Router& router, AuthGate& auth,
                                domain::GroupMeetingService& service) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 32 * 1024};
  const std::string base = "/api/v1/relationships/{relationship_id}/group/meetings";
  router.Add(HttpMethod::kGet, base,
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "relationship_id", "relationship");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.List(actor, domain::RelationshipId(*id)),
                                           &GroupMeetingsJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPost, base,
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "relationship_id", "relationship");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   const domain::MeetingInput input = InputOf(body);
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.Propose(actor, domain::RelationshipId(*id), input),
                                 &GroupMeetingJson, 201);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, base + "/{meeting_id}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto path = MeetingPath<domain::GroupMeetingId>(p);
                             if (!path.ok()) return ErrorResponse(path.status());
                             return Answer(service.Get(actor, path->first, path->second),
                                           &GroupMeetingJson);
                           }),
             no_body);
  // The times that suit the mentor and every active mentee (the mentor asks).
  router.Add(HttpMethod::kGet, "/api/v1/relationships/{relationship_id}/group/free-slots",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   return FreeSlotsAnswer(request, p,
                                          [&](domain::RelationshipId r, int d, std::size_t l) {
                                            return service.FreeSlots(actor, r, d, l);
                                          });
                 }),
             no_body);
  for (const char* action : {"respond", "reschedule", "cancel", "log"}) {
    const std::string name = action;
    router.Add(
        HttpMethod::kPost, base + "/{meeting_id}/" + name,
        Authenticated(
            auth,
            [&service, name](const HttpRequest& request, const PathParams& p, const Actor& actor) {
              auto path = MeetingPath<domain::GroupMeetingId>(p);
              if (!path.ok()) return ErrorResponse(path.status());
              const auto [r, m] = *path;
              if (name == "cancel") return Answer(service.Cancel(actor, r, m), &GroupMeetingJson);
              JsonReader body(*request.json);
              if (name == "respond") {
                body.OnlyKnown({"response"});
                const auto response =
                    body.Enum("response", &domain::ParseGroupResponse, "accepted or declined");
                if (!body.ok()) return ErrorResponse(body.status());
                return Answer(service.Respond(actor, r, m, response), &GroupMeetingJson);
              }
              if (name == "log") {
                const domain::GroupMeetingLog log = GroupLogOf(body);
                if (!body.ok()) return ErrorResponse(body.status());
                return Answer(service.Log(actor, r, m, log), &GroupMeetingJson);
              }
              const domain::MeetingInput input = InputOf(body);
              if (!body.ok()) return ErrorResponse(body.status());
              return Answer(service.Reschedule(actor, r, m, input), &GroupMeetingJson);
            }),
        name == "cancel" ? no_body : json_body);
  }
  // An action item of the group's meetings ticked off by its owner or the mentor.
  router.Add(HttpMethod::kPut,
             "/api/v1/relationships/{relationship_id}/group/action-items/{item_id}/done",
             ActionItemDoneHandler(auth, service), json_body);
}

void RegisterMeetingRoutes(Router& router, AuthGate& auth, domain::MeetingService& service) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 32 * 1024};
  router.Add(HttpMethod::kGet, "/api/v1/me/availability",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.GetMyAvailability(actor), &AvailabilityJson);
                           }),
             no_body);
  router.Add(
      HttpMethod::kPut, "/api/v1/me/availability",
      Authenticated(auth,
                    [&service](const HttpRequest& request, const PathParams&, const Actor& actor) {
                      JsonReader body(*request.json);
                      auto windows = WindowsOf(body);
                      if (!body.ok()) return ErrorResponse(body.status());
                      return Answer(service.SetMyAvailability(actor, std::move(windows)),
                                    &AvailabilityJson);
                    }),
      json_body);
  const std::string base = "/api/v1/relationships/{relationship_id}";
  router.Add(HttpMethod::kGet, base + "/free-slots",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   return FreeSlotsAnswer(request, p,
                                          [&](domain::RelationshipId r, int d, std::size_t l) {
                                            return service.FreeSlots(actor, r, d, l);
                                          });
                 }),
             no_body);
  router.Add(HttpMethod::kGet, base + "/meetings",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "relationship_id", "relationship");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.List(actor, domain::RelationshipId(*id)),
                                           &MeetingsJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPost, base + "/meetings",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "relationship_id", "relationship");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   const domain::MeetingInput input = InputOf(body);
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.Propose(actor, domain::RelationshipId(*id), input),
                                 &MeetingJson, 201);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, base + "/meetings/{meeting_id}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto path = MeetingPath<domain::MeetingId>(p);
                             if (!path.ok()) return ErrorResponse(path.status());
                             return Answer(service.Get(actor, path->first, path->second),
                                           &MeetingJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPost, base + "/meetings/{meeting_id}/log",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto path = MeetingPath<domain::MeetingId>(p);
                   if (!path.ok()) return ErrorResponse(path.status());
                   JsonReader body(*request.json);
                   const domain::MeetingLog log = LogOf(body);
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.LogMeeting(actor, path->first, path->second, log),
                                 &MeetingJson);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, base + "/action-items",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "relationship_id", "relationship");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(
                                 service.ListActionItems(actor, domain::RelationshipId(*id)),
                                 &ActionItemsJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPut, base + "/action-items/{item_id}/done",
             ActionItemDoneHandler(auth, service), json_body);
  // The personal calendar feed: the link's state, a new link (the secret shown this once), and
  // revoking it. The feed itself is read without a session: the token in the path is the key.
  router.Add(HttpMethod::kGet, "/api/v1/me/calendar-feed",
             Authenticated(
                 auth,
                 [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                   auto made = service.MyFeed(actor);
                   if (!made.ok()) return ErrorResponse(made.status());
                   return Private(HttpResponse::Json(
                       200, {{"exists", made->has_value()},
                             {"created_at", *made ? json(FormatIso8601(**made)) : json(nullptr)}}));
                 }),
             no_body);
  router.Add(HttpMethod::kPost, "/api/v1/me/calendar-feed",
             Authenticated(
                 auth,
                 [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                   auto token = service.ResetMyFeed(actor);
                   if (!token.ok()) return ErrorResponse(token.status());
                   return Private(HttpResponse::Json(
                       201, {{"exists", true}, {"path", "/api/v1/calendar/" + *token + ".ics"}}));
                 }),
             no_body);
  router.Add(HttpMethod::kDelete, "/api/v1/me/calendar-feed",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             Status revoked = service.RevokeMyFeed(actor);
                             if (!revoked.ok()) return ErrorResponse(revoked);
                             return HttpResponse::NoContent();
                           }),
             no_body);
  router.Add(
      HttpMethod::kGet, "/api/v1/calendar/{file}",
      [&service](const HttpRequest&, const PathParams& p) {
        std::string_view file = p.Get("file");
        if (!file.ends_with(".ics")) return ErrorResponse(Status::NotFound("no such calendar"));
        file.remove_suffix(4);
        auto ics = service.Feed(file);
        if (!ics.ok()) return ErrorResponse(ics.status());
        HttpResponse response;
        response.status = 200;
        response.SetHeader("Content-Type", "text/calendar; charset=utf-8");
        response.body = std::move(ics).value();
        return Private(std::move(response));
      },
      no_body);
  for (const char* action : {"accept", "counter", "reschedule", "cancel"}) {
    const std::string name = action;
    const bool with_time = name == "counter" || name == "reschedule";
    router.Add(
        HttpMethod::kPost, base + "/meetings/{meeting_id}/" + name,
        Authenticated(
            auth,
            [&service, name](const HttpRequest& request, const PathParams& p, const Actor& actor) {
              auto path = MeetingPath<domain::MeetingId>(p);
              if (!path.ok()) return ErrorResponse(path.status());
              const auto [r, m] = *path;
              if (name == "accept") return Answer(service.Accept(actor, r, m), &MeetingJson);
              if (name == "cancel") return Answer(service.Cancel(actor, r, m), &MeetingJson);
              JsonReader body(*request.json);
              const domain::MeetingInput input = InputOf(body);
              if (!body.ok()) return ErrorResponse(body.status());
              return Answer(name == "counter" ? service.Counter(actor, r, m, input)
                                              : service.Reschedule(actor, r, m, input),
                            &MeetingJson);
            }),
        with_time ? json_body : no_body);
  }
}

}  // namespace pairwise::api
