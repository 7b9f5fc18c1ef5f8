// One-click unsubscribe from reminders (issue 20, RFC 2369 and RFC 8058). Every reminder a
// person may turn off (MailMessage::reminder_for, kinds in kReminderKinds) is delivered with a
// link of its own; the link's token is the key, no sign-in: opening it shows what it turns off
// (Describe), and only a POST turns the person's reminders off (Unsubscribe), as the same
// switch at /api/v1/me/reminders does, which turns them back on.
//
// Access: whoever holds a token acts for its person on this one switch; an unknown token is
// NotFound. Tokens are 32 random bytes, stored only as their SHA-256 (any server honours them;
// a database reader cannot use them), and do not expire: an old reminder's link keeps working.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/audit_log.h"
#include "domain/health/health_repository.h"
#include "domain/mail/mail_transport.h"

namespace pairwise::domain {

// What a link turns off, in words.
struct UnsubscribeView {
  bool reminders_off = false;      // the person's reminders are off now
  std::string came_in;             // the kind of mail the link came in, in words
  std::vector<std::string> stops;  // every kind of reminder the switch covers, in words
  bool just_turned_off = false;    // Unsubscribe only: this request turned them off
};

// Thread-safe. All references must outlive the service.
class UnsubscribeService final : public ReminderLinks {
 public:
  UnsubscribeService(HealthRepository& repository, AuditLog& audit, const Clock& clock,
                     std::string base_url)
      : repository_(repository), audit_(audit), clock_(clock), base_url_(std::move(base_url)) {}

  // ReminderLinks: a fresh token for message.reminder_for (its hash stored with the kind);
  // "{base_url}/unsubscribe/{token}". InvalidArgument (field "reminder_for") when the message
  // is not a reminder; storage errors as they come.
  Result<std::string> Issue(const MailMessage& message) override;

  // What the link with `token` turns off; NotFound for an unknown or malformed token.
  Result<UnsubscribeView> Describe(std::string_view token);
  // Turns the token's person's reminders off (idempotent: a second time changes nothing) and
  // records it in the audit log when it changed something, with `remote_address`. NotFound
  // for an unknown or malformed token, which changes nothing.
  Result<UnsubscribeView> Unsubscribe(std::string_view token, const std::string& remote_address);

 private:
  Result<UnsubscribeToken> Find(std::string_view token, std::string& hash);
  Result<UnsubscribeView> View(const UnsubscribeToken& token);

  HealthRepository& repository_;
  AuditLog& audit_;
  const Clock& clock_;
  std::string base_url_;
};

}  // namespace pairwise::domain
