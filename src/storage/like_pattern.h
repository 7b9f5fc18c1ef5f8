// The one LIKE pattern builder of the SQL repositories (profiles' directory search, resources'
// search), the same on SQLite and PostgreSQL.
#pragma once

#include <string>
#include <string_view>

namespace pairwise::storage {

// "%text%" with ASCII letters lowered and %, _ and \ escaped by a backslash: use it as
// `lower(column) LIKE :pattern ESCAPE '\'` (or over a column stored lowered). Pure.
inline std::string LikePattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

}  // namespace pairwise::storage
