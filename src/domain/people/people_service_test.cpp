#include "domain/people/people_service.h"

#include <gtest/gtest.h>

#include "domain/people/test_util.h"
#include "storage/memory/memory_people_repository.h"

namespace pairwise::domain {
namespace {

using testing::D;
using testing::MakePerson;
using testing::SmallDirectory;

class PeopleServiceTest : public ::testing::Test {
 protected:
  storage::MemoryPeopleRepository repository_;
  PeopleService service_{repository_};

  int64_t Count() {
    auto count = service_.CountPeople();
    EXPECT_TRUE(count.ok());
    return count.ok() ? *count : -1;
  }
};

TEST_F(PeopleServiceTest, LoadsADirectory) {
  ASSERT_TRUE(service_.LoadDirectory(SmallDirectory()).ok());
  EXPECT_EQ(Count(), 4);
  auto e4 = service_.FindPerson("E4");
  ASSERT_TRUE(e4.ok());
  EXPECT_EQ(static_cast<const PersonRecord&>(*e4), SmallDirectory().people[3]);
  auto chain = service_.ManagementChain("E4");
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(*chain, (std::vector<std::string>{"E2", "E1"}));
  auto history = service_.History("E4");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].kind, PersonEventKind::kHire);
  EXPECT_EQ((*history)[2].kind, PersonEventKind::kExit);
  auto departments = service_.ListDepartments();
  ASSERT_TRUE(departments.ok());
  EXPECT_EQ(departments->size(), 2u);
}

TEST_F(PeopleServiceTest, BadRecordWritesNothing) {
  Directory d = SmallDirectory();
  d.people[3].email = "broken";
  Status s = service_.LoadDirectory(d);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "people[3].email");
  EXPECT_EQ(Count(), 0);
  auto departments = service_.ListDepartments();
  ASSERT_TRUE(departments.ok());
  EXPECT_TRUE(departments->empty());
}

TEST_F(PeopleServiceTest, UnknownManagerIsRefused) {
  Directory d = SmallDirectory();
  d.people[3].manager_employee_id = "E99";
  Status s = service_.LoadDirectory(d);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "people[3].manager_employee_id");
  EXPECT_NE(s.client_message().find("E99"), std::string::npos);
  EXPECT_EQ(Count(), 0);
}

TEST_F(PeopleServiceTest, CycleIsRefused) {
  Directory d = SmallDirectory();
  d.people[0].manager_employee_id = "E4";  // E1 -> E4 -> E2 -> E1
  Status s = service_.LoadDirectory(d);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.client_message().find("management cycle"), std::string::npos);
  EXPECT_EQ(Count(), 0);
}

TEST_F(PeopleServiceTest, LaterLoadsMayReferToStoredPeopleAndReferenceData) {
  ASSERT_TRUE(service_.LoadDirectory(SmallDirectory()).ok());
  Directory more;
  more.people = {MakePerson("E5", "E4"), MakePerson("E6", "E5")};
  more.events = {{"E1", PersonEventKind::kPromotion, D(2025, 1, 1), 9, 10, "", "CEO"}};
  ASSERT_TRUE(service_.LoadDirectory(more).ok());
  EXPECT_EQ(Count(), 6);
  auto chain = service_.ManagementChain("E6");
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(*chain, (std::vector<std::string>{"E5", "E4", "E2", "E1"}));
}

TEST_F(PeopleServiceTest, CycleThroughStoredPeopleIsRefused) {
  ASSERT_TRUE(service_.LoadDirectory(SmallDirectory()).ok());
  // Stored: E4 -> E2 -> E1. Making E2 report to E4 closes a loop.
  Directory change;
  PersonRecord e2 = SmallDirectory().people[1];
  e2.manager_employee_id = "E4";
  change.people = {e2};
  Status s = service_.LoadDirectory(change);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  EXPECT_EQ(s.field(), "people[0].manager_employee_id");
  auto chain = service_.ManagementChain("E4");
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(*chain, (std::vector<std::string>{"E2", "E1"}));
}

TEST_F(PeopleServiceTest, UnknownStoredReferencesAreRefused) {
  Directory d;
  PersonRecord p = MakePerson("N1");
  p.department = "NOPE";
  d.people = {p};
  Status s = service_.LoadDirectory(d);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "people[0].department");

  d.people[0].department = "";
  d.people[0].site = "NOPE";
  EXPECT_EQ(service_.LoadDirectory(d).field(), "people[0].site");

  Directory events;
  events.events = {{"GHOST", PersonEventKind::kExit, D(2024, 1, 1), 3, std::nullopt, "", ""}};
  EXPECT_EQ(service_.LoadDirectory(events).field(), "events[0].employee_id");
  EXPECT_EQ(Count(), 0);
}

TEST_F(PeopleServiceTest, StorageFailureMidwayRollsBack) {
  repository_.FailWritesAfter(3, Status::Unavailable("disk on fire"));  // people fail
  Status s = service_.LoadDirectory(SmallDirectory());
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable);
  repository_.FailWritesAfter(0, Status::Ok());
  EXPECT_EQ(Count(), 0);
  auto skills = service_.ListSkills();
  ASSERT_TRUE(skills.ok());
  EXPECT_TRUE(skills->empty());
}

TEST_F(PeopleServiceTest, LoadingTwiceIsIdempotent) {
  ASSERT_TRUE(service_.LoadDirectory(SmallDirectory()).ok());
  ASSERT_TRUE(service_.LoadDirectory(SmallDirectory()).ok());
  EXPECT_EQ(Count(), 4);
  auto history = service_.History("E4");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 3u);
}

TEST_F(PeopleServiceTest, ReadErrors) {
  ASSERT_TRUE(service_.LoadDirectory(SmallDirectory()).ok());
  EXPECT_EQ(service_.FindPerson("nobody").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.History("nobody").status().code(), ErrorCode::kNotFound);
  auto none = service_.History("E1");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(service_.ManagementChain("nobody").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.ListPeople({"", 0}).status().field(), "limit");
  EXPECT_EQ(service_.ListPeople({"", kMaxPeoplePageSize + 1}).status().code(),
            ErrorCode::kInvalidArgument);
  auto page = service_.ListPeople({"E2", 2});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].employee_id, "E3");
  EXPECT_EQ((*page)[1].employee_id, "E4");
}

TEST_F(PeopleServiceTest, EmailOfAnotherStoredPersonIsAConflict) {
  ASSERT_TRUE(service_.LoadDirectory(SmallDirectory()).ok());
  Directory d;
  PersonRecord p = MakePerson("N1", "E1");
  p.email = "P.E2@example.com";
  d.people = {p};
  EXPECT_EQ(service_.LoadDirectory(d).code(), ErrorCode::kConflict);
  EXPECT_EQ(Count(), 4);
}

TEST_F(PeopleServiceTest, CreatePersonIsOneTransaction) {
  ASSERT_TRUE(service_.LoadDirectory(SmallDirectory()).ok());
  // Person and hire event written, then the external id fails: all of it is rolled back.
  repository_.FailWritesAfter(2, Status::Unavailable("disk on fire"));
  auto created = service_.CreatePerson(MakePerson("N1", "E1"), "ext-1");
  EXPECT_EQ(created.status().code(), ErrorCode::kUnavailable);
  repository_.FailWritesAfter(0, Status::Ok());
  EXPECT_EQ(Count(), 4);
  EXPECT_EQ(service_.FindPerson("N1").status().code(), ErrorCode::kNotFound);
  auto history = repository_.ListEvents("N1");
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->empty());
}

TEST_F(PeopleServiceTest, SinglePersonErrorsNameTheFieldWithoutARecordPrefix) {
  ASSERT_TRUE(service_.LoadDirectory(SmallDirectory()).ok());
  PersonRecord bad = MakePerson("N1", "E1");
  bad.email = "not-an-email";
  auto created = service_.CreatePerson(bad, "");
  EXPECT_EQ(created.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(created.status().field(), "email");
  EXPECT_EQ(created.status().client_message(),
            "employee \"N1\": email \"not-an-email\" is not a valid address");
  auto bad_external = service_.CreatePerson(MakePerson("N1", "E1"), std::string(300, 'x'));
  EXPECT_EQ(bad_external.status().field(), "external_id");
  EXPECT_EQ(service_.CreatePerson(MakePerson("N1", "E1"), "tab\there").status().field(),
            "external_id");
  auto found = service_.FindByEmail("P.E2@EXAMPLE.COM");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->person.employee_id, "E2");
  EXPECT_EQ((*found)->external_id, "");
}

// Every departure the service writes reaches the one hook (departures.h), after the write, once
// per person; other changes and refused writes tell it nothing.
TEST_F(PeopleServiceTest, DeparturesAreToldToTheObserver) {
  struct Recorder : DepartureObserver {
    std::vector<std::vector<std::string>> calls;
    void PeopleLeft(const std::vector<std::string>& ids) override { calls.push_back(ids); }
  } recorder;
  service_.SetDepartureObserver(&recorder);
  ASSERT_TRUE(service_.LoadDirectory(SmallDirectory()).ok());
  ASSERT_EQ(recorder.calls, (std::vector<std::vector<std::string>>{{"E4"}}));  // left already

  auto change = [&](auto edit) {
    return service_.UpdatePerson(
        "E3", D(2026, 11, 23), [&](const PersonWithExternalId& current) -> Result<PersonChange> {
          PersonChange wanted{current.person, current.external_id, current.user_name, {}};
          edit(wanted.record);
          return wanted;
        });
  };
  ASSERT_TRUE(change([](PersonRecord& p) { p.job_title = "Principal Engineer"; }).ok());
  EXPECT_EQ(recorder.calls.size(), 1u) << "a new title is no departure";
  // Refused (left before joining): nothing written, nothing told.
  EXPECT_FALSE(change([](PersonRecord& p) {
                 p.status = EmploymentStatus::kLeft;
                 p.left_date = D(2001, 1, 1);
               }).ok());
  EXPECT_EQ(recorder.calls.size(), 1u);
  ASSERT_TRUE(change([](PersonRecord& p) {
                p.status = EmploymentStatus::kLeft;
                p.left_date = D(2026, 11, 20);
              }).ok());
  ASSERT_EQ(recorder.calls.size(), 2u);
  EXPECT_EQ(recorder.calls[1], std::vector<std::string>{"E3"});
  EXPECT_EQ(DeparturesIn(SmallDirectory()), std::vector<std::string>{"E4"});
}

}  // namespace
}  // namespace pairwise::domain
