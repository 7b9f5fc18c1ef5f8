#include "api/handlers/application_handlers.h"

#include <charconv>
#include <string>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using nlohmann::json;

Result<domain::Side> SideParam(const PathParams& params) {
  auto side = domain::ParseSide(params.Get("side"));
  if (!side) return Status::NotFound("a program's sides are mentor and mentee");
  return *side;
}

bool IsSingle(domain::QuestionType type) {
  return type != domain::QuestionType::kMultipleChoice && type != domain::QuestionType::kSkills &&
         type != domain::QuestionType::kRankedMentors;
}

json QuestionsJson(const std::vector<domain::Question>& questions) {
  json out = json::array();
  for (const auto& q : questions) {
    out.push_back({{"id", q.id},
                   {"type", domain::QuestionTypeName(q.type)},
                   {"label", q.label},
                   {"help", q.help},
                   {"required", q.required},
                   {"options", q.options}});
  }
  return out;
}

json FormJson(const domain::ApplicationForm& form) {
  return {{"program_id", form.program.value},
          {"side", domain::SideName(form.side)},
          {"version", form.version},
          {"questions", QuestionsJson(form.questions)}};
}

json AnswersJson(const domain::Answers& answers, const std::vector<domain::Question>& questions) {
  json out = json::object();
  for (const auto& [id, values] : answers) {
    auto q = std::find_if(questions.begin(), questions.end(),
                          [&](const domain::Question& x) { return x.id == id; });
    if (q != questions.end() && IsSingle(q->type) && values.size() == 1) {
      if (q->type == domain::QuestionType::kScale) {
        out[id] = values[0][0] - '0';
      } else {
        out[id] = values[0];
      }
    } else {
      out[id] = values;
    }
  }
  return out;
}

json ApplicantJson(const domain::ApplicantSummary& a) {
  return {{"employee_id", a.employee_id},
          {"name", a.name},
          {"job_title", a.job_title},
          {"department", a.department},
          {"level", a.level}};
}

json ApplicationRowJson(const domain::ApplicationView& v) {
  const domain::Application& a = v.application;
  return {{"id", a.id.value},
          {"program_id", a.program.value},
          {"program_name", v.program_name},
          {"side", domain::SideName(a.side)},
          {"status", domain::ApplicationStatusName(a.status)},
          {"applicant", ApplicantJson(v.applicant)},
          {"nominated", a.nominated},
          {"manager_approval", domain::ManagerApprovalName(a.manager_approval)},
          {"submitted_at", a.submitted_at},
          {"updated_at", a.updated_at}};
}

json ApplicationJson(const domain::ApplicationView& v) {
  json out = ApplicationRowJson(v);
  out["form_version"] = v.application.form_version;
  out["questions"] = QuestionsJson(v.questions);
  out["answers"] = AnswersJson(v.application.answers, v.questions);
  out["decision_message"] = v.application.decision_message;
  return out;
}

json ReviewJson(const domain::ReviewPage& page) {
  json items = json::array();
  for (const auto& v : page.items) items.push_back(ApplicationRowJson(v));
  return {{"items", items},
          {"total", page.total},
          {"counts",
           {{"submitted", page.counts.submitted},
            {"approved", page.counts.approved},
            {"declined", page.counts.declined},
            {"withdrawn", page.counts.withdrawn}}}};
}

json CountJson(const int64_t& n) { return {{"updated", n}}; }

json MineJson(const std::vector<domain::MyApplication>& mine) {
  json items = json::array();
  for (const auto& m : mine) {
    items.push_back(
        {{"id", m.application.id.value},
         {"program",
          {{"id", m.application.program.value},
           {"name", m.program_name},
           {"type", domain::ProgramTypeName(m.program_type)},
           {"status", domain::ProgramStatusName(m.program_status)}}},
         {"side", domain::SideName(m.application.side)},
         {"status", domain::ApplicationStatusName(m.application.status)},
         {"nominated", m.application.nominated},
         {"manager_approval", domain::ManagerApprovalName(m.application.manager_approval)},
         {"submitted_at", m.application.submitted_at}});
  }
  return {{"items", items}};
}

json TeamEntryJson(const domain::TeamEntry& t) {
  return {
      {"application_id", t.application.value},
      {"person", ApplicantJson(t.person)},
      {"program", {{"id", t.program.value}, {"name", t.program_name}}},
      {"side", domain::SideName(t.side)},
      {"status", domain::ApplicationStatusName(t.status)},
      {"manager_approval", domain::ManagerApprovalName(t.manager_approval)},
      {"direct_report", t.direct_report},
      {"matched_with", t.matched_with ? ApplicantJson(*t.matched_with) : json(nullptr)},
      {"matched_since", t.matched_since ? json(FormatIso8601(*t.matched_since)) : json(nullptr)}};
}

json TeamJson(const std::vector<domain::TeamEntry>& team) {
  json items = json::array();
  for (const auto& t : team) items.push_back(TeamEntryJson(t));
  return {{"items", items}};
}

Status OnlyKnown(const json& body, std::initializer_list<std::string_view> known) {
  if (!body.is_object()) return WrongType("body", "a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return Status::InvalidArgument("unknown field " + key, key);
    }
  }
  return Status::Ok();
}

Result<domain::Side> BodySide(const json& body) {
  if (!body.contains("side") || !body["side"].is_string()) {
    return Status::InvalidArgument("side is required: mentor or mentee", "side");
  }
  auto side = domain::ParseSide(body["side"].get<std::string>());
  if (!side) return WrongType("side", "mentor or mentee");
  return *side;
}

Result<int> IntQuery(const HttpRequest& request, std::string_view name, int fallback) {
  auto text = request.Query(name);
  if (!text || text->empty()) return fallback;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) {
    return Status::InvalidArgument(std::string(name) + " must be a whole number",
                                   std::string(name));
  }
  return value;
}

}  // namespace

Result<std::vector<domain::Question>> ParseQuestions(const json& value) {
  if (!value.is_array()) return WrongType("questions", "an array");
  std::vector<domain::Question> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = "questions[" + std::to_string(i) + "]";
    const json& q = value[i];
    if (!q.is_object()) return WrongType(at, "an object");
    domain::Question question;
    for (const auto& [key, v] : q.items()) {
      const std::string field = at + "." + key;
      if (key == "id" || key == "label" || key == "help") {
        if (!v.is_string()) return WrongType(field, "a string");
        (key == "id"      ? question.id
         : key == "label" ? question.label
                          : question.help) = v.get<std::string>();
      } else if (key == "type") {
        auto type = v.is_string() ? domain::ParseQuestionType(v.get<std::string>()) : std::nullopt;
        if (!type) {
          return WrongType(field,
                           "short_text, long_text, single_choice, multiple_choice, scale, "
                           "skills, ranked_mentors or date");
        }
        question.type = *type;
      } else if (key == "required") {
        if (!v.is_boolean()) return WrongType(field, "true or false");
        question.required = v.get<bool>();
      } else if (key == "options") {
        if (!v.is_array()) return WrongType(field, "an array of strings");
        for (const json& o : v) {
          if (!o.is_string()) return WrongType(field, "an array of strings");
          question.options.push_back(o.get<std::string>());
        }
      } else {
        return Status::InvalidArgument("unknown field " + field, field);
      }
    }
    out.push_back(std::move(question));
  }
  return out;
}

Result<domain::Answers> ParseAnswers(const json& value) {
  if (!value.is_object()) return WrongType("answers", "an object");
  domain::Answers out;
  for (const auto& [id, v] : value.items()) {
    const std::string field = "answers." + id;
    std::vector<std::string> values;
    if (v.is_null()) {
      continue;
    } else if (v.is_string()) {
      values.push_back(v.get<std::string>());
    } else if (v.is_number_integer()) {
      values.push_back(std::to_string(v.get<int64_t>()));
    } else if (v.is_array()) {
      for (const json& item : v) {
        if (!item.is_string()) return WrongType(field, "a list of strings");
        values.push_back(item.get<std::string>());
      }
    } else {
      return WrongType(field, "a string, a number or a list of strings");
    }
    out.emplace(id, std::move(values));
  }
  return out;
}

void RegisterApplicationRoutes(Router& router, AuthGate& auth,
                               domain::ApplicationService& service) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 512 * 1024};
  using domain::Actor;

  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/forms/{side}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "program_id", "program");
                             if (!id.ok()) return ErrorResponse(id.status());
                             auto side = SideParam(p);
                             if (!side.ok()) return ErrorResponse(side.status());
                             return Answer(service.GetForm(actor, domain::ProgramId(*id), *side),
                                           &FormJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPut, "/api/v1/programs/{program_id}/forms/{side}",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto side = SideParam(p);
                   if (!side.ok()) return ErrorResponse(side.status());
                   const json& body = *request.json;
                   if (Status s = OnlyKnown(body, {"questions", "version", "program_id", "side"});
                       !s.ok()) {
                     return ErrorResponse(s);
                   }
                   auto questions = ParseQuestions(body.value("questions", json()));
                   if (!questions.ok()) return ErrorResponse(questions.status());
                   return Answer(service.SaveForm(actor, domain::ProgramId(*id), *side, *questions),
                                 &FormJson);
                 }),
             json_body);
  router.Add(HttpMethod::kPost, "/api/v1/programs/{program_id}/applications",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   const json& body = *request.json;
                   if (Status s = OnlyKnown(body, {"side", "answers"}); !s.ok()) {
                     return ErrorResponse(s);
                   }
                   auto side = BodySide(body);
                   if (!side.ok()) return ErrorResponse(side.status());
                   auto answers = ParseAnswers(body.value("answers", json::object()));
                   if (!answers.ok()) return ErrorResponse(answers.status());
                   return Answer(service.Apply(actor, domain::ProgramId(*id), *side, *answers),
                                 &ApplicationJson, 201);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/programs/{program_id}/applications",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   domain::ReviewQuery query;
                   if (auto side = request.Query("side"); side && !side->empty()) {
                     query.side = domain::ParseSide(*side);
                     if (!query.side) {
                       return ErrorResponse(WrongType("side", "mentor or mentee"));
                     }
                   }
                   if (auto status = request.Query("status"); status && !status->empty()) {
                     query.status = domain::ParseApplicationStatus(*status);
                     if (!query.status) {
                       return ErrorResponse(
                           WrongType("status", "submitted, approved, declined or withdrawn"));
                     }
                   }
                   if (auto q = request.Query("q")) query.q = std::string(*q);
                   if (auto sort = request.Query("sort"); sort && !sort->empty()) {
                     query.sort = std::string(*sort);
                   }
                   if (auto order = request.Query("order"); order && !order->empty()) {
                     if (*order != "asc" && *order != "desc") {
                       return ErrorResponse(WrongType("order", "asc or desc"));
                     }
                     query.descending = *order == "desc";
                   }
                   auto offset = IntQuery(request, "offset", 0);
                   if (!offset.ok()) return ErrorResponse(offset.status());
                   auto limit = IntQuery(request, "limit", 50);
                   if (!limit.ok()) return ErrorResponse(limit.status());
                   query.offset = *offset;
                   query.limit = *limit;
                   return Answer(service.Review(actor, domain::ProgramId(*id), query), &ReviewJson);
                 }),
             no_body);
  router.Add(
      HttpMethod::kPost, "/api/v1/programs/{program_id}/applications/review",
      Authenticated(
          auth,
          [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
            auto id = IdParam(p, "program_id", "program");
            if (!id.ok()) return ErrorResponse(id.status());
            const json& body = *request.json;
            if (Status s = OnlyKnown(body, {"application_ids", "decision", "message"}); !s.ok()) {
              return ErrorResponse(s);
            }
            const json ids_json = body.value("application_ids", json());
            if (!ids_json.is_array()) {
              return ErrorResponse(WrongType("application_ids", "an array of application ids"));
            }
            std::vector<domain::ApplicationId> ids;
            for (const json& v : ids_json) {
              if (!v.is_number_integer()) {
                return ErrorResponse(WrongType("application_ids", "an array of application ids"));
              }
              ids.emplace_back(v.get<int64_t>());
            }
            const std::string decision = body.value("decision", "");
            if (decision != "approve" && decision != "decline") {
              return ErrorResponse(WrongType("decision", "approve or decline"));
            }
            const json message = body.value("message", json(""));
            if (!message.is_string()) {
              return ErrorResponse(WrongType("message", "a string"));
            }
            return Answer(service.Decide(actor, domain::ProgramId(*id), ids, decision == "approve",
                                         message.get<std::string>()),
                          &CountJson);
          }),
      json_body);
  router.Add(HttpMethod::kPost, "/api/v1/programs/{program_id}/nominations",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "program_id", "program");
                   if (!id.ok()) return ErrorResponse(id.status());
                   const json& body = *request.json;
                   if (Status s = OnlyKnown(body, {"side", "employee_ids"}); !s.ok()) {
                     return ErrorResponse(s);
                   }
                   auto side = BodySide(body);
                   if (!side.ok()) return ErrorResponse(side.status());
                   const json list = body.value("employee_ids", json());
                   std::vector<std::string> ids;
                   if (!list.is_array()) {
                     return ErrorResponse(WrongType("employee_ids", "an array"));
                   }
                   for (const json& v : list) {
                     if (!v.is_string()) {
                       return ErrorResponse(WrongType("employee_ids", "an array of employee ids"));
                     }
                     ids.push_back(v.get<std::string>());
                   }
                   return Answer(service.Nominate(actor, domain::ProgramId(*id), *side, ids),
                                 &CountJson);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/applications/{application_id}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "application_id", "application");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.Get(actor, domain::ApplicationId(*id)),
                                           &ApplicationJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPut, "/api/v1/applications/{application_id}",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "application_id", "application");
                   if (!id.ok()) return ErrorResponse(id.status());
                   const json& body = *request.json;
                   if (Status s = OnlyKnown(body, {"answers"}); !s.ok()) {
                     return ErrorResponse(s);
                   }
                   auto answers = ParseAnswers(body.value("answers", json::object()));
                   if (!answers.ok()) return ErrorResponse(answers.status());
                   return Answer(service.UpdateAnswers(actor, domain::ApplicationId(*id), *answers),
                                 &ApplicationJson);
                 }),
             json_body);
  router.Add(HttpMethod::kPost, "/api/v1/applications/{application_id}/withdraw",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "application_id", "application");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return Answer(service.Withdraw(actor, domain::ApplicationId(*id)),
                                           &ApplicationJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPost, "/api/v1/applications/{application_id}/manager-approval",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "application_id", "application");
                   if (!id.ok()) return ErrorResponse(id.status());
                   const json& body = *request.json;
                   if (Status s = OnlyKnown(body, {"approve"}); !s.ok()) {
                     return ErrorResponse(s);
                   }
                   if (!body.contains("approve") || !body["approve"].is_boolean()) {
                     return ErrorResponse(WrongType("approve", "true or false"));
                   }
                   return Answer(service.DecideAsManager(actor, domain::ApplicationId(*id),
                                                         body["approve"].get<bool>()),
                                 &TeamEntryJson);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/me/applications",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.Mine(actor), &MineJson);
                           }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/me/team",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.MyTeam(actor), &TeamJson);
                           }),
             no_body);
}

}  // namespace pairwise::api
