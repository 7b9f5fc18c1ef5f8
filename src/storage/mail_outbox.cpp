// MailOutbox over SOCI: the mail_outbox table (migration 0003), one code path for SQLite and
// PostgreSQL except the claim's row locking.
#include <soci/soci.h>

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/bulk_copy.h"
#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/leased_queue.h"
#include "storage/mail_outbox_rows.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::MailId;
using domain::MailStatus;
using domain::OutboxMail;

long long Micros(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromMicros(long long us) { return TimePoint(std::chrono::microseconds(us)); }

constexpr std::string_view kColumns =
    "id, recipient, subject, body, kind, status, attempts, next_attempt_at, last_error, "
    "created_at, sent_at, calendar_method, calendar, reminder_for";

// Runs `sql` (selecting kColumns) with `bind` adding its use() elements and returns every row.
// Reads through into() with fixed C++ types: SQLite reports INTEGER columns as int or long long
// by value, which soci::row would not convert.
std::vector<OutboxMail> Select(soci::session& session, const std::string& sql,
                               const std::function<void(soci::statement&)>& bind) {
  long long id = 0, next_attempt_at = 0, created_at = 0, sent_at = 0;
  int attempts = 0;
  std::string recipient, subject, body, kind, status, last_error, calendar_method, calendar,
      reminder_for;
  soci::indicator last_error_ind = soci::i_null, sent_at_ind = soci::i_null;
  soci::statement st(session);
  st.exchange(soci::into(id));
  st.exchange(soci::into(recipient));
  st.exchange(soci::into(subject));
  st.exchange(soci::into(body));
  st.exchange(soci::into(kind));
  st.exchange(soci::into(status));
  st.exchange(soci::into(attempts));
  st.exchange(soci::into(next_attempt_at));
  st.exchange(soci::into(last_error, last_error_ind));
  st.exchange(soci::into(created_at));
  st.exchange(soci::into(sent_at, sent_at_ind));
  st.exchange(soci::into(calendar_method));
  st.exchange(soci::into(calendar));
  st.exchange(soci::into(reminder_for));
  bind(st);
  PrepareOnce(st, sql);
  std::vector<OutboxMail> out;
  for (bool more = st.execute(true); more; more = st.fetch()) {
    OutboxMail mail;
    mail.id = MailId(id);
    mail.message = domain::MailMessage{recipient, subject,         body,        kind,
                                       calendar,  calendar_method, reminder_for};
    std::optional<MailStatus> parsed = domain::ParseMailStatus(status);
    if (!parsed) throw soci::soci_error("unknown stored mail status \"" + status + "\"");
    mail.status = *parsed;
    mail.attempts = attempts;
    mail.next_attempt_at = FromMicros(next_attempt_at);
    if (last_error_ind == soci::i_ok) mail.last_error = last_error;
    mail.created_at = FromMicros(created_at);
    if (sent_at_ind == soci::i_ok) mail.sent_at = FromMicros(sent_at);
    out.push_back(std::move(mail));
  }
  return out;
}

class SqlMailOutbox final : public domain::MailOutbox {
 public:
  explicit SqlMailOutbox(Database& db) : db_(db) {}

  Result<MailId> Add(const domain::MailMessage& message, TimePoint now) override {
    long long id = 0;
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      id = QueuedMailInsert(s, now).Insert(message);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return MailId(id);
  }

  Result<std::vector<OutboxMail>> Claim(TimePoint now, int limit, const std::string& claimer,
                                        TimePoint lease_until) override {
    std::vector<OutboxMail> claimed;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      claimed.clear();
      const long long at = Micros(now);
      const long long until = Micros(lease_until);
      const std::string queued(MailStatusName(MailStatus::kQueued));
      const std::string sql = "SELECT " + std::string(kColumns) +
                              " FROM mail_outbox WHERE status = :status AND next_attempt_at <= "
                              ":now AND (lease_until IS NULL OR lease_until <= :now2) "
                              "ORDER BY next_attempt_at, id LIMIT :limit" +
                              std::string(SkipLockedRows(db_.kind()));
      claimed = Select(s, sql, [&](soci::statement& st) {
        st.exchange(soci::use(queued));
        st.exchange(soci::use(at));
        st.exchange(soci::use(at));
        st.exchange(soci::use(limit));
      });
      std::vector<long long> ids;
      for (const OutboxMail& mail : claimed) ids.push_back(mail.id.value);
      WriteLeases(s, "mail_outbox", "lease_until", ids, claimer, until);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return claimed;
  }

  Status MarkSent(MailId id, const std::string& claimer, TimePoint now) override {
    const long long at = Micros(now);
    return Finish(id, claimer,
                  "status = 'sent', attempts = attempts + 1, sent_at = " + std::to_string(at) +
                      ", last_error = NULL",
                  nullptr);
  }

  Status MarkRetry(MailId id, const std::string& claimer, const std::string& error,
                   TimePoint next_attempt_at) override {
    return Finish(id, claimer,
                  "attempts = attempts + 1, next_attempt_at = " +
                      std::to_string(Micros(next_attempt_at)) + ", last_error = :error",
                  &error);
  }

  Status MarkFailed(MailId id, const std::string& claimer, const std::string& error) override {
    return Finish(id, claimer, "status = 'failed', attempts = attempts + 1, last_error = :error",
                  &error);
  }

  Status MarkHeld(MailId id, const std::string& claimer) override {
    return Finish(id, claimer, "status = 'held'", nullptr);
  }

  Result<int> RequeueHeld(TimePoint now) override {
    int count = 0;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const long long at = Micros(now);
      soci::statement update = (s.prepare << "UPDATE mail_outbox SET status = 'queued', "
                                             "next_attempt_at = :now WHERE status = 'held'",
                                soci::use(at));
      update.execute(true);
      count = static_cast<int>(update.get_affected_rows());
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return count;
  }

  Result<domain::OutboxPage> List(std::optional<MailId> before, int limit) override {
    domain::OutboxPage page;
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      page.items.clear();
      const long long below = before ? before->value : std::numeric_limits<long long>::max();
      const int fetch = limit + 1;
      page.items = Select(s,
                          "SELECT " + std::string(kColumns) +
                              " FROM mail_outbox WHERE id < :before ORDER BY id DESC LIMIT :limit",
                          [&](soci::statement& st) {
                            st.exchange(soci::use(below));
                            st.exchange(soci::use(fetch));
                          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.resize(limit);
      page.next = page.items.back().id;
    }
    return page;
  }

  Result<OutboxMail> Get(MailId id) override {
    std::optional<OutboxMail> mail;
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      const long long key = id.value;
      std::vector<OutboxMail> rows =
          Select(s, "SELECT " + std::string(kColumns) + " FROM mail_outbox WHERE id = :id",
                 [&](soci::statement& st) { st.exchange(soci::use(key)); });
      if (!rows.empty()) mail = std::move(rows.front());
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!mail) return Status::NotFound("no such message");
    return *mail;
  }

 private:
  // Ends `claimer`'s lease on a queued message with `assignments` (which may use :error).
  Status Finish(MailId id, const std::string& claimer, const std::string& assignments,
                const std::string* error) {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value;
      const std::string sql = "UPDATE mail_outbox SET " + assignments +
                              ", claimed_by = NULL, lease_until = NULL WHERE id = :id AND "
                              "status = 'queued' AND claimed_by = :claimer";
      soci::statement st =
          error ? (s.prepare << sql, soci::use(*error, "error"), soci::use(key, "id"),
                   soci::use(claimer, "claimer"))
                : (s.prepare << sql, soci::use(key, "id"), soci::use(claimer, "claimer"));
      st.execute(true);
      if (st.get_affected_rows() == 1) return Status::Ok();
      long long exists = 0;
      s << "SELECT COUNT(*) FROM mail_outbox WHERE id = :id", soci::use(key), soci::into(exists);
      if (exists == 0) return Status::NotFound("no such message");
      return Status::Conflict("the message is not leased to " + claimer);
    });
  }

  Database& db_;
};

}  // namespace

QueuedMailInsert::QueuedMailInsert(soci::session& session, TimePoint now)
    : status_(MailStatusName(MailStatus::kQueued)),
      at_(Micros(now)),
      statement_((session.prepare << "INSERT INTO mail_outbox (recipient, subject, body, kind, "
                                     "status, attempts, next_attempt_at, created_at, "
                                     "calendar_method, calendar, reminder_for) VALUES "
                                     "(:recipient, :subject, :body, :kind, :status, 0, "
                                     ":next_attempt_at, :created_at, :calendar_method, "
                                     ":calendar, :reminder_for) RETURNING id",
                  soci::use(message_.to), soci::use(message_.subject), soci::use(message_.text),
                  soci::use(message_.kind), soci::use(status_), soci::use(at_), soci::use(at_),
                  soci::use(message_.calendar_method), soci::use(message_.calendar),
                  soci::use(message_.reminder_for), soci::into(id_))) {}

long long QueuedMailInsert::Insert(const domain::MailMessage& message) {
  message_ = message;
  statement_.execute(true);
  return id_;
}

long long QueuedMailInsert::Insert(const domain::MailMessage& message, TimePoint at) {
  at_ = Micros(at);
  return Insert(message);
}

void QueueMails(soci::session& session, TimePoint now,
                const std::vector<domain::MailMessage>& messages) {
  QueueMails(session, std::vector<TimePoint>(messages.size(), now), messages);
}

void QueueMails(soci::session& session, const std::vector<TimePoint>& at,
                const std::vector<domain::MailMessage>& messages) {
  if (messages.empty()) return;
  if (!IsPostgresql(session)) {
    QueuedMailInsert insert(session, at[0]);
    for (std::size_t i = 0; i < messages.size(); ++i) insert.Insert(messages[i], at[i]);
    return;
  }
  const std::string_view queued = MailStatusName(MailStatus::kQueued);
  CopyRows rows(11);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const domain::MailMessage& m = messages[i];
    const long long due = Micros(at[i]);
    rows.Text(m.to).Text(m.subject).Text(m.text).Text(m.kind).Text(queued).Int(0).Int(due);
    rows.Int(due).Text(m.calendar_method).Text(m.calendar).Text(m.reminder_for);
  }
  CopyInto(session, "mail_outbox",
           "recipient, subject, body, kind, status, attempts, next_attempt_at, created_at, "
           "calendar_method, calendar, reminder_for",
           rows);
}

std::unique_ptr<domain::MailOutbox> MakeMailOutbox(Database& db) {
  return std::make_unique<SqlMailOutbox>(db);
}

}  // namespace pairwise::storage
