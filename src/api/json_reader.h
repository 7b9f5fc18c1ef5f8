// The one way handlers read what a client sent: JSON bodies, path ids and query integers.
//
// Every failure is InvalidArgument naming the field at fault ("decision", "weights.skills",
// "questions[2].options"), so bad input is always a 400 and never a 500 or a silently wrong
// value: a member of the wrong JSON type (null, true, 0, [], {} where something else is
// expected), a missing required member, an integer outside its range (4294967296, 2^63, or a
// fraction), a word not in its list, and a member the route does not know.
//
// Use in a handler:
//
//   JsonReader body(*request.json);              // not an object: error "body"
//   body.OnlyKnown({"application_ids", "decision", "message"});
//   auto ids = body.Ints<int64_t>("application_ids", 1, INT64_MAX);
//   std::string decision = body.OneOf("decision", {"approve", "decline"});
//   std::string message = body.OptionalString("message").value_or("");
//   if (!body.ok()) return ErrorResponse(body.status());
//
// A reader keeps the first error and then only returns defaults, so a handler reads every
// member and checks ok() once before it uses the values. Nested objects (Object(), Objects())
// share their parent's error and prefix field names with the parent's path ("group.min_size").
// Null is the same as absent for optional members and wrong for required ones.
//
// Ranges: give an integer the range the service does not check itself (an id is positive, a
// page size at most what the store serves); where the service checks a limit, read the whole
// range of the C++ type (Int(key) without bounds) and let the service name the rule, so each
// limit is written once.
//
// Thread safety: a reader is a plain value used by one thread; the json it reads must outlive it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_types.h"
#include "api/router.h"
#include "common/status.h"

namespace pairwise::api {

// InvalidArgument "<field> must be <expected>" naming `field`.
Status WrongType(const std::string& field, std::string_view expected);

// Single JSON values, for members whose shape depends on their name (answers, mappings).
Result<std::string> ReadString(const nlohmann::json& value, const std::string& field);
Result<bool> ReadBool(const nlohmann::json& value, const std::string& field);
// A whole number from `min` to `max`. JSON floats (1.5, 1e3) are not whole numbers here.
Result<int64_t> ReadInt(const nlohmann::json& value, const std::string& field, int64_t min,
                        int64_t max);

// "a, b or c".
std::string WordList(std::span<const std::string_view> words);
std::string WordList(std::initializer_list<std::string_view> words);

class JsonReader {
 public:
  // Reads the members of `object`; when it is not a JSON object the error names "body".
  explicit JsonReader(const nlohmann::json& object);
  // The reader keeps a reference: a temporary would dangle.
  explicit JsonReader(const nlohmann::json&& object) = delete;

  bool ok() const { return error_->ok(); }
  // The first error, or OK.
  Status status() const { return *error_; }
  // Records `status` unless an error is already recorded.
  void Fail(Status status);
  // The field name errors give for member `key`: "key", or "path.key" in a nested object.
  std::string Field(std::string_view key) const;
  // The member is present and not null.
  bool Has(std::string_view key) const;
  // The member, or nullptr when absent (for members whose shape the caller checks with the
  // Read* functions above).
  const nlohmann::json* Raw(std::string_view key) const;

  // Fails on the first member whose name is not in `known`.
  void OnlyKnown(std::initializer_list<std::string_view> known);

  std::string String(std::string_view key);
  std::optional<std::string> OptionalString(std::string_view key);
  bool Bool(std::string_view key);
  std::optional<bool> OptionalBool(std::string_view key);

  // A whole number from `min` to `max` (by default the range of T).
  template <typename T = int>
  T Int(std::string_view key, T min = std::numeric_limits<T>::min(),
        T max = std::numeric_limits<T>::max()) {
    return OptionalInt<T>(key, min, max, /*required=*/true).value_or(T{});
  }
  template <typename T = int>
  std::optional<T> OptionalInt(std::string_view key, T min = std::numeric_limits<T>::min(),
                               T max = std::numeric_limits<T>::max(), bool required = false) {
    auto v = IntMember(key, static_cast<int64_t>(min), static_cast<int64_t>(max), required);
    if (!v) return std::nullopt;
    return static_cast<T>(*v);
  }

  // One of `words` (a string); the error lists them.
  std::string OneOf(std::string_view key, std::initializer_list<std::string_view> words);
  std::optional<std::string> OptionalOneOf(std::string_view key,
                                           std::initializer_list<std::string_view> words);
  // A string that `parse` accepts (the domain's Parse<Enum> functions); `expected` says what
  // is accepted ("weekly, biweekly or monthly").
  template <typename E>
  E Enum(std::string_view key, std::optional<E> (*parse)(std::string_view),
         std::string_view expected) {
    if (!Has(key)) {
      Missing(key);
      return E{};
    }
    return OptionalEnum(key, parse, expected).value_or(E{});
  }
  template <typename E>
  std::optional<E> OptionalEnum(std::string_view key, std::optional<E> (*parse)(std::string_view),
                                std::string_view expected) {
    auto text = OptionalString(key);
    if (!text) return std::nullopt;
    auto value = parse(*text);
    if (!value) Fail(WrongType(Field(key), expected));
    return value;
  }

  // Arrays. An element of the wrong type names its index: "employee_ids[3]".
  std::vector<std::string> Strings(std::string_view key);
  std::optional<std::vector<std::string>> OptionalStrings(std::string_view key);
  template <typename T = int>
  std::vector<T> Ints(std::string_view key, T min = std::numeric_limits<T>::min(),
                      T max = std::numeric_limits<T>::max()) {
    std::vector<T> out;
    const nlohmann::json* array = ArrayMember(key, /*required=*/true);
    if (array == nullptr) return out;
    for (std::size_t i = 0; i < array->size() && ok(); ++i) {
      auto v = ReadInt((*array)[i], Element(key, i), min, max);
      if (!v.ok()) {
        Fail(v.status());
        break;
      }
      out.push_back(static_cast<T>(*v));
    }
    return out;
  }

  // A nested object, reading into this reader's error. A missing or mistyped member fails
  // here and gives a reader that reads nothing.
  JsonReader Object(std::string_view key);
  std::optional<JsonReader> OptionalObject(std::string_view key);
  // Calls `each(JsonReader&)` for every element of an array of objects ("questions[2]").
  // Returns false when the member is absent (and not required) or wrong.
  template <typename F>
  bool Objects(std::string_view key, bool required, F each) {
    const nlohmann::json* array = ArrayMember(key, required);
    if (array == nullptr) return false;
    for (std::size_t i = 0; i < array->size() && ok(); ++i) {
      JsonReader item((*array)[i], Element(key, i), error_);
      if (item.is_object_) each(item);
    }
    return ok();
  }
  // Calls `each(name, value, field)` for every member (objects used as maps: weights, answers).
  template <typename F>
  void Members(F each) {
    if (!is_object_) return;
    for (const auto& [name, value] : object_.items()) {
      if (!ok()) return;
      each(name, value, Field(name));
    }
  }

 private:
  JsonReader(const nlohmann::json& object, std::string path, std::shared_ptr<Status> error);
  std::optional<int64_t> IntMember(std::string_view key, int64_t min, int64_t max, bool required);
  const nlohmann::json* ArrayMember(std::string_view key, bool required);
  std::string Element(std::string_view key, std::size_t index) const;
  void Missing(std::string_view key);

  static const nlohmann::json& Empty();

  const nlohmann::json& object_;
  std::string path_;
  std::shared_ptr<Status> error_;
  bool is_object_ = false;
};

// The positive id in path parameter `name`; NotFound ("no <what> <text>") otherwise, as for
// an id that does not exist.
Result<int64_t> IdParam(const PathParams& params, std::string_view name, std::string_view what);

// Integer query parameter `name`: nullopt when absent or empty; InvalidArgument naming it when
// it is not a whole number from `min` to `max`.
Result<std::optional<int64_t>> QueryInt(const HttpRequest& request, std::string_view name,
                                        int64_t min, int64_t max);
// As above, `fallback` when absent or empty.
Result<int64_t> QueryInt(const HttpRequest& request, std::string_view name, int64_t min,
                         int64_t max, int64_t fallback);

}  // namespace pairwise::api
