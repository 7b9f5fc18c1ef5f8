// Outgoing mail: validation on the way in, delivery with retries and backoff on the way out, and
// the admin's view of the outbox.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/mail/mail_outbox.h"
#include "domain/mail/mail_queue.h"
#include "domain/mail/mail_transport.h"

namespace pairwise::domain {

struct MailPolicy {
  std::chrono::seconds first_retry{60};  // after the first failed attempt; doubles each time
  std::chrono::seconds max_retry{3600};  // the wait never exceeds this
  int max_attempts = 10;                 // then the message is failed for good
  // How long a claimed message is reserved for its sender. A round stops starting deliveries
  // after half of it, so that the one in progress (at most ~7 SMTP steps of 30 s) ends well
  // before another sender may take the message.
  std::chrono::seconds lease{600};
  int batch = 20;  // messages claimed per round
};

// The wait before the attempt after `attempts_made` (>= 1) failed attempts: first_retry
// doubled per earlier failure, at most max_retry.
std::chrono::seconds RetryDelay(const MailPolicy& policy, int attempts_made);

// Syntax of one recipient: local@domain, printable ASCII without spaces, angle brackets,
// commas or quotes, at most 254 characters, a domain of dot-separated labels.
// `text` with the token of every one-time survey link ("/survey-links/<token>") replaced by
// kHiddenLinkWords, for showing mail to someone other than its recipient.
inline constexpr std::string_view kHiddenLinkWords = "[one-time link, hidden]";
std::string HideOneTimeLinks(std::string text);

bool IsValidMailAddress(std::string_view address);

// What one delivery round did.
struct DeliveryRound {
  int claimed = 0;
  int sent = 0;
  int retried = 0;
  int failed = 0;
  int held = 0;
};

// Thread-safe. `outbox` and `clock` must outlive the service.
class MailService final : public MailQueue {
 public:
  MailService(MailOutbox& outbox, const Clock& clock, MailPolicy policy = {});

  // MailQueue: InvalidArgument (field "to", "subject", "kind", "reminder_for") for a malformed
  // recipient, a subject with CR or LF or over 998 bytes, an empty kind, or a reminder_for on a
  // kind that is not a reminder (kReminderKinds); storage errors as they come.
  Status Enqueue(const MailMessage& message) override;

  // The checks Enqueue makes, without storing. For mail that a repository queues in the outbox
  // inside its own transaction, together with the change the mail reports (publishing a
  // proposal, a meeting's invites), so that the mail exists if and only if the change does and
  // still obeys the rules of every other mail.
  static Status Check(const MailMessage& message);
  // `messages` without those Check refuses, in order. A change stands without a mail that could
  // never be sent (a malformed address in the directory), as when Enqueue refuses one after a
  // change was made.
  static std::vector<MailMessage> Sendable(std::vector<MailMessage> messages);

  // One round: claims up to policy.batch due messages for `claimer` and delivers each through
  // `transport`, marking it sent, queued for a later retry (RetryDelay) or failed (permanent
  // refusal or max_attempts reached). With no transport (no relay configured) the claimed
  // messages are marked held. Call from one thread per claimer name; claimers on several servers
  // must have distinct names. Storage errors end the round early; so does half the lease passing,
  // leaving the rest to a later round when their lease ends.
  Result<DeliveryRound> DeliverDue(MailTransport* transport, const std::string& claimer);

  // Queues again, due now, every message held while no relay was configured, so that a server
  // started with a relay sends them. Returns how many. Idempotent.
  Result<int> ReleaseHeld();

  // Admin only (Forbidden otherwise): newest first, `limit` 1..200 (else InvalidArgument,
  // field "limit"), from before the message `before` when given. One-time survey links in the
  // texts are hidden (HideOneTimeLinks): each answers a survey as its person, without sign-in.
  Result<OutboxPage> List(const Actor& actor, std::optional<MailId> before, int limit);

  const MailPolicy& policy() const { return policy_; }

  // Where reminders (MailMessage::reminder_for) get their one-click unsubscribe link at
  // delivery; null (the default): reminders go without List-Unsubscribe. `links` must outlive
  // the service. Call before delivery starts.
  void SetReminderLinks(ReminderLinks* links) { reminder_links_ = links; }

 private:
  MailOutbox& outbox_;
  const Clock& clock_;
  MailPolicy policy_;
  ReminderLinks* reminder_links_ = nullptr;
};

}  // namespace pairwise::domain
