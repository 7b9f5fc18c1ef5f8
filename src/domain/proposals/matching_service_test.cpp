// The proposals aggregate over the in-memory repositories: settings, pins and forbids, a run
// through the worker, hand changes, publishing (the preview's counts are what is written and
// sent) and a rematch, and who may do what.
#include "domain/proposals/matching_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/people/import/testing/fake_audit_log.h"
#include "domain/people/test_util.h"
#include "domain/programs/program_service.h"
#include "domain/proposals/matching_inputs.h"
#include "domain/proposals/pair_scorer.h"
#include "matching/engine.h"
#include "storage/memory/memory_application_repository.h"
#include "storage/memory/memory_credential_repository.h"
#include "storage/memory/memory_mail_outbox.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/memory_profile_repository.h"
#include "storage/memory/memory_program_repository.h"
#include "storage/memory/memory_proposal_repository.h"
#include "storage/memory/memory_relationship_repository.h"

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

// The small directory plus mentees M1..M3 (Engineering, level 3; M1 and M2 under E2, M3 under
// M9) and mentors R1, R2 (Finance, level 7, under E3). Coordinator E3 runs the program, whose
// mentees M1..M3 and mentors R1, R2 are approved.
class MatchingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Directory d = testing::SmallDirectory();
    for (const char* id : {"M1", "M2"}) d.people.push_back(MakePerson(id, "E2"));
    PersonRecord m9 = MakePerson("M9", "E2");
    m9.level = 5;
    d.people.push_back(m9);
    d.people.push_back(MakePerson("M3", "M9"));
    for (const char* id : {"R1", "R2"}) {
      PersonRecord r = MakePerson(id, "E3");
      r.department = "FIN";
      r.level = 7;
      d.people.push_back(r);
    }
    ASSERT_TRUE(people_.LoadDirectory(d).ok());
    ProgramFields f;
    f.name = "Grow";
    f.start_date = D(2027, 1, 1);
    f.end_date = D(2027, 12, 31);
    f.enrollment_opens = D(2026, 11, 1);
    f.enrollment_closes = D(2026, 12, 15);
    f.coordinators = {"E3"};
    f.mentor_capacity.mentees = 2;
    auto created = programs_.Create(coordinator_, f);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    program_ = created->program.id;
    std::vector<Application> applications;
    for (const char* id : {"M1", "M2", "M3"}) applications.push_back(Approved(id, Side::kMentee));
    for (const char* id : {"R1", "R2"}) applications.push_back(Approved(id, Side::kMentor));
    ASSERT_TRUE(applications_.CreateApplications(applications, clock_.Now()).ok());
  }

  Application Approved(std::string employee_id, Side side) {
    Application a;
    a.program = program_;
    a.side = side;
    a.employee_id = std::move(employee_id);
    a.status = ApplicationStatus::kApproved;
    a.form_version = 1;
    return a;
  }

  // Runs the queued proposal through the worker and returns it, done.
  Proposal RunToDone(const Proposal& queued) {
    auto ran = service_.RunNextJob("test-worker");
    EXPECT_TRUE(ran.ok() && *ran) << ran.status().ToString();
    auto done = service_.GetProposal(coordinator_, program_, queued.id);
    EXPECT_TRUE(done.ok()) << done.status().ToString();
    EXPECT_EQ(done->status, ProposalStatus::kDone) << done->error;
    return *done;
  }

  bool settings_default_language() {
    return service_.GetSettings(coordinator_, program_)->settings.shared_language;
  }

  std::vector<OutboxMail> Mail() { return outbox_.List(std::nullopt, 1000)->items; }

  storage::MemoryPeopleRepository people_repository_;
  PeopleService people_{people_repository_};
  storage::MemoryProfileRepository profiles_{people_repository_};
  storage::MemoryProgramRepository program_repository_;
  storage::MemoryApplicationRepository applications_;
  storage::MemoryRelationshipRepository relationships_;
  storage::MemoryMailOutbox outbox_;
  storage::MemoryProposalRepository proposals_{relationships_, outbox_};
  testing::FakeAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::sys_days(D(2026, 11, 23)))};
  storage::MemoryCredentialRepository credentials_;
  ProgramService programs_{program_repository_, applications_, people_,
                           credentials_,        audit_,        clock_};
  MatchingService service_{proposals_,    relationships_, program_repository_, applications_,
                           applications_, people_,        profiles_,           credentials_,
                           audit_,        clock_,         "https://pw.test"};
  const Actor coordinator_ = PersonActor("E3", {Role::kCoordinator});
  ProgramId program_;
};

TEST_F(MatchingServiceTest, OnlyTheProgramsCoordinatorsSeeOrChangeItsMatching) {
  auto settings = service_.GetSettings(coordinator_, program_);
  ASSERT_TRUE(settings.ok()) << settings.status().ToString();
  EXPECT_FALSE(settings->saved);
  EXPECT_EQ(settings->mentees, 3);
  EXPECT_EQ(settings->mentors, 2);
  // A draft program is hidden from everyone but its coordinators; a token is not a person.
  EXPECT_EQ(service_.GetSettings(PersonActor("M1"), program_).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_.StartRun(PersonActor("M1"), program_, std::nullopt).status().code(),
            ErrorCode::kNotFound);
  // An admin who does not coordinate it may.
  EXPECT_TRUE(service_.GetSettings(PersonActor("E1", {Role::kAdmin}), program_).ok());
  Actor token;
  token.kind = Actor::Kind::kApiToken;
  EXPECT_FALSE(service_.ListProposals(token, program_).ok());
  EXPECT_EQ(service_.GetSettings(coordinator_, ProgramId(999)).status().code(),
            ErrorCode::kNotFound);
}

TEST_F(MatchingServiceTest, SettingsChangesAreCheckedSavedAndAudited) {
  SettingsChange change;
  change.values.target_level_gap = 1000;  // out of range
  change.given = {"target_level_gap"};
  auto bad = service_.UpdateSettings(coordinator_, program_, change);
  EXPECT_EQ(bad.status().field(), "target_level_gap");
  EXPECT_FALSE(service_.GetSettings(coordinator_, program_)->saved);  // nothing written

  change.values.target_level_gap = 3;
  const bool language = settings_default_language();
  change.values.shared_language = !language;  // not given: stays as it was
  auto saved = service_.UpdateSettings(coordinator_, program_, change);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_TRUE(saved->saved);
  EXPECT_EQ(saved->settings.target_level_gap, 3);
  EXPECT_EQ(saved->settings.shared_language, language);
  EXPECT_EQ(audit_.entries().back().action, "matching.settings");
}

TEST_F(MatchingServiceTest, PinsAreRefusedForOutsidersAndOverCapacityAndNamed) {
  EXPECT_EQ(service_.PutConstraint(coordinator_, program_, "E2", "R1", ConstraintKind::kPin)
                .status()
                .field(),
            "mentee");
  EXPECT_EQ(service_.PutConstraint(coordinator_, program_, "M1", "M2", ConstraintKind::kPin)
                .status()
                .field(),
            "mentor");
  auto pin = service_.PutConstraint(coordinator_, program_, "M1", "R1", ConstraintKind::kPin);
  ASSERT_TRUE(pin.ok()) << pin.status().ToString();
  EXPECT_EQ(pin->mentee_name, "FirstM1 Last");
  ASSERT_TRUE(
      service_.PutConstraint(coordinator_, program_, "M2", "R1", ConstraintKind::kPin).ok());
  // R1 takes two mentees: a third pin is over capacity.
  auto full = service_.PutConstraint(coordinator_, program_, "M3", "R1", ConstraintKind::kPin);
  EXPECT_EQ(full.status().field(), "mentor");
  auto listed = service_.ListConstraints(coordinator_, program_);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);
  ASSERT_TRUE(service_.DeleteConstraint(coordinator_, program_, "M2", "R1").ok());
  EXPECT_EQ(service_.ListConstraints(coordinator_, program_)->size(), 1u);
}

TEST_F(MatchingServiceTest, ARunIsAJobThatPairsEveryMenteeAndHonoursPins) {
  ASSERT_TRUE(
      service_.PutConstraint(coordinator_, program_, "M3", "R2", ConstraintKind::kPin).ok());
  auto queued = service_.StartRun(coordinator_, program_, std::nullopt);
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  EXPECT_EQ(queued->status, ProposalStatus::kQueued);
  // One run at a time.
  EXPECT_EQ(service_.StartRun(coordinator_, program_, std::nullopt).status().reason(),
            "run_in_progress");
  const Proposal done = RunToDone(*queued);
  EXPECT_EQ(done.summary.matched, 3);
  auto pairs = service_.ListPairs(coordinator_, program_, done.id, PairQuery{});
  ASSERT_TRUE(pairs.ok()) << pairs.status().ToString();
  ASSERT_EQ(pairs->items.size(), 3u);
  for (const ProposalPair& p : pairs->items) {
    if (p.mentee == "M3") {
      EXPECT_EQ(p.mentor, "R2");
      EXPECT_TRUE(p.pinned);
    }
  }
  EXPECT_FALSE(service_.RunNextJob("test-worker").value());  // nothing else waits
}

// The run reads the program's applications once: the approved ones take part, each on its own
// side; submitted, declined and withdrawn applications do not.
TEST_F(MatchingServiceTest, ARunMatchesTheApprovedApplicationsEachOnItsSide) {
  std::vector<Application> others;
  for (const char* id : {"N1", "N2", "N3", "N4"}) {
    PersonRecord n = MakePerson(id, "E3");
    n.department = "FIN";
    n.level = 7;
    ASSERT_TRUE(people_.CreatePerson(n, "").ok());
  }
  const std::vector<std::pair<const char*, ApplicationStatus>> statuses = {
      {"N1", ApplicationStatus::kSubmitted},
      {"N2", ApplicationStatus::kDeclined},
      {"N3", ApplicationStatus::kWithdrawn}};
  for (const auto& [id, status] : statuses) {
    Application a = Approved(id, Side::kMentor);
    a.status = status;
    others.push_back(a);
    a.side = Side::kMentee;
    others.push_back(a);
  }
  others.push_back(Approved("N4", Side::kMentee));
  ASSERT_TRUE(applications_.CreateApplications(others, clock_.Now()).ok());
  auto queued = service_.StartRun(coordinator_, program_, std::nullopt);
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  const Proposal done = RunToDone(*queued);
  EXPECT_EQ(done.summary.mentees, 4);
  EXPECT_EQ(done.summary.mentors, 2);
  auto pairs = service_.ListPairs(coordinator_, program_, done.id, PairQuery{});
  ASSERT_TRUE(pairs.ok()) << pairs.status().ToString();
  ASSERT_FALSE(pairs->items.empty());
  const std::set<std::string> approved_mentees = {"M1", "M2", "M3", "N4"};
  for (const ProposalPair& p : pairs->items) {
    EXPECT_TRUE(approved_mentees.contains(p.mentee)) << p.mentee;
    EXPECT_TRUE(p.mentor == "R1" || p.mentor == "R2") << p.mentor;
  }
}

// Issue 21: credentialed_only keeps mentors without a current credential out of proposals — R2's
// expired, R3 never had one — and is refused while nobody holds a current credential.
TEST_F(MatchingServiceTest, CredentialedOnlyKeepsUncredentialedAndExpiredMentorsOut) {
  PersonRecord r3 = MakePerson("R3", "E3");
  r3.department = "FIN";
  r3.level = 7;
  ASSERT_TRUE(people_.CreatePerson(r3, "").ok());
  ASSERT_TRUE(applications_.CreateApplications({Approved("R3", Side::kMentor)}, clock_.Now()).ok());
  SettingsChange change;
  change.values.credentialed_only = true;
  change.given = {"credentialed_only"};
  EXPECT_EQ(service_.UpdateSettings(coordinator_, program_, change).status().field(),
            "credentialed_only");
  Credential expired;
  expired.holder = "R2";
  expired.issued_by = "E1";
  expired.issued_at = clock_.Now() - std::chrono::hours(24 * 800);
  expired.expires_at = clock_.Now() - std::chrono::hours(24);
  ASSERT_TRUE(credentials_.Grant(expired).ok());
  EXPECT_EQ(service_.UpdateSettings(coordinator_, program_, change).status().field(),
            "credentialed_only");  // an expired credential is no credential
  Credential current = expired;
  current.holder = "R1";
  current.expires_at = clock_.Now() + std::chrono::hours(24 * 700);
  ASSERT_TRUE(credentials_.Grant(current).ok());
  ASSERT_TRUE(service_.UpdateSettings(coordinator_, program_, change).ok());
  auto queued = service_.StartRun(coordinator_, program_, std::nullopt);
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  const Proposal done = RunToDone(*queued);
  auto pairs = service_.ListPairs(coordinator_, program_, done.id, PairQuery{});
  ASSERT_TRUE(pairs.ok()) << pairs.status().ToString();
  ASSERT_EQ(pairs->items.size(), 2u);  // R1's capacity; R2 and R3 may take nobody
  for (const ProposalPair& p : pairs->items) EXPECT_EQ(p.mentor, "R1");
  EXPECT_EQ(done.summary.matched, 2);
}

TEST_F(MatchingServiceTest, HandChangesPreviewTheirEffectAndRefuseOverCapacity) {
  auto queued = service_.StartRun(coordinator_, program_, std::nullopt);
  ASSERT_TRUE(queued.ok());
  const Proposal done = RunToDone(*queued);
  auto pairs = service_.ListPairs(coordinator_, program_, done.id, PairQuery{});
  ASSERT_TRUE(pairs.ok());
  // Three mentees, two mentors taking two each: one mentor has two, the other one. Moving the
  // lone mentor's mentee to the full one is refused.
  std::map<std::string, int> load;
  for (const ProposalPair& p : pairs->items) ++load[p.mentor];
  ASSERT_EQ(load.size(), 2u);
  const ProposalPair lone =
      *std::find_if(pairs->items.begin(), pairs->items.end(),
                    [&](const ProposalPair& p) { return load[p.mentor] == 1; });
  const std::string full = load.begin()->second == 2 ? load.begin()->first : load.rbegin()->first;
  PairChange over{lone.mentee, full, ""};
  auto refused = service_.PreviewChange(coordinator_, program_, done.id, over);
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  EXPECT_NE(refused->refusal.find("capacity"), std::string::npos) << refused->refusal;
  EXPECT_EQ(service_.ApplyChange(coordinator_, program_, done.id, over, true).status().reason(),
            "change_refused");

  // Leave one mentee unmatched, then look at the change of another's mentor.
  const ProposalPair first = pairs->items.front();
  PairChange leave{first.mentee, "", ""};
  auto left = service_.ApplyChange(coordinator_, program_, done.id, leave, false);
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_EQ(service_.ListUnmatched(coordinator_, program_, done.id)->size(), 1u);
  EXPECT_EQ(service_.GetProposal(coordinator_, program_, done.id)->summary.matched, 2);
  // Back to the mentor it had: a place is free there now.
  PairChange back{first.mentee, first.mentor, ""};
  auto preview = service_.PreviewChange(coordinator_, program_, done.id, back);
  ASSERT_TRUE(preview.ok()) << preview.status().ToString();
  EXPECT_TRUE(preview->refusal.empty()) << preview->refusal;
  ASSERT_EQ(preview->effects.size(), 1u);
  EXPECT_EQ(preview->effects[0].to_mentor_name, first.mentor_info.name);
  EXPECT_TRUE(preview->effects[0].from_mentor.empty());  // unmatched before
  EXPECT_EQ(service_.PreviewChange(coordinator_, program_, done.id, PairChange{"E2", "R1", ""})
                .status()
                .field(),
            "mentee");
}

// The preview announces exactly what Publish writes and sends: one plan serves both.
TEST_F(MatchingServiceTest, PublishSendsWhatThePreviewAnnounced) {
  auto queued = service_.StartRun(coordinator_, program_, std::nullopt);
  ASSERT_TRUE(queued.ok());
  const Proposal done = RunToDone(*queued);
  auto preview = service_.PreviewPublish(coordinator_, program_, done.id);
  ASSERT_TRUE(preview.ok()) << preview.status().ToString();
  EXPECT_EQ(preview->relationships, 3);
  EXPECT_EQ(preview->ended, 0);
  // Three mentees, the mentors who got a mentee, and the managers E2 (M1, M2), M9 (M3) and E3
  // (both mentors), each once.
  const std::set<std::string> mentors = [&] {
    std::set<std::string> out;
    // Held in a local: a range-for over a member reached through a temporary's operator->
    // would read the pairs after the temporary is gone.
    const auto pairs = service_.ListPairs(coordinator_, program_, done.id, PairQuery{});
    for (const ProposalPair& p : pairs->items) {
      out.insert(p.mentor);
    }
    return out;
  }();
  EXPECT_EQ(preview->mails, 3 + static_cast<int>(mentors.size()) + 3);
  EXPECT_TRUE(Mail().empty());  // a preview writes nothing

  auto published = service_.Publish(coordinator_, program_, done.id);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->relationships, preview->relationships);
  EXPECT_EQ(published->ended, preview->ended);
  EXPECT_EQ(published->mails, preview->mails);
  const std::vector<OutboxMail> sent = Mail();
  EXPECT_EQ(static_cast<int>(sent.size()), preview->mails);
  std::set<std::string> to;
  for (const OutboxMail& m : sent) to.insert(m.message.to);
  EXPECT_TRUE(to.contains("p.M9@example.com"));  // M3's manager
  EXPECT_TRUE(to.contains("p.E2@example.com"));
  EXPECT_EQ(relationships_.ListForProgram(program_, true)->size(), 3u);
  // Published once: no second full publish, no second run.
  EXPECT_EQ(service_.Publish(coordinator_, program_, done.id).status().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(service_.StartRun(coordinator_, program_, std::nullopt).status().reason(),
            "already_published");
  EXPECT_TRUE(service_.GetSettings(coordinator_, program_)->published);

  // A rematch of M3: its preview counts the relationship it ends, and publishing agrees.
  EXPECT_EQ(service_.StartRematch(coordinator_, program_, {"E2"}).status().field(), "employee_ids");
  auto rematch = service_.StartRematch(coordinator_, program_, {"M3"});
  ASSERT_TRUE(rematch.ok()) << rematch.status().ToString();
  const Proposal rematched = RunToDone(*rematch);
  auto again = service_.PreviewPublish(coordinator_, program_, rematched.id);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->ended, 1);
  const size_t before = Mail().size();
  auto republished = service_.Publish(coordinator_, program_, rematched.id);
  ASSERT_TRUE(republished.ok()) << republished.status().ToString();
  EXPECT_EQ(republished->ended, again->ended);
  EXPECT_EQ(republished->relationships, again->relationships);
  EXPECT_EQ(republished->mails, again->mails);
  EXPECT_EQ(Mail().size() - before, static_cast<size_t>(again->mails));
}

TEST_F(MatchingServiceTest, OnlyAFinishedProposalIsPublished) {
  auto queued = service_.StartRun(coordinator_, program_, std::nullopt);
  ASSERT_TRUE(queued.ok());
  EXPECT_EQ(service_.Publish(coordinator_, program_, queued->id).status().reason(),
            "not_publishable");
  auto cancelled = service_.CancelRun(coordinator_, program_, queued->id);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status().ToString();
  EXPECT_EQ(cancelled->status, ProposalStatus::kCancelled);
  EXPECT_TRUE(Mail().empty());
  EXPECT_TRUE(relationships_.ListForProgram(program_, false)->empty());
}

// The stored proposal is what the engine says, pair by pair: the instance built from the same
// reads made one after the other, solved, and every pair and unmatched mentee explained in
// turn (the job's way before it read in parallel and explained in slices) gives exactly the
// stored pairs (snapshots, scores, points, explanations, pins), unmatched mentees and summary.
TEST_F(MatchingServiceTest, AStoredRunIsWhatTheEngineSaysPairByPair) {
  std::vector<Application> more;
  for (int i = 0; i < 60; ++i) {
    PersonRecord m = MakePerson("T" + std::to_string(100 + i), i % 3 == 0 ? "E2" : "M9");
    m.level = 1 + i % 4;
    m.department = i % 2 ? "ENG" : "FIN";
    m.site = i % 5 ? "LON" : "NYC";
    m.time_zone = i % 5 ? "Europe/London" : "America/New_York";
    m.languages = i % 4 ? std::vector<std::string>{"en"} : std::vector<std::string>{"fr"};
    ASSERT_TRUE(people_.CreatePerson(m, "").ok());
    more.push_back(Approved(m.employee_id, Side::kMentee));
  }
  for (int i = 0; i < 12; ++i) {
    PersonRecord r = MakePerson("S" + std::to_string(100 + i), i % 2 ? "E3" : "E1");
    r.level = 5 + i % 4;
    r.department = i % 3 ? "FIN" : "ENG";
    r.site = i % 2 ? "NYC" : "LON";
    r.languages = i % 3 ? std::vector<std::string>{"en", "fr"} : std::vector<std::string>{"fr"};
    ASSERT_TRUE(people_.CreatePerson(r, "").ok());
    more.push_back(Approved(r.employee_id, Side::kMentor));
  }
  ASSERT_TRUE(applications_.CreateApplications(more, clock_.Now()).ok());
  ASSERT_TRUE(
      service_.PutConstraint(coordinator_, program_, "T101", "S101", ConstraintKind::kPin).ok());
  auto queued = service_.StartRun(coordinator_, program_, std::nullopt);
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  const Proposal done = RunToDone(*queued);

  MatchingInputs in;
  in.program = *program_repository_.FindProgram(program_);
  in.settings = done.settings;
  in.now = clock_.Now();
  auto applications = applications_.ListApplications(program_);
  ASSERT_TRUE(applications.ok());
  for (Application& a : *applications) {
    if (a.status != ApplicationStatus::kApproved) continue;
    (a.side == Side::kMentee ? in.mentees : in.mentors).push_back(a.employee_id);
    (a.side == Side::kMentee ? in.mentee_answers : in.mentor_answers)[a.employee_id] = a.answers;
  }
  std::sort(in.mentees.begin(), in.mentees.end());
  std::sort(in.mentors.begin(), in.mentors.end());
  std::vector<std::string> everyone = in.mentees;
  everyone.insert(everyone.end(), in.mentors.begin(), in.mentors.end());
  auto people = people_.ListWithManagers(everyone);
  auto profiles = profiles_.ListProfiles(everyone);
  ASSERT_TRUE(people.ok() && profiles.ok());
  for (const Person& p : *people) in.people.emplace(p.employee_id, p);
  for (const Profile& p : *profiles) in.profiles.emplace(p.employee_id, p);
  in.credentialed = *credentials_.CurrentHolders(in.mentors, in.now);
  in.capacity_overrides = *program_repository_.ListMentorCapacities(program_);
  in.constraints = *proposals_.ListConstraints(program_);
  in.previous_pairs = *relationships_.ListAllPairs();
  BuiltInstance built = BuildInstance(in);
  auto engine = matching::Engine::Create(built.instance);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  auto result = engine->Solve();
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const auto departments = *people_.ListDepartments();
  const auto sites = *people_.ListSites();
  const matching::Instance& instance = engine->instance();
  std::vector<ProposalPair> pairs;
  for (const matching::MatchedPair& pair : result->pairs) {
    ProposalPair p;
    p.mentee = instance.mentees[pair.mentee].person.id;
    p.mentor = instance.mentors[pair.mentor].person.id;
    p.mentee_info = SnapshotOf(in.people.at(p.mentee), departments, sites);
    p.mentor_info = SnapshotOf(in.people.at(p.mentor), departments, sites);
    p.score = pair.score;
    p.points = pair.breakdown.points;
    p.explanation = engine->ExplainPair(pair);
    p.pinned = pair.pinned || (p.mentee == "T101" && p.mentor == "S101");
    pairs.push_back(std::move(p));
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const auto& x, const auto& y) { return x.mentee < y.mentee; });
  std::vector<ProposalUnmatched> unmatched;
  for (const matching::UnmatchedMentee& u : result->unmatched) {
    const std::string& id = instance.mentees[u.mentee].person.id;
    unmatched.push_back({id, SnapshotOf(in.people.at(id), departments, sites),
                         std::string(matching::UnmatchedReasonName(u.reason)),
                         engine->ExplainUnmatched(u)});
  }
  std::sort(unmatched.begin(), unmatched.end(),
            [](const auto& x, const auto& y) { return x.mentee < y.mentee; });
  ASSERT_GT(pairs.size(), 20u);     // every slice explains pairs
  ASSERT_FALSE(unmatched.empty());  // 14 mentors of 2 mentees each for 63 mentees

  PairQuery all;
  all.limit = 500;
  auto stored = service_.ListPairs(coordinator_, program_, done.id, all);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->items, pairs);
  auto stored_unmatched = service_.ListUnmatched(coordinator_, program_, done.id);
  ASSERT_TRUE(stored_unmatched.ok()) << stored_unmatched.status().ToString();
  std::sort(stored_unmatched->begin(), stored_unmatched->end(),
            [](const auto& x, const auto& y) { return x.mentee < y.mentee; });
  EXPECT_EQ(*stored_unmatched, unmatched);
  EXPECT_EQ(done.summary.matched, static_cast<int>(pairs.size()));
  EXPECT_EQ(done.summary.total_score, result->total_score);
  EXPECT_EQ(done.summary.optimal, result->optimal);
  EXPECT_EQ(done.summary.greedy_total, result->greedy_total_score);
}

}  // namespace
}  // namespace pairwise::domain
