#include "domain/people/person.h"

#include <cstdio>

namespace pairwise::domain {

std::string FormatDate(Date date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count) -> int {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = digits(0, 4);
  const int month = digits(5, 2);
  const int day = digits(8, 2);
  if (year < 0 || month < 0 || day < 0) return std::nullopt;
  const Date date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                  std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string_view EmploymentStatusName(EmploymentStatus status) {
  switch (status) {
    case EmploymentStatus::kActive:
      return "active";
    case EmploymentStatus::kLeave:
      return "leave";
    case EmploymentStatus::kLeft:
      return "left";
  }
  return "active";
}

std::optional<EmploymentStatus> ParseEmploymentStatus(std::string_view name) {
  for (auto status :
       {EmploymentStatus::kActive, EmploymentStatus::kLeave, EmploymentStatus::kLeft}) {
    if (EmploymentStatusName(status) == name) return status;
  }
  return std::nullopt;
}

std::string_view PersonEventKindName(PersonEventKind kind) {
  switch (kind) {
    case PersonEventKind::kHire:
      return "hire";
    case PersonEventKind::kPromotion:
      return "promotion";
    case PersonEventKind::kTitleChange:
      return "title_change";
    case PersonEventKind::kExit:
      return "exit";
  }
  return "hire";
}

std::optional<PersonEventKind> ParsePersonEventKind(std::string_view name) {
  for (auto kind : {PersonEventKind::kHire, PersonEventKind::kPromotion,
                    PersonEventKind::kTitleChange, PersonEventKind::kExit}) {
    if (PersonEventKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

}  // namespace pairwise::domain
