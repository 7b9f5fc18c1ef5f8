#include "api/handlers/relationship_handlers.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/handlers/handler_util.h"
#include "api/json_reader.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using domain::RelationshipId;
using nlohmann::json;

json OptionalTime(const std::optional<TimePoint>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}

json ViewJson(const domain::RelationshipView& v) {
  const auto& r = v.relationship;
  return {{"id", r.id.value},
          {"program",
           {{"id", r.program.value},
            {"name", v.program_name},
            {"type", domain::ProgramTypeName(v.program_type)}}},
          {"mentor", {{"employee_id", r.mentor}, {"name", v.mentor_name}}},
          {"mentee", {{"employee_id", r.mentee}, {"name", v.mentee_name}}},
          {"role", v.role},
          {"status", domain::RelationshipStatusName(r.status)},
          {"source", domain::RelationshipSourceName(r.source)},
          {"score", r.score},
          {"explanation", r.explanation},
          {"started_at", FormatIso8601(r.started_at)},
          {"activated_at", OptionalTime(r.activated_at)},
          {"ended_at", OptionalTime(r.ended_at)},
          {"end_reason", r.end_reason},
          {"mentor_completed", r.mentor_completed_at.has_value()},
          {"mentee_completed", r.mentee_completed_at.has_value()}};
}

json ViewsJson(const std::vector<domain::RelationshipView>& list) {
  json items = json::array();
  for (const auto& v : list) items.push_back(ViewJson(v));
  return {{"items", items}};
}

json PageJson(const domain::ProgramRelationshipPage& page) {
  json items = json::array();
  for (const auto& v : page.items) {
    json item = ViewJson(v);
    if (v.counts) {
      item["meetings_held"] = v.counts->meetings_held;
      item["last_meeting_at"] = OptionalTime(v.counts->last_meeting_at);
      item["goals"] = v.counts->goals;
      item["goals_completed"] = v.counts->goals_completed;
      item["goal_progress"] = v.counts->goal_progress;
    }
    items.push_back(std::move(item));
  }
  return {{"items", items}, {"total", page.total}};
}

json TermsJson(const domain::AgreementTerms& t) {
  return {{"confidentiality", t.confidentiality},
          {"cadence_days", t.cadence_days},
          {"length_months", t.length_months},
          {"mode", domain::AgreementModeName(t.mode)},
          {"how_to_end", t.how_to_end}};
}

json TemplateJson(const domain::AgreementTemplate& t) {
  json out = TermsJson(t.terms);
  out["updated_by"] = t.updated_by;
  out["updated_at"] = OptionalTime(t.updated_at);
  return out;
}

json DetailJson(const domain::RelationshipDetail& d) {
  json out = ViewJson(d.view);
  out["program"]["type"] = domain::ProgramTypeName(d.program_type);
  out["hours_per_month"] = d.hours_per_month;
  out["face_to_face_suggested"] = d.face_to_face_suggested;
  if (d.agreement) {
    const auto& a = *d.agreement;
    json agreement = TermsJson(a.terms);
    agreement["version"] = a.version;
    agreement["mentor_accepted"] = a.mentor_accepted;
    agreement["mentee_accepted"] = a.mentee_accepted;
    agreement["adjusted_by"] = a.adjusted_by;
    agreement["end_date"] = a.end_date ? json(domain::FormatDate(*a.end_date)) : json(nullptr);
    out["agreement"] = agreement;
  } else {
    out["agreement"] = nullptr;
  }
  out["end_reason"] = d.end_reason ? json(*d.end_reason) : json(nullptr);
  out["ended_by_name"] = d.ended_by_name;
  if (d.end_comment) out["end_comment"] = *d.end_comment;
  const auto& rel = d.relations;
  out["relations"] = {{"mentor", rel.mentor},
                      {"mentee", rel.mentee},
                      {"coordinator", rel.coordinator || rel.admin},
                      {"shadow_mentor", rel.shadow_mentor},
                      {"manager", rel.Manager()}};
  return out;
}

// ---- reading request bodies: the one place of this file ----

constexpr std::string_view kModes = "virtual, in_person or mixed";

Result<domain::AgreementTerms> TermsFromBody(const json& json_body) {
  JsonReader body(json_body);
  body.OnlyKnown({"confidentiality", "cadence_days", "length_months", "mode", "how_to_end"});
  domain::AgreementTerms t;
  t.confidentiality = body.String("confidentiality");
  t.cadence_days = body.Int("cadence_days");
  t.length_months = body.Int("length_months");
  t.mode = body.Enum("mode", &domain::ParseAgreementMode, kModes);
  t.how_to_end = body.String("how_to_end");
  if (!body.ok()) return body.status();
  return t;
}

struct AcceptBody {
  int version = 0;
  std::optional<int> cadence_days;
  std::optional<domain::AgreementMode> mode;
};

Result<AcceptBody> AcceptFromBody(const json& json_body) {
  JsonReader body(json_body);
  body.OnlyKnown({"version", "cadence_days", "mode"});
  AcceptBody out;
  out.version = body.Int("version");
  out.cadence_days = body.OptionalInt("cadence_days");
  out.mode = body.OptionalEnum("mode", &domain::ParseAgreementMode, kModes);
  if (!body.ok()) return body.status();
  return out;
}

struct EndBody {
  domain::EndReason reason = domain::EndReason::kOther;
  std::string comment;
};

Result<EndBody> EndFromBody(const json& json_body) {
  JsonReader body(json_body);
  body.OnlyKnown({"reason", "comment"});
  constexpr std::string_view kReasons = "no_time, mismatch, goals_met, left_organization or other";
  EndBody out;
  out.reason = body.Enum("reason", &domain::ParseEndReason, kReasons);
  // A rematch ends a relationship only through the rematch route.
  if (body.ok() && out.reason == domain::EndReason::kRematch) {
    body.Fail(WrongType("reason", kReasons));
  }
  out.comment = body.OptionalString("comment").value_or("");
  if (!body.ok()) return body.status();
  return out;
}

}  // namespace

Result<domain::RelationshipPageQuery> ParseRelationshipPageQuery(const HttpRequest& request) {
  domain::RelationshipPageQuery query;
  if (auto status = request.Query("status"); status && !status->empty()) {
    query.status = domain::ParseRelationshipStatus(*status);
    if (!query.status) {
      return WrongType("status", "one of pending_agreement, active, completed, ended_early");
    }
  }
  if (auto person = request.Query("person")) query.person = std::string(*person);
  // The service checks the page's range; here only that each is a whole number.
  auto offset = QueryInt(request, "offset", INT64_MIN, INT64_MAX, query.offset);
  if (!offset.ok()) return offset.status();
  query.offset = *offset;
  auto limit = QueryInt(request, "limit", INT32_MIN, INT32_MAX, query.limit);
  if (!limit.ok()) return limit.status();
  query.limit = static_cast<int>(*limit);
  return query;
}

void RegisterRelationshipRoutes(Router& router, AuthGate& auth,
                                domain::RelationshipService& relationships) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 64 * 1024};
  const std::string program_base = "/api/v1/programs/{program_id}";
  const std::string base = "/api/v1/relationships/{relationship_id}";

  auto program_route = [&](HttpMethod method, const std::string& path, auto handler,
                           const RouteOptions& options) {
    router.Add(method, path,
               Authenticated(
                   auth,
                   [handler](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                     auto id = IdParam(p, "program_id", "program");
                     if (!id.ok()) return ErrorResponse(id.status());
                     return handler(request, actor, domain::ProgramId(*id));
                   }),
               options);
  };
  auto relationship_route = [&](HttpMethod method, const std::string& path, auto handler,
                                const RouteOptions& options) {
    router.Add(method, path,
               Authenticated(
                   auth,
                   [handler](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                     auto id = IdParam(p, "relationship_id", "relationship");
                     if (!id.ok()) return ErrorResponse(id.status());
                     return handler(request, actor, RelationshipId(*id));
                   }),
               options);
  };

  router.Add(
      HttpMethod::kGet, "/api/v1/me/relationships",
      Authenticated(auth,
                    [&relationships](const HttpRequest&, const PathParams&, const Actor& actor) {
                      return Answer(relationships.ListMine(actor), &ViewsJson);
                    }),
      no_body);
  program_route(
      HttpMethod::kGet, program_base + "/relationships",
      [&relationships](const HttpRequest& request, const Actor& actor, domain::ProgramId id) {
        auto query = ParseRelationshipPageQuery(request);
        if (!query.ok()) return ErrorResponse(query.status());
        return Answer(relationships.ListForProgram(actor, id, *query), &PageJson);
      },
      no_body);
  program_route(
      HttpMethod::kGet, program_base + "/agreement-template",
      [&relationships](const HttpRequest&, const Actor& actor, domain::ProgramId id) {
        return Answer(relationships.GetTemplate(actor, id), &TemplateJson);
      },
      no_body);
  program_route(
      HttpMethod::kPut, program_base + "/agreement-template",
      [&relationships](const HttpRequest& request, const Actor& actor, domain::ProgramId id) {
        auto terms = TermsFromBody(*request.json);
        if (!terms.ok()) return ErrorResponse(terms.status());
        return Answer(relationships.SaveTemplate(actor, id, *terms), &TemplateJson);
      },
      json_body);

  relationship_route(
      HttpMethod::kGet, base,
      [&relationships](const HttpRequest&, const Actor& actor, RelationshipId id) {
        return Answer(relationships.Get(actor, id), &DetailJson);
      },
      no_body);
  relationship_route(
      HttpMethod::kPost, base + "/agreement/accept",
      [&relationships](const HttpRequest& request, const Actor& actor, RelationshipId id) {
        auto body = AcceptFromBody(*request.json);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(
            relationships.AcceptAgreement(actor, id, body->version, body->cadence_days, body->mode),
            &DetailJson);
      },
      json_body);
  relationship_route(
      HttpMethod::kPost, base + "/end",
      [&relationships](const HttpRequest& request, const Actor& actor, RelationshipId id) {
        auto body = EndFromBody(*request.json);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(relationships.End(actor, id, body->reason, body->comment), &DetailJson);
      },
      json_body);
  relationship_route(
      HttpMethod::kPost, base + "/complete",
      [&relationships](const HttpRequest&, const Actor& actor, RelationshipId id) {
        return Answer(relationships.MarkComplete(actor, id), &DetailJson);
      },
      no_body);
  relationship_route(
      HttpMethod::kPost, base + "/rematch",
      [&relationships](const HttpRequest&, const Actor& actor, RelationshipId id) {
        return Answer(relationships.RematchMentee(actor, id), &QueuedRematchJson, 202);
      },
      no_body);
}

json QueuedRematchJson(const domain::Proposal& p) {
  return {{"proposal_id", p.id.value},
          {"program_id", p.program.value},
          {"status", domain::ProposalStatusName(p.status)}};
}

}  // namespace pairwise::api
