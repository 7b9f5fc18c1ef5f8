#include "storage/connection_string.h"

#include <optional>
#include <utility>
#include <vector>

namespace pairwise::storage {

namespace {

Status Bad(std::string message) {
  return Status::InvalidArgument("PostgreSQL URL: " + std::move(message), "database");
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = HexValue(text[i + 1]);
    const int low = HexValue(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

bool HasSpaceOrControl(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return true;
  }
  return false;
}

// libpq reads backslash escapes in unquoted values too.
std::string Escape(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

Result<std::string> PostgresConnectString(std::string_view url) {
  std::string_view rest;
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (url.substr(0, scheme.size()) == scheme) rest = url.substr(scheme.size());
  }
  if (rest.data() == nullptr) return Bad("must start with postgresql:// or postgres://");

  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string_view userinfo;
  std::string_view hosts = rest;
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    userinfo = rest.substr(0, at);
    hosts = rest.substr(at + 1);
  }

  std::vector<std::pair<std::string, std::string>> params;
  auto add = [&](std::string key, std::string_view encoded, const char* part) -> Status {
    std::optional<std::string> value = PercentDecode(encoded);
    if (!value) return Bad(std::string("bad percent-encoding in the ") + part);
    if (HasSpaceOrControl(*value)) {
      return Bad(std::string("the ") + part + " may not contain spaces or control characters");
    }
    if (!value->empty()) params.emplace_back(std::move(key), std::move(*value));
    return Status::Ok();
  };

  if (!userinfo.empty()) {
    const auto colon = userinfo.find(':');
    PAIRWISE_RETURN_IF_ERROR(add("user", userinfo.substr(0, colon), "user name"));
    if (colon != std::string_view::npos) {
      PAIRWISE_RETURN_IF_ERROR(add("password", userinfo.substr(colon + 1), "password"));
    }
  }

  std::string host_list;
  std::string port_list;
  bool any_port = false;
  std::size_t start = 0;
  while (!hosts.empty() && start <= hosts.size()) {
    std::size_t end = hosts.find(',', start);
    if (end == std::string_view::npos) end = hosts.size();
    std::string_view entry = hosts.substr(start, end - start);
    std::string_view host = entry;
    std::string_view port;
    if (!entry.empty() && entry.front() == '[') {
      const auto close = entry.find(']');
      if (close == std::string_view::npos) return Bad("unclosed '[' in the host");
      host = entry.substr(1, close - 1);
      std::string_view after = entry.substr(close + 1);
      if (!after.empty()) {
        if (after.front() != ':') return Bad("unexpected text after ']' in the host");
        port = after.substr(1);
      }
    } else if (auto colon = entry.rfind(':'); colon != std::string_view::npos) {
      host = entry.substr(0, colon);
      port = entry.substr(colon + 1);
    }
    for (char c : port) {
      if (c < '0' || c > '9') return Bad("the port must be a number");
    }
    if (port.size() > 5) return Bad("the port must be a number");
    std::optional<std::string> decoded_host = PercentDecode(host);
    if (!decoded_host) return Bad("bad percent-encoding in the host");
    if (HasSpaceOrControl(*decoded_host)) return Bad("the host may not contain spaces");
    if (start > 0) {
      host_list += ',';
      port_list += ',';
    }
    host_list += *decoded_host;
    port_list += port;
    any_port = any_port || !port.empty();
    start = end + 1;
  }
  if (!host_list.empty() && host_list.find_first_not_of(',') != std::string::npos) {
    params.emplace_back("host", host_list);
  }
  if (any_port) params.emplace_back("port", port_list);
  if (!path.empty()) PAIRWISE_RETURN_IF_ERROR(add("dbname", path, "database name"));

  bool has_timeout = false;
  bool has_application = false;
  start = 0;
  while (!query.empty() && start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) return Bad("query parameters must be key=value");
    std::string_view key = pair.substr(0, eq);
    for (char c : key) {
      if (!((c >= 'a' && c <= 'z') || c == '_')) {
        return Bad("unknown query parameter \"" + std::string(key) + "\"");
      }
    }
    has_timeout = has_timeout || key == "connect_timeout";
    has_application = has_application || key == "application_name";
    PAIRWISE_RETURN_IF_ERROR(add(std::string(key), pair.substr(eq + 1), "query parameters"));
  }
  // A server that cannot be reached should fail the start-up quickly, not after minutes.
  if (!has_timeout) params.emplace_back("connect_timeout", "10");
  if (!has_application) params.emplace_back("application_name", "pairwise");

  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += ' ';
    out += key + "=" + Escape(value);
  }
  return out;
}

Result<std::string> SqliteConnectString(std::string_view path) {
  if (path.empty()) return Status::InvalidArgument("the SQLite path is empty", "database");
  if (path.find_first_of("=\"") != std::string_view::npos) {
    return Status::InvalidArgument("the SQLite path may not contain '=' or '\"'", "database");
  }
  return std::string(path);
}

}  // namespace pairwise::storage
