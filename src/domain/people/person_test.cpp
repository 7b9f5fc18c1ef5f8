#include "domain/people/person.h"

#include <gtest/gtest.h>

#include "domain/people/test_util.h"

namespace pairwise::domain {
namespace {

using testing::D;

TEST(DateTest, FormatsAndParsesIsoDates) {
  EXPECT_EQ(FormatDate(D(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(FormatDate(D(1999, 12, 1)), "1999-12-01");
  auto parsed = ParseDate("2024-02-29");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, D(2024, 2, 29));
}

TEST(DateTest, RefusesMalformedOrImpossibleDates) {
  for (const char* bad :
       {"", "2024-2-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024/01/01",
        "20240101", "2024-01-01T00:00:00", "abcd-ef-gh", " 2024-01-01", "2024-01-0a"}) {
    EXPECT_FALSE(ParseDate(bad).has_value()) << bad;
  }
}

TEST(EnumNamesTest, RoundTrip) {
  for (auto s : {EmploymentStatus::kActive, EmploymentStatus::kLeave, EmploymentStatus::kLeft}) {
    EXPECT_EQ(ParseEmploymentStatus(EmploymentStatusName(s)), s);
  }
  for (auto k : {PersonEventKind::kHire, PersonEventKind::kPromotion, PersonEventKind::kTitleChange,
                 PersonEventKind::kExit}) {
    EXPECT_EQ(ParsePersonEventKind(PersonEventKindName(k)), k);
  }
  EXPECT_FALSE(ParseEmploymentStatus("retired").has_value());
  EXPECT_FALSE(ParsePersonEventKind("Hire").has_value());
  EXPECT_EQ(PersonEventKindName(PersonEventKind::kTitleChange), "title_change");
}

}  // namespace
}  // namespace pairwise::domain
