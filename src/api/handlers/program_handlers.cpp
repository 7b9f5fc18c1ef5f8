#include "api/handlers/program_handlers.h"

#include <algorithm>
#include <array>
#include <charconv>
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

// Reads a JSON object field by field; remembers the first error.
class Fields {
 public:
  Fields(const json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  std::string Name(std::string_view key) const { return prefix_ + std::string(key); }
  bool Has(std::string_view key) const {
    return object_.contains(key) && !object_.at(std::string(key)).is_null();
  }

  Status String(std::string_view key, std::string& into, bool required = false) const {
    if (!Has(key)) return required ? Missing(key) : Status::Ok();
    const json& v = object_.at(std::string(key));
    if (!v.is_string()) return WrongType(Name(key), "a string");
    into = v.get<std::string>();
    return Status::Ok();
  }
  Status Int(std::string_view key, int& into) const {
    if (!Has(key)) return Status::Ok();
    const json& v = object_.at(std::string(key));
    if (!v.is_number_integer()) return WrongType(Name(key), "a whole number");
    const auto value = v.get<int64_t>();
    // Out-of-range values stay out of range for the domain's checks.
    into = value < -1'000'000 ? -1'000'000 : value > 1'000'000 ? 1'000'000 : int(value);
    return Status::Ok();
  }
  Status OptionalIntField(std::string_view key, std::optional<int>& into) const {
    if (!Has(key)) {
      into.reset();
      return Status::Ok();
    }
    int value = 0;
    PAIRWISE_RETURN_IF_ERROR(Int(key, value));
    into = value;
    return Status::Ok();
  }
  Status Bool(std::string_view key, bool& into) const {
    if (!Has(key)) return Status::Ok();
    const json& v = object_.at(std::string(key));
    if (!v.is_boolean()) return WrongType(Name(key), "true or false");
    into = v.get<bool>();
    return Status::Ok();
  }
  Status Strings(std::string_view key, std::vector<std::string>& into) const {
    into.clear();
    if (!Has(key)) return Status::Ok();
    const json& v = object_.at(std::string(key));
    if (!v.is_array()) return WrongType(Name(key), "an array of strings");
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) {
        return WrongType(Name(key) + "[" + std::to_string(i) + "]", "a string");
      }
      into.push_back(v[i].get<std::string>());
    }
    return Status::Ok();
  }
  Status Date(std::string_view key, domain::Date& into) const {
    std::string text;
    PAIRWISE_RETURN_IF_ERROR(String(key, text, true));
    auto date = domain::ParseDate(text);
    if (!date) return WrongType(Name(key), "a date (YYYY-MM-DD)");
    into = *date;
    return Status::Ok();
  }
  template <typename E>
  Status Choice(std::string_view key, E& into, std::optional<E> (*parse)(std::string_view),
                std::string_view expected, bool required) const {
    std::string text;
    if (!Has(key)) return required ? Missing(key) : Status::Ok();
    PAIRWISE_RETURN_IF_ERROR(String(key, text));
    auto value = parse(text);
    if (!value) return WrongType(Name(key), expected);
    into = *value;
    return Status::Ok();
  }
  // InvalidArgument for a key that is not in `known`.
  Status OnlyKnown(std::initializer_list<std::string_view> known) const {
    for (const auto& [key, value] : object_.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        return Status::InvalidArgument("unknown field " + Name(key), Name(key));
      }
    }
    return Status::Ok();
  }

 private:
  Status Missing(std::string_view key) const {
    return Status::InvalidArgument(Name(key) + " is required", Name(key));
  }
  const json& object_;
  std::string prefix_;
};

Result<int64_t> ProgramIdParam(const PathParams& params) {
  return IdParam(params, "program_id", "program");
}

}  // namespace

Result<domain::EligibilityRules> ParseEligibilityRules(const json& value,
                                                       const std::string& field) {
  domain::EligibilityRules rules;
  if (value.is_null()) return rules;
  if (!value.is_object()) return WrongType(field, "an object");
  Fields f(value, field + ".");
  PAIRWISE_RETURN_IF_ERROR(f.OnlyKnown({"departments", "sites", "min_level", "max_level",
                                        "min_tenure_months", "statuses", "employee_ids"}));
  PAIRWISE_RETURN_IF_ERROR(f.Strings("departments", rules.departments));
  PAIRWISE_RETURN_IF_ERROR(f.Strings("sites", rules.sites));
  PAIRWISE_RETURN_IF_ERROR(f.OptionalIntField("min_level", rules.min_level));
  PAIRWISE_RETURN_IF_ERROR(f.OptionalIntField("max_level", rules.max_level));
  PAIRWISE_RETURN_IF_ERROR(f.OptionalIntField("min_tenure_months", rules.min_tenure_months));
  PAIRWISE_RETURN_IF_ERROR(f.Strings("employee_ids", rules.employee_ids));
  std::vector<std::string> statuses;
  PAIRWISE_RETURN_IF_ERROR(f.Strings("statuses", statuses));
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    auto status = domain::ParseEmploymentStatus(statuses[i]);
    if (!status) {
      return WrongType(f.Name("statuses") + "[" + std::to_string(i) + "]", "active or leave");
    }
    rules.statuses.push_back(*status);
  }
  return rules;
}

Result<domain::ProgramFields> ParseProgramFields(const json& body) {
  if (!body.is_object()) return WrongType("body", "a JSON object");
  Fields f(body, "");
  PAIRWISE_RETURN_IF_ERROR(f.OnlyKnown({"name",
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
                                        "me"}));
  domain::ProgramFields out;
  PAIRWISE_RETURN_IF_ERROR(f.String("name", out.name, true));
  PAIRWISE_RETURN_IF_ERROR(f.String("description", out.description));
  PAIRWISE_RETURN_IF_ERROR(f.Choice("type", out.type, &domain::ParseProgramType,
                                    "one_on_one, group, self_match, training, reverse or virtual",
                                    true));
  PAIRWISE_RETURN_IF_ERROR(
      f.Choice("need", out.need, &domain::ParseProgramNeed,
               "onboarding, skills_transfer, career_development, leadership, diversity, "
               "knowledge_transfer, retention, customer_service, culture_change or other",
               true));
  PAIRWISE_RETURN_IF_ERROR(f.String("objectives", out.objectives));
  PAIRWISE_RETURN_IF_ERROR(f.Strings("measures", out.measures));
  PAIRWISE_RETURN_IF_ERROR(f.Date("start_date", out.start_date));
  PAIRWISE_RETURN_IF_ERROR(f.Date("end_date", out.end_date));
  PAIRWISE_RETURN_IF_ERROR(f.Date("enrollment_opens", out.enrollment_opens));
  PAIRWISE_RETURN_IF_ERROR(f.Date("enrollment_closes", out.enrollment_closes));
  PAIRWISE_RETURN_IF_ERROR(f.Int("relationship_months", out.relationship_months));
  PAIRWISE_RETURN_IF_ERROR(f.Choice("meeting_cadence", out.cadence, &domain::ParseMeetingCadence,
                                    "weekly, biweekly or monthly", false));
  // Coordinators and shadow mentors: employee ids, or the {employee_id, name} objects GET gives.
  for (const auto& [key, list] : {std::pair{"coordinators", &out.coordinators},
                                  std::pair{"shadow_mentors", &out.shadow_mentors}}) {
    if (!f.Has(key)) continue;
    const json& v = body.at(key);
    if (!v.is_array()) return WrongType(key, "an array of employee ids");
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i].is_string()) {
        list->push_back(v[i].get<std::string>());
      } else if (v[i].is_object() && v[i].contains("employee_id") &&
                 v[i]["employee_id"].is_string()) {
        list->push_back(v[i]["employee_id"].get<std::string>());
      } else {
        return WrongType(std::string(key) + "[" + std::to_string(i) + "]", "an employee id");
      }
    }
  }
  if (f.Has("group")) {
    const json& g = body.at("group");
    if (!g.is_object()) return WrongType("group", "an object");
    Fields gf(g, "group.");
    PAIRWISE_RETURN_IF_ERROR(gf.OnlyKnown({"min_size", "max_size"}));
    domain::ProgramGroup group;
    PAIRWISE_RETURN_IF_ERROR(gf.Int("min_size", group.min_size));
    PAIRWISE_RETURN_IF_ERROR(gf.Int("max_size", group.max_size));
    out.group = group;
  }
  if (f.Has("training")) {
    const json& t = body.at("training");
    if (!t.is_object()) return WrongType("training", "an object");
    Fields tf(t, "training.");
    PAIRWISE_RETURN_IF_ERROR(tf.OnlyKnown({"course", "skills"}));
    domain::ProgramTraining training;
    PAIRWISE_RETURN_IF_ERROR(tf.String("course", training.course, true));
    PAIRWISE_RETURN_IF_ERROR(tf.Strings("skills", training.skills));
    out.training = training;
  }
  if (f.Has("mentor_capacity")) {
    const json& c = body.at("mentor_capacity");
    if (!c.is_object()) return WrongType("mentor_capacity", "an object");
    Fields cf(c, "mentor_capacity.");
    PAIRWISE_RETURN_IF_ERROR(cf.OnlyKnown({"mentees", "hours_per_month"}));
    PAIRWISE_RETURN_IF_ERROR(cf.Int("mentees", out.mentor_capacity.mentees));
    PAIRWISE_RETURN_IF_ERROR(cf.Int("hours_per_month", out.mentor_capacity.hours_per_month));
  }
  if (f.Has("eligibility")) {
    const json& e = body.at("eligibility");
    if (!e.is_object()) return WrongType("eligibility", "an object");
    Fields ef(e, "eligibility.");
    PAIRWISE_RETURN_IF_ERROR(ef.OnlyKnown({"mentor", "mentee"}));
    if (e.contains("mentor")) {
      auto rules = ParseEligibilityRules(e["mentor"], "eligibility.mentor");
      if (!rules.ok()) return rules.status();
      out.mentor_eligibility = std::move(rules).value();
    }
    if (e.contains("mentee")) {
      auto rules = ParseEligibilityRules(e["mentee"], "eligibility.mentee");
      if (!rules.ok()) return rules.status();
      out.mentee_eligibility = std::move(rules).value();
    }
  }
  PAIRWISE_RETURN_IF_ERROR(f.Bool("requires_mentor_credential", out.requires_mentor_credential));
  PAIRWISE_RETURN_IF_ERROR(f.Bool("manager_approval", out.manager_approval));
  PAIRWISE_RETURN_IF_ERROR(f.Int("max_ranked_choices", out.max_ranked_choices));
  PAIRWISE_RETURN_IF_ERROR(f.Int("request_expiry_days", out.request_expiry_days));
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
            const json& body = *request.json;
            if (!body.is_object()) {
              return ErrorResponse(WrongType("body", "a JSON object"));
            }
            Fields f(body, "");
            if (Status s = f.OnlyKnown({"mentor", "mentee"}); !s.ok()) {
              return ErrorResponse(s);
            }
            auto mentor =
                ParseEligibilityRules(body.value("mentor", json(nullptr)), "eligibility.mentor");
            if (!mentor.ok()) return ErrorResponse(mentor.status());
            auto mentee =
                ParseEligibilityRules(body.value("mentee", json(nullptr)), "eligibility.mentee");
            if (!mentee.ok()) return ErrorResponse(mentee.status());
            return Answer(programs.CountEligible(actor, *mentor, *mentee), &CountsJson);
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
  router.Add(HttpMethod::kPut, "/api/v1/programs/{program_id}/capacity/me",
             Authenticated(auth,
                           [&programs](const HttpRequest& request, const PathParams& params,
                                       const domain::Actor& actor) {
                             auto id = ProgramIdParam(params);
                             if (!id.ok()) return ErrorResponse(id.status());
                             const json& body = *request.json;
                             if (!body.is_object()) {
                               return ErrorResponse(WrongType("body", "a JSON object"));
                             }
                             Fields f(body, "");
                             domain::MentorCapacity capacity{0, 0};
                             for (Status s : {f.OnlyKnown({"mentees", "hours_per_month"}),
                                              f.Int("mentees", capacity.mentees),
                                              f.Int("hours_per_month", capacity.hours_per_month)}) {
                               if (!s.ok()) return ErrorResponse(s);
                             }
                             return Answer(
                                 programs.SetMyCapacity(actor, domain::ProgramId(*id), capacity),
                                 &CapacityJson);
                           }),
             json_body);
}

}  // namespace pairwise::api
