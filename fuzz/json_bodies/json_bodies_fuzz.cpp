// The JSON body readers of the handlers (src/api/json_reader.h), through the routes that read
// them: the input's first byte picks a route that takes a body, its second byte the ids in its
// path (1 to 4: the demo organization has objects with small ids), and the rest is the body.
// Every answer must be < 500 (http_harness.h): a wrong type, a missing member, a huge number or
// broken JSON is a 4xx, never a 500.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http_harness.h"

namespace {

struct BodyRoute {
  std::string_view method;
  std::string_view path;  // "{id}" is replaced by the input's id
  pairwise::fuzz::Credentials credentials = pairwise::fuzz::Credentials::kAdminSession;
};

using pairwise::fuzz::Credentials;

// Every route of api/openapi.yaml whose handler reads a JSON body. Append only: the seed
// corpus names routes by their index.
constexpr std::array kRoutes = {
    BodyRoute{"POST", "/api/v1/auth/sign-in"},
    BodyRoute{"POST", "/api/v1/auth/password"},
    BodyRoute{"POST", "/api/v1/auth/password-reset"},
    BodyRoute{"POST", "/api/v1/auth/redeem"},
    BodyRoute{"POST", "/api/v1/accounts/invitations"},
    BodyRoute{"PUT", "/api/v1/accounts/{id}/roles"},
    BodyRoute{"POST", "/api/v1/api-tokens"},
    BodyRoute{"PUT", "/api/v1/me/profile"},
    BodyRoute{"PUT", "/api/v1/imports/people/mapping"},
    BodyRoute{"POST", "/api/v1/programs"},
    BodyRoute{"POST", "/api/v1/programs/eligibility-preview"},
    BodyRoute{"PUT", "/api/v1/programs/{id}"},
    BodyRoute{"PUT", "/api/v1/programs/{id}/capacity/me"},
    BodyRoute{"PUT", "/api/v1/programs/{id}/forms/mentee"},
    BodyRoute{"POST", "/api/v1/programs/{id}/applications"},
    BodyRoute{"POST", "/api/v1/programs/{id}/applications/review"},
    BodyRoute{"POST", "/api/v1/programs/{id}/nominations"},
    BodyRoute{"PUT", "/api/v1/applications/{id}"},
    BodyRoute{"POST", "/api/v1/applications/{id}/manager-approval"},
    BodyRoute{"POST", "/api/v1/programs/{id}/requests"},
    BodyRoute{"POST", "/api/v1/requests/{id}/accept"},
    BodyRoute{"POST", "/api/v1/requests/{id}/decline"},
    BodyRoute{"PUT", "/api/v1/programs/{id}/matching/settings"},
    BodyRoute{"PUT", "/api/v1/programs/{id}/matching/constraints"},
    BodyRoute{"POST", "/api/v1/programs/{id}/proposals"},
    BodyRoute{"POST", "/api/v1/programs/{id}/rematch"},
    BodyRoute{"POST", "/api/v1/programs/{id}/proposals/{id}/changes/preview"},
    BodyRoute{"POST", "/api/v1/programs/{id}/proposals/{id}/changes"},
    BodyRoute{"PUT", "/api/v1/me/availability"},
    BodyRoute{"POST", "/api/v1/relationships/{id}/meetings"},
    BodyRoute{"POST", "/api/v1/relationships/{id}/meetings/{id}/counter"},
    BodyRoute{"POST", "/api/v1/relationships/{id}/meetings/{id}/reschedule"},
    BodyRoute{"POST", "/api/v1/relationships/{id}/meetings/{id}/log"},
    BodyRoute{"PUT", "/api/v1/programs/{id}/agreement-template"},
    BodyRoute{"POST", "/api/v1/relationships/{id}/end"},
    BodyRoute{"POST", "/api/v1/relationships/{id}/goals"},
    BodyRoute{"PUT", "/api/v1/relationships/{id}/goals/{id}"},
    BodyRoute{"POST", "/api/v1/relationships/{id}/goals/{id}/milestones"},
    BodyRoute{"POST", "/api/v1/relationships/{id}/notes"},
    BodyRoute{"PUT", "/api/v1/relationships/{id}/notes/{id}"},
    BodyRoute{"POST", "/api/v1/relationships/{id}/feedback"},
    BodyRoute{"POST", "/api/v1/relationships/{id}/introductions"},
    BodyRoute{"POST", "/scim/v2/Users", Credentials::kScimToken},
    BodyRoute{"PUT", "/scim/v2/Users/{id}", Credentials::kScimToken},
    BodyRoute{"PATCH", "/scim/v2/Users/{id}", Credentials::kScimToken},
    // mentor resources (issue 21):
    BodyRoute{"POST", "/api/v1/resources"},
    BodyRoute{"PUT", "/api/v1/resources/{id}"},
};

std::string WithIds(std::string_view pattern, int id) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern.substr(i).starts_with("{id}")) {
      out += std::to_string(id);
      i += 4;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

}  // namespace

// The application is built before the first input (its demo takes longer than -timeout allows
// one input).
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  pairwise::fuzz::Prepare();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const BodyRoute& route = kRoutes[data[0] % kRoutes.size()];
  const int id = 1 + data[1] % 4;
  const std::string_view body(reinterpret_cast<const char*>(data + 2), size - 2);
  pairwise::fuzz::Send(route.method, WithIds(route.path, id), body, route.credentials);
  return 0;
}
