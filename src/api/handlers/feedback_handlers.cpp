#include "api/handlers/feedback_handlers.h"

#include <nlohmann/json.hpp>
#include <string>

#include "api/handlers/handler_util.h"
#include "api/json_reader.h"

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

struct GiveBody {
  domain::FeedbackOccasion occasion = domain::FeedbackOccasion::kPulse;
  int rating = 0;
  std::string comment;
};

Result<GiveBody> GiveFromBody(const json& json_body) {
  JsonReader body(json_body);
  body.OnlyKnown({"occasion", "rating", "comment"});
  GiveBody out;
  out.occasion = body.Enum("occasion", &domain::ParseFeedbackOccasion, "pulse, midpoint or end");
  out.rating = body.Int("rating");
  out.comment = body.OptionalString("comment").value_or("");
  if (!body.ok()) return body.status();
  if (out.rating < domain::kMinRating || out.rating > domain::kMaxRating) {
    return Status::InvalidArgument("Choose a rating from 1 to 5.", "rating");
  }
  return out;
}

struct IntroduceBody {
  std::string employee_id;
  std::string why;
};

Result<IntroduceBody> IntroduceFromBody(const json& json_body) {
  JsonReader body(json_body);
  body.OnlyKnown({"employee_id", "why"});
  IntroduceBody out{body.String("employee_id"), body.String("why")};
  if (!body.ok()) return body.status();
  return out;
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
