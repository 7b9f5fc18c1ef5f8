#include "api/json_reader.h"

#include <algorithm>
#include <charconv>

namespace pairwise::api {

using nlohmann::json;

Status WrongType(const std::string& field, std::string_view expected) {
  return Status::InvalidArgument(field + " must be " + std::string(expected), field);
}

std::string WordList(std::span<const std::string_view> words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

std::string WordList(std::initializer_list<std::string_view> words) {
  return WordList(std::span<const std::string_view>(words.begin(), words.size()));
}

namespace {

std::string RangeWords(int64_t min, int64_t max) {
  // The full range of a type is no rule a client should read about.
  if (min == std::numeric_limits<int64_t>::min() && max == std::numeric_limits<int64_t>::max()) {
    return "a whole number";
  }
  if (max == std::numeric_limits<int64_t>::max() || max == std::numeric_limits<int32_t>::max()) {
    if (min == 1) return "a positive whole number";
    if (min == 0) return "a whole number, 0 or more";
  }
  return "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
}

}  // namespace

Result<std::string> ReadString(const json& value, const std::string& field) {
  if (!value.is_string()) return WrongType(field, "a string");
  return value.get<std::string>();
}

Result<bool> ReadBool(const json& value, const std::string& field) {
  if (!value.is_boolean()) return WrongType(field, "true or false");
  return value.get<bool>();
}

Result<int64_t> ReadInt(const json& value, const std::string& field, int64_t min, int64_t max) {
  // nlohmann keeps integers above INT64_MAX as unsigned and larger ones as floats; neither
  // may be narrowed (that is how 2^32 used to become 0).
  if (value.is_number_unsigned()) {
    const uint64_t u = value.get<uint64_t>();
    if (max >= 0 && u <= static_cast<uint64_t>(max) && static_cast<int64_t>(u) >= min) {
      return static_cast<int64_t>(u);
    }
    return WrongType(field, RangeWords(min, max));
  }
  if (value.is_number_integer()) {
    const int64_t v = value.get<int64_t>();
    if (v < min || v > max) return WrongType(field, RangeWords(min, max));
    return v;
  }
  return WrongType(field, RangeWords(min, max));
}

const json& JsonReader::Empty() {
  static const json empty = json::object();
  return empty;
}

JsonReader::JsonReader(const json& object)
    : JsonReader(object, std::string(), std::make_shared<Status>()) {}

JsonReader::JsonReader(const json& object, std::string path, std::shared_ptr<Status> error)
    : object_(object.is_object() ? object : Empty()),
      path_(std::move(path)),
      error_(std::move(error)),
      is_object_(object.is_object()) {
  if (!is_object_) Fail(WrongType(path_.empty() ? "body" : path_, "a JSON object"));
}

void JsonReader::Fail(Status status) {
  if (error_->ok() && !status.ok()) *error_ = std::move(status);
}

std::string JsonReader::Field(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::string JsonReader::Element(std::string_view key, std::size_t index) const {
  return Field(key) + "[" + std::to_string(index) + "]";
}

const json* JsonReader::Raw(std::string_view key) const {
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

bool JsonReader::Has(std::string_view key) const {
  const json* v = Raw(key);
  return v != nullptr && !v->is_null();
}

void JsonReader::Missing(std::string_view key) {
  const json* v = Raw(key);
  // A null required member is a wrong type rather than a missing one, but either way the
  // client learns the field; the message says which.
  if (v != nullptr) {
    Fail(Status::InvalidArgument(Field(key) + " may not be null", Field(key)));
  } else {
    Fail(Status::InvalidArgument(Field(key) + " is required", Field(key)));
  }
}

void JsonReader::OnlyKnown(std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : object_.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      Fail(Status::InvalidArgument("unknown field " + Field(key), Field(key)));
      return;
    }
  }
}

std::optional<std::string> JsonReader::OptionalString(std::string_view key) {
  if (!ok() || !Has(key)) return std::nullopt;
  auto v = ReadString(*Raw(key), Field(key));
  if (!v.ok()) {
    Fail(v.status());
    return std::nullopt;
  }
  return std::move(v).value();
}

std::string JsonReader::String(std::string_view key) {
  if (!Has(key)) {
    Missing(key);
    return {};
  }
  return OptionalString(key).value_or("");
}

std::optional<bool> JsonReader::OptionalBool(std::string_view key) {
  if (!ok() || !Has(key)) return std::nullopt;
  auto v = ReadBool(*Raw(key), Field(key));
  if (!v.ok()) {
    Fail(v.status());
    return std::nullopt;
  }
  return *v;
}

bool JsonReader::Bool(std::string_view key) {
  if (!Has(key)) {
    Missing(key);
    return false;
  }
  return OptionalBool(key).value_or(false);
}

std::optional<int64_t> JsonReader::IntMember(std::string_view key, int64_t min, int64_t max,
                                             bool required) {
  if (!Has(key)) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (!ok()) return std::nullopt;
  auto v = ReadInt(*Raw(key), Field(key), min, max);
  if (!v.ok()) {
    Fail(v.status());
    return std::nullopt;
  }
  return *v;
}

std::optional<std::string> JsonReader::OptionalOneOf(
    std::string_view key, std::initializer_list<std::string_view> words) {
  if (!ok() || !Has(key)) return std::nullopt;
  const json& v = *Raw(key);
  if (v.is_string()) {
    const std::string text = v.get<std::string>();
    if (std::find(words.begin(), words.end(), text) != words.end()) return text;
  }
  Fail(WrongType(Field(key), WordList(words)));
  return std::nullopt;
}

std::string JsonReader::OneOf(std::string_view key, std::initializer_list<std::string_view> words) {
  if (!Has(key)) {
    Missing(key);
    return {};
  }
  return OptionalOneOf(key, words).value_or("");
}

const json* JsonReader::ArrayMember(std::string_view key, bool required) {
  if (!Has(key)) {
    if (required) Missing(key);
    return nullptr;
  }
  if (!ok()) return nullptr;
  const json* v = Raw(key);
  if (!v->is_array()) {
    Fail(WrongType(Field(key), "an array"));
    return nullptr;
  }
  return v;
}

std::optional<std::vector<std::string>> JsonReader::OptionalStrings(std::string_view key) {
  const json* array = ArrayMember(key, /*required=*/false);
  if (array == nullptr) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto v = ReadString((*array)[i], Element(key, i));
    if (!v.ok()) {
      Fail(v.status());
      return std::nullopt;
    }
    out.push_back(std::move(v).value());
  }
  return out;
}

std::vector<std::string> JsonReader::Strings(std::string_view key) {
  if (!Has(key)) {
    Missing(key);
    return {};
  }
  return OptionalStrings(key).value_or(std::vector<std::string>{});
}

std::optional<JsonReader> JsonReader::OptionalObject(std::string_view key) {
  if (!ok() || !Has(key)) return std::nullopt;
  JsonReader nested(*Raw(key), Field(key), error_);
  if (!nested.is_object_) return std::nullopt;
  return nested;
}

JsonReader JsonReader::Object(std::string_view key) {
  if (!Has(key)) {
    Missing(key);
    return JsonReader(Empty(), Field(key), error_);
  }
  if (auto nested = OptionalObject(key)) return *nested;
  return JsonReader(Empty(), Field(key), error_);
}

Result<int64_t> IdParam(const PathParams& params, std::string_view name, std::string_view what) {
  const std::string_view text = params.Get(name);
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Status::NotFound("no " + std::string(what) + " " + std::string(text));
  }
  return id;
}

Result<std::optional<int64_t>> QueryInt(const HttpRequest& request, std::string_view name,
                                        int64_t min, int64_t max) {
  auto text = request.Query(name);
  if (!text || text->empty()) return std::optional<int64_t>();
  int64_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return WrongType(std::string(name), RangeWords(min, max));
  }
  return std::optional<int64_t>(value);
}

Result<int64_t> QueryInt(const HttpRequest& request, std::string_view name, int64_t min,
                         int64_t max, int64_t fallback) {
  auto value = QueryInt(request, name, min, max);
  if (!value.ok()) return value.status();
  return value->value_or(fallback);
}

}  // namespace pairwise::api
