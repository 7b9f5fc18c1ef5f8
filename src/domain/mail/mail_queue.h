// Outgoing mail. Services put messages on the queue; the outbox (a table) holds them and a
// sender delivers them over SMTP with retries, so a request never waits on the relay and a
// message survives a restart.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "common/status.h"

namespace pairwise::domain {

struct MailMessage {
  std::string to;       // one address
  std::string subject;  // one line
  std::string text;     // plain-text body, UTF-8, lines separated by "\n"
  // What the mail is about, for the admin's outbox page ("invitation", "password_reset").
  std::string kind;
  // An optional iCalendar object (RFC 5545 text, CRLF line endings) sent beside the text as a
  // `text/calendar; method=<calendar_method>` part, so that mail programs offer Accept /
  // Decline. Both empty for a mail without one.
  std::string calendar = {};
  std::string calendar_method = {};  // "REQUEST" | "CANCEL" | "PUBLISH"
  // A reminder the recipient may turn off: the employee id of the recipient, whose choice at
  // /api/v1/me/reminders covers it. The sender then adds List-Unsubscribe with a one-click link
  // (RFC 2369, RFC 8058) made for that person at delivery. The kind must be one of
  // kReminderKinds. Empty for transactional mail (invitations, resets, announcements, invites).
  std::string reminder_for = {};
};

// The kinds of reminder a person turns off with one switch (/api/v1/me/reminders) or one click
// in a reminder's List-Unsubscribe link, with what each is in plain words. A new kind of
// reminder is added here, and its mails set MailMessage::reminder_for.
struct ReminderKind {
  std::string_view kind;   // MailMessage::kind
  std::string_view words;  // "reminders of your mentoring meetings the day before"
};
inline constexpr std::array<ReminderKind, 6> kReminderKinds = {{
    {"nudge", "nudges when your mentoring has gone quiet"},
    {"meeting_reminder", "reminders of your mentoring meetings the day before"},
    {"agreement_reminder", "reminders to accept your mentoring agreement"},
    {"feedback_reminder", "reminders to share how a mentoring meeting went"},
    {"credential_renewal_reminder", "reminders that a Mentor credential is about to expire"},
    {"survey_reminder", "reminders to answer a mentoring survey before it closes"},
}};
// The last paragraph of every reminder's text: where the person turns reminders off (the
// account page of `base_url`'s web application), so the words and the link live once.
inline std::string ReminderFooter(std::string_view base_url) {
  return "\n\nYou can turn off reminders like this one on your account page: " +
         std::string(base_url) + "/me/account";
}
// The entry of kReminderKinds for `kind`, or null when mail of that kind is not a reminder.
inline const ReminderKind* FindReminderKind(std::string_view kind) {
  for (const ReminderKind& r : kReminderKinds) {
    if (r.kind == kind) return &r;
  }
  return nullptr;
}

// Thread-safe. Implemented by storage (the outbox table) and by an in-memory fake for tests.
class MailQueue {
 public:
  virtual ~MailQueue() = default;
  // Stores the message for delivery. InvalidArgument for an empty or malformed recipient or
  // a subject with a line break; Unavailable/Internal from storage.
  virtual Status Enqueue(const MailMessage& message) = 0;
};

}  // namespace pairwise::domain
