#include "domain/people/reference_match.h"

#include "common/utf8.h"
#include "domain/people/directory_validation.h"

namespace pairwise::domain {

namespace {

// The base letters of U+00C0..U+00FF ("" keeps the character), lower case.
constexpr std::string_view kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// The base letters of Latin Extended-A, U+0100..U+017F, by runs.
struct Run {
  uint32_t last;
  std::string_view base;
};
constexpr Run kLatinA[] = {
    {0x0105, "a"}, {0x010D, "c"},  {0x0111, "d"}, {0x011B, "e"}, {0x0123, "g"}, {0x0127, "h"},
    {0x0131, "i"}, {0x0133, "ij"}, {0x0135, "j"}, {0x0138, "k"}, {0x0142, "l"}, {0x014B, "n"},
    {0x0151, "o"}, {0x0153, "oe"}, {0x0159, "r"}, {0x0161, "s"}, {0x0167, "t"}, {0x0173, "u"},
    {0x0175, "w"}, {0x0178, "y"},  {0x017E, "z"}, {0x017F, "s"}};

// The folded form of one code point, or nullopt to keep its bytes.
std::optional<std::string_view> FoldCodePoint(uint32_t c) {
  if (c >= 0xC0 && c <= 0xFF) {
    std::string_view base = kLatin1[c - 0xC0];
    if (!base.empty()) return base;
    return std::nullopt;
  }
  if (c >= 0x100 && c <= 0x17F) {
    for (const Run& run : kLatinA) {
      if (c <= run.last) return run.base;
    }
  }
  if (c >= 0x300 && c <= 0x36F) return std::string_view();  // combining accents
  return std::nullopt;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string FoldName(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = DecodeUtf8(text, i);
    const std::size_t length = c ? c->length : 1;
    if (c && (c->value == ' ' || c->value == '\t' || c->value == 0xA0)) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      if (!c) {
        out.push_back(text[i]);
      } else if (c->value < 0x80) {
        const char ascii = static_cast<char>(c->value);
        out.push_back(ascii >= 'A' && ascii <= 'Z' ? static_cast<char>(ascii - 'A' + 'a') : ascii);
      } else if (auto folded = FoldCodePoint(c->value)) {
        out.append(*folded);
      } else {
        out.append(text.substr(i, length));
      }
    }
    i += length;
  }
  return out;
}

ReferenceIndex::ReferenceIndex(std::span<const Department> departments) {
  for (const Department& d : departments) Add(d.code, d.name);
}

ReferenceIndex::ReferenceIndex(std::span<const Site> sites) {
  for (const Site& s : sites) Add(s.code, s.name);
}

void ReferenceIndex::Add(std::string_view code, std::string_view name) {
  if (!codes_.emplace(code).second) return;
  for (std::string_view key : {code, name}) {
    std::string folded = FoldName(key);
    if (folded.empty() || ambiguous_.contains(folded)) continue;
    auto [it, inserted] = by_folded_.emplace(folded, code);
    if (!inserted && it->second != code) {
      by_folded_.erase(it);
      ambiguous_.insert(std::move(folded));
    }
  }
}

ReferenceIndex::Match ReferenceIndex::Find(std::string_view value) const {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (codes_.contains(std::string(value))) return {Outcome::kFound, std::string(value)};
  const std::string folded = FoldName(value);
  if (ambiguous_.contains(folded)) return {Outcome::kAmbiguous, ""};
  if (auto it = by_folded_.find(folded); it != by_folded_.end()) {
    return {Outcome::kFound, it->second};
  }
  return {Outcome::kNotFound, ""};
}

std::string ReferenceIndex::AddNew(std::string_view name) {
  constexpr std::size_t kMaxCode = 64;
  constexpr std::size_t kSuffixRoom = 8;
  std::string base;
  if (IsValidKey(name)) {
    base.assign(name);
  } else {
    const std::string folded = FoldName(name);
    bool gap = false;
    for (char c : folded) {
      if (IsAsciiAlnum(c)) {
        if (gap && !base.empty()) base.push_back('-');
        gap = false;
        base.push_back(c);
      } else {
        gap = true;
      }
    }
    if (base.empty()) base = "NEW";
  }
  for (char& c : base) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (base.size() > kMaxCode - kSuffixRoom) base.resize(kMaxCode - kSuffixRoom);
  std::string code = base;
  for (int n = 2; codes_.contains(code) || by_folded_.contains(FoldName(code)); ++n) {
    code = base + "-" + std::to_string(n);
  }
  Add(code, name);
  return code;
}

Department NewDepartment(std::string code, std::string name) {
  return Department{std::move(code), std::move(name), std::string(kUnassignedDivision)};
}

Site NewSite(std::string code, std::string name, std::string time_zone) {
  return Site{std::move(code), std::move(name), std::string(kUnknownCountry), std::move(time_zone)};
}

}  // namespace pairwise::domain
