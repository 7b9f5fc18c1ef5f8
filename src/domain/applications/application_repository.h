// Where forms and applications are kept. Implementations: storage/application_repository.cpp
// (SQLite and PostgreSQL) and storage/memory/memory_application_repository.h. Thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/applications/application.h"
#include "domain/programs/participation.h"

namespace pairwise::domain {

class ApplicationRepository : public ParticipationReader {
 public:
  // The side's current form; version 0 with no questions when none was saved.
  virtual Result<ApplicationForm> FindForm(ProgramId program, Side side) = 0;
  // A given version (answers stay readable against the version they answered). NotFound when
  // that version does not exist.
  virtual Result<ApplicationForm> FindFormVersion(ProgramId program, Side side, int version) = 0;
  // Saves `questions` (already checked) as the side's form: replaces the current version when
  // no application answered it, else adds the next version. Returns the form as saved.
  virtual Result<ApplicationForm> SaveForm(ProgramId program, Side side,
                                           const std::vector<Question>& questions) = 0;

  // Stores new applications (id, times and the rest as given) in one transaction: all or
  // none. Conflict (reason "duplicate_application") when one of the people already has an
  // application on that side of the program that is not withdrawn, or is listed twice.
  virtual Result<std::vector<Application>> CreateApplications(
      const std::vector<Application>& applications, TimePoint now) = 0;
  // NotFound for an unknown id.
  virtual Result<Application> FindApplication(ApplicationId id) = 0;
  // Replaces the answers (and the form version answered) of a submitted application. NotFound;
  // Conflict (reason "already_reviewed") when it is no longer submitted.
  virtual Status UpdateAnswers(ApplicationId id, int form_version, const Answers& answers,
                               TimePoint now) = 0;
  // Moves every application of `ids` from one of `from` to `to`, recording `message`, in one
  // transaction. NotFound naming the first id that is not an application of `program`;
  // Conflict (reason "invalid_status") naming the first whose status is not in `from`. Nothing
  // changes then.
  virtual Status Decide(ProgramId program, const std::vector<ApplicationId>& ids,
                        const std::vector<ApplicationStatus>& from, ApplicationStatus to,
                        std::string_view message, TimePoint now) = 0;
  virtual Status SetManagerApproval(ApplicationId id, ManagerApproval approval, TimePoint now) = 0;
  // Every application of the program, ordered by id.
  virtual Result<std::vector<Application>> ListApplications(ProgramId program) = 0;
  // Every application of the person, ordered by id.
  virtual Result<std::vector<Application>> ListByPerson(std::string_view employee_id) = 0;
};

}  // namespace pairwise::domain
