#include "domain/credentials/renewal_reminders.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/people/test_util.h"
#include "storage/memory/memory_credential_repository.h"
#include "storage/memory/memory_people_repository.h"

namespace pairwise::domain {
namespace {

using testing::D;
using testing::MakePerson;

TimePoint Day(int y, int m, int d) {
  return TimePoint(std::chrono::sys_days(D(y, static_cast<unsigned>(m), static_cast<unsigned>(d))));
}

// The relationships and programs the step reads, as plain lists.
class FakeRelationships final : public RelationshipReader {
 public:
  std::vector<Relationship> all;
  Result<std::vector<Relationship>> ListForPerson(std::string_view employee_id) override {
    std::vector<Relationship> out;
    for (const Relationship& r : all) {
      if (r.mentor == employee_id || r.mentee == employee_id) out.push_back(r);
    }
    return out;
  }
  Result<std::vector<Relationship>> ListForProgram(ProgramId, bool) override { return all; }
  Result<Relationship> FindRelationship(RelationshipId) override {
    return Status::NotFound("no relationship");
  }
  Result<std::vector<std::pair<std::string, std::string>>> ListAllPairs() override {
    return std::vector<std::pair<std::string, std::string>>{};
  }
};

class FakeOptOuts final : public ReminderOptOuts {
 public:
  std::set<std::string> off;
  Result<std::vector<std::string>> OptedOutAmong(const std::vector<std::string>& ids) override {
    std::vector<std::string> out;
    for (const std::string& id : ids) {
      if (off.contains(id)) out.push_back(id);
    }
    return out;
  }
};

class FakePrograms final : public ProgramReader {
 public:
  std::map<int64_t, Program> programs;
  Result<Program> FindProgram(ProgramId id) override {
    auto it = programs.find(id.value);
    if (it == programs.end()) return Status::NotFound("no program");
    return it->second;
  }
  Result<MentorCapacity> EffectiveMentorCapacity(ProgramId, std::string_view) override {
    return MentorCapacity{};
  }
  Result<std::map<std::string, MentorCapacity>> ListMentorCapacities(ProgramId) override {
    return std::map<std::string, MentorCapacity>{};
  }
};

// H1 holds a credential expiring 2027-03-01 and mentors in program 1 (requires the credential,
// coordinated by K1 and K2) and program 2 (does not, coordinated by K3); H2's expires 2027-06-01.
class RenewalRemindersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Directory d = testing::SmallDirectory();
    for (const char* id : {"H1", "H2", "K1", "K2", "K3", "M1"}) {
      d.people.push_back(MakePerson(id, "E2"));
    }
    ASSERT_TRUE(people_.LoadDirectory(d).ok());
    Program required;
    required.id = ProgramId(1);
    required.name = "Leaders";
    required.coordinators = {"K1", "K2"};
    required.requires_mentor_credential = true;
    Program open = required;
    open.id = ProgramId(2);
    open.name = "Onboarding";
    open.coordinators = {"K3"};
    open.requires_mentor_credential = false;
    programs_.programs = {{1, required}, {2, open}};
    Relationship r1;
    r1.id = RelationshipId(1);
    r1.program = ProgramId(1);
    r1.mentor = "H1";
    r1.mentee = "M1";
    r1.status = RelationshipStatus::kActive;
    Relationship r2 = r1;
    r2.id = RelationshipId(2);
    r2.program = ProgramId(2);
    relationships_.all = {r1, r2};
    h1_ = Grant("H1", Day(2025, 3, 1), Day(2027, 3, 1));
    Grant("H2", Day(2025, 6, 1), Day(2027, 6, 1));
  }

  Credential Grant(const std::string& holder, TimePoint from, TimePoint until) {
    Credential c;
    c.holder = holder;
    c.issued_by = "E1";
    c.note = "Founding";
    c.issued_at = from;
    c.expires_at = until;
    auto granted = repository_.Grant(c);
    EXPECT_TRUE(granted.ok());
    return *granted;
  }

  std::vector<std::string> Recipients() {
    std::vector<std::string> out;
    for (const MailMessage& m : repository_.queued_mails()) out.push_back(m.reminder_for);
    return out;
  }

  storage::MemoryPeopleRepository people_repository_;
  PeopleService people_{people_repository_};
  storage::MemoryCredentialRepository repository_;
  FakeRelationships relationships_;
  FakePrograms programs_;
  FakeOptOuts opt_outs_;
  CredentialRenewalReminders step_{repository_, people_,   relationships_,
                                   programs_,   opt_outs_, "https://pairwise.test"};
  Credential h1_;
};

TEST_F(RenewalRemindersTest, TheHolderAndTheirCoordinatorsAreRemindedOncePerPoint) {
  // More than 60 days before: nothing.
  EXPECT_EQ(*step_.RunTickStep(Day(2026, 12, 30)), "0 credential renewal reminders");
  EXPECT_TRUE(repository_.queued_mails().empty());
  // 60 days before H1's expiry: H1, and the coordinators of the program that requires it.
  EXPECT_EQ(*step_.RunTickStep(Day(2027, 1, 1)), "1 credential renewal reminder");
  EXPECT_EQ(Recipients(), (std::vector<std::string>{"H1", "K1", "K2"}));
  const std::vector<MailMessage> mails = repository_.queued_mails();
  EXPECT_EQ(mails[0].kind, "credential_renewal_reminder");
  ASSERT_NE(FindReminderKind(mails[0].kind), nullptr);  // carries List-Unsubscribe
  EXPECT_NE(mails[0].subject.find("expires on 2027-03-01"), std::string::npos);
  EXPECT_NE(mails[0].text.find("https://pairwise.test/me/credential"), std::string::npos);
  EXPECT_NE(mails[1].text.find("Leaders"), std::string::npos);
  EXPECT_EQ(mails[1].text.find("Onboarding"), std::string::npos);
  // The same hour again, or the next day: nothing more (idempotent per point).
  EXPECT_EQ(*step_.RunTickStep(Day(2027, 1, 1)), "0 credential renewal reminders");
  EXPECT_EQ(*step_.RunTickStep(Day(2027, 1, 2)), "0 credential renewal reminders");
  EXPECT_EQ(repository_.queued_mails().size(), 3u);
  // 14 days before: the second reminder, but K2 turned reminders off; after expiry nothing.
  opt_outs_.off = {"K2"};
  EXPECT_EQ(*step_.RunTickStep(Day(2027, 2, 15)), "1 credential renewal reminder");
  EXPECT_EQ(Recipients(), (std::vector<std::string>{"H1", "K1", "K2", "H1", "K1"}));
  EXPECT_EQ(*step_.RunTickStep(Day(2027, 3, 2)), "0 credential renewal reminders");
}

TEST_F(RenewalRemindersTest, RenewedRevokedAndShortCredentialsAreNotRemindedOfTheWrongThing) {
  // H1 renewed: a newer credential; the old one is not reminded of.
  Grant("H1", Day(2026, 12, 1), Day(2028, 12, 1));
  // H2's was revoked.
  auto h2 = repository_.ListCredentials(std::string("H2"));
  ASSERT_TRUE(repository_.Revoke(h2->front().id, "R1", "Misconduct", Day(2026, 12, 1)).ok());
  EXPECT_EQ(*step_.RunTickStep(Day(2027, 1, 1)), "0 credential renewal reminders");
  EXPECT_EQ(*step_.RunTickStep(Day(2027, 4, 15)), "0 credential renewal reminders");
  EXPECT_TRUE(repository_.queued_mails().empty());
  // A one-month credential hears only the 14-day reminder, not the 60-day one on its first day.
  const Credential short_one = Grant("H2", Day(2027, 5, 1), Day(2027, 6, 1));
  EXPECT_EQ(RenewalReminderDue(short_one, Day(2027, 5, 2)), 0);
  EXPECT_EQ(RenewalReminderDue(short_one, Day(2027, 5, 20)), 14);
  EXPECT_EQ(RenewalReminderDue(h1_, Day(2027, 1, 1)), 60);
  EXPECT_EQ(RenewalReminderDue(h1_, Day(2027, 3, 1)), 0);  // expired at that instant
}

}  // namespace
}  // namespace pairwise::domain
