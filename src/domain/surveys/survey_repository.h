// Where surveys, their invitations (one-time links) and their answers are kept. Implemented in
// storage (SOCI, migrations 37 and 38) and as an in-memory fake for tests; every method is
// thread-safe. Tokens are never stored: only their Sha256Hex.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "domain/mail/mail_queue.h"
#include "domain/surveys/survey.h"
#include "domain/surveys/survey_results.h"

namespace pairwise::domain {

// One person's invitation to one survey for one relationship (and pulse round).
struct SurveyInvitation {
  int64_t id = 0;
  SurveyId survey;
  RelationshipId relationship;
  std::string employee_id;
  Side side = Side::kMentee;
  // The person's groups when invited, which their answers carry for results.
  std::string department, site, level_band;
  int round = 0;
  TimePoint sent_at{};
  TimePoint closes_at{};
  std::optional<TimePoint> reminded_at;
  bool answered = false;  // anonymous surveys record no time, so answers cannot be matched up
};

// A confidential survey's answer sheet is linked to the invitation; an anonymous one's is not.
struct SurveyAnswerSheet {
  SurveyResponse response;
  std::optional<int64_t> invitation;  // confidential only
};

// One invitation for SurveyRepository::InviteAll: what Invite takes.
struct SurveyInvite {
  SurveyInvitation invitation;
  std::string token_hash;
  MailMessage mail;
};

// One group's answer sheets with the tallies of every group of its dimension (SummarizeTallied).
struct SurveyGroupSheets {
  std::vector<SurveyGroupTally> tallies;
  std::vector<SurveyResponse> sheets;
};

class SurveyRepository {
 public:
  virtual ~SurveyRepository() = default;

  // Stores a new survey (id, version 1 and its questions). Returns it with its id.
  virtual Result<Survey> Create(const Survey& survey) = 0;
  // Saves the fields; a new version of the questions when they differ from the current ones.
  // NotFound for an unknown id.
  virtual Result<Survey> Update(const Survey& survey) = 0;
  virtual Result<std::optional<Survey>> Find(SurveyId id) = 0;
  virtual Result<std::vector<Survey>> List(ProgramId program) = 0;
  virtual Result<std::vector<Survey>> ListActive() = 0;

  // The participants of the program's relationships that are in force or ended early.
  virtual Result<std::vector<SurveyTarget>> Targets(ProgramId program) = 0;
  // The meetings of the program's relationships logged as held at `logged_since` or later,
  // each with its number among its relationship's held meetings (HeldMeeting).
  virtual Result<std::vector<HeldMeeting>> HeldMeetings(ProgramId program,
                                                        TimePoint logged_since) = 0;
  virtual Result<std::vector<SurveyInvitation>> ListInvitations(SurveyId survey) = 0;
  // Records `invitation` with its token's hash and queues `mail`, in one transaction, unless an
  // invitation for the same (survey, relationship, person, round) exists: false then.
  virtual Result<bool> Invite(const SurveyInvitation& invitation, const std::string& token_hash,
                              const MailMessage& mail) = 0;
  // Records the reminder with the new link's token hash (the first link keeps working) and
  // queues `mail`, once: false when already reminded or answered.
  virtual Result<bool> Remind(int64_t invitation, const std::string& token_hash,
                              const MailMessage& mail, TimePoint at) = 0;
  virtual Result<std::optional<SurveyInvitation>> FindInvitation(int64_t id) = 0;
  virtual Result<std::optional<SurveyInvitation>> FindInvitationByToken(
      const std::string& token_hash) = 0;
  virtual Result<std::vector<SurveyInvitation>> InvitationsOf(const std::string& employee_id) = 0;

  // Marks the invitation answered and stores `sheet` in one transaction. Conflict
  // "already_answered" when it was answered before (single use, also under races).
  virtual Status Answer(int64_t invitation, const SurveyAnswerSheet& sheet) = 0;
  // Invite for each of `invites` in turn, in one transaction and in bulk (the demo's history:
  // thousands of invitations). Returns each one's id, in order, or 0 where Invite would have
  // returned false (an invitation for the same survey, relationship, person and round exists,
  // or came earlier in `invites`). The mails are due at each invitation's sent_at.
  virtual Result<std::vector<int64_t>> InviteAll(const std::vector<SurveyInvite>& invites) = 0;
  // Answer for each (invitation, sheet), in one transaction and in bulk; all or nothing:
  // Conflict "already_answered" when one was answered before or comes twice.
  virtual Status AnswerAll(const std::vector<std::pair<int64_t, SurveyAnswerSheet>>& answers) = 0;
  // Every answer sheet of the survey (any version), in no meaningful order.
  virtual Result<std::vector<SurveyResponse>> Responses(SurveyId survey) = 0;
  // The sheets of `group` under dimension `by` (IsResultDimension) and the tallies of all of the
  // dimension's groups, read together (one snapshot): only that group's answers are read and
  // parsed. Counts answered questions by IsAnswered's rule.
  virtual Result<SurveyGroupSheets> GroupSheets(SurveyId survey, const std::string& by,
                                                const std::string& group) = 0;
  // How many invitations to the survey were sent (every round): all of them, or with
  // `query.group` those of that group under `query.by` (their groups when invited).
  // InvalidArgument "by" for a group under no dimension.
  virtual Result<int> CountInvitations(SurveyId survey, const SurveyResultsQuery& query) = 0;
  // A confidential survey's sheet of the invitation; nullopt for anonymous ones or none.
  virtual Result<std::optional<SurveyResponse>> ResponseOf(int64_t invitation) = 0;
  // The questions of one version.
  virtual Result<std::vector<Question>> Questions(SurveyId survey, int version) = 0;
};

}  // namespace pairwise::domain
