#include "api/handlers/feedback_handlers.h"

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using domain::RelationshipId;
using nlohmann::json;

json FeedbackJson(const domain::Feedback& f) {
  return {{"rating", f.rating},
          {"comment", f.comment},
          {"from", domain::SideName(f.from)},
          {"created_at", FormatIso8601(f.created_at)}};
}

json Optional(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json ViewJson(const domain::FeedbackView& v) {
  json out = {{"answers", v.answers}};
  if (v.member) {
    json rounds = json::array();
    for (const auto& r : v.rounds) {
      rounds.push_back({{"occasion", domain::FeedbackOccasionName(r.occasion)},
                        {"round", r.round},
                        {"mine", r.mine ? FeedbackJson(*r.mine) : json(nullptr)},
                        {"theirs", r.theirs ? FeedbackJson(*r.theirs) : json(nullptr)},
                        {"theirs_given", r.theirs_given}});
    }
    out["rounds"] = rounds;
  } else {
    out["from_mentor_average"] = Optional(v.from_mentor_average);
    out["from_mentee_average"] = Optional(v.from_mentee_average);
  }
  return out;
}

json SummaryJson(const domain::ProgramFeedbackSummary& s) {
  auto side = [](const domain::RatingAverage& a, bool shown) {
    return json{{"answers", a.answers}, {"average", shown ? json(a.average) : json(nullptr)}};
  };
  return {{"from_mentors", side(s.from_mentors, s.from_mentors_shown)},
          {"from_mentees", side(s.from_mentees, s.from_mentees_shown)},
          {"minimum_answers", domain::kMinAnswersForAverage}};
}

json IntroductionJson(const domain::IntroductionView& v) {
  return {{"id", v.introduction.id},
          {"person", {{"employee_id", v.introduction.introduced}, {"name", v.name}}},
          {"job_title", v.job_title},
          {"why", v.introduction.why},
          {"created_at", FormatIso8601(v.introduction.created_at)}};
}

json IntroductionsJson(const domain::IntroductionsView& v) {
  json out = {{"count", v.count}};
  if (v.member) {
    json items = json::array();
    for (const auto& i : v.items) items.push_back(IntroductionJson(i));
    out["items"] = items;
  }
  return out;
}

// ---- reading request bodies: the one place of this file ----

Status OnlyKeys(const json& body, const std::set<std::string>& allowed) {
  if (!body.is_object()) return WrongType("body", "a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (!allowed.contains(key)) return Status::InvalidArgument("unknown field " + key, key);
  }
  return Status::Ok();
}

struct GiveBody {
  domain::FeedbackOccasion occasion = domain::FeedbackOccasion::kPulse;
  int rating = 0;
  std::string comment;
};

Result<GiveBody> GiveFromBody(const json& body) {
  PAIRWISE_RETURN_IF_ERROR(OnlyKeys(body, {"occasion", "rating", "comment"}));
  GiveBody out;
  const json occasion = body.value("occasion", json());
  auto parsed = occasion.is_string() ? domain::ParseFeedbackOccasion(occasion.get<std::string>())
                                     : std::nullopt;
  if (!parsed) return WrongType("occasion", "pulse, midpoint or end");
  out.occasion = *parsed;
  if (!body.contains("rating") || !body["rating"].is_number_integer()) {
    return WrongType("rating", "a whole number from 1 to 5");
  }
  const auto rating = body["rating"].get<int64_t>();
  if (rating < domain::kMinRating || rating > domain::kMaxRating) {
    return Status::InvalidArgument("Choose a rating from 1 to 5.", "rating");
  }
  out.rating = static_cast<int>(rating);
  if (body.contains("comment") && !body["comment"].is_null()) {
    if (!body["comment"].is_string()) return WrongType("comment", "a string");
    out.comment = body["comment"].get<std::string>();
  }
  return out;
}

struct IntroduceBody {
  std::string employee_id;
  std::string why;
};

Result<IntroduceBody> IntroduceFromBody(const json& body) {
  PAIRWISE_RETURN_IF_ERROR(OnlyKeys(body, {"employee_id", "why"}));
  if (!body.contains("employee_id") || !body["employee_id"].is_string()) {
    return WrongType("employee_id", "an employee id");
  }
  if (!body.contains("why") || !body["why"].is_string()) return WrongType("why", "a string");
  return IntroduceBody{body["employee_id"].get<std::string>(), body["why"].get<std::string>()};
}

}  // namespace

void RegisterFeedbackRoutes(Router& router, AuthGate& auth, domain::FeedbackService& feedback) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 64 * 1024};
  const std::string base = "/api/v1/relationships/{relationship_id}";
  auto route = [&](HttpMethod method, const std::string& path, auto handler,
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
  route(
      HttpMethod::kGet, base + "/feedback",
      [&feedback](const HttpRequest&, const Actor& actor, RelationshipId id) {
        return Answer(feedback.List(actor, id), &ViewJson);
      },
      no_body);
  route(
      HttpMethod::kPost, base + "/feedback",
      [&feedback](const HttpRequest& request, const Actor& actor, RelationshipId id) {
        auto body = GiveFromBody(*request.json);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(feedback.Give(actor, id, body->occasion, body->rating, body->comment),
                      &ViewJson, 201);
      },
      json_body);
  route(
      HttpMethod::kGet, base + "/introductions",
      [&feedback](const HttpRequest&, const Actor& actor, RelationshipId id) {
        return Answer(feedback.ListIntroductions(actor, id), &IntroductionsJson);
      },
      no_body);
  route(
      HttpMethod::kPost, base + "/introductions",
      [&feedback](const HttpRequest& request, const Actor& actor, RelationshipId id) {
        auto body = IntroduceFromBody(*request.json);
        if (!body.ok()) return ErrorResponse(body.status());
        return Answer(feedback.Introduce(actor, id, body->employee_id, body->why),
                      &IntroductionJson, 201);
      },
      json_body);
  router.Add(
      HttpMethod::kGet, "/api/v1/programs/{program_id}/feedback-summary",
      Authenticated(auth,
                    [&feedback](const HttpRequest&, const PathParams& p, const Actor& actor) {
                      auto id = IdParam(p, "program_id", "program");
                      if (!id.ok()) return ErrorResponse(id.status());
                      return Answer(feedback.ProgramSummary(actor, domain::ProgramId(*id)),
                                    &SummaryJson);
                    }),
      no_body);
}

}  // namespace pairwise::api
