// AccountRepository and the audit log over SOCI: the same statements for SQLite and PostgreSQL.
// Times are stored as microseconds since the Unix epoch (BIGINT), which both compare exactly.
#include <soci/soci.h>

#include <algorithm>
#include <cctype>

#include "common/text.h"
#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/mail_outbox_rows.h"
#include "storage/vector_rows.h"

namespace pairwise::storage {

namespace {

using domain::Account;
using domain::AccountId;
using domain::AccountStatus;
using domain::ApiToken;
using domain::ApiTokenId;
using domain::FailureWindow;
using domain::OneTimeToken;
using domain::Session;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }
std::optional<TimePoint> FromUs(long long us, soci::indicator ind) {
  if (ind != soci::i_ok) return std::nullopt;
  return FromUs(us);
}

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::vector<std::string> sorted = scopes;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::string out;
  for (const auto& s : sorted) out += (out.empty() ? "" : " ") + s;
  return out;
}

std::vector<std::string> SplitScopes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

constexpr std::string_view kAccountSelect =
    "SELECT a.id, p.employee_id, p.email, p.first_name, p.last_name, p.status, a.status, "
    "a.password_hash, a.created_at_us FROM accounts a JOIN people p ON p.id = a.person_id ";

// Reads at most one account matching `where` (which binds through `bind`), with its roles.
template <typename Bind>
std::optional<Account> SelectAccount(soci::session& s, std::string_view where, Bind bind) {
  long long id = 0, created_at = 0;
  std::string employee_id, email, first_name, last_name, person_status, status, hash;
  soci::indicator hash_ind = soci::i_ok;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(employee_id));
  st.exchange(soci::into(email));
  st.exchange(soci::into(first_name));
  st.exchange(soci::into(last_name));
  st.exchange(soci::into(person_status));
  st.exchange(soci::into(status));
  st.exchange(soci::into(hash, hash_ind));
  st.exchange(soci::into(created_at));
  bind(st);
  PrepareOnce(st, std::string(kAccountSelect) + std::string(where));
  if (!st.execute(true)) return std::nullopt;
  Account a;
  a.id = AccountId(id);
  a.employee_id = employee_id;
  a.email = email;
  a.name = first_name + " " + last_name;
  a.person_left = person_status == "left";
  a.status = domain::ParseAccountStatus(status).value_or(AccountStatus::kDisabled);
  if (hash_ind == soci::i_ok) a.password_hash = hash;
  a.created_at = FromUs(created_at);
  std::vector<std::string> roles(8);
  s << "SELECT role FROM account_roles WHERE account_id = :id ORDER BY role", soci::use(id),
      soci::into(roles);
  for (const std::string& r : roles) {
    if (auto role = domain::ParseRole(r)) a.roles.push_back(*role);
  }
  std::sort(a.roles.begin(), a.roles.end());
  return a;
}

std::optional<Account> AccountById(soci::session& s, long long id) {
  return SelectAccount(s, "WHERE a.id = :id",
                       [&](soci::statement& st) { st.exchange(soci::use(id)); });
}

void WriteRoles(soci::session& s, long long id, const std::vector<domain::Role>& roles) {
  s << "DELETE FROM account_roles WHERE account_id = :id", soci::use(id);
  std::vector<domain::Role> sorted = roles;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (domain::Role r : sorted) {
    const std::string name(domain::RoleName(r));
    s << "INSERT INTO account_roles (account_id, role) VALUES (:id, :role)", soci::use(id),
        soci::use(name);
  }
}

template <typename Bind>
std::optional<Session> SelectSession(soci::session& s, std::string_view where, Bind bind) {
  Session out;
  long long id = 0, account_id = 0, created = 0, seen = 0, absolute = 0;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(out.token_hash));
  st.exchange(soci::into(out.csrf_token));
  st.exchange(soci::into(account_id));
  st.exchange(soci::into(created));
  st.exchange(soci::into(seen));
  st.exchange(soci::into(absolute));
  st.exchange(soci::into(out.remote_address));
  bind(st);
  PrepareOnce(st,
              "SELECT id, token_hash, csrf_token, account_id, created_at_us, last_seen_at_us, "
              "absolute_expires_at_us, remote_address FROM sessions " +
                  std::string(where));
  if (!st.execute(true)) return std::nullopt;
  out.id = id;
  out.account_id = AccountId(account_id);
  out.created_at = FromUs(created);
  out.last_seen_at = FromUs(seen);
  out.absolute_expires_at = FromUs(absolute);
  return out;
}

template <typename Bind>
std::optional<OneTimeToken> SelectOneTime(soci::session& s, std::string_view where, Bind bind) {
  OneTimeToken out;
  long long id = 0, account_id = 0, created = 0, expires = 0, used = 0;
  std::string purpose;
  soci::indicator used_ind = soci::i_ok;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(out.token_hash));
  st.exchange(soci::into(purpose));
  st.exchange(soci::into(account_id));
  st.exchange(soci::into(created));
  st.exchange(soci::into(expires));
  st.exchange(soci::into(used, used_ind));
  bind(st);
  PrepareOnce(st,
              "SELECT id, token_hash, purpose, account_id, created_at_us, expires_at_us, "
              "used_at_us FROM one_time_tokens " +
                  std::string(where));
  if (!st.execute(true)) return std::nullopt;
  out.id = id;
  out.purpose = domain::ParseOneTimePurpose(purpose).value_or(domain::OneTimePurpose::kReset);
  out.account_id = AccountId(account_id);
  out.created_at = FromUs(created);
  out.expires_at = FromUs(expires);
  out.used_at = FromUs(used, used_ind);
  return out;
}

template <typename Bind>
std::optional<ApiToken> SelectApiToken(soci::session& s, std::string_view where, Bind bind) {
  ApiToken out;
  long long id = 0, created = 0, expires = 0, revoked = 0, used = 0, created_by = 0;
  std::string scopes;
  soci::indicator expires_ind = soci::i_ok, revoked_ind = soci::i_ok, used_ind = soci::i_ok,
                  by_ind = soci::i_ok;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(out.name));
  st.exchange(soci::into(out.token_hash));
  st.exchange(soci::into(scopes));
  st.exchange(soci::into(created));
  st.exchange(soci::into(expires, expires_ind));
  st.exchange(soci::into(revoked, revoked_ind));
  st.exchange(soci::into(used, used_ind));
  st.exchange(soci::into(created_by, by_ind));
  bind(st);
  PrepareOnce(st,
              "SELECT id, name, token_hash, scopes, created_at_us, expires_at_us, revoked_at_us, "
              "last_used_at_us, created_by FROM api_tokens " +
                  std::string(where));
  if (!st.execute(true)) return std::nullopt;
  out.id = ApiTokenId(id);
  out.scopes = SplitScopes(scopes);
  out.created_at = FromUs(created);
  out.expires_at = FromUs(expires, expires_ind);
  out.revoked_at = FromUs(revoked, revoked_ind);
  out.last_used_at = FromUs(used, used_ind);
  if (by_ind == soci::i_ok) out.created_by = AccountId(created_by);
  return out;
}

FailureWindow CountFailures(soci::session& s, std::string_view column, const std::string& key,
                            TimePoint since) {
  long long count = 0, oldest = 0;
  soci::indicator oldest_ind = soci::i_ok;
  const long long since_us = Us(since);
  s << "SELECT COUNT(*), MIN(at_us) FROM login_failures WHERE " + std::string(column) +
           " = :key AND at_us > :since",
      soci::use(key), soci::use(since_us), soci::into(count), soci::into(oldest, oldest_ind);
  FailureWindow w;
  w.count = count;
  w.oldest = FromUs(oldest, oldest_ind);
  return w;
}

// Reads ids from a statement in batches.
std::vector<long long> FetchIds(soci::statement& st, std::vector<long long>& batch) {
  std::vector<long long> all;
  st.execute();
  while (st.fetch()) {
    all.insert(all.end(), batch.begin(), batch.end());
    batch.resize(256);
  }
  return all;
}

class SqlAccountRepository final : public domain::AccountRepository {
 public:
  explicit SqlAccountRepository(Database& db) : db_(db) {}

  Result<Account> CreateAccount(const domain::NewAccount& fresh) override {
    Account out;
    Status s = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      long long person_id = 0;
      s << "SELECT id FROM people WHERE employee_id = :e", soci::use(fresh.employee_id),
          soci::into(person_id);
      if (!s.got_data()) return Status::NotFound("no person has employee id " + fresh.employee_id);
      long long existing = 0;
      s << "SELECT id FROM accounts WHERE person_id = :p", soci::use(person_id),
          soci::into(existing);
      if (s.got_data()) {
        return Status::Conflict("person " + fresh.employee_id + " already has an account");
      }
      const std::string status(domain::AccountStatusName(fresh.status));
      const std::string hash = fresh.password_hash;
      soci::indicator hash_ind = hash.empty() ? soci::i_null : soci::i_ok;
      const long long created = Us(fresh.created_at);
      long long id = 0;
      s << "INSERT INTO accounts (person_id, status, password_hash, created_at_us) "
           "VALUES (:p, :s, :h, :c) RETURNING id",
          soci::use(person_id), soci::use(status), soci::use(hash, hash_ind), soci::use(created),
          soci::into(id);
      WriteRoles(s, id, fresh.roles);
      auto read = AccountById(s, id);
      if (!read) return Status::Internal("account vanished after insert");
      out = std::move(*read);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<Account>> FindAccount(AccountId id) override {
    std::optional<Account> out;
    // Without a transaction (the account, then its roles): every signed-in request reads it, and
    // BEGIN and COMMIT are two more round trips on PostgreSQL.
    Status s = db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      const long long id_ll = id.value;
      out = AccountById(s, id_ll);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<Account>> FindAccountByEmail(std::string_view email) override {
    std::optional<Account> out;
    const std::string key = AsciiLower(email);
    Status s = db_.Run(TransactionMode::kRead, [&](soci::session& s) {
      out = SelectAccount(s, "WHERE lower(p.email) = :email",
                          [&](soci::statement& st) { st.exchange(soci::use(key)); });
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<Account>> FindAccountByEmployeeId(std::string_view employee_id) override {
    std::optional<Account> out;
    const std::string key(employee_id);
    Status s = db_.Run(TransactionMode::kRead, [&](soci::session& s) {
      out = SelectAccount(s, "WHERE p.employee_id = :e",
                          [&](soci::statement& st) { st.exchange(soci::use(key)); });
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<Account>> ListAccounts(const domain::AccountPageRequest& request) override {
    if (request.limit < 1 || request.limit > domain::kMaxAccountPageSize) {
      return Status::InvalidArgument("limit out of range", "limit");
    }
    std::vector<Account> out;
    Status s = db_.Run(TransactionMode::kRead, [&](soci::session& s) {
      const std::string pattern = "%" + AsciiLower(request.query) + "%";
      const long long after = request.after_id;
      const int limit = request.limit;
      std::vector<long long> ids(VectorRows(limit));
      // Wildcards in the query match literally enough for a search box; LIKE is
      // case-sensitive on PostgreSQL, hence lower() on both sides.
      s << "SELECT a.id FROM accounts a JOIN people p ON p.id = a.person_id "
           "WHERE a.id > :after AND (lower(p.email) LIKE :q OR lower(p.first_name || ' ' || "
           "p.last_name) LIKE :q2 OR lower(p.employee_id) LIKE :q3) ORDER BY a.id LIMIT :limit",
          soci::use(after), soci::use(pattern), soci::use(pattern), soci::use(pattern),
          soci::use(limit), soci::into(ids);
      for (long long id : ids) {
        if (auto a = AccountById(s, id)) out.push_back(std::move(*a));
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Status SetPassword(AccountId id, std::string_view password_hash, AccountStatus status) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const long long id_ll = id.value;
      const std::string hash(password_hash);
      const std::string st_name(domain::AccountStatusName(status));
      soci::statement st = OnceStatement(s,
                                         "UPDATE accounts SET password_hash = :h, status = :s "
                                         "WHERE id = :id",
                                         soci::use(hash), soci::use(st_name), soci::use(id_ll));
      st.execute(true);
      if (st.get_affected_rows() == 0) return Status::NotFound("no such account");
      return Status::Ok();
    });
  }

  Status SetStatus(AccountId id, AccountStatus status) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const long long id_ll = id.value;
      const std::string st_name(domain::AccountStatusName(status));
      soci::statement st = OnceStatement(s, "UPDATE accounts SET status = :s WHERE id = :id",
                                         soci::use(st_name), soci::use(id_ll));
      st.execute(true);
      if (st.get_affected_rows() == 0) return Status::NotFound("no such account");
      return Status::Ok();
    });
  }

  Status SetRoles(AccountId id, const std::vector<domain::Role>& roles) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const long long id_ll = id.value;
      long long found = 0;
      s << "SELECT id FROM accounts WHERE id = :id", soci::use(id_ll), soci::into(found);
      if (!s.got_data()) return Status::NotFound("no such account");
      WriteRoles(s, id.value, roles);
      return Status::Ok();
    });
  }

  Result<std::vector<Account>> WriteInvitations(const std::vector<domain::InvitationWrite>& writes,
                                                TimePoint now) override {
    std::vector<Account> out;
    Status s = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      out.clear();
      QueuedMailInsert mail(s, now);
      const long long now_us = Us(now);
      const std::string invitation(domain::OneTimePurposeName(domain::OneTimePurpose::kInvitation));
      for (const domain::InvitationWrite& w : writes) {
        long long id = w.account_id.value;
        if (!w.account_id.valid()) {
          long long person_id = 0;
          s << "SELECT id FROM people WHERE employee_id = :e", soci::use(w.employee_id),
              soci::into(person_id);
          if (!s.got_data()) return Status::NotFound("no person has employee id " + w.employee_id);
          long long existing = 0;
          s << "SELECT id FROM accounts WHERE person_id = :p", soci::use(person_id),
              soci::into(existing);
          if (s.got_data()) {
            return Status::Conflict("person " + w.employee_id + " already has an account");
          }
          const std::string status(domain::AccountStatusName(domain::AccountStatus::kInvited));
          s << "INSERT INTO accounts (person_id, status, password_hash, created_at_us) "
               "VALUES (:p, :s, NULL, :c) RETURNING id",
              soci::use(person_id), soci::use(status), soci::use(now_us), soci::into(id);
        } else {
          long long found = 0;
          s << "SELECT id FROM accounts WHERE id = :id", soci::use(id), soci::into(found);
          if (!s.got_data()) return Status::NotFound("no such account");
        }
        WriteRoles(s, id, w.roles);
        s << "UPDATE one_time_tokens SET used_at_us = :n WHERE account_id = :a AND purpose = :p "
             "AND used_at_us IS NULL",
            soci::use(now_us), soci::use(id), soci::use(invitation);
        const long long created = Us(w.token.created_at), expires = Us(w.token.expires_at);
        s << "INSERT INTO one_time_tokens (token_hash, purpose, account_id, created_at_us, "
             "expires_at_us) VALUES (:t, :p, :a, :c, :e)",
            soci::use(w.token.token_hash), soci::use(invitation), soci::use(id), soci::use(created),
            soci::use(expires);
        mail.Insert(w.mail);
        auto read = AccountById(s, id);
        if (!read) return Status::Internal("account vanished after the invitation");
        out.push_back(std::move(*read));
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<Session> CreateSession(const Session& session) override {
    Session out = session;
    Status s = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const long long account = session.account_id.value, created = Us(session.created_at),
                      seen = Us(session.last_seen_at), absolute = Us(session.absolute_expires_at);
      long long id = 0;
      s << "INSERT INTO sessions (token_hash, csrf_token, account_id, created_at_us, "
           "last_seen_at_us, absolute_expires_at_us, remote_address) "
           "VALUES (:t, :c, :a, :cr, :ls, :ab, :r) RETURNING id",
          soci::use(session.token_hash), soci::use(session.csrf_token), soci::use(account),
          soci::use(created), soci::use(seen), soci::use(absolute),
          soci::use(session.remote_address), soci::into(id);
      out.id = id;
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<Session>> FindSession(std::string_view token_hash) override {
    std::optional<Session> out;
    const std::string key(token_hash);
    Status s = db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      out = SelectSession(s, "WHERE token_hash = :t",
                          [&](soci::statement& st) { st.exchange(soci::use(key)); });
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Status TouchSession(int64_t session_id, TimePoint last_seen_at) override {
    return db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      const long long id = session_id, seen = Us(last_seen_at);
      s << "UPDATE sessions SET last_seen_at_us = :s WHERE id = :id AND last_seen_at_us < :s2",
          soci::use(seen), soci::use(id), soci::use(seen);
      return Status::Ok();
    });
  }

  Status DeleteSession(int64_t session_id) override {
    return db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      const long long id = session_id;
      s << "DELETE FROM sessions WHERE id = :id", soci::use(id);
      return Status::Ok();
    });
  }

  Result<int64_t> DeleteSessionsOf(AccountId account_id) override {
    int64_t count = 0;
    Status s = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const long long account_ll = account_id.value;
      soci::statement st =
          OnceStatement(s, "DELETE FROM sessions WHERE account_id = :a", soci::use(account_ll));
      st.execute(true);
      count = st.get_affected_rows();
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return count;
  }

  Result<int64_t> DeleteExpiredSessions(TimePoint now, TimePoint idle_before) override {
    int64_t count = 0;
    Status s = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const long long now_us = Us(now), idle_us = Us(idle_before);
      soci::statement st =
          OnceStatement(s,
                        "DELETE FROM sessions WHERE absolute_expires_at_us <= :n OR "
                        "last_seen_at_us < :i",
                        soci::use(now_us), soci::use(idle_us));
      st.execute(true);
      count = st.get_affected_rows();
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return count;
  }

  Status RecordLoginFailure(std::string_view email_key, std::string_view remote_address,
                            TimePoint at) override {
    return db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      const std::string key(email_key), address(remote_address);
      const long long at_us = Us(at);
      s << "INSERT INTO login_failures (email_key, remote_address, at_us) VALUES (:k, :r, :a)",
          soci::use(key), soci::use(address), soci::use(at_us);
      return Status::Ok();
    });
  }

  Result<FailureWindow> CountFailuresByEmail(std::string_view email_key, TimePoint since) override {
    FailureWindow w;
    Status s = db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      w = CountFailures(s, "email_key", std::string(email_key), since);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return w;
  }

  Result<FailureWindow> CountFailuresByAddress(std::string_view remote_address,
                                               TimePoint since) override {
    FailureWindow w;
    Status s = db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      w = CountFailures(s, "remote_address", std::string(remote_address), since);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return w;
  }

  Status ClearFailuresByEmail(std::string_view email_key) override {
    return db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      const std::string key(email_key);
      s << "DELETE FROM login_failures WHERE email_key = :k", soci::use(key);
      return Status::Ok();
    });
  }

  Status PruneFailures(TimePoint before) override {
    return db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      const long long us = Us(before);
      s << "DELETE FROM login_failures WHERE at_us < :b", soci::use(us);
      return Status::Ok();
    });
  }

  Result<OneTimeToken> CreateOneTimeToken(const OneTimeToken& token) override {
    OneTimeToken out = token;
    Status s = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const std::string purpose(domain::OneTimePurposeName(token.purpose));
      const long long account = token.account_id.value, created = Us(token.created_at),
                      expires = Us(token.expires_at);
      long long id = 0;
      s << "INSERT INTO one_time_tokens (token_hash, purpose, account_id, created_at_us, "
           "expires_at_us) VALUES (:t, :p, :a, :c, :e) RETURNING id",
          soci::use(token.token_hash), soci::use(purpose), soci::use(account), soci::use(created),
          soci::use(expires), soci::into(id);
      out.id = id;
      out.used_at.reset();
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<OneTimeToken>> FindOneTimeToken(std::string_view token_hash) override {
    std::optional<OneTimeToken> out;
    const std::string key(token_hash);
    Status s = db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      out = SelectOneTime(s, "WHERE token_hash = :t",
                          [&](soci::statement& st) { st.exchange(soci::use(key)); });
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<bool> ConsumeOneTimeToken(int64_t token_id, TimePoint now) override {
    bool consumed = false;
    Status s = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const long long id = token_id, now_us = Us(now);
      soci::statement st =
          OnceStatement(s,
                        "UPDATE one_time_tokens SET used_at_us = :n WHERE id = :id AND "
                        "used_at_us IS NULL AND expires_at_us > :n2",
                        soci::use(now_us), soci::use(id), soci::use(now_us));
      st.execute(true);
      consumed = st.get_affected_rows() == 1;
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return consumed;
  }

  Status ExpireOneTimeTokens(AccountId account_id, domain::OneTimePurpose purpose,
                             TimePoint now) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const long long account_ll = account_id.value;
      const std::string p(domain::OneTimePurposeName(purpose));
      const long long now_us = Us(now);
      s << "UPDATE one_time_tokens SET used_at_us = :n WHERE account_id = :a AND purpose = :p "
           "AND used_at_us IS NULL",
          soci::use(now_us), soci::use(account_ll), soci::use(p);
      return Status::Ok();
    });
  }

  Result<ApiToken> CreateApiToken(const ApiToken& token) override {
    ApiToken out = token;
    Status s = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const std::string scopes = JoinScopes(token.scopes);
      const long long created = Us(token.created_at);
      const long long expires = token.expires_at ? Us(*token.expires_at) : 0;
      soci::indicator expires_ind = token.expires_at ? soci::i_ok : soci::i_null;
      const long long by = token.created_by.value;
      soci::indicator by_ind = token.created_by.valid() ? soci::i_ok : soci::i_null;
      long long id = 0;
      s << "INSERT INTO api_tokens (name, token_hash, scopes, created_at_us, expires_at_us, "
           "created_by) VALUES (:n, :t, :s, :c, :e, :b) RETURNING id",
          soci::use(token.name), soci::use(token.token_hash), soci::use(scopes), soci::use(created),
          soci::use(expires, expires_ind), soci::use(by, by_ind), soci::into(id);
      out.id = ApiTokenId(id);
      out.scopes = SplitScopes(scopes);
      out.revoked_at.reset();
      out.last_used_at.reset();
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<ApiToken>> FindApiToken(std::string_view token_hash) override {
    std::optional<ApiToken> out;
    const std::string key(token_hash);
    Status s = db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      out = SelectApiToken(s, "WHERE token_hash = :t",
                           [&](soci::statement& st) { st.exchange(soci::use(key)); });
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::optional<ApiToken>> FindApiTokenById(ApiTokenId id) override {
    std::optional<ApiToken> out;
    Status s = db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      const long long id_ll = id.value;
      out = SelectApiToken(s, "WHERE id = :id",
                           [&](soci::statement& st) { st.exchange(soci::use(id_ll)); });
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<ApiToken>> ListApiTokens() override {
    std::vector<ApiToken> out;
    Status s = db_.Run(TransactionMode::kRead, [&](soci::session& s) {
      std::vector<long long> batch(256);
      soci::statement st =
          (s.prepare << "SELECT id FROM api_tokens ORDER BY id DESC", soci::into(batch));
      for (long long id : FetchIds(st, batch)) {
        auto t = SelectApiToken(s, "WHERE id = :id",
                                [&](soci::statement& q) { q.exchange(soci::use(id)); });
        if (t) out.push_back(std::move(*t));
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<bool> RevokeApiToken(ApiTokenId id, TimePoint now) override {
    bool revoked = false;
    Status s = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
      const long long id_ll = id.value;
      const long long now_us = Us(now);
      soci::statement st = OnceStatement(s,
                                         "UPDATE api_tokens SET revoked_at_us = :n WHERE id = "
                                         ":id AND revoked_at_us IS NULL",
                                         soci::use(now_us), soci::use(id_ll));
      st.execute(true);
      revoked = st.get_affected_rows() == 1;
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return revoked;
  }

  Status TouchApiToken(ApiTokenId id, TimePoint now) override {
    return db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      const long long id_ll = id.value;
      const long long now_us = Us(now);
      s << "UPDATE api_tokens SET last_used_at_us = :n WHERE id = :id", soci::use(now_us),
          soci::use(id_ll);
      return Status::Ok();
    });
  }

 private:
  Database& db_;
};

class SqlAuditLog final : public domain::AuditRepository {
 public:
  SqlAuditLog(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Status Record(domain::AuditEntry entry) override {
    entry.at = FormatIso8601(clock_.Now());
    return db_.Run(TransactionMode::kNone, [&](soci::session& s) {
      s << "INSERT INTO audit_log (at, actor, action, target, detail, remote_address) "
           "VALUES (:at, :actor, :action, :target, :detail, :r)",
          soci::use(entry.at), soci::use(entry.actor), soci::use(entry.action),
          soci::use(entry.target), soci::use(entry.detail), soci::use(entry.remote_address);
      return Status::Ok();
    });
  }

  Result<std::vector<domain::AuditEntry>> List(const domain::AuditQuery& query) override {
    if (query.limit < 1 || query.limit > domain::kMaxAuditPageSize) {
      return Status::InvalidArgument("limit out of range", "limit");
    }
    std::vector<domain::AuditEntry> out;
    Status s = db_.Run(TransactionMode::kRead, [&](soci::session& s) {
      const std::size_t n = VectorRows(query.limit);
      std::vector<long long> id(n);
      std::vector<std::string> at(n), actor(n), action(n), target(n), detail(n), address(n);
      const long long before = query.before_id > 0 ? query.before_id : INT64_MAX;
      const int limit = query.limit;
      const std::string wanted = query.action;
      const int all = wanted.empty() ? 1 : 0;
      s << "SELECT id, at, actor, action, target, detail, remote_address FROM audit_log "
           "WHERE id < :before AND (:all = 1 OR action = :action) ORDER BY id DESC LIMIT :limit",
          soci::use(before), soci::use(all), soci::use(wanted), soci::use(limit), soci::into(id),
          soci::into(at), soci::into(actor), soci::into(action), soci::into(target),
          soci::into(detail), soci::into(address);
      for (std::size_t i = 0; i < id.size(); ++i) {
        out.push_back({id[i], at[i], actor[i], action[i], target[i], detail[i], address[i]});
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace

std::unique_ptr<domain::AccountRepository> MakeAccountRepository(Database& db) {
  return std::make_unique<SqlAccountRepository>(db);
}

std::unique_ptr<domain::AuditRepository> MakeAuditLog(Database& db, const Clock& clock) {
  return std::make_unique<SqlAuditLog>(db, clock);
}

}  // namespace pairwise::storage
