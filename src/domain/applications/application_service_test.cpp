#include "domain/applications/application_service.h"

#include <gtest/gtest.h>

#include "domain/people/import/testing/fake_audit_log.h"
#include "domain/people/test_util.h"
#include "domain/programs/program_service.h"
#include "storage/memory/memory_application_repository.h"
#include "storage/memory/memory_credential_repository.h"
#include "storage/memory/memory_people_repository.h"
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

Question Q(std::string id, QuestionType type, bool required = false,
           std::vector<std::string> options = {}) {
  return {id, type, "Question " + id, "", required, std::move(options)};
}

// The small directory plus E5, E6 (ENG, level 3) under E2 and E7 under E5. Coordinator E3 runs
// an open program (mentors level >= 5, mentees level <= 4). Today is 2026-11-23.
class ApplicationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Directory d = testing::SmallDirectory();
    d.people.push_back(MakePerson("E5", "E2"));
    d.people.push_back(MakePerson("E6", "E2"));
    d.people.push_back(MakePerson("E7", "E5"));
    ASSERT_TRUE(people_.LoadDirectory(d).ok());
    ProgramFields f;
    f.name = "Grow";
    f.start_date = D(2027, 1, 1);
    f.end_date = D(2027, 12, 31);
    f.enrollment_opens = D(2026, 11, 1);
    f.enrollment_closes = D(2026, 12, 15);
    f.coordinators = {"E3"};
    f.mentor_eligibility.min_level = 5;
    f.mentee_eligibility.max_level = 4;
    f.max_ranked_choices = 2;
    f.manager_approval = true;
    auto created = programs_.Create(coordinator_, f);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    program_ = created->program.id;
    ASSERT_TRUE(programs_.MoveTo(coordinator_, program_, ProgramStatus::kOpen).ok());
    auto form = service_.SaveForm(
        coordinator_, program_, Side::kMentee,
        {Q("goal", QuestionType::kLongText, true),
         Q("area", QuestionType::kSingleChoice, true, {"Tech", "People"}),
         Q("skills", QuestionType::kSkills), Q("mentors", QuestionType::kRankedMentors)});
    ASSERT_TRUE(form.ok()) << form.status().ToString();
  }

  static SentAnswer Text(std::string text) { return {AnswerShape::kText, {std::move(text)}}; }
  static SentAnswer List(std::vector<std::string> items) {
    return {AnswerShape::kList, std::move(items)};
  }
  SentAnswers Good() {
    return {{"goal", Text("Lead a team")}, {"area", Text("Tech")}, {"skills", List({"cpp"})}};
  }

  storage::MemoryPeopleRepository people_repository_;
  PeopleService people_{people_repository_};
  storage::MemoryProgramRepository program_repository_;
  storage::MemoryApplicationRepository repository_;
  storage::MemoryRelationshipRepository relationships_;
  storage::RecordingMailQueue mail_;
  testing::FakeAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::sys_days(D(2026, 11, 23)))};
  storage::MemoryCredentialRepository credentials_;
  ProgramService programs_{program_repository_, repository_, people_, credentials_, audit_, clock_};
  ApplicationService service_{
      repository_, program_repository_, relationships_, people_, credentials_, mail_, audit_,
      clock_,      "https://pw.test"};
  const Actor coordinator_ = PersonActor("E3", {Role::kCoordinator});
  ProgramId program_;
};

TEST_F(ApplicationServiceTest, FormsAreCheckedAndVersionedOnceAnswered) {
  auto bad = service_.SaveForm(coordinator_, program_, Side::kMentor,
                               {Q("a", QuestionType::kSingleChoice, false, {"only one"})});
  EXPECT_EQ(bad.status().field(), "questions[0].options");
  bad = service_.SaveForm(coordinator_, program_, Side::kMentor,
                          {Q("a", QuestionType::kDate), Q("a", QuestionType::kScale)});
  EXPECT_EQ(bad.status().field(), "questions[1].id");
  EXPECT_EQ(service_.SaveForm(PersonActor("E5"), program_, Side::kMentor, {}).status().code(),
            ErrorCode::kForbidden);

  auto form = service_.GetForm(PersonActor("E5"), program_, Side::kMentee);
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->version, 1);
  // Unanswered: edited in place.
  auto same = service_.SaveForm(coordinator_, program_, Side::kMentee,
                                {Q("goal", QuestionType::kLongText, true),
                                 Q("area", QuestionType::kSingleChoice, true, {"Tech", "People"})});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, 1);
  auto applied = service_.Apply(PersonActor("E5"), program_, Side::kMentee,
                                {{"goal", Text("Lead")}, {"area", Text("People")}});
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  // Answered: the edit is a new version, and the old answers keep their questions.
  auto next = service_.SaveForm(coordinator_, program_, Side::kMentee,
                                {Q("motivation", QuestionType::kShortText, true)});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->version, 2);
  auto old = service_.Get(PersonActor("E5"), applied->application.id);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->application.form_version, 1);
  ASSERT_EQ(old->questions.size(), 2u);
  EXPECT_EQ(old->questions[0].id, "goal");
}

TEST_F(ApplicationServiceTest, ApplyingChecksWindowEligibilityDuplicatesAndAnswers) {
  const Actor e5 = PersonActor("E5");
  auto missing = service_.Apply(e5, program_, Side::kMentee, {{"area", Text("Tech")}});
  EXPECT_EQ(missing.status().field(), "answers.goal");
  auto not_an_option =
      service_.Apply(e5, program_, Side::kMentee, {{"goal", Text("x")}, {"area", Text("Sales")}});
  EXPECT_EQ(not_an_option.status().field(), "answers.area");
  SentAnswers too_many = Good();
  too_many["mentors"] = List({"E1", "E2", "E3"});
  EXPECT_EQ(service_.Apply(e5, program_, Side::kMentee, too_many).status().field(),
            "answers.mentors");
  SentAnswers unknown = Good();
  unknown["surprise"] = Text("x");
  EXPECT_EQ(service_.Apply(e5, program_, Side::kMentee, unknown).status().field(),
            "answers.surprise");

  // Each answer has the shape its question's type asks for.
  SentAnswers number_for_text = Good();
  number_for_text["goal"] = {AnswerShape::kNumber, {"7"}};
  EXPECT_EQ(service_.Apply(e5, program_, Side::kMentee, number_for_text).status().field(),
            "answers.goal");
  SentAnswers text_for_list = Good();
  text_for_list["skills"] = Text("cpp");
  EXPECT_EQ(service_.Apply(e5, program_, Side::kMentee, text_for_list).status().field(),
            "answers.skills");
  SentAnswers list_for_choice = Good();
  list_for_choice["area"] = List({"Tech"});
  EXPECT_EQ(service_.Apply(e5, program_, Side::kMentee, list_for_choice).status().field(),
            "answers.area");

  auto ineligible = service_.Apply(e5, program_, Side::kMentor, {});
  EXPECT_EQ(ineligible.status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(ineligible.status().reason(), "ineligible");
  EXPECT_EQ(ineligible.status().field(), "level");

  auto applied = service_.Apply(e5, program_, Side::kMentee, Good());
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(applied->application.status, ApplicationStatus::kSubmitted);
  EXPECT_EQ(applied->application.manager_approval, ManagerApproval::kPending);
  EXPECT_EQ(service_.Apply(e5, program_, Side::kMentee, Good()).status().reason(),
            "duplicate_application");
  // The manager (E2) is told, and asked to approve the time.
  auto to_manager = mail_.LastTo("p.E2@example.com");
  ASSERT_TRUE(to_manager);
  EXPECT_NE(to_manager->text.find("approve the time"), std::string::npos);
  EXPECT_EQ(to_manager->text.find("Lead a team"), std::string::npos);  // never the answers

  clock_.Advance(std::chrono::days(30));  // past 2026-12-15
  EXPECT_EQ(service_.Apply(PersonActor("E6"), program_, Side::kMentee, Good()).status().reason(),
            "enrollment_closed");
}

TEST_F(ApplicationServiceTest, RankedChoicesNameMentorsOfTheProgramTheMenteeMayHave) {
  // E3 and E2 apply as mentors; E2 manages E5, so E5 may not rank E2.
  ASSERT_TRUE(service_.Apply(PersonActor("E3"), program_, Side::kMentor, {}).ok());
  auto e2 = service_.Apply(PersonActor("E2"), program_, Side::kMentor, {});
  ASSERT_TRUE(e2.ok()) << e2.status().ToString();
  const Actor e5 = PersonActor("E5");

  auto refused = [&](std::vector<std::string> choices) {
    SentAnswers a = Good();
    a["mentors"] = List(std::move(choices));
    return service_.Apply(e5, program_, Side::kMentee, a).status();
  };
  Status nobody = refused({"E999999"});
  EXPECT_EQ(nobody.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(nobody.field(), "answers.mentors");
  EXPECT_NE(nobody.client_message().find("Choice 1 is nobody in the directory"), std::string::npos)
      << nobody.client_message();
  Status typed_name = refused({"E3", "Larissa Magalhães"});
  EXPECT_EQ(typed_name.field(), "answers.mentors");
  EXPECT_NE(typed_name.client_message().find("Choice 2"), std::string::npos);
  Status not_a_mentor = refused({"E6"});
  EXPECT_EQ(not_a_mentor.field(), "answers.mentors");
  EXPECT_NE(not_a_mentor.client_message().find("FirstE6 Last"), std::string::npos)
      << not_a_mentor.client_message();
  EXPECT_EQ(refused({"E2"}).field(), "answers.mentors");  // E5's manager
  EXPECT_EQ(refused({"E5"}).field(), "answers.mentors");  // E5 themself
  EXPECT_TRUE(repository_.ListByPerson("E5")->empty());   // nothing was saved

  SentAnswers good = Good();
  good["mentors"] = List({"E3"});
  auto applied = service_.Apply(e5, program_, Side::kMentee, good);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();

  // What the picker offers is what the check accepts.
  auto choices = service_.MentorChoices(e5, program_, "", 20);
  ASSERT_TRUE(choices.ok()) << choices.status().ToString();
  ASSERT_EQ(choices->size(), 1u);
  EXPECT_EQ((*choices)[0].employee_id, "E3");
  EXPECT_EQ((*choices)[0].department_name, "Finance");
  EXPECT_EQ((*choices)[0].job_title, "Director of Finance");
  auto for_coordinator = service_.MentorChoices(coordinator_, program_, "director", 20);
  ASSERT_TRUE(for_coordinator.ok());
  ASSERT_EQ(for_coordinator->size(), 1u);  // E2 (E3 is the asker)
  EXPECT_EQ((*for_coordinator)[0].employee_id, "E2");
  EXPECT_TRUE(service_.MentorChoices(e5, program_, "nobody like this", 20)->empty());
  // E6 may apply as a mentee, so may see them; E1 may not (level 10).
  EXPECT_TRUE(service_.MentorChoices(PersonActor("E6"), program_, "", 20).ok());
  EXPECT_EQ(service_.MentorChoices(PersonActor("E1"), program_, "", 20).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(service_.MentorChoices(e5, program_, "", 0).status().field(), "limit");
  EXPECT_EQ(service_.MentorChoices(e5, program_, "", kMaxMentorChoices + 1).status().field(),
            "limit");

  // A mentor who withdraws is no longer a choice to save.
  auto e3 = repository_.ListByPerson("E3");
  ASSERT_TRUE(e3.ok());
  ASSERT_TRUE(service_.Withdraw(PersonActor("E3"), (*e3)[0].id).ok());
  EXPECT_EQ(service_.UpdateAnswers(e5, applied->application.id, good).status().field(),
            "answers.mentors");
}

TEST_F(ApplicationServiceTest, OnlyTheApplicantAndTheProgramsCoordinatorsReadAnswers) {
  auto applied = service_.Apply(PersonActor("E5"), program_, Side::kMentee, Good());
  ASSERT_TRUE(applied.ok());
  const ApplicationId id = applied->application.id;
  EXPECT_TRUE(service_.Get(PersonActor("E5"), id).ok());
  EXPECT_TRUE(service_.Get(coordinator_, id).ok());
  EXPECT_TRUE(service_.Get(PersonActor("E9", {Role::kAdmin}), id).ok());
  for (const char* other : {"E6", "E2", "E1"}) {  // a peer, the manager, the top manager
    EXPECT_EQ(service_.Get(PersonActor(other), id).status().code(), ErrorCode::kNotFound) << other;
  }
  EXPECT_EQ(service_.Get(PersonActor("E6", {Role::kCoordinator}), id).status().code(),
            ErrorCode::kNotFound);  // a coordinator, but not of this program
  EXPECT_EQ(service_.UpdateAnswers(PersonActor("E6"), id, Good()).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_.Withdraw(PersonActor("E6"), id).status().code(), ErrorCode::kNotFound);
}

TEST_F(ApplicationServiceTest, ReviewInBulkIsAllOrNothing) {
  std::vector<ApplicationId> ids;
  for (const char* who : {"E5", "E6", "E7"}) {
    auto a = service_.Apply(PersonActor(who), program_, Side::kMentee, Good());
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ids.push_back(a->application.id);
  }
  ASSERT_TRUE(service_.Withdraw(PersonActor("E7"), ids[2]).ok());
  // E7 withdrew: deciding all three changes nothing.
  auto refused = service_.Decide(coordinator_, program_, ids, true, "");
  EXPECT_EQ(refused.status().reason(), "invalid_status");
  auto page = service_.Review(coordinator_, program_, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->counts.submitted, 2);
  EXPECT_EQ(page->counts.withdrawn, 1);
  EXPECT_TRUE(page->items[0].application.answers.empty());  // the table shows no answers

  auto decided = service_.Decide(coordinator_, program_, {ids[0], ids[1]}, true, "Welcome!");
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(*decided, 2);
  auto welcome = mail_.LastTo("p.E6@example.com");
  ASSERT_TRUE(welcome);
  EXPECT_NE(welcome->text.find("Welcome!"), std::string::npos);
  EXPECT_EQ(*repository_.ListApproved(program_, Side::kMentee),
            (std::vector<std::string>{"E5", "E6"}));
  EXPECT_EQ(service_.Decide(PersonActor("E5"), program_, {ids[0]}, false, "").status().code(),
            ErrorCode::kForbidden);
  // Reviewed: the applicant cannot edit any more, but may withdraw.
  EXPECT_EQ(service_.UpdateAnswers(PersonActor("E5"), ids[0], Good()).status().reason(),
            "already_reviewed");
  EXPECT_TRUE(service_.Withdraw(PersonActor("E5"), ids[0]).ok());

  ReviewQuery q;
  q.status = ApplicationStatus::kApproved;
  EXPECT_EQ(service_.Review(coordinator_, program_, q)->total, 1);
  q = {};
  q.q = "firste6";
  EXPECT_EQ(service_.Review(coordinator_, program_, q)->total, 1);
}

TEST_F(ApplicationServiceTest, NominationsAreApprovedAndAllOrNothing) {
  auto refused = service_.Nominate(coordinator_, program_, Side::kMentee, {"E5", "E1", "E404"});
  EXPECT_EQ(refused.status().field(), "employee_ids");
  EXPECT_NE(refused.status().client_message().find("E1 (level)"), std::string::npos);
  EXPECT_TRUE(repository_.ListApproved(program_, Side::kMentee)->empty());
  auto nominated = service_.Nominate(coordinator_, program_, Side::kMentee, {"E5", "E6"});
  ASSERT_TRUE(nominated.ok()) << nominated.status().ToString();
  EXPECT_EQ(*nominated, 2);
  EXPECT_EQ(repository_.ListApproved(program_, Side::kMentee)->size(), 2u);
  EXPECT_EQ(
      service_.Nominate(coordinator_, program_, Side::kMentee, {"E6", "E7"}).status().reason(),
      "duplicate_application");
  EXPECT_EQ(repository_.ListApproved(program_, Side::kMentee)->size(), 2u);
}

TEST_F(ApplicationServiceTest, ManagersSeeParticipationNeverAnswersAndApproveTime) {
  auto e5 = service_.Apply(PersonActor("E5"), program_, Side::kMentee, Good());
  auto e7 = service_.Apply(PersonActor("E7"), program_, Side::kMentee, Good());
  ASSERT_TRUE(e5.ok() && e7.ok());
  auto team = service_.MyTeam(PersonActor("E2"));
  ASSERT_TRUE(team.ok());
  ASSERT_EQ(team->size(), 2u);  // E5 directly, E7 through E5
  EXPECT_EQ((*team)[0].person.employee_id, "E5");
  EXPECT_TRUE((*team)[0].direct_report);
  EXPECT_FALSE((*team)[1].direct_report);
  EXPECT_TRUE(service_.MyTeam(PersonActor("E6"))->empty());

  EXPECT_EQ(service_.DecideAsManager(PersonActor("E6"), e5->application.id, true).status().code(),
            ErrorCode::kNotFound);
  auto approved = service_.DecideAsManager(PersonActor("E2"), e5->application.id, true);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->manager_approval, ManagerApproval::kApproved);
  EXPECT_EQ(
      service_.DecideAsManager(PersonActor("E2"), e5->application.id, false).status().reason(),
      "not_pending");
  auto mine = service_.Mine(PersonActor("E5"));
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].program_name, "Grow");
  EXPECT_EQ((*mine)[0].application.manager_approval, ManagerApproval::kApproved);
}

TEST_F(ApplicationServiceTest, MyTeamSaysWhoAReportIsMatchedWithSinceWhen) {
  auto e5 = service_.Apply(PersonActor("E5"), program_, Side::kMentee, Good());
  ASSERT_TRUE(e5.ok());
  ASSERT_TRUE(service_.Decide(coordinator_, program_, {e5->application.id}, true, "").ok());
  auto team = service_.MyTeam(PersonActor("E2"));
  ASSERT_TRUE(team.ok());
  ASSERT_EQ(team->size(), 1u);
  EXPECT_EQ((*team)[0].status, ApplicationStatus::kApproved);
  EXPECT_FALSE((*team)[0].matched_with);  // approved, not matched yet
  Relationship pair;
  pair.mentor = "E3";
  pair.mentee = "E5";
  const TimePoint since = clock_.Now();
  ASSERT_TRUE(relationships_.Apply(program_, ProposalId(1), {}, "", {pair}, since).ok());
  team = service_.MyTeam(PersonActor("E2"));
  ASSERT_TRUE(team.ok());
  ASSERT_TRUE((*team)[0].matched_with);
  EXPECT_EQ((*team)[0].matched_with->employee_id, "E3");
  EXPECT_EQ((*team)[0].matched_with->name, "FirstE3 Last");
  EXPECT_EQ((*team)[0].matched_since, since);
}

}  // namespace
}  // namespace pairwise::domain
