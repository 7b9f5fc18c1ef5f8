// Who takes part in a program, as the applications work records it; read by self-match (which
// mentors a mentee may browse and request) and later by matching, without depending on the
// application service. The applications storage implements it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/programs/program.h"

namespace pairwise::domain {

using ApplicationId = Id<struct ApplicationTag>;

// submitted -> approved | declined; submitted or approved -> withdrawn (by the applicant).
enum class ApplicationStatus { kSubmitted, kApproved, kDeclined, kWithdrawn };
// "submitted" | "approved" | "declined" | "withdrawn".
std::string_view ApplicationStatusName(ApplicationStatus status);
std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view name);

struct Participant {
  ApplicationId application;
  ProgramId program;
  Side side = Side::kMentee;
  std::string employee_id;
  ApplicationStatus status = ApplicationStatus::kSubmitted;
};

// Thread-safe.
class ParticipationReader {
 public:
  virtual ~ParticipationReader() = default;
  // The person's application on that side of the program (the latest one that is not
  // withdrawn, else the latest), or nullopt when none. No access check.
  virtual Result<std::optional<Participant>> FindParticipant(ProgramId program, Side side,
                                                             std::string_view employee_id) = 0;
  // Employee ids of the approved participants on `side`, ordered by employee id.
  virtual Result<std::vector<std::string>> ListApproved(ProgramId program, Side side) = 0;
  // How many participants are approved on `side` (without listing them).
  virtual Result<int> CountApproved(ProgramId program, Side side) = 0;
};

}  // namespace pairwise::domain
