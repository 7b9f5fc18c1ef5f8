#include "storage/memory/memory_account_repository.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"

namespace pairwise::storage {

namespace {

using domain::Account;
using domain::AccountStatus;
using domain::ApiToken;
using domain::FailureWindow;
using domain::OneTimeToken;
using domain::Session;

std::vector<domain::Role> Normalized(std::vector<domain::Role> roles) {
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  return roles;
}

}  // namespace

Result<Account> MemoryAccountRepository::Complete(Account account) {
  auto person = people_.FindByEmployeeId(account.employee_id);
  if (!person.ok()) return person.status();
  if (!*person) return Status::Internal("account of unknown person " + account.employee_id);
  account.email = (*person)->email;
  account.name = (*person)->first_name + " " + (*person)->last_name;
  account.person_left = (*person)->status == domain::EmploymentStatus::kLeft;
  return account;
}

Result<Account> MemoryAccountRepository::CreateAccount(const domain::NewAccount& fresh) {
  std::lock_guard lock(mutex_);
  auto person = people_.FindByEmployeeId(fresh.employee_id);
  if (!person.ok()) return person.status();
  if (!*person) return Status::NotFound("no person has employee id " + fresh.employee_id);
  for (const auto& [id, a] : accounts_) {
    if (a.employee_id == fresh.employee_id) {
      return Status::Conflict("person " + fresh.employee_id + " already has an account");
    }
  }
  Account account;
  account.id = AccountId(next_id_++);
  account.employee_id = fresh.employee_id;
  account.status = fresh.status;
  account.roles = Normalized(fresh.roles);
  account.password_hash = fresh.password_hash;
  account.created_at = fresh.created_at;
  accounts_[account.id.value] = account;
  return Complete(std::move(account));
}

Result<std::optional<Account>> MemoryAccountRepository::FindAccount(AccountId id) {
  std::lock_guard lock(mutex_);
  auto it = accounts_.find(id.value);
  if (it == accounts_.end()) return std::optional<Account>();
  auto complete = Complete(it->second);
  if (!complete.ok()) return complete.status();
  return std::optional<Account>(std::move(complete).value());
}

Result<std::optional<Account>> MemoryAccountRepository::FindAccountByEmail(std::string_view email) {
  std::lock_guard lock(mutex_);
  const std::string key = AsciiLower(email);
  for (const auto& [id, a] : accounts_) {
    auto complete = Complete(a);
    if (!complete.ok()) return complete.status();
    if (AsciiLower(complete->email) == key)
      return std::optional<Account>(std::move(complete).value());
  }
  return std::optional<Account>();
}

Result<std::optional<Account>> MemoryAccountRepository::FindAccountByEmployeeId(
    std::string_view employee_id) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, a] : accounts_) {
    if (a.employee_id != employee_id) continue;
    auto complete = Complete(a);
    if (!complete.ok()) return complete.status();
    return std::optional<Account>(std::move(complete).value());
  }
  return std::optional<Account>();
}

Result<std::vector<Account>> MemoryAccountRepository::ListAccounts(
    const domain::AccountPageRequest& request) {
  if (request.limit < 1 || request.limit > domain::kMaxAccountPageSize) {
    return Status::InvalidArgument("limit out of range", "limit");
  }
  std::lock_guard lock(mutex_);
  const std::string q = AsciiLower(request.query);
  std::vector<Account> out;
  for (auto it = accounts_.upper_bound(request.after_id); it != accounts_.end(); ++it) {
    auto complete = Complete(it->second);
    if (!complete.ok()) return complete.status();
    if (!q.empty() && AsciiLower(complete->email).find(q) == std::string::npos &&
        AsciiLower(complete->name).find(q) == std::string::npos &&
        AsciiLower(complete->employee_id).find(q) == std::string::npos) {
      continue;
    }
    out.push_back(std::move(complete).value());
    if (static_cast<int>(out.size()) == request.limit) break;
  }
  return out;
}

Status MemoryAccountRepository::SetPassword(AccountId id, std::string_view password_hash,
                                            AccountStatus status) {
  std::lock_guard lock(mutex_);
  auto it = accounts_.find(id.value);
  if (it == accounts_.end()) return Status::NotFound("no such account");
  it->second.password_hash = std::string(password_hash);
  it->second.status = status;
  return Status::Ok();
}

Status MemoryAccountRepository::SetStatus(AccountId id, AccountStatus status) {
  std::lock_guard lock(mutex_);
  auto it = accounts_.find(id.value);
  if (it == accounts_.end()) return Status::NotFound("no such account");
  it->second.status = status;
  return Status::Ok();
}

Status MemoryAccountRepository::SetRoles(AccountId id, const std::vector<domain::Role>& roles) {
  std::lock_guard lock(mutex_);
  auto it = accounts_.find(id.value);
  if (it == accounts_.end()) return Status::NotFound("no such account");
  it->second.roles = Normalized(roles);
  return Status::Ok();
}

Result<std::vector<Account>> MemoryAccountRepository::WriteInvitations(
    const std::vector<domain::InvitationWrite>& writes, TimePoint now) {
  std::lock_guard lock(mutex_);
  // Every check first, so that a refused write changes nothing (as the SQL transaction).
  std::vector<std::string> creating;
  for (const domain::InvitationWrite& w : writes) {
    if (w.account_id.valid()) {
      if (!accounts_.contains(w.account_id.value)) return Status::NotFound("no such account");
      continue;
    }
    auto person = people_.FindByEmployeeId(w.employee_id);
    if (!person.ok()) return person.status();
    if (!*person) return Status::NotFound("no person has employee id " + w.employee_id);
    const bool has = std::any_of(accounts_.begin(), accounts_.end(), [&](const auto& entry) {
      return entry.second.employee_id == w.employee_id;
    });
    if (has || std::find(creating.begin(), creating.end(), w.employee_id) != creating.end()) {
      return Status::Conflict("person " + w.employee_id + " already has an account");
    }
    creating.push_back(w.employee_id);
  }
  if (mail_ == nullptr && !writes.empty()) return Status::Internal("no mail queue");
  std::vector<Account> out;
  for (const domain::InvitationWrite& w : writes) {
    int64_t id = w.account_id.value;
    if (!w.account_id.valid()) {
      Account account;
      account.id = AccountId(next_id_++);
      account.employee_id = w.employee_id;
      account.status = domain::AccountStatus::kInvited;
      account.created_at = now;
      id = account.id.value;
      accounts_[id] = std::move(account);
    }
    accounts_[id].roles = Normalized(w.roles);
    for (auto& [token_id, t] : one_time_) {
      if (t.account_id.value == id && t.purpose == domain::OneTimePurpose::kInvitation &&
          !t.used_at) {
        t.used_at = now;
      }
    }
    domain::OneTimeToken token = w.token;
    token.id = next_id_++;
    token.account_id = AccountId(id);
    token.purpose = domain::OneTimePurpose::kInvitation;
    one_time_[token.id] = token;
    PAIRWISE_RETURN_IF_ERROR(mail_->Enqueue(w.mail));
    auto completed = Complete(accounts_[id]);
    if (!completed.ok()) return completed.status();
    out.push_back(std::move(completed).value());
  }
  return out;
}

Result<Session> MemoryAccountRepository::CreateSession(const Session& session) {
  std::lock_guard lock(mutex_);
  if (!accounts_.contains(session.account_id.value)) return Status::Internal("no such account");
  for (const auto& [id, s] : sessions_) {
    if (s.token_hash == session.token_hash) return Status::Conflict("duplicate session token");
  }
  Session stored = session;
  stored.id = next_id_++;
  sessions_[stored.id] = stored;
  return stored;
}

Result<std::optional<Session>> MemoryAccountRepository::FindSession(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, s] : sessions_) {
    if (s.token_hash == token_hash) return std::optional<Session>(s);
  }
  return std::optional<Session>();
}

Status MemoryAccountRepository::TouchSession(int64_t session_id, TimePoint last_seen_at) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(session_id);
  if (it != sessions_.end()) it->second.last_seen_at = last_seen_at;
  return Status::Ok();
}

Status MemoryAccountRepository::DeleteSession(int64_t session_id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session_id);
  return Status::Ok();
}

Result<int64_t> MemoryAccountRepository::DeleteSessionsOf(AccountId account_id) {
  std::lock_guard lock(mutex_);
  return static_cast<int64_t>(
      std::erase_if(sessions_, [&](const auto& kv) { return kv.second.account_id == account_id; }));
}

Result<int64_t> MemoryAccountRepository::DeleteExpiredSessions(TimePoint now,
                                                               TimePoint idle_before) {
  std::lock_guard lock(mutex_);
  return static_cast<int64_t>(std::erase_if(sessions_, [&](const auto& kv) {
    return kv.second.absolute_expires_at <= now || kv.second.last_seen_at < idle_before;
  }));
}

Status MemoryAccountRepository::RecordLoginFailure(std::string_view email_key,
                                                   std::string_view remote_address, TimePoint at) {
  std::lock_guard lock(mutex_);
  failures_.push_back({std::string(email_key), std::string(remote_address), at});
  return Status::Ok();
}

Result<FailureWindow> MemoryAccountRepository::CountFailuresByEmail(std::string_view email_key,
                                                                    TimePoint since) {
  std::lock_guard lock(mutex_);
  FailureWindow w;
  for (const Failure& f : failures_) {
    if (f.email_key != email_key || f.at <= since) continue;
    ++w.count;
    if (!w.oldest || f.at < *w.oldest) w.oldest = f.at;
  }
  return w;
}

Result<FailureWindow> MemoryAccountRepository::CountFailuresByAddress(
    std::string_view remote_address, TimePoint since) {
  std::lock_guard lock(mutex_);
  FailureWindow w;
  for (const Failure& f : failures_) {
    if (f.remote_address != remote_address || f.at <= since) continue;
    ++w.count;
    if (!w.oldest || f.at < *w.oldest) w.oldest = f.at;
  }
  return w;
}

Status MemoryAccountRepository::ClearFailuresByEmail(std::string_view email_key) {
  std::lock_guard lock(mutex_);
  std::erase_if(failures_, [&](const Failure& f) { return f.email_key == email_key; });
  return Status::Ok();
}

Status MemoryAccountRepository::PruneFailures(TimePoint before) {
  std::lock_guard lock(mutex_);
  std::erase_if(failures_, [&](const Failure& f) { return f.at < before; });
  return Status::Ok();
}

Result<OneTimeToken> MemoryAccountRepository::CreateOneTimeToken(const OneTimeToken& token) {
  std::lock_guard lock(mutex_);
  if (!accounts_.contains(token.account_id.value)) return Status::Internal("no such account");
  for (const auto& [id, t] : one_time_) {
    if (t.token_hash == token.token_hash) return Status::Conflict("duplicate token");
  }
  OneTimeToken stored = token;
  stored.id = next_id_++;
  one_time_[stored.id] = stored;
  return stored;
}

Result<std::optional<OneTimeToken>> MemoryAccountRepository::FindOneTimeToken(
    std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, t] : one_time_) {
    if (t.token_hash == token_hash) return std::optional<OneTimeToken>(t);
  }
  return std::optional<OneTimeToken>();
}

Result<bool> MemoryAccountRepository::ConsumeOneTimeToken(int64_t token_id, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = one_time_.find(token_id);
  if (it == one_time_.end() || it->second.used_at || now >= it->second.expires_at) return false;
  it->second.used_at = now;
  return true;
}

Status MemoryAccountRepository::ExpireOneTimeTokens(AccountId account_id,
                                                    domain::OneTimePurpose purpose, TimePoint now) {
  std::lock_guard lock(mutex_);
  for (auto& [id, t] : one_time_) {
    if (t.account_id == account_id && t.purpose == purpose && !t.used_at) t.used_at = now;
  }
  return Status::Ok();
}

Result<ApiToken> MemoryAccountRepository::CreateApiToken(const ApiToken& token) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, t] : api_tokens_) {
    if (t.token_hash == token.token_hash) return Status::Conflict("duplicate token");
  }
  ApiToken stored = token;
  stored.id = ApiTokenId(next_id_++);
  std::sort(stored.scopes.begin(), stored.scopes.end());
  api_tokens_[stored.id.value] = stored;
  return stored;
}

Result<std::optional<ApiToken>> MemoryAccountRepository::FindApiToken(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, t] : api_tokens_) {
    if (t.token_hash == token_hash) return std::optional<ApiToken>(t);
  }
  return std::optional<ApiToken>();
}

Result<std::optional<ApiToken>> MemoryAccountRepository::FindApiTokenById(ApiTokenId id) {
  std::lock_guard lock(mutex_);
  auto it = api_tokens_.find(id.value);
  if (it == api_tokens_.end()) return std::optional<ApiToken>();
  return std::optional<ApiToken>(it->second);
}

Result<std::vector<ApiToken>> MemoryAccountRepository::ListApiTokens() {
  std::lock_guard lock(mutex_);
  std::vector<ApiToken> out;
  for (auto it = api_tokens_.rbegin(); it != api_tokens_.rend(); ++it) out.push_back(it->second);
  return out;
}

Result<bool> MemoryAccountRepository::RevokeApiToken(ApiTokenId id, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = api_tokens_.find(id.value);
  if (it == api_tokens_.end() || it->second.revoked_at) return false;
  it->second.revoked_at = now;
  return true;
}

Status MemoryAccountRepository::TouchApiToken(ApiTokenId id, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = api_tokens_.find(id.value);
  if (it != api_tokens_.end()) it->second.last_used_at = now;
  return Status::Ok();
}

Status MemoryAuditLog::Record(domain::AuditEntry entry) {
  std::lock_guard lock(mutex_);
  entry.id = static_cast<int64_t>(entries_.size()) + 1;
  entry.at = FormatIso8601(clock_.Now());
  entries_.push_back(std::move(entry));
  return Status::Ok();
}

Result<std::vector<domain::AuditEntry>> MemoryAuditLog::List(const domain::AuditQuery& query) {
  if (query.limit < 1 || query.limit > domain::kMaxAuditPageSize) {
    return Status::InvalidArgument("limit out of range", "limit");
  }
  std::lock_guard lock(mutex_);
  std::vector<domain::AuditEntry> out;
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (query.before_id > 0 && it->id >= query.before_id) continue;
    if (!query.action.empty() && it->action != query.action) continue;
    out.push_back(*it);
    if (static_cast<int>(out.size()) == query.limit) break;
  }
  return out;
}

std::vector<domain::AuditEntry> MemoryAuditLog::Entries() {
  std::lock_guard lock(mutex_);
  return entries_;
}

}  // namespace pairwise::storage
