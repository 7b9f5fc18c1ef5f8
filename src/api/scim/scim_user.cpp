#include "api/scim/scim_user.h"

#include <algorithm>
#include <optional>

#include "common/text.h"

namespace pairwise::api::scim {

namespace {

using domain::ProvisionedUser;
using nlohmann::json;

constexpr std::string_view kCorePrefixLower = "urn:ietf:params:scim:schemas:core:2.0:user";
constexpr std::string_view kEnterpriseLower =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user";

std::string EnterpriseAttribute(std::string_view name) {
  return std::string(kEnterpriseSchema) + ":" + std::string(name);
}

Status Error(std::string_view reason, std::string_view attribute, std::string message) {
  return Status::InvalidArgument(std::move(message), std::string(attribute))
      .WithReason(std::string(reason));
}

// An attribute path in canonical form: lower case, the core URN removed, the enterprise URN
// shortened to "enterprise" ("enterprise:manager.value").
std::string Canonical(std::string_view path) {
  std::string lower = AsciiLower(path);
  if (lower.starts_with(kEnterpriseLower)) {
    const std::string rest = lower.substr(kEnterpriseLower.size());
    if (rest.empty()) return "enterprise";
    if (rest.front() == ':') return "enterprise:" + rest.substr(1);
    return lower;
  }
  if (lower.starts_with(kCorePrefixLower)) {
    const std::string rest = lower.substr(kCorePrefixLower.size());
    if (rest.empty()) return "";
    if (rest.front() == ':') return rest.substr(1);
  }
  return lower;
}

// What a canonical path names, for messages and fields: its SCIM spelling.
std::string Shown(std::string_view canonical) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"username", "userName"},
      {"externalid", "externalId"},
      {"name", "name"},
      {"name.givenname", "name.givenName"},
      {"name.familyname", "name.familyName"},
      {"title", "title"},
      {"timezone", "timezone"},
      {"active", "active"},
      {"emails", "emails"},
      {"emails.work", "emails[type eq \"work\"]"},
      {"emails.work.value", "emails[type eq \"work\"].value"},
  };
  for (const auto& [key, name] : kNames) {
    if (canonical == key) return std::string(name);
  }
  if (canonical == "enterprise") return std::string(kEnterpriseSchema);
  if (canonical == "enterprise:employeenumber") return EnterpriseAttribute("employeeNumber");
  if (canonical == "enterprise:department") return EnterpriseAttribute("department");
  if (canonical == "enterprise:manager" || canonical == "enterprise:manager.value") {
    return EnterpriseAttribute("manager");
  }
  return std::string(canonical);
}

// Attributes Pairwise keeps; members of a resource naming anything else are ignored.
bool IsKept(std::string_view canonical) {
  return canonical.empty() || canonical == "username" || canonical == "externalid" ||
         canonical == "name" || canonical == "name.givenname" || canonical == "name.familyname" ||
         canonical == "title" || canonical == "timezone" || canonical == "active" ||
         canonical == "emails" || canonical == "emails.work" || canonical == "emails.work.value" ||
         canonical == "enterprise" || canonical == "enterprise:employeenumber" ||
         canonical == "enterprise:department" || canonical == "enterprise:manager" ||
         canonical == "enterprise:manager.value";
}

// Attributes of the User schemas (RFC 7643 §4.1, §4.3) Pairwise does not keep: a PATCH path to
// one (or to one of its sub-attributes, or with a value filter) is accepted and ignored.
bool IsIgnored(std::string_view canonical) {
  static constexpr std::string_view kIgnored[] = {
      "displayname",
      "nickname",
      "profileurl",
      "usertype",
      "preferredlanguage",
      "locale",
      "password",
      "phonenumbers",
      "ims",
      "photos",
      "addresses",
      "entitlements",
      "roles",
      "x509certificates",
      "name.formatted",
      "name.middlename",
      "name.honorificprefix",
      "name.honorificsuffix",
      "enterprise:costcenter",
      "enterprise:organization",
      "enterprise:division",
      "enterprise:manager.displayname",
      "enterprise:manager.$ref",
  };
  const std::string_view base = canonical.substr(0, canonical.find('.'));
  for (std::string_view name : kIgnored) {
    if (canonical == name || base == name) return true;
  }
  // Another schema's extension ("urn:...:User:attribute") Pairwise does not declare.
  return canonical.starts_with("urn:");
}

// Attributes no client may change (RFC 7643: id, meta and groups are readOnly).
bool IsReadOnly(std::string_view canonical) {
  const std::string_view base = canonical.substr(0, canonical.find('.'));
  return base == "id" || base == "meta" || base == "groups" || base == "schemas";
}

// The work address among `emails` values (RFC 7643 §4.1.2): the one of type "work", else the
// primary one, else the first; "" for none.
Result<std::string> WorkEmail(const json& emails) {
  if (emails.is_null()) return std::string();
  if (!emails.is_array()) {
    return Error("invalid_value", "emails", "emails must be an array of {\"value\", \"type\"}");
  }
  const json* chosen = nullptr;
  int rank = 3;  // 0 work, 1 primary, 2 any
  for (const json& item : emails) {
    if (!item.is_object() || !item.contains("value") || !item["value"].is_string()) {
      return Error("invalid_value", "emails", "each of emails must have a string value");
    }
    const auto type = item.find("type");
    const auto primary = item.find("primary");
    int item_rank = 2;
    if (type != item.end() && type->is_string() && AsciiLower(type->get<std::string>()) == "work") {
      item_rank = 0;
    } else if (primary != item.end() &&
               ((primary->is_boolean() && primary->get<bool>()) ||
                (primary->is_string() && AsciiLower(primary->get<std::string>()) == "true"))) {
      item_rank = 1;
    }
    if (item_rank < rank) {
      rank = item_rank;
      chosen = &item;
    }
  }
  return chosen == nullptr ? std::string() : (*chosen)["value"].get<std::string>();
}

// A string attribute's value: a string, or null (as `null_value`).
Result<std::string> StringValue(const json& value, std::string_view canonical,
                                std::string null_value = {}) {
  if (value.is_null()) return null_value;
  if (!value.is_string()) {
    return Error("invalid_value", Shown(canonical), Shown(canonical) + " must be a string");
  }
  return value.get<std::string>();
}

Status Required(std::string_view canonical) {
  return Error("invalid_value", Shown(canonical), Shown(canonical) + " is required");
}

Status SetEmployeeNumber(ProvisionedUser& user, const json& value) {
  if (!value.is_string() || value.get<std::string>().empty()) {
    return Error("invalid_value", Shown("enterprise:employeenumber"),
                 "employeeNumber must be a non-empty string");
  }
  const std::string wanted = value.get<std::string>();
  if (!user.employee_id.empty() && wanted != user.employee_id) {
    return Error("mutability", Shown("enterprise:employeenumber"),
                 "employeeNumber is the user's id \"" + user.employee_id + "\" and cannot change");
  }
  user.employee_id = wanted;
  return Status::Ok();
}

Status SetManager(ProvisionedUser& user, const json& value) {
  const std::string shown = Shown("enterprise:manager");
  const json* item = &value;
  // Azure has sent the manager as a one-element array of {"value": ...}.
  if (item->is_array()) {
    if (item->size() > 1) return Error("invalid_value", shown, "manager takes one value");
    if (item->empty()) {
      user.manager_employee_id.clear();
      return Status::Ok();
    }
    item = &(*item)[0];
  }
  if (item->is_object()) {
    auto it = item->find("value");
    if (it == item->end()) {
      // {"displayName": ...} alone states nothing Pairwise keeps.
      return Status::Ok();
    }
    item = &*it;
  }
  Result<std::string> id = StringValue(*item, "enterprise:manager");
  if (!id.ok()) return id.status();
  user.manager_employee_id = std::move(id).value();
  return Status::Ok();
}

Status SetAttribute(ProvisionedUser& user, const std::string& canonical, const json& value);

// Applies each member of `object`, whose attribute paths are `prefix` + member name.
Status SetMembers(ProvisionedUser& user, std::string_view prefix, const json& object) {
  for (const auto& [key, member] : object.items()) {
    std::string path;
    if (prefix.empty()) {
      path = Canonical(key);
    } else if (prefix == "name") {
      path = "name." + AsciiLower(key);
    } else {  // "enterprise"
      path = "enterprise:" + AsciiLower(key);
    }
    if (prefix.empty() && (path == "schemas" || path == "id" || path == "meta")) continue;
    PAIRWISE_RETURN_IF_ERROR(SetAttribute(user, path, member));
  }
  return Status::Ok();
}

Status SetAttribute(ProvisionedUser& user, const std::string& canonical, const json& value) {
  if (canonical.empty() || canonical == "name" || canonical == "enterprise") {
    if (canonical == "name" && value.is_null()) return Required("name.givenname");
    if (!value.is_object()) {
      return Error(canonical.empty() ? "invalid_syntax" : "invalid_value",
                   canonical.empty() ? "" : Shown(canonical),
                   (canonical.empty() ? std::string("the value") : Shown(canonical)) +
                       " must be a JSON object");
    }
    return SetMembers(user, canonical, value);
  }
  if (!IsKept(canonical)) return Status::Ok();
  if (canonical == "username" || canonical == "name.givenname" || canonical == "name.familyname") {
    if (value.is_null()) return Required(canonical);
    Result<std::string> text = StringValue(value, canonical);
    if (!text.ok()) return text.status();
    if (canonical == "username") user.user_name = *text;
    if (canonical == "name.givenname") user.first_name = *text;
    if (canonical == "name.familyname") user.last_name = *text;
    return Status::Ok();
  }
  if (canonical == "emails") {
    Result<std::string> email = WorkEmail(value);
    if (!email.ok()) return email.status();
    user.email = std::move(email).value();
    return Status::Ok();
  }
  if (canonical == "emails.work") {  // emails[type eq "work"] with {"value": ...}
    if (value.is_object()) return SetAttribute(user, "emails", json::array({value}));
    return SetAttribute(user, "emails", value);
  }
  if (canonical == "emails.work.value") {
    Result<std::string> text = StringValue(value, canonical);
    if (!text.ok()) return text.status();
    user.email = *text;
    return Status::Ok();
  }
  if (canonical == "externalid") {
    Result<std::string> text = StringValue(value, canonical);
    if (!text.ok()) return text.status();
    user.external_id = *text;
    return Status::Ok();
  }
  if (canonical == "title" || canonical == "timezone") {
    if (value.is_null()) return Status::Ok();  // required by the directory: kept
    Result<std::string> text = StringValue(value, canonical);
    if (!text.ok()) return text.status();
    (canonical == "title" ? user.job_title : user.time_zone) = *text;
    return Status::Ok();
  }
  if (canonical == "active") {
    if (value.is_boolean()) {
      user.active = value.get<bool>();
      return Status::Ok();
    }
    if (value.is_string()) {
      const std::string text = AsciiLower(value.get<std::string>());
      if (text == "true" || text == "false") {
        user.active = text == "true";
        return Status::Ok();
      }
    }
    return Error("invalid_value", "active", "active must be true or false");
  }
  if (canonical == "enterprise:employeenumber") return SetEmployeeNumber(user, value);
  if (canonical == "enterprise:department") {
    Result<std::string> text = StringValue(value, canonical);
    if (!text.ok()) return text.status();
    user.department = *text;
    return Status::Ok();
  }
  if (canonical == "enterprise:manager") return SetManager(user, value);
  if (canonical == "enterprise:manager.value") {
    Result<std::string> text = StringValue(value, canonical);
    if (!text.ok()) return text.status();
    user.manager_employee_id = *text;
    return Status::Ok();
  }
  return Status::Ok();
}

Status RemoveAttribute(ProvisionedUser& user, const std::string& canonical) {
  if (!IsKept(canonical)) return Status::Ok();
  if (canonical == "externalid") {
    user.external_id.clear();
  } else if (canonical == "enterprise:department") {
    user.department.clear();
  } else if (canonical == "enterprise:manager" || canonical == "enterprise:manager.value") {
    user.manager_employee_id.clear();
  } else if (canonical == "title" || canonical == "timezone") {
    // Required by the directory: kept.
  } else if (canonical == "emails" || canonical == "emails.work" ||
             canonical == "emails.work.value") {
    user.email.clear();  // the service falls back on userName, or refuses
  } else if (canonical == "enterprise:employeenumber") {
    return Error("mutability", Shown(canonical), "employeeNumber is the user's id");
  } else if (canonical == "enterprise") {
    user.department.clear();
    user.manager_employee_id.clear();
  } else {
    return Required(canonical);  // userName, name, active: a user always has them
  }
  return Status::Ok();
}

// The value filter of an emails path that names the work address: `type eq "work"` or
// `primary eq true` (any case, spaces around tolerated).
bool NamesWorkEmail(std::string_view filter) {
  std::string text = AsciiLower(filter);
  std::string compact;
  for (char c : text) {
    if (c != ' ') compact.push_back(c);
  }
  return compact == "typeeq\"work\"" || compact == "primaryeqtrue";
}

// The canonical attribute a PATCH path targets; "ignored" for attributes of the User schemas
// Pairwise does not keep (a home address, a phone number, another email than the work one).
// InvalidArgument "invalid_path" for a malformed path or one naming no attribute of the User
// schemas; "mutability" for read-only ones.
Result<std::string> PathTarget(std::string_view path) {
  if (path.empty()) return Error("invalid_path", "path", "the path is empty");
  std::string canonical;
  const std::size_t bracket = path.find('[');
  if (bracket != std::string_view::npos) {
    const std::size_t close = path.find(']', bracket);
    if (close == std::string_view::npos) {
      return Error("invalid_path", "path",
                   "the value filter in path \"" + std::string(path) + "\" is not closed");
    }
    const std::string base = Canonical(path.substr(0, bracket));
    const std::string_view filter = path.substr(bracket + 1, close - bracket - 1);
    const std::string rest = AsciiLower(path.substr(close + 1));
    if (base == "emails") {
      if (!NamesWorkEmail(filter)) return std::string("ignored");  // another address
      if (rest.empty()) return std::string("emails.work");
      if (rest == ".value") return std::string("emails.work.value");
      if (rest == ".type" || rest == ".primary" || rest == ".display") {
        return std::string("ignored");
      }
      return Error("invalid_path", "path",
                   "\"" + std::string(path) + "\" names no sub-attribute of emails");
    }
    canonical = base;
    if (!IsIgnored(base) && !IsReadOnly(base)) {
      return Error("invalid_path", "path",
                   "value filters are supported on emails and ignored attributes only, not in \"" +
                       std::string(path) + "\"");
    }
  } else {
    canonical = Canonical(path);
    if (canonical == "emails.value") canonical = "emails.work.value";
  }
  if (IsReadOnly(canonical)) {
    return Error("mutability", "path",
                 "\"" + std::string(path) + "\" is read only: " +
                     (canonical.starts_with("groups") ? "groups are not kept by Pairwise"
                                                      : "the server sets it"));
  }
  if (IsKept(canonical)) return canonical;
  if (IsIgnored(canonical)) return std::string("ignored");
  return Error("invalid_path", "path",
               "\"" + std::string(path) + "\" names no attribute of the User schemas");
}

}  // namespace

json UserToJson(const ProvisionedUser& user, std::string_view base_url) {
  const std::string location = std::string(base_url) + "/Users/" + user.employee_id;
  json out = {
      {"schemas", {kUserSchema, kEnterpriseSchema}},
      {"id", user.employee_id},
      {"userName", user.user_name.empty() ? user.email : user.user_name},
      {"name",
       {{"givenName", user.first_name},
        {"familyName", user.last_name},
        {"formatted", user.first_name + " " + user.last_name}}},
      {"displayName", user.first_name + " " + user.last_name},
      {"title", user.job_title},
      {"timezone", user.time_zone},
      {"active", user.active},
      {"emails", json::array({{{"value", user.email}, {"type", "work"}, {"primary", true}}})},
      {"meta", {{"resourceType", "User"}, {"location", location}}},
  };
  if (!user.external_id.empty()) out["externalId"] = user.external_id;
  json enterprise = {{"employeeNumber", user.employee_id}};
  if (!user.department.empty()) {
    enterprise["department"] =
        user.department_name.empty() ? user.department : user.department_name;
  }
  if (!user.manager_employee_id.empty()) {
    enterprise["manager"] = {
        {"value", user.manager_employee_id},
        {"$ref", std::string(base_url) + "/Users/" + user.manager_employee_id}};
  }
  out[std::string(kEnterpriseSchema)] = std::move(enterprise);
  return out;
}

Status ApplyResource(ProvisionedUser& user, const json& body) {
  if (!body.is_object()) {
    return Error("invalid_syntax", "", "the request body must be a SCIM User object");
  }
  return SetMembers(user, "", body);
}

Status ApplyPatch(ProvisionedUser& user, const json& body) {
  if (!body.is_object()) {
    return Error("invalid_syntax", "", "the request body must be a PatchOp object");
  }
  if (auto schemas = body.find("schemas"); schemas != body.end()) {
    const bool listed =
        schemas->is_array() && std::any_of(schemas->begin(), schemas->end(), [](const json& s) {
          return s.is_string() && s.get<std::string>() == kPatchOpSchema;
        });
    if (!listed) {
      return Error("invalid_syntax", "schemas",
                   "schemas must list \"" + std::string(kPatchOpSchema) + "\"");
    }
  }
  auto operations = body.find("Operations");
  if (operations == body.end()) operations = body.find("operations");
  if (operations == body.end() || !operations->is_array() || operations->empty()) {
    return Error("invalid_syntax", "Operations", "Operations must be a non-empty array");
  }
  for (std::size_t i = 0; i < operations->size(); ++i) {
    const json& operation = (*operations)[i];
    const std::string where = "Operations[" + std::to_string(i) + "]";
    if (!operation.is_object()) {
      return Error("invalid_syntax", where, where + " must be an object");
    }
    auto op_it = operation.find("op");
    if (op_it == operation.end() || !op_it->is_string()) {
      return Error("invalid_syntax", where + ".op", where + ".op must be add, replace or remove");
    }
    const std::string op = AsciiLower(op_it->get<std::string>());
    std::optional<std::string> target;
    if (auto path = operation.find("path"); path != operation.end()) {
      if (!path->is_string()) {
        return Error("invalid_path", where + ".path", where + ".path must be a string");
      }
      Result<std::string> canonical = PathTarget(path->get<std::string>());
      if (!canonical.ok()) return canonical.status();
      target = std::move(canonical).value();
    }
    if (target && *target == "ignored") continue;
    if (op == "add" || op == "replace") {
      auto value = operation.find("value");
      if (value == operation.end()) {
        return Error("invalid_syntax", where + ".value", where + " needs a value");
      }
      PAIRWISE_RETURN_IF_ERROR(SetAttribute(user, target.value_or(""), *value));
    } else if (op == "remove") {
      if (!target) {
        return Error("no_target", where + ".path", where + ": remove needs a path");
      }
      PAIRWISE_RETURN_IF_ERROR(RemoveAttribute(user, *target));
    } else {
      return Error(
          "invalid_syntax", where + ".op",
          where + ".op \"" + op_it->get<std::string>() + "\" is not add, replace or remove");
    }
  }
  return Status::Ok();
}

std::string AttributeForField(std::string_view field) {
  static const std::pair<std::string_view, std::string_view> kFields[] = {
      {"email", "emails"},
      {"user_name", "userName"},
      {"first_name", "name.givenName"},
      {"last_name", "name.familyName"},
      {"job_title", "title"},
      {"time_zone", "timezone"},
      {"external_id", "externalId"},
      {"offset", "startIndex"},
  };
  for (const auto& [domain_field, attribute] : kFields) {
    if (field == domain_field) return std::string(attribute);
  }
  if (field == "employee_id") return EnterpriseAttribute("employeeNumber");
  if (field == "department") return EnterpriseAttribute("department");
  if (field == "manager_employee_id") return EnterpriseAttribute("manager");
  return std::string(field);
}

}  // namespace pairwise::api::scim
