#include "domain/demo/demo_surveys.h"

#include <array>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "common/crypto.h"
#include "domain/demo/random.h"
#include "domain/proposals/proposal_figures.h"

namespace pairwise::domain {
namespace {

constexpr std::array<const char*, 8> kThoughts = {
    "More structure in the first meetings would help.",
    "Having a mentor outside my department opened my eyes.",
    "We sometimes struggle to find time; a fixed slot works best.",
    "The goal setting at the start was really useful.",
    "I would like to meet other pairs of the program now and then.",
    "Clear expectations from the start made it easy.",
    "I learnt as much as my mentee did.",
    "A short guide on how to run a meeting would be welcome.",
};

}  // namespace

Result<DemoSurveySummary> LoadDemoSurveys(SurveyService& service, SurveyRepository& repository,
                                          const std::string& coordinator, ProgramId program,
                                          TimePoint now) {
  DemoSurveySummary summary;
  auto existing = repository.List(program);
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return summary;
  Actor actor;
  actor.employee_id = coordinator;
  actor.roles = {Role::kCoordinator};
  auto targets = repository.Targets(program);
  if (!targets.ok()) return targets.status();
  auto held = repository.HeldMeetings(program, TimePoint{});
  if (!held.ok()) return held.status();
  std::map<int64_t, std::vector<HeldMeeting>> held_by_relationship;
  for (const HeldMeeting& m : *held) held_by_relationship[m.relationship.value].push_back(m);
  demo::Random random(23);
  // Gathered, then written in two calls (thousands of invitations): the answers refer to their
  // invitation by its place in `invites`, and a key seen before is not invited again, as Invite
  // one by one would refuse it (the program had no surveys, so nothing else is).
  std::vector<SurveyInvite> invites;
  std::vector<std::pair<std::size_t, SurveyAnswerSheet>> answered;
  std::set<std::tuple<int64_t, int64_t, std::string, int>> keys;
  for (const SurveyFields& fields : DefaultSurveys()) {
    auto survey = service.Create(actor, program, fields);
    if (!survey.ok()) return survey.status();
    ++summary.surveys;
    for (const SurveyTarget& t : *targets) {
      // The moments the tick would have found it due, up to now: the first one, or one for each
      // logged meeting.
      std::vector<SurveyDue> dues;
      if (survey->schedule.anchor == SurveyAnchor::kAfterMeeting) {
        for (const HeldMeeting& m : held_by_relationship[t.relationship.value]) {
          const TimePoint at = m.logged_at + std::chrono::days(survey->schedule.days);
          if (at > now) continue;
          if (auto due = DueAfterMeeting(*survey, t, m, at)) dues.push_back(*due);
        }
      } else {
        std::optional<SurveyDue> due;
        for (TimePoint at = t.started_at; at <= now && !due; at += std::chrono::days(1)) {
          due = DueAt(*survey, t, at);
        }
        if (due) dues.push_back(*due);
      }
      for (const SurveyDue& due_at : dues) {
        const SurveyDue* due = &due_at;
        SurveyInvitation invitation;
        invitation.survey = survey->id;
        invitation.relationship = t.relationship;
        invitation.employee_id = t.employee_id;
        invitation.side = t.side;
        invitation.department = t.department;
        invitation.site = t.site;
        invitation.level_band = LevelBand(t.level);
        invitation.round = due->round;
        invitation.sent_at = due->at;
        invitation.closes_at = due->at + std::chrono::days(survey->schedule.open_days);
        const std::string token = crypto::RandomToken();
        MailMessage mail{t.email, survey->title,
                         "Hello " + t.name +
                             ",\n\nWe would like to hear how your "
                             "mentoring is going:\n" +
                             service.LinkFor(token) + "\n",
                         "survey"};
        if (!keys.emplace(invitation.survey.value, invitation.relationship.value,
                          invitation.employee_id, invitation.round)
                 .second) {
          continue;
        }
        invites.push_back({invitation, crypto::Sha256Hex(token), mail});
        ++summary.invitations;
        if (random.Below(10) >= 7) continue;  // about three in ten do not answer
        Answers answers;
        for (const Question& q : survey->questions) {
          switch (q.type) {
            case QuestionType::kNps:
              answers[q.id] = {
                  std::to_string(std::min<uint64_t>(10, 5 + random.Below(6) + random.Below(2)))};
              break;
            case QuestionType::kScale:
              answers[q.id] = {std::to_string(2 + random.Below(4))};
              break;
            case QuestionType::kSingleChoice:
              answers[q.id] = {
                  q.options[random.Below(10) < 7 ? 0 : 1 + random.Below(q.options.size() - 1)]};
              break;
            case QuestionType::kMultipleChoice:
              answers[q.id] = {q.options[random.Below(q.options.size())]};
              break;
            case QuestionType::kMatrix:
              for (std::size_t i = 0; i < q.options.size(); ++i) {
                answers[q.id].push_back(std::to_string(3 + random.Below(3)));
              }
              break;
            case QuestionType::kLongText:
              if (random.Below(3) == 0) answers[q.id] = {kThoughts[random.Below(kThoughts.size())]};
              break;
            default:
              break;
          }
        }
        SurveyAnswerSheet sheet;
        sheet.response = {survey->id, survey->version,       t.side, t.department,
                          t.site,     invitation.level_band, answers};
        // The invitation's id once stored (below), for a confidential survey's sheet.
        if (survey->privacy == SurveyPrivacy::kConfidential) sheet.invitation = 0;
        answered.emplace_back(invites.size() - 1, std::move(sheet));
        ++summary.answers;
      }
    }
  }
  auto ids = repository.InviteAll(invites);
  if (!ids.ok()) return ids.status();
  std::vector<std::pair<int64_t, SurveyAnswerSheet>> answers;
  answers.reserve(answered.size());
  for (auto& [index, sheet] : answered) {
    const int64_t id = (*ids)[index];
    if (id == 0) return Status::Internal("a demo survey invitation was not stored");
    if (sheet.invitation) sheet.invitation = id;
    answers.emplace_back(id, std::move(sheet));
  }
  if (Status s = repository.AnswerAll(answers); !s.ok()) return s;
  return summary;
}

}  // namespace pairwise::domain
