#include "api/handlers/matching_handlers.h"

#include <nlohmann/json.hpp>
#include <string>

#include "api/handlers/handler_util.h"
#include "matching/result.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using nlohmann::json;

json OptionalTime(const std::optional<TimePoint>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}

json SettingsJson(const domain::MatchSettings& s) {
  json out = json::object();
  for (const domain::SettingField& f : domain::MatchSettingFields()) {
    json& v = out[std::string(f.name)];
    switch (f.kind) {
      case domain::SettingKind::kSwitch:
        v = s.*f.flag;
        break;
      case domain::SettingKind::kOptionalInt:
        v = (s.*f.optional_number) ? json(*(s.*f.optional_number)) : json(nullptr);
        break;
      case domain::SettingKind::kInt:
        v = s.*f.number;
        break;
      case domain::SettingKind::kWord:
        v = f.word(s);
        break;
      case domain::SettingKind::kQuestion:
        v = s.*f.question;
        break;
      case domain::SettingKind::kWeights:
        v = json::object();
        for (matching::Criterion c : matching::kAllCriteria) {
          v[std::string(matching::CriterionName(c))] = s.weights[static_cast<int>(c)];
        }
        break;
    }
  }
  return out;
}

// A change to settings: every member optional, each a field of domain::MatchSettingFields().
// Unknown members and wrong JSON types fail naming the field; ranges are the service's
// (CheckMatchSettings), so here a number only has to be an int.
domain::SettingsChange ReadSettingsChange(JsonReader& body) {
  domain::SettingsChange change;
  domain::MatchSettings& to = change.values;
  body.Members([&](const std::string& name, const json& value, const std::string& field) {
    const domain::SettingField* f = domain::FindSettingField(name);
    if (f == nullptr) return body.Fail(Status::InvalidArgument("unknown field " + field, field));
    auto read_int = [&](const json& v, const std::string& at) -> std::optional<int> {
      auto n = ReadInt(v, at, INT32_MIN, INT32_MAX);
      if (!n.ok()) {
        body.Fail(n.status());
        return std::nullopt;
      }
      return static_cast<int>(*n);
    };
    switch (f->kind) {
      case domain::SettingKind::kSwitch: {
        auto v = ReadBool(value, field);
        if (!v.ok()) return body.Fail(v.status());
        to.*f->flag = *v;
        break;
      }
      case domain::SettingKind::kOptionalInt:
        if (value.is_null()) {
          (to.*f->optional_number).reset();
        } else if (auto v = read_int(value, field)) {
          to.*f->optional_number = *v;
        }
        break;
      case domain::SettingKind::kInt:
        if (auto v = read_int(value, field)) to.*f->number = *v;
        break;
      case domain::SettingKind::kWord: {
        if (!value.is_string() || !f->set_word(to, value.get<std::string>())) {
          return body.Fail(WrongType(field, WordList(f->words)));
        }
        break;
      }
      case domain::SettingKind::kQuestion: {
        auto v = ReadString(value, field);
        if (!v.ok()) return body.Fail(v.status());
        to.*f->question = std::move(v).value();
        break;
      }
      case domain::SettingKind::kWeights: {
        if (!value.is_object())
          return body.Fail(WrongType(field, "an object of criterion weights"));
        for (const auto& [criterion_name, weight] : value.items()) {
          const std::string at = field + "." + criterion_name;
          auto criterion = matching::ParseCriterion(criterion_name);
          if (!criterion) {
            return body.Fail(Status::InvalidArgument("unknown criterion " + criterion_name, at));
          }
          auto v = read_int(weight, at);
          if (!v) return;
          to.weights[static_cast<int>(*criterion)] = *v;
          change.given.insert(std::string(f->name) + "." + criterion_name);
        }
        return;
      }
    }
    change.given.insert(name);
  });
  return change;
}

json QuestionsJson(const std::vector<domain::Question>& questions) {
  json out = json::array();
  for (const auto& q : questions) {
    out.push_back({{"id", q.id}, {"type", domain::QuestionTypeName(q.type)}, {"label", q.label}});
  }
  return out;
}

// The settings' fields as the UI builds its form from them: name, kind, and the range or the
// words the service accepts (domain::MatchSettingFields()).
json SettingFieldsJson() {
  json out = json::array();
  for (const domain::SettingField& f : domain::MatchSettingFields()) {
    json field = {{"name", f.name}};
    switch (f.kind) {
      case domain::SettingKind::kSwitch:
        field["kind"] = "switch";
        break;
      case domain::SettingKind::kOptionalInt:
        field["kind"] = "optional_number";
        break;
      case domain::SettingKind::kInt:
        field["kind"] = "number";
        break;
      case domain::SettingKind::kWord:
        field["kind"] = "word";
        field["words"] = json(std::vector<std::string>(f.words.begin(), f.words.end()));
        break;
      case domain::SettingKind::kQuestion:
        field["kind"] = "question";
        break;
      case domain::SettingKind::kWeights:
        field["kind"] = "weights";
        field["criteria"] = json::array();
        for (matching::Criterion c : matching::kAllCriteria) {
          field["criteria"].push_back(matching::CriterionName(c));
        }
        break;
    }
    if (f.kind == domain::SettingKind::kOptionalInt || f.kind == domain::SettingKind::kInt ||
        f.kind == domain::SettingKind::kWeights) {
      field["min"] = f.min;
      field["max"] = f.max;
    }
    out.push_back(std::move(field));
  }
  return out;
}

// Every hard rule's name (as pairs' broken_rules give it) with its words, so that the UI
// shows the server's words rather than keeping its own list.
json RulesJson() {
  json out = json::array();
  for (int r = 0; r < matching::kHardRuleCount; ++r) {
    const auto rule = static_cast<matching::HardRule>(r);
    out.push_back(
        {{"name", matching::HardRuleName(rule)}, {"words", matching::HardRuleWords(rule)}});
  }
  return out;
}

json SettingsViewJson(const domain::SettingsView& v) {
  return {{"settings", SettingsJson(v.settings)},
          {"fields", SettingFieldsJson()},
          {"rules", RulesJson()},
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
          {"edits", p.edits},
          {"what_if", p.what_if}};
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
  return {{"relationships", p.relationships},
          {"ended", p.ended},
          {"mails", p.mails},
          {"stale",
           {{"changed_settings", p.changed_settings},
            {"pins_missing", p.pins_missing},
            {"forbids_present", p.forbids_present},
            {"enrollment_open", p.enrollment_open}}},
          {"what_if", p.what_if}};
}

domain::PairChange ReadChange(JsonReader& body) {
  domain::PairChange change;
  change.mentee = body.String("mentee");
  change.mentor = body.OptionalString("mentor").value_or("");
  change.swap_with = body.OptionalString("swap_with").value_or("");
  if (body.ok() && !change.mentor.empty() && !change.swap_with.empty()) {
    body.Fail(Status::InvalidArgument("give either mentor or swap_with, not both", "swap_with"));
  }
  return change;
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
        JsonReader body(*request.json);
        const domain::SettingsChange change = ReadSettingsChange(body);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(matching.UpdateSettings(actor, id, change), &SettingsViewJson);
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
        JsonReader body(*request.json);
        body.OnlyKnown({"mentee", "mentor", "kind"});
        const std::string mentee = body.String("mentee");
        const std::string mentor = body.String("mentor");
        const auto kind = body.Enum("kind", &domain::ParseConstraintKind, "pin or forbid");
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(matching.PutConstraint(actor, id, mentee, mentor, kind), &ConstraintJson);
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
        // No body, or {"settings": a what-if: the given fields over the saved settings}.
        std::optional<domain::SettingsChange> change;
        if (request.json && !request.json->is_null()) {
          JsonReader body(*request.json);
          body.OnlyKnown({"settings"});
          if (auto settings = body.OptionalObject("settings")) {
            change = ReadSettingsChange(*settings);
          }
          if (!body.ok()) return ErrorResponse(body.status());
        }
        return Answer(matching.StartRun(actor, id, change), &ProposalJson, 202);
      },
      json_body);
  program_route(
      HttpMethod::kPost, program_base + "/rematch",
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  domain::ProgramId id) {
        JsonReader body(*request.json);
        body.OnlyKnown({"employee_ids"});
        const std::vector<std::string> ids = body.Strings("employee_ids");
        if (!body.ok()) return ErrorResponse(body.status());
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
          auto value = QueryInt(request, name, INT64_MIN, INT64_MAX);
          if (!value.ok()) return ErrorResponse(value.status());
          if (*value) *into = **value;
        }
        // The service checks the page's bounds.
        auto offset = QueryInt(request, "offset", INT32_MIN, INT32_MAX, 0);
        if (!offset.ok()) return ErrorResponse(offset.status());
        auto limit = QueryInt(request, "limit", INT32_MIN, INT32_MAX, 50);
        if (!limit.ok()) return ErrorResponse(limit.status());
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
        // The service checks the bounds.
        auto limit = QueryInt(request, "limit", INT32_MIN, INT32_MAX, 200);
        if (!limit.ok()) return ErrorResponse(limit.status());
        return Answer(matching.Compare(actor, ids.program, ids.proposal, domain::ProposalId(*other),
                                       static_cast<int>(*limit)),
                      &ComparisonJson);
      },
      no_body);
  proposal_route(
      HttpMethod::kPost, proposal_base + "/changes/preview",
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  const Ids& ids) {
        JsonReader body(*request.json);
        body.OnlyKnown({"mentee", "mentor", "swap_with"});
        const domain::PairChange change = ReadChange(body);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(matching.PreviewChange(actor, ids.program, ids.proposal, change),
                      &PreviewJson);
      },
      json_body);
  proposal_route(
      HttpMethod::kPost, proposal_base + "/changes",
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  const Ids& ids) {
        JsonReader body(*request.json);
        body.OnlyKnown({"mentee", "mentor", "swap_with", "accept_broken_rules"});
        const domain::PairChange change = ReadChange(body);
        const bool accept = body.OptionalBool("accept_broken_rules").value_or(false);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(matching.ApplyChange(actor, ids.program, ids.proposal, change, accept),
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
      [&matching](const HttpRequest& request, const PathParams&, const Actor& actor,
                  const Ids& ids) {
        // ?confirm_what_if=1: the coordinator means to publish a what-if run's proposal.
        auto confirmed = QueryInt(request, "confirm_what_if", 0, 1, 0);
        if (!confirmed.ok()) return ErrorResponse(confirmed.status());
        return Answer(matching.Publish(actor, ids.program, ids.proposal, *confirmed == 1),
                      &PublishJson);
      },
      no_body);
}

}  // namespace pairwise::api
