#include "api/scim/scim_filter.h"

#include <gtest/gtest.h>

namespace pairwise::api::scim {
namespace {

TEST(ScimFilterTest, ParsesTheFiltersProvidersSend) {
  struct Case {
    const char* text;
    FilterAttribute attribute;
    const char* value;
  };
  for (const Case& c : {
           Case{"userName eq \"ada@example.com\"", FilterAttribute::kUserName, "ada@example.com"},
           Case{"username EQ \"Ada@Example.com\"", FilterAttribute::kUserName, "Ada@Example.com"},
           Case{"  userName   eq   \"a b\"  ", FilterAttribute::kUserName, "a b"},
           Case{"externalId eq \"00u1abc\"", FilterAttribute::kExternalId, "00u1abc"},
           Case{"emails.value eq \"x@example.com\"", FilterAttribute::kEmailValue, "x@example.com"},
           Case{"id eq \"E7\"", FilterAttribute::kId, "E7"},
           Case{"urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"u@example.com\"",
                FilterAttribute::kUserName, "u@example.com"},
           Case{R"(userName eq "quote\"and\\back")", FilterAttribute::kUserName,
                "quote\"and\\back"},
           Case{R"(userName eq "caf\u00e9")", FilterAttribute::kUserName, "caf\xc3\xa9"},
       }) {
    Result<Filter> filter = ParseFilter(c.text);
    ASSERT_TRUE(filter.ok()) << c.text << ": " << filter.status().ToString();
    EXPECT_EQ(filter->attribute, c.attribute) << c.text;
    EXPECT_EQ(filter->value, c.value) << c.text;
  }
}

TEST(ScimFilterTest, RefusesEverythingElseAsInvalidFilter) {
  for (const char* text : {
           "",
           "   ",
           "userName",
           "userName eq",
           "userName ne \"a\"",
           "userName co \"a\"",
           "userName sw \"a\"",
           "userName pr",
           "displayName eq \"Ada\"",
           "userName eq \"a\" and externalId eq \"b\"",
           "userName eq \"a\" or userName eq \"b\"",
           "(userName eq \"a\")",
           "not (userName eq \"a\")",
           "userName eq a",
           "userName eq 'a'",
           "userName eq 42",
           "userName eq true",
           "userName eq \"unterminated",
           "emails[type eq \"work\"].value eq \"a\"",
       }) {
    Result<Filter> filter = ParseFilter(text);
    ASSERT_FALSE(filter.ok()) << "accepted: " << text;
    EXPECT_EQ(filter.status().code(), ErrorCode::kInvalidArgument) << text;
    EXPECT_EQ(filter.status().reason(), "invalid_filter") << text;
    EXPECT_EQ(filter.status().field(), "filter") << text;
  }
}

}  // namespace
}  // namespace pairwise::api::scim
