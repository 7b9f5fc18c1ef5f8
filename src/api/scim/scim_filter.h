// The SCIM filters Pairwise answers (RFC 7644 §3.4.2.2): what identity providers send to find
// a user before creating it — `userName eq "ada@example.com"`, `externalId eq "00u1"`,
// `emails.value eq "ada@example.com"`, and `id eq "E7"`. Attribute names and the operator
// compare ignoring case; an attribute may carry the core schema URN as prefix
// ("urn:ietf:params:scim:schemas:core:2.0:User:userName").
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace pairwise::api::scim {

enum class FilterAttribute { kUserName, kExternalId, kEmailValue, kId };

struct Filter {
  FilterAttribute attribute = FilterAttribute::kUserName;
  std::string value;  // the compared string, JSON escapes decoded
};

// Parses `attribute SP "eq" SP "json string"` (spaces around tolerated). Anything else — another
// operator (ne, co, sw, pr, gt, ...), logical combinations (and, or, not), grouping, other
// attributes, a value that is not a JSON string — is InvalidArgument with reason
// "invalid_filter", field "filter", and a message saying what is supported.
Result<Filter> ParseFilter(std::string_view text);

}  // namespace pairwise::api::scim
