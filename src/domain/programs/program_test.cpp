#include "domain/programs/program.h"

#include <gtest/gtest.h>

#include "domain/people/test_util.h"
#include "domain/programs/participation.h"

namespace pairwise::domain {
namespace {

using testing::D;

Person Someone() {
  Person p;
  static_cast<PersonRecord&>(p) = testing::MakePerson("E7");  // ENG, LON, level 3, 2020-03-15
  return p;
}

TEST(ProgramNames, RoundTrip) {
  for (auto t : {ProgramType::kOneOnOne, ProgramType::kGroup, ProgramType::kSelfMatch,
                 ProgramType::kTraining, ProgramType::kReverse, ProgramType::kVirtual}) {
    EXPECT_EQ(ParseProgramType(ProgramTypeName(t)), t);
  }
  EXPECT_EQ(ProgramTypeName(ProgramType::kSelfMatch), "self_match");
  EXPECT_EQ(ParseProgramNeed("leadership"), ProgramNeed::kLeadership);
  EXPECT_EQ(ProgramNeedName(ProgramNeed::kCultureChange), "culture_change");
  EXPECT_EQ(ParseProgramStatus("archived"), ProgramStatus::kArchived);
  EXPECT_EQ(ParseMeetingCadence("biweekly"), MeetingCadence::kBiweekly);
  EXPECT_EQ(ParseSide("mentor"), Side::kMentor);
  EXPECT_EQ(ParseApplicationStatus("withdrawn"), ApplicationStatus::kWithdrawn);
  EXPECT_FALSE(ParseProgramType("One_On_One"));
  EXPECT_FALSE(ParseProgramNeed(""));
  EXPECT_FALSE(ParseSide("both"));
}

TEST(TenureMonths, CountsWholeMonths) {
  EXPECT_EQ(TenureMonths(D(2020, 3, 15), D(2020, 3, 15)), 0);
  EXPECT_EQ(TenureMonths(D(2020, 3, 15), D(2020, 4, 14)), 0);
  EXPECT_EQ(TenureMonths(D(2020, 3, 15), D(2020, 4, 15)), 1);
  EXPECT_EQ(TenureMonths(D(2020, 3, 15), D(2022, 3, 15)), 24);
  EXPECT_EQ(TenureMonths(D(2021, 1, 31), D(2021, 2, 28)), 1);  // the month's last day counts
  EXPECT_EQ(TenureMonths(D(2021, 1, 31), D(2021, 2, 27)), 0);
  EXPECT_EQ(TenureMonths(D(2025, 1, 1), D(2024, 1, 1)), 0);  // hired in the future
}

TEST(Eligibility, EmptyRulesAdmitActivePeopleOnly) {
  Person p = Someone();
  EXPECT_FALSE(CheckEligibility({}, Side::kMentee, p, D(2026, 1, 1)));
  p.status = EmploymentStatus::kLeave;
  auto reason = CheckEligibility({}, Side::kMentee, p, D(2026, 1, 1));
  ASSERT_TRUE(reason);
  EXPECT_EQ(reason->rule, "status");
  EXPECT_NE(reason->message.find("on leave"), std::string::npos);
  EligibilityRules with_leave;
  with_leave.statuses = {EmploymentStatus::kActive, EmploymentStatus::kLeave};
  EXPECT_FALSE(CheckEligibility(with_leave, Side::kMentee, p, D(2026, 1, 1)));
  p.status = EmploymentStatus::kLeft;
  with_leave.statuses.push_back(EmploymentStatus::kLeft);  // people who left never join
  EXPECT_EQ(CheckEligibility(with_leave, Side::kMentee, p, D(2026, 1, 1))->rule, "status");
}

TEST(Eligibility, EachRuleRefusesWithItsName) {
  const Person p = Someone();
  const Date today = D(2026, 1, 1);
  EligibilityRules r;
  r.departments = {"FIN"};
  EXPECT_EQ(CheckEligibility(r, Side::kMentor, p, today)->rule, "department");
  r.departments = {"FIN", "ENG"};
  EXPECT_FALSE(CheckEligibility(r, Side::kMentor, p, today));
  r.sites = {"NYC"};
  EXPECT_EQ(CheckEligibility(r, Side::kMentor, p, today)->rule, "site");
  r.sites = {};
  r.min_level = 4;
  auto level = CheckEligibility(r, Side::kMentor, p, today);
  ASSERT_TRUE(level);
  EXPECT_EQ(level->rule, "level");
  EXPECT_EQ(level->message, "this program takes level 4 and above as a mentor");
  r.min_level = 1;
  r.max_level = 2;
  EXPECT_EQ(CheckEligibility(r, Side::kMentor, p, today)->message,
            "this program takes levels 1 to 2 as a mentor");
  r.max_level = 3;
  EXPECT_FALSE(CheckEligibility(r, Side::kMentor, p, today));
  r.min_tenure_months = 70;  // hired 2020-03-15: 69 whole months on 2026-01-01
  EXPECT_EQ(CheckEligibility(r, Side::kMentee, p, today)->rule, "tenure");
  r.min_tenure_months = 69;
  EXPECT_FALSE(CheckEligibility(r, Side::kMentee, p, today));
  r.employee_ids = {"E1", "E2"};
  EXPECT_EQ(CheckEligibility(r, Side::kMentee, p, today)->rule, "list");
  r.employee_ids.push_back("E7");
  EXPECT_FALSE(CheckEligibility(r, Side::kMentee, p, today));
}

TEST(Program, CoordinatorsAndAdminsCoordinate) {
  Program program;
  program.coordinators = {"E2"};
  Actor coordinator;
  coordinator.employee_id = "E2";
  Actor other;
  other.employee_id = "E3";
  other.roles = {Role::kCoordinator};  // the role alone is not this program
  Actor admin;
  admin.employee_id = "E9";
  admin.roles = {Role::kAdmin};
  Actor token;
  token.kind = Actor::Kind::kApiToken;
  EXPECT_TRUE(IsProgramCoordinator(program, coordinator));
  EXPECT_FALSE(IsProgramCoordinator(program, other));
  EXPECT_TRUE(IsProgramCoordinator(program, admin));
  EXPECT_FALSE(IsProgramCoordinator(program, token));
}

TEST(Program, EnrollmentOpensOnlyWhileOpenAndInTheWindow) {
  Program program;
  program.enrollment_opens = D(2026, 2, 1);
  program.enrollment_closes = D(2026, 2, 28);
  EXPECT_FALSE(IsEnrollmentOpen(program, D(2026, 2, 10)));  // draft
  program.status = ProgramStatus::kOpen;
  EXPECT_FALSE(IsEnrollmentOpen(program, D(2026, 1, 31)));
  EXPECT_TRUE(IsEnrollmentOpen(program, D(2026, 2, 1)));
  EXPECT_TRUE(IsEnrollmentOpen(program, D(2026, 2, 28)));
  EXPECT_FALSE(IsEnrollmentOpen(program, D(2026, 3, 1)));
  program.status = ProgramStatus::kClosed;
  EXPECT_FALSE(IsEnrollmentOpen(program, D(2026, 2, 10)));
}

}  // namespace
}  // namespace pairwise::domain
