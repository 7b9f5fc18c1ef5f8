// Small text helpers shared by every layer.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "common/utf8.h"

namespace pairwise {

// `text` with the ASCII letters A-Z lowered; every other byte (UTF-8 included) as it is. For
// comparing keys, emails and names without regard to ASCII case. Pure.
inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// `text` with the ASCII letters a-z raised (protocol keywords such as SMTP's); the rest as it is.
inline std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// `text` percent-encoded for a URL's query or an application/x-www-form-urlencoded body: every
// byte but the unreserved A-Z a-z 0-9 - . _ ~ as %XX (RFC 3986 §2.3). Pure.
inline std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' ||
        b == '.' || b == '_' || b == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

// `text` in double quotes, for a message that echoes what someone sent: at most `max_bytes` of
// it, cut between characters ("..." marks the cut); control characters written as \n, \r, \t or
// \u001b and bytes that are not UTF-8 as \xe9. The result is one line of valid UTF-8 whatever
// `text` holds, so a message can neither break a log or terminal line nor an answer's JSON.
// Pure.
inline std::string QuoteForMessage(std::string_view text, std::size_t max_bytes = 60) {
  std::string out = "\"";
  std::size_t i = 0;
  while (i < text.size() && i < max_bytes) {
    const auto c = DecodeUtf8(text, i);
    char escaped[12];
    if (!c) {
      std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(text[i]));
      out += escaped;
      ++i;
      continue;
    }
    if (i + c->length > max_bytes) break;
    if (c->value == '\n') {
      out += "\\n";
    } else if (c->value == '\r') {
      out += "\\r";
    } else if (c->value == '\t') {
      out += "\\t";
    } else if (IsControl(c->value)) {
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c->value));
      out += escaped;
    } else {
      out.append(text.substr(i, c->length));
    }
    i += c->length;
  }
  if (i < text.size()) out += "...";
  out += "\"";
  return out;
}

}  // namespace pairwise
