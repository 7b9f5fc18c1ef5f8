// The PeopleRepository contract, run against every implementation: the in-memory fake, SQLite
// and PostgreSQL 15 (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless
// PAIRWISE_REQUIRE_POSTGRES=1). Each test starts from an empty, migrated store.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "domain/demo/demo_organization.h"
#include "domain/people/people_repository.h"
#include "domain/people/people_service.h"
#include "domain/people/test_util.h"
#include "storage/database.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::Department;
using domain::Directory;
using domain::EmploymentStatus;
using domain::PeopleRepository;
using domain::Person;
using domain::PersonEvent;
using domain::PersonEventKind;
using domain::PersonRecord;
using domain::testing::D;
using domain::testing::MakePerson;
using domain::testing::SmallDirectory;

// What a backend gives a test: a repository, and whatever keeps it alive.
struct PeopleStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<PeopleRepository> repository;
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Memory() {
    return Store{nullptr, std::make_unique<MemoryPeopleRepository>()};
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> t) {
    Store store;
    store.repository = MakePeopleRepository(t->db());
    store.database = std::move(t);
    return store;
  }
};

template <typename Backend>
class PeopleRepositoryContract : public testing::ContractTest<Backend> {
 protected:
  using testing::ContractTest<Backend>::store_;
  PeopleRepository& repo() { return *store_.repository; }

  void LoadSmall() {
    const Directory d = SmallDirectory();
    ASSERT_TRUE(repo().UpsertDepartments(d.departments).ok());
    ASSERT_TRUE(repo().UpsertSites(d.sites).ok());
    ASSERT_TRUE(repo().UpsertSkills(d.skills).ok());
    Status people = repo().UpsertPeople(d.people);
    ASSERT_TRUE(people.ok()) << people.ToString();
    Status events = repo().AppendEvents(d.events);
    ASSERT_TRUE(events.ok()) << events.ToString();
  }

  int64_t Count() {
    auto count = repo().CountPeople();
    EXPECT_TRUE(count.ok()) << count.status().ToString();
    return count.ok() ? *count : -1;
  }

  std::optional<Person> Find(std::string_view employee_id) {
    auto found = repo().FindByEmployeeId(employee_id);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? *found : std::nullopt;
  }

  std::vector<std::string> Chain(std::string_view employee_id) {
    auto chain = repo().ManagementChain(employee_id);
    EXPECT_TRUE(chain.ok()) << chain.status().ToString();
    return chain.ok() ? *chain : std::vector<std::string>{"<error>"};
  }

  static std::vector<std::string> Keys(const std::vector<Person>& people) {
    std::vector<std::string> keys;
    for (const Person& p : people) keys.push_back(p.employee_id);
    return keys;
  }
};

TYPED_TEST_SUITE(PeopleRepositoryContract, testing::ContractBackends<PeopleStores>,
                 testing::BackendNames);

TYPED_TEST(PeopleRepositoryContract, EmptyStore) {
  EXPECT_EQ(this->Count(), 0);
  EXPECT_FALSE(this->Find("E1").has_value());
  auto page = this->repo().ListPage({});
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->empty());
  EXPECT_EQ(this->repo().ManagementChain("E1").status().code(), ErrorCode::kNotFound);
  auto events = this->repo().ListEvents("E1");
  ASSERT_TRUE(events.ok());
  EXPECT_TRUE(events->empty());
  auto reports = this->repo().ListDirectReports("E1");
  ASSERT_TRUE(reports.ok());
  EXPECT_TRUE(reports->empty());
  auto departments = this->repo().ListDepartments();
  ASSERT_TRUE(departments.ok());
  EXPECT_TRUE(departments->empty());
  // Empty batches are fine.
  EXPECT_TRUE(this->repo().UpsertPeople({}).ok());
  EXPECT_TRUE(this->repo().AppendEvents({}).ok());
  EXPECT_TRUE(this->repo().UpsertDepartments({}).ok());
}

TYPED_TEST(PeopleRepositoryContract, StoresAndReadsBackEveryField) {
  this->LoadSmall();
  EXPECT_EQ(this->Count(), 4);
  const Directory d = SmallDirectory();
  std::vector<int64_t> ids;
  for (const PersonRecord& record : d.people) {
    auto person = this->Find(record.employee_id);
    ASSERT_TRUE(person.has_value()) << record.employee_id;
    EXPECT_EQ(static_cast<const PersonRecord&>(*person), record) << record.employee_id;
    EXPECT_TRUE(person->id.valid());
    ids.push_back(person->id.value);
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());

  auto departments = this->repo().ListDepartments();
  ASSERT_TRUE(departments.ok());
  EXPECT_EQ(*departments, d.departments);
  auto sites = this->repo().ListSites();
  ASSERT_TRUE(sites.ok());
  EXPECT_EQ(*sites, d.sites);
  auto skills = this->repo().ListSkills();
  ASSERT_TRUE(skills.ok());
  ASSERT_EQ(skills->size(), 3u);
  EXPECT_EQ((*skills)[0].code, "budgeting");  // ordered by code
  EXPECT_EQ((*skills)[2], d.skills[1]);
}

TYPED_TEST(PeopleRepositoryContract, KeepsUnicodeAndOptionalFields) {
  const Directory d = SmallDirectory();
  ASSERT_TRUE(this->repo().UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(this->repo().UpsertSites(d.sites).ok());
  PersonRecord p = MakePerson("U1");
  p.first_name = "Zoë";
  p.last_name = "Łukasiewicz-Núñez 東京";
  p.job_title = "Ingénieure principale";
  p.department.clear();
  p.site.clear();
  p.languages.clear();
  p.status = EmploymentStatus::kLeave;
  ASSERT_TRUE(this->repo().UpsertPeople(std::span(&p, 1)).ok());
  auto found = this->Find("U1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(static_cast<const PersonRecord&>(*found), p);
}

TYPED_TEST(PeopleRepositoryContract, UpsertReplacesFieldsAndKeepsTheId) {
  this->LoadSmall();
  const auto before = this->Find("E4");
  ASSERT_TRUE(before.has_value());
  PersonRecord changed = SmallDirectory().people[3];
  changed.first_name = "Renamed";
  changed.email = "new.address@example.com";
  changed.manager_employee_id = "E3";
  changed.department = "";
  changed.languages = {"de"};
  changed.status = EmploymentStatus::kActive;
  changed.left_date.reset();
  changed.level = 4;
  ASSERT_TRUE(this->repo().UpsertPeople(std::span(&changed, 1)).ok());
  auto after = this->Find("E4");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->id, before->id);
  EXPECT_EQ(static_cast<const PersonRecord&>(*after), changed);
  EXPECT_EQ(this->Count(), 4);
  EXPECT_EQ(this->Chain("E4"), (std::vector<std::string>{"E3", "E1"}));

  // The old email is free again; making someone the top of the organization clears the manager.
  PersonRecord other = MakePerson("E5");
  other.email = SmallDirectory().people[3].email;
  ASSERT_TRUE(this->repo().UpsertPeople(std::span(&other, 1)).ok());
  changed.manager_employee_id.clear();
  ASSERT_TRUE(this->repo().UpsertPeople(std::span(&changed, 1)).ok());
  EXPECT_TRUE(this->Chain("E4").empty());
}

TYPED_TEST(PeopleRepositoryContract, ResolvesManagersInAnyOrderAndAgainstStoredPeople) {
  const Directory d = SmallDirectory();
  ASSERT_TRUE(this->repo().UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(this->repo().UpsertSites(d.sites).ok());
  // Reports before their managers in the batch.
  std::vector<PersonRecord> batch = {MakePerson("C", "B"), MakePerson("B", "A"), MakePerson("A")};
  ASSERT_TRUE(this->repo().UpsertPeople(batch).ok());
  EXPECT_EQ(this->Chain("C"), (std::vector<std::string>{"B", "A"}));
  // A later batch refers to a stored manager.
  std::vector<PersonRecord> later = {MakePerson("D", "C")};
  ASSERT_TRUE(this->repo().UpsertPeople(later).ok());
  EXPECT_EQ(this->Chain("D"), (std::vector<std::string>{"C", "B", "A"}));
  EXPECT_TRUE(this->Chain("A").empty());
}

TYPED_TEST(PeopleRepositoryContract, UnresolvedReferencesWriteNothing) {
  this->LoadSmall();
  struct Case {
    PersonRecord record;
    const char* field;
  };
  PersonRecord bad_manager = MakePerson("N2", "NOBODY");
  PersonRecord bad_department = MakePerson("N2", "E1");
  bad_department.department = "NOPE";
  PersonRecord bad_site = MakePerson("N2", "E1");
  bad_site.site = "NOPE";
  for (const Case& c :
       {Case{bad_manager, "people[1].manager_employee_id"},
        Case{bad_department, "people[1].department"}, Case{bad_site, "people[1].site"}}) {
    std::vector<PersonRecord> batch = {MakePerson("N1", "E1"), c.record};
    Status s = this->repo().UpsertPeople(batch);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << c.field << ": " << s.ToString();
    EXPECT_EQ(s.field(), c.field);
    EXPECT_EQ(this->Count(), 4) << c.field;
    EXPECT_FALSE(this->Find("N1").has_value()) << c.field;
  }
}

TYPED_TEST(PeopleRepositoryContract, RepeatedEmployeeIdInABatchIsRefused) {
  this->LoadSmall();
  std::vector<PersonRecord> batch = {MakePerson("N1", "E1"), MakePerson("N1", "E1")};
  batch[1].email = "other@example.com";
  Status s = this->repo().UpsertPeople(batch);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "people[1].employee_id");
  EXPECT_EQ(this->Count(), 4);
}

TYPED_TEST(PeopleRepositoryContract, EmailsAreUniqueIgnoringCase) {
  this->LoadSmall();
  std::vector<PersonRecord> batch = {MakePerson("N1", "E1"), MakePerson("N2", "E1")};
  batch[1].email = "P.E2@EXAMPLE.com";  // E2's, in other case
  Status s = this->repo().UpsertPeople(batch);
  EXPECT_EQ(s.code(), ErrorCode::kConflict) << s.ToString();
  EXPECT_EQ(s.field(), "people[1].email");
  EXPECT_EQ(this->Count(), 4);
  EXPECT_FALSE(this->Find("N1").has_value());
}

TYPED_TEST(PeopleRepositoryContract, PagesInBytewiseEmployeeIdOrder) {
  const Directory d = SmallDirectory();
  ASSERT_TRUE(this->repo().UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(this->repo().UpsertSites(d.sites).ok());
  std::vector<PersonRecord> people;
  std::vector<std::string> expected;
  for (const char* key : {"b-2", "B-10", "a", "Z", "_x", "0", "a.b", "AB", "b-1", "z9", "Z-1"}) {
    people.push_back(MakePerson(key));
    expected.push_back(key);
  }
  for (int i = 0; i < 20; ++i) {
    people.push_back(MakePerson("P" + std::to_string(100 + i), "a"));
    expected.push_back("P" + std::to_string(100 + i));
  }
  std::sort(expected.begin(), expected.end());  // std::string compares bytewise
  ASSERT_TRUE(this->repo().UpsertPeople(people).ok());

  std::vector<std::string> seen;
  std::string after;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = this->repo().ListPage({after, 7});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    if (page->empty()) break;
    EXPECT_LE(page->size(), 7u);
    for (const Person& p : *page) {
      seen.push_back(p.employee_id);
      EXPECT_EQ(p.languages, (std::vector<std::string>{"en", "fr"})) << p.employee_id;
    }
    after = page->back().employee_id;
  }
  EXPECT_EQ(seen, expected);

  // One person a page walks everyone too (SOCI's SQLite backend once fetched nothing into a
  // one-element vector).
  std::vector<std::string> one_by_one;
  after.clear();
  for (std::size_t pages = 0; pages <= expected.size(); ++pages) {
    auto page = this->repo().ListPage({after, 1});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    if (page->empty()) break;
    ASSERT_EQ(page->size(), 1u);
    one_by_one.push_back(page->front().employee_id);
    after = page->back().employee_id;
  }
  EXPECT_EQ(one_by_one, expected);

  EXPECT_EQ(this->repo().ListPage({"", 0}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->repo().ListPage({"", domain::kMaxPeoplePageSize + 1}).status().code(),
            ErrorCode::kInvalidArgument);
  auto full = this->repo().ListPage({"", domain::kMaxPeoplePageSize});
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->size(), expected.size());
}

TYPED_TEST(PeopleRepositoryContract, DirectReportsAndDeepChains) {
  const Directory d = SmallDirectory();
  ASSERT_TRUE(this->repo().UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(this->repo().UpsertSites(d.sites).ok());
  std::vector<PersonRecord> people = {MakePerson("L00")};
  auto key = [](int i) { return std::string(i < 10 ? "L0" : "L") + std::to_string(i); };
  for (int i = 1; i < 40; ++i) people.push_back(MakePerson(key(i), key(i - 1)));
  people.push_back(MakePerson("R2", "L05"));
  people.push_back(MakePerson("R1", "L05"));
  people.back().languages = {"ja"};
  ASSERT_TRUE(this->repo().UpsertPeople(people).ok());

  const std::vector<std::string> chain = this->Chain("L39");
  ASSERT_EQ(chain.size(), 39u);
  EXPECT_EQ(chain.front(), "L38");
  EXPECT_EQ(chain.back(), "L00");

  auto reports = this->repo().ListDirectReports("L05");
  ASSERT_TRUE(reports.ok());
  EXPECT_EQ(this->Keys(*reports), (std::vector<std::string>{"L06", "R1", "R2"}));
  EXPECT_EQ((*reports)[1].languages, std::vector<std::string>{"ja"});
  auto none = this->repo().ListDirectReports("L39");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto unknown = this->repo().ListDirectReports("NOBODY");
  ASSERT_TRUE(unknown.ok());
  EXPECT_TRUE(unknown->empty());
}

// What a matching run reads of the directory: the participants and everyone above them.
TYPED_TEST(PeopleRepositoryContract, ListsPeopleWithEveryoneAboveThem) {
  const Directory d = SmallDirectory();
  ASSERT_TRUE(this->repo().UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(this->repo().UpsertSites(d.sites).ok());
  // A 60-deep chain D00 (top) .. D59, a branch under D30, and people nobody asks about.
  auto key = [](int i) { return std::string(i < 10 ? "D0" : "D") + std::to_string(i); };
  std::vector<PersonRecord> people = {MakePerson("D00")};
  for (int i = 1; i < 60; ++i) people.push_back(MakePerson(key(i), key(i - 1)));
  people.push_back(MakePerson("B1", "D30"));
  people.back().languages = {"fr", "de"};
  people.push_back(MakePerson("B2", "B1"));
  people.push_back(MakePerson("S1", "D59"));            // below a participant: not read
  people.push_back(MakePerson("Q\"\\\xC3\xBC", "B1"));  // quote, backslash, u-umlaut
  people.push_back(MakePerson("T1"));                   // a top of their own
  ASSERT_TRUE(this->repo().UpsertPeople(people).ok());

  auto read = [&](std::vector<std::string> ids) {
    auto listed = this->repo().ListWithManagers(ids);
    EXPECT_TRUE(listed.ok()) << listed.status().ToString();
    return listed.ok() ? *listed : std::vector<Person>{};
  };
  // The deep chain, whole: from its bottom to its top, every field as stored.
  const std::vector<Person> deep = read({"D59"});
  ASSERT_EQ(deep.size(), 60u);
  for (const Person& p : deep) {
    auto stored = this->Find(p.employee_id);
    ASSERT_TRUE(stored.has_value()) << p.employee_id;
    EXPECT_EQ(static_cast<const PersonRecord&>(p), static_cast<const PersonRecord&>(*stored));
    EXPECT_EQ(p.id, stored->id) << p.employee_id;
  }
  EXPECT_EQ(deep.front().employee_id, "D00");  // ordered by employee id
  EXPECT_EQ(deep.back().employee_id, "D59");

  // Participants B2 and T1 and the escaped id: B2's chain leaves the participants (B1, D30 ..
  // D00 are not asked for) and is read to the top; each person once, unknown ids skipped.
  const std::vector<Person> mixed = read({"T1", "B2", "NOBODY", "B2", "Q\"\\\xC3\xBC"});
  std::vector<std::string> expected = {"B1", "B2", "Q\"\\\xC3\xBC", "T1"};
  for (int i = 0; i <= 30; ++i) expected.push_back(key(i));
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(this->Keys(mixed), expected);
  auto b1 = std::find_if(mixed.begin(), mixed.end(),
                         [](const Person& p) { return p.employee_id == "B1"; });
  ASSERT_NE(b1, mixed.end());
  EXPECT_EQ(b1->languages, (std::vector<std::string>{"fr", "de"}));
  EXPECT_EQ(b1->manager_employee_id, "D30");

  EXPECT_TRUE(read({}).empty());
  EXPECT_TRUE(read({"NOBODY"}).empty());
}

// Bad data: the repository does not refuse management loops (PeopleService does), so a stored
// loop must end the read, not hang it.
TYPED_TEST(PeopleRepositoryContract, ListingWithManagersEndsOnAStoredLoop) {
  const Directory d = SmallDirectory();
  ASSERT_TRUE(this->repo().UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(this->repo().UpsertSites(d.sites).ok());
  ASSERT_TRUE(this->repo()
                  .UpsertPeople(std::vector<PersonRecord>{MakePerson("L1"), MakePerson("L2", "L1"),
                                                          MakePerson("L3", "L2"),
                                                          MakePerson("X1", "L3"), MakePerson("S1")})
                  .ok());
  // L1 -> L3 -> L2 -> L1, and S1 manages themself.
  ASSERT_TRUE(this->repo().UpsertPeople(std::vector<PersonRecord>{MakePerson("L1", "L3")}).ok());
  ASSERT_TRUE(this->repo().UpsertPeople(std::vector<PersonRecord>{MakePerson("S1", "S1")}).ok());
  ASSERT_EQ(this->Find("L1")->manager_employee_id, "L3");
  ASSERT_EQ(this->Find("S1")->manager_employee_id, "S1");

  auto below = this->repo().ListWithManagers(std::vector<std::string>{"X1"});
  ASSERT_TRUE(below.ok()) << below.status().ToString();
  EXPECT_EQ(this->Keys(*below), (std::vector<std::string>{"L1", "L2", "L3", "X1"}));
  auto on = this->repo().ListWithManagers(std::vector<std::string>{"L2", "S1"});
  ASSERT_TRUE(on.ok()) << on.status().ToString();
  EXPECT_EQ(this->Keys(*on), (std::vector<std::string>{"L1", "L2", "L3", "S1"}));
}

// Thousands of ids are one read (no limit on how many a program has).
TYPED_TEST(PeopleRepositoryContract, ListsManyPeopleWithTheirManagers) {
  const Directory d = SmallDirectory();
  ASSERT_TRUE(this->repo().UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(this->repo().UpsertSites(d.sites).ok());
  std::vector<PersonRecord> people = {MakePerson("TOP")};
  std::vector<std::string> asked;
  for (int i = 0; i < 40; ++i) people.push_back(MakePerson("G" + std::to_string(i), "TOP"));
  for (int i = 0; i < 3000; ++i) {
    people.push_back(MakePerson("P" + std::to_string(i), "G" + std::to_string(i % 40)));
    if (i % 3 != 0) asked.push_back("P" + std::to_string(i));  // 2,000 of them
  }
  ASSERT_TRUE(this->repo().UpsertPeople(people).ok());
  auto listed = this->repo().ListWithManagers(asked);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->size(), 2000u + 40u + 1u);
  // Every person's languages, in their order (read by the people's row ids).
  for (const Person& p : *listed) {
    EXPECT_EQ(p.languages, (std::vector<std::string>{"en", "fr"})) << p.employee_id;
  }
  EXPECT_TRUE(std::is_sorted(listed->begin(), listed->end(), [](const Person& a, const Person& b) {
    return a.employee_id < b.employee_id;
  }));
}

TYPED_TEST(PeopleRepositoryContract, EventsAreOrderedAndRecordedOnce) {
  this->LoadSmall();
  auto history = this->repo().ListEvents("E4");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(*history,
            (std::vector<PersonEvent>{SmallDirectory().events[0], SmallDirectory().events[1],
                                      SmallDirectory().events[2]}));
  // Same person, kind and date: skipped, even with other details. Same date, other kind: kept,
  // and ordered hire < promotion < title_change < exit.
  std::vector<PersonEvent> more = {
      {"E4", PersonEventKind::kExit, D(2024, 6, 30), 9, std::nullopt, "Ignored", ""},
      {"E4", PersonEventKind::kTitleChange, D(2022, 1, 1), std::nullopt, std::nullopt, "",
       "Software Engineer II"},
      {"E1", PersonEventKind::kHire, D(2010, 1, 1), std::nullopt, 9, "", "CEO"},
  };
  ASSERT_TRUE(this->repo().AppendEvents(more).ok());
  ASSERT_TRUE(this->repo().AppendEvents(more).ok());
  history = this->repo().ListEvents("E4");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 4u);
  EXPECT_EQ((*history)[1].kind, PersonEventKind::kPromotion);
  EXPECT_EQ((*history)[2].kind, PersonEventKind::kTitleChange);
  EXPECT_EQ((*history)[3].from_title, "Software Engineer II");  // the first exit stays
  auto ceo = this->repo().ListEvents("E1");
  ASSERT_TRUE(ceo.ok());
  EXPECT_EQ(*ceo, std::vector<PersonEvent>{more[2]});
}

TYPED_TEST(PeopleRepositoryContract, EventsOfUnknownPeopleWriteNothing) {
  this->LoadSmall();
  std::vector<PersonEvent> events = {
      {"E1", PersonEventKind::kPromotion, D(2021, 1, 1), 9, 10, "", ""},
      {"GHOST", PersonEventKind::kHire, D(2021, 1, 1), std::nullopt, 1, "", ""},
  };
  Status s = this->repo().AppendEvents(events);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "events[1].employee_id");
  auto ceo = this->repo().ListEvents("E1");
  ASSERT_TRUE(ceo.ok());
  EXPECT_TRUE(ceo->empty());
}

TYPED_TEST(PeopleRepositoryContract, ReportingAttributesAreSetReplacedAndRemoved) {
  this->LoadSmall();
  using domain::ReportingAttribute;
  auto list = [&] {
    auto all = this->repo().ListReportingAttributes();
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    return all.ok() ? *all : std::vector<ReportingAttribute>{};
  };
  EXPECT_TRUE(list().empty());
  EXPECT_TRUE(this->repo().SetReportingAttributes({}).ok());

  std::vector<ReportingAttribute> first = {{"E2", "gender", "woman"},
                                           {"E1", "gender", "man"},
                                           {"E1", "network", "Parents@Work"},
                                           {"E2", "network", "Pride"}};
  ASSERT_TRUE(this->repo().SetReportingAttributes(first).ok());
  EXPECT_EQ(list(), (std::vector<ReportingAttribute>{{"E1", "gender", "man"},
                                                     {"E1", "network", "Parents@Work"},
                                                     {"E2", "gender", "woman"},
                                                     {"E2", "network", "Pride"}}));

  // A new value replaces the old one; an empty value removes it; other values stay.
  std::vector<ReportingAttribute> second = {{"E1", "gender", "non-binary"}, {"E2", "network", ""}};
  ASSERT_TRUE(this->repo().SetReportingAttributes(second).ok());
  EXPECT_EQ(list(), (std::vector<ReportingAttribute>{{"E1", "gender", "non-binary"},
                                                     {"E1", "network", "Parents@Work"},
                                                     {"E2", "gender", "woman"}}));

  // An unknown person refuses the whole batch.
  std::vector<ReportingAttribute> bad = {{"E3", "gender", "woman"}, {"GHOST", "gender", "man"}};
  Status refused = this->repo().SetReportingAttributes(bad);
  EXPECT_EQ(refused.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.field(), "attributes[1].employee_id");
  EXPECT_EQ(list().size(), 3u);
}

TYPED_TEST(PeopleRepositoryContract, ReferenceDataUpsertsByCode) {
  this->LoadSmall();
  std::vector<Department> changed = {{"FIN", "Finance & Accounting", "Operations"},
                                     {"AAA", "First", "Somewhere"}};
  ASSERT_TRUE(this->repo().UpsertDepartments(changed).ok());
  auto departments = this->repo().ListDepartments();
  ASSERT_TRUE(departments.ok());
  ASSERT_EQ(departments->size(), 3u);
  EXPECT_EQ((*departments)[0].code, "AAA");
  EXPECT_EQ((*departments)[2], changed[0]);
  auto e3 = this->Find("E3");
  ASSERT_TRUE(e3.has_value());
  EXPECT_EQ(e3->department, "FIN");
}

TYPED_TEST(PeopleRepositoryContract, TransactionsCommitOrRollBack) {
  const Directory d = SmallDirectory();
  Status committed = this->repo().RunInTransaction([&](PeopleRepository& tx) -> Status {
    PAIRWISE_RETURN_IF_ERROR(tx.UpsertDepartments(d.departments));
    PAIRWISE_RETURN_IF_ERROR(tx.UpsertSites(d.sites));
    PAIRWISE_RETURN_IF_ERROR(tx.UpsertPeople(d.people));
    auto count = tx.CountPeople();  // sees its own writes
    EXPECT_TRUE(count.ok());
    EXPECT_EQ(count.ok() ? *count : -1, 4);
    // Joining: a nested call runs in the same transaction.
    return tx.RunInTransaction(
        [&](PeopleRepository& inner) { return inner.AppendEvents(d.events); });
  });
  ASSERT_TRUE(committed.ok()) << committed.ToString();
  EXPECT_EQ(this->Count(), 4);

  Status rolled_back = this->repo().RunInTransaction([&](PeopleRepository& tx) -> Status {
    std::vector<PersonRecord> more = {MakePerson("N1", "E1")};
    PAIRWISE_RETURN_IF_ERROR(tx.UpsertPeople(more));
    PAIRWISE_RETURN_IF_ERROR(tx.UpsertSkills(d.skills));
    return Status::Conflict("the caller changed its mind");
  });
  EXPECT_EQ(rolled_back.code(), ErrorCode::kConflict);
  EXPECT_EQ(rolled_back.client_message(), "the caller changed its mind");
  EXPECT_EQ(this->Count(), 4);
  EXPECT_FALSE(this->Find("N1").has_value());
  auto skills = this->repo().ListSkills();
  ASSERT_TRUE(skills.ok());
  EXPECT_TRUE(skills->empty());

  // An error from the repository inside the transaction rolls back earlier writes too.
  Status failed = this->repo().RunInTransaction([&](PeopleRepository& tx) -> Status {
    PAIRWISE_RETURN_IF_ERROR(tx.UpsertSkills(d.skills));
    std::vector<PersonRecord> bad = {MakePerson("N1", "NOBODY")};
    return tx.UpsertPeople(bad);
  });
  EXPECT_EQ(failed.code(), ErrorCode::kInvalidArgument);
  skills = this->repo().ListSkills();
  ASSERT_TRUE(skills.ok());
  EXPECT_TRUE(skills->empty());
}

TYPED_TEST(PeopleRepositoryContract, LargeBatches) {
  const Directory d = SmallDirectory();
  ASSERT_TRUE(this->repo().UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(this->repo().UpsertSites(d.sites).ok());
  // Enough people and events to take the bulk paths (over 2,000 distinct keys).
  constexpr int kPeople = 2500;
  std::vector<PersonRecord> people;
  std::vector<PersonEvent> events;
  for (int i = 0; i < kPeople; ++i) {
    people.push_back(
        MakePerson("B" + std::to_string(i), i == 0 ? "" : "B" + std::to_string(i / 5)));
    events.push_back({people.back().employee_id, PersonEventKind::kHire, D(2020, 1, 1 + i % 28),
                      std::nullopt, 1, "", "Engineer"});
  }
  ASSERT_TRUE(this->repo().UpsertPeople(people).ok());
  ASSERT_TRUE(this->repo().AppendEvents(events).ok());
  // And again: every one an update.
  people[7].last_name = "Updated";
  ASSERT_TRUE(this->repo().UpsertPeople(people).ok());
  ASSERT_TRUE(this->repo().AppendEvents(events).ok());
  EXPECT_EQ(this->Count(), kPeople);
  auto p = this->Find("B2499");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->manager_employee_id, "B499");
  EXPECT_EQ(p->languages, (std::vector<std::string>{"en", "fr"}));
  EXPECT_EQ(this->Find("B7")->last_name, "Updated");
  auto history = this->repo().ListEvents("B2499");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u);
  EXPECT_EQ(this->Chain("B2499"), (std::vector<std::string>{"B499", "B99", "B19", "B3", "B0"}));
}

TYPED_TEST(PeopleRepositoryContract, ConcurrentWritersAndReaders) {
  this->LoadSmall();
  constexpr int kThreads = 4;
  constexpr int kPerThread = 15;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::vector<PersonRecord> one = {
            MakePerson("T" + std::to_string(t) + "_" + std::to_string(i), "E1")};
        Status s = this->repo().UpsertPeople(one);
        if (!s.ok()) {
          ++failures;
          ADD_FAILURE() << s.ToString();
        }
        auto count = this->repo().CountPeople();
        auto page = this->repo().ListPage({"", 50});
        if (!count.ok() || !page.ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(this->Count(), 4 + kThreads * kPerThread);
  auto reports = this->repo().ListDirectReports("E1");
  ASSERT_TRUE(reports.ok());
  EXPECT_EQ(reports->size(), 2u + kThreads * kPerThread);
}

TYPED_TEST(PeopleRepositoryContract, FindsByEmailIgnoringCase) {
  this->LoadSmall();
  auto found = this->repo().FindByEmail("P.E3@EXAMPLE.COM");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->employee_id, "E3");
  EXPECT_EQ((*found)->department, "FIN");
  auto ceo = this->repo().FindByEmail("p.E1@example.com");
  ASSERT_TRUE(ceo.ok());
  ASSERT_TRUE(ceo->has_value());
  EXPECT_EQ((*ceo)->languages, std::vector<std::string>{"en"});
  auto none = this->repo().FindByEmail("nobody@example.com");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TYPED_TEST(PeopleRepositoryContract, ListsAtOffsetInEmployeeIdOrder) {
  const Directory d = SmallDirectory();
  ASSERT_TRUE(this->repo().UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(this->repo().UpsertSites(d.sites).ok());
  std::vector<PersonRecord> people;
  std::vector<std::string> expected;
  for (const char* key : {"b", "A", "c-2", "a1", "C", "c-10", "_"}) {
    people.push_back(MakePerson(key));
    expected.push_back(key);
  }
  std::sort(expected.begin(), expected.end());
  ASSERT_TRUE(this->repo().UpsertPeople(people).ok());
  std::vector<std::string> seen;
  for (int64_t offset = 0; offset < 10; offset += 3) {
    auto page = this->repo().ListAtOffset(offset, 3);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const Person& p : *page) {
      seen.push_back(p.employee_id);
      EXPECT_EQ(p.languages, (std::vector<std::string>{"en", "fr"}));
    }
  }
  EXPECT_EQ(seen, expected);
  auto middle = this->repo().ListAtOffset(2, 2);
  ASSERT_TRUE(middle.ok());
  EXPECT_EQ(this->Keys(*middle), (std::vector<std::string>{expected[2], expected[3]}));
  auto single = this->repo().ListAtOffset(3, 1);  // SCIM's count=1
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(this->Keys(*single), (std::vector<std::string>{expected[3]}));
  auto past_end = this->repo().ListAtOffset(50, 10);
  ASSERT_TRUE(past_end.ok());
  EXPECT_TRUE(past_end->empty());
  EXPECT_EQ(this->repo().ListAtOffset(-1, 10).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->repo().ListAtOffset(0, 0).status().code(), ErrorCode::kInvalidArgument);
}

TYPED_TEST(PeopleRepositoryContract, ExternalIdsAreUniqueAndReplaceable) {
  this->LoadSmall();
  auto none = this->repo().FindExternalId("E2");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  ASSERT_TRUE(this->repo().SetExternalId("E2", "00u1abcd").ok());
  auto held = this->repo().FindExternalId("E2");
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->value_or(""), "00u1abcd");
  auto owner = this->repo().FindByExternalId("00u1abcd");
  ASSERT_TRUE(owner.ok());
  ASSERT_TRUE(owner->has_value());
  EXPECT_EQ((*owner)->employee_id, "E2");
  EXPECT_EQ((*owner)->manager_employee_id, "E1");
  // Compared exactly: other case is another id.
  auto other_case = this->repo().FindByExternalId("00U1ABCD");
  ASSERT_TRUE(other_case.ok());
  EXPECT_FALSE(other_case->has_value());

  // Someone else may not take it; setting it again on its holder is fine.
  Status taken = this->repo().SetExternalId("E3", "00u1abcd");
  EXPECT_EQ(taken.code(), ErrorCode::kConflict) << taken.ToString();
  EXPECT_EQ(taken.field(), "external_id");
  EXPECT_FALSE(this->repo().FindExternalId("E3")->has_value());
  EXPECT_TRUE(this->repo().SetExternalId("E2", "00u1abcd").ok());

  // Replacing frees the old one; empty removes.
  ASSERT_TRUE(this->repo().SetExternalId("E2", "new-id").ok());
  EXPECT_FALSE(this->repo().FindByExternalId("00u1abcd")->has_value());
  ASSERT_TRUE(this->repo().SetExternalId("E3", "00u1abcd").ok());
  ASSERT_TRUE(this->repo().SetExternalId("E2", "").ok());
  EXPECT_FALSE(this->repo().FindExternalId("E2")->has_value());
  EXPECT_FALSE(this->repo().FindByExternalId("new-id")->has_value());
  EXPECT_EQ(this->repo().SetExternalId("NOBODY", "x").code(), ErrorCode::kNotFound);

  // Updating the person keeps their external id.
  PersonRecord e3 = SmallDirectory().people[2];
  e3.first_name = "Renamed";
  ASSERT_TRUE(this->repo().UpsertPeople(std::span(&e3, 1)).ok());
  EXPECT_EQ(this->repo().FindExternalId("E3")->value_or(""), "00u1abcd");

  // Inside a transaction that rolls back, nothing sticks.
  Status rolled_back = this->repo().RunInTransaction([](PeopleRepository& tx) -> Status {
    PAIRWISE_RETURN_IF_ERROR(tx.SetExternalId("E4", "rolled-back"));
    auto seen = tx.FindByExternalId("rolled-back");
    if (!seen.ok() || !seen->has_value()) return Status::Internal("own write not seen");
    return Status::Conflict("changed my mind");
  });
  EXPECT_EQ(rolled_back.code(), ErrorCode::kConflict) << rolled_back.ToString();
  EXPECT_FALSE(this->repo().FindByExternalId("rolled-back")->has_value());
}

TYPED_TEST(PeopleRepositoryContract, UserNamesAreUniqueIgnoringCaseAndReplaceable) {
  this->LoadSmall();
  EXPECT_FALSE(this->repo().FindUserName("E2")->has_value());
  ASSERT_TRUE(this->repo().SetUserName("E2", "Test_User_AB12").ok());
  EXPECT_EQ(this->repo().FindUserName("E2")->value_or(""), "Test_User_AB12");  // as given
  // Found ignoring case.
  auto owner = this->repo().FindByUserName("test_user_ab12");
  ASSERT_TRUE(owner.ok());
  ASSERT_TRUE(owner->has_value());
  EXPECT_EQ((*owner)->employee_id, "E2");

  // Nobody else may take it, in any case; its holder may set it again.
  Status taken = this->repo().SetUserName("E3", "TEST_USER_ab12");
  EXPECT_EQ(taken.code(), ErrorCode::kConflict) << taken.ToString();
  EXPECT_EQ(taken.field(), "user_name");
  EXPECT_FALSE(this->repo().FindUserName("E3")->has_value());
  EXPECT_TRUE(this->repo().SetUserName("E2", "test_user_AB12").ok());

  // Replacing frees the old one; empty removes; an unknown person is NotFound.
  ASSERT_TRUE(this->repo().SetUserName("E2", "upn@corp.example").ok());
  EXPECT_FALSE(this->repo().FindByUserName("Test_User_AB12")->has_value());
  ASSERT_TRUE(this->repo().SetUserName("E3", "Test_User_AB12").ok());
  ASSERT_TRUE(this->repo().SetUserName("E2", "").ok());
  EXPECT_FALSE(this->repo().FindUserName("E2")->has_value());
  EXPECT_FALSE(this->repo().FindByUserName("upn@corp.example")->has_value());
  EXPECT_EQ(this->repo().SetUserName("NOBODY", "x").code(), ErrorCode::kNotFound);

  // Inside a transaction that rolls back, nothing sticks.
  Status rolled_back = this->repo().RunInTransaction([](PeopleRepository& tx) -> Status {
    PAIRWISE_RETURN_IF_ERROR(tx.SetUserName("E4", "rolled-back"));
    auto seen = tx.FindByUserName("ROLLED-BACK");
    if (!seen.ok() || !seen->has_value()) return Status::Internal("own write not seen");
    return Status::Conflict("changed my mind");
  });
  EXPECT_EQ(rolled_back.code(), ErrorCode::kConflict) << rolled_back.ToString();
  EXPECT_FALSE(this->repo().FindByUserName("rolled-back")->has_value());
}

// Single-person writes (SCIM) through the service, on every backend: the same checks as a
// directory load, each in one transaction.
TYPED_TEST(PeopleRepositoryContract, CreatesAndUpdatesOnePersonThroughTheService) {
  this->LoadSmall();
  domain::PeopleService service(this->repo());
  PersonRecord n1 = MakePerson("N1", "E2");
  auto created = service.CreatePerson(n1, "ext-N1");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(static_cast<const PersonRecord&>(created->person), n1);
  EXPECT_EQ(created->external_id, "ext-N1");
  auto history = this->repo().ListEvents("N1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].kind, PersonEventKind::kHire);
  EXPECT_EQ((*history)[0].to_level, 3);

  // Taken employee id, email (in other case) or external id: Conflict naming it, nothing written.
  PersonRecord again = MakePerson("N1");
  again.email = "other@example.com";
  auto taken = service.CreatePerson(again, "");
  EXPECT_EQ(taken.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(taken.status().field(), "employee_id");
  PersonRecord same_email = MakePerson("N2");
  same_email.email = "P.N1@Example.com";
  EXPECT_EQ(service.CreatePerson(same_email, "").status().field(), "email");
  auto same_external = service.CreatePerson(MakePerson("N2"), "ext-N1");
  EXPECT_EQ(same_external.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(same_external.status().field(), "external_id");
  EXPECT_FALSE(this->Find("N2").has_value());
  // Unknown manager: InvalidArgument on the field, message naming the employee.
  auto unknown = service.CreatePerson(MakePerson("N2", "GHOST"), "");
  EXPECT_EQ(unknown.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().field(), "manager_employee_id");
  EXPECT_EQ(unknown.status().client_message().rfind("employee \"N2\": ", 0), 0u)
      << unknown.status().client_message();
  EXPECT_EQ(this->Count(), 5);

  // An update reads and writes in one transaction; a title change is history.
  const domain::Date today = D(2026, 11, 23);
  auto updated = service.UpdatePerson("N1", today, [](const domain::PersonWithExternalId& now) {
    domain::PersonChange change{now.person, "ext-N1-b", "", {}};
    change.record.job_title = "Staff Engineer";
    change.record.manager_employee_id = "E3";
    return Result<domain::PersonChange>(change);
  });
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->person.job_title, "Staff Engineer");
  EXPECT_EQ(updated->external_id, "ext-N1-b");
  EXPECT_EQ(this->Chain("N1"), (std::vector<std::string>{"E3", "E1"}));
  EXPECT_FALSE(this->repo().FindByExternalId("ext-N1")->has_value());
  history = this->repo().ListEvents("N1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].kind, PersonEventKind::kTitleChange);

  // A change that would make a management cycle (E1 reporting to N1, below E1) writes nothing.
  auto cycle = service.UpdatePerson("E1", today, [](const domain::PersonWithExternalId& now) {
    domain::PersonChange change{now.person, now.external_id, now.user_name, {}};
    change.record.manager_employee_id = "N1";
    return Result<domain::PersonChange>(change);
  });
  EXPECT_EQ(cycle.status().code(), ErrorCode::kInvalidArgument) << cycle.status().ToString();
  EXPECT_EQ(cycle.status().field(), "manager_employee_id");
  EXPECT_TRUE(this->Chain("E1").empty());

  // Deactivation: status left with an exit event; the record stays.
  auto left = service.UpdatePerson("N1", today, [&](const domain::PersonWithExternalId& now) {
    domain::PersonChange change{now.person, now.external_id, now.user_name, {}};
    change.record.status = EmploymentStatus::kLeft;
    change.record.left_date = today;
    return Result<domain::PersonChange>(change);
  });
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_EQ(this->Find("N1")->status, EmploymentStatus::kLeft);
  history = this->repo().ListEvents("N1");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->back().kind, PersonEventKind::kExit);

  // The employee id cannot change; an unknown person is NotFound; the callback's error is kept.
  auto renamed = service.UpdatePerson("N1", today, [](const domain::PersonWithExternalId& now) {
    domain::PersonChange change{now.person, now.external_id, now.user_name, {}};
    change.record.employee_id = "N9";
    return Result<domain::PersonChange>(change);
  });
  EXPECT_EQ(renamed.status().field(), "employee_id");
  auto ghost = service.UpdatePerson("GHOST", today, [](const domain::PersonWithExternalId& now) {
    return Result<domain::PersonChange>(domain::PersonChange{now.person, "", "", {}});
  });
  EXPECT_EQ(ghost.status().code(), ErrorCode::kNotFound);
  auto refused = service.UpdatePerson("N1", today, [](const domain::PersonWithExternalId&) {
    return Result<domain::PersonChange>(Status::InvalidArgument("no", "x"));
  });
  EXPECT_EQ(refused.status().field(), "x");
  EXPECT_EQ(this->Count(), 5);
}

// The demo organization, through the path users' data takes, on every backend: it reads back as
// generated, and loading it again changes nothing.
TYPED_TEST(PeopleRepositoryContract, LoadsTheDemoOrganizationThroughTheService) {
  domain::PeopleService service(this->repo());
  const domain::DemoOptions options{600, 5};
  auto summary = domain::LoadDemoOrganization(service, options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto directory = domain::GenerateDemoOrganization(options);
  ASSERT_TRUE(directory.ok());
  EXPECT_EQ(this->Count(), 600);
  EXPECT_EQ(summary->events, static_cast<int64_t>(directory->events.size()));

  std::map<std::string, std::vector<PersonEvent>> events;
  for (const PersonEvent& e : directory->events) events[e.employee_id].push_back(e);
  for (std::size_t i = 0; i < directory->people.size(); i += 37) {
    const PersonRecord& record = directory->people[i];
    auto person = this->Find(record.employee_id);
    ASSERT_TRUE(person.has_value()) << record.employee_id;
    EXPECT_EQ(static_cast<const PersonRecord&>(*person), record);
    auto history = this->repo().ListEvents(record.employee_id);
    ASSERT_TRUE(history.ok());
    EXPECT_EQ(*history, events[record.employee_id]) << record.employee_id;
  }
  auto skills = this->repo().ListSkills();
  ASSERT_TRUE(skills.ok());
  EXPECT_EQ(skills->size(), directory->skills.size());

  ASSERT_TRUE(service.LoadDirectory(*directory).ok());
  EXPECT_EQ(this->Count(), 600);
  const PersonRecord& last = directory->people.back();
  auto history = this->repo().ListEvents(last.employee_id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(*history, events[last.employee_id]);
}

}  // namespace
}  // namespace pairwise::storage
