#include "storage/memory/memory_application_repository.h"

#include <algorithm>
#include <set>

namespace pairwise::storage {

namespace {

using domain::Application;
using domain::ApplicationStatus;

int SideKey(domain::Side side) { return side == domain::Side::kMentor ? 0 : 1; }

Status Duplicate(const std::string& employee_id) {
  return Status::Error(ErrorCode::kConflict,
                       employee_id + " has applied to this side of the program already",
                       "employee_id")
      .WithReason("duplicate_application");
}

}  // namespace

Result<domain::ApplicationForm> MemoryApplicationRepository::FindForm(domain::ProgramId program,
                                                                      domain::Side side) {
  std::lock_guard lock(mutex_);
  domain::ApplicationForm form{program, side, 0, {}};
  for (const auto& [key, questions] : forms_) {
    if (std::get<0>(key) == program.value && std::get<1>(key) == SideKey(side)) {
      form.version = std::get<2>(key);
      form.questions = questions;
    }
  }
  return form;
}

Result<domain::ApplicationForm> MemoryApplicationRepository::FindFormVersion(
    domain::ProgramId program, domain::Side side, int version) {
  std::lock_guard lock(mutex_);
  auto it = forms_.find({program.value, SideKey(side), version});
  if (it == forms_.end()) return Status::NotFound("no such form version");
  return domain::ApplicationForm{program, side, version, it->second};
}

Result<domain::ApplicationForm> MemoryApplicationRepository::SaveForm(
    domain::ProgramId program, domain::Side side, const std::vector<domain::Question>& questions) {
  std::lock_guard lock(mutex_);
  int current = 0;
  for (const auto& [key, q] : forms_) {
    if (std::get<0>(key) == program.value && std::get<1>(key) == SideKey(side)) {
      current = std::get<2>(key);
    }
  }
  const bool answered =
      std::any_of(applications_.begin(), applications_.end(), [&](const auto& entry) {
        const Application& a = entry.second;
        return a.program == program && a.side == side && a.form_version == current;
      });
  const int version = current == 0 || answered ? current + 1 : current;
  forms_[{program.value, SideKey(side), version}] = questions;
  return domain::ApplicationForm{program, side, version, questions};
}

Result<std::vector<Application>> MemoryApplicationRepository::CreateApplications(
    const std::vector<Application>& applications, TimePoint now) {
  std::lock_guard lock(mutex_);
  std::set<std::tuple<int64_t, int, std::string>> taken;
  for (const auto& [id, a] : applications_) {
    if (a.status != ApplicationStatus::kWithdrawn) {
      taken.insert({a.program.value, SideKey(a.side), a.employee_id});
    }
  }
  for (const Application& a : applications) {
    if (!taken.insert({a.program.value, SideKey(a.side), a.employee_id}).second) {
      return Duplicate(a.employee_id);
    }
  }
  std::vector<Application> out;
  const std::string at = FormatIso8601(now);
  for (Application a : applications) {
    a.id = domain::ApplicationId(next_id_++);
    a.submitted_at = a.updated_at = at;
    applications_[a.id.value] = a;
    out.push_back(std::move(a));
  }
  return out;
}

Result<Application> MemoryApplicationRepository::FindApplication(domain::ApplicationId id) {
  std::lock_guard lock(mutex_);
  auto it = applications_.find(id.value);
  if (it == applications_.end()) {
    return Status::NotFound("no application " + std::to_string(id.value));
  }
  return it->second;
}

Status MemoryApplicationRepository::UpdateAnswers(domain::ApplicationId id, int form_version,
                                                  const domain::Answers& answers, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = applications_.find(id.value);
  if (it == applications_.end()) {
    return Status::NotFound("no application " + std::to_string(id.value));
  }
  if (it->second.status != ApplicationStatus::kSubmitted) {
    return Status::Error(ErrorCode::kConflict, "the application was reviewed already")
        .WithReason("already_reviewed");
  }
  it->second.form_version = form_version;
  it->second.answers = answers;
  it->second.updated_at = FormatIso8601(now);
  return Status::Ok();
}

Status MemoryApplicationRepository::Decide(domain::ProgramId program,
                                           const std::vector<domain::ApplicationId>& ids,
                                           const std::vector<ApplicationStatus>& from,
                                           ApplicationStatus to, std::string_view message,
                                           TimePoint now) {
  std::lock_guard lock(mutex_);
  for (domain::ApplicationId id : ids) {
    auto it = applications_.find(id.value);
    if (it == applications_.end() || it->second.program != program) {
      return Status::NotFound("no application " + std::to_string(id.value) + " in this program");
    }
    if (std::find(from.begin(), from.end(), it->second.status) == from.end()) {
      return Status::Error(ErrorCode::kConflict,
                           "application " + std::to_string(id.value) + " is " +
                               std::string(domain::ApplicationStatusName(it->second.status)))
          .WithReason("invalid_status");
    }
  }
  const std::string at = FormatIso8601(now);
  for (domain::ApplicationId id : ids) {
    Application& a = applications_[id.value];
    a.status = to;
    a.decision_message = std::string(message);
    a.updated_at = at;
  }
  return Status::Ok();
}

Status MemoryApplicationRepository::SetManagerApproval(domain::ApplicationId id,
                                                       domain::ManagerApproval approval,
                                                       TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = applications_.find(id.value);
  if (it == applications_.end()) {
    return Status::NotFound("no application " + std::to_string(id.value));
  }
  it->second.manager_approval = approval;
  it->second.updated_at = FormatIso8601(now);
  return Status::Ok();
}

Result<std::vector<Application>> MemoryApplicationRepository::ListApplications(
    domain::ProgramId program) {
  std::lock_guard lock(mutex_);
  std::vector<Application> out;
  for (const auto& [id, a] : applications_) {
    if (a.program == program) out.push_back(a);
  }
  return out;
}

Result<std::vector<Application>> MemoryApplicationRepository::ListByPerson(
    std::string_view employee_id) {
  std::lock_guard lock(mutex_);
  std::vector<Application> out;
  for (const auto& [id, a] : applications_) {
    if (a.employee_id == employee_id) out.push_back(a);
  }
  return out;
}

Result<std::optional<domain::Participant>> MemoryApplicationRepository::FindParticipant(
    domain::ProgramId program, domain::Side side, std::string_view employee_id) {
  std::lock_guard lock(mutex_);
  // The latest application that is not withdrawn, else the latest (ids grow with time).
  const Application* latest = nullptr;
  const Application* latest_active = nullptr;
  for (const auto& [id, a] : applications_) {
    if (a.program != program || a.side != side || a.employee_id != employee_id) continue;
    latest = &a;
    if (a.status != ApplicationStatus::kWithdrawn) latest_active = &a;
  }
  const Application* best = latest_active ? latest_active : latest;
  if (!best) return std::optional<domain::Participant>();
  return std::optional(
      domain::Participant{best->id, best->program, best->side, best->employee_id, best->status});
}

Result<std::vector<std::string>> MemoryApplicationRepository::ListApproved(
    domain::ProgramId program, domain::Side side) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [id, a] : applications_) {
    if (a.program == program && a.side == side && a.status == ApplicationStatus::kApproved) {
      out.push_back(a.employee_id);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<int> MemoryApplicationRepository::CountApproved(domain::ProgramId program,
                                                       domain::Side side) {
  std::lock_guard lock(mutex_);
  int count = 0;
  for (const auto& [id, a] : applications_) {
    count += a.program == program && a.side == side && a.status == ApplicationStatus::kApproved;
  }
  return count;
}

}  // namespace pairwise::storage
