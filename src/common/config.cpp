#include "common/config.h"

#include <charconv>

namespace pairwise {

Result<ListenAddress> ParseListenAddress(std::string_view text, std::string field) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return Status::InvalidArgument("listen address must be HOST:PORT", field);
  }
  std::string_view host = text.substr(0, colon);
  std::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (host.empty()) return Status::InvalidArgument("empty IPv6 host", field);
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return Status::InvalidArgument("port must be a number from 0 to 65535", field);
  }
  ListenAddress out;
  out.host = host.empty() ? "0.0.0.0" : std::string(host);
  out.port = static_cast<uint16_t>(port);
  return out;
}

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view text) {
  DatabaseUrl out;
  auto starts = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
  if (starts("sqlite://") || starts("sqlite:")) {
    out.kind = DatabaseKind::kSqlite;
    out.target = std::string(text.substr(starts("sqlite://") ? 9 : 7));
    if (out.target.empty()) {
      return Status::InvalidArgument("sqlite URL needs a file path: sqlite:PATH", "database");
    }
    out.redacted = "sqlite:" + out.target;
    return out;
  }
  if (starts("postgresql://") || starts("postgres://")) {
    out.kind = DatabaseKind::kPostgresql;
    out.target = std::string(text);
    out.redacted = out.target;
    // Redact "user:password@" if present.
    const auto scheme_end = out.redacted.find("://") + 3;
    const auto at = out.redacted.find('@', scheme_end);
    if (at != std::string::npos) {
      const auto colon = out.redacted.find(':', scheme_end);
      if (colon != std::string::npos && colon < at) {
        out.redacted.replace(colon + 1, at - colon - 1, "***");
      }
    }
    return out;
  }
  return Status::InvalidArgument(
      "database must be sqlite:PATH or postgresql://user:pass@host:port/db", "database");
}

}  // namespace pairwise
