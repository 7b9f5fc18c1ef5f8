#include "domain/programs/program_service.h"

#include <gtest/gtest.h>

#include "domain/people/import/testing/fake_audit_log.h"
#include "domain/people/test_util.h"
#include "storage/memory/memory_application_repository.h"
#include "storage/memory/memory_credential_repository.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/memory_program_repository.h"

namespace pairwise::domain {
namespace {

using testing::D;
using testing::MakePerson;
using testing::SmallDirectory;

Actor PersonActor(std::string employee_id, std::vector<Role> roles = {}) {
  Actor a;
  a.account_id = AccountId(7);
  a.employee_id = std::move(employee_id);
  a.roles = std::move(roles);
  return a;
}

// The small directory (E1 CEO, level 10; E2 and E3 directors, level 7; E4 left) plus E5 and E6
// (ENG, LON, level 3) under E2, and E8 (FIN) on leave. Today is 2026-11-23.
class ProgramServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Directory d = SmallDirectory();
    d.people.push_back(MakePerson("E5", "E2"));
    d.people.push_back(MakePerson("E6", "E2"));
    PersonRecord e8 = MakePerson("E8", "E3");
    e8.department = "FIN";
    e8.status = EmploymentStatus::kLeave;
    d.people.push_back(e8);
    ASSERT_TRUE(people_.LoadDirectory(d).ok());
  }

  static ProgramFields Fields(std::string name = "Grow with a mentor") {
    ProgramFields f;
    f.name = std::move(name);
    f.description = "Pairs for the first year";
    f.type = ProgramType::kOneOnOne;
    f.need = ProgramNeed::kOnboarding;
    f.measures = {"retention after a year"};
    f.start_date = D(2027, 1, 1);
    f.end_date = D(2027, 12, 31);
    f.enrollment_opens = D(2026, 11, 1);
    f.enrollment_closes = D(2026, 12, 15);
    f.coordinators = {"E6"};
    f.mentor_eligibility.min_level = 5;
    f.mentee_eligibility.max_level = 4;
    return f;
  }

  storage::MemoryPeopleRepository people_repository_;
  PeopleService people_{people_repository_};
  storage::MemoryProgramRepository programs_;
  storage::MemoryApplicationRepository applications_;
  testing::FakeAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::sys_days(D(2026, 11, 23)))};
  storage::MemoryCredentialRepository credentials_;
  ProgramService service_{programs_, applications_, people_, credentials_, audit_, clock_};
  const Actor coordinator_ = PersonActor("E6", {Role::kCoordinator});
  const Actor admin_ = PersonActor("E1", {Role::kAdmin});
};

TEST_F(ProgramServiceTest, CoordinatorCreatesADraftAndIsAmongItsCoordinators) {
  ProgramFields f = Fields();
  f.coordinators = {"E3"};
  auto created = service_.Create(coordinator_, f);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->program.status, ProgramStatus::kDraft);
  EXPECT_EQ(created->program.coordinators, (std::vector<std::string>{"E6", "E3"}));
  EXPECT_TRUE(created->coordinator);
  ASSERT_EQ(created->coordinators.size(), 2u);
  EXPECT_EQ(created->coordinators[1].name, "FirstE3 Last");
  // E6 is level 3: a mentee here, not a mentor.
  EXPECT_FALSE(created->mentor.eligible);
  EXPECT_EQ(created->mentor.reason->rule, "level");
  EXPECT_TRUE(created->mentee.eligible);
  ASSERT_EQ(audit_.entries().size(), 1u);
  EXPECT_EQ(audit_.entries()[0].action, "program_created");
  EXPECT_EQ(audit_.entries()[0].actor, "person E6");
}

TEST_F(ProgramServiceTest, OnlyCoordinatorsAndAdminsCreate) {
  EXPECT_EQ(service_.Create(PersonActor("E5"), Fields()).status().code(), ErrorCode::kForbidden);
  Actor token;
  token.kind = Actor::Kind::kApiToken;
  EXPECT_EQ(service_.Create(token, Fields()).status().code(), ErrorCode::kForbidden);
  EXPECT_TRUE(service_.Create(admin_, Fields()).ok());
  EXPECT_TRUE(programs_.ListPrograms()->size() == 1);
}

TEST_F(ProgramServiceTest, BadFieldsNameTheFieldAndStoreNothing) {
  struct Case {
    std::function<void(ProgramFields&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](ProgramFields& f) { f.name = ""; }, "name"},
      {[](ProgramFields& f) { f.name = " padded"; }, "name"},
      {[](ProgramFields& f) { f.end_date = f.start_date; }, "end_date"},
      {[](ProgramFields& f) { f.enrollment_closes = D(2026, 10, 1); }, "enrollment_closes"},
      {[](ProgramFields& f) { f.enrollment_closes = D(2028, 1, 1); }, "enrollment_closes"},
      {[](ProgramFields& f) { f.relationship_months = 0; }, "relationship_months"},
      {[](ProgramFields& f) { f.mentor_capacity.mentees = 21; }, "mentor_capacity.mentees"},
      {[](ProgramFields& f) { f.mentor_capacity.hours_per_month = 0; },
       "mentor_capacity.hours_per_month"},
      {[](ProgramFields& f) { f.type = ProgramType::kGroup; }, "group"},
      {[](ProgramFields& f) {
         f.type = ProgramType::kGroup;
         f.group = ProgramGroup{5, 3};
       },
       "group.max_size"},
      {[](ProgramFields& f) {
         f.group = ProgramGroup{2, 4};
       },
       "group"},
      {[](ProgramFields& f) {
         f.type = ProgramType::kTraining;
         f.training = ProgramTraining{"Kubernetes 101", {"kubernetes", "nope"}};
       },
       "training.skills[1]"},
      {[](ProgramFields& f) {
         f.coordinators = {"E6", "E404"};
       },
       "coordinators[1]"},
      {[](ProgramFields& f) {
         f.coordinators = {"E6", "E4"};
       },
       "coordinators[1]"},  // left
      {[](ProgramFields& f) {
         f.shadow_mentors = {"E2", "E2"};
       },
       "shadow_mentors"},
      {[](ProgramFields& f) {
         f.mentor_eligibility.departments = {"ENG", "XX"};
       },
       "eligibility.mentor.departments[1]"},
      {[](ProgramFields& f) { f.mentee_eligibility.sites = {"PAR"}; },
       "eligibility.mentee.sites[0]"},
      {[](ProgramFields& f) { f.mentee_eligibility.min_level = 5; },
       "eligibility.mentee.max_level"},
      {[](ProgramFields& f) { f.mentor_eligibility.min_level = 11; },
       "eligibility.mentor.min_level"},
      {[](ProgramFields& f) { f.mentee_eligibility.statuses = {EmploymentStatus::kLeft}; },
       "eligibility.mentee.statuses"},
      {[](ProgramFields& f) { f.max_ranked_choices = 11; }, "max_ranked_choices"},
      {[](ProgramFields& f) { f.request_expiry_days = 0; }, "request_expiry_days"},
      {[](ProgramFields& f) { f.measures = {""}; }, "measures[0]"},
  };
  for (const Case& c : cases) {
    ProgramFields f = Fields();
    c.change(f);
    auto created = service_.Create(coordinator_, f);
    ASSERT_FALSE(created.ok()) << c.field;
    EXPECT_EQ(created.status().code(), ErrorCode::kInvalidArgument) << c.field;
    EXPECT_EQ(created.status().field(), c.field) << created.status().ToString();
  }
  EXPECT_TRUE(programs_.ListPrograms()->empty());
}

// Limits are in characters, as the message says (before: "1 to 200 bytes", and a name of 150
// accented letters, 300 bytes, was refused).
TEST_F(ProgramServiceTest, TextLimitsCountCharactersNotBytes) {
  std::string accented;
  for (int i = 0; i < 200; ++i) accented += "\xc3\xa9";  // é: two bytes, one character
  ProgramFields f = Fields();
  f.name = accented;
  EXPECT_TRUE(service_.Create(coordinator_, f).ok());
  f.name = accented + "e";
  auto refused = service_.Create(coordinator_, f);
  EXPECT_EQ(refused.status().field(), "name");
  EXPECT_EQ(refused.status().client_message(),
            "The name must be 1 to 200 characters, without spaces at either end.");
  EXPECT_EQ(refused.status().client_message().find("bytes"), std::string::npos);
}

TEST_F(ProgramServiceTest, NamesAreUniqueAmongProgramsNotArchived) {
  auto first = service_.Create(coordinator_, Fields("Leaders"));
  ASSERT_TRUE(first.ok());
  auto again = service_.Create(coordinator_, Fields("LEADERS"));
  EXPECT_EQ(again.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(again.status().reason(), "duplicate_name");
  ASSERT_TRUE(service_.MoveTo(coordinator_, first->program.id, ProgramStatus::kArchived).ok());
  EXPECT_TRUE(service_.Create(coordinator_, Fields("Leaders")).ok());
}

TEST_F(ProgramServiceTest, DraftsAreHiddenFromEveryoneButTheirCoordinators) {
  auto created = service_.Create(coordinator_, Fields());
  ASSERT_TRUE(created.ok());
  const ProgramId id = created->program.id;
  EXPECT_EQ(service_.Get(PersonActor("E5"), id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.Get(PersonActor("E3", {Role::kCoordinator}), id).status().code(),
            ErrorCode::kNotFound);
  EXPECT_TRUE(service_.Get(admin_, id).ok());
  EXPECT_EQ(service_.Get(PersonActor("E5"), ProgramId(99)).status().code(), ErrorCode::kNotFound);
  ASSERT_TRUE(service_.MoveTo(coordinator_, id, ProgramStatus::kOpen).ok());
  auto seen = service_.Get(PersonActor("E5"), id);
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->coordinator);
  EXPECT_TRUE(seen->mentee.eligible);
  // Seen is not edited: 403, with nothing changed.
  EXPECT_EQ(service_.Update(PersonActor("E5"), id, Fields("Other")).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(service_.MoveTo(PersonActor("E3", {Role::kCoordinator}), id, ProgramStatus::kClosed)
                .status()
                .code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(programs_.FindProgram(id)->name, "Grow with a mentor");
}

TEST_F(ProgramServiceTest, StatusMovesAlongTheLifecycleOnly) {
  auto created = service_.Create(coordinator_, Fields());
  ASSERT_TRUE(created.ok());
  const ProgramId id = created->program.id;
  auto bad = service_.MoveTo(coordinator_, id, ProgramStatus::kClosed);
  EXPECT_EQ(bad.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(bad.status().reason(), "invalid_transition");
  for (ProgramStatus to : {ProgramStatus::kOpen, ProgramStatus::kClosed, ProgramStatus::kOpen,
                           ProgramStatus::kClosed, ProgramStatus::kArchived}) {
    auto moved = service_.MoveTo(coordinator_, id, to);
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
    EXPECT_EQ(moved->program.status, to);
  }
  EXPECT_EQ(service_.MoveTo(coordinator_, id, ProgramStatus::kOpen).status().reason(),
            "invalid_transition");
  auto edit = service_.Update(coordinator_, id, Fields());
  EXPECT_EQ(edit.status().reason(), "archived");
  EXPECT_EQ(audit_.entries().back().action, "program_archived");
}

TEST_F(ProgramServiceTest, UpdateReplacesTheFields) {
  auto created = service_.Create(coordinator_, Fields());
  ASSERT_TRUE(created.ok());
  ProgramFields f = Fields("Renamed");
  f.type = ProgramType::kGroup;
  f.group = ProgramGroup{3, 5};
  f.coordinators = {"E6", "E2"};
  auto updated = service_.Update(coordinator_, created->program.id, f);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(static_cast<const ProgramFields&>(updated->program), f);
  // A coordinator may hand the program over; then it is theirs no more.
  f.coordinators = {"E2"};
  ASSERT_TRUE(service_.Update(coordinator_, created->program.id, f).ok());
  EXPECT_EQ(service_.Update(coordinator_, created->program.id, f).status().code(),
            ErrorCode::kNotFound);  // a draft they no longer coordinate
}

TEST_F(ProgramServiceTest, ListsWhatIRunWhatICanJoinAndAll) {
  auto mine = service_.Create(coordinator_, Fields("Mine"));
  ProgramFields other = Fields("Theirs");
  other.coordinators = {"E2"};
  auto theirs = service_.Create(PersonActor("E2", {Role::kCoordinator}), other);
  ProgramFields later = Fields("Later");
  later.enrollment_opens = D(2026, 12, 1);
  auto not_yet = service_.Create(coordinator_, later);
  ASSERT_TRUE(mine.ok() && theirs.ok() && not_yet.ok());
  ASSERT_TRUE(service_.MoveTo(admin_, theirs->program.id, ProgramStatus::kOpen).ok());
  ASSERT_TRUE(service_.MoveTo(coordinator_, not_yet->program.id, ProgramStatus::kOpen).ok());
  auto names = [](const Result<std::vector<Program>>& list) {
    std::vector<std::string> out;
    for (const Program& p : *list) out.push_back(p.name);
    return out;
  };
  EXPECT_EQ(names(service_.List(coordinator_, ProgramListView::kRunning)),
            (std::vector<std::string>{"Mine", "Later"}));
  EXPECT_EQ(names(service_.List(PersonActor("E5"), ProgramListView::kJoinable)),
            (std::vector<std::string>{"Theirs"}));
  EXPECT_EQ(names(service_.List(PersonActor("E5"), ProgramListView::kAll)),
            (std::vector<std::string>{"Theirs", "Later"}));
  EXPECT_EQ(names(service_.List(admin_, ProgramListView::kAll)).size(), 3u);
  EXPECT_TRUE(service_.List(admin_, ProgramListView::kRunning)->empty());
  // E8 is on leave: the rules admit active people only by default.
  EXPECT_TRUE(service_.List(PersonActor("E8"), ProgramListView::kJoinable)->empty());
  // Once E5 has applied, the program is one E5 is in, not one to join; withdrawn, it is again.
  Application applied;
  applied.program = theirs->program.id;
  applied.side = Side::kMentee;
  applied.employee_id = "E5";
  auto created = applications_.CreateApplications({applied}, clock_.Now());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_TRUE(service_.List(PersonActor("E5"), ProgramListView::kJoinable)->empty());
  ASSERT_TRUE(applications_
                  .Decide(theirs->program.id, {created->front().id},
                          {ApplicationStatus::kSubmitted}, ApplicationStatus::kWithdrawn, "",
                          clock_.Now())
                  .ok());
  EXPECT_EQ(names(service_.List(PersonActor("E5"), ProgramListView::kJoinable)),
            (std::vector<std::string>{"Theirs"}));
}

TEST_F(ProgramServiceTest, CountsWhomTheRulesAdmit) {
  EligibilityRules mentors;
  mentors.min_level = 7;  // E1, E2, E3
  EligibilityRules mentees;
  mentees.departments = {"ENG"};
  mentees.statuses = {EmploymentStatus::kActive, EmploymentStatus::kLeave};
  auto counts = service_.CountEligible(coordinator_, mentors, mentees);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->mentors, 3);
  EXPECT_EQ(counts->mentees, 4);  // E1, E2, E5, E6 (E3 and E8 are FIN, E4 left)
  mentees.sites = {"XX"};
  EXPECT_EQ(service_.CountEligible(coordinator_, mentors, mentees).status().field(),
            "eligibility.mentee.sites[0]");
  EXPECT_EQ(service_.CountEligible(PersonActor("E5"), mentors, mentees).status().code(),
            ErrorCode::kForbidden);
}

TEST_F(ProgramServiceTest, MentorsMayOnlyLowerTheirCapacity) {
  ProgramFields f = Fields();
  f.mentor_capacity = {3, 6};
  f.mentor_eligibility = {};
  auto created = service_.Create(coordinator_, f);
  ASSERT_TRUE(created.ok());
  const ProgramId id = created->program.id;
  ASSERT_TRUE(service_.MoveTo(coordinator_, id, ProgramStatus::kOpen).ok());
  const Actor mentor = PersonActor("E2");
  EXPECT_EQ(*service_.GetMyCapacity(mentor, id), (MentorCapacity{3, 6}));
  auto lowered = service_.SetMyCapacity(mentor, id, {1, 2});
  ASSERT_TRUE(lowered.ok()) << lowered.status().ToString();
  EXPECT_EQ(*lowered, (MentorCapacity{1, 2}));
  EXPECT_EQ(*programs_.EffectiveMentorCapacity(id, "E2"), (MentorCapacity{1, 2}));
  EXPECT_EQ(service_.SetMyCapacity(mentor, id, {4, 2}).status().field(), "mentees");
  EXPECT_EQ(service_.SetMyCapacity(mentor, id, {1, 0}).status().field(), "hours_per_month");
  EXPECT_EQ(*programs_.EffectiveMentorCapacity(id, "E2"), (MentorCapacity{1, 2}));
  // E8 is on leave: not a mentor here.
  EXPECT_EQ(service_.SetMyCapacity(PersonActor("E8"), id, {1, 1}).status().reason(), "ineligible");
}

// Seed 004: a program that requires credentialed mentors takes only holders of a current
// credential into its shadow mentor pool (issue 21); other programs take anyone.
TEST_F(ProgramServiceTest, AProgramThatRequiresTheCredentialRestrictsItsShadowMentorPool) {
  Credential current;
  current.holder = "E2";
  current.issued_by = "E1";
  current.issued_at = clock_.Now() - std::chrono::days(10);
  current.expires_at = clock_.Now() + std::chrono::days(300);
  ASSERT_TRUE(credentials_.Grant(current).ok());
  Credential expired = current;
  expired.holder = "E3";
  expired.expires_at = clock_.Now() - std::chrono::days(1);
  ASSERT_TRUE(credentials_.Grant(expired).ok());

  ProgramFields f = Fields();
  f.requires_mentor_credential = true;
  f.shadow_mentors = {"E2", "E3"};
  auto refused = service_.Create(coordinator_, f);
  EXPECT_EQ(refused.status().field(), "shadow_mentors[1]");
  EXPECT_EQ(refused.status().reason(), "credential_required");
  f.shadow_mentors = {"E2", "E5"};
  EXPECT_EQ(service_.Create(coordinator_, f).status().field(), "shadow_mentors[1]");
  f.shadow_mentors = {"E2"};
  auto created = service_.Create(coordinator_, f);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // Updating keeps the rule; a program that does not require the credential takes anyone.
  f.shadow_mentors = {"E2", "E3"};
  EXPECT_EQ(service_.Update(coordinator_, created->program.id, f).status().reason(),
            "credential_required");
  ProgramFields open = Fields("Anyone may shadow");
  open.shadow_mentors = {"E3", "E5"};
  EXPECT_TRUE(service_.Create(coordinator_, open).ok());
}

}  // namespace
}  // namespace pairwise::domain
