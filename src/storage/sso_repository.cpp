#include "storage/sso_repository.h"

#include <soci/soci.h>

#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::SsoAttempt;
using domain::SsoSettings;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

class SqlSsoRepository final : public domain::SsoRepository {
 public:
  explicit SqlSsoRepository(Database& db) : db_(db) {}

  Result<std::optional<SsoSettings>> LoadSettings() override {
    std::optional<SsoSettings> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& session) -> Status {
      SsoSettings s;
      int enabled = 0, passwords = 1;
      std::string match_by;
      long long updated = 0;
      session << "SELECT enabled, provider_name, issuer, client_id, client_secret, match_by, "
                 "claim, password_sign_in, updated_at_us, updated_by FROM sso_settings "
                 "WHERE id = 1",
          soci::into(enabled), soci::into(s.provider_name), soci::into(s.issuer),
          soci::into(s.client_id), soci::into(s.client_secret), soci::into(match_by),
          soci::into(s.claim), soci::into(passwords), soci::into(updated), soci::into(s.updated_by);
      if (!session.got_data()) return Status::Ok();
      s.enabled = enabled != 0;
      s.password_sign_in = passwords != 0;
      s.match_by = domain::ParseSsoMatchBy(match_by).value_or(domain::SsoMatchBy::kEmail);
      s.updated_at = FromUs(updated);
      out = std::move(s);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SaveSettings(const SsoSettings& settings) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& session) -> Status {
      const int enabled = settings.enabled ? 1 : 0;
      const int passwords = settings.password_sign_in ? 1 : 0;
      const std::string match_by(domain::SsoMatchByName(settings.match_by));
      const long long updated = Us(settings.updated_at);
      session << "DELETE FROM sso_settings";
      session << "INSERT INTO sso_settings (id, enabled, provider_name, issuer, client_id, "
                 "client_secret, match_by, claim, password_sign_in, updated_at_us, updated_by) "
                 "VALUES (1, :e, :n, :i, :c, :s, :m, :cl, :p, :u, :b)",
          soci::use(enabled), soci::use(settings.provider_name), soci::use(settings.issuer),
          soci::use(settings.client_id), soci::use(settings.client_secret), soci::use(match_by),
          soci::use(settings.claim), soci::use(passwords), soci::use(updated),
          soci::use(settings.updated_by);
      return Status::Ok();
    });
  }

  Result<SsoAttempt> CreateAttempt(const SsoAttempt& attempt) override {
    SsoAttempt out = attempt;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& session) -> Status {
      const long long created = Us(attempt.created_at), expires = Us(attempt.expires_at);
      try {
        session << "INSERT INTO sso_attempts (state_hash, browser_hash, nonce, code_verifier, "
                   "created_at_us, expires_at_us) VALUES (:s, :b, :n, :v, :c, :e)",
            soci::use(attempt.state_hash), soci::use(attempt.browser_hash),
            soci::use(attempt.nonce), soci::use(attempt.code_verifier), soci::use(created),
            soci::use(expires);
      } catch (const soci::soci_error& e) {
        if (IsUniqueViolation(e)) return Status::Conflict("this sign-in state exists");
        throw;
      }
      long long id = 0;
      session << "SELECT id FROM sso_attempts WHERE state_hash = :s", soci::use(attempt.state_hash),
          soci::into(id);
      out.id = id;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::optional<SsoAttempt>> TakeAttempt(std::string_view state_hash,
                                                TimePoint now) override {
    std::optional<SsoAttempt> out;
    const std::string hash(state_hash);
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& session) -> Status {
      const long long now_us = Us(now);
      // The update decides who takes it: one row changes for exactly one caller.
      soci::statement st =
          (session.prepare << "UPDATE sso_attempts SET used_at_us = :n WHERE state_hash = :s "
                              "AND used_at_us IS NULL AND expires_at_us > :n2",
           soci::use(now_us), soci::use(hash), soci::use(now_us));
      st.execute(true);
      if (st.get_affected_rows() != 1) return Status::Ok();
      SsoAttempt a;
      long long id = 0, created = 0, expires = 0;
      session << "SELECT id, browser_hash, nonce, code_verifier, created_at_us, expires_at_us "
                 "FROM sso_attempts WHERE state_hash = :s",
          soci::use(hash), soci::into(id), soci::into(a.browser_hash), soci::into(a.nonce),
          soci::into(a.code_verifier), soci::into(created), soci::into(expires);
      a.id = id;
      a.state_hash = hash;
      a.created_at = FromUs(created);
      a.expires_at = FromUs(expires);
      out = std::move(a);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<int64_t> DeleteExpiredAttempts(TimePoint before) override {
    int64_t deleted = 0;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& session) -> Status {
      const long long before_us = Us(before);
      soci::statement st = (session.prepare << "DELETE FROM sso_attempts WHERE expires_at_us < :b",
                            soci::use(before_us));
      st.execute(true);
      deleted = st.get_affected_rows();
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return deleted;
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<domain::SsoRepository> MakeSsoRepository(Database& db) {
  return std::make_unique<SqlSsoRepository>(db);
}

}  // namespace pairwise::storage
