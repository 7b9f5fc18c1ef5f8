// iCalendar (RFC 5545) objects for meetings: the invites mailed on scheduling, change and
// cancellation, and the personal calendar feed. The domain says what an event holds; the
// writer (src/mail/icalendar.h, over libical) turns it into text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace pairwise::domain {

struct CalendarPerson {
  std::string name;
  std::string email;
};

struct CalendarEvent {
  std::string uid;    // stable for the meeting's whole life
  int sequence = 0;   // raised by each change after the first invite
  TimePoint stamp{};  // DTSTAMP: when this version was made
  TimePoint starts_at{};
  TimePoint ends_at{};
  std::string summary;
  std::string description;
  std::string location;  // may be empty
  std::string url;       // video link; may be empty
  CalendarPerson organizer;
  std::vector<CalendarPerson> attendees;
  bool cancelled = false;  // STATUS:CANCELLED (else CONFIRMED, or TENTATIVE when tentative)
  bool tentative = false;  // a meeting proposed but not yet accepted (feeds only)
};

// iTIP methods (RFC 5546) the invites use.
inline constexpr std::string_view kCalendarRequest = "REQUEST";
inline constexpr std::string_view kCalendarCancel = "CANCEL";
inline constexpr std::string_view kCalendarPublish = "PUBLISH";

// Thread-safe.
class CalendarWriter {
 public:
  virtual ~CalendarWriter() = default;
  // One VCALENDAR with `method` holding `events` (times in UTC), CRLF line endings, folded.
  // Internal when the library fails.
  virtual Result<std::string> Write(std::string_view method,
                                    const std::vector<CalendarEvent>& events) const = 0;
};

}  // namespace pairwise::domain
