#include "api/scim/scim_filter.h"

#include <nlohmann/json.hpp>

#include "common/text.h"

namespace pairwise::api::scim {

namespace {

constexpr std::string_view kSupported =
    "only filters of the form `userName eq \"...\"`, `externalId eq \"...\"`, "
    "`emails.value eq \"...\"` or `id eq \"...\"` are supported";
constexpr std::string_view kCoreUserPrefix = "urn:ietf:params:scim:schemas:core:2.0:user:";

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

Status Invalid(std::string_view problem) {
  return Status::InvalidArgument(std::string(problem) + "; " + std::string(kSupported), "filter")
      .WithReason("invalid_filter");
}

// The next run of non-space characters from `at`, advancing past it and the spaces after it.
std::string_view NextWord(std::string_view text, std::size_t& at) {
  const std::size_t start = at;
  while (at < text.size() && !IsSpace(text[at])) ++at;
  const std::string_view word = text.substr(start, at - start);
  while (at < text.size() && IsSpace(text[at])) ++at;
  return word;
}

}  // namespace

Result<Filter> ParseFilter(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && IsSpace(text[at])) ++at;
  if (at == text.size()) return Invalid("the filter is empty");
  std::string attribute = AsciiLower(NextWord(text, at));
  if (attribute.starts_with(kCoreUserPrefix)) attribute = attribute.substr(kCoreUserPrefix.size());
  Filter filter;
  if (attribute == "username") {
    filter.attribute = FilterAttribute::kUserName;
  } else if (attribute == "externalid") {
    filter.attribute = FilterAttribute::kExternalId;
  } else if (attribute == "emails.value" || attribute == "emails") {
    filter.attribute = FilterAttribute::kEmailValue;
  } else if (attribute == "id") {
    filter.attribute = FilterAttribute::kId;
  } else {
    return Invalid("cannot filter on \"" + attribute + "\"");
  }
  const std::string op = AsciiLower(NextWord(text, at));
  if (op != "eq") return Invalid("operator \"" + op + "\" is not supported");
  std::string_view rest = text.substr(at);
  while (!rest.empty() && IsSpace(rest.back())) rest.remove_suffix(1);
  nlohmann::json value = nlohmann::json::parse(rest, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_string()) {
    return Invalid("the compared value must be one double-quoted string");
  }
  filter.value = value.get<std::string>();
  return filter;
}

}  // namespace pairwise::api::scim
