// The outbox: where queued mail waits for the sender. Implemented by storage (a table, shared by
// every server on one database) and by an in-memory fake (src/storage/memory).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/mail/mail_queue.h"

namespace pairwise::domain {

using MailId = Id<struct MailTag>;

enum class MailStatus {
  kQueued,  // waiting for (another) delivery attempt at next_attempt_at
  kSent,    // the relay accepted it
  kFailed,  // given up: a permanent refusal, or too many attempts
  kHeld,    // no relay is configured: kept for the admin's outbox page only
};

// "queued" | "sent" | "failed" | "held".
std::string_view MailStatusName(MailStatus status);
std::optional<MailStatus> ParseMailStatus(std::string_view name);

struct OutboxMail {
  MailId id;
  MailMessage message;
  MailStatus status = MailStatus::kQueued;
  int attempts = 0;  // delivery attempts made so far
  TimePoint created_at;
  TimePoint next_attempt_at;
  std::optional<TimePoint> sent_at;
  std::string last_error;  // empty when no attempt failed
};

struct OutboxPage {
  std::vector<OutboxMail> items;  // newest first
  std::optional<MailId> next;     // pass as `before` for the next page; nullopt at the end
};

// Thread-safe, and safe across processes sharing one database: a claimed message is leased to
// one claimer until the lease ends, so several senders never deliver it twice.
class MailOutbox {
 public:
  virtual ~MailOutbox() = default;

  // Stores `message` as queued, due at `now`. The caller validated it. Returns its id.
  virtual Result<MailId> Add(const MailMessage& message, TimePoint now) = 0;

  // Up to `limit` (>= 1) queued messages due at `now` (next_attempt_at <= now) whose lease, if
  // any, ended, oldest due first; each is leased to `claimer` until `lease_until`. A message is
  // never handed to two claimers with overlapping leases.
  virtual Result<std::vector<OutboxMail>> Claim(TimePoint now, int limit,
                                                const std::string& claimer,
                                                TimePoint lease_until) = 0;

  // The outcome of one attempt on a message `claimer` holds; each ends the lease and counts
  // the attempt. Conflict when the message is not (any more) leased to `claimer`; NotFound for
  // an unknown id.
  virtual Status MarkSent(MailId id, const std::string& claimer, TimePoint now) = 0;
  // Queued again, due at `next_attempt_at`, with the error.
  virtual Status MarkRetry(MailId id, const std::string& claimer, const std::string& error,
                           TimePoint next_attempt_at) = 0;
  // Failed for good, with the error.
  virtual Status MarkFailed(MailId id, const std::string& claimer, const std::string& error) = 0;
  // Held (no relay); does not count as an attempt.
  virtual Status MarkHeld(MailId id, const std::string& claimer) = 0;
  // Every held message queued again, due at `now` (a relay is configured now). Returns how many.
  virtual Result<int> RequeueHeld(TimePoint now) = 0;

  // Newest first: messages with id < `before` (all when nullopt), at most `limit` (>= 1).
  virtual Result<OutboxPage> List(std::optional<MailId> before, int limit) = 0;
  // One message; NotFound when there is none.
  virtual Result<OutboxMail> Get(MailId id) = 0;
};

}  // namespace pairwise::domain
