#include "domain/selfmatch/selfmatch_service.h"

#include <gtest/gtest.h>

#include "domain/applications/application_service.h"
#include "domain/people/import/testing/fake_audit_log.h"
#include "domain/people/test_util.h"
#include "domain/programs/program_service.h"
#include "storage/memory/memory_application_repository.h"
#include "storage/memory/memory_credential_repository.h"
#include "storage/memory/memory_match_request_repository.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/memory_profile_repository.h"
#include "storage/memory/memory_program_repository.h"
#include "storage/memory/memory_relationship_repository.h"
#include "storage/memory/recording_mail_queue.h"

namespace pairwise::domain {
namespace {

using testing::D;
using testing::MakePerson;

Actor PersonActor(std::string employee_id, std::vector<Role> roles = {}) {
  Actor a;
  a.account_id = AccountId(7);
  a.employee_id = std::move(employee_id);
  a.roles = std::move(roles);
  return a;
}

// Mentors E1 (level 10) and E2 (level 7, capacity lowered to 1); mentees E5, E6, E7 (level 3);
// coordinator E3; E8 (level 6) has not applied. A self-match program with requests open for 7
// days. Today 2026-11-23.
class SelfMatchServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Directory d = testing::SmallDirectory();
    for (const char* id : {"E5", "E6", "E7"}) d.people.push_back(MakePerson(id, "E2"));
    d.people.push_back(MakePerson("E8", "E2"));
    d.people.back().level = 6;
    ASSERT_TRUE(people_.LoadDirectory(d).ok());
    Profile e2;
    e2.employee_id = "E2";
    e2.expertise = {{"cpp", 5}};
    e2.bio = "Twenty years of C++";
    e2.availability_hours_per_month = 6;
    e2.updated_at = TimePoint(std::chrono::sys_days(D(2026, 11, 1)));
    Status saved = profiles_.SaveProfiles(std::vector<Profile>{e2});
    ASSERT_TRUE(saved.ok()) << saved.ToString();
    ProgramFields f;
    f.name = "Find a mentor";
    f.type = ProgramType::kSelfMatch;
    f.start_date = D(2027, 1, 1);
    f.end_date = D(2027, 12, 31);
    f.enrollment_opens = D(2026, 11, 1);
    f.enrollment_closes = D(2026, 12, 15);
    f.coordinators = {"E3"};
    f.mentor_capacity = {2, 4};
    f.mentor_eligibility.min_level = 5;
    f.mentee_eligibility.max_level = 4;
    f.request_expiry_days = 7;
    auto created = programs_.Create(coordinator_, f);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    program_ = created->program.id;
    ASSERT_TRUE(programs_.MoveTo(coordinator_, program_, ProgramStatus::kOpen).ok());
    ASSERT_TRUE(applications_.Nominate(coordinator_, program_, Side::kMentor, {"E1", "E2"}).ok());
    ASSERT_TRUE(
        applications_.Nominate(coordinator_, program_, Side::kMentee, {"E5", "E6", "E7"}).ok());
    ASSERT_TRUE(programs_.SetMyCapacity(PersonActor("E2"), program_, {1, 4}).ok());
  }

  storage::MemoryPeopleRepository people_repository_;
  PeopleService people_{people_repository_};
  storage::MemoryProfileRepository profiles_{people_repository_};
  storage::MemoryProgramRepository program_repository_;
  storage::MemoryApplicationRepository application_repository_;
  storage::MemoryRelationshipRepository relationships_;
  storage::MemoryMatchRequestRepository requests_{relationships_};
  storage::RecordingMailQueue mail_;
  testing::FakeAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::sys_days(D(2026, 11, 23)))};
  storage::MemoryCredentialRepository credentials_;
  ProgramService programs_{
      program_repository_, application_repository_, people_, credentials_, audit_, clock_};
  ApplicationService applications_{application_repository_,
                                   program_repository_,
                                   relationships_,
                                   people_,
                                   credentials_,
                                   mail_,
                                   audit_,
                                   clock_,
                                   "https://pw.test"};
  SelfMatchService service_{requests_, program_repository_, application_repository_,
                            people_,   profiles_,           mail_,
                            clock_,    "https://pw.test"};
  const Actor coordinator_ = PersonActor("E3", {Role::kCoordinator});
  ProgramId program_;
};

TEST_F(SelfMatchServiceTest, ApprovedMenteesBrowseMentorsWithFilters) {
  auto all = service_.BrowseMentors(PersonActor("E5"), program_, {});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].employee_id, "E2");
  EXPECT_EQ((*all)[1].bio, "Twenty years of C++");
  EXPECT_EQ((*all)[1].capacity, 1);  // lowered by the mentor
  MentorFilter by_skill;
  by_skill.skill = "cpp";
  EXPECT_EQ(service_.BrowseMentors(PersonActor("E5"), program_, by_skill)->size(), 1u);
  MentorFilter by_hours;
  by_hours.min_hours = 7;
  EXPECT_TRUE(service_.BrowseMentors(PersonActor("E5"), program_, by_hours)->empty());
  EXPECT_TRUE(service_.BrowseMentors(coordinator_, program_, {}).ok());
  // Not an approved mentee: refused.
  EXPECT_EQ(service_.BrowseMentors(PersonActor("E2"), program_, {}).status().code(),
            ErrorCode::kForbidden);
}

TEST_F(SelfMatchServiceTest, RequestAcceptWithinCapacity) {
  auto request = service_.Request(PersonActor("E5"), program_, "E2", "Could you help me?");
  ASSERT_TRUE(request.ok()) << request.status().ToString();
  EXPECT_EQ(request->status, RequestStatus::kPending);
  EXPECT_EQ(request->mentor_name, "FirstE2 Last");
  ASSERT_TRUE(mail_.LastTo("p.E2@example.com"));
  auto other = service_.Request(PersonActor("E5"), program_, "E1", "");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(service_.Request(PersonActor("E5"), program_, "E2", "").status().reason(),
            "request_exists");
  auto e6 = service_.Request(PersonActor("E6"), program_, "E2", "");
  ASSERT_TRUE(e6.ok());

  // Only the mentor answers; the mentee may know of it (403), others may not (404).
  EXPECT_EQ(service_.Accept(PersonActor("E5"), request->request.id, "").status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(service_.Accept(PersonActor("E7"), request->request.id, "").status().code(),
            ErrorCode::kNotFound);
  EXPECT_TRUE(relationships_.ListForProgram(program_, false)->empty());
  auto accepted = service_.Accept(PersonActor("E2"), request->request.id, "Gladly");
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  EXPECT_EQ(accepted->status, RequestStatus::kAccepted);
  // Accepting started the relationship, as publishing a proposal would.
  auto pairs = relationships_.ListForProgram(program_, true);
  ASSERT_TRUE(pairs.ok());
  ASSERT_EQ(pairs->size(), 1u);
  const Relationship& pair = pairs->front();
  EXPECT_EQ(pair.id, accepted->relationship);
  EXPECT_EQ(pair.mentor, "E2");
  EXPECT_EQ(pair.mentee, "E5");
  EXPECT_EQ(pair.status, RelationshipStatus::kPendingAgreement);  // both accept the agreement next
  EXPECT_EQ(pair.source, RelationshipSource::kSelfMatch);
  EXPECT_EQ(pair.request, request->request.id);
  EXPECT_FALSE(pair.proposal.valid());
  EXPECT_EQ(pair.started_at, clock_.Now());
  EXPECT_EQ(pair.explanation, kSelfMatchExplanation);
  EXPECT_EQ(relationships_.ListForPerson("E5")->size(), 1u);
  auto to_mentee = mail_.LastTo("p.E5@example.com");
  ASSERT_TRUE(to_mentee);
  EXPECT_NE(to_mentee->text.find("Gladly"), std::string::npos);
  // E5's other request is withdrawn; E2 is full now (capacity 1).
  EXPECT_EQ(service_.ListRequests(PersonActor("E5"), program_, "outgoing")->front().status,
            RequestStatus::kWithdrawn);
  EXPECT_EQ(service_.Accept(PersonActor("E2"), e6->request.id, "").status().reason(),
            "mentor_full");
  EXPECT_EQ(service_.Request(PersonActor("E7"), program_, "E2", "").status().reason(),
            "mentor_full");
  EXPECT_EQ(service_.Request(PersonActor("E5"), program_, "E1", "").status().reason(),
            "already_matched");
  auto declined = service_.Decline(PersonActor("E2"), e6->request.id, "I am full, sorry");
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ(declined->status, RequestStatus::kDeclined);
  EXPECT_EQ(service_.BrowseMentors(PersonActor("E6"), program_, {})->at(1).taken, 1);
}

TEST_F(SelfMatchServiceTest, RequestsExpireAndMenteesCancel) {
  auto request = service_.Request(PersonActor("E5"), program_, "E1", "");
  ASSERT_TRUE(request.ok());
  auto second = service_.Request(PersonActor("E5"), program_, "E2", "");
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(service_.Cancel(PersonActor("E5"), second->request.id).ok());
  EXPECT_EQ(service_.Cancel(PersonActor("E5"), second->request.id).status().reason(),
            "invalid_status");
  clock_.Advance(std::chrono::days(8));
  EXPECT_EQ(service_.ListRequests(PersonActor("E1"), program_, "incoming")->front().status,
            RequestStatus::kExpired);
  EXPECT_EQ(service_.Accept(PersonActor("E1"), request->request.id, "").status().reason(),
            "request_expired");
  // Three live requests at most.
  ASSERT_TRUE(service_.Request(PersonActor("E6"), program_, "E1", "").ok());
  ASSERT_TRUE(service_.Request(PersonActor("E6"), program_, "E2", "").ok());
  EXPECT_EQ(service_.ListRequests(PersonActor("E6"), program_, "all").status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(service_.ListRequests(coordinator_, program_, "all")->size(), 4u);
}

// The mentor form is the mentor's listing: skills and a long answer given there are searched and
// shown, and the hours are the ones the mentor gives the program, never 0.
TEST_F(SelfMatchServiceTest, MentorsAreFoundByWhatTheirApplicationSays) {
  Question skills{"offers", QuestionType::kSkills, "Skills you can help with", "", false, {}};
  Question about{"about", QuestionType::kLongText, "About you", "", false, {}};
  ASSERT_TRUE(applications_.SaveForm(coordinator_, program_, Side::kMentor, {skills, about}).ok());
  auto applied = applications_.Apply(PersonActor("E8"), program_, Side::kMentor,
                                     {{"offers", {AnswerShape::kList, {"kubernetes"}}},
                                      {"about", {AnswerShape::kText, {"I run clusters."}}}});
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  ASSERT_TRUE(
      applications_.Decide(coordinator_, program_, {applied->application.id}, true, "").ok());

  MentorFilter kubernetes;
  kubernetes.skill = "kubernetes";
  auto found = service_.BrowseMentors(PersonActor("E5"), program_, kubernetes);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 1u);
  const MentorCard& card = found->front();
  EXPECT_EQ(card.employee_id, "E8");
  EXPECT_EQ(card.bio, "I run clusters.");
  ASSERT_EQ(card.expertise.size(), 1u);
  EXPECT_EQ(card.expertise[0].level, kFormSkillLevel);
  EXPECT_EQ(card.availability_hours_per_month, 4);  // the program's hours; no profile
  // E2's profile says 6 hours, the capacity E2 set 4: the program gets 4.
  auto all = service_.BrowseMentors(PersonActor("E5"), program_, {});
  ASSERT_TRUE(all.ok());
  for (const MentorCard& c : *all) {
    EXPECT_GT(c.availability_hours_per_month, 0) << c.employee_id;
    if (c.employee_id == "E2") {
      EXPECT_EQ(c.availability_hours_per_month, 4);
    }
  }
}

}  // namespace
}  // namespace pairwise::domain
