// The CalendarWriter over libical: RFC 5545 objects for meeting invites (iTIP REQUEST /
// CANCEL, RFC 5546) and calendar feeds (PUBLISH). Times are written in UTC ("...Z"), which
// every calendar program reads without a VTIMEZONE.
#pragma once

#include "domain/meetings/calendar.h"

namespace pairwise::mail {

// Thread-safe: keeps no state; each call builds and frees its own libical objects.
class ICalendarWriter final : public domain::CalendarWriter {
 public:
  // InvalidArgument (field "method") for a method other than REQUEST, CANCEL or PUBLISH;
  // Internal when libical fails.
  Result<std::string> Write(std::string_view method,
                            const std::vector<domain::CalendarEvent>& events) const override;
};

}  // namespace pairwise::mail
