#include "domain/demo/demo_credentials.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "domain/credentials/credential_service.h"

namespace pairwise::domain {

namespace {

// A small, valid one-page PDF for the demo's evidence files.
constexpr std::string_view kDemoPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

Actor PersonActor(const std::string& employee_id, std::vector<Role> roles = {}) {
  Actor a;
  a.employee_id = employee_id;
  a.roles = std::move(roles);
  a.remote_address = "demo";
  return a;
}

std::chrono::microseconds Days(int days) { return std::chrono::hours(24 * days); }

}  // namespace

Result<DemoCredentialSummary> LoadDemoCredentials(CredentialRepository& repository,
                                                  PeopleService& people, AuditLog& audit,
                                                  const std::string& admin,
                                                  const std::string& coordinator,
                                                  const std::vector<std::string>& logins,
                                                  TimePoint now) {
  DemoCredentialSummary summary;
  if (admin.empty() || coordinator.empty()) return summary;
  auto existing = repository.ListCandidates(std::nullopt);
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return summary;

  // Deterministic picks from the first page of the directory: senior people hold founding
  // credentials, people at levels 2-5 form the cohort. Nobody with a demo login.
  PeoplePageRequest page;
  page.limit = kMaxPeoplePageSize;
  auto listed = people.ListPeople(page);
  if (!listed.ok()) return listed.status();
  const std::set<std::string> skip(logins.begin(), logins.end());
  std::vector<Person> seniors, juniors;
  for (const Person& p : *listed) {
    if (p.status != EmploymentStatus::kActive || skip.contains(p.employee_id)) continue;
    if (p.level >= 6 && seniors.size() < 6) seniors.push_back(p);
  }
  // Nobody above a candidate in the management chain signs off their steps: a candidate joins
  // the cohort when at least two seniors are outside their chain (in a small directory the
  // seniors are above most people).
  std::map<std::string, std::vector<const Person*>> signers_of;
  for (const Person& p : *listed) {
    if (juniors.size() >= 9) break;
    if (p.status != EmploymentStatus::kActive || skip.contains(p.employee_id)) continue;
    if (p.level < 2 || p.level > 5) continue;
    auto chain = people.ManagementChain(p.employee_id);
    if (!chain.ok()) return chain.status();
    const std::set<std::string> above(chain->begin(), chain->end());
    std::vector<const Person*> outside;
    for (const Person& s : seniors) {
      if (!above.contains(s.employee_id)) outside.push_back(&s);
    }
    if (outside.size() < 2) continue;
    juniors.push_back(p);
    signers_of[p.employee_id] = std::move(outside);
  }
  if (seniors.size() < 3 || juniors.size() < 9) return summary;

  // Older steps happened earlier: each write goes through a service on a clock set to its day.
  FakeClock founded(now - Days(120));
  CredentialService founding(repository, people, audit, founded);
  const Actor admin_actor = PersonActor(admin, {Role::kAdmin});
  const Actor reviewer = PersonActor(coordinator);
  PAIRWISE_RETURN_IF_ERROR(founding.AppointReviewer(admin_actor, coordinator));
  for (const Person& s : seniors) {
    auto granted = founding.GrantFounding(admin_actor, s.employee_id,
                                          "Founding mentor: led the mentoring pilot.");
    if (!granted.ok()) return granted.status();
    ++summary.credentialed;
  }
  // A signer outside the candidate's management chain, alternating so each candidate has two.
  auto signer = [&](const Person& candidate, std::size_t turn) -> const Person& {
    const std::vector<const Person*>& outside = signers_of.at(candidate.employee_id);
    return *outside[turn % outside.size()];
  };
  std::map<std::string, int> passing;
  for (const Competency& c : DefaultFramework().competencies) passing[c.code] = 3;

  // Candidate i reaches stage i: 0 applied, 1 selected (stuck), 2 half the training, 3 trained,
  // 4-6 after steps 4-6, 7 credentialed, 8 declined.
  for (std::size_t i = 0; i < juniors.size(); ++i) {
    const Person& c = juniors[i];
    const Actor me = PersonActor(c.employee_id);
    // Each candidate's story starts on its own day, 60 days ago and later.
    FakeClock clock(now - Days(60 - 3 * static_cast<int>(i)));
    CredentialService service(repository, people, audit, clock);
    auto applied = service.Apply(me,
                                 "I want to help newer colleagues find their feet, as "
                                 "someone once did for me.",
                                 "Eight years in the team; I onboarded four people last year.");
    if (!applied.ok()) return applied.status();
    ++summary.candidates;
    const CandidateId id = applied->candidate.id;
    // Evidence files: a CV with the application, a session plan for the observation.
    PAIRWISE_RETURN_IF_ERROR(
        service
            .AttachFile(me, id, kStepApplication, "Mentoring experience.pdf", std::string(kDemoPdf))
            .status());
    if (i == 0) continue;
    clock.Advance(Days(3));
    if (i == 8) {
      PAIRWISE_RETURN_IF_ERROR(
          service.Decide(reviewer, id, false, "", "Apply again after your first year as a lead.")
              .status());
      continue;
    }
    PAIRWISE_RETURN_IF_ERROR(service.Decide(reviewer, id, true, "Autumn 2026", "").status());
    if (i == 1) continue;  // stuck since selection, about four months ago
    const auto& topics = DefaultFramework().topics;
    const std::size_t modules = i == 2 ? 2 : topics.size();
    for (std::size_t t = 0; t < modules; ++t) {
      clock.Advance(Days(2));
      // Every module of the default framework ends with its quiz. Some candidates pass the
      // first module's quiz only at the second try, so attempts show as reviewers see them.
      std::vector<QuizAnswer> right = RightAnswers(*topics[t].quiz);
      if (t == 0 && i % 2 == 0) {
        std::vector<QuizAnswer> wrong = right;
        for (std::size_t q = 0; q < wrong.size(); ++q) {
          const QuizQuestion& question = topics[t].quiz->questions[q];
          for (const QuizOption& o : question.options) {
            if (std::find(question.correct.begin(), question.correct.end(), o.id) ==
                question.correct.end()) {
              wrong[q].options = {o.id};
              break;
            }
          }
        }
        PAIRWISE_RETURN_IF_ERROR(service.TakeQuiz(me, id, topics[t].code, wrong).status());
        clock.Advance(std::chrono::hours(3));
      }
      PAIRWISE_RETURN_IF_ERROR(service.TakeQuiz(me, id, topics[t].code, right).status());
    }
    if (i == 3) {
      PAIRWISE_RETURN_IF_ERROR(
          service.AttachFile(me, id, kStepObservation, "Session plan.pdf", std::string(kDemoPdf))
              .status());
    }
    if (i <= 3) continue;
    const char* evidence[] = {
        "Watched a one-hour session on career goals; the checklist is complete and the "
        "candidate's notes on how trust was built were sharp.",
        "We planned and ran a session together on giving feedback; the candidate led the second "
        "half confidently.",
        "Observed an independent session: clear agenda, good questions, agreed next steps."};
    for (int step = kStepObservation; step <= std::min<int>(kStepIndependent, static_cast<int>(i));
         ++step) {
      clock.Advance(Days(3));
      SignOffInput input{step, evidence[step - kStepObservation],
                         step == kStepIndependent ? passing : std::map<std::string, int>{}};
      const Person& by = signer(c, i + static_cast<std::size_t>(step));
      PAIRWISE_RETURN_IF_ERROR(
          service.SignOffStep(PersonActor(by.employee_id), id, input).status());
    }
    if (i == 7) {
      clock.Advance(Days(2));
      PAIRWISE_RETURN_IF_ERROR(service.Issue(reviewer, id, std::nullopt).status());
      ++summary.credentialed;
    }
  }
  return summary;
}

}  // namespace pairwise::domain
