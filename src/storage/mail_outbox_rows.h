// Queuing mail in the mail_outbox table (migration 0003) on a session the caller holds: the
// outbox's Add and publishing a proposal (which queues its mails in its own transaction) write
// the same rows through this.
#pragma once

#include <soci/soci.h>

#include <string>

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

 private:
  domain::MailMessage message_;
  std::string status_;
  long long at_ = 0;
  long long id_ = 0;
  soci::statement statement_;
};

}  // namespace pairwise::storage
