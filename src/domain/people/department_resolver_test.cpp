#include "domain/people/department_resolver.h"

#include <gtest/gtest.h>

namespace pairwise::domain {
namespace {

TEST(DepartmentResolver, KnownByCodeOrNameNewOnesCreatedOnce) {
  DepartmentResolver resolver({{"ENG", "Engineering", "Tech"}, {"Sales-Ops", "Sales Ops", "Go"}});
  EXPECT_EQ(resolver.Resolve("ENG")->code, "ENG");
  EXPECT_FALSE(resolver.Resolve("ENG")->created);
  EXPECT_EQ(resolver.Resolve("engineering")->code, "ENG");

  auto data = resolver.Resolve("DATA");  // a valid code: kept as the code
  ASSERT_TRUE(data);
  EXPECT_TRUE(data->created);
  EXPECT_EQ(data->code, "DATA");
  auto hr = resolver.Resolve("Human Resources & Talent");  // a name: a code made from it
  ASSERT_TRUE(hr);
  EXPECT_EQ(hr->code, "Human-Resources-Talent");
  // Named again (any case): the same department, not created twice.
  EXPECT_EQ(resolver.Resolve("human resources & talent")->code, "Human-Resources-Talent");
  EXPECT_FALSE(resolver.Resolve("Human Resources & Talent")->created);
  // A made-up code already taken gets a suffix; a name of other scripts gets a placeholder.
  EXPECT_EQ(resolver.Resolve("Sales / Ops")->code, "Sales-Ops-2");
  EXPECT_EQ(resolver.Resolve("研究開発")->code, "DEPT");
  ASSERT_EQ(resolver.created().size(), 4u);
  EXPECT_EQ(resolver.created()[1],
            (Department{"Human-Resources-Talent", "Human Resources & Talent", "Unassigned"}));
  // Not a name at all.
  EXPECT_FALSE(resolver.Resolve(""));
  EXPECT_FALSE(resolver.Resolve(" padded "));
  EXPECT_FALSE(resolver.Resolve("tab\there"));
  EXPECT_FALSE(resolver.Resolve(std::string(201, 'x')));
}

}  // namespace
}  // namespace pairwise::domain
