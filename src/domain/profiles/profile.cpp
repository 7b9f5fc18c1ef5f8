#include "domain/profiles/profile.h"

#include <cstdint>
#include <unordered_set>

#include "common/utf8.h"
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
  for (std::size_t i = 0; i < text.size();) {
    if (++code_points > kMaxBioCodePoints) return false;
    const auto c = DecodeUtf8(text, i);
    if (!c) return false;
    // Line breaks and tabs are text in a bio; other control characters are not.
    if (IsControl(c->value) && c->value != '\n' && c->value != '\t') return false;
    i += c->length;
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
