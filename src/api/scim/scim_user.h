// SCIM 2.0 User resources (RFC 7643 §4.1, with the enterprise extension §4.3) <-> the domain's
// ProvisionedUser, and PATCH (RFC 7644 §3.5.2) applied to one.
//
// Attributes Pairwise keeps (other attributes of the User schemas — phoneNumbers, addresses,
// locale, nickName, displayName, costCenter, ... — are accepted and ignored):
//   id          the person's employee id (read only; = employeeNumber)
//   externalId  the provider's key (null or remove clears it)
//   userName    the provider's unique name for the user: an email, or anything else (Entra
//               sends "Test_User_<guid>" or a UPN) when emails holds the work address (required)
//   emails      the work address (type "work", else the primary one, else the first) is the
//               person's email; without one, a userName that is an email address is. PATCH
//               `emails[type eq "work"].value` changes it; other addresses are ignored.
//   name.givenName, name.familyName (required)
//   title       job title; timezone (IANA). Both are required by the directory, so null or a
//               remove leaves the current value.
//   active      false = the person left (accepts true/false and Azure's "True"/"False")
//   enterprise  employeeNumber (settable only when creating), department (a code or a name;
//               null clears), manager ({"value": id}, or the bare id Azure sends; null clears)
// id, meta and groups are read only: a PATCH to them is 400 mutability (a PUT ignores them).
// PUT replaces the attributes it carries and leaves omitted ones unchanged (RFC 7644 §3.5.1
// lets a service provider treat omitted attributes as not asserted).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/provisioning/provisioning_service.h"

namespace pairwise::api::scim {

inline constexpr std::string_view kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
inline constexpr std::string_view kEnterpriseSchema =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
inline constexpr std::string_view kListResponseSchema =
    "urn:ietf:params:scim:api:messages:2.0:ListResponse";
inline constexpr std::string_view kPatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
inline constexpr std::string_view kErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

// The User resource. `base_url` is the SCIM root ("https://host/scim/v2", or "/scim/v2") for
// meta.location and the manager's $ref.
nlohmann::json UserToJson(const domain::ProvisionedUser& user, std::string_view base_url);

// Applies the attributes of a User resource (a POST or PUT body) to `user`. InvalidArgument
// with a reason for scimType: "invalid_syntax" (not an object), "invalid_value" (a wrong type,
// or a required attribute set to null), "mutability" (employeeNumber other than the user's
// id). `field` names the SCIM attribute.
Status ApplyResource(domain::ProvisionedUser& user, const nlohmann::json& body);

// Applies a PatchOp body's Operations in order: op add/replace (any case) with a path, or
// without one and an object value; remove with a path. Paths as in RFC 7644 §3.5.2: attribute
// names in any case, "name.givenName", the enterprise URN followed by ":attribute" (and
// ":manager.value"), `emails[type eq "work"].value` (or `[primary eq true]`); value filters on
// ignored attributes ("addresses[type eq \"work\"].locality") are ignored. Errors as
// ApplyResource, plus "invalid_syntax" for a malformed body or operation, "invalid_path" for a
// malformed path or one naming no attribute of the User schemas, "mutability" for a path to id,
// meta or groups, "no_target" for remove without a path.
Status ApplyPatch(domain::ProvisionedUser& user, const nlohmann::json& body);

// The SCIM attribute for a domain field ("email" -> "emails", "user_name" -> "userName",
// "manager_employee_id" -> the enterprise manager); `field` itself when it names none.
std::string AttributeForField(std::string_view field);

}  // namespace pairwise::api::scim
