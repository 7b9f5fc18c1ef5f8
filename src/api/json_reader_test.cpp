#include "api/json_reader.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace pairwise::api {
namespace {

using nlohmann::json;

// The field of the reader's first error ("" when OK).
std::string FieldOf(const JsonReader& r) { return r.ok() ? "" : r.status().field(); }

TEST(JsonReaderTest, ReadsMembersOfEachType) {
  const json body = json::parse(
      R"({"s":"text","b":true,"i":42,"w":"approve","l":["a","b"],"n":[1,2],"o":{"x":1}})");
  JsonReader r(body);
  r.OnlyKnown({"s", "b", "i", "w", "l", "n", "o"});
  EXPECT_EQ(r.String("s"), "text");
  EXPECT_TRUE(r.Bool("b"));
  EXPECT_EQ(r.Int("i", 0, 100), 42);
  EXPECT_EQ(r.OneOf("w", {"approve", "decline"}), "approve");
  EXPECT_EQ(r.Strings("l"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.Ints<int64_t>("n", 1, INT64_MAX), (std::vector<int64_t>{1, 2}));
  JsonReader o = r.Object("o");
  EXPECT_EQ(o.Int("x"), 1);
  EXPECT_FALSE(r.OptionalString("absent").has_value());
  EXPECT_FALSE(r.OptionalInt("absent").has_value());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

TEST(JsonReaderTest, EveryWrongJsonTypeNamesTheField) {
  for (const char* wrong : {"null", "true", "0", "1.5", "\"x\"", "[]", "{}"}) {
    SCOPED_TRACE(wrong);
    const json value = json::parse(wrong);
    auto expect_field = [&](auto read, bool accepts) {
      const json r_json = json{{"m", value}};
      JsonReader r(r_json);
      read(r);
      EXPECT_EQ(FieldOf(r), accepts ? "" : "m");
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
      }
    };
    expect_field([](JsonReader& r) { (void)r.String("m"); }, value.is_string());
    expect_field([](JsonReader& r) { (void)r.Bool("m"); }, value.is_boolean());
    expect_field([](JsonReader& r) { (void)r.Int("m"); }, value.is_number_integer());
    expect_field([](JsonReader& r) { (void)r.OneOf("m", {"x", "y"}); }, value == "x");
    expect_field([](JsonReader& r) { (void)r.Strings("m"); }, value.is_array());
    expect_field([](JsonReader& r) { (void)r.Object("m"); }, value.is_object());
    // Optional members: null is absent, every other wrong type is an error.
    expect_field([](JsonReader& r) { (void)r.OptionalString("m"); },
                 value.is_string() || value.is_null());
  }
}

TEST(JsonReaderTest, IntegersOutsideTheirRangeAreRefused) {
  for (const char* big :
       {"4294967296", "9223372036854775808", "18446744073709551616", "-1", "1001", "1e3"}) {
    SCOPED_TRACE(big);
    const json r_json = json::parse(std::string(R"({"weights":{"skills":)") + big + "}}");
    JsonReader r(r_json);
    JsonReader weights = r.Object("weights");
    EXPECT_EQ(weights.Int("skills", 0, 1000), 0);
    EXPECT_EQ(FieldOf(r), "weights.skills");
  }
  // The default range is the C++ type's: 2^32 is no int, 2^63 no int64_t.
  const json r32_json = json::parse(R"({"n":4294967296})");
  JsonReader r32(r32_json);
  (void)r32.Int("n");
  EXPECT_EQ(FieldOf(r32), "n");
  const json r64_json = json::parse(R"({"n":9223372036854775808})");
  JsonReader r64(r64_json);
  (void)r64.Int<int64_t>("n");
  EXPECT_EQ(FieldOf(r64), "n");
  const json edge_json = json::parse(R"({"n":9223372036854775807,"m":-2147483648})");
  JsonReader edge(edge_json);
  EXPECT_EQ(edge.Int<int64_t>("n"), INT64_MAX);
  EXPECT_EQ(edge.Int("m"), INT32_MIN);
  EXPECT_TRUE(edge.ok());
}

TEST(JsonReaderTest, RequiredMembersAreRequired) {
  const json r_json = json::object();
  JsonReader r(r_json);
  (void)r.Strings("roles");
  EXPECT_EQ(FieldOf(r), "roles");
  EXPECT_EQ(r.status().client_message(), "roles is required");
  const json n_json = json{{"roles", nullptr}};
  JsonReader n(n_json);
  (void)n.Strings("roles");
  EXPECT_EQ(FieldOf(n), "roles");
}

TEST(JsonReaderTest, UnknownMembersAreNamedWithTheirPath) {
  const json r_json = json::parse(R"({"group":{"min_size":2,"maxsize":3}})");
  JsonReader r(r_json);
  JsonReader group = r.Object("group");
  group.OnlyKnown({"min_size", "max_size"});
  EXPECT_EQ(FieldOf(r), "group.maxsize");
  const json top_json = json::parse(R"({"role":["admin"]})");
  JsonReader top(top_json);
  top.OnlyKnown({"roles"});
  EXPECT_EQ(FieldOf(top), "role");
}

TEST(JsonReaderTest, KeepsTheFirstError) {
  const json r_json = json::parse(R"({"a":1,"b":"x"})");
  JsonReader r(r_json);
  (void)r.String("a");
  (void)r.Int("b");
  EXPECT_EQ(FieldOf(r), "a");
}

TEST(JsonReaderTest, ABodyThatIsNoObjectIsNamedBody) {
  for (const char* wrong : {"null", "[]", "1", "\"x\""}) {
    const json r_json = json::parse(wrong);
    JsonReader r(r_json);
    EXPECT_EQ(FieldOf(r), "body") << wrong;
  }
}

TEST(JsonReaderTest, ArraysOfObjectsNameTheElement) {
  const json r_json = json::parse(R"({"questions":[{"id":"a"},{"id":7}]})");
  JsonReader r(r_json);
  std::vector<std::string> ids;
  r.Objects("questions", true, [&](JsonReader& q) { ids.push_back(q.String("id")); });
  EXPECT_EQ(FieldOf(r), "questions[1].id");
  const json s_json = json::parse(R"({"l":["a",3]})");
  JsonReader s(s_json);
  (void)s.Strings("l");
  EXPECT_EQ(FieldOf(s), "l[1]");
  const json e_json = json::parse(R"({"questions":[1]})");
  JsonReader e(e_json);
  e.Objects("questions", true, [](JsonReader&) {});
  EXPECT_EQ(FieldOf(e), "questions[0]");
}

TEST(JsonReaderTest, EnumsFromTheDomainsParsers) {
  auto parse = [](std::string_view s) -> std::optional<int> {
    if (s == "one") return 1;
    return std::nullopt;
  };
  const json r_json = json::parse(R"({"a":"one","b":"two"})");
  JsonReader r(r_json);
  EXPECT_EQ(r.Enum<int>("a", +parse, "one"), 1);
  EXPECT_TRUE(r.ok());
  (void)r.Enum<int>("b", +parse, "one");
  EXPECT_EQ(FieldOf(r), "b");
  EXPECT_EQ(r.status().client_message(), "b must be one");
}

TEST(RequestReaderTest, QueryIntegersAreAbsentOrCheckedNeverNotFound) {
  HttpRequest request;
  request.query = {{"limit", "20"}, {"offset", ""}, {"big", "4294967296"}, {"x", "1a"}};
  auto limit = QueryInt(request, "limit", 1, 500);
  ASSERT_TRUE(limit.ok());
  EXPECT_EQ(**limit, 20);
  auto offset = QueryInt(request, "offset", 0, INT32_MAX);
  ASSERT_TRUE(offset.ok());
  EXPECT_FALSE(offset->has_value());
  auto absent = QueryInt(request, "min_score", INT64_MIN, INT64_MAX);
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
  EXPECT_EQ(*QueryInt(request, "offset", 0, 10, 7), 7);
  for (const char* name : {"big", "x"}) {
    auto bad = QueryInt(request, name, 0, INT32_MAX);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(bad.status().field(), name);
  }
}

TEST(RequestReaderTest, PathIdsAreFoundOrNotFound) {
  PathParams params;
  params.Add("program_id", "12");
  params.Add("other", "-1");
  EXPECT_EQ(*IdParam(params, "program_id", "program"), 12);
  auto bad = IdParam(params, "other", "program");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace pairwise::api
