#include "api/handlers/people_handlers.h"

#include <string>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using nlohmann::json;

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

// A list of {skill, level}; the service checks codes and levels.
std::vector<domain::SkillLevel> ReadSkillLevels(JsonReader& body, std::string_view key) {
  std::vector<domain::SkillLevel> out;
  body.Objects(key, /*required=*/true, [&](JsonReader& item) {
    item.OnlyKnown({"skill", "level"});
    domain::SkillLevel level;
    level.skill = item.String("skill");
    level.level = item.Int("level");
    out.push_back(std::move(level));
  });
  return out;
}

}  // namespace

Result<domain::PeopleSearchRequest> ParsePeopleSearch(const HttpRequest& request) {
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
  // The service checks the page size.
  auto limit = QueryInt(request, "limit", INT32_MIN, INT32_MAX);
  if (!limit.ok()) return limit.status();
  if (*limit) search.limit = static_cast<int>(**limit);
  return search;
}

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

Result<domain::ProfileFields> ParseProfileFields(const json& json_body) {
  JsonReader body(json_body);
  // The GET answer's employee_id and updated_at may come back with it.
  body.OnlyKnown({"bio", "languages", "availability_hours_per_month", "meeting_preference",
                  "expertise", "wants", "employee_id", "updated_at"});
  domain::ProfileFields fields;
  fields.bio = body.String("bio");
  fields.languages = body.Strings("languages");
  fields.availability_hours_per_month = body.Int("availability_hours_per_month");
  fields.meeting_preference = body.Enum("meeting_preference", &domain::ParseMeetingPreference,
                                        "virtual, in_person or either");
  fields.expertise = ReadSkillLevels(body, "expertise");
  fields.wants = ReadSkillLevels(body, "wants");
  if (!body.ok()) return body.status();
  return fields;
}

void RegisterPeopleRoutes(Router& router, AuthGate& auth, domain::DirectoryService& directory) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  router.Add(HttpMethod::kGet, "/api/v1/people",
             Authenticated(auth,
                           [&directory](const HttpRequest& request, const PathParams&,
                                        const domain::Actor& actor) {
                             auto search = ParsePeopleSearch(request);
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
