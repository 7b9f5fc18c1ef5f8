// The ReportReader's bulk reads on SQLite and PostgreSQL (PAIRWISE_TEST_POSTGRES_URL; skipped
// when unset unless PAIRWISE_REQUIRE_POSTGRES=1): people with their reference codes and status,
// promotions with the level before them, no participations or facts for an unknown program; and
// the dashboard's set-based reads (the directory counted by group, the program's own people and
// attributes) against a plain computation over the whole directory, under every filter.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>

#include "domain/people/test_util.h"
#include "domain/reports/dashboard.h"
#include "domain/surveys/survey_results.h"
#include "storage/database.h"
#include "storage/group_meeting_repository.h"
#include "storage/held_meetings_sql.h"
#include "storage/meeting_repository.h"
#include "storage/report_repository.h"
#include "storage/survey_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::Date;

Date D(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

struct ReportStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::PeopleRepository> people;
    std::unique_ptr<domain::ReportReader> reports;
    std::unique_ptr<domain::MeetingRepository> meetings;
    std::unique_ptr<domain::GroupMeetingRepository> group_meetings;
    std::unique_ptr<domain::SurveyRepository> surveys;
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> migrated) {
    Store store;
    store.people = MakePeopleRepository(migrated->db());
    store.reports = MakeReportReader(migrated->db());
    store.meetings = MakeMeetingRepository(migrated->db());
    store.group_meetings = MakeGroupMeetingRepository(migrated->db());
    store.surveys = MakeSurveyRepository(migrated->db());
    store.database = std::move(migrated);
    return store;
  }
};

template <typename Backend>
class ReportContract : public testing::ContractTest<Backend> {};

using ReportBackends = ::testing::Types<testing::SqlBackend<ReportStores, false>,
                                        testing::SqlBackend<ReportStores, true>>;
TYPED_TEST_SUITE(ReportContract, ReportBackends, testing::BackendNames);

TYPED_TEST(ReportContract, ReadsPeopleAndTheirPromotions) {
  auto& store = this->store_;
  domain::Directory d = domain::testing::SmallDirectory();
  ASSERT_TRUE(store.people->UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(store.people->UpsertSites(d.sites).ok());
  ASSERT_TRUE(store.people->UpsertPeople(d.people).ok());
  const std::string who = d.people.back().employee_id;
  std::vector<domain::PersonEvent> events(2);
  events[0].employee_id = who;
  events[0].kind = domain::PersonEventKind::kPromotion;
  events[0].date = D(2024, 3, 1);
  events[0].from_level = 2;
  events[0].to_level = 3;
  events[1].employee_id = who;
  events[1].kind = domain::PersonEventKind::kPromotion;
  events[1].date = D(2025, 9, 1);
  events[1].to_level = 4;  // no former level recorded: one below
  ASSERT_TRUE(store.people->AppendEvents(events).ok());

  auto people = store.reports->ListPeople();
  ASSERT_TRUE(people.ok()) << people.status().ToString();
  ASSERT_EQ(people->size(), d.people.size());
  const auto& first = d.people.front();
  auto found = std::find_if(people->begin(), people->end(),
                            [&](const auto& p) { return p.employee_id == first.employee_id; });
  ASSERT_NE(found, people->end());
  EXPECT_EQ(found->name, first.first_name + " " + first.last_name);
  EXPECT_EQ(found->department, first.department);
  // The names too: survey answers carry the department and site by name.
  auto department = std::find_if(d.departments.begin(), d.departments.end(),
                                 [&](const auto& x) { return x.code == first.department; });
  ASSERT_NE(department, d.departments.end());
  EXPECT_EQ(found->department_name, department->name);
  auto site = std::find_if(d.sites.begin(), d.sites.end(),
                           [&](const auto& x) { return x.code == first.site; });
  ASSERT_NE(site, d.sites.end());
  EXPECT_EQ(found->site_name, site->name);
  EXPECT_EQ(found->hire_date, first.hire_date);
  EXPECT_EQ(found->level, first.level);

  auto outcome = store.reports->ListOutcomePeople();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  auto promoted = std::find_if(outcome->begin(), outcome->end(),
                               [&](const auto& p) { return p.employee_id == who; });
  ASSERT_NE(promoted, outcome->end());
  EXPECT_EQ(promoted->promotions, (std::vector<Date>{D(2024, 3, 1), D(2025, 9, 1)}));
  EXPECT_EQ(promoted->promotion_from, (std::vector<int>{2, 3}));

  auto participations = store.reports->ListParticipations();
  ASSERT_TRUE(participations.ok());
  EXPECT_TRUE(participations->empty());
  auto facts = store.reports->LoadProgramFacts(domain::ProgramId(42));
  ASSERT_TRUE(facts.ok()) << facts.status().ToString();
  EXPECT_TRUE(facts->applications.empty() && facts->relationships.empty() && facts->goals.empty() &&
              facts->mentor_capacities.empty());
}

// A directory of 620 people over three departments, two sites, every level and status, hired
// one a day from June 2023 (so that every cutoff the tests use is someone's hire date), two
// programs sharing a few people, and reporting attributes (one value held by only three people, so
// that fairness hides it).
struct Generated {
  domain::Directory directory;
  std::vector<domain::ReportingAttribute> attributes;
};

Generated Generate() {
  Generated g;
  domain::Directory& d = g.directory;
  d = domain::testing::SmallDirectory();
  d.people.clear();
  d.events.clear();
  d.departments.push_back({"OPS", "Operations", "Operations"});
  for (int i = 1; i <= 620; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "P%04d", i);
    domain::PersonRecord p = domain::testing::MakePerson(id);
    p.department = i % 3 == 0 ? "ENG" : i % 3 == 1 ? "FIN" : "OPS";
    p.site = i % 4 == 0 ? "NYC" : "LON";
    p.level = 1 + i % 10;
    p.hire_date = Date(std::chrono::sys_days(D(2023, 6, 1)) + std::chrono::days(i));
    if (i % 13 == 0) p.status = domain::EmploymentStatus::kLeave;
    if (i % 17 == 0) {
      p.status = domain::EmploymentStatus::kLeft;
      p.left_date = D(2026, 1, 31);
    }
    d.people.push_back(p);
    if (i % 3 != 2) {
      g.attributes.push_back({id, "gender", i % 2 == 0 ? "woman" : "man"});
    }
    if (i <= 9) g.attributes.push_back({id, "network", i <= 3 ? "rare" : "common"});
  }
  return g;
}

std::string Id(int i) {
  char id[8];
  std::snprintf(id, sizeof id, "P%04d", i);
  return id;
}

// Programs 501 and 502 in SQL: 501 has mentee applications from P0001..P0300 (some approved),
// relationships for P0001..P0200 with mentors P0401..P0440 (some completed, some ended early;
// ScoreOf and RunOf give each its match score and the run that made it), a mentor application
// from P0450; 502 has relationships of P0250..P0350 with P0500..P0520.
int64_t ScoreOf(int mentee) { return 40 + (mentee * 37) % 60; }
std::optional<int64_t> RunOf(int mentee) {
  if (mentee % 3 == 0) return std::nullopt;  // chosen by the mentee
  return mentee % 2 ? 7001 : 7002;
}

Status AddPrograms(Database& db) {
  return db.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
    for (const char* program : {"501", "502"}) {
      s << std::string(
               "INSERT INTO programs (id, name, description, type, need, objectives, "
               "start_date, end_date, enrollment_opens, enrollment_closes, "
               "relationship_months, cadence, capacity_mentees, capacity_hours, "
               "requires_mentor_credential, manager_approval, max_ranked_choices, "
               "request_expiry_days, status, created_at_us, updated_at_us) VALUES (") +
               program +
               ", 'P', 'd', 'one_on_one', 'career_development', 'o', '2024-06-01', "
               "'2028-12-31', '2024-06-01', '2024-07-01', 24, 'biweekly', 5, 8, 0, 0, 3, 7, "
               "'open', 0, 0)";
    }
    auto application = [&](int program, int person, const char* side, const char* status) {
      s << "INSERT INTO applications (program_id, side, employee_id, status, form_version, "
           "answers, nominated, manager_approval, decision_message, submitted_at_us, "
           "updated_at_us) VALUES (" +
               std::to_string(program) + ", '" + side + "', '" + Id(person) + "', '" + status +
               "', 1, '{}', 0, 'not_needed', '', 0, 0)";
    };
    for (int i = 1; i <= 300; ++i) {
      application(501, i, "mentee", i % 4 == 0 ? "submitted" : "approved");
    }
    application(501, 450, "mentor", "approved");
    for (const char* run : {"7001", "7002"}) {
      s << std::string(
               "INSERT INTO proposals (id, program_id, kind, status, settings, freed, created_by, "
               "created_at_us, progress, phase, cancel_requested, error, summary, published_by, "
               "edits) VALUES (") +
               run + ", 501, 'full', 'published', '{}', '[]', '', 0, 100, '', 0, '', '{}', '', 0)";
    }
    long long id = 9000;
    auto relationship = [&](int program, int mentor, int mentee, const char* status) {
      const bool ended = std::string(status) != "active";
      const std::optional<int64_t> run = program == 501 ? RunOf(mentee) : std::nullopt;
      s << "INSERT INTO relationships (id, program_id, mentor, mentee, status, score, "
           "explanation, started_at_us, activated_at_us, ended_at_us, end_reason, ended_by, "
           "end_comment, proposal_id) VALUES (" +
               std::to_string(++id) + ", " + std::to_string(program) + ", '" + Id(mentor) + "', '" +
               Id(mentee) + "', '" + status + "', " +
               std::to_string(program == 501 ? ScoreOf(mentee) : 70) + ", '', 0, 0, " +
               (ended ? "1000" : "NULL") + ", '" +
               (std::string(status) == "ended_early" ? "no_time"
                : ended                              ? "completed"
                                                     : "") +
               "', '', '', " + (run ? std::to_string(*run) : std::string("NULL")) + ")";
    };
    for (int i = 1; i <= 200; ++i) {
      relationship(501, 401 + i % 40, i,
                   i % 7 == 0   ? "completed"
                   : i % 5 == 0 ? "ended_early"
                                : "active");
    }
    for (int i = 250; i <= 350; ++i) relationship(502, 500 + i % 21, i, "active");
    return Status::Ok();
  });
}

domain::Person AsPerson(const domain::ReportPerson& p) {
  domain::Person person;
  person.employee_id = p.employee_id;
  person.department = p.department;
  person.site = p.site;
  person.level = p.level;
  person.hire_date = p.hire_date;
  person.status = p.status;
  return person;
}

bool Admits(const domain::DashboardFilter& f, const domain::ReportPerson& p) {
  return (f.department.empty() || p.department == f.department) &&
         (f.site.empty() || p.site == f.site) && (f.level == 0 || p.level == f.level);
}

const std::vector<domain::DashboardFilter>& Filters() {
  static const std::vector<domain::DashboardFilter> filters = {
      {}, {"ENG", "", 0}, {"", "NYC", 0}, {"", "", 4}, {"FIN", "LON", 0}, {"OPS", "LON", 6}};
  return filters;
}

template <typename Backend>
class DashboardReads : public ReportContract<Backend> {
 protected:
  void SetUp() override {
    ReportContract<Backend>::SetUp();
    if (this->Skipped()) return;
    generated_ = Generate();
    const domain::Directory& d = generated_.directory;
    auto& store = this->store_;
    ASSERT_TRUE(store.people->UpsertDepartments(d.departments).ok());
    ASSERT_TRUE(store.people->UpsertSites(d.sites).ok());
    ASSERT_TRUE(store.people->UpsertPeople(d.people).ok());
    ASSERT_TRUE(store.people->SetReportingAttributes(generated_.attributes).ok());
    ASSERT_TRUE(AddPrograms(store.database->db()).ok());
    auto people = store.reports->ListPeople();
    ASSERT_TRUE(people.ok()) << people.status().ToString();
    directory_ = std::move(people).value();
    ASSERT_EQ(directory_.size(), 620u);
  }
  Generated generated_;
  std::vector<domain::ReportPerson> directory_;
};
TYPED_TEST_SUITE(DashboardReads, ReportBackends, testing::BackendNames);

TYPED_TEST(DashboardReads, PeopleGroupsAreTheDirectoryCounted) {
  using Key = std::tuple<std::string, std::string, std::string, std::string, int,
                         domain::EmploymentStatus, bool>;
  const Date hired_by = D(2024, 3, 31);  // P0304's hire date
  std::vector<std::string> listed;
  for (int i = 1; i <= 560; i += 1) listed.push_back(Id(i));  // two statements' worth
  for (const domain::DashboardFilter& filter : Filters()) {
    for (int variant = 0; variant < 3; ++variant) {
      domain::PeopleCountQuery query{filter.department, filter.site, filter.level, {}, {}};
      if (variant >= 1) query.hired_by = hired_by;
      if (variant == 2) query.employee_ids = listed;
      std::map<Key, int64_t> plain;
      const std::set<std::string> in_list(listed.begin(), listed.end());
      for (const domain::ReportPerson& p : this->directory_) {
        if (!Admits(filter, p) || (variant == 2 && !in_list.contains(p.employee_id))) continue;
        ++plain[{p.department, p.site, p.department_name, p.site_name, p.level, p.status,
                 !query.hired_by || p.hire_date <= hired_by}];
      }
      auto groups = this->store_.reports->CountPeopleGroups(query);
      ASSERT_TRUE(groups.ok()) << groups.status().ToString();
      std::map<Key, int64_t> read;
      for (const domain::PeopleGroupCount& g : *groups) {
        auto [it, added] = read.emplace(Key{g.department, g.site, g.department_name, g.site_name,
                                            g.level, g.status, g.hired_by},
                                        g.people);
        EXPECT_TRUE(added) << "a group read twice";
      }
      EXPECT_EQ(read, plain) << filter.department << "/" << filter.site << "/" << filter.level
                             << " variant " << variant;
      EXPECT_FALSE(plain.empty());
    }
  }
}

TYPED_TEST(DashboardReads, EligibleIsCheckEligibilityOverTheDirectory) {
  const Date today = D(2026, 3, 31);
  std::vector<domain::EligibilityRules> rules(5);
  rules[1].departments = {"ENG", "OPS"};
  rules[1].sites = {"LON"};
  rules[1].min_level = 3;
  rules[1].max_level = 7;
  rules[2].min_tenure_months = 24;  // hired by 2024-03-31 (a month's last day): P0304
  rules[2].statuses = {domain::EmploymentStatus::kActive, domain::EmploymentStatus::kLeave};
  rules[3].min_tenure_months = 14;  // hired by 2025-01-31: P0610, listed
  for (int i = 2; i <= 620; i += 2) rules[3].employee_ids.push_back(Id(i));
  rules[4].min_tenure_months = 0;
  rules[4].statuses = {domain::EmploymentStatus::kLeave};
  for (std::size_t r = 0; r < rules.size(); ++r) {
    for (const domain::DashboardFilter& filter : Filters()) {
      int64_t plain = 0;
      for (const domain::ReportPerson& p : this->directory_) {
        plain += Admits(filter, p) &&
                 !domain::CheckEligibility(rules[r], domain::Side::kMentee, AsPerson(p), today);
      }
      const domain::PeopleCountQuery query = domain::EligibleQuery(rules[r], filter, today);
      auto groups = this->store_.reports->CountPeopleGroups(query);
      ASSERT_TRUE(groups.ok()) << groups.status().ToString();
      EXPECT_EQ(domain::CountEligible(rules[r], query, *groups, today), plain)
          << "rules " << r << ", filter " << filter.department << "/" << filter.site << "/"
          << filter.level;
      if (r == 0 && filter.department.empty() && filter.site.empty() && filter.level == 0) {
        EXPECT_GT(plain, 400);  // the check is not vacuous
      }
    }
  }
}

void ExpectSameFairness(const std::vector<domain::FairnessBreakdown>& read,
                        const std::vector<domain::FairnessBreakdown>& plain,
                        const std::string& what) {
  ASSERT_EQ(read.size(), plain.size()) << what;
  for (std::size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].dimension, plain[i].dimension) << what;
    EXPECT_EQ(read[i].hidden_groups, plain[i].hidden_groups) << what << " " << plain[i].dimension;
    ASSERT_EQ(read[i].groups.size(), plain[i].groups.size()) << what << " " << plain[i].dimension;
    for (std::size_t j = 0; j < read[i].groups.size(); ++j) {
      const domain::GroupFigures& a = read[i].groups[j];
      const domain::GroupFigures& b = plain[i].groups[j];
      EXPECT_EQ(std::tie(a.group, a.mentees, a.matched, a.completed, a.ended_early, a.scored,
                         a.match_score),
                std::tie(b.group, b.mentees, b.matched, b.completed, b.ended_early, b.scored,
                         b.match_score))
          << what << " " << plain[i].dimension;
    }
  }
}

TYPED_TEST(DashboardReads, ProgramFactsHoldTheProgramsPeopleAndTheirAttributes) {
  auto& store = this->store_;
  auto facts = store.reports->LoadProgramFacts(domain::ProgramId(501));
  ASSERT_TRUE(facts.ok()) << facts.status().ToString();
  // Plainly: everyone of the program's applications and relationships, from the directory.
  std::set<std::string> of_program;
  for (const auto& a : facts->applications) of_program.insert(a.employee_id);
  for (const auto& r : facts->relationships) {
    of_program.insert(r.mentor);
    of_program.insert(r.mentee);
  }
  // Each pair with its match score and the run that made it, as stored.
  ASSERT_EQ(facts->relationships.size(), 200u);
  int scored = 0;
  for (const auto& r : facts->relationships) {
    const int mentee = std::stoi(r.mentee.substr(1));
    EXPECT_EQ(r.score, ScoreOf(mentee)) << r.mentee;
    EXPECT_EQ(r.proposal, RunOf(mentee)) << r.mentee;
    scored += r.proposal.has_value();
  }
  EXPECT_GT(scored, 100);
  std::vector<std::string> expected_ids(of_program.begin(), of_program.end());
  std::vector<std::string> read_ids;
  for (const domain::ReportPerson& p : facts->people) read_ids.push_back(p.employee_id);
  EXPECT_EQ(read_ids, expected_ids);
  EXPECT_FALSE(of_program.contains(Id(500)));  // program 502's mentor
  for (const domain::ReportPerson& p : facts->people) {
    auto it = std::find_if(this->directory_.begin(), this->directory_.end(),
                           [&](const auto& q) { return q.employee_id == p.employee_id; });
    ASSERT_NE(it, this->directory_.end());
    EXPECT_EQ(std::tie(p.name, p.department, p.site, p.department_name, p.site_name, p.level,
                       p.hire_date, p.status),
              std::tie(it->name, it->department, it->site, it->department_name, it->site_name,
                       it->level, it->hire_date, it->status));
  }
  auto all = store.people->ListReportingAttributes();
  ASSERT_TRUE(all.ok());
  std::vector<domain::ReportingAttribute> expected_attributes;
  for (const auto& a : *all) {
    if (of_program.contains(a.employee_id)) expected_attributes.push_back(a);
  }
  EXPECT_EQ(facts->attributes, expected_attributes);

  // The figures the dashboard draws from them are those over the whole directory, under every
  // filter, small groups hidden as before (some are: "rare" is held by three mentees).
  int hidden = 0;
  for (const domain::DashboardFilter& filter : Filters()) {
    const auto plain = domain::FairnessByGroup(*facts, this->directory_, *all, filter);
    const auto read = domain::FairnessByGroup(*facts, facts->people, facts->attributes, filter);
    ExpectSameFairness(read, plain,
                       filter.department + "/" + filter.site + "/" + std::to_string(filter.level));
    for (const auto& b : plain) hidden += b.hidden_groups;
  }
  EXPECT_GT(hidden, 0);
}

// A program of four relationships (two of one mentor, one ended) for the held meetings' tests.
Status AddMeetingProgram(Database& db) {
  return db.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
    s << "INSERT INTO programs (id, name, description, type, need, objectives, start_date, "
         "end_date, enrollment_opens, enrollment_closes, relationship_months, cadence, "
         "capacity_mentees, capacity_hours, requires_mentor_credential, manager_approval, "
         "max_ranked_choices, request_expiry_days, status, created_at_us, updated_at_us) VALUES "
         "(910, 'Held', 'd', 'group', 'career_development', 'o', '2024-06-01', '2028-12-31', "
         "'2024-06-01', '2024-07-01', 24, 'biweekly', 5, 8, 0, 0, 3, 7, 'open', 0, 0)";
    const char* pairs[][3] = {
        {"71", "M1", "E1"}, {"72", "M1", "E2"}, {"73", "M2", "E3"}, {"74", "M1", "E1"}};
    for (const auto& p : pairs) {
      const std::string id = p[0], mentor = p[1], mentee = p[2];
      const bool ended = id == "74";
      s << "INSERT INTO relationships (id, program_id, mentor, mentee, status, score, "
           "explanation, started_at_us, activated_at_us, ended_at_us, end_reason, ended_by, "
           "end_comment) VALUES (" +
               id + ", 910, :m, :e, '" + (ended ? "completed" : "active") + "', 70, '', 0, 0, " +
               (ended ? "5" : "NULL") + ", '" + (ended ? "completed" : "") + "', '', '')",
          soci::use(mentor), soci::use(mentee);
    }
    return Status::Ok();
  });
}

TimePoint Hour(int h) { return TimePoint(std::chrono::hours(500'000 + h)); }

domain::Meeting PairMeeting(int64_t relationship, std::string mentor, std::string mentee, int hour,
                            domain::MeetingStatus status) {
  domain::Meeting m;
  m.relationship = domain::RelationshipId(relationship);
  m.mentor = std::move(mentor);
  m.mentee = std::move(mentee);
  m.status = status;
  m.starts_at = Hour(hour);
  m.ends_at = Hour(hour) + std::chrono::minutes(60);
  m.proposed_by = m.mentee;
  m.organizer = m.mentee;
  m.uid = "held-" + std::to_string(relationship) + "-" + std::to_string(hour);
  m.created_at = Hour(0);
  m.updated_at = Hour(0);
  return m;
}

// The program's relationships as the dashboard reads them (meetings held, first held) against
// the plain computation (held_meetings_sql.h's definition over every meeting), and the stored
// counts of pair meetings against the meetings themselves. Empty when they agree.
std::string HeldMeetingsDiffer(Database& db, domain::ReportReader& reports) {
  std::string out;
  auto facts = reports.LoadProgramFacts(domain::ProgramId(910));
  if (!facts.ok()) return facts.status().ToString();
  std::map<long long, std::pair<long long, long long>> plain;  // id -> held, first (-1: none)
  std::map<long long, std::tuple<long long, long long, long long>> pair_plain, stored;
  Status read = db.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
    long long id = 0, held = 0, first = 0, last = 0;
    soci::indicator first_ind = soci::i_null, last_ind = soci::i_null;
    soci::statement st =
        (s.prepare << std::string("SELECT r.id, ") + kHeldMeetingsOfR + ", " +
                          kFirstHeldMeetingOfR + " FROM relationships r WHERE r.program_id = 910",
         soci::into(id), soci::into(held), soci::into(first, first_ind));
    for (bool more = st.execute(true); more; more = st.fetch()) {
      plain[id] = {held, first_ind == soci::i_ok ? first : -1};
    }
    soci::statement pairs =
        (s.prepare << "SELECT relationship_id, COUNT(*), MIN(starts_at_us), MAX(starts_at_us) "
                      "FROM meetings WHERE status = 'held' GROUP BY relationship_id",
         soci::into(id), soci::into(held), soci::into(first), soci::into(last));
    for (bool more = pairs.execute(true); more; more = pairs.fetch()) {
      pair_plain[id] = {held, first, last};
    }
    soci::statement kept =
        (s.prepare << "SELECT relationship_id, held, first_held_us, last_held_us FROM "
                      "relationship_held_meetings WHERE held > 0",
         soci::into(id), soci::into(held), soci::into(first, first_ind),
         soci::into(last, last_ind));
    for (bool more = kept.execute(true); more; more = kept.fetch()) {
      stored[id] = {held, first_ind == soci::i_ok ? first : -1, last_ind == soci::i_ok ? last : -1};
    }
    return Status::Ok();
  });
  if (!read.ok()) return read.ToString();
  if (pair_plain != stored) out += "stored pair counts differ from the meetings; ";
  for (const domain::ReportRelationship& r : facts->relationships) {
    const auto want = plain[r.id];
    const long long first = r.first_meeting ? std::chrono::duration_cast<std::chrono::microseconds>(
                                                  r.first_meeting->time_since_epoch())
                                                  .count()
                                            : -1;
    if (r.meetings_held != want.first || first != want.second) {
      out += "relationship " + std::to_string(r.id) + ": read " + std::to_string(r.meetings_held) +
             " held, first " + std::to_string(first) + "; plain " + std::to_string(want.first) +
             ", " + std::to_string(want.second) + "; ";
    }
  }
  if (facts->relationships.size() != plain.size()) out += "relationships missing; ";
  return out;
}

// Every write of a meeting keeps the stored held counts (migration 54) equal to the meetings: a
// meeting created, held, logged, cancelled, missed; a history imported in bulk; group meetings
// held with attendance changed and cancelled (read with the counts); and concurrent writers of
// one relationship's meetings (on PostgreSQL: each recount locks before it counts).
TYPED_TEST(ReportContract, HeldMeetingCountsFollowEveryMeetingWrite) {
  auto& store = this->store_;
  Database& db = store.database->db();
  ASSERT_TRUE(AddMeetingProgram(db).ok());
  auto check = [&](const char* step) {
    EXPECT_EQ(HeldMeetingsDiffer(db, *store.reports), "") << step;
  };
  check("no meetings");
  using domain::MeetingStatus;
  domain::MeetingRepository& meetings = *store.meetings;

  domain::Meeting a = PairMeeting(71, "M1", "E1", 10, MeetingStatus::kProposed);
  ASSERT_TRUE(meetings.SaveMeeting(a, std::nullopt, {}, Hour(1)).ok());
  check("proposed");
  a.status = MeetingStatus::kHeld;
  ASSERT_TRUE(meetings.SaveMeeting(a, a.updated_at, {}, Hour(2)).ok());
  check("saved as held");
  domain::Meeting b = PairMeeting(71, "M1", "E1", 4, MeetingStatus::kScheduled);
  ASSERT_TRUE(meetings.SaveMeeting(b, std::nullopt, {}, Hour(3)).ok());
  b.status = MeetingStatus::kHeld;
  b.log_minutes = 45;
  b.logged_by = "M1";
  b.logged_at = Hour(6);
  std::vector<domain::ActionItem> none;
  ASSERT_TRUE(meetings.SaveLog(b, b.updated_at, none, Hour(6)).ok());
  check("logged held, earlier than the first");
  a.status = MeetingStatus::kCancelled;
  ASSERT_TRUE(meetings.SaveMeeting(a, a.updated_at, {}, Hour(7)).ok());
  check("a held meeting cancelled");
  b.status = MeetingStatus::kMissed;
  ASSERT_TRUE(meetings.SaveLog(b, b.updated_at, none, Hour(8)).ok());
  check("logged as missed after all");

  domain::MeetingHistory history;
  for (int i = 0; i < 6; ++i) {
    domain::MeetingHistory::Entry e;
    e.meeting = PairMeeting(i % 2 ? 72 : 73, i % 2 ? "M1" : "M2", i % 2 ? "E2" : "E3", 100 + i,
                            i == 4 ? MeetingStatus::kMissed : MeetingStatus::kHeld);
    history.meetings.push_back(std::move(e));
  }
  ASSERT_TRUE(meetings.ImportHistory(history, Hour(9)).ok());
  check("history imported");

  domain::GroupMeeting g;
  g.program = domain::ProgramId(910);
  g.mentor = "M1";
  g.status = MeetingStatus::kHeld;
  g.details.starts_at = Hour(2);
  g.details.ends_at = Hour(3);
  g.uid = "held-group-1";
  g.created_at = Hour(0);
  g.attendees = {{"E1", domain::GroupResponse::kAccepted, Hour(1), true},
                 {"E2", domain::GroupResponse::kAccepted, Hour(1), false}};
  ASSERT_TRUE(store.group_meetings->Save(g, std::nullopt, {}, Hour(10)).ok());
  check("a group meeting held, one attended");
  g.attendees[1].attended = true;
  ASSERT_TRUE(store.group_meetings->Save(g, g.updated_at, {}, Hour(11)).ok());
  check("attendance changed");
  g.status = MeetingStatus::kCancelled;
  ASSERT_TRUE(store.group_meetings->Save(g, g.updated_at, {}, Hour(12)).ok());
  check("group meeting cancelled");

  // Four writers at once, each turning its own meetings of relationship 72 held and missed.
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      domain::Meeting m = PairMeeting(72, "M1", "E2", 200 + 2 * t, MeetingStatus::kHeld);
      if (!meetings.SaveMeeting(m, std::nullopt, {}, Hour(20)).ok()) ++failures;
      for (int i = 0; i < 8; ++i) {
        m.status = i % 2 ? MeetingStatus::kHeld : MeetingStatus::kMissed;
        m.logged_at = Hour(30 + i);
        if (!meetings.SaveLog(m, m.updated_at, none, Hour(30 + i)).ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  check("concurrent writers");
}

// The survey's counts for the dashboard's scores (migration 55's numbers, written with each
// sheet by Answer and AnswerAll, the latter by COPY on PostgreSQL) summarized by SummarizeScores
// give what SummarizeSurvey gives from the sheets themselves: the same selections and questions
// hidden, the same counts, means and NPS, overall and for every group of every dimension.
TYPED_TEST(ReportContract, SurveyScoresCountedEqualTheSheets) {
  auto& store = this->store_;
  Database& db = store.database->db();
  ASSERT_TRUE(AddMeetingProgram(db).ok());
  domain::Survey survey;
  survey.program = domain::ProgramId(910);
  survey.title = "Halfway";
  survey.active = false;
  survey.min_group = 5;
  survey.questions = {
      {"nps", domain::QuestionType::kNps, "Recommend?", "", true, {}},
      {"how", domain::QuestionType::kScale, "How is it going?", "", false, {}},
      {"m", domain::QuestionType::kMatrix, "Agree?", "", false, {"Cadence", "Worth it"}},
      {"more", domain::QuestionType::kLongText, "Anything else?", "", false, {}}};
  survey.created_at = Hour(0);
  auto created = store.surveys->Create(survey);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  survey = *created;
  // 90 sheets over three departments (one of 4 sheets, hidden with the next smallest), two
  // sites, three level bands and both sides; "how" left out by some, NPS of every value.
  std::vector<domain::SurveyInvite> invites;
  for (int i = 0; i < 90; ++i) {
    domain::SurveyInvite invite;
    domain::SurveyInvitation& inv = invite.invitation;
    inv.survey = survey.id;
    inv.relationship = domain::RelationshipId(71);
    inv.employee_id = "P" + std::to_string(i);
    inv.side = i % 3 ? domain::Side::kMentee : domain::Side::kMentor;
    inv.department = i < 4 ? "Legal" : i % 2 ? "Finance" : "Sales";
    inv.site = i % 5 ? "London" : "Paris";
    inv.level_band = i % 3 == 0 ? "levels 1-3" : i % 3 == 1 ? "levels 4-6" : "levels 7-10";
    inv.sent_at = Hour(1);
    inv.closes_at = Hour(500);
    invite.token_hash = "hash" + std::to_string(i);
    invite.mail = {"p@example.com", "Survey", "Hello", "survey"};
    invites.push_back(std::move(invite));
  }
  auto ids = store.surveys->InviteAll(invites);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  std::vector<std::pair<int64_t, domain::SurveyAnswerSheet>> bulk;
  for (int i = 0; i < 90; ++i) {
    const domain::SurveyInvitation& inv = invites[static_cast<std::size_t>(i)].invitation;
    domain::SurveyAnswerSheet sheet;
    sheet.response = {survey.id, survey.version, inv.side, inv.department,
                      inv.site,  inv.level_band, {}};
    domain::Answers& a = sheet.response.answers;
    a["nps"] = {std::to_string(i % 11)};
    if (i % 7 != 0) a["how"] = {std::to_string(1 + (i * 3) % 5)};
    if (i % 4 == 0) a["how"] = {""};  // not answered
    a["m"] = {std::to_string(1 + i % 5), "3"};
    a["more"] = {"text " + std::to_string(i)};
    if (i % 2) {
      bulk.emplace_back((*ids)[static_cast<std::size_t>(i)], sheet);
    } else {
      ASSERT_TRUE(store.surveys->Answer((*ids)[static_cast<std::size_t>(i)], sheet).ok());
    }
  }
  ASSERT_TRUE(store.surveys->AnswerAll(bulk).ok());

  auto sheets = store.surveys->Responses(survey.id);
  ASSERT_TRUE(sheets.ok());
  ASSERT_EQ(sheets->size(), 90u);
  std::vector<domain::SurveyResultsQuery> queries = {{}};
  for (const std::string by : {"side", "department", "site", "level"}) {
    for (const domain::SurveyGroupTally& t : domain::TallyGroups(*sheets, by)) {
      queries.push_back({by, t.group});
    }
    queries.push_back({by, "nobody"});
  }
  for (int k : {5, 10, 30}) {
    for (const domain::SurveyResultsQuery& query : queries) {
      const std::string what =
          query.by + "=" + query.group.value_or("") + " k=" + std::to_string(k);
      auto want = domain::SummarizeSurvey(survey.questions, *sheets, k, 90, query);
      ASSERT_TRUE(want.ok());
      auto counts = store.reports->CountSurvey(survey.id, query, {"nps", "how"});
      ASSERT_TRUE(counts.ok()) << counts.status().ToString();
      auto got = domain::SummarizeScores(survey.questions, counts->tallies, counts->selection, k,
                                         90, query);
      ASSERT_TRUE(got.ok());
      EXPECT_EQ(got->hidden, want->hidden) << what;
      EXPECT_EQ(got->responses, want->responses) << what;
      ASSERT_EQ(got->groups.size(), want->groups.size()) << what;
      for (std::size_t i = 0; i < want->groups.size(); ++i) {
        EXPECT_EQ(got->groups[i].group, want->groups[i].group) << what;
        EXPECT_EQ(got->groups[i].hidden, want->groups[i].hidden) << what;
        EXPECT_EQ(got->groups[i].responses, want->groups[i].responses) << what;
      }
      ASSERT_EQ(got->questions.size(), want->questions.size()) << what;
      for (std::size_t i = 0; i < want->questions.size(); ++i) {
        const domain::QuestionResult &g = got->questions[i], &w = want->questions[i];
        EXPECT_EQ(g.hidden, w.hidden) << what << " " << w.question.id;
        EXPECT_EQ(g.answered, w.answered) << what << " " << w.question.id;
        if (w.question.type != domain::QuestionType::kScale &&
            w.question.type != domain::QuestionType::kNps) {
          continue;
        }
        EXPECT_EQ(g.mean, w.mean) << what << " " << w.question.id;
        EXPECT_EQ(g.nps, w.nps) << what << " " << w.question.id;
        ASSERT_EQ(g.counts.size(), w.counts.size()) << what;
        for (std::size_t c = 0; c < w.counts.size(); ++c) {
          EXPECT_EQ(g.counts[c].value, w.counts[c].value) << what;
          EXPECT_EQ(g.counts[c].count, w.counts[c].count) << what << " " << w.question.id;
        }
      }
    }
  }
  EXPECT_EQ(store.reports->CountSurvey(survey.id, {"colour", "red"}, {}).status().field(), "by");
}

}  // namespace
}  // namespace pairwise::storage
