#include "api/handlers/people_handlers.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>

namespace pairwise::api {

namespace {

using nlohmann::json;

// Directory answers are personal data: never kept by shared caches or the browser's disk.
HttpResponse Private(HttpResponse response) {
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

template <typename T>
HttpResponse Answer(const Result<T>& result, json (*to_json)(const T&)) {
  if (!result.ok()) return ErrorResponse(result.status());
  return Private(HttpResponse::Json(200, to_json(*result)));
}

json CodeName(const std::string& code, const std::string& name) {
  if (code.empty()) return nullptr;
  return {{"code", code}, {"name", name}};
}

json SkillLevelsJson(const std::vector<domain::SkillLevel>& list) {
  json out = json::array();
  for (const domain::SkillLevel& s : list) out.push_back({{"skill", s.skill}, {"level", s.level}});
  return out;
}

json EventJson(const domain::PersonEvent& e) {
  auto level = [](const std::optional<int>& l) -> json { return l ? json(*l) : json(nullptr); };
  auto title = [](const std::string& t) -> json { return t.empty() ? json(nullptr) : json(t); };
  return {{"kind", domain::PersonEventKindName(e.kind)}, {"date", domain::FormatDate(e.date)},
          {"from_level", level(e.from_level)},           {"to_level", level(e.to_level)},
          {"from_title", title(e.from_title)},           {"to_title", title(e.to_title)}};
}

json PersonPageJson(const domain::PersonPage& page) {
  const domain::Person& p = page.person;
  json person = PersonSummaryJson(page.summary);
  person["time_zone"] = p.time_zone;
  person["languages"] = p.languages;
  person["hire_date"] = domain::FormatDate(p.hire_date);
  person["manager_employee_id"] =
      p.manager_employee_id.empty() ? json(nullptr) : json(p.manager_employee_id);
  if (p.left_date) person["left_date"] = domain::FormatDate(*p.left_date);
  json out = {{"person", std::move(person)},
              {"manager_chain", json::array()},
              {"direct_reports", json::array()},
              {"profile", ProfileJson(page.profile)}};
  for (const auto& m : page.manager_chain) out["manager_chain"].push_back(PersonSummaryJson(m));
  for (const auto& r : page.direct_reports) out["direct_reports"].push_back(PersonSummaryJson(r));
  if (page.history) {
    out["history"] = json::array();
    for (const auto& e : *page.history) out["history"].push_back(EventJson(e));
  }
  return out;
}

json SearchPageJson(const domain::PeopleSearchPage& page) {
  json items = json::array();
  for (const auto& p : page.items) items.push_back(PersonSummaryJson(p));
  return {{"items", std::move(items)},
          {"next_cursor", page.next_cursor.empty() ? json(nullptr) : json(page.next_cursor)}};
}

json SkillsJson(const std::vector<domain::Skill>& skills) {
  json items = json::array();
  for (const auto& s : skills) {
    items.push_back({{"code", s.code}, {"name", s.name}, {"family", s.family}});
  }
  return {{"items", std::move(items)}};
}

json DepartmentsJson(const std::vector<domain::Department>& departments) {
  json items = json::array();
  for (const auto& d : departments) {
    items.push_back({{"code", d.code}, {"name", d.name}, {"division", d.division}});
  }
  return {{"items", std::move(items)}};
}

json SitesJson(const std::vector<domain::Site>& sites) {
  json items = json::array();
  for (const auto& s : sites) {
    items.push_back(
        {{"code", s.code}, {"name", s.name}, {"country", s.country}, {"time_zone", s.time_zone}});
  }
  return {{"items", std::move(items)}};
}

Result<domain::PeopleSearchRequest> ParseSearch(const HttpRequest& request) {
  domain::PeopleSearchRequest search;
  auto text = [&](std::string_view name, std::string& into) {
    if (auto value = request.Query(name)) into = std::string(*value);
  };
  text("q", search.q);
  text("department", search.department);
  text("site", search.site);
  text("skill", search.skill);
  text("skill_interest", search.skill_interest);
  text("status", search.status);
  text("cursor", search.cursor);
  if (auto limit = request.Query("limit"); limit && !limit->empty()) {
    int value = 0;
    auto [end, error] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (error != std::errc() || end != limit->data() + limit->size()) {
      return Status::InvalidArgument("limit must be a whole number", "limit");
    }
    search.limit = value;
  }
  return search;
}

Status WrongType(const std::string& field, std::string_view expected) {
  return Status::InvalidArgument(field + " must be " + std::string(expected), field);
}

Status ParseSkillLevels(const json& value, const std::string& field,
                        std::vector<domain::SkillLevel>& into) {
  if (!value.is_array()) return WrongType(field, "an array of {skill, level}");
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_field = field + "[" + std::to_string(i) + "]";
    const json& item = value[i];
    if (!item.is_object()) return WrongType(item_field, "an object {skill, level}");
    for (const auto& [key, unused] : item.items()) {
      if (key != "skill" && key != "level") {
        return Status::InvalidArgument("unknown field " + key, item_field + "." + key);
      }
    }
    if (!item.contains("skill") || !item["skill"].is_string()) {
      return WrongType(item_field + ".skill", "a skill code");
    }
    if (!item.contains("level") || !item["level"].is_number_integer()) {
      return WrongType(item_field + ".level", "a whole number from 1 to 5");
    }
    const auto level = item["level"].get<int64_t>();
    into.push_back({item["skill"].get<std::string>(),
                    level < -1000 || level > 1000 ? -1 : static_cast<int>(level)});
  }
  return Status::Ok();
}

}  // namespace

json PersonSummaryJson(const domain::PersonSummary& s) {
  return {{"employee_id", s.employee_id},
          {"name", s.first_name + " " + s.last_name},
          {"email", s.email},
          {"job_title", s.job_title},
          {"level", s.level},
          {"department", CodeName(s.department_code, s.department_name)},
          {"site", CodeName(s.site_code, s.site_name)},
          {"status", domain::EmploymentStatusName(s.status)}};
}

json ProfileJson(const domain::Profile& p) {
  return {{"employee_id", p.employee_id},
          {"bio", p.bio},
          {"languages", p.languages},
          {"availability_hours_per_month", p.availability_hours_per_month},
          {"meeting_preference", domain::MeetingPreferenceName(p.meeting_preference)},
          {"expertise", SkillLevelsJson(p.expertise)},
          {"wants", SkillLevelsJson(p.wants)},
          {"updated_at", p.updated_at ? json(FormatIso8601(*p.updated_at)) : json(nullptr)}};
}

Result<domain::ProfileFields> ParseProfileFields(const json& body) {
  if (!body.is_object()) return Status::InvalidArgument("the body must be a JSON object");
  for (const auto& [key, unused] : body.items()) {
    static const std::array kKnown = {"bio",
                                      "languages",
                                      "availability_hours_per_month",
                                      "meeting_preference",
                                      "expertise",
                                      "wants",
                                      "employee_id",
                                      "updated_at"};
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) {
      return Status::InvalidArgument("unknown field " + key, key);
    }
  }
  for (const char* required : {"bio", "languages", "availability_hours_per_month",
                               "meeting_preference", "expertise", "wants"}) {
    if (!body.contains(required)) {
      return Status::InvalidArgument(std::string(required) + " is required", required);
    }
  }
  domain::ProfileFields fields;
  if (!body["bio"].is_string()) return WrongType("bio", "a string");
  fields.bio = body["bio"].get<std::string>();
  const json& languages = body["languages"];
  if (!languages.is_array()) return WrongType("languages", "an array of ISO 639-1 codes");
  for (std::size_t i = 0; i < languages.size(); ++i) {
    if (!languages[i].is_string()) {
      return WrongType("languages[" + std::to_string(i) + "]", "an ISO 639-1 code");
    }
    fields.languages.push_back(languages[i].get<std::string>());
  }
  const json& hours = body["availability_hours_per_month"];
  if (!hours.is_number_integer()) {
    return WrongType("availability_hours_per_month", "a whole number from 0 to 160");
  }
  const auto hours_value = hours.get<int64_t>();
  fields.availability_hours_per_month =
      hours_value < -1000 || hours_value > 1000 ? -1 : static_cast<int>(hours_value);
  const json& preference = body["meeting_preference"];
  std::optional<domain::MeetingPreference> parsed;
  if (preference.is_string()) {
    parsed = domain::ParseMeetingPreference(preference.get<std::string>());
  }
  if (!parsed) return WrongType("meeting_preference", "virtual, in_person or either");
  fields.meeting_preference = *parsed;
  PAIRWISE_RETURN_IF_ERROR(ParseSkillLevels(body["expertise"], "expertise", fields.expertise));
  PAIRWISE_RETURN_IF_ERROR(ParseSkillLevels(body["wants"], "wants", fields.wants));
  return fields;
}

void RegisterPeopleRoutes(Router& router, AuthGate& auth, domain::DirectoryService& directory) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  router.Add(HttpMethod::kGet, "/api/v1/people",
             Authenticated(auth,
                           [&directory](const HttpRequest& request, const PathParams&,
                                        const domain::Actor& actor) {
                             auto search = ParseSearch(request);
                             if (!search.ok()) return ErrorResponse(search.status());
                             return Answer(directory.Search(actor, *search), &SearchPageJson);
                           }),
             no_body);
  router.Add(
      HttpMethod::kGet, "/api/v1/people/{employee_id}",
      Authenticated(
          auth,
          [&directory](const HttpRequest&, const PathParams& params, const domain::Actor& actor) {
            return Answer(directory.GetPerson(actor, params.Get("employee_id")), &PersonPageJson);
          }),
      no_body);
  router.Add(HttpMethod::kGet, "/api/v1/me/profile",
             Authenticated(
                 auth,
                 [&directory](const HttpRequest&, const PathParams&, const domain::Actor& actor) {
                   return Answer(directory.GetOwnProfile(actor), &ProfileJson);
                 }),
             no_body);
  router.Add(
      HttpMethod::kPut, "/api/v1/me/profile",
      Authenticated(
          auth,
          [&directory](const HttpRequest& request, const PathParams&, const domain::Actor& actor) {
            auto fields = ParseProfileFields(*request.json);
            if (!fields.ok()) return ErrorResponse(fields.status());
            return Answer(directory.UpdateOwnProfile(actor, *fields), &ProfileJson);
          }),
      {.body = BodyKind::kJson, .max_body = 64 * 1024});
  router.Add(HttpMethod::kGet, "/api/v1/skills",
             Authenticated(
                 auth,
                 [&directory](const HttpRequest&, const PathParams&, const domain::Actor& actor) {
                   return Answer(directory.ListSkills(actor), &SkillsJson);
                 }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/departments",
             Authenticated(
                 auth,
                 [&directory](const HttpRequest&, const PathParams&, const domain::Actor& actor) {
                   return Answer(directory.ListDepartments(actor), &DepartmentsJson);
                 }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/sites",
             Authenticated(
                 auth,
                 [&directory](const HttpRequest&, const PathParams&, const domain::Actor& actor) {
                   return Answer(directory.ListSites(actor), &SitesJson);
                 }),
             no_body);
}

}  // namespace pairwise::api
