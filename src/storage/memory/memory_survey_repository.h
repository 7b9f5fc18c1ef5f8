// An in-memory SurveyRepository for domain tests and the contract suite. Relationships are not
// joined here: tests give the targets (SetTargets); queued mail is kept for them to read.
#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "domain/surveys/survey_repository.h"

namespace pairwise::storage {

// Thread-safe: one mutex serializes every call.
class MemorySurveyRepository final : public domain::SurveyRepository {
 public:
  Result<domain::Survey> Create(const domain::Survey& survey) override;
  Result<domain::Survey> Update(const domain::Survey& survey) override;
  Result<std::optional<domain::Survey>> Find(domain::SurveyId id) override;
  Result<std::vector<domain::Survey>> List(domain::ProgramId program) override;
  Result<std::vector<domain::Survey>> ListActive() override;
  Result<std::vector<domain::SurveyTarget>> Targets(domain::ProgramId program) override;
  Result<std::vector<domain::HeldMeeting>> HeldMeetings(domain::ProgramId program,
                                                        TimePoint logged_since) override;
  Result<std::vector<domain::SurveyInvitation>> ListInvitations(domain::SurveyId survey) override;
  Result<bool> Invite(const domain::SurveyInvitation& invitation, const std::string& token_hash,
                      const domain::MailMessage& mail) override;
  Result<bool> Remind(int64_t invitation, const std::string& token_hash,
                      const domain::MailMessage& mail, TimePoint at) override;
  Result<std::optional<domain::SurveyInvitation>> FindInvitation(int64_t id) override;
  Result<std::optional<domain::SurveyInvitation>> FindInvitationByToken(
      const std::string& token_hash) override;
  Result<std::vector<domain::SurveyInvitation>> InvitationsOf(
      const std::string& employee_id) override;
  Status Answer(int64_t invitation, const domain::SurveyAnswerSheet& sheet) override;
  Result<std::vector<int64_t>> InviteAll(const std::vector<domain::SurveyInvite>& invites) override;
  Status AnswerAll(
      const std::vector<std::pair<int64_t, domain::SurveyAnswerSheet>>& answers) override;
  Result<std::vector<domain::SurveyResponse>> Responses(domain::SurveyId survey) override;
  Result<domain::SurveyGroupSheets> GroupSheets(domain::SurveyId survey, const std::string& by,
                                                const std::string& group) override;
  Result<int> CountInvitations(domain::SurveyId survey,
                               const domain::SurveyResultsQuery& query) override;
  Result<std::optional<domain::SurveyResponse>> ResponseOf(int64_t invitation) override;
  Result<std::vector<domain::Question>> Questions(domain::SurveyId survey, int version) override;

  // Test set-up: the targets every program returns (each keeps its own `program`).
  void SetTargets(std::vector<domain::SurveyTarget> targets);
  // Test set-up: the held meetings (of the targets' relationships) HeldMeetings returns from.
  void SetHeldMeetings(std::vector<domain::HeldMeeting> meetings);
  // The mails queued so far, in order.
  std::vector<domain::MailMessage> Mails();

 private:
  struct Invitation {
    domain::SurveyInvitation invitation;
    std::vector<std::string> token_hashes;
  };
  // Invite's work with mutex_ held: the new invitation's id, or 0 when one existed.
  int64_t InviteLocked(const domain::SurveyInvitation& invitation, const std::string& token_hash,
                       const domain::MailMessage& mail);
  std::mutex mutex_;
  std::map<int64_t, domain::Survey> surveys_;
  std::map<std::pair<int64_t, int>, std::vector<domain::Question>> versions_;
  std::map<int64_t, Invitation> invitations_;
  std::vector<domain::SurveyAnswerSheet> sheets_;
  std::vector<domain::SurveyTarget> targets_;
  std::vector<domain::HeldMeeting> held_;
  std::vector<domain::MailMessage> mails_;
  int64_t next_survey_ = 1, next_invitation_ = 1;
};

}  // namespace pairwise::storage
