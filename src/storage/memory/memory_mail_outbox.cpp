#include "storage/memory/memory_mail_outbox.h"

#include <algorithm>

namespace pairwise::storage {

using domain::MailId;
using domain::MailStatus;
using domain::OutboxMail;

Result<MailId> MemoryMailOutbox::Add(const domain::MailMessage& message, TimePoint now) {
  std::lock_guard lock(mutex_);
  Row row;
  row.mail.id = MailId(next_id_++);
  row.mail.message = message;
  row.mail.created_at = now;
  row.mail.next_attempt_at = now;
  const MailId id = row.mail.id;
  rows_.emplace(id.value, std::move(row));
  return id;
}

Result<std::vector<OutboxMail>> MemoryMailOutbox::Claim(TimePoint now, int limit,
                                                        const std::string& claimer,
                                                        TimePoint lease_until) {
  std::lock_guard lock(mutex_);
  std::vector<Row*> due;
  for (auto& [id, row] : rows_) {
    if (row.mail.status == MailStatus::kQueued && row.mail.next_attempt_at <= now &&
        (row.claimer.empty() || row.lease_until <= now)) {
      due.push_back(&row);
    }
  }
  std::stable_sort(due.begin(), due.end(), [](const Row* a, const Row* b) {
    return a->mail.next_attempt_at < b->mail.next_attempt_at;
  });
  if (due.size() > static_cast<std::size_t>(std::max(limit, 0))) due.resize(limit);
  std::vector<OutboxMail> out;
  for (Row* row : due) {
    row->claimer = claimer;
    row->lease_until = lease_until;
    out.push_back(row->mail);
  }
  return out;
}

Result<MemoryMailOutbox::Row*> MemoryMailOutbox::Release(MailId id, const std::string& claimer) {
  auto it = rows_.find(id.value);
  if (it == rows_.end()) return Status::NotFound("no such message");
  Row& row = it->second;
  if (row.mail.status != MailStatus::kQueued || row.claimer != claimer) {
    return Status::Conflict("the message is not leased to " + claimer);
  }
  row.claimer.clear();
  return &row;
}

Status MemoryMailOutbox::MarkSent(MailId id, const std::string& claimer, TimePoint now) {
  std::lock_guard lock(mutex_);
  Result<Row*> row = Release(id, claimer);
  if (!row.ok()) return row.status();
  (*row)->mail.status = MailStatus::kSent;
  (*row)->mail.attempts += 1;
  (*row)->mail.sent_at = now;
  (*row)->mail.last_error.clear();
  return Status::Ok();
}

Status MemoryMailOutbox::MarkRetry(MailId id, const std::string& claimer, const std::string& error,
                                   TimePoint next_attempt_at) {
  std::lock_guard lock(mutex_);
  Result<Row*> row = Release(id, claimer);
  if (!row.ok()) return row.status();
  (*row)->mail.attempts += 1;
  (*row)->mail.last_error = error;
  (*row)->mail.next_attempt_at = next_attempt_at;
  return Status::Ok();
}

Status MemoryMailOutbox::MarkFailed(MailId id, const std::string& claimer,
                                    const std::string& error) {
  std::lock_guard lock(mutex_);
  Result<Row*> row = Release(id, claimer);
  if (!row.ok()) return row.status();
  (*row)->mail.status = MailStatus::kFailed;
  (*row)->mail.attempts += 1;
  (*row)->mail.last_error = error;
  return Status::Ok();
}

Status MemoryMailOutbox::MarkHeld(MailId id, const std::string& claimer) {
  std::lock_guard lock(mutex_);
  Result<Row*> row = Release(id, claimer);
  if (!row.ok()) return row.status();
  (*row)->mail.status = MailStatus::kHeld;
  return Status::Ok();
}

Result<int> MemoryMailOutbox::RequeueHeld(TimePoint now) {
  std::lock_guard lock(mutex_);
  int count = 0;
  for (auto& [id, row] : rows_) {
    if (row.mail.status != MailStatus::kHeld) continue;
    row.mail.status = MailStatus::kQueued;
    row.mail.next_attempt_at = now;
    ++count;
  }
  return count;
}

Result<domain::OutboxPage> MemoryMailOutbox::List(std::optional<MailId> before, int limit) {
  std::lock_guard lock(mutex_);
  domain::OutboxPage page;
  auto it = before ? rows_.lower_bound(before->value) : rows_.end();
  while (it != rows_.begin()) {
    --it;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next = page.items.back().id;
      break;
    }
    page.items.push_back(it->second.mail);
  }
  return page;
}

Result<OutboxMail> MemoryMailOutbox::Get(MailId id) {
  std::lock_guard lock(mutex_);
  auto it = rows_.find(id.value);
  if (it == rows_.end()) return Status::NotFound("no such message");
  return it->second.mail;
}

}  // namespace pairwise::storage
