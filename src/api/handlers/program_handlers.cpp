#include "api/handlers/program_handlers.h"

#include <array>
#include <string>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using nlohmann::json;

json OptionalInt(const std::optional<int>& value) {
  if (!value) return nullptr;
  return *value;
}

json RulesJson(const domain::EligibilityRules& r) {
  json statuses = json::array();
  for (auto s : r.statuses) statuses.push_back(domain::EmploymentStatusName(s));
  return {{"departments", r.departments},
          {"sites", r.sites},
          {"min_level", OptionalInt(r.min_level)},
          {"max_level", OptionalInt(r.max_level)},
          {"min_tenure_months", OptionalInt(r.min_tenure_months)},
          {"statuses", statuses},
          {"employee_ids", r.employee_ids}};
}

json PeopleJson(const std::vector<domain::ProgramPerson>& people) {
  json out = json::array();
  for (const auto& p : people) out.push_back({{"employee_id", p.employee_id}, {"name", p.name}});
  return out;
}

json EligibilityJson(const domain::SideEligibility& e) {
  json out = {{"eligible", e.eligible}};
  if (e.reason) {
    out["rule"] = e.reason->rule;
    out["message"] = e.reason->message;
  }
  return out;
}

json CountsJson(const domain::EligibilityCounts& c) {
  return {{"mentor", {{"count", c.mentors}}}, {"mentee", {{"count", c.mentees}}}};
}

json CapacityJson(const domain::MentorCapacity& c) {
  return {{"mentees", c.mentees}, {"hours_per_month", c.hours_per_month}};
}

json ProgramListJson(const std::vector<domain::Program>& programs) {
  json items = json::array();
  for (const auto& p : programs) items.push_back(ProgramSummaryJson(p));
  return {{"items", items}};
}

domain::Date ReadDate(JsonReader& body, std::string_view key) {
  const std::string text = body.String(key);
  if (!body.ok()) return {};
  auto date = domain::ParseDate(text);
  if (!date) body.Fail(WrongType(body.Field(key), "a date (YYYY-MM-DD)"));
  return date.value_or(domain::Date{});
}

// Eligibility rules of one side; absent or null: no rules. The service checks levels.
domain::EligibilityRules ReadEligibilityRules(JsonReader& body, std::string_view key) {
  domain::EligibilityRules rules;
  auto r = body.OptionalObject(key);
  if (!r) return rules;
  r->OnlyKnown({"departments", "sites", "min_level", "max_level", "min_tenure_months", "statuses",
                "employee_ids"});
  rules.departments = r->OptionalStrings("departments").value_or(std::vector<std::string>{});
  rules.sites = r->OptionalStrings("sites").value_or(std::vector<std::string>{});
  rules.min_level = r->OptionalInt("min_level");
  rules.max_level = r->OptionalInt("max_level");
  rules.min_tenure_months = r->OptionalInt("min_tenure_months");
  rules.employee_ids = r->OptionalStrings("employee_ids").value_or(std::vector<std::string>{});
  const auto statuses = r->OptionalStrings("statuses").value_or(std::vector<std::string>{});
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    auto status = domain::ParseEmploymentStatus(statuses[i]);
    if (!status) {
      r->Fail(WrongType(r->Field("statuses") + "[" + std::to_string(i) + "]", "active or leave"));
      break;
    }
    rules.statuses.push_back(*status);
  }
  return rules;
}

// Employee ids, or the {employee_id, name} objects GET gives.
std::vector<std::string> ReadPeople(JsonReader& body, std::string_view key) {
  std::vector<std::string> out;
  const json* list = body.Has(key) ? body.Raw(key) : nullptr;
  if (list == nullptr || !body.ok()) return out;
  if (!list->is_array()) {
    body.Fail(WrongType(body.Field(key), "an array of employee ids"));
    return out;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& v = (*list)[i];
    const std::string field = body.Field(key) + "[" + std::to_string(i) + "]";
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
    } else if (v.is_object()) {
      // Only the id matters; the name is the GET answer's.
      auto id = v.contains("employee_id") ? ReadString(v["employee_id"], field + ".employee_id")
                                          : Result<std::string>(WrongType(field, "an employee id"));
      if (!id.ok()) {
        body.Fail(id.status());
        break;
      }
      out.push_back(std::move(id).value());
    } else {
      body.Fail(WrongType(field, "an employee id"));
      break;
    }
  }
  return out;
}

Result<int64_t> ProgramIdParam(const PathParams& params) {
  return IdParam(params, "program_id", "program");
}

}  // namespace

Result<domain::ProgramFields> ParseProgramFields(const json& json_body) {
  JsonReader body(json_body);
  // The GET answer's read-only members (id, status, me, ...) may come back with it.
  body.OnlyKnown({"name",
                  "description",
                  "type",
                  "need",
                  "objectives",
                  "measures",
                  "start_date",
                  "end_date",
                  "enrollment_opens",
                  "enrollment_closes",
                  "relationship_months",
                  "meeting_cadence",
                  "coordinators",
                  "shadow_mentors",
                  "group",
                  "training",
                  "mentor_capacity",
                  "eligibility",
                  "requires_mentor_credential",
                  "manager_approval",
                  "max_ranked_choices",
                  "request_expiry_days",
                  "id",
                  "status",
                  "created_at",
                  "updated_at",
                  "me"});
  // Members left out keep ProgramFields' defaults; the service checks every range.
  domain::ProgramFields out;
  out.name = body.String("name");
  out.description = body.OptionalString("description").value_or("");
  out.type = body.Enum("type", &domain::ParseProgramType,
                       "one_on_one, group, self_match, training, reverse or virtual");
  out.need = body.Enum("need", &domain::ParseProgramNeed,
                       "onboarding, skills_transfer, career_development, leadership, diversity, "
                       "knowledge_transfer, retention, customer_service, culture_change or other");
  out.objectives = body.OptionalString("objectives").value_or("");
  out.measures = body.OptionalStrings("measures").value_or(std::vector<std::string>{});
  out.start_date = ReadDate(body, "start_date");
  out.end_date = ReadDate(body, "end_date");
  out.enrollment_opens = ReadDate(body, "enrollment_opens");
  out.enrollment_closes = ReadDate(body, "enrollment_closes");
  out.relationship_months =
      body.OptionalInt("relationship_months").value_or(out.relationship_months);
  out.cadence = body.OptionalEnum("meeting_cadence", &domain::ParseMeetingCadence,
                                  "weekly, biweekly or monthly")
                    .value_or(out.cadence);
  out.coordinators = ReadPeople(body, "coordinators");
  out.shadow_mentors = ReadPeople(body, "shadow_mentors");
  if (auto g = body.OptionalObject("group")) {
    g->OnlyKnown({"min_size", "max_size"});
    domain::ProgramGroup group;
    group.min_size = g->OptionalInt("min_size").value_or(group.min_size);
    group.max_size = g->OptionalInt("max_size").value_or(group.max_size);
    out.group = group;
  }
  if (auto t = body.OptionalObject("training")) {
    t->OnlyKnown({"course", "skills"});
    domain::ProgramTraining training;
    training.course = t->String("course");
    training.skills = t->OptionalStrings("skills").value_or(std::vector<std::string>{});
    out.training = training;
  }
  if (auto c = body.OptionalObject("mentor_capacity")) {
    c->OnlyKnown({"mentees", "hours_per_month"});
    out.mentor_capacity.mentees = c->OptionalInt("mentees").value_or(out.mentor_capacity.mentees);
    out.mentor_capacity.hours_per_month =
        c->OptionalInt("hours_per_month").value_or(out.mentor_capacity.hours_per_month);
  }
  if (auto e = body.OptionalObject("eligibility")) {
    e->OnlyKnown({"mentor", "mentee"});
    out.mentor_eligibility = ReadEligibilityRules(*e, "mentor");
    out.mentee_eligibility = ReadEligibilityRules(*e, "mentee");
  }
  out.requires_mentor_credential = body.OptionalBool("requires_mentor_credential").value_or(false);
  out.manager_approval = body.OptionalBool("manager_approval").value_or(false);
  out.max_ranked_choices = body.OptionalInt("max_ranked_choices").value_or(out.max_ranked_choices);
  out.request_expiry_days =
      body.OptionalInt("request_expiry_days").value_or(out.request_expiry_days);
  if (!body.ok()) return body.status();
  return out;
}

json ProgramSummaryJson(const domain::Program& p) {
  return {{"id", p.id.value},
          {"name", p.name},
          {"type", domain::ProgramTypeName(p.type)},
          {"need", domain::ProgramNeedName(p.need)},
          {"status", domain::ProgramStatusName(p.status)},
          {"start_date", domain::FormatDate(p.start_date)},
          {"end_date", domain::FormatDate(p.end_date)},
          {"enrollment_opens", domain::FormatDate(p.enrollment_opens)},
          {"enrollment_closes", domain::FormatDate(p.enrollment_closes)}};
}

json ProgramViewJson(const domain::ProgramView& view) {
  const domain::Program& p = view.program;
  json out = ProgramSummaryJson(p);
  out["description"] = p.description;
  out["objectives"] = p.objectives;
  out["measures"] = p.measures;
  out["relationship_months"] = p.relationship_months;
  out["meeting_cadence"] = domain::MeetingCadenceName(p.cadence);
  out["coordinators"] = PeopleJson(view.coordinators);
  out["shadow_mentors"] = PeopleJson(view.shadow_mentors);
  for (std::size_t i = 0; i < view.shadow_mentors.size(); ++i) {
    out["shadow_mentors"][i]["credential_lapsed"] = view.shadow_mentors[i].credential_lapsed;
  }
  out["group"] = p.group ? json{{"min_size", p.group->min_size}, {"max_size", p.group->max_size}}
                         : json(nullptr);
  out["training"] = p.training
                        ? json{{"course", p.training->course}, {"skills", p.training->skills}}
                        : json(nullptr);
  out["mentor_capacity"] = CapacityJson(p.mentor_capacity);
  out["eligibility"] = {{"mentor", RulesJson(p.mentor_eligibility)},
                        {"mentee", RulesJson(p.mentee_eligibility)}};
  out["requires_mentor_credential"] = p.requires_mentor_credential;
  out["manager_approval"] = p.manager_approval;
  out["max_ranked_choices"] = p.max_ranked_choices;
  out["request_expiry_days"] = p.request_expiry_days;
  out["created_at"] = p.created_at;
  out["updated_at"] = p.updated_at;
  out["me"] = {{"coordinator", view.coordinator},
               {"mentor_eligible", EligibilityJson(view.mentor)},
               {"mentee_eligible", EligibilityJson(view.mentee)}};
  return out;
}

void RegisterProgramRoutes(Router& router, AuthGate& auth, domain::ProgramService& programs) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 256 * 1024};
  router.Add(
      HttpMethod::kGet, "/api/v1/programs",
      Authenticated(
          auth,
          [&programs](const HttpRequest& request, const PathParams&, const domain::Actor& actor) {
            auto name = request.Query("view");
            auto view = domain::ParseProgramListView(name && !name->empty() ? *name : "all");
            if (!view) {
              return ErrorResponse(
                  Status::InvalidArgument("view must be running, joinable or all", "view"));
            }
            return Answer(programs.List(actor, *view), &ProgramListJson);
          }),
      no_body);
  router.Add(
      HttpMethod::kPost, "/api/v1/programs",
      Authenticated(
          auth,
          [&programs](const HttpRequest& request, const PathParams&, const domain::Actor& actor) {
            auto fields = ParseProgramFields(*request.json);
            if (!fields.ok()) return ErrorResponse(fields.status());
            return Answer(programs.Create(actor, std::move(fields).value()), &ProgramViewJson, 201);
          }),
      json_body);
  router.Add(
      HttpMethod::kGet, "/api/v1/programs/{program_id}",
      Authenticated(
          auth,
          [&programs](const HttpRequest&, const PathParams& params, const domain::Actor& actor) {
            auto id = ProgramIdParam(params);
            if (!id.ok()) return ErrorResponse(id.status());
            return Answer(programs.Get(actor, domain::ProgramId(*id)), &ProgramViewJson);
          }),
      no_body);
  router.Add(HttpMethod::kPut, "/api/v1/programs/{program_id}",
             Authenticated(auth,
                           [&programs](const HttpRequest& request, const PathParams& params,
                                       const domain::Actor& actor) {
                             auto id = ProgramIdParam(params);
                             if (!id.ok()) return ErrorResponse(id.status());
                             auto fields = ParseProgramFields(*request.json);
                             if (!fields.ok()) return ErrorResponse(fields.status());
                             return Answer(programs.Update(actor, domain::ProgramId(*id),
                                                           std::move(fields).value()),
                                           &ProgramViewJson);
                           }),
             json_body);
  for (const auto& [action, status] :
       std::array{std::pair{"open", domain::ProgramStatus::kOpen},
                  std::pair{"close", domain::ProgramStatus::kClosed},
                  std::pair{"archive", domain::ProgramStatus::kArchived}}) {
    const domain::ProgramStatus to = status;
    router.Add(HttpMethod::kPost, std::string("/api/v1/programs/{program_id}/") + action,
               Authenticated(auth,
                             [&programs, to](const HttpRequest&, const PathParams& params,
                                             const domain::Actor& actor) {
                               auto id = ProgramIdParam(params);
                               if (!id.ok()) return ErrorResponse(id.status());
                               return Answer(programs.MoveTo(actor, domain::ProgramId(*id), to),
                                             &ProgramViewJson);
                             }),
               no_body);
  }
  router.Add(
      HttpMethod::kPost, "/api/v1/programs/eligibility-preview",
      Authenticated(
          auth,
          [&programs](const HttpRequest& request, const PathParams&, const domain::Actor& actor) {
            JsonReader body(*request.json);
            body.OnlyKnown({"mentor", "mentee"});
            const domain::EligibilityRules mentor = ReadEligibilityRules(body, "mentor");
            const domain::EligibilityRules mentee = ReadEligibilityRules(body, "mentee");
            if (!body.ok()) return ErrorResponse(body.status());
            return Answer(programs.CountEligible(actor, mentor, mentee), &CountsJson);
          }),
      json_body);
  router.Add(
      HttpMethod::kGet, "/api/v1/programs/{program_id}/eligibility",
      Authenticated(
          auth,
          [&programs](const HttpRequest&, const PathParams& params, const domain::Actor& actor) {
            auto id = ProgramIdParam(params);
            if (!id.ok()) return ErrorResponse(id.status());
            return Answer(programs.CountEligible(actor, domain::ProgramId(*id)), &CountsJson);
          }),
      no_body);
  router.Add(
      HttpMethod::kGet, "/api/v1/programs/{program_id}/capacity/me",
      Authenticated(
          auth,
          [&programs](const HttpRequest&, const PathParams& params, const domain::Actor& actor) {
            auto id = ProgramIdParam(params);
            if (!id.ok()) return ErrorResponse(id.status());
            return Answer(programs.GetMyCapacity(actor, domain::ProgramId(*id)), &CapacityJson);
          }),
      no_body);
  router.Add(
      HttpMethod::kPut, "/api/v1/programs/{program_id}/capacity/me",
      Authenticated(
          auth,
          [&programs](const HttpRequest& request, const PathParams& params,
                      const domain::Actor& actor) {
            auto id = ProgramIdParam(params);
            if (!id.ok()) return ErrorResponse(id.status());
            JsonReader body(*request.json);
            body.OnlyKnown({"mentees", "hours_per_month"});
            domain::MentorCapacity capacity{body.Int("mentees"), body.Int("hours_per_month")};
            if (!body.ok()) return ErrorResponse(body.status());
            return Answer(programs.SetMyCapacity(actor, domain::ProgramId(*id), capacity),
                          &CapacityJson);
          }),
      json_body);
}

}  // namespace pairwise::api
