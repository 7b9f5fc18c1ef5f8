// Every mail Pairwise sends speaks plain words (issue 18): no directory codes (department, site,
// skill or language codes, employee ids, "person E000042"), no raw API values ("as mentee",
// "ended_early"), no "NaN". The demo organization is loaded through the services, which queue
// the mails real use would (applications, self-match, meetings, nudges, surveys, ...); the account
// mails and publishing's announcements (the demo publishes its own programs without them) are
// triggered here through the services. Each mail in the outbox is then read for codes; a mail kind
// that appears is a template rendered with demo data.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "app/application.h"
#include "domain/demo/demo_programs.h"

namespace pairwise::app {
namespace {

namespace fs = std::filesystem;

// The codes a mail must not show, from the loaded directory.
struct Codes {
  std::set<std::string> departments, sites, skills;
};

// What in `text` looks like a code, or "" when nothing does.
std::string CodeIn(std::string text, const Codes& codes) {
  // Links carry ids and tokens by design: they are not read as words.
  text = std::regex_replace(text, std::regex(R"(https?://\S+)"), "<link>");
  static const std::vector<std::pair<std::regex, std::string>> kPatterns = {
      {std::regex(R"(\bE\d{3,}\b)"), "an employee id"},
      {std::regex(R"(\bperson [A-Z]\w*\d)"), "\"person <id>\""},
      {std::regex(R"(\b[a-z]+_[a-z_]+\b)"), "a snake_case value"},
      {std::regex(R"(\bas (mentor|mentee)s?\b)"), "a raw side value (\"as mentee\")"},
      {std::regex(R"(\b(side|role|status): ?[a-z_]+)"), "a raw field value"},
      {std::regex(R"(\bspeak [a-z]{2}\b)"), "a language code"},
      {std::regex(R"(\b(NaN|undefined|null)\b)"), "a programming value"},
      {std::regex(R"(pinned by the coordinator|below the level wanted)"),
       "the coordinators' wording"},
  };
  for (const auto& [pattern, what] : kPatterns) {
    std::smatch m;
    if (std::regex_search(text, m, pattern)) return what + ": \"" + m.str() + "\"";
  }
  auto word = [&](const std::string& code) {
    static const std::regex kSpecial(R"([.^$|()\[\]{}*+?\\])");
    const std::string escaped = std::regex_replace(code, kSpecial, R"(\$&)");
    return std::regex("(^|[^A-Za-z0-9_])" + escaped + "($|[^A-Za-z0-9_])");
  };
  for (const auto* set : {&codes.departments, &codes.sites, &codes.skills}) {
    for (const std::string& code : *set) {
      if (std::regex_search(text, word(code))) return "the code \"" + code + "\"";
    }
  }
  return "";
}

domain::Actor CoordinatorOf(const std::vector<domain::DemoLogin>& logins) {
  domain::Actor coordinator;
  coordinator.roles = {domain::Role::kCoordinator};
  for (const domain::DemoLogin& login : logins) {
    if (login.role == "coordinator") coordinator.employee_id = login.employee_id;
  }
  return coordinator;
}

// Runs the demo program's matching to the end, as the worker would; returns the proposal.
domain::Proposal RunToTheEnd(Application& app, const domain::Actor& coordinator,
                             domain::ProgramId program) {
  auto queued = app.matching().StartRun(coordinator, program, std::nullopt);
  EXPECT_TRUE(queued.ok()) << queued.status().ToString();
  if (!queued.ok()) return {};
  for (int i = 0; i < 10; ++i) {
    auto ran = app.matching().RunNextJob("mail-words");
    EXPECT_TRUE(ran.ok()) << ran.status().ToString();
    auto found = app.matching().GetProposal(coordinator, program, queued->id);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    if (!found.ok()) return {};
    if (found->status != domain::ProposalStatus::kQueued) {
      EXPECT_EQ(found->status, domain::ProposalStatus::kDone) << found->error;
      return *found;
    }
  }
  ADD_FAILURE() << "the run was never claimed";
  return {};
}

// Pins a pair of a first run, runs again and publishes that run through the service.
void PublishDemoProgram(Application& app, const domain::Actor& coordinator) {
  auto programs = app.program_repository().ListPrograms();
  ASSERT_TRUE(programs.ok());
  domain::ProgramId program;
  for (const domain::Program& p : *programs) {
    if (p.name == domain::kDemoProgramName) program = p.id;
  }
  ASSERT_TRUE(program.valid());
  const domain::Proposal first = RunToTheEnd(app, coordinator, program);
  auto pairs = app.matching().ListPairs(coordinator, program, first.id, {});
  ASSERT_TRUE(pairs.ok()) << pairs.status().ToString();
  ASSERT_FALSE(pairs->items.empty());
  const domain::ProposalPair pinned = pairs->items.front();
  ASSERT_TRUE(app.matching()
                  .PutConstraint(coordinator, program, pinned.mentee, pinned.mentor,
                                 domain::ConstraintKind::kPin)
                  .ok());
  const domain::Proposal second = RunToTheEnd(app, coordinator, program);
  auto published = app.matching().Publish(coordinator, program, second.id);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  ASSERT_GT(published->mails, 0);
}

TEST(MailWords, EveryMailOfTheDemoSpeaksPlainWords) {
  const fs::path dir =
      fs::temp_directory_path() / ("pairwise-mail-words-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto opened = Application::Open("sqlite:" + (dir / "demo.db").string(), 2);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Application& app = **opened;
  auto loaded = app.LoadDemoIfEmpty(domain::DemoOptions{.people = 300});
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();

  // Account mails: an invitation (one, and in bulk), one sent again, a password reset.
  domain::Actor admin;
  admin.roles = {domain::Role::kAdmin};
  auto logins = app.DemoLogins();
  ASSERT_TRUE(logins.ok());
  for (const domain::DemoLogin& login : *logins) {
    if (login.role == "admin") {
      auto account = app.account_repository().FindAccountByEmployeeId(login.employee_id);
      ASSERT_TRUE(account.ok() && account->has_value());
      admin.account_id = (**account).id;
      admin.employee_id = login.employee_id;
    }
    if (login.role == "participant") {
      ASSERT_TRUE(app.accounts().RequestPasswordReset(login.email, "198.51.100.1").ok());
    }
  }
  auto people = app.people_repository().ListAtOffset(0, 300);
  std::vector<std::string> without_account;
  if (people.ok()) {
    for (const domain::Person& p : *people) {
      if (p.status == domain::EmploymentStatus::kLeft) continue;
      auto account = app.account_repository().FindAccountByEmployeeId(p.employee_id);
      if (account.ok() && !account->has_value()) without_account.push_back(p.employee_id);
      if (without_account.size() == 3) break;
    }
  }
  ASSERT_EQ(without_account.size(), 3u);
  auto one = app.accounts().Invite(admin, without_account[0], {});
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_TRUE(app.accounts().ResendInvitation(admin, one->account.id).ok());
  ASSERT_TRUE(app.accounts().InviteMany(admin, {without_account[1], without_account[2]}, {}).ok());

  // Publishing's announcements (to mentees, mentors and their managers): the demo program is
  // matched with a coordinator's pin (whose explanation says so, in coordinators' words), matched
  // again and published through the service, which queues the mails as it does for the API.
  PublishDemoProgram(app, CoordinatorOf(*logins));

  Codes codes;
  auto departments = app.people_repository().ListDepartments();
  auto sites = app.people_repository().ListSites();
  auto skills = app.people_repository().ListSkills();
  ASSERT_TRUE(departments.ok() && sites.ok() && skills.ok());
  // A code that is its name's plain spelling in lower case ("mentoring" for Mentoring, "go" for
  // Go) reads as an ordinary word, not a code.
  const auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  for (const auto& d : *departments) {
    if (d.code != lower(d.name)) codes.departments.insert(d.code);
  }
  for (const auto& s : *sites) {
    if (s.code != lower(s.name)) codes.sites.insert(s.code);
  }
  for (const auto& s : *skills) {
    if (s.code.size() > 3 && s.code != lower(s.name)) codes.skills.insert(s.code);
  }

  std::map<std::string, int> kinds;
  std::optional<domain::MailId> before;
  domain::Actor reader;
  reader.roles = {domain::Role::kAdmin};
  int read = 0;
  do {
    auto page = app.mail().List(reader, before, 200);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const domain::OutboxMail& mail : page->items) {
      ++kinds[mail.message.kind];
      ++read;
      const std::string found = CodeIn(mail.message.subject + "\n" + mail.message.text, codes);
      EXPECT_EQ(found, "") << "a \"" << mail.message.kind << "\" mail shows " << found << ":\n"
                           << mail.message.subject << "\n"
                           << mail.message.text;
    }
    before = page->next;
  } while (before && read < 20000);
  std::string seen;
  for (const auto& [kind, count] : kinds) seen += kind + " (" + std::to_string(count) + ") ";
  // The account mails and publishing's announcements this test triggers, and the demo's survey
  // invitations, are among those read.
  for (const char* kind :
       {"invitation", "password_reset", "survey", "match_published", "match_published_manager"}) {
    EXPECT_TRUE(kinds.contains(kind)) << kind << " not rendered; seen: " << seen;
  }
  std::cout << "mail kinds read: " << seen << "\n";
  opened->reset();
  fs::remove_all(dir);
}

// The check itself finds what it is for (a test that cannot fail proves nothing).
TEST(MailWords, TheCheckFindsCodes) {
  Codes codes{{"ENG"}, {"NYC"}, {"machine_learning", "kubernetes"}};
  EXPECT_NE(CodeIn("Hello Ada, person E000042 asked", codes), "");
  EXPECT_NE(CodeIn("You applied as mentee.", codes), "");
  EXPECT_NE(CodeIn("They work in ENG.", codes), "");
  EXPECT_NE(CodeIn("Skills: kubernetes", codes), "");
  EXPECT_NE(CodeIn("status: ended_early", codes), "");
  EXPECT_NE(CodeIn("You both speak en and fr.", codes), "");
  EXPECT_NE(CodeIn("Why: pinned by the coordinator", codes), "");
  EXPECT_EQ(CodeIn("Hello Ada,\n\nYou applied as a mentee to Grow in New York. You both speak "
                   "English. Kubernetes is one skill.\nhttps://x.example/redeem/ab_cd?E000042\n",
                   codes),
            "");
}

}  // namespace
}  // namespace pairwise::app
