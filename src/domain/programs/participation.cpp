#include "domain/programs/participation.h"

namespace pairwise::domain {

std::string_view ApplicationStatusName(ApplicationStatus status) {
  switch (status) {
    case ApplicationStatus::kSubmitted:
      return "submitted";
    case ApplicationStatus::kApproved:
      return "approved";
    case ApplicationStatus::kDeclined:
      return "declined";
    case ApplicationStatus::kWithdrawn:
      return "withdrawn";
  }
  return "";
}

std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view name) {
  for (ApplicationStatus s : {ApplicationStatus::kSubmitted, ApplicationStatus::kApproved,
                              ApplicationStatus::kDeclined, ApplicationStatus::kWithdrawn}) {
    if (ApplicationStatusName(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace pairwise::domain
