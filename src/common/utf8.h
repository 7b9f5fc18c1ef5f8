// Decoding UTF-8 one code point at a time, for the validation of text fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace pairwise {

struct Utf8CodePoint {
  uint32_t value = 0;
  std::size_t length = 0;  // bytes, 1..4
};

// The code point encoded at text[i] (i < text.size()), or nullopt when the bytes there are not
// well-formed UTF-8: a stray continuation byte, a truncated sequence, an overlong form, a
// surrogate or a value beyond U+10FFFF. Pure.
inline std::optional<Utf8CodePoint> DecodeUtf8(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return Utf8CodePoint{c, 1};
  std::size_t length = 0;
  uint32_t value = 0;
  if ((c & 0xe0) == 0xc0) {
    length = 2;
    value = c & 0x1f;
  } else if ((c & 0xf0) == 0xe0) {
    length = 3;
    value = c & 0x0f;
  } else if ((c & 0xf8) == 0xf0) {
    length = 4;
    value = c & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + length > text.size()) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xc0) != 0x80) return std::nullopt;
    value = (value << 6) | (next & 0x3f);
  }
  static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kMinForLength[length] || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
    return std::nullopt;
  }
  return Utf8CodePoint{value, length};
}

// C0 and C1 control characters and DEL.
inline bool IsControl(uint32_t code_point) {
  return code_point < 0x20 || code_point == 0x7f || (code_point >= 0x80 && code_point <= 0x9f);
}

// The number of code points in `text`, or nullopt when it is not well-formed UTF-8. Pure.
inline std::optional<std::size_t> CountUtf8CodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const auto c = DecodeUtf8(text, i);
    if (!c) return std::nullopt;
    i += c->length;
  }
  return count;
}

// True when `text` has more than `max_chars` characters (code points; text that is not
// well-formed UTF-8 counts its bytes). For limits people read: "at most 200 characters". Pure.
inline bool MoreCharsThan(std::string_view text, std::size_t max_chars) {
  if (text.size() <= max_chars) return false;  // never more code points than bytes
  return CountUtf8CodePoints(text).value_or(text.size()) > max_chars;
}

}  // namespace pairwise
