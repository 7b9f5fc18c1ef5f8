#include "api/scim/scim_error.h"

#include <string>
#include <utility>

#include "api/scim/scim_user.h"

namespace pairwise::api::scim {

namespace {

std::string ScimType(const Status& status) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {"invalid_filter", "invalidFilter"}, {"invalid_syntax", "invalidSyntax"},
      {"invalid_path", "invalidPath"},     {"no_target", "noTarget"},
      {"invalid_value", "invalidValue"},   {"mutability", "mutability"},
      {"uniqueness", "uniqueness"},        {"too_many", "tooMany"},
      {"malformed_json", "invalidSyntax"}, {"invalid_target", "invalidSyntax"},
      {"bad_request", "invalidSyntax"},
  };
  for (const auto& [reason, type] : kTypes) {
    if (status.reason() == reason) return std::string(type);
  }
  if (status.code() == ErrorCode::kInvalidArgument) return "invalidValue";
  if (status.code() == ErrorCode::kConflict) return "uniqueness";
  return "";
}

}  // namespace

HttpResponse ScimJson(int status, const nlohmann::json& body) {
  HttpResponse response = HttpResponse::Json(status, body);
  response.SetHeader("Content-Type", std::string(kScimContentType));
  return response;
}

HttpResponse ScimErrorResponse(const Status& status) {
  const int http = HttpStatusFor(status);
  std::string detail = status.client_message();
  if (!status.field().empty()) {
    const std::string attribute = AttributeForField(status.field());
    if (detail.find(attribute) == std::string::npos) detail = attribute + ": " + detail;
  }
  nlohmann::json body = {
      {"schemas", {kErrorSchema}}, {"status", std::to_string(http)}, {"detail", detail}};
  if (const std::string type = ScimType(status); !type.empty()) body["scimType"] = type;
  return ScimJson(http, body);
}

}  // namespace pairwise::api::scim
