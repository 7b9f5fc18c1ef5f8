#include "api/http_types.h"

#include <gtest/gtest.h>

namespace pairwise::api {
namespace {

TEST(ErrorTableTest, EachCodeHasItsStatus) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kForbidden), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kMethodNotAllowed), 405);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPayloadTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnsupportedMediaType), 415);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kRateLimited), 429);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
}

TEST(ErrorResponseTest, ShapesBodyAndKeepsLogDetailOut) {
  Status s = Status::Error(ErrorCode::kInvalidArgument, "email is not valid", "email",
                           "row 7: 'x@' failed the address check");
  HttpResponse r = ErrorResponse(s);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Header("content-type"), "application/json");
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_EQ(body["error"]["message"], "email is not valid");
  EXPECT_EQ(body["error"]["field"], "email");
  EXPECT_EQ(r.body.find("row 7"), std::string::npos);
  HttpResponse no_field = ErrorResponse(Status::NotFound("gone"));
  EXPECT_FALSE(nlohmann::json::parse(no_field.body)["error"].contains("field"));
}

TEST(HttpResponseTest, SetHeaderReplacesCaseInsensitively) {
  HttpResponse r;
  r.SetHeader("Content-Type", "text/plain");
  r.SetHeader("content-type", "application/json");
  EXPECT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.Header("CONTENT-TYPE"), "application/json");
}

TEST(HttpMethodTest, RoundTrips) {
  EXPECT_EQ(ParseHttpMethod("PATCH"), HttpMethod::kPatch);
  EXPECT_EQ(ParseHttpMethod("BREW"), HttpMethod::kOther);
  EXPECT_EQ(HttpMethodName(HttpMethod::kDelete), "DELETE");
}

TEST(LoggedTargetTest, HidesTheCalendarFeedToken) {
  EXPECT_EQ(LoggedTarget("/api/v1/calendar/s3cr3t-T0ken_x.ics"), "/api/v1/calendar/[redacted]");
  EXPECT_EQ(LoggedTarget("/api/v1/calendar/s3cr3t.ics?x=1"), "/api/v1/calendar/[redacted]");
  EXPECT_EQ(LoggedTarget("/api/v1/people?q=ana"), "/api/v1/people?q=ana");
}

}  // namespace
}  // namespace pairwise::api
