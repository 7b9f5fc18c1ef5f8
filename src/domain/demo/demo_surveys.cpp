#include "domain/demo/demo_surveys.h"

#include <array>

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

Question Nps(std::string label) {
  return {"recommend",
          QuestionType::kNps,
          std::move(label),
          "0 is not at all likely, 10 is extremely likely.",
          true,
          {}};
}

}  // namespace

std::vector<SurveyFields> DefaultSurveys() {
  SurveyFields start;
  start.title = "Getting started";
  start.intro = "Two weeks in: how did your mentoring relationship begin?";
  start.kind = SurveyKind::kStart;
  start.privacy = SurveyPrivacy::kAnonymous;
  start.schedule = {SurveyAnchor::kAfterStart, 14, 14, 5};
  start.questions = {{"first_meeting",
                      QuestionType::kSingleChoice,
                      "Have you had your first meeting?",
                      "",
                      true,
                      {"Yes", "It is planned", "Not yet"}},
                     {"clarity",
                      QuestionType::kScale,
                      "How clear are your goals for this relationship?",
                      "1 is not clear at all, 5 is very clear.",
                      true,
                      {}},
                     {"help",
                      QuestionType::kLongText,
                      "What would help you get off to a good start?",
                      "",
                      false,
                      {}}};
  SurveyFields mid;
  mid.title = "Halfway check-in";
  mid.intro = "You are halfway through. Tell us how it is going, so we can help where needed.";
  mid.kind = SurveyKind::kMidpoint;
  mid.privacy = SurveyPrivacy::kAnonymous;
  mid.schedule = {SurveyAnchor::kHalfway, 0, 14, 5};
  mid.questions = {Nps("How likely are you to recommend this program to a colleague?"),
                   {"relationship",
                    QuestionType::kMatrix,
                    "How much do you agree?",
                    "1 is not at all, 5 is completely.",
                    false,
                    {"We meet as often as we agreed", "Our meetings are worth the time",
                     "I am making progress on my goals"}},
                   {"better",
                    QuestionType::kLongText,
                    "What would make the second half better?",
                    "",
                    false,
                    {}}};
  SurveyFields end;
  end.title = "Looking back";
  end.intro = "Your relationship ends soon. What did it give you?";
  end.kind = SurveyKind::kEnd;
  end.privacy = SurveyPrivacy::kConfidential;
  end.schedule = {SurveyAnchor::kBeforeEnd, 14, 21, 7};
  end.questions = {
      Nps("How likely are you to recommend this program to a colleague?"),
      {"outcomes",
       QuestionType::kMultipleChoice,
       "What did you gain?",
       "",
       false,
       {"New skills", "Confidence", "A wider network", "A clearer career path", "Fresh ideas"}},
      {"goals",
       QuestionType::kScale,
       "How far did you reach your goals?",
       "1 is not at all, 5 is fully.",
       true,
       {}}};
  return {start, mid, end};
}

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
  demo::Random random(23);
  for (const SurveyFields& fields : DefaultSurveys()) {
    auto survey = service.Create(actor, program, fields);
    if (!survey.ok()) return survey.status();
    ++summary.surveys;
    for (const SurveyTarget& t : *targets) {
      // The first moment the tick would have found it due, up to now.
      std::optional<SurveyDue> due;
      for (TimePoint at = t.started_at; at <= now && !due; at += std::chrono::days(1)) {
        due = DueAt(*survey, t, at);
      }
      if (!due) continue;
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
      auto invited = repository.Invite(invitation, crypto::Sha256Hex(token), mail);
      if (!invited.ok()) return invited.status();
      if (!*invited) continue;
      ++summary.invitations;
      if (random.Below(10) >= 7) continue;  // about three in ten do not answer
      auto stored = repository.FindInvitationByToken(crypto::Sha256Hex(token));
      if (!stored.ok()) return stored.status();
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
      if (survey->privacy == SurveyPrivacy::kConfidential) sheet.invitation = (*stored)->id;
      if (Status s = repository.Answer((*stored)->id, sheet); !s.ok()) return s;
      ++summary.answers;
    }
  }
  return summary;
}

}  // namespace pairwise::domain
