#include "domain/profiles/profile.h"

#include <cstdint>
#include <unordered_set>

#include "domain/people/directory_validation.h"

namespace pairwise::domain {

std::string_view MeetingPreferenceName(MeetingPreference preference) {
  switch (preference) {
    case MeetingPreference::kVirtual:
      return "virtual";
    case MeetingPreference::kInPerson:
      return "in_person";
    case MeetingPreference::kEither:
      return "either";
  }
  return "either";
}

std::optional<MeetingPreference> ParseMeetingPreference(std::string_view name) {
  if (name == "virtual") return MeetingPreference::kVirtual;
  if (name == "in_person") return MeetingPreference::kInPerson;
  if (name == "either") return MeetingPreference::kEither;
  return std::nullopt;
}

bool IsValidBio(std::string_view text) {
  std::size_t code_points = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (++code_points > kMaxBioCodePoints) return false;
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) return false;
      ++i;
      continue;
    }
    std::size_t length = 0;
    uint32_t code_point = 0;
    if ((c & 0xe0) == 0xc0) {
      length = 2;
      code_point = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      length = 3;
      code_point = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      length = 4;
      code_point = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3f);
    }
    // Overlong forms, surrogates and code points beyond Unicode are not UTF-8; C1 controls are
    // not text.
    static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kMinForLength[length] || code_point > 0x10ffff ||
        (code_point >= 0xd800 && code_point <= 0xdfff) ||
        (code_point >= 0x80 && code_point <= 0x9f)) {
      return false;
    }
    i += length;
  }
  return true;
}

namespace {

Status CheckSkillList(std::string_view name, const std::vector<SkillLevel>& list,
                      const std::unordered_set<std::string_view>& taxonomy) {
  if (list.size() > kMaxProfileSkills) {
    return Status::InvalidArgument(
        std::string(name) + " may list at most " + std::to_string(kMaxProfileSkills) + " skills",
        std::string(name));
  }
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = std::string(name) + "[" + std::to_string(i) + "]";
    const SkillLevel& entry = list[i];
    if (!taxonomy.contains(entry.skill)) {
      return Status::InvalidArgument(
          "\"" + entry.skill.substr(0, 64) + "\" is not a skill of the taxonomy", field + ".skill");
    }
    if (!seen.insert(entry.skill).second) {
      return Status::InvalidArgument("skill \"" + entry.skill + "\" is listed twice",
                                     field + ".skill");
    }
    if (entry.level < kMinSkillLevel || entry.level > kMaxSkillLevel) {
      return Status::InvalidArgument("level must be between " + std::to_string(kMinSkillLevel) +
                                         " and " + std::to_string(kMaxSkillLevel),
                                     field + ".level");
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckProfileFields(const ProfileFields& fields, const std::vector<Skill>& skills) {
  std::unordered_set<std::string_view> taxonomy;
  for (const Skill& s : skills) taxonomy.insert(s.code);
  PAIRWISE_RETURN_IF_ERROR(CheckSkillList("expertise", fields.expertise, taxonomy));
  PAIRWISE_RETURN_IF_ERROR(CheckSkillList("wants", fields.wants, taxonomy));
  if (!IsValidBio(fields.bio)) {
    return Status::InvalidArgument("bio must be UTF-8 text of at most " +
                                       std::to_string(kMaxBioCodePoints) +
                                       " characters without control characters",
                                   "bio");
  }
  if (fields.languages.size() > kMaxProfileLanguages) {
    return Status::InvalidArgument("at most " + std::to_string(kMaxProfileLanguages) + " languages",
                                   "languages");
  }
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = 0; i < fields.languages.size(); ++i) {
    const std::string field = "languages[" + std::to_string(i) + "]";
    if (!IsValidLanguageCode(fields.languages[i])) {
      return Status::InvalidArgument("a language is an ISO 639-1 code such as \"en\"", field);
    }
    if (!seen.insert(fields.languages[i]).second) {
      return Status::InvalidArgument("language \"" + fields.languages[i] + "\" is listed twice",
                                     field);
    }
  }
  if (fields.availability_hours_per_month < 0 ||
      fields.availability_hours_per_month > kMaxAvailabilityHoursPerMonth) {
    return Status::InvalidArgument("availability must be between 0 and " +
                                       std::to_string(kMaxAvailabilityHoursPerMonth) +
                                       " hours a month",
                                   "availability_hours_per_month");
  }
  return Status::Ok();
}

}  // namespace pairwise::domain
