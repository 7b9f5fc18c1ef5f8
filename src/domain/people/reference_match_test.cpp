#include "domain/people/reference_match.h"

#include <gtest/gtest.h>

namespace pairwise::domain {
namespace {

TEST(FoldName, IgnoresCaseAccentsAndSpacing) {
  EXPECT_EQ(FoldName("S\xC3\xA3o Paulo"), "sao paulo");
  EXPECT_EQ(FoldName("  SAO   PAULO "), "sao paulo");
  EXPECT_EQ(FoldName("Z\xC3\xBCrich"), "zurich");
  EXPECT_EQ(FoldName("\xC3\x85LESUND"), "alesund");
  EXPECT_EQ(FoldName("Stra\xC3\x9F"
                     "e"),
            "strasse");
  EXPECT_EQ(FoldName("\xC5\x81\xC3\xB3"
                     "d\xC5\xBA"),
            "lodz");                          // Łódź
  EXPECT_EQ(FoldName("Sa\xCC\x83o"), "sao");  // a + combining tilde
  EXPECT_EQ(FoldName("\xE6\x9D\xB1\xE4\xBA\xAC"), "\xE6\x9D\xB1\xE4\xBA\xAC");  // kept
}

TEST(ReferenceIndex, FindsByCodeOrNameInAnyCaseWithOrWithoutAccents) {
  const std::vector<Department> departments = {{"ENG-PLAT", "Platform Engineering", "Eng"},
                                               {"SAL", "Sales", "Revenue"}};
  ReferenceIndex index{std::span<const Department>(departments)};
  for (std::string_view value : {"ENG-PLAT", "eng-plat", "Platform Engineering",
                                 "platform  ENGINEERING", " Platform Engineering "}) {
    auto match = index.Find(value);
    EXPECT_EQ(match.outcome, ReferenceIndex::Outcome::kFound) << value;
    EXPECT_EQ(match.code, "ENG-PLAT") << value;
  }
  EXPECT_EQ(index.Find("Platform").outcome, ReferenceIndex::Outcome::kNotFound);

  const std::vector<Site> sites = {{"SAO", "S\xC3\xA3o Paulo", "BR", "America/Sao_Paulo"}};
  ReferenceIndex site_index{std::span<const Site>(sites)};
  EXPECT_EQ(site_index.Find("Sao Paulo").code, "SAO");
  EXPECT_EQ(site_index.Find("S\xC3\x83O PAULO").code, "SAO");
}

TEST(ReferenceIndex, ANameOfSeveralEntriesIsAmbiguous) {
  ReferenceIndex index;
  index.Add("SAL-EU", "Sales");
  index.Add("SAL-US", "sales");
  EXPECT_EQ(index.Find("Sales").outcome, ReferenceIndex::Outcome::kAmbiguous);
  EXPECT_EQ(index.Find("SAL-US").code, "SAL-US");  // the code still finds it
}

TEST(ReferenceIndex, NewCodesComeFromTheNameAndAreUnique) {
  ReferenceIndex index;
  index.Add("PLATFORM-ENGINEERING", "Old platform team");
  EXPECT_EQ(index.AddNew("DATA"), "DATA");
  EXPECT_EQ(index.AddNew("Research & D\xC3\xA9veloppement"), "RESEARCH-DEVELOPPEMENT");
  EXPECT_EQ(index.AddNew("Platform Engineering"), "PLATFORM-ENGINEERING-2");
  EXPECT_EQ(index.AddNew("\xE7\xA0\x94\xE7\xA9\xB6"), "NEW");
  EXPECT_EQ(index.AddNew("!!!"), "NEW-2");
  // Added: found again by name.
  EXPECT_EQ(index.Find("platform engineering").code, "PLATFORM-ENGINEERING-2");
  const std::string long_code = index.AddNew(std::string(100, 'a') + " b");
  EXPECT_LE(long_code.size(), 64u);

  const Department d = NewDepartment("DATA", "Data");
  EXPECT_EQ(d.division, "Unassigned");
  EXPECT_EQ(NewSite("BER", "Berlin", "Europe/Berlin").country, "ZZ");
}

}  // namespace
}  // namespace pairwise::domain
