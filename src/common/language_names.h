// Languages by name, for text people read (mails, explanations): the directory and profiles keep
// ISO 639-1 codes ("fr"); a sentence says "French". The browser names them itself
// (Intl.DisplayNames in web/src/components/words.ts); this table is the server's, for the
// languages an organization commonly lists.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace pairwise {

// The English name of the language with ISO 639-1 code `code` (lower case), or the code itself
// when the table does not know it. Pure; thread-safe.
inline std::string_view LanguageName(std::string_view code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 40> kNames = {{
      {"ar", "Arabic"},     {"bn", "Bengali"},    {"cs", "Czech"},     {"da", "Danish"},
      {"de", "German"},     {"el", "Greek"},      {"en", "English"},   {"es", "Spanish"},
      {"fa", "Persian"},    {"fi", "Finnish"},    {"fr", "French"},    {"ga", "Irish"},
      {"he", "Hebrew"},     {"hi", "Hindi"},      {"hu", "Hungarian"}, {"id", "Indonesian"},
      {"it", "Italian"},    {"ja", "Japanese"},   {"ko", "Korean"},    {"ms", "Malay"},
      {"nl", "Dutch"},      {"no", "Norwegian"},  {"pa", "Punjabi"},   {"pl", "Polish"},
      {"pt", "Portuguese"}, {"ro", "Romanian"},   {"ru", "Russian"},   {"sk", "Slovak"},
      {"sv", "Swedish"},    {"sw", "Swahili"},    {"ta", "Tamil"},     {"te", "Telugu"},
      {"th", "Thai"},       {"tl", "Tagalog"},    {"tr", "Turkish"},   {"uk", "Ukrainian"},
      {"ur", "Urdu"},       {"vi", "Vietnamese"}, {"yo", "Yoruba"},    {"zh", "Chinese"},
  }};
  for (const auto& [c, name] : kNames) {
    if (c == code) return name;
  }
  return code;
}

}  // namespace pairwise
