#include "common/status.h"

#include <gtest/gtest.h>

namespace pairwise {
namespace {

TEST(StatusTest, DefaultIsOkAndCarriesNothing) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kOk);
  EXPECT_EQ(s.client_message(), "");
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, InternalKeepsDetailOutOfClientMessage) {
  Status s = Status::Internal("sqlite: disk I/O error at /var/db");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.client_message(), "internal error");
  EXPECT_EQ(s.log_message(), "sqlite: disk I/O error at /var/db");
}

TEST(StatusTest, InvalidArgumentNamesField) {
  Status s = Status::InvalidArgument("email is not valid", "email");
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "email");
  EXPECT_EQ(s.ToString(), "invalid_argument: email is not valid [email]");
  Status copy = s;
  EXPECT_EQ(copy.field(), "email");
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad = Status::NotFound("no such person");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kNotFound);
}

Status FailsWhen(bool fail) {
  PAIRWISE_RETURN_IF_ERROR(fail ? Status::Conflict("taken") : Status::Ok());
  return Status::Ok();
}

TEST(StatusTest, ReturnIfErrorPropagates) {
  EXPECT_TRUE(FailsWhen(false).ok());
  EXPECT_EQ(FailsWhen(true).code(), ErrorCode::kConflict);
}

TEST(StatusTest, ReasonRefinesClientCode) {
  Status plain = Status::InvalidArgument("bad");
  EXPECT_EQ(plain.ClientCode(), "invalid_argument");
  Status refined = Status::InvalidArgument("body is not JSON").WithReason("malformed_json");
  EXPECT_EQ(refined.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(refined.ClientCode(), "malformed_json");
  EXPECT_EQ(Status::Ok().WithReason("x").ClientCode(), "ok");
}

TEST(ErrorCodeTest, NamesAreStableSnakeCase) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kPayloadTooLarge), "payload_too_large");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kMethodNotAllowed), "method_not_allowed");
}

}  // namespace
}  // namespace pairwise
