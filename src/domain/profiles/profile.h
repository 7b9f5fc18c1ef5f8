// A person's mentoring profile: what they edit about themselves (expertise they offer, skills
// they want to grow, bio, languages they can mentor in, availability, how they like to meet),
// beside the directory's fields, which only the HR system (import, SCIM) writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/people/person.h"

namespace pairwise::domain {

// Skill levels on a profile: 1 (beginner) .. 5 (expert).
inline constexpr int kMinSkillLevel = 1;
inline constexpr int kMaxSkillLevel = 5;
// At most this many skills in each of a profile's lists.
inline constexpr std::size_t kMaxProfileSkills = 30;
// The bio: at most this many Unicode code points (and 4 bytes each at most).
inline constexpr std::size_t kMaxBioCodePoints = 2000;
inline constexpr std::size_t kMaxProfileLanguages = 20;
inline constexpr int kMaxAvailabilityHoursPerMonth = 160;

enum class MeetingPreference { kVirtual, kInPerson, kEither };

// "virtual" | "in_person" | "either".
std::string_view MeetingPreferenceName(MeetingPreference preference);
std::optional<MeetingPreference> ParseMeetingPreference(std::string_view name);

// A skill from the taxonomy (Skill::code) at a level kMinSkillLevel..kMaxSkillLevel.
struct SkillLevel {
  std::string skill;
  int level = kMinSkillLevel;
  friend bool operator==(const SkillLevel&, const SkillLevel&) = default;
};

// What a person may edit. Order of the lists is the person's own (most important first).
struct ProfileFields {
  std::vector<SkillLevel> expertise;  // skills they offer as a mentor; no skill twice
  std::vector<SkillLevel> wants;      // skills they want to grow; no skill twice
  std::string bio;                    // UTF-8, may be empty, may hold line breaks
  // ISO 639-1 codes they can mentor in besides the directory's languages; no repeats.
  std::vector<std::string> languages;
  int availability_hours_per_month = 0;  // 0..kMaxAvailabilityHoursPerMonth
  MeetingPreference meeting_preference = MeetingPreference::kEither;
  friend bool operator==(const ProfileFields&, const ProfileFields&) = default;
};

struct Profile : ProfileFields {
  std::string employee_id;
  // When it was last saved; nullopt for a profile never saved (all fields at their defaults).
  std::optional<TimePoint> updated_at;
  friend bool operator==(const Profile&, const Profile&) = default;
};

// Checks `fields` against the rules above and the taxonomy `skills`. InvalidArgument naming the
// field ("expertise[2].level", "bio", "languages[0]", "availability_hours_per_month") on the
// first broken rule; OK otherwise.
Status CheckProfileFields(const ProfileFields& fields, const std::vector<Skill>& skills);

// Whether `text` is a bio: valid UTF-8, at most kMaxBioCodePoints code points, no control
// characters but line feed and tab.
bool IsValidBio(std::string_view text);

}  // namespace pairwise::domain
