#include "domain/surveys/survey_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/crypto.h"
#include "domain/access/access_policy.h"
#include "domain/proposals/proposal_figures.h"
#include "domain/surveys/survey_defaults.h"

namespace pairwise::domain {
namespace {

std::string Plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string DayWords(TimePoint at) {
  return FormatDate(Date(std::chrono::floor<std::chrono::days>(at)));
}

}  // namespace

std::string SurveyService::LinkFor(const std::string& token) const {
  // The path's "survey-links" segment is what the access log redacts (RedactTargetForLog).
  return base_url_ + "/survey-links/" + token;
}

Result<Program> SurveyService::Coordinated(const Actor& actor, ProgramId id) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor)) {
    return Status::NotFound("no program " + std::to_string(id.value));
  }
  if (!IsProgramCoordinator(*program, actor)) {
    return Status::Forbidden("only the program's coordinators see its surveys");
  }
  return program;
}

Result<Survey> SurveyService::CoordinatedSurvey(const Actor& actor, SurveyId id) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto survey = repository_.Find(id);
  if (!survey.ok()) return survey.status();
  if (!*survey) return Status::NotFound("no survey " + std::to_string(id.value));
  auto program = Coordinated(actor, (*survey)->program);
  if (!program.ok()) {
    // Not even whether the survey exists for those who may not see the program.
    if (program.status().code() == ErrorCode::kNotFound) {
      return Status::NotFound("no survey " + std::to_string(id.value));
    }
    return program.status();
  }
  return **survey;
}

Result<std::vector<Survey>> SurveyService::List(const Actor& actor, ProgramId program) {
  if (auto p = Coordinated(actor, program); !p.ok()) return p.status();
  return repository_.List(program);
}

Result<std::vector<SurveyFields>> SurveyService::Defaults(const Actor& actor, ProgramId program) {
  if (auto p = Coordinated(actor, program); !p.ok()) return p.status();
  return DefaultSurveys();
}

Result<Survey> SurveyService::Create(const Actor& actor, ProgramId program,
                                     const SurveyFields& fields) {
  if (auto p = Coordinated(actor, program); !p.ok()) return p.status();
  if (Status s = CheckSurveyFields(fields); !s.ok()) return s;
  Survey survey;
  static_cast<SurveyFields&>(survey) = fields;
  survey.program = program;
  survey.created_at = clock_.Now();
  return repository_.Create(survey);
}

Result<Survey> SurveyService::Get(const Actor& actor, SurveyId id) {
  return CoordinatedSurvey(actor, id);
}

Result<Survey> SurveyService::Update(const Actor& actor, SurveyId id, const SurveyFields& fields) {
  auto survey = CoordinatedSurvey(actor, id);
  if (!survey.ok()) return survey.status();
  if (Status s = CheckSurveyFields(fields); !s.ok()) return s;
  if (fields.privacy != survey->privacy) {
    // Answers given under one promise are never reported under another.
    auto responses = repository_.Responses(id);
    if (!responses.ok()) return responses.status();
    if (!responses->empty()) {
      return Status::Conflict("a survey with answers keeps its privacy", "privacy")
          .WithReason("has_answers");
    }
  }
  Survey updated = *survey;
  static_cast<SurveyFields&>(updated) = fields;
  return repository_.Update(updated);
}

Result<SurveyResults> ReadSurveyResults(SurveyRepository& repository, const Survey& survey,
                                        const SurveyResultsQuery& query, int invited) {
  if (query.group && IsResultDimension(query.by)) {
    // One group: its sheets, and only counts of the others (a department of 20,000 answers
    // reads and parses a twelfth of them).
    auto group = repository.GroupSheets(survey.id, query.by, *query.group);
    if (!group.ok()) return group.status();
    return SummarizeTallied(survey.questions, std::move(group->tallies), group->sheets,
                            survey.min_group, invited, query);
  }
  auto responses = repository.Responses(survey.id);
  if (!responses.ok()) return responses.status();
  return SummarizeSurvey(survey.questions, *responses, survey.min_group, invited, query);
}

Result<SurveyResults> SurveyService::Results(const Actor& actor, SurveyId id,
                                             const SurveyResultsQuery& query) {
  auto survey = CoordinatedSurvey(actor, id);
  if (!survey.ok()) return survey.status();
  auto invited = repository_.CountInvitations(id, {});
  if (!invited.ok()) return invited.status();
  return ReadSurveyResults(repository_, *survey, query, *invited);
}

Result<SurveyToAnswer> SurveyService::View(const SurveyInvitation& invitation,
                                           bool with_own_answers) {
  auto survey = repository_.Find(invitation.survey);
  if (!survey.ok()) return survey.status();
  if (!*survey) return Status::NotFound("no such survey");
  auto program = programs_.FindProgram((*survey)->program);
  if (!program.ok()) return program.status();
  SurveyToAnswer out;
  out.invitation = invitation.id;
  out.survey = invitation.survey;
  out.title = (*survey)->title;
  out.intro = (*survey)->intro;
  out.program_name = program->name;
  out.kind = (*survey)->kind;
  out.privacy = (*survey)->privacy;
  out.side = invitation.side;
  out.questions = (*survey)->questions;
  out.closes_at = invitation.closes_at;
  out.answered = invitation.answered;
  out.closed = clock_.Now() >= invitation.closes_at;
  if (with_own_answers && invitation.answered &&
      (*survey)->privacy == SurveyPrivacy::kConfidential) {
    auto own = repository_.ResponseOf(invitation.id);
    if (!own.ok()) return own.status();
    if (*own) out.own_answers = (*own)->answers;
  }
  return out;
}

Status SurveyService::Submit(const SurveyInvitation& invitation, const SentAnswers& sent) {
  if (invitation.answered) {
    return Status::Conflict("this survey has been answered already").WithReason("already_answered");
  }
  if (clock_.Now() >= invitation.closes_at) {
    return Status::Conflict("this survey closed on " + DayWords(invitation.closes_at))
        .WithReason("closed");
  }
  auto survey = repository_.Find(invitation.survey);
  if (!survey.ok()) return survey.status();
  if (!*survey) return Status::NotFound("no such survey");
  auto answers = AnswersFromSent((*survey)->questions, sent);
  if (!answers.ok()) return answers.status();
  if (Status s = CheckAnswers((*survey)->questions, *answers, {}, 0); !s.ok()) return s;
  SurveyAnswerSheet sheet;
  sheet.response = {
      invitation.survey, (*survey)->version,    invitation.side, invitation.department,
      invitation.site,   invitation.level_band, *answers};
  // An anonymous survey's sheet carries nothing that leads back to the invitation.
  if ((*survey)->privacy == SurveyPrivacy::kConfidential) sheet.invitation = invitation.id;
  return repository_.Answer(invitation.id, sheet);
}

Result<std::vector<SurveyToAnswer>> SurveyService::Mine(const Actor& actor) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto invitations = repository_.InvitationsOf(actor.employee_id);
  if (!invitations.ok()) return invitations.status();
  std::vector<SurveyToAnswer> out;
  for (const SurveyInvitation& i : *invitations) {
    auto view = View(i, /*with_own_answers=*/false);
    if (!view.ok()) return view.status();
    out.push_back(std::move(view).value());
  }
  return out;
}

Result<SurveyToAnswer> SurveyService::MineOne(const Actor& actor, int64_t invitation) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto found = repository_.FindInvitation(invitation);
  if (!found.ok()) return found.status();
  if (!*found || (*found)->employee_id != actor.employee_id) {
    return Status::NotFound("no survey of yours " + std::to_string(invitation));
  }
  return View(**found, /*with_own_answers=*/true);
}

Status SurveyService::AnswerMine(const Actor& actor, int64_t invitation,
                                 const SentAnswers& answers) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto found = repository_.FindInvitation(invitation);
  if (!found.ok()) return found.status();
  if (!*found || (*found)->employee_id != actor.employee_id) {
    return Status::NotFound("no survey of yours " + std::to_string(invitation));
  }
  return Submit(**found, answers);
}

Result<SurveyToAnswer> SurveyService::ByLink(const std::string& token) {
  auto found = repository_.FindInvitationByToken(crypto::Sha256Hex(token));
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("this survey link is not known");
  return View(**found, /*with_own_answers=*/false);
}

Status SurveyService::AnswerByLink(const std::string& token, const SentAnswers& answers) {
  auto found = repository_.FindInvitationByToken(crypto::Sha256Hex(token));
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("this survey link is not known");
  return Submit(**found, answers);
}

Result<std::string> SurveyService::RunTickStep(TimePoint now) {
  auto surveys = repository_.ListActive();
  if (!surveys.ok()) return surveys.status();
  int sent = 0, reminded = 0;
  std::map<int64_t, std::vector<SurveyTarget>> targets;  // by program
  std::map<int64_t, std::string> program_names;
  for (const Survey& survey : *surveys) {
    auto it = targets.find(survey.program.value);
    if (it == targets.end()) {
      auto loaded = repository_.Targets(survey.program);
      if (!loaded.ok()) return loaded.status();
      it = targets.emplace(survey.program.value, std::move(loaded).value()).first;
      auto program = programs_.FindProgram(survey.program);
      if (!program.ok()) return program.status();
      program_names[survey.program.value] = program->name;
    }
    auto invitations = repository_.ListInvitations(survey.id);
    if (!invitations.ok()) return invitations.status();
    std::set<std::tuple<int64_t, std::string, int>> invited;
    for (const SurveyInvitation& i : *invitations) {
      invited.emplace(i.relationship.value, i.employee_id, i.round);
    }
    const std::string& program_name = program_names[survey.program.value];
    // Who it is due for now: once per relationship moment, or once per logged meeting.
    std::vector<std::pair<const SurveyTarget*, SurveyDue>> due_now;
    if (survey.schedule.anchor == SurveyAnchor::kAfterMeeting) {
      auto held = repository_.HeldMeetings(
          survey.program,
          now - std::chrono::days(survey.schedule.days + survey.schedule.open_days));
      if (!held.ok()) return held.status();
      std::map<int64_t, std::vector<HeldMeeting>> by_relationship;
      for (const HeldMeeting& m : *held) by_relationship[m.relationship.value].push_back(m);
      for (const SurveyTarget& t : it->second) {
        auto meetings = by_relationship.find(t.relationship.value);
        if (meetings == by_relationship.end()) continue;
        for (const HeldMeeting& m : meetings->second) {
          if (auto due = DueAfterMeeting(survey, t, m, now)) due_now.emplace_back(&t, *due);
        }
      }
    } else {
      for (const SurveyTarget& t : it->second) {
        if (auto due = DueAt(survey, t, now)) due_now.emplace_back(&t, *due);
      }
    }
    for (const auto& entry : due_now) {
      const SurveyTarget& t = *entry.first;
      const SurveyDue* due = &entry.second;
      if (invited.contains({t.relationship.value, t.employee_id, due->round})) continue;
      SurveyInvitation invitation;
      invitation.survey = survey.id;
      invitation.relationship = t.relationship;
      invitation.employee_id = t.employee_id;
      invitation.side = t.side;
      invitation.department = t.department;
      invitation.site = t.site;
      invitation.level_band = LevelBand(t.level);
      invitation.round = due->round;
      invitation.sent_at = now;
      invitation.closes_at = due->at + std::chrono::days(survey.schedule.open_days);
      const std::string token = crypto::RandomToken();
      MailMessage mail;
      mail.to = t.email;
      mail.subject = survey.title + " — " + program_name;
      mail.text = "Hello " + t.name + ",\n\n" +
                  (survey.intro.empty() ? "" : survey.intro + "\n\n") +
                  (survey.schedule.anchor == SurveyAnchor::kAfterMeeting
                       ? "We would like to hear how your last mentoring meeting in " +
                             program_name + " went. It takes a minute"
                       : "We would like to hear how your mentoring in " + program_name +
                             " is going. It takes a few minutes") +
                  (survey.privacy == SurveyPrivacy::kAnonymous
                       ? ", and your answers are anonymous: they are never stored with your name."
                       : "; your answers are confidential and reported only in summaries of at "
                         "least " +
                             std::to_string(survey.min_group) + " people.") +
                  "\n\nAnswer here (this link is yours alone and works once, until " +
                  DayWords(invitation.closes_at) + "):\n" + LinkFor(token) + "\n";
      mail.kind = "survey";
      auto done = repository_.Invite(invitation, crypto::Sha256Hex(token), mail);
      if (!done.ok()) return done.status();
      sent += *done ? 1 : 0;
    }
    // One reminder, with a fresh link (the first still works), for the unanswered ones.
    for (const SurveyInvitation& i : *invitations) {
      if (i.answered || i.reminded_at || now >= i.closes_at ||
          now < i.sent_at + std::chrono::days(survey.schedule.reminder_days)) {
        continue;
      }
      auto target = std::find_if(it->second.begin(), it->second.end(), [&](const SurveyTarget& t) {
        return t.relationship == i.relationship && t.employee_id == i.employee_id;
      });
      if (target == it->second.end()) continue;  // no longer in the directory
      if (target->reminders_off) continue;       // the survey itself still went; its reminder not
      const std::string token = crypto::RandomToken();
      MailMessage mail;
      mail.to = target->email;
      mail.subject = "Reminder: " + survey.title + " — " + program_name;
      mail.text = "Hello " + target->name + ",\n\nA reminder: your survey about " + program_name +
                  " closes on " + DayWords(i.closes_at) + ". It takes a few minutes:\n" +
                  LinkFor(token) + ReminderFooter(base_url_);
      // Marked as the other reminders are: the sender adds List-Unsubscribe for the person.
      mail.kind = "survey_reminder";
      mail.reminder_for = i.employee_id;
      auto done = repository_.Remind(i.id, crypto::Sha256Hex(token), mail, now);
      if (!done.ok()) return done.status();
      reminded += *done ? 1 : 0;
    }
  }
  if (sent == 0 && reminded == 0) return std::string();
  return "sent " + Plural(sent, "survey", "surveys") + " and " +
         Plural(reminded, "survey reminder", "survey reminders");
}

}  // namespace pairwise::domain
