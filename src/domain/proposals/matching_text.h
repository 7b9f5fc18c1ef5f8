// Small text helpers shared by the matching services (names in lists, rule names in words).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/people/person.h"
#include "matching/engine.h"

namespace pairwise::domain::matching_text {

inline std::string FullName(const Person& p) { return p.first_name + " " + p.last_name; }

inline std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// The words of a hard rule ("same management chain") from its name; the name when unknown.
inline std::string RuleWords(std::string_view rule_name) {
  for (int r = 0; r < matching::kHardRuleCount; ++r) {
    const auto rule = static_cast<matching::HardRule>(r);
    if (matching::HardRuleName(rule) == rule_name) {
      return std::string(matching::HardRuleWords(rule));
    }
  }
  return std::string(rule_name);
}

}  // namespace pairwise::domain::matching_text
