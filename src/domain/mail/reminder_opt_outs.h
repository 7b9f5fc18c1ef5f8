// Who turned their reminders off (the switch at /api/v1/me/reminders, or a reminder's
// List-Unsubscribe link). Services that queue reminders (kReminderKinds) ask before queuing;
// the store is the health repository's (migration 30). Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace pairwise::domain {

class ReminderOptOuts {
 public:
  virtual ~ReminderOptOuts() = default;
  // Those of `ids` who turned non-essential reminders off.
  virtual Result<std::vector<std::string>> OptedOutAmong(const std::vector<std::string>& ids) = 0;
};

}  // namespace pairwise::domain
