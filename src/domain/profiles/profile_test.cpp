#include "domain/profiles/profile.h"

#include <gtest/gtest.h>

#include "domain/profiles/directory_service.h"

namespace pairwise::domain {
namespace {

const std::vector<Skill> kSkills = {{"cpp", "C++", "Programming Languages"},
                                    {"budgeting", "Budgeting", "Finance & Accounting"}};

ProfileFields Valid() {
  ProfileFields f;
  f.expertise = {{"cpp", 4}};
  f.wants = {{"budgeting", 2}, {"cpp", 5}};
  f.bio = "Ünïcode bio\nwith a second line\tand a tab. 日本語 🎉";
  f.languages = {"de", "pt"};
  f.availability_hours_per_month = 160;
  f.meeting_preference = MeetingPreference::kInPerson;
  return f;
}

std::string FieldOf(const ProfileFields& f) {
  Status s = CheckProfileFields(f, kSkills);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  return s.field();
}

TEST(ProfileTest, AcceptsAValidProfileAndTheDefaults) {
  EXPECT_TRUE(CheckProfileFields(Valid(), kSkills).ok());
  EXPECT_TRUE(CheckProfileFields(ProfileFields{}, kSkills).ok());
}

TEST(ProfileTest, NamesTheFieldOfEachBrokenRule) {
  ProfileFields f = Valid();
  f.expertise.push_back({"cobol", 3});
  EXPECT_EQ(FieldOf(f), "expertise[1].skill");
  f = Valid();
  f.wants[1].level = 6;
  EXPECT_EQ(FieldOf(f), "wants[1].level");
  f = Valid();
  f.expertise[0].level = 0;
  EXPECT_EQ(FieldOf(f), "expertise[0].level");
  f = Valid();
  f.wants.push_back({"budgeting", 3});
  EXPECT_EQ(FieldOf(f), "wants[2].skill");
  f = Valid();
  f.bio = std::string(kMaxBioCodePoints + 1, 'a');
  EXPECT_EQ(FieldOf(f), "bio");
  f = Valid();
  f.languages = {"de", "EN"};
  EXPECT_EQ(FieldOf(f), "languages[1]");
  f = Valid();
  f.languages = {"de", "de"};
  EXPECT_EQ(FieldOf(f), "languages[1]");
  f = Valid();
  f.availability_hours_per_month = 161;
  EXPECT_EQ(FieldOf(f), "availability_hours_per_month");
  f.availability_hours_per_month = -1;
  EXPECT_EQ(FieldOf(f), "availability_hours_per_month");
}

TEST(ProfileTest, BioLimitCountsCodePointsNotBytes) {
  std::string bio;
  for (std::size_t i = 0; i < kMaxBioCodePoints; ++i) bio += "é";
  EXPECT_TRUE(IsValidBio(bio));
  EXPECT_FALSE(IsValidBio(bio + "a"));
}

TEST(ProfileTest, BioMustBeUtf8TextWithoutControls) {
  EXPECT_TRUE(IsValidBio(""));
  EXPECT_FALSE(IsValidBio("bad \xff byte"));
  EXPECT_FALSE(IsValidBio("truncated \xc3"));
  EXPECT_FALSE(IsValidBio("overlong \xc0\xaf"));
  EXPECT_FALSE(IsValidBio("surrogate \xed\xa0\x80"));
  EXPECT_FALSE(IsValidBio(std::string("nul \0 inside", 12)));
  EXPECT_FALSE(IsValidBio("bell \a"));
  EXPECT_FALSE(IsValidBio("c1 \xc2\x85"));
}

TEST(ProfileTest, MeetingPreferenceNamesRoundTrip) {
  for (auto p :
       {MeetingPreference::kVirtual, MeetingPreference::kInPerson, MeetingPreference::kEither}) {
    EXPECT_EQ(ParseMeetingPreference(MeetingPreferenceName(p)), p);
  }
  EXPECT_FALSE(ParseMeetingPreference("in person"));
}

TEST(SearchCursorTest, RoundTripsAndRejectsOthers) {
  EXPECT_EQ(DecodeSearchCursor(EncodeSearchCursor("E-12.x_9")), "E-12.x_9");
  EXPECT_FALSE(DecodeSearchCursor(""));
  EXPECT_FALSE(DecodeSearchCursor("E12"));
  EXPECT_FALSE(DecodeSearchCursor("c1"));
  EXPECT_FALSE(DecodeSearchCursor("c1abc"));
  EXPECT_FALSE(DecodeSearchCursor("c1zz"));
}

}  // namespace
}  // namespace pairwise::domain
