#include "domain/mail/mail_service.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace pairwise::domain {

namespace {

constexpr std::size_t kMaxAddressLength = 254;
constexpr std::size_t kMaxLocalLength = 64;
constexpr std::size_t kMaxSubjectLength = 998;  // RFC 5322's line limit
constexpr int kMaxListLimit = 200;

bool IsAtext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~.";
  return kSpecials.find(c) != std::string_view::npos;
}

bool IsValidDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = domain.find('.', start);
    std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      const bool ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

std::string_view MailStatusName(MailStatus status) {
  switch (status) {
    case MailStatus::kQueued:
      return "queued";
    case MailStatus::kSent:
      return "sent";
    case MailStatus::kFailed:
      return "failed";
    case MailStatus::kHeld:
      return "held";
  }
  return "queued";
}

std::optional<MailStatus> ParseMailStatus(std::string_view name) {
  for (MailStatus s :
       {MailStatus::kQueued, MailStatus::kSent, MailStatus::kFailed, MailStatus::kHeld}) {
    if (MailStatusName(s) == name) return s;
  }
  return std::nullopt;
}

std::chrono::seconds RetryDelay(const MailPolicy& policy, int attempts_made) {
  std::chrono::seconds delay = policy.first_retry;
  for (int i = 1; i < attempts_made && delay < policy.max_retry; ++i) delay *= 2;
  return std::min(delay, policy.max_retry);
}

std::string HideOneTimeLinks(std::string text) {
  constexpr std::string_view kMarker = "/survey-links/";
  for (std::size_t at = text.find(kMarker); at != std::string::npos; at = text.find(kMarker, at)) {
    at += kMarker.size();
    std::size_t end = at;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                 text[end] == '-' || text[end] == '_')) {
      ++end;
    }
    text.replace(at, end - at, kHiddenLinkWords);
    at += kHiddenLinkWords.size();
  }
  return text;
}

bool IsValidMailAddress(std::string_view address) {
  if (address.empty() || address.size() > kMaxAddressLength) return false;
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0) return false;
  std::string_view local = address.substr(0, at);
  if (local.size() > kMaxLocalLength || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return false;
  }
  if (!std::all_of(local.begin(), local.end(), IsAtext)) return false;
  return IsValidDomain(address.substr(at + 1));
}

MailService::MailService(MailOutbox& outbox, const Clock& clock, MailPolicy policy)
    : outbox_(outbox), clock_(clock), policy_(policy) {}

Status MailService::Check(const MailMessage& message) {
  if (!IsValidMailAddress(message.to)) {
    return Status::InvalidArgument("\"" + message.to + "\" is not a mail address", "to");
  }
  if (message.subject.find_first_of("\r\n") != std::string::npos) {
    return Status::InvalidArgument("a subject is one line", "subject");
  }
  if (message.subject.size() > kMaxSubjectLength) {
    return Status::InvalidArgument("the subject is too long", "subject");
  }
  if (message.kind.empty()) return Status::InvalidArgument("the kind is missing", "kind");
  if (!message.reminder_for.empty() && FindReminderKind(message.kind) == nullptr) {
    return Status::InvalidArgument(
        "only reminders (kReminderKinds) carry a link to turn them off, not \"" + message.kind +
            "\" mail",
        "reminder_for");
  }
  return Status::Ok();
}

std::vector<MailMessage> MailService::Sendable(std::vector<MailMessage> messages) {
  std::erase_if(messages, [](const MailMessage& m) { return !Check(m).ok(); });
  return messages;
}

Status MailService::Enqueue(const MailMessage& message) {
  PAIRWISE_RETURN_IF_ERROR(Check(message));
  Result<MailId> id = outbox_.Add(message, clock_.Now());
  return id.status();
}

Result<int> MailService::ReleaseHeld() { return outbox_.RequeueHeld(clock_.Now()); }

Result<DeliveryRound> MailService::DeliverDue(MailTransport* transport,
                                              const std::string& claimer) {
  const TimePoint now = clock_.Now();
  Result<std::vector<OutboxMail>> claimed =
      outbox_.Claim(now, policy_.batch, claimer, now + policy_.lease);
  if (!claimed.ok()) return claimed.status();
  DeliveryRound round;
  round.claimed = static_cast<int>(claimed->size());
  for (const OutboxMail& mail : *claimed) {
    if (clock_.Now() - now > policy_.lease / 2) break;
    if (transport == nullptr) {
      PAIRWISE_RETURN_IF_ERROR(outbox_.MarkHeld(mail.id, claimer));
      ++round.held;
      continue;
    }
    DeliveryHeaders headers{"outbox-" + std::to_string(mail.id.value) + "-" +
                            std::to_string(mail.created_at.time_since_epoch().count())};
    Status sent = Status::Ok();
    // A reminder carries its own one-click link, made now (never stored in the outbox: the
    // database keeps only the token's hash). A failure to make one is a failed attempt.
    if (!mail.message.reminder_for.empty() && reminder_links_ != nullptr) {
      Result<std::string> link = reminder_links_->Issue(mail.message);
      if (link.ok()) {
        headers.list_unsubscribe = *link;
      } else {
        sent = Status::Error(ErrorCode::kUnavailable,
                             "cannot make the unsubscribe link: " + link.status().log_message());
      }
    }
    if (sent.ok()) sent = transport->Send(mail.message, headers);
    const int attempts = mail.attempts + 1;
    if (sent.ok()) {
      PAIRWISE_RETURN_IF_ERROR(outbox_.MarkSent(mail.id, claimer, clock_.Now()));
      ++round.sent;
    } else if (sent.code() == ErrorCode::kUnavailable && attempts < policy_.max_attempts) {
      PAIRWISE_RETURN_IF_ERROR(outbox_.MarkRetry(mail.id, claimer, sent.log_message(),
                                                 clock_.Now() + RetryDelay(policy_, attempts)));
      ++round.retried;
    } else {
      std::string error = sent.log_message();
      if (sent.code() == ErrorCode::kUnavailable) {
        error = "gave up after " + std::to_string(attempts) + " attempts: " + error;
      }
      PAIRWISE_RETURN_IF_ERROR(outbox_.MarkFailed(mail.id, claimer, error));
      ++round.failed;
    }
  }
  return round;
}

Result<OutboxPage> MailService::List(const Actor& actor, std::optional<MailId> before, int limit) {
  if (!actor.IsAdmin()) return Status::Forbidden("only admins may read the outbox");
  if (limit < 1 || limit > kMaxListLimit) {
    return Status::InvalidArgument("limit must be 1 to 200", "limit");
  }
  Result<OutboxPage> page = outbox_.List(before, limit);
  if (!page.ok()) return page.status();
  for (OutboxMail& mail : page->items) mail.message.text = HideOneTimeLinks(mail.message.text);
  return page;
}

}  // namespace pairwise::domain
