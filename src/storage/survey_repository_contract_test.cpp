// The SurveyRepository contract (issue 23) on the in-memory fake, SQLite and PostgreSQL: surveys
// and their question versions, one invitation per key with its mail, token lookup, one
// reminder, single-use answering, and anonymous answers kept without their invitation.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "common/crypto.h"
#include "domain/surveys/survey_service.h"
#include "storage/database.h"
#include "storage/memory/memory_program_repository.h"
#include "storage/memory/memory_survey_repository.h"
#include "storage/survey_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage::testing {
namespace {

using namespace domain;
using std::chrono::days;

const TimePoint kNow = TimePoint(std::chrono::microseconds(0)) + days(20500);
// The program's dates (2026-01-01 and 2027-12-31) at midnight UTC.
const TimePoint kProgramStarts = TimePoint(
    std::chrono::sys_days(std::chrono::year(2026) / std::chrono::January / std::chrono::day(1)));
const TimePoint kProgramEnds = TimePoint(
    std::chrono::sys_days(std::chrono::year(2027) / std::chrono::December / std::chrono::day(31)));

struct SurveyStores {
  struct Store {
    std::unique_ptr<TestDatabase> database;
    std::unique_ptr<ProgramRepository> programs;
    std::unique_ptr<SurveyRepository> surveys;
    MemorySurveyRepository* memory = nullptr;
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Memory() {
    Store s;
    s.programs = std::make_unique<MemoryProgramRepository>();
    auto memory = std::make_unique<MemorySurveyRepository>();
    s.memory = memory.get();
    s.surveys = std::move(memory);
    return s;
  }
  static Result<Store> Sql(std::unique_ptr<TestDatabase> t) {
    Store s;
    s.programs = MakeProgramRepository(t->db());
    s.surveys = MakeSurveyRepository(t->db());
    s.database = std::move(t);
    return s;
  }
};

template <typename Backend>
class SurveyContract : public ContractTest<Backend> {
 protected:
  void SetUp() override {
    ContractTest<Backend>::SetUp();
    if (this->Skipped()) return;
    ProgramFields f;
    f.name = "Grow";
    f.start_date = Date(std::chrono::year(2026), std::chrono::month(1), std::chrono::day(1));
    f.end_date = Date(std::chrono::year(2027), std::chrono::month(12), std::chrono::day(31));
    f.enrollment_opens = f.start_date;
    f.enrollment_closes = f.start_date;
    f.coordinators = {"C1"};
    auto program = this->store_.programs->CreateProgram(f, kNow);
    ASSERT_TRUE(program.ok()) << program.status().ToString();
    program_ = program->id;
    // E1 mentors E2, active for 90 days.
    if (!Backend::kSql) {
      SurveyTarget mentor{RelationshipId(1),
                          program_,
                          "E1",
                          Side::kMentor,
                          "Ann One",
                          "e1@example.com",
                          "Finance",
                          "London",
                          5,
                          kNow - days(90),
                          6,
                          true,
                          {},
                          false,
                          kProgramStarts,
                          kProgramEnds};
      SurveyTarget mentee = mentor;
      mentee.employee_id = "E2";
      mentee.side = Side::kMentee;
      mentee.name = "Bob Two";
      mentee.email = "e2@example.com";
      mentee.level = 2;
      this->store_.memory->SetTargets({mentor, mentee});
      relationship_ = RelationshipId(1);
      return;
    }
    Status s = this->store_.database->db().Run(TransactionMode::kWrite, [&](soci::session& sql) {
      sql << "INSERT INTO departments (code, name, division) VALUES ('FIN', 'Finance', 'Ops')";
      sql << "INSERT INTO sites (code, name, country, time_zone) VALUES ('LON', 'London', 'GB', "
             "'Europe/London')";
      for (const char* row :
           {"'E1', 'Ann', 'One', 'e1@example.com', 5", "'E2', 'Bob', 'Two', 'e2@example.com', 2"}) {
        sql << std::string(
                   "INSERT INTO people (employee_id, first_name, last_name, email, level, "
                   "department_id, site_id, time_zone, job_title, hire_date, status) "
                   "VALUES (") +
                   row +
                   ", (SELECT id FROM departments WHERE code = 'FIN'), (SELECT id FROM sites "
                   "WHERE code = 'LON'), 'UTC', 'Analyst', '2020-01-01', 'active')";
      }
      const long long program = program_.value,
                      started = (kNow - days(90)).time_since_epoch().count();
      long long id = 0;
      sql << "INSERT INTO relationships (program_id, mentor, mentee, status, score, explanation, "
             "started_at_us, activated_at_us, end_reason, ended_by, end_comment) VALUES (:p, "
             "'E1', 'E2', 'active', 0, '', :s, :a, '', '', '') RETURNING id",
          soci::use(program), soci::use(started), soci::use(started), soci::into(id);
      relationship_ = RelationshipId(id);
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  Survey NewSurvey(SurveyPrivacy privacy = SurveyPrivacy::kAnonymous) {
    Survey s;
    s.program = program_;
    s.title = "Halfway";
    s.privacy = privacy;
    s.schedule = {SurveyAnchor::kHalfway, 0, 14, 5};
    s.questions = {{"nps", QuestionType::kNps, "Recommend?", "", true, {}},
                   {"m", QuestionType::kMatrix, "Rate", "", false, {"Time", "Trust"}}};
    s.created_at = kNow;
    auto created = this->store_.surveys->Create(s);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : s;
  }

  SurveyInvitation Invitation(SurveyId survey, const std::string& who = "E2") {
    SurveyInvitation i;
    i.survey = survey;
    i.relationship = relationship_;
    i.employee_id = who;
    i.side = who == "E1" ? Side::kMentor : Side::kMentee;
    i.department = "Finance";
    i.site = "London";
    i.level_band = "levels 1-3";
    i.sent_at = kNow;
    i.closes_at = kNow + days(14);
    return i;
  }

  MailMessage Mail() { return {"e2@example.com", "Halfway", "Hello", "survey"}; }

  ProgramId program_;
  RelationshipId relationship_;
};

TYPED_TEST_SUITE(SurveyContract, ContractBackends<SurveyStores>, BackendNames);

TYPED_TEST(SurveyContract, SurveysKeepAVersionPerChangeOfQuestions) {
  if (this->Skipped()) return;
  SurveyRepository& repo = *this->store_.surveys;
  Survey s = this->NewSurvey();
  EXPECT_EQ(s.version, 1);
  auto found = repo.Find(s.id);
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->questions, s.questions);
  EXPECT_EQ((*found)->schedule, s.schedule);
  s.title = "Renamed";
  auto same = repo.Update(s);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->version, 1);
  const auto first = s.questions;
  s.questions.pop_back();
  s.active = false;
  auto changed = repo.Update(s);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(repo.Questions(s.id, 1).value(), first);
  EXPECT_EQ(repo.Find(s.id).value()->questions, s.questions);
  EXPECT_EQ(repo.List(this->program_).value().size(), 1u);
  EXPECT_TRUE(repo.ListActive().value().empty());
}

TYPED_TEST(SurveyContract, TargetsAreBothSidesWithTheirGroups) {
  if (this->Skipped()) return;
  auto targets = this->store_.surveys->Targets(this->program_);
  ASSERT_TRUE(targets.ok()) << targets.status().ToString();
  ASSERT_EQ(targets->size(), 2u);
  EXPECT_EQ((*targets)[0].side, Side::kMentor);
  EXPECT_EQ((*targets)[0].employee_id, "E1");
  EXPECT_EQ((*targets)[1].name, "Bob Two");
  EXPECT_EQ((*targets)[1].department, "Finance");
  EXPECT_EQ((*targets)[1].site, "London");
  EXPECT_EQ((*targets)[1].level, 2);
  EXPECT_EQ((*targets)[1].started_at, kNow - days(90));
  EXPECT_TRUE((*targets)[1].in_force);
  EXPECT_EQ((*targets)[1].program_starts, kProgramStarts);
  EXPECT_EQ((*targets)[1].program_ends, kProgramEnds);
  EXPECT_FALSE((*targets)[0].reminders_off);
  EXPECT_FALSE((*targets)[1].reminders_off);
}

// Who turned reminders off is known with the targets, so survey reminders skip them.
TYPED_TEST(SurveyContract, TargetsSayWhoTurnedRemindersOff) {
  if (this->Skipped()) return;
  if constexpr (TypeParam::kSql) {
    Status s = this->store_.database->db().Run(TransactionMode::kWrite, [&](soci::session& sql) {
      sql << "INSERT INTO reminder_opt_outs (employee_id, at_us) VALUES ('E2', 0)";
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  } else {
    auto targets = this->store_.surveys->Targets(this->program_).value();
    targets[1].reminders_off = true;
    this->store_.memory->SetTargets(targets);
  }
  auto targets = this->store_.surveys->Targets(this->program_);
  ASSERT_TRUE(targets.ok()) << targets.status().ToString();
  ASSERT_EQ(targets->size(), 2u);
  EXPECT_FALSE((*targets)[0].reminders_off);
  EXPECT_TRUE((*targets)[1].reminders_off);
}

// Held meetings logged since a moment, numbered among all of their relationship's held ones
// (a scheduled or cancelled meeting is not one).
TYPED_TEST(SurveyContract, HeldMeetingsAreNumberedAndRecentOnes) {
  if (this->Skipped()) return;
  const long long rel = this->relationship_.value;
  if constexpr (TypeParam::kSql) {
    Status s = this->store_.database->db().Run(TransactionMode::kWrite, [&](soci::session& sql) {
      const std::array<std::tuple<int, const char*, int>, 4> rows = {
          {{1, "held", 30}, {2, "held", 5}, {3, "cancelled", 3}, {4, "held", 1}}};
      for (const auto& row : rows) {
        const int id = std::get<0>(row), ago = std::get<2>(row);
        const std::string status = std::get<1>(row);
        const long long starts = (kNow - days(ago + 1)).time_since_epoch().count(),
                        ends = starts + 3600000000LL,
                        logged = (kNow - days(ago)).time_since_epoch().count();
        const std::string uid = "u" + std::to_string(id);
        sql << "INSERT INTO meetings (relationship_id, mentor, mentee, status, mode, "
               "starts_at_us, ends_at_us, location, video_url, agenda, proposed_by, organizer, "
               "uid, sequence, created_at_us, updated_at_us, logged_by, logged_at_us) VALUES "
               "(:r, 'E1', 'E2', :s, 'virtual', :a, :b, '', '', '', 'E1', 'E1', :u, 0, :c, :d, "
               "'E1', :l)",
            soci::use(rel), soci::use(status), soci::use(starts), soci::use(ends), soci::use(uid),
            soci::use(starts), soci::use(starts), soci::use(logged);
      }
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  } else {
    this->store_.memory->SetHeldMeetings({{this->relationship_, 1, kNow - days(30)},
                                          {this->relationship_, 2, kNow - days(5)},
                                          {this->relationship_, 3, kNow - days(1)}});
  }
  auto held = this->store_.surveys->HeldMeetings(this->program_, kNow - days(10));
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  ASSERT_EQ(held->size(), 2u);
  EXPECT_EQ((*held)[0].relationship, this->relationship_);
  EXPECT_EQ((*held)[0].number, 2);
  EXPECT_EQ((*held)[0].logged_at, kNow - days(5));
  EXPECT_EQ((*held)[1].number, 3);
  EXPECT_EQ((*held)[1].logged_at, kNow - days(1));
  EXPECT_TRUE(this->store_.surveys->HeldMeetings(ProgramId(this->program_.value + 1), TimePoint{})
                  .value()
                  .empty());
}

TYPED_TEST(SurveyContract, OneInvitationPerKeyOneReminderAndTheLinksFindIt) {
  if (this->Skipped()) return;
  SurveyRepository& repo = *this->store_.surveys;
  const Survey s = this->NewSurvey();
  const std::string first = crypto::Sha256Hex("first"), second = crypto::Sha256Hex("second");
  ASSERT_TRUE(repo.Invite(this->Invitation(s.id), first, this->Mail()).value());
  EXPECT_FALSE(
      repo.Invite(this->Invitation(s.id), crypto::Sha256Hex("again"), this->Mail()).value());
  auto stored = repo.FindInvitationByToken(first).value();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->employee_id, "E2");
  EXPECT_EQ(stored->closes_at, kNow + days(14));
  EXPECT_FALSE(stored->answered);
  EXPECT_FALSE(repo.FindInvitationByToken(crypto::Sha256Hex("nobody")).value());
  EXPECT_TRUE(repo.Remind(stored->id, second, this->Mail(), kNow + days(5)).value());
  EXPECT_FALSE(
      repo.Remind(stored->id, crypto::Sha256Hex("third"), this->Mail(), kNow + days(6)).value());
  EXPECT_EQ(repo.FindInvitationByToken(second).value()->id, stored->id);
  EXPECT_EQ(repo.FindInvitation(stored->id).value()->reminded_at, kNow + days(5));
  EXPECT_EQ(repo.InvitationsOf("E2").value().size(), 1u);
  EXPECT_TRUE(repo.InvitationsOf("E1").value().empty());
  EXPECT_EQ(repo.ListInvitations(s.id).value().size(), 1u);
}

TYPED_TEST(SurveyContract, AnswersOnceAndAnonymousSheetsKeepNoInvitation) {
  if (this->Skipped()) return;
  SurveyRepository& repo = *this->store_.surveys;
  const Survey anonymous = this->NewSurvey();
  const Survey confidential = this->NewSurvey(SurveyPrivacy::kConfidential);
  ASSERT_TRUE(
      repo.Invite(this->Invitation(anonymous.id), crypto::Sha256Hex("a"), this->Mail()).value());
  ASSERT_TRUE(
      repo.Invite(this->Invitation(confidential.id), crypto::Sha256Hex("c"), this->Mail()).value());
  const auto a = *repo.FindInvitationByToken(crypto::Sha256Hex("a")).value();
  const auto c = *repo.FindInvitationByToken(crypto::Sha256Hex("c")).value();
  SurveyAnswerSheet sheet;
  sheet.response = {anonymous.id,
                    1,
                    Side::kMentee,
                    "Finance",
                    "London",
                    "levels 1-3",
                    {{"nps", {"9"}}, {"m", {"4", "4"}}}};
  ASSERT_TRUE(repo.Answer(a.id, sheet).ok());
  Status again = repo.Answer(a.id, sheet);
  EXPECT_EQ(again.code(), ErrorCode::kConflict);
  EXPECT_EQ(again.reason(), "already_answered");
  EXPECT_TRUE(repo.FindInvitation(a.id).value()->answered);
  EXPECT_FALSE(repo.ResponseOf(a.id).value());
  sheet.response.survey = confidential.id;
  sheet.invitation = c.id;
  ASSERT_TRUE(repo.Answer(c.id, sheet).ok());
  auto own = repo.ResponseOf(c.id).value();
  ASSERT_TRUE(own);
  EXPECT_EQ(own->answers.at("m"), (std::vector<std::string>{"4", "4"}));
  auto responses = repo.Responses(anonymous.id).value();
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0].department, "Finance");
  EXPECT_EQ(responses[0].answers.at("nps"), std::vector<std::string>{"9"});
  if (!TypeParam::kSql) return;
  // What the table holds of the anonymous sheet: no invitation, and no column for a person.
  int linked = -1;
  Status read = this->store_.database->db().Run(TransactionMode::kRead, [&](soci::session& sql) {
    const long long id = anonymous.id.value;
    sql << "SELECT COUNT(*) FROM survey_answers WHERE survey_id = :s AND invitation_id IS NOT NULL",
        soci::use(id), soci::into(linked);
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.ToString();
  EXPECT_EQ(linked, 0);
}

// What a survey's invitations and answers hold, but ids: for comparing the bulk writes with the
// calls one by one.
auto SurveyFields(SurveyRepository& repo, SurveyId survey) {
  std::vector<std::tuple<std::string, int, std::string, std::string, std::string, int, TimePoint,
                         TimePoint, bool, std::optional<TimePoint>, bool>>
      invitations;
  auto listed = repo.ListInvitations(survey);
  EXPECT_TRUE(listed.ok());
  if (listed.ok()) {
    for (const SurveyInvitation& i : *listed) {
      auto own = repo.ResponseOf(i.id);
      EXPECT_TRUE(own.ok());
      invitations.emplace_back(i.employee_id, static_cast<int>(i.side), i.department, i.site,
                               i.level_band, i.round, i.sent_at, i.closes_at, i.answered,
                               i.reminded_at, own.ok() && own->has_value());
    }
  }
  std::vector<std::tuple<int, int, std::string, std::string, std::string, Answers>> sheets;
  auto responses = repo.Responses(survey);
  EXPECT_TRUE(responses.ok());
  if (responses.ok()) {
    for (const SurveyResponse& r : *responses) {
      sheets.emplace_back(r.version, static_cast<int>(r.side), r.department, r.site, r.level_band,
                          r.answers);
    }
  }
  std::sort(sheets.begin(), sheets.end());
  std::vector<std::tuple<std::string, int, std::map<std::string, int>>> tallies;
  auto grouped = repo.GroupSheets(survey, "side", "mentee");
  EXPECT_TRUE(grouped.ok());
  if (grouped.ok()) {
    for (const SurveyGroupTally& t : grouped->tallies) {
      tallies.emplace_back(t.group, t.sheets, t.answered);
    }
  }
  auto count = repo.CountInvitations(survey, {});
  return std::tuple(invitations, sheets, tallies, count.ok() ? *count : -1);
}

TYPED_TEST(SurveyContract, InvitationsAndAnswersInBulkAreStoredAsOneByOne) {
  if (this->Skipped()) return;
  SurveyRepository& repo = *this->store_.surveys;
  const Survey one = this->NewSurvey(SurveyPrivacy::kConfidential);
  const Survey bulk = this->NewSurvey(SurveyPrivacy::kConfidential);
  // E2's first round, E1's, E2's second round, and E2's first round again (not invited).
  auto invites = [&](SurveyId survey, const std::string& prefix) {
    std::vector<SurveyInvite> out;
    const std::vector<std::pair<std::string, int>> keys = {
        {"E2", 0}, {"E1", 0}, {"E2", 1}, {"E2", 0}};
    for (const auto& [who, round] : keys) {
      SurveyInvitation i = this->Invitation(survey, who);
      i.round = round;
      i.sent_at = kNow + days(3 * static_cast<int>(out.size()));
      i.closes_at = i.sent_at + days(14);
      MailMessage mail{who == "E1" ? "e1@example.com" : "e2@example.com", "Halfway",
                       "Link " + std::to_string(out.size()) + "\tand\\more\n", "survey"};
      out.push_back({i, crypto::Sha256Hex(prefix + std::to_string(out.size())), mail});
    }
    return out;
  };
  auto sheet_for = [&](SurveyId survey, Side side, int64_t invitation) {
    SurveyAnswerSheet sheet;
    sheet.response = {survey,
                      1,
                      side,
                      "Finance",
                      "London",
                      "levels 1-3",
                      {{"nps", {side == Side::kMentor ? "10" : "7"}}, {"m", {"", "4"}}}};
    sheet.invitation = invitation;
    return sheet;
  };

  // One by one on the first survey.
  const std::vector<SurveyInvite> first = invites(one.id, "one");
  std::vector<int64_t> first_ids;
  for (const SurveyInvite& i : first) {
    auto invited = repo.Invite(i.invitation, i.token_hash, i.mail);
    ASSERT_TRUE(invited.ok()) << invited.status().ToString();
    auto found = repo.FindInvitationByToken(i.token_hash);
    ASSERT_TRUE(found.ok());
    first_ids.push_back(*invited && *found ? (*found)->id : 0);
  }
  ASSERT_TRUE(repo.Answer(first_ids[0], sheet_for(one.id, Side::kMentee, first_ids[0])).ok());
  ASSERT_TRUE(repo.Answer(first_ids[1], sheet_for(one.id, Side::kMentor, first_ids[1])).ok());

  // The same in bulk on the second.
  const std::vector<SurveyInvite> second = invites(bulk.id, "bulk");
  auto ids = repo.InviteAll(second);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 4u);
  EXPECT_EQ((*ids)[3], 0);
  EXPECT_EQ(first_ids[3], 0);
  for (std::size_t i = 0; i < 3; ++i) {
    auto found = repo.FindInvitationByToken(second[i].token_hash);
    ASSERT_TRUE(found.ok() && *found);
    EXPECT_EQ((*found)->id, (*ids)[i]);
  }
  ASSERT_TRUE(repo.AnswerAll({{(*ids)[0], sheet_for(bulk.id, Side::kMentee, (*ids)[0])},
                              {(*ids)[1], sheet_for(bulk.id, Side::kMentor, (*ids)[1])}})
                  .ok());
  EXPECT_EQ(SurveyFields(repo, bulk.id), SurveyFields(repo, one.id));
  EXPECT_EQ(std::get<0>(SurveyFields(repo, bulk.id)).size(), 3u);

  // The mails: the same, each due at its invitation's time, queued in order.
  std::vector<std::tuple<std::string, std::string, std::string, long long>> mails;
  if constexpr (TypeParam::kSql) {
    Status read = this->store_.database->db().Run(TransactionMode::kRead, [&](soci::session& sql) {
      std::string to, subject, body;
      long long due = 0;
      soci::statement st = (sql.prepare << "SELECT recipient, subject, body, next_attempt_at "
                                           "FROM mail_outbox ORDER BY id",
                            soci::into(to), soci::into(subject), soci::into(body), soci::into(due));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        mails.emplace_back(to, subject, body, due);
      }
      return Status::Ok();
    });
    ASSERT_TRUE(read.ok()) << read.ToString();
    ASSERT_EQ(mails.size(), 6u);
    EXPECT_EQ(std::get<3>(mails[4]), (kNow + days(3)).time_since_epoch().count());
  } else {
    for (const MailMessage& m : this->store_.memory->Mails()) {
      mails.emplace_back(m.to, m.subject, m.text, 0);
    }
    ASSERT_EQ(mails.size(), 6u);
  }
  EXPECT_EQ(std::vector(mails.begin() + 3, mails.end()),
            std::vector(mails.begin(), mails.begin() + 3));

  // Invited again: nothing new. Answered again, or twice at once: all refused.
  auto again = repo.InviteAll({second[0]});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, std::vector<int64_t>{0});
  const auto third = sheet_for(bulk.id, Side::kMentee, (*ids)[2]);
  Status refused = repo.AnswerAll({{(*ids)[2], third}, {(*ids)[0], third}});
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  EXPECT_EQ(refused.reason(), "already_answered");
  EXPECT_EQ(repo.AnswerAll({{(*ids)[2], third}, {(*ids)[2], third}}).reason(), "already_answered");
  EXPECT_FALSE(repo.FindInvitation((*ids)[2]).value()->answered);
  EXPECT_EQ(repo.Responses(bulk.id).value().size(), 2u);
  EXPECT_TRUE(repo.InviteAll({}).ok());
  EXPECT_TRUE(repo.AnswerAll({}).ok());
}

// Results for one group read that group's sheets and only counts of the others
// (SurveyService::Results): the counts must be TallyGroups' over every sheet, by IsAnswered's
// rule — unanswered values ([] or a first element ""), answers to questions the survey no longer
// has, and texts that look like the SQL's patterns included — and the sheets exactly the group's.
TYPED_TEST(SurveyContract, GroupSheetsAreTheGroupsSheetsAndTallyEveryGroup) {
  if (this->Skipped()) return;
  SurveyRepository& repo = *this->store_.surveys;
  const Survey s = this->NewSurvey();
  const Survey other = this->NewSurvey();
  const std::array<Answers, 7> answers = {
      Answers{{"nps", {"9"}}, {"m", {"4", "5"}}},
      Answers{{"nps", {"3"}}, {"m", {}}},
      Answers{{"nps", {""}}, {"m", {"", "2"}}, {"gone", {"x"}}},
      Answers{{"m", {"1", "1"}}, {"more", {"[\"\"% not empty"}}},
      Answers{{"more", {std::string("a\0b", 3)}}, {"nps", {"10"}}},
      Answers{{"more", {"\\u0000 typed as such"}}, {"m", {"2", "2"}}},
      Answers{}};
  const std::array<const char*, 3> departments = {"Finance", "Sales", "Platform \"Core\""};
  int round = 0;
  auto answer = [&](const Survey& survey, std::size_t i) {
    SurveyInvitation invitation = this->Invitation(survey.id, i % 2 ? "E1" : "E2");
    invitation.round = ++round;
    const std::string token = "t" + std::to_string(round);
    ASSERT_TRUE(repo.Invite(invitation, crypto::Sha256Hex(token), this->Mail()).value());
    const auto found = *repo.FindInvitationByToken(crypto::Sha256Hex(token)).value();
    SurveyAnswerSheet sheet;
    sheet.response = {survey.id,
                      1,
                      i % 2 ? Side::kMentor : Side::kMentee,
                      departments[i % departments.size()],
                      i % 4 ? "London" : "Oslo",
                      i % 5 ? "levels 1-3" : "levels 4-6",
                      answers[i % answers.size()]};
    ASSERT_TRUE(repo.Answer(found.id, sheet).ok());
  };
  for (std::size_t i = 0; i < 40; ++i) answer(s, i);
  answer(other, 0);
  EXPECT_EQ(repo.CountInvitations(s.id, {}).value(), 40);
  EXPECT_EQ(repo.CountInvitations(other.id, {}).value(), 1);
  EXPECT_EQ(repo.CountInvitations(s.id, {"side", "mentor"}).value(), 20);
  EXPECT_EQ(repo.CountInvitations(s.id, {"department", "Finance"}).value(), 40);
  EXPECT_EQ(repo.CountInvitations(s.id, {"site", "Oslo"}).value(), 0);
  EXPECT_EQ(repo.CountInvitations(s.id, {"", "Oslo"}).status().field(), "by");
  const std::vector<SurveyResponse> all = repo.Responses(s.id).value();
  ASSERT_EQ(all.size(), 40u);
  auto key = [](const SurveyResponse& r) {
    return std::make_tuple(r.version, r.side, r.department, r.site, r.level_band, r.answers);
  };
  for (const std::string by : {"side", "department", "site", "level"}) {
    const std::vector<SurveyGroupTally> expected = TallyGroups(all, by);
    for (const SurveyGroupTally& group : expected) {
      auto read = repo.GroupSheets(s.id, by, group.group);
      ASSERT_TRUE(read.ok()) << read.status().ToString();
      std::vector<SurveyGroupTally> tallies = read->tallies;
      std::sort(tallies.begin(), tallies.end(),
                [](const auto& a, const auto& b) { return a.group < b.group; });
      ASSERT_EQ(tallies.size(), expected.size()) << by;
      for (std::size_t i = 0; i < tallies.size(); ++i) {
        EXPECT_EQ(tallies[i].group, expected[i].group) << by;
        EXPECT_EQ(tallies[i].sheets, expected[i].sheets) << by << " " << expected[i].group;
        EXPECT_EQ(tallies[i].answered, expected[i].answered) << by << " " << expected[i].group;
      }
      std::vector<decltype(key(all[0]))> got, want;
      for (const SurveyResponse& r : read->sheets) got.push_back(key(r));
      for (const SurveyResponse& r : all) {
        if (GroupOf(r, by) == group.group) want.push_back(key(r));
      }
      std::sort(got.begin(), got.end());
      std::sort(want.begin(), want.end());
      EXPECT_EQ(got, want) << by << " " << group.group;
    }
    auto nobody = repo.GroupSheets(s.id, by, "nobody");
    ASSERT_TRUE(nobody.ok());
    EXPECT_TRUE(nobody->sheets.empty());
    EXPECT_EQ(nobody->tallies.size(), expected.size());
  }
  EXPECT_EQ(repo.GroupSheets(s.id, "person", "E2").status().field(), "by");
}

// The same results both ways, on the same stored sheets: one group's results read from the
// answered questions recorded with each sheet (ReadSurveyResults over GroupSheets) are exactly
// SummarizeSurvey's over every sheet read and parsed — groups shown and hidden, complementary
// suppression, questions hidden for few answers, counts, means, NPS, matrices and free texts.
void ExpectSameResults(const SurveyResults& got, const SurveyResults& want, const std::string& at) {
  EXPECT_EQ(got.min_group, want.min_group) << at;
  EXPECT_EQ(got.invited, want.invited) << at;
  EXPECT_EQ(got.responses, want.responses) << at;
  EXPECT_EQ(got.hidden, want.hidden) << at;
  ASSERT_EQ(got.groups.size(), want.groups.size()) << at;
  for (std::size_t i = 0; i < got.groups.size(); ++i) {
    EXPECT_EQ(got.groups[i].group, want.groups[i].group) << at;
    EXPECT_EQ(got.groups[i].hidden, want.groups[i].hidden) << at << " " << want.groups[i].group;
    EXPECT_EQ(got.groups[i].responses, want.groups[i].responses) << at;
  }
  ASSERT_EQ(got.questions.size(), want.questions.size()) << at;
  for (std::size_t i = 0; i < got.questions.size(); ++i) {
    const QuestionResult &g = got.questions[i], &w = want.questions[i];
    const std::string q = at + " " + w.question.id;
    EXPECT_EQ(g.question.id, w.question.id) << q;
    EXPECT_EQ(g.hidden, w.hidden) << q;
    EXPECT_EQ(g.answered, w.answered) << q;
    ASSERT_EQ(g.counts.size(), w.counts.size()) << q;
    for (std::size_t c = 0; c < g.counts.size(); ++c) {
      EXPECT_EQ(g.counts[c].value, w.counts[c].value) << q;
      EXPECT_EQ(g.counts[c].count, w.counts[c].count) << q;
    }
    EXPECT_EQ(g.mean, w.mean) << q;
    EXPECT_EQ(g.nps, w.nps) << q;
    EXPECT_EQ(g.matrix, w.matrix) << q;
    EXPECT_EQ(g.texts, w.texts) << q;
  }
}

TYPED_TEST(SurveyContract, OneGroupsResultsFromRecordedAnswersEqualTheSummaryOfEverySheet) {
  if (this->Skipped()) return;
  SurveyRepository& repo = *this->store_.surveys;
  Survey s = this->NewSurvey();
  s.questions.push_back({"more", QuestionType::kLongText, "Anything else?", "", false, {}});
  const std::array<Answers, 6> answers = {
      Answers{{"nps", {"9"}}, {"m", {"4", "5"}}, {"more", {"Good"}}},
      Answers{{"nps", {"3"}}, {"m", {}}},
      Answers{{"nps", {""}}, {"m", {"", "2"}}, {"gone", {"x"}}},
      Answers{{"nps", {"10"}}, {"m", {"1", "1"}}, {"more", {"[\"\"% not empty"}}},
      Answers{{"nps", {"7"}}, {"more", {std::string("a\0b", 3)}}},
      Answers{{"nps", {"0"}}, {"m", {"2", "3"}}}};
  // Group sizes that make small groups: departments 22/11/6/1, sites 30/10, levels 32/8.
  const std::array<const char*, 4> departments = {"Finance", "Sales", "Platform", "Legal"};
  for (int i = 0; i < 40; ++i) {
    SurveyInvitation invitation = this->Invitation(s.id, i % 2 ? "E1" : "E2");
    invitation.round = i + 1;
    const std::string token = "same" + std::to_string(i);
    ASSERT_TRUE(repo.Invite(invitation, crypto::Sha256Hex(token), this->Mail()).value());
    const auto found = *repo.FindInvitationByToken(crypto::Sha256Hex(token)).value();
    SurveyAnswerSheet sheet;
    sheet.response = {s.id,
                      1,
                      i % 2 ? Side::kMentor : Side::kMentee,
                      departments[i == 39  ? 3
                                  : i < 22 ? 0
                                  : i < 33 ? 1
                                           : 2],
                      i % 4 ? "London" : "Oslo",
                      i % 5 ? "levels 1-3" : "levels 4-6",
                      answers[static_cast<std::size_t>(i) % answers.size()]};
    ASSERT_TRUE(repo.Answer(found.id, sheet).ok());
  }
  const std::vector<SurveyResponse> all = repo.Responses(s.id).value();
  ASSERT_EQ(all.size(), 40u);
  int hidden_groups = 0, shown_groups = 0, hidden_questions = 0;
  for (const int k : {3, 5, 9, 12}) {
    s.min_group = k;
    for (const std::string by : {"side", "department", "site", "level"}) {
      for (const SurveyGroupTally& group : TallyGroups(all, by)) {
        const SurveyResultsQuery query{by, group.group};
        const std::string at = "k " + std::to_string(k) + " " + by + " " + group.group;
        auto got = ReadSurveyResults(repo, s, query, 40);
        auto want = SummarizeSurvey(s.questions, all, k, 40, query);
        ASSERT_TRUE(got.ok() && want.ok()) << at;
        ExpectSameResults(*got, *want, at);
        (want->hidden ? hidden_groups : shown_groups) += 1;
        for (const QuestionResult& q : want->questions) hidden_questions += q.hidden;
      }
    }
  }
  // The data makes every case happen, so that the comparison cannot pass vacuously.
  EXPECT_GT(hidden_groups, 0);
  EXPECT_GT(shown_groups, 0);
  EXPECT_GT(hidden_questions, 0);
}

}  // namespace
}  // namespace pairwise::storage::testing
