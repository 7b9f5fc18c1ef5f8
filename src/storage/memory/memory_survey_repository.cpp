#include "storage/memory/memory_survey_repository.h"

#include <algorithm>
#include <set>

namespace pairwise::storage {

using domain::Survey;
using domain::SurveyInvitation;

Result<Survey> MemorySurveyRepository::Create(const Survey& survey) {
  std::lock_guard lock(mutex_);
  Survey stored = survey;
  stored.id = domain::SurveyId(next_survey_++);
  stored.version = 1;
  surveys_[stored.id.value] = stored;
  versions_[{stored.id.value, 1}] = stored.questions;
  return stored;
}

Result<Survey> MemorySurveyRepository::Update(const Survey& survey) {
  std::lock_guard lock(mutex_);
  auto it = surveys_.find(survey.id.value);
  if (it == surveys_.end()) return Status::NotFound("no survey " + std::to_string(survey.id.value));
  Survey stored = survey;
  stored.program = it->second.program;
  stored.created_at = it->second.created_at;
  stored.version = it->second.version;
  if (stored.questions != it->second.questions) {
    ++stored.version;
    versions_[{stored.id.value, stored.version}] = stored.questions;
  }
  it->second = stored;
  return stored;
}

Result<std::optional<Survey>> MemorySurveyRepository::Find(domain::SurveyId id) {
  std::lock_guard lock(mutex_);
  auto it = surveys_.find(id.value);
  if (it == surveys_.end()) return std::optional<Survey>();
  return std::optional<Survey>(it->second);
}

Result<std::vector<Survey>> MemorySurveyRepository::List(domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  std::vector<Survey> out;
  for (const auto& [id, s] : surveys_) {
    if (s.program == program) out.push_back(s);
  }
  return out;
}

Result<std::vector<Survey>> MemorySurveyRepository::ListActive() {
  std::lock_guard lock(mutex_);
  std::vector<Survey> out;
  for (const auto& [id, s] : surveys_) {
    if (s.active) out.push_back(s);
  }
  return out;
}

Result<std::vector<domain::SurveyTarget>> MemorySurveyRepository::Targets(
    domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  std::vector<domain::SurveyTarget> out;
  for (const auto& t : targets_) {
    if (t.program == program) out.push_back(t);
  }
  return out;
}

Result<std::vector<domain::HeldMeeting>> MemorySurveyRepository::HeldMeetings(
    domain::ProgramId program, TimePoint logged_since) {
  std::lock_guard lock(mutex_);
  std::vector<domain::HeldMeeting> out;
  for (const auto& m : held_) {
    const bool in_program = std::any_of(targets_.begin(), targets_.end(), [&](const auto& t) {
      return t.program == program && t.relationship == m.relationship;
    });
    if (in_program && m.logged_at >= logged_since) out.push_back(m);
  }
  return out;
}

Result<std::vector<SurveyInvitation>> MemorySurveyRepository::ListInvitations(
    domain::SurveyId survey) {
  std::lock_guard lock(mutex_);
  std::vector<SurveyInvitation> out;
  for (const auto& [id, i] : invitations_) {
    if (i.invitation.survey == survey) out.push_back(i.invitation);
  }
  return out;
}

Result<bool> MemorySurveyRepository::Invite(const SurveyInvitation& invitation,
                                            const std::string& token_hash,
                                            const domain::MailMessage& mail) {
  std::lock_guard lock(mutex_);
  return InviteLocked(invitation, token_hash, mail) != 0;
}

int64_t MemorySurveyRepository::InviteLocked(const SurveyInvitation& invitation,
                                             const std::string& token_hash,
                                             const domain::MailMessage& mail) {
  for (const auto& [id, i] : invitations_) {
    const SurveyInvitation& x = i.invitation;
    if (x.survey == invitation.survey && x.relationship == invitation.relationship &&
        x.employee_id == invitation.employee_id && x.round == invitation.round) {
      return 0;
    }
  }
  Invitation row{invitation, {token_hash}};
  row.invitation.id = next_invitation_++;
  row.invitation.answered = false;
  row.invitation.reminded_at.reset();
  invitations_[row.invitation.id] = row;
  mails_.push_back(mail);
  return row.invitation.id;
}

Result<bool> MemorySurveyRepository::Remind(int64_t invitation, const std::string& token_hash,
                                            const domain::MailMessage& mail, TimePoint at) {
  std::lock_guard lock(mutex_);
  auto it = invitations_.find(invitation);
  if (it == invitations_.end() || it->second.invitation.answered ||
      it->second.invitation.reminded_at) {
    return false;
  }
  it->second.invitation.reminded_at = at;
  it->second.token_hashes.push_back(token_hash);
  mails_.push_back(mail);
  return true;
}

Result<std::optional<SurveyInvitation>> MemorySurveyRepository::FindInvitation(int64_t id) {
  std::lock_guard lock(mutex_);
  auto it = invitations_.find(id);
  if (it == invitations_.end()) return std::optional<SurveyInvitation>();
  return std::optional<SurveyInvitation>(it->second.invitation);
}

Result<std::optional<SurveyInvitation>> MemorySurveyRepository::FindInvitationByToken(
    const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, i] : invitations_) {
    for (const std::string& h : i.token_hashes) {
      if (h == token_hash) return std::optional<SurveyInvitation>(i.invitation);
    }
  }
  return std::optional<SurveyInvitation>();
}

Result<std::vector<SurveyInvitation>> MemorySurveyRepository::InvitationsOf(
    const std::string& employee_id) {
  std::lock_guard lock(mutex_);
  std::vector<SurveyInvitation> out;
  for (auto it = invitations_.rbegin(); it != invitations_.rend(); ++it) {
    if (it->second.invitation.employee_id == employee_id) out.push_back(it->second.invitation);
  }
  return out;
}

Status MemorySurveyRepository::Answer(int64_t invitation, const domain::SurveyAnswerSheet& sheet) {
  std::lock_guard lock(mutex_);
  auto it = invitations_.find(invitation);
  if (it == invitations_.end()) return Status::NotFound("no survey invitation");
  if (it->second.invitation.answered) {
    return Status::Conflict("this survey has been answered already").WithReason("already_answered");
  }
  it->second.invitation.answered = true;
  sheets_.push_back(sheet);
  return Status::Ok();
}

Result<std::vector<int64_t>> MemorySurveyRepository::InviteAll(
    const std::vector<domain::SurveyInvite>& invites) {
  std::lock_guard lock(mutex_);
  std::vector<int64_t> ids;
  for (const domain::SurveyInvite& i : invites) {
    ids.push_back(InviteLocked(i.invitation, i.token_hash, i.mail));
  }
  return ids;
}

Status MemorySurveyRepository::AnswerAll(
    const std::vector<std::pair<int64_t, domain::SurveyAnswerSheet>>& answers) {
  std::lock_guard lock(mutex_);
  std::set<int64_t> seen;
  for (const auto& [id, sheet] : answers) {
    auto it = invitations_.find(id);
    if (it == invitations_.end()) return Status::NotFound("no survey invitation");
    if (it->second.invitation.answered || !seen.insert(id).second) {
      return Status::Conflict("this survey has been answered already")
          .WithReason("already_answered");
    }
  }
  for (const auto& [id, sheet] : answers) {
    invitations_.at(id).invitation.answered = true;
    sheets_.push_back(sheet);
  }
  return Status::Ok();
}

Result<std::vector<domain::SurveyResponse>> MemorySurveyRepository::Responses(
    domain::SurveyId survey) {
  std::lock_guard lock(mutex_);
  std::vector<domain::SurveyResponse> out;
  for (const auto& s : sheets_) {
    if (s.response.survey == survey) out.push_back(s.response);
  }
  return out;
}

Result<domain::SurveyGroupSheets> MemorySurveyRepository::GroupSheets(domain::SurveyId survey,
                                                                      const std::string& by,
                                                                      const std::string& group) {
  if (!domain::IsResultDimension(by)) {
    return Status::InvalidArgument("results are grouped by side, department, site or level", "by");
  }
  auto all = Responses(survey);
  if (!all.ok()) return all.status();
  domain::SurveyGroupSheets out;
  out.tallies = domain::TallyGroups(*all, by);
  for (domain::SurveyResponse& r : *all) {
    if (domain::GroupOf(r, by) == group) out.sheets.push_back(std::move(r));
  }
  return out;
}

Result<int> MemorySurveyRepository::CountInvitations(domain::SurveyId survey,
                                                     const domain::SurveyResultsQuery& query) {
  if (query.group && !domain::IsResultDimension(query.by)) {
    return Status::InvalidArgument("results are grouped by side, department, site or level", "by");
  }
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& [id, entry] : invitations_) {
    const domain::SurveyInvitation& i = entry.invitation;
    if (i.survey != survey) continue;
    if (query.group) {
      const std::string group = query.by == "side"         ? std::string(domain::SideName(i.side))
                                : query.by == "department" ? i.department
                                : query.by == "site"       ? i.site
                                                           : i.level_band;
      if (group != *query.group) continue;
    }
    ++n;
  }
  return n;
}

Result<std::optional<domain::SurveyResponse>> MemorySurveyRepository::ResponseOf(
    int64_t invitation) {
  std::lock_guard lock(mutex_);
  for (const auto& s : sheets_) {
    if (s.invitation == invitation) return std::optional<domain::SurveyResponse>(s.response);
  }
  return std::optional<domain::SurveyResponse>();
}

Result<std::vector<domain::Question>> MemorySurveyRepository::Questions(domain::SurveyId survey,
                                                                        int version) {
  std::lock_guard lock(mutex_);
  auto it = versions_.find({survey.value, version});
  if (it == versions_.end()) return Status::NotFound("no such survey version");
  return it->second;
}

void MemorySurveyRepository::SetTargets(std::vector<domain::SurveyTarget> targets) {
  std::lock_guard lock(mutex_);
  targets_ = std::move(targets);
}

void MemorySurveyRepository::SetHeldMeetings(std::vector<domain::HeldMeeting> meetings) {
  std::lock_guard lock(mutex_);
  held_ = std::move(meetings);
}

std::vector<domain::MailMessage> MemorySurveyRepository::Mails() {
  std::lock_guard lock(mutex_);
  return mails_;
}

}  // namespace pairwise::storage
