// Surveys (issue 23): the coordinator's builder, schedule and results; the respondent's surveys
// due and answering them, signed in or through the one-time link of the mail; and the tick's
// step that sends due surveys and their one reminder through the mail outbox.
//
// Access: a program's surveys and their results are its coordinators' and the admins'
// (IsProgramCoordinator); results are aggregates only, with small groups suppressed
// (SummarizeSurvey). Managers and participants see none. A person sees and answers only their
// own invitations; a link answers only its own invitation, without a session, once, until its
// closing date. API tokens: Forbidden.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/health/tick_step.h"
#include "domain/programs/program_reader.h"
#include "domain/surveys/survey_repository.h"

namespace pairwise::domain {

// A survey as its respondent answers it.
struct SurveyToAnswer {
  int64_t invitation = 0;
  SurveyId survey;
  std::string title, intro, program_name;
  SurveyKind kind = SurveyKind::kMidpoint;
  SurveyPrivacy privacy = SurveyPrivacy::kAnonymous;
  Side side = Side::kMentee;
  std::vector<Question> questions;
  TimePoint closes_at{};
  bool answered = false;
  bool closed = false;
  std::optional<Answers> own_answers;  // confidential surveys, once answered, signed in only
};

// The results of `survey` (its current questions and minimum group) under `query`, read from
// `repository`: for one group that group's sheets and the other groups' tallies only
// (GroupSheets), otherwise every sheet; `invited` as SummarizeSurvey's. Checks no access: the
// caller has. Errors: the repository's and SummarizeSurvey's.
Result<SurveyResults> ReadSurveyResults(SurveyRepository& repository, const Survey& survey,
                                        const SurveyResultsQuery& query, int invited);

class SurveyService : public TickStep {
 public:
  // All must outlive the service. `base_url` starts the links in mails.
  SurveyService(SurveyRepository& repository, ProgramReader& programs, const Clock& clock,
                std::string base_url)
      : repository_(repository),
        programs_(programs),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  // Coordinators of the program and admins. NotFound for a program the actor may not see.
  Result<std::vector<Survey>> List(const Actor& actor, ProgramId program);
  // The surveys a new one starts from (DefaultSurveys); same access as List.
  Result<std::vector<SurveyFields>> Defaults(const Actor& actor, ProgramId program);
  Result<Survey> Create(const Actor& actor, ProgramId program, const SurveyFields& fields);
  Result<Survey> Get(const Actor& actor, SurveyId id);
  // The privacy of a survey that has answers does not change (Conflict "has_answers").
  Result<Survey> Update(const Actor& actor, SurveyId id, const SurveyFields& fields);
  Result<SurveyResults> Results(const Actor& actor, SurveyId id, const SurveyResultsQuery& query);

  // The actor's invitations, newest first (open and answered).
  Result<std::vector<SurveyToAnswer>> Mine(const Actor& actor);
  // NotFound for an invitation that is not the actor's.
  Result<SurveyToAnswer> MineOne(const Actor& actor, int64_t invitation);
  Status AnswerMine(const Actor& actor, int64_t invitation, const SentAnswers& answers);

  // Through the mail's link, without a session. NotFound for an unknown token; the survey's
  // `answered`/`closed` say whether it can still be answered.
  Result<SurveyToAnswer> ByLink(const std::string& token);
  // Conflict "already_answered" the second time, "closed" after the closing date.
  Status AnswerByLink(const std::string& token, const SentAnswers& answers);

  // TickStep: sends the surveys due at `now` and the reminders due, each once.
  Result<std::string> RunTickStep(TimePoint now) override;

  // The link a mail carries for `token`.
  std::string LinkFor(const std::string& token) const;

 private:
  Result<Program> Coordinated(const Actor& actor, ProgramId id);
  Result<Survey> CoordinatedSurvey(const Actor& actor, SurveyId id);
  Result<SurveyToAnswer> View(const SurveyInvitation& invitation, bool with_own_answers);
  Status Submit(const SurveyInvitation& invitation, const SentAnswers& sent);

  SurveyRepository& repository_;
  ProgramReader& programs_;
  const Clock& clock_;
  std::string base_url_;
};

}  // namespace pairwise::domain
