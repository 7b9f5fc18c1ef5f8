#include "domain/people/directory_validation.h"

#include <gtest/gtest.h>

#include <functional>

#include "domain/people/test_util.h"

namespace pairwise::domain {
namespace {

using testing::D;
using testing::MakePerson;
using testing::SmallDirectory;

TEST(DirectoryValidationTest, SmallDirectoryIsValidAndSelfContained) {
  auto refs = CheckDirectoryRecords(SmallDirectory());
  ASSERT_TRUE(refs.ok()) << refs.status().ToString();
  EXPECT_TRUE(refs->departments.empty());
  EXPECT_TRUE(refs->sites.empty());
  EXPECT_TRUE(refs->managers.empty());
  EXPECT_TRUE(refs->event_people.empty());
}

struct BadCase {
  const char* name;
  std::function<void(Directory&)> mutate;
  const char* field;
};

TEST(DirectoryValidationTest, NamesTheRecordAndFieldOfEachBrokenRule) {
  const BadCase cases[] = {
      {"empty employee id", [](Directory& d) { d.people[1].employee_id = ""; },
       "people[1].employee_id"},
      {"employee id with a space", [](Directory& d) { d.people[1].employee_id = "E 2"; },
       "people[1].employee_id"},
      {"repeated employee id", [](Directory& d) { d.people[2].employee_id = "E2"; },
       "people[2].employee_id"},
      {"no first name", [](Directory& d) { d.people[0].first_name = ""; }, "people[0].first_name"},
      {"control char in name", [](Directory& d) { d.people[0].last_name = "A\tB"; },
       "people[0].last_name"},
      {"invalid UTF-8 in name", [](Directory& d) { d.people[0].last_name = "M\xC3"; },
       "people[0].last_name"},
      {"padded name", [](Directory& d) { d.people[0].last_name = " Smith"; },
       "people[0].last_name"},
      {"bad email", [](Directory& d) { d.people[3].email = "not-an-email"; }, "people[3].email"},
      {"email without domain dot", [](Directory& d) { d.people[3].email = "a@localhost"; },
       "people[3].email"},
      {"email with two @", [](Directory& d) { d.people[3].email = "a@b@example.com"; },
       "people[3].email"},
      {"email repeated, other case", [](Directory& d) { d.people[3].email = "P.E2@Example.COM"; },
       "people[3].email"},
      {"bad time zone", [](Directory& d) { d.people[2].time_zone = "GMT +1"; },
       "people[2].time_zone"},
      {"empty time zone", [](Directory& d) { d.people[2].time_zone = ""; }, "people[2].time_zone"},
      {"empty title", [](Directory& d) { d.people[2].job_title = ""; }, "people[2].job_title"},
      {"level too low", [](Directory& d) { d.people[2].level = 0; }, "people[2].level"},
      {"level too high", [](Directory& d) { d.people[2].level = 11; }, "people[2].level"},
      {"self-managed", [](Directory& d) { d.people[2].manager_employee_id = "E3"; },
       "people[2].manager_employee_id"},
      {"impossible hire date", [](Directory& d) { d.people[1].hire_date = D(2023, 2, 29); },
       "people[1].hire_date"},
      {"implausible hire date", [](Directory& d) { d.people[1].hire_date = D(1850, 1, 1); },
       "people[1].hire_date"},
      {"left without date", [](Directory& d) { d.people[3].left_date.reset(); },
       "people[3].left_date"},
      {"left before hire", [](Directory& d) { d.people[3].left_date = D(2019, 1, 1); },
       "people[3].left_date"},
      {"left date while active", [](Directory& d) { d.people[1].left_date = D(2024, 1, 1); },
       "people[1].left_date"},
      {"bad language",
       [](Directory& d) {
         d.people[1].languages = {"en", "FR"};
       },
       "people[1].languages[1]"},
      {"repeated language",
       [](Directory& d) {
         d.people[1].languages = {"en", "en"};
       },
       "people[1].languages[1]"},
      {"bad department code", [](Directory& d) { d.people[1].department = "R&D"; },
       "people[1].department"},
      {"repeated department", [](Directory& d) { d.departments[1].code = "ENG"; },
       "departments[1].code"},
      {"department without division", [](Directory& d) { d.departments[0].division = ""; },
       "departments[0].division"},
      {"site country", [](Directory& d) { d.sites[0].country = "gb"; }, "sites[0].country"},
      {"site time zone", [](Directory& d) { d.sites[1].time_zone = "/New_York"; },
       "sites[1].time_zone"},
      {"repeated skill", [](Directory& d) { d.skills[2].code = "cpp"; }, "skills[2].code"},
      {"skill without family", [](Directory& d) { d.skills[0].family = ""; }, "skills[0].family"},
      {"promotion without level", [](Directory& d) { d.events[1].to_level.reset(); },
       "events[1].to_level"},
      {"promotion going down", [](Directory& d) { d.events[1].from_level = 5; },
       "events[1].to_level"},
      {"event level out of range", [](Directory& d) { d.events[0].to_level = 12; },
       "events[0].to_level"},
      {"title change without title", [](Directory& d) { d.events[3].to_title = ""; },
       "events[3].to_title"},
      {"impossible event date", [](Directory& d) { d.events[2].date = D(2024, 4, 31); },
       "events[2].date"},
      {"repeated event", [](Directory& d) { d.events.push_back(d.events[2]); }, "events[4].date"},
  };
  for (const BadCase& c : cases) {
    Directory d = SmallDirectory();
    c.mutate(d);
    auto result = CheckDirectoryRecords(d);
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(result.status().field(), c.field) << c.name << ": " << result.status().ToString();
  }
}

TEST(DirectoryValidationTest, MessagesNameTheRecord) {
  Directory d = SmallDirectory();
  d.people[2].level = 42;
  auto result = CheckDirectoryRecords(d);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().client_message(),
            "people[2] (employee \"E3\"): level 42 is outside 1..10");
}

TEST(DirectoryValidationTest, ReturnsReferencesTheDirectoryDoesNotDefine) {
  Directory d;
  PersonRecord p = MakePerson("N1", "E1");
  p.department = "FIN";
  p.site = "PAR";
  PersonRecord q = MakePerson("N2", "E1");
  d.people = {p, q};
  d.events = {{"E9", PersonEventKind::kExit, D(2024, 1, 1), 3, std::nullopt, "", ""}};
  auto refs = CheckDirectoryRecords(d);
  ASSERT_TRUE(refs.ok()) << refs.status().ToString();
  EXPECT_EQ(refs->departments, (std::vector<std::string>{"FIN", "ENG"}));
  EXPECT_EQ(refs->sites, (std::vector<std::string>{"PAR", "LON"}));
  EXPECT_EQ(refs->managers, std::vector<std::string>{"E1"});
  EXPECT_EQ(refs->event_people, std::vector<std::string>{"E9"});

  Status s = UnresolvedReference(d, ReferenceKind::kSite, "LON");
  EXPECT_EQ(s.field(), "people[1].site");
  EXPECT_EQ(UnresolvedReference(d, ReferenceKind::kManager, "E1").field(),
            "people[0].manager_employee_id");
  EXPECT_EQ(UnresolvedReference(d, ReferenceKind::kEventPerson, "E9").field(),
            "events[0].employee_id");
}

TEST(DirectoryValidationTest, FindsCyclesWithinTheDirectory) {
  Directory d;
  d.people = {MakePerson("A", "C"), MakePerson("B", "A"), MakePerson("C", "B"),
              MakePerson("D", "A")};
  Status s = CheckManagementCycles(d, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.client_message().find("management cycle"), std::string::npos);
  EXPECT_NE(s.client_message().find("A -> C -> B -> A"), std::string::npos) << s.client_message();
  EXPECT_EQ(s.field(), "people[0].manager_employee_id");
}

TEST(DirectoryValidationTest, FindsCyclesThroughStoredManagers) {
  // Stored: S1 -> S2 -> X (X's stored manager is irrelevant: the directory redefines X).
  // The directory makes X report to S1: X -> S1 -> S2 -> X.
  Directory d;
  d.people = {MakePerson("X", "S1")};
  Status s = CheckManagementCycles(d, {{"S1", {"S2", "X", "TOP"}}});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  // A stored chain that does not come back to the directory is fine.
  EXPECT_TRUE(CheckManagementCycles(d, {{"S1", {"S2", "TOP"}}}).ok());
}

TEST(DirectoryValidationTest, LongChainsWithoutCyclesPass) {
  Directory d;
  d.people.push_back(MakePerson("P0"));
  for (int i = 1; i < 5000; ++i) {
    d.people.push_back(MakePerson("P" + std::to_string(i), "P" + std::to_string(i - 1)));
  }
  EXPECT_TRUE(CheckManagementCycles(d, {}).ok());
}

TEST(SyntaxTest, Emails) {
  for (const char* ok : {"a@b.co", "first.last+2@pairwise-demo.example", "x_y@sub.example.org"}) {
    EXPECT_TRUE(IsValidEmail(ok)) << ok;
  }
  for (const char* bad : {"", "a@", "@b.co", "a b@c.co", "a@b", ".a@b.co", "a..b@c.co", "a@-b.co",
                          "a@b..co", "a@b.co.", "ä@b.co"}) {
    EXPECT_FALSE(IsValidEmail(bad)) << bad;
  }
}

TEST(SyntaxTest, TimeZonesAndLanguages) {
  for (const char* ok : {"UTC", "Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+3",
                         "America/Port-au-Prince"}) {
    EXPECT_TRUE(IsValidTimeZoneName(ok)) << ok;
  }
  for (const char* bad : {"", "Europe/", "/UTC", "Europe//London", "GMT +1", "1UTC"}) {
    EXPECT_FALSE(IsValidTimeZoneName(bad)) << bad;
  }
  EXPECT_TRUE(IsValidLanguageCode("en"));
  EXPECT_FALSE(IsValidLanguageCode("eng"));
  EXPECT_FALSE(IsValidLanguageCode("En"));
}

TEST(SyntaxTest, Text) {
  EXPECT_TRUE(IsValidText("Zoë Łukasiewicz-Núñez", 100));
  EXPECT_TRUE(IsValidText("東京", 100));
  EXPECT_FALSE(IsValidText("", 100));
  EXPECT_FALSE(IsValidText("abc", 2));
  EXPECT_FALSE(IsValidText("a\nb", 100));
  EXPECT_FALSE(IsValidText("\xC0\xAF", 100));      // overlong
  EXPECT_FALSE(IsValidText("\xED\xA0\x80", 100));  // surrogate
  EXPECT_FALSE(IsValidText("trailing ", 100));
}

}  // namespace
}  // namespace pairwise::domain
