#include "api/handlers/matching_handlers.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using nlohmann::json;

json OptionalTime(const std::optional<TimePoint>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}

json SettingsJson(const domain::MatchSettings& s) {
  json weights = json::object();
  for (matching::Criterion c : matching::kAllCriteria) {
    weights[std::string(matching::CriterionName(c))] = s.weights[static_cast<int>(c)];
  }
  return {{"min_level_gap", s.min_level_gap ? json(*s.min_level_gap) : json(nullptr)},
          {"reverse_mentoring", s.reverse_mentoring},
          {"other_department", s.other_department},
          {"shared_language", s.shared_language},
          {"min_timezone_overlap_hours",
           s.min_timezone_overlap_hours ? json(*s.min_timezone_overlap_hours) : json(nullptr)},
          {"credentialed_only", s.credentialed_only},
          {"not_previously_paired", s.not_previously_paired},
          {"weights", weights},
          {"target_level_gap", s.target_level_gap},
          {"department_affinity", domain::AffinityName(s.department_affinity)},
          {"site_affinity", domain::AffinityName(s.site_affinity)},
          {"objective", matching::ObjectiveName(s.objective)},
          {"mentee_skills_question", s.mentee_skills_question},
          {"mentor_skills_question", s.mentor_skills_question},
          {"ranked_mentors_question", s.ranked_mentors_question}};
}

// Reads settings from a JSON object: every field optional, starting from `base`; unknown
// fields and wrong types are InvalidArgument naming the field.
Result<domain::MatchSettings> SettingsFromJson(const json& body, domain::MatchSettings base) {
  if (!body.is_object()) return WrongType("settings", "a JSON object");
  domain::MatchSettings s = std::move(base);
  auto optional_int = [&](const std::string& key, std::optional<int>& into) -> Status {
    const json& v = body[key];
    if (v.is_null()) {
      into.reset();
    } else if (v.is_number_integer()) {
      into = v.get<int>();
    } else {
      return WrongType(key, "a whole number or null");
    }
    return Status::Ok();
  };
  auto boolean = [&](const std::string& key, bool& into) -> Status {
    if (!body[key].is_boolean()) return WrongType(key, "true or false");
    into = body[key].get<bool>();
    return Status::Ok();
  };
  auto text = [&](const std::string& key, std::string& into) -> Status {
    if (!body[key].is_string()) return WrongType(key, "a string");
    into = body[key].get<std::string>();
    return Status::Ok();
  };
  for (const auto& [key, value] : body.items()) {
    Status st;
    if (key == "min_level_gap") {
      st = optional_int(key, s.min_level_gap);
    } else if (key == "min_timezone_overlap_hours") {
      st = optional_int(key, s.min_timezone_overlap_hours);
    } else if (key == "reverse_mentoring") {
      st = boolean(key, s.reverse_mentoring);
    } else if (key == "other_department") {
      st = boolean(key, s.other_department);
    } else if (key == "shared_language") {
      st = boolean(key, s.shared_language);
    } else if (key == "credentialed_only") {
      st = boolean(key, s.credentialed_only);
    } else if (key == "not_previously_paired") {
      st = boolean(key, s.not_previously_paired);
    } else if (key == "target_level_gap") {
      if (!value.is_number_integer()) return WrongType(key, "a whole number");
      s.target_level_gap = value.get<int>();
    } else if (key == "weights") {
      if (!value.is_object()) return WrongType(key, "an object of criterion weights");
      for (const auto& [name, weight] : value.items()) {
        auto criterion = domain::ParseCriterion(name);
        if (!criterion) {
          return Status::InvalidArgument("unknown criterion " + name, "weights." + name);
        }
        if (!weight.is_number_integer()) return WrongType("weights." + name, "a whole number");
        s.weights[static_cast<int>(*criterion)] = weight.get<int>();
      }
    } else if (key == "department_affinity" || key == "site_affinity") {
      if (!value.is_string()) return WrongType(key, "\"same\" or \"different\"");
      auto affinity = domain::ParseAffinity(value.get<std::string>());
      if (!affinity) return WrongType(key, "\"same\" or \"different\"");
      (key == "site_affinity" ? s.site_affinity : s.department_affinity) = *affinity;
    } else if (key == "objective") {
      if (!value.is_string()) return WrongType(key, "total, coverage or fairness");
      auto objective = domain::ParseObjective(value.get<std::string>());
      if (!objective) return WrongType(key, "total, coverage or fairness");
      s.objective = *objective;
    } else if (key == "mentee_skills_question") {
      st = text(key, s.mentee_skills_question);
    } else if (key == "mentor_skills_question") {
      st = text(key, s.mentor_skills_question);
    } else if (key == "ranked_mentors_question") {
      st = text(key, s.ranked_mentors_question);
    } else {
      return Status::InvalidArgument("unknown field " + key, key);
    }
    PAIRWISE_RETURN_IF_ERROR(st);
  }
  return s;
}

json QuestionsJson(const std::vector<domain::Question>& questions) {
  json out = json::array();
  for (const auto& q : questions) {
    out.push_back({{"id", q.id}, {"type", domain::QuestionTypeName(q.type)}, {"label", q.label}});
  }
  return out;
}

json SettingsViewJson(const domain::SettingsView& v) {
  return {{"settings", SettingsJson(v.settings)},
          {"defaults", SettingsJson(v.defaults)},
          {"saved", v.saved},
          {"mentee_questions", QuestionsJson(v.mentee_questions)},
          {"mentor_questions", QuestionsJson(v.mentor_questions)},
          {"mentees", v.mentees},
          {"mentors", v.mentors},
          {"published", v.published}};
}

json ConstraintJson(const domain::ConstraintView& v) {
  const auto& c = v.constraint;
  return {{"mentee", {{"employee_id", c.mentee}, {"name", v.mentee_name}}},
          {"mentor", {{"employee_id", c.mentor}, {"name", v.mentor_name}}},
          {"kind", domain::ConstraintKindName(c.kind)},
          {"created_by", c.created_by},
          {"created_at", FormatIso8601(c.created_at)}};
}

json ConstraintsJson(const std::vector<domain::ConstraintView>& list) {
  json items = json::array();
  for (const auto& v : list) items.push_back(ConstraintJson(v));
  return {{"items", items}};
}

json SummaryJson(const domain::ProposalSummary& s) {
  return {{"mentees", s.mentees},
          {"mentors", s.mentors},
          {"matched", s.matched},
          {"matched_share", s.mentees ? static_cast<double>(s.matched) / s.mentees : 0.0},
          {"total_score", s.total_score},
          {"mean_score", s.mean_score},
          {"lowest_score", s.lowest_score},
          {"optimal", s.optimal},
          {"greedy_total_score", s.greedy_total ? json(*s.greedy_total) : json(nullptr)},
          {"greedy_matched", s.greedy_matched},
          {"ranked_honoured", s.ranked_honoured},
          {"first_choice", s.first_choice},
          {"mentees_with_ranking", s.mentees_with_ranking},
          {"mentor_load", s.mentor_load},
          {"score_histogram", s.score_histogram},
          {"score_bucket", s.score_bucket},
          {"warnings", s.warnings},
          {"engine_ms", s.engine_ms},
          {"total_ms", s.total_ms}};
}

json ProposalJson(const domain::Proposal& p) {
  const bool finished =
      p.status == domain::ProposalStatus::kDone || p.status == domain::ProposalStatus::kPublished;
  return {{"id", p.id.value},
          {"program_id", p.program.value},
          {"kind", domain::ProposalKindName(p.kind)},
          {"status", domain::ProposalStatusName(p.status)},
          {"settings", SettingsJson(p.settings)},
          {"freed", p.freed},
          {"created_by", p.created_by},
          {"created_at", FormatIso8601(p.created_at)},
          {"finished_at", OptionalTime(p.finished_at)},
          {"progress", p.progress},
          {"phase", p.phase},
          {"cancel_requested", p.cancel_requested},
          {"error", p.error},
          {"summary", finished ? SummaryJson(p.summary) : json(nullptr)},
          {"published_by", p.published_by},
          {"published_at", OptionalTime(p.published_at)},
          {"edits", p.edits}};
}

json ProposalsJson(const std::vector<domain::Proposal>& list) {
  json items = json::array();
  for (const auto& p : list) items.push_back(ProposalJson(p));
  return {{"items", items}};
}

json SnapshotJson(const std::string& id, const domain::PersonSnapshot& s) {
  return {{"employee_id", id},
          {"name", s.name},
          {"department", s.department},
          {"site", s.site},
          {"level", s.level}};
}

json PairJson(const domain::ProposalPair& p) {
  json points = json::object();
  for (matching::Criterion c : matching::kAllCriteria) {
    points[std::string(matching::CriterionName(c))] = p.points[static_cast<int>(c)];
  }
  return {{"mentee", SnapshotJson(p.mentee, p.mentee_info)},
          {"mentor", SnapshotJson(p.mentor, p.mentor_info)},
          {"score", p.score},
          {"points", points},
          {"explanation", p.explanation},
          {"pinned", p.pinned},
          {"manual", p.manual},
          {"broken_rules", p.broken_rules}};
}

json PairPageJson(const domain::PairPage& page) {
  json items = json::array();
  for (const auto& p : page.items) items.push_back(PairJson(p));
  return {{"items", items}, {"total", page.total}};
}

json UnmatchedJson(const std::vector<domain::ProposalUnmatched>& list) {
  json items = json::array();
  for (const auto& u : list) {
    items.push_back({{"mentee", SnapshotJson(u.mentee, u.mentee_info)},
                     {"reason", u.reason},
                     {"explanation", u.explanation}});
  }
  return {{"items", items}};
}

json FairnessJson(const domain::FairnessView& v) {
  json rows = json::array();
  for (const auto& r : v.rows) {
    rows.push_back({{"dimension", r.dimension},
                    {"group", r.group},
                    {"mentees", r.mentees},
                    {"matched", r.matched},
                    {"coverage", r.mentees ? static_cast<double>(r.matched) / r.mentees : 0.0},
                    {"mean_score", r.mean_score}});
  }
  return {{"rows", rows},
          {"hidden_groups", v.hidden_groups},
          {"min_group_size", domain::kMinFairnessGroup},
          {"overall",
           {{"mentees", v.overall_mentees},
            {"matched", v.overall_matched},
            {"mean_score", v.overall_mean_score}}}};
}

json ComparisonJson(const domain::Comparison& c) {
  json changes = json::array();
  for (const auto& d : c.changes) {
    auto side = [](const std::string& id, const std::string& name, int64_t score) {
      return id.empty() ? json(nullptr)
                        : json{{"employee_id", id}, {"name", name}, {"score", score}};
    };
    changes.push_back({{"mentee", {{"employee_id", d.mentee}, {"name", d.mentee_name}}},
                       {"a", side(d.mentor_a, d.mentor_a_name, d.score_a)},
                       {"b", side(d.mentor_b, d.mentor_b_name, d.score_b)}});
  }
  return {{"a", ProposalJson(c.a)},
          {"b", ProposalJson(c.b)},
          {"changed", c.changed},
          {"changes", changes}};
}

json PreviewJson(const domain::ChangePreview& p) {
  json effects = json::array();
  for (const auto& e : p.effects) {
    effects.push_back({{"mentee", {{"employee_id", e.mentee}, {"name", e.mentee_name}}},
                       {"from", e.from_mentor.empty() ? json(nullptr)
                                                      : json{{"employee_id", e.from_mentor},
                                                             {"name", e.from_mentor_name},
                                                             {"score", e.score_before}}},
                       {"to", e.after ? PairJson(*e.after) : json(nullptr)}});
  }
  return {{"effects", effects},
          {"broken_rules", p.broken_rules},
          {"total_before", p.total_before},
          {"total_after", p.total_after},
          {"refusal", p.refusal},
          {"allowed", p.refusal.empty()}};
}

json PublishJson(const domain::PublishPreview& p) {
  return {{"relationships", p.relationships}, {"ended", p.ended}, {"mails", p.mails}};
}

Status OnlyKeys(const json& body, const std::set<std::string>& allowed) {
  if (!body.is_object()) return WrongType("body", "a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (!allowed.contains(key)) return Status::InvalidArgument("unknown field " + key, key);
  }
  return Status::Ok();
}

Result<std::string> StringField(const json& body, const std::string& key, bool required) {
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return WrongType(key, "an employee id");
    return std::string();
  }
  if (!body[key].is_string()) return WrongType(key, "a string");
  return body[key].get<std::string>();
}

Result<domain::PairChange> ChangeFromJson(const json& body, bool* accept) {
  PAIRWISE_RETURN_IF_ERROR(
      OnlyKeys(body, {"mentee", "mentor", "swap_with", "accept_broken_rules"}));
  domain::PairChange change;
  auto mentee = StringField(body, "mentee", true);
  if (!mentee.ok()) return mentee.status();
  change.mentee = *mentee;
  auto mentor = StringField(body, "mentor", false);
  if (!mentor.ok()) return mentor.status();
  change.mentor = *mentor;
  auto swap = StringField(body, "swap_with", false);
  if (!swap.ok()) return swap.status();
  change.swap_with = *swap;
  if (!change.mentor.empty() && !change.swap_with.empty()) {
    return Status::InvalidArgument("give either mentor or swap_with, not both", "swap_with");
  }
  if (accept != nullptr) {
    *accept = false;
    if (body.contains("accept_broken_rules")) {
      if (!body["accept_broken_rules"].is_boolean()) {
        return WrongType("accept_broken_rules", "true or false");
      }
      *accept = body["accept_broken_rules"].get<bool>();
    }
  }
  return change;
}

Result<int64_t> IntQuery(const HttpRequest& request, std::string_view name,
                         std::optional<int64_t> fallback) {
  auto v = request.Query(name);
  if (!v || v->empty()) {
    if (fallback) return *fallback;
    return Status::NotFound("");  // absent: the caller leaves the field unset
  }
  int64_t out = 0;
  auto [end, error] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (error != std::errc() || end != v->data() + v->size()) {
    return WrongType(std::string(name), "a whole number");
  }
  return out;
}

// The program and proposal ids of a route.
struct Ids {
  domain::ProgramId program;
  domain::ProposalId proposal;
};

Result<Ids> ProposalIds(const PathParams& p) {
  auto program = IdParam(p, "program_id", "program");
  if (!program.ok()) return program.status();
  auto proposal = IdParam(p, "proposal_id", "proposal");
  if (!proposal.ok()) return proposal.status();
  return Ids{domain::ProgramId(*program), domain::ProposalId(*proposal)};
}

}  // namespace

void RegisterMatchingRoutes(Router& router, AuthGate& auth, domain::MatchingService& matching) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 64 * 1024};
  const std::string program_base = "/api/v1/programs/{program_id}";
  const std::string proposal_base = program_base + "/proposals/{proposal_id}";

  auto program_route = [&](HttpMethod method, const std::string& path, auto handler,
                           const RouteOptions& options) {
    router.Add(method, path,
               Authenticated(
                   auth,
                   [handler](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                     auto id = IdParam(p, "program_id", "program");
                     if (!id.ok()) return ErrorResponse(id.status());
                     return handler(request, p, actor, domain::ProgramId(*id));
                   }),
               options);
  };
  auto proposal_route = [&](HttpMethod method, const std::string& path, auto handler,
                            const RouteOptions& options) {
    router.Add(method, path,
               Authenticated(
                   auth,
                   [handler](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                     auto ids = ProposalIds(p);
                     if (!ids.ok()) return ErrorResponse(ids.status());
                     return handler(request, p, actor, *ids);
                   }),
               options);
  };

  program_route(
      HttpMethod::kGet, program_base + "/matching/settings",
      [&matching](const HttpRequest&, const PathParams&, const Actor& actor, domain::ProgramId id) {
        return Answer(matching.GetSettings(actor, id), &SettingsViewJson);
      },
      no_body);
  program_route(
      HttpMethod::kPut, program_base + "/matching/settings",
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  domain::ProgramId id) {
        // Fields left out keep their current value.
        auto current = matching.GetSettings(actor, id);
        if (!current.ok()) return ErrorResponse(current.status());
        auto settings = SettingsFromJson(*request.json, current->settings);
        if (!settings.ok()) return ErrorResponse(settings.status());
        return Answer(matching.SaveSettings(actor, id, *settings), &SettingsViewJson);
      },
      json_body);
  program_route(
      HttpMethod::kGet, program_base + "/matching/constraints",
      [&matching](const HttpRequest&, const PathParams&, const Actor& actor, domain::ProgramId id) {
        return Answer(matching.ListConstraints(actor, id), &ConstraintsJson);
      },
      no_body);
  program_route(
      HttpMethod::kPut, program_base + "/matching/constraints",
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  domain::ProgramId id) {
        const json& body = *request.json;
        if (Status st = OnlyKeys(body, {"mentee", "mentor", "kind"}); !st.ok()) {
          return ErrorResponse(st);
        }
        auto mentee = StringField(body, "mentee", true);
        if (!mentee.ok()) return ErrorResponse(mentee.status());
        auto mentor = StringField(body, "mentor", true);
        if (!mentor.ok()) return ErrorResponse(mentor.status());
        auto kind_text = StringField(body, "kind", true);
        if (!kind_text.ok()) return ErrorResponse(WrongType("kind", "pin or forbid"));
        auto kind = domain::ParseConstraintKind(*kind_text);
        if (!kind) return ErrorResponse(WrongType("kind", "pin or forbid"));
        return Answer(matching.PutConstraint(actor, id, *mentee, *mentor, *kind), &ConstraintJson);
      },
      json_body);
  program_route(
      HttpMethod::kDelete, program_base + "/matching/constraints/{mentee}/{mentor}",
      [&matching](const HttpRequest&, const PathParams& p, const Actor& actor,
                  domain::ProgramId id) {
        Status st = matching.DeleteConstraint(actor, id, std::string(p.Get("mentee")),
                                              std::string(p.Get("mentor")));
        if (!st.ok()) return ErrorResponse(st);
        return HttpResponse::NoContent();
      },
      no_body);
  program_route(
      HttpMethod::kGet, program_base + "/proposals",
      [&matching](const HttpRequest&, const PathParams&, const Actor& actor, domain::ProgramId id) {
        return Answer(matching.ListProposals(actor, id), &ProposalsJson);
      },
      no_body);
  program_route(
      HttpMethod::kPost, program_base + "/proposals",
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  domain::ProgramId id) {
        std::optional<domain::MatchSettings> settings;
        if (request.json && !request.json->is_null()) {
          const json& body = *request.json;
          if (Status st = OnlyKeys(body, {"settings"}); !st.ok()) return ErrorResponse(st);
          if (body.contains("settings") && !body["settings"].is_null()) {
            // A what-if: the given fields over the saved settings.
            auto current = matching.GetSettings(actor, id);
            if (!current.ok()) return ErrorResponse(current.status());
            auto parsed = SettingsFromJson(body["settings"], current->settings);
            if (!parsed.ok()) return ErrorResponse(parsed.status());
            settings = std::move(parsed).value();
          }
        }
        return Answer(matching.StartRun(actor, id, settings), &ProposalJson, 202);
      },
      json_body);
  program_route(
      HttpMethod::kPost, program_base + "/rematch",
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  domain::ProgramId id) {
        const json& body = *request.json;
        if (Status st = OnlyKeys(body, {"employee_ids"}); !st.ok()) return ErrorResponse(st);
        if (!body.contains("employee_ids") || !body["employee_ids"].is_array()) {
          return ErrorResponse(WrongType("employee_ids", "a list of employee ids"));
        }
        std::vector<std::string> ids;
        for (const json& v : body["employee_ids"]) {
          if (!v.is_string()) {
            return ErrorResponse(WrongType("employee_ids", "a list of employee ids"));
          }
          ids.push_back(v.get<std::string>());
        }
        return Answer(matching.StartRematch(actor, id, ids), &ProposalJson, 202);
      },
      json_body);

  proposal_route(
      HttpMethod::kGet, proposal_base,
      [&matching](const HttpRequest&, const PathParams&, const Actor& actor, const Ids& ids) {
        return Answer(matching.GetProposal(actor, ids.program, ids.proposal), &ProposalJson);
      },
      no_body);
  proposal_route(
      HttpMethod::kPost, proposal_base + "/cancel",
      [&matching](const HttpRequest&, const PathParams&, const Actor& actor, const Ids& ids) {
        return Answer(matching.CancelRun(actor, ids.program, ids.proposal), &ProposalJson);
      },
      no_body);
  proposal_route(
      HttpMethod::kGet, proposal_base + "/pairs",
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  const Ids& ids) {
        domain::PairQuery query;
        if (auto v = request.Query("q")) query.q = std::string(*v);
        if (auto v = request.Query("department")) query.department = std::string(*v);
        if (auto v = request.Query("rule")) query.rule = std::string(*v);
        if (auto v = request.Query("sort"); v && !v->empty()) query.sort = std::string(*v);
        if (auto v = request.Query("order"); v && !v->empty()) {
          if (*v != "asc" && *v != "desc") return ErrorResponse(WrongType("order", "asc or desc"));
          query.descending = *v == "desc";
        }
        query.manual_only = request.Query("manual").value_or("") == "true";
        query.broken_rules_only = request.Query("broken").value_or("") == "true";
        for (auto [name, into] :
             {std::pair{"min_score", &query.min_score}, {"max_score", &query.max_score}}) {
          auto value = IntQuery(request, name, std::nullopt);
          if (value.ok()) {
            *into = *value;
          } else if (value.status().code() != ErrorCode::kNotFound) {
            return ErrorResponse(value.status());
          }
        }
        auto offset = IntQuery(request, "offset", 0);
        if (!offset.ok()) return ErrorResponse(offset.status());
        auto limit = IntQuery(request, "limit", 50);
        if (!limit.ok()) return ErrorResponse(limit.status());
        if (*offset < 0 || *offset > INT32_MAX) {
          return ErrorResponse(Status::InvalidArgument("offset must be 0 or more", "offset"));
        }
        if (*limit < 1 || *limit > 500) {
          return ErrorResponse(Status::InvalidArgument("limit must be between 1 and 500", "limit"));
        }
        query.offset = static_cast<int>(*offset);
        query.limit = static_cast<int>(*limit);
        return Answer(matching.ListPairs(actor, ids.program, ids.proposal, query), &PairPageJson);
      },
      no_body);
  proposal_route(
      HttpMethod::kGet, proposal_base + "/unmatched",
      [&matching](const HttpRequest&, const PathParams&, const Actor& actor, const Ids& ids) {
        return Answer(matching.ListUnmatched(actor, ids.program, ids.proposal), &UnmatchedJson);
      },
      no_body);
  proposal_route(
      HttpMethod::kGet, proposal_base + "/fairness",
      [&matching](const HttpRequest&, const PathParams&, const Actor& actor, const Ids& ids) {
        return Answer(matching.GetFairness(actor, ids.program, ids.proposal), &FairnessJson);
      },
      no_body);
  proposal_route(
      HttpMethod::kGet, proposal_base + "/compare/{other_id}",
      [&matching](const HttpRequest& request, const PathParams& p, const Actor& actor,
                  const Ids& ids) {
        auto other = IdParam(p, "other_id", "proposal");
        if (!other.ok()) return ErrorResponse(other.status());
        auto limit = IntQuery(request, "limit", 200);
        if (!limit.ok()) return ErrorResponse(limit.status());
        if (*limit < 0 || *limit > 5000) {
          return ErrorResponse(
              Status::InvalidArgument("limit must be between 0 and 5000", "limit"));
        }
        return Answer(matching.Compare(actor, ids.program, ids.proposal, domain::ProposalId(*other),
                                       static_cast<int>(*limit)),
                      &ComparisonJson);
      },
      no_body);
  proposal_route(
      HttpMethod::kPost, proposal_base + "/changes/preview",
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  const Ids& ids) {
        auto change = ChangeFromJson(*request.json, nullptr);
        if (!change.ok()) return ErrorResponse(change.status());
        return Answer(matching.PreviewChange(actor, ids.program, ids.proposal, *change),
                      &PreviewJson);
      },
      json_body);
  proposal_route(
      HttpMethod::kPost, proposal_base + "/changes",
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  const Ids& ids) {
        bool accept = false;
        auto change = ChangeFromJson(*request.json, &accept);
        if (!change.ok()) return ErrorResponse(change.status());
        return Answer(matching.ApplyChange(actor, ids.program, ids.proposal, *change, accept),
                      &PreviewJson);
      },
      json_body);
  proposal_route(
      HttpMethod::kGet, proposal_base + "/publish",
      [&matching](const HttpRequest&, const PathParams&, const Actor& actor, const Ids& ids) {
        return Answer(matching.PreviewPublish(actor, ids.program, ids.proposal), &PublishJson);
      },
      no_body);
  proposal_route(
      HttpMethod::kPost, proposal_base + "/publish",
      [&matching](const HttpRequest&, const PathParams&, const Actor& actor, const Ids& ids) {
        return Answer(matching.Publish(actor, ids.program, ids.proposal), &PublishJson);
      },
      no_body);
}

}  // namespace pairwise::api
