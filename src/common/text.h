// Small text helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace pairwise
