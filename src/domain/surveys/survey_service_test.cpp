#include "domain/surveys/survey_service.h"

#include <gtest/gtest.h>

#include "domain/mail/mail_service.h"
#include "storage/memory/memory_program_repository.h"
#include "storage/memory/memory_survey_repository.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;

Actor PersonActor(std::string employee_id, std::vector<Role> roles = {}) {
  Actor a;
  a.employee_id = std::move(employee_id);
  a.roles = std::move(roles);
  return a;
}

// The token of the last link in `text`.
std::string TokenIn(const std::string& text) {
  const std::string marker = "/survey-links/";
  const auto at = text.rfind(marker);
  if (at == std::string::npos) return "";
  const auto start = at + marker.size();
  return text.substr(start, text.find('\n', start) - start);
}

class SurveyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ProgramFields f;
    f.name = "Grow";
    f.start_date = Date(std::chrono::year(2026), std::chrono::month(1), std::chrono::day(1));
    f.end_date = Date(std::chrono::year(2027), std::chrono::month(12), std::chrono::day(31));
    f.enrollment_opens = f.start_date;
    f.enrollment_closes = f.start_date;
    f.coordinators = {"C1"};
    auto created = programs_.CreateProgram(f, clock_.Now());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    program_ = created->id;
    // Eight relationships that started 91 days ago (6 months: halfway is about now).
    std::vector<SurveyTarget> targets;
    for (int i = 0; i < 8; ++i) {
      for (Side side : {Side::kMentor, Side::kMentee}) {
        SurveyTarget t;
        t.relationship = RelationshipId(100 + i);
        t.program = program_;
        t.side = side;
        t.employee_id = (side == Side::kMentor ? "R" : "M") + std::to_string(i);
        t.name = "Person " + t.employee_id;
        t.email = t.employee_id + "@example.com";
        t.department = i < 6 ? "Finance" : "Legal";
        t.site = "London";
        t.level = 3;
        t.started_at = clock_.Now() - days(95);
        t.length_months = 6;
        targets.push_back(t);
      }
    }
    repository_.SetTargets(targets);
  }

  SurveyFields Fields(SurveyPrivacy privacy = SurveyPrivacy::kAnonymous) {
    SurveyFields f;
    f.title = "Halfway check-in";
    f.kind = SurveyKind::kMidpoint;
    f.privacy = privacy;
    f.audience = SurveyAudience::kMentees;
    f.schedule = {SurveyAnchor::kHalfway, 0, 14, 5};
    f.questions = {{"nps", QuestionType::kNps, "Would you recommend it?", "", true, {}},
                   {"more", QuestionType::kLongText, "Anything else?", "", false, {}}};
    return f;
  }

  SentAnswers Nps(int n) { return {{"nps", {AnswerShape::kNumber, {std::to_string(n)}}}}; }

  FakeClock clock_{TimePoint(std::chrono::microseconds(0)) + days(20500)};
  storage::MemoryProgramRepository programs_;
  storage::MemorySurveyRepository repository_;
  SurveyService service_{repository_, programs_, clock_, "https://pairwise.example"};
  ProgramId program_;
  const Actor coordinator_ = PersonActor("C1", {Role::kCoordinator});
};

TEST_F(SurveyServiceTest, OnlyTheProgramsCoordinatorsAndAdminsBuildAndRead) {
  auto created = service_.Create(coordinator_, program_, Fields());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // Another program's coordinator does not even see this (draft) program.
  EXPECT_EQ(
      service_.Create(PersonActor("X", {Role::kCoordinator}), program_, Fields()).status().code(),
      ErrorCode::kNotFound);
  // A manager or participant (no role) sees nothing of the results.
  EXPECT_EQ(service_.Results(PersonActor("M1"), created->id, {}).status().code(),
            ErrorCode::kNotFound);
  EXPECT_TRUE(service_.Results(PersonActor("A", {Role::kAdmin}), created->id, {}).ok());
  SurveyFields bad = Fields();
  bad.min_group = 2;
  EXPECT_EQ(service_.Create(coordinator_, program_, bad).status().field(), "min_group");
}

TEST_F(SurveyServiceTest, TheTickSendsOnceRemindsOnceAndALinkWorksOnce) {
  auto survey = service_.Create(coordinator_, program_, Fields());
  ASSERT_TRUE(survey.ok());
  auto words = service_.RunTickStep(clock_.Now());
  ASSERT_TRUE(words.ok()) << words.status().ToString();
  EXPECT_EQ(*words, "sent 8 surveys and 0 survey reminders");
  ASSERT_TRUE(service_.RunTickStep(clock_.Now()).ok());  // again: nothing more
  auto mails = repository_.Mails();
  ASSERT_EQ(mails.size(), 8u);  // mentees only
  EXPECT_EQ(mails[0].kind, "survey");
  EXPECT_EQ(mails[0].to, "M0@example.com");
  const std::string token = TokenIn(mails[0].text);
  ASSERT_EQ(token.size(), 43u);

  auto view = service_.ByLink(token);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->title, "Halfway check-in");
  EXPECT_FALSE(view->answered);
  EXPECT_EQ(service_.AnswerByLink(token, {}).field(), "answers.nps");  // required
  ASSERT_TRUE(service_.AnswerByLink(token, Nps(9)).ok());
  Status again = service_.AnswerByLink(token, Nps(0));
  EXPECT_EQ(again.code(), ErrorCode::kConflict);
  EXPECT_EQ(again.reason(), "already_answered");
  EXPECT_EQ(service_.ByLink("not-a-token").status().code(), ErrorCode::kNotFound);

  // Five days on: one reminder each for the six who did not answer and did not turn reminders
  // off (M7 did), with a fresh link.
  std::vector<SurveyTarget> targets = repository_.Targets(program_).value();
  for (SurveyTarget& t : targets) t.reminders_off = t.employee_id == "M7";
  repository_.SetTargets(targets);
  clock_.Advance(days(5) + std::chrono::hours(1));
  ASSERT_TRUE(service_.RunTickStep(clock_.Now()).ok());
  ASSERT_TRUE(service_.RunTickStep(clock_.Now()).ok());
  mails = repository_.Mails();
  ASSERT_EQ(mails.size(), 14u);
  for (std::size_t i = 8; i < mails.size(); ++i) EXPECT_NE(mails[i].to, "M7@example.com");
  EXPECT_EQ(mails[8].kind, "survey_reminder");
  EXPECT_EQ(mails[8].to, "M1@example.com");
  // A reminder the person can turn off: List-Unsubscribe is added for them when it is sent, and
  // the text says where the switch is.
  EXPECT_EQ(mails[8].reminder_for, "M1");
  EXPECT_TRUE(MailService::Check(mails[8]).ok());
  EXPECT_NE(mails[8].text.find("turn off reminders like this one on your account page: "
                               "https://pairwise.example/me/account"),
            std::string::npos)
      << mails[8].text;
  EXPECT_TRUE(mails[0].reminder_for.empty()) << "the survey itself is not a reminder";
  ASSERT_TRUE(service_.AnswerByLink(TokenIn(mails[8].text), Nps(7)).ok());
  // The first link of the same invitation is now used up too.
  EXPECT_EQ(service_.AnswerByLink(TokenIn(mails[1].text), Nps(7)).reason(), "already_answered");

  // After the closing date nothing is accepted.
  clock_.Advance(days(10));
  EXPECT_EQ(service_.AnswerByLink(TokenIn(mails[2].text), Nps(7)).reason(), "closed");
}

TEST_F(SurveyServiceTest, AfterMeetingSurveysGoOncePerLoggedMeeting) {
  SurveyFields f = Fields();
  f.title = "How was your meeting?";
  f.kind = SurveyKind::kAfterMeeting;
  f.audience = SurveyAudience::kBoth;
  f.schedule = {SurveyAnchor::kAfterMeeting, 0, 7, 3};
  ASSERT_TRUE(service_.Create(coordinator_, program_, f).ok());
  const TimePoint now = clock_.Now();
  repository_.SetHeldMeetings({{RelationshipId(100), 1, now - days(20)},  // closed already
                               {RelationshipId(100), 2, now - std::chrono::hours(2)},
                               {RelationshipId(101), 1, now - days(1)}});
  auto words = service_.RunTickStep(now);
  ASSERT_TRUE(words.ok()) << words.status().ToString();
  EXPECT_EQ(*words, "sent 4 surveys and 0 survey reminders");
  EXPECT_EQ(service_.RunTickStep(now).value(), "") << "each meeting once";
  auto mails = repository_.Mails();
  ASSERT_EQ(mails.size(), 4u);
  EXPECT_NE(mails[0].text.find("how your last mentoring meeting in Grow went"), std::string::npos)
      << mails[0].text;
  auto mine = service_.Mine(PersonActor("R0"));
  ASSERT_EQ(mine->size(), 1u);
  // The next meeting logged is asked about too.
  repository_.SetHeldMeetings({{RelationshipId(100), 2, now - std::chrono::hours(2)},
                               {RelationshipId(100), 3, now + std::chrono::hours(1)}});
  clock_.Advance(std::chrono::hours(2));
  EXPECT_EQ(service_.RunTickStep(clock_.Now()).value(), "sent 2 surveys and 0 survey reminders");
  EXPECT_EQ(service_.Mine(PersonActor("R0"))->size(), 2u);
}

TEST_F(SurveyServiceTest, AnonymousAnswersKeepNoPersonAndResultsWaitForK) {
  auto survey = service_.Create(coordinator_, program_, Fields());
  ASSERT_TRUE(survey.ok());
  ASSERT_TRUE(service_.RunTickStep(clock_.Now()).ok());
  auto mine = service_.Mine(PersonActor("M0"));
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  const int64_t invitation = mine->front().invitation;
  // Another person's invitation is refused, signed in or not.
  EXPECT_EQ(service_.MineOne(PersonActor("M1"), invitation).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.AnswerMine(PersonActor("M1"), invitation, Nps(1)).code(),
            ErrorCode::kNotFound);
  const auto mails = repository_.Mails();
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(service_.AnswerByLink(TokenIn(mails[i].text), Nps(9)).ok());
  auto results = service_.Results(coordinator_, survey->id, {});
  ASSERT_TRUE(results.ok());
  EXPECT_TRUE(results->hidden);  // 4 < 5
  EXPECT_EQ(results->invited, 8);
  ASSERT_TRUE(service_.AnswerByLink(TokenIn(mails[4].text), Nps(3)).ok());
  results = service_.Results(coordinator_, survey->id, {});
  EXPECT_FALSE(results->hidden);
  EXPECT_EQ(results->responses, 5);
  // The respondent cannot see an anonymous answer back: it is not kept with them.
  auto own = service_.MineOne(PersonActor("M0"), invitation);
  ASSERT_TRUE(own.ok());
  EXPECT_TRUE(own->answered);
  EXPECT_FALSE(own->own_answers);
  EXPECT_FALSE(repository_.ResponseOf(invitation).value());
}

TEST_F(SurveyServiceTest, ConfidentialAnswersAreTheRespondentsToSee) {
  auto survey = service_.Create(coordinator_, program_, Fields(SurveyPrivacy::kConfidential));
  ASSERT_TRUE(survey.ok());
  ASSERT_TRUE(service_.RunTickStep(clock_.Now()).ok());
  auto mine = service_.Mine(PersonActor("M2"));
  ASSERT_EQ(mine->size(), 1u);
  ASSERT_TRUE(service_.AnswerMine(PersonActor("M2"), mine->front().invitation, Nps(8)).ok());
  auto own = service_.MineOne(PersonActor("M2"), mine->front().invitation);
  ASSERT_TRUE(own.ok());
  ASSERT_TRUE(own->own_answers);
  EXPECT_EQ(own->own_answers->at("nps"), std::vector<std::string>{"8"});
  // Its privacy no longer changes.
  EXPECT_EQ(service_.Update(coordinator_, survey->id, Fields()).status().reason(), "has_answers");
}

}  // namespace
}  // namespace pairwise::domain
