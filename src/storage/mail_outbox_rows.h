// Queuing mail in the mail_outbox table (migration 0003) on a session the caller holds: the
// outbox's Add and publishing a proposal (which queues its mails in its own transaction) write
// the same rows through this; QueueMails writes many at once (the scheduler tick's nudges).
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/mail/mail_queue.h"

namespace pairwise::storage {

// One prepared INSERT, executed once per message. Not thread-safe; lives no longer than the
// session it was made on. Throws what SOCI throws (callers run it inside Database::Run).
class QueuedMailInsert {
 public:
  // Messages inserted through this are queued and due at `now`, with no attempt made.
  QueuedMailInsert(soci::session& session, TimePoint now);
  QueuedMailInsert(const QueuedMailInsert&) = delete;
  QueuedMailInsert& operator=(const QueuedMailInsert&) = delete;

  // Stores `message` (which the caller validated) and returns its id.
  long long Insert(const domain::MailMessage& message);
  // The same, due (and created) at `at` instead of the constructor's `now`.
  long long Insert(const domain::MailMessage& message, TimePoint at);

 private:
  domain::MailMessage message_;
  std::string status_;
  long long at_ = 0;
  long long id_ = 0;
  soci::statement statement_;
};

// Queues `messages` (which the caller validated), in their order, as QueuedMailInsert would one
// by one (same rows, ids rising in that order) but without their ids: on PostgreSQL in one COPY,
// where the INSERT costs a round trip per message; on SQLite through the prepared INSERT, which
// costs none. Throws what SOCI throws (callers run it inside Database::Run).
void QueueMails(soci::session& session, TimePoint now,
                const std::vector<domain::MailMessage>& messages);
// The same with each message due (and created) at its own time: `at[i]` for `messages[i]`
// (precondition: as many times as messages).
void QueueMails(soci::session& session, const std::vector<TimePoint>& at,
                const std::vector<domain::MailMessage>& messages);

}  // namespace pairwise::storage
