#include "domain/relationships/relationship_access.h"

#include <gtest/gtest.h>

#include "domain/relationships/goal.h"

namespace pairwise::domain {
namespace {

Actor Person(std::string employee_id, std::vector<Role> roles = {}) {
  Actor a;
  a.employee_id = std::move(employee_id);
  a.roles = std::move(roles);
  return a;
}

struct Fixture {
  Relationship relationship;
  Program program;
  Fixture() {
    relationship.id = RelationshipId(7);
    relationship.mentor = "MENTOR";
    relationship.mentee = "MENTEE";
    program.coordinators = {"COORD"};
    program.shadow_mentors = {"SHADOW"};
  }
  RelationshipContext Context(const Actor& actor) const {
    return {relationship, program,
            RelationsTo(actor, relationship, program, "MENTOR_BOSS", "MENTEE_BOSS")};
  }
};

TEST(RelationshipAccess, EachRelationIsRecognised) {
  Fixture f;
  EXPECT_TRUE(f.Context(Person("MENTOR")).relations.mentor);
  EXPECT_TRUE(f.Context(Person("MENTEE")).relations.mentee);
  EXPECT_TRUE(f.Context(Person("MENTEE_BOSS")).relations.mentee_manager);
  EXPECT_TRUE(f.Context(Person("MENTOR_BOSS")).relations.mentor_manager);
  EXPECT_TRUE(f.Context(Person("COORD")).relations.coordinator);
  EXPECT_TRUE(f.Context(Person("SHADOW")).relations.shadow_mentor);
  EXPECT_TRUE(f.Context(Person("ADMIN", {Role::kAdmin})).relations.admin);
  // A coordinator of another program has the role, not the relation.
  EXPECT_FALSE(f.Context(Person("OTHER", {Role::kCoordinator})).relations.Any());
  EXPECT_FALSE(f.Context(Person("SOMEONE")).relations.Any());
  Actor token;
  token.kind = Actor::Kind::kApiToken;
  token.scopes = {"export"};
  EXPECT_FALSE(f.Context(token).relations.Any());
}

TEST(RelationshipAccess, MembersActOthersAreRefusedOrHidden) {
  Fixture f;
  f.relationship.status = RelationshipStatus::kActive;
  for (const char* member : {"MENTOR", "MENTEE"}) {
    EXPECT_TRUE(RequireMember(Person(member), f.relationship).ok());
    EXPECT_TRUE(RequireActiveMember(Person(member), f.Context(Person(member))).ok());
  }
  // Without the relations known, everyone else is told nothing exists.
  EXPECT_EQ(RequireMember(Person("COORD"), f.relationship).code(), ErrorCode::kNotFound);
  // With them, those who may see the relationship are refused, strangers still told nothing.
  for (const char* overseer : {"COORD", "SHADOW", "MENTEE_BOSS", "MENTOR_BOSS"}) {
    EXPECT_EQ(RequireMember(Person(overseer), f.Context(Person(overseer))).code(),
              ErrorCode::kForbidden)
        << overseer;
  }
  const Actor admin = Person("ADMIN", {Role::kAdmin});
  EXPECT_EQ(RequireMember(admin, f.Context(admin)).code(), ErrorCode::kForbidden);
  EXPECT_EQ(RequireMember(Person("SOMEONE"), f.Context(Person("SOMEONE"))).code(),
            ErrorCode::kNotFound);
  Actor token;
  token.kind = Actor::Kind::kApiToken;
  EXPECT_EQ(RequireMember(token, f.relationship).code(), ErrorCode::kForbidden);
}

TEST(RelationshipAccess, OnlyAnActiveRelationshipOpens) {
  Fixture f;
  f.relationship.status = RelationshipStatus::kPendingAgreement;
  EXPECT_EQ(RequireActiveMember(Person("MENTEE"), f.relationship).reason(), "agreement_pending");
  f.relationship.status = RelationshipStatus::kEndedEarly;
  EXPECT_EQ(RequireActiveMember(Person("MENTEE"), f.relationship).reason(), "relationship_ended");
  f.relationship.status = RelationshipStatus::kCompleted;
  EXPECT_EQ(RequireActiveMember(Person("MENTOR"), f.relationship).reason(), "relationship_ended");
}

TEST(RelationshipAccess, OnlyTheProgramsCoordinatorsAndAdminsCoordinate) {
  Fixture f;
  EXPECT_TRUE(RequireProgramCoordinator(f.Context(Person("COORD"))).ok());
  EXPECT_TRUE(RequireProgramCoordinator(f.Context(Person("ADMIN", {Role::kAdmin}))).ok());
  EXPECT_EQ(RequireProgramCoordinator(f.Context(Person("MENTOR"))).code(), ErrorCode::kForbidden);
  EXPECT_EQ(RequireProgramCoordinator(f.Context(Person("SHADOW"))).code(), ErrorCode::kForbidden);
  EXPECT_EQ(RequireProgramCoordinator(f.Context(Person("OTHER", {Role::kCoordinator}))).code(),
            ErrorCode::kNotFound);
}

TEST(Agreement, TermsAreChecked) {
  Program p;
  p.cadence = MeetingCadence::kBiweekly;
  p.relationship_months = 9;
  p.type = ProgramType::kVirtual;
  AgreementTerms t = DefaultAgreementTemplate(p).terms;
  EXPECT_EQ(t.cadence_days, 14);
  EXPECT_EQ(t.length_months, 9);
  EXPECT_EQ(t.mode, AgreementMode::kVirtual);
  EXPECT_TRUE(CheckAgreementTerms(t).ok());
  for (int bad : {0, -1, kMaxCadenceDays + 1}) {
    AgreementTerms c = t;
    c.cadence_days = bad;
    EXPECT_EQ(CheckAgreementTerms(c).field(), "cadence_days") << bad;
  }
  AgreementTerms l = t;
  l.length_months = 0;
  EXPECT_EQ(CheckAgreementTerms(l).field(), "length_months");
  AgreementTerms c = t;
  c.confidentiality = "  ";
  EXPECT_EQ(CheckAgreementTerms(c).field(), "confidentiality");
  AgreementTerms h = t;
  h.how_to_end = std::string(kMaxAgreementChars + 1, 'x');
  EXPECT_EQ(CheckAgreementTerms(h).field(), "how_to_end");
}

TEST(Agreement, EndDateAddsTheLength) {
  const TimePoint jan31 = std::chrono::sys_days(std::chrono::year(2027) / 1 / 31);
  EXPECT_EQ(AgreementEndDate(jan31, 1), Date(std::chrono::year(2027) / 2 / std::chrono::last));
  EXPECT_EQ(AgreementEndDate(jan31, 6), Date(std::chrono::year(2027) / 7 / 31));
}

TEST(Goal, ChecksSayWhatIsMissingWithoutBlocking) {
  Goal g;
  g.fields.title = "Lead a project";
  EXPECT_EQ(GoalChecks(g).size(), 5u);
  g.fields.measure = "Projects";
  g.fields.target = "One";
  g.fields.skill = "cpp";  // a skill counts as the reason
  g.fields.due_date = Date(std::chrono::year(2027) / 3 / 1);
  g.achievable_confirmed_at = TimePoint{};
  EXPECT_TRUE(GoalChecks(g).empty());
}

TEST(Goal, ProgressFromMilestonesAndHistoryOfChanges) {
  Goal before;
  before.id = GoalId(3);
  before.fields.title = "Talk";
  before.milestones = {{MilestoneId(1), "Topic", std::nullopt, std::nullopt},
                       {MilestoneId(2), "Rehearse", std::nullopt, std::nullopt},
                       {MilestoneId(4), "Give it", std::nullopt, std::nullopt}};
  EXPECT_EQ(MilestoneProgress(before.milestones), 0);
  EXPECT_EQ(MilestoneProgress({}), 0);
  Goal after = before;
  after.milestones[0].done_at = TimePoint{};
  after.fields.progress = MilestoneProgress(after.milestones);
  EXPECT_EQ(after.fields.progress, 33);
  after.milestones.push_back({MilestoneId(), "Write it up", std::nullopt, std::nullopt});
  after.fields.title = "A talk";
  const auto events = GoalDiff(before, after, "E5", TimePoint{});
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].field, "title");
  EXPECT_EQ(events[0].from, "Talk");
  EXPECT_EQ(events[0].to, "A talk");
  EXPECT_EQ(events[1].field, "progress");
  EXPECT_EQ(events[2].field, "milestone:Topic");
  EXPECT_EQ(events[2].to, "done");
  EXPECT_EQ(events[3].field, "milestone:Write it up");
  EXPECT_EQ(events[3].to, "added");
  EXPECT_EQ(events[3].by, "E5");
  EXPECT_EQ(events[3].goal_id, 3);
}

// Group programs: the group's members (not ended early) read its notes; overseers see who is in
// it; managers nothing; strangers learn nothing; outside group programs there is no group.
TEST(RelationshipAccess, GroupsAreTheirMembersAndTheirOverseers) {
  Fixture f;
  f.relationship.status = RelationshipStatus::kActive;
  const Actor admin = Person("ADMIN", {Role::kAdmin});
  EXPECT_EQ(RequireGroupMember(Person("MENTEE"), f.Context(Person("MENTEE"))).code(),
            ErrorCode::kNotFound)
      << "a one-on-one program has no group";
  EXPECT_EQ(RequireGroupVisible(Person("COORD"), f.Context(Person("COORD"))).code(),
            ErrorCode::kNotFound);
  f.program.type = ProgramType::kGroup;
  for (const char* member : {"MENTOR", "MENTEE"}) {
    EXPECT_TRUE(RequireGroupMember(Person(member), f.Context(Person(member))).ok()) << member;
    EXPECT_TRUE(RequireGroupVisible(Person(member), f.Context(Person(member))).ok()) << member;
  }
  for (const char* overseer : {"COORD", "SHADOW"}) {
    EXPECT_EQ(RequireGroupMember(Person(overseer), f.Context(Person(overseer))).code(),
              ErrorCode::kForbidden)
        << overseer;
    EXPECT_TRUE(RequireGroupVisible(Person(overseer), f.Context(Person(overseer))).ok());
  }
  EXPECT_TRUE(RequireGroupVisible(admin, f.Context(admin)).ok());
  EXPECT_EQ(RequireGroupMember(admin, f.Context(admin)).code(), ErrorCode::kForbidden);
  EXPECT_EQ(RequireGroupVisible(Person("MENTEE_BOSS"), f.Context(Person("MENTEE_BOSS"))).code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(RequireGroupVisible(Person("SOMEONE"), f.Context(Person("SOMEONE"))).code(),
            ErrorCode::kNotFound);
  // A mentee whose relationship ended early has left the group.
  f.relationship.status = RelationshipStatus::kEndedEarly;
  EXPECT_EQ(RequireGroupMember(Person("MENTEE"), f.Context(Person("MENTEE"))).code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(RequireGroupVisible(Person("MENTEE"), f.Context(Person("MENTEE"))).code(),
            ErrorCode::kForbidden);
  // Completed: still a member, reading the group's history.
  f.relationship.status = RelationshipStatus::kCompleted;
  EXPECT_TRUE(RequireGroupMember(Person("MENTEE"), f.Context(Person("MENTEE"))).ok());
}

// Writing to the pair is the shadow mentor's; reading it, the pair's and the overseers'.
TEST(RelationshipAccess, TheShadowMentorWritesThePairAndOverseersRead) {
  Fixture f;
  const Actor admin = Person("ADMIN", {Role::kAdmin});
  EXPECT_TRUE(RequireShadowMentor(f.Context(Person("SHADOW"))).ok());
  for (const char* other : {"MENTOR", "MENTEE", "COORD", "MENTEE_BOSS"}) {
    EXPECT_EQ(RequireShadowMentor(f.Context(Person(other))).code(), ErrorCode::kForbidden) << other;
  }
  EXPECT_EQ(RequireShadowMentor(f.Context(admin)).code(), ErrorCode::kForbidden);
  EXPECT_EQ(RequireShadowMentor(f.Context(Person("SOMEONE"))).code(), ErrorCode::kNotFound);
  for (const char* reader : {"MENTOR", "MENTEE", "COORD", "SHADOW"}) {
    EXPECT_TRUE(RequireMemberOrOverseer(Person(reader), f.Context(Person(reader))).ok()) << reader;
  }
  EXPECT_TRUE(RequireMemberOrOverseer(admin, f.Context(admin)).ok());
  EXPECT_EQ(RequireMemberOrOverseer(Person("MENTOR_BOSS"), f.Context(Person("MENTOR_BOSS"))).code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(RequireMemberOrOverseer(Person("SOMEONE"), f.Context(Person("SOMEONE"))).code(),
            ErrorCode::kNotFound);
}

// Group meetings: the mentor schedules and logs, the mentees answer for themselves, the program's
// overseers see and do neither, managers and strangers as elsewhere.
TEST(RelationshipAccess, GroupMeetingsAreTheMentorsToRunAndTheMenteesToAnswer) {
  Fixture f;
  f.program.type = ProgramType::kGroup;
  f.relationship.status = RelationshipStatus::kActive;
  auto mentor = [&](const Actor& a) { return RequireGroupMentor(a, f.Context(a)); };
  auto mentee = [&](const Actor& a) { return RequireActiveGroupMentee(a, f.Context(a)); };
  EXPECT_TRUE(mentor(Person("MENTOR")).ok());
  EXPECT_EQ(mentor(Person("MENTEE")).code(), ErrorCode::kForbidden);
  EXPECT_TRUE(mentee(Person("MENTEE")).ok());
  EXPECT_EQ(mentee(Person("MENTOR")).code(), ErrorCode::kForbidden);
  for (const Actor& other : {Person("COORD"), Person("SHADOW"), Person("ADMIN", {Role::kAdmin}),
                             Person("MENTEE_BOSS")}) {
    EXPECT_EQ(mentor(other).code(), ErrorCode::kForbidden) << other.employee_id;
    EXPECT_EQ(mentee(other).code(), ErrorCode::kForbidden) << other.employee_id;
  }
  EXPECT_EQ(mentor(Person("SOMEONE")).code(), ErrorCode::kNotFound);
  EXPECT_EQ(mentee(Person("SOMEONE")).code(), ErrorCode::kNotFound);
  // Not before the agreement, and not in a one-on-one program.
  f.relationship.status = RelationshipStatus::kPendingAgreement;
  EXPECT_EQ(mentor(Person("MENTOR")).reason(), "agreement_pending");
  EXPECT_EQ(mentee(Person("MENTEE")).reason(), "agreement_pending");
  f.relationship.status = RelationshipStatus::kActive;
  f.program.type = ProgramType::kOneOnOne;
  EXPECT_EQ(mentor(Person("MENTOR")).code(), ErrorCode::kNotFound);
}

TEST(RelationshipAccess, AGroupsActionItemIsTickedOffByItsOwnerOrTheMentor) {
  Fixture f;
  f.program.type = ProgramType::kGroup;
  f.relationship.status = RelationshipStatus::kActive;
  auto writer = [&](const Actor& a, std::string_view owner) {
    return RequireGroupActionItemWriter(a, f.Context(a), owner);
  };
  EXPECT_TRUE(writer(Person("MENTOR"), "MENTEE").ok());
  EXPECT_TRUE(writer(Person("MENTOR"), "OTHER_MENTEE").ok());
  EXPECT_TRUE(writer(Person("MENTEE"), "MENTEE").ok());
  EXPECT_EQ(writer(Person("MENTEE"), "MENTOR").code(), ErrorCode::kForbidden);
  EXPECT_EQ(writer(Person("MENTEE"), "OTHER_MENTEE").code(), ErrorCode::kForbidden);
  for (const Actor& other : {Person("COORD"), Person("SHADOW"), Person("ADMIN", {Role::kAdmin}),
                             Person("MENTEE_BOSS")}) {
    EXPECT_EQ(writer(other, other.employee_id).code(), ErrorCode::kForbidden) << other.employee_id;
  }
  // A mentee of another group is a stranger here.
  EXPECT_EQ(writer(Person("SOMEONE"), "SOMEONE").code(), ErrorCode::kNotFound);
  // A member who left the group early ticks off nothing; a one-on-one program has no group.
  f.relationship.status = RelationshipStatus::kEndedEarly;
  EXPECT_EQ(writer(Person("MENTEE"), "MENTEE").code(), ErrorCode::kForbidden);
  f.relationship.status = RelationshipStatus::kActive;
  f.program.type = ProgramType::kOneOnOne;
  EXPECT_EQ(writer(Person("MENTOR"), "MENTEE").code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace pairwise::domain
