#include "domain/health/unsubscribe_service.h"

#include "common/crypto.h"

namespace pairwise::domain {
namespace {

constexpr std::size_t kTokenBytes = 32;  // 43 base64url characters

// A token as RandomToken writes it; anything else is not looked up at all.
bool LooksLikeToken(std::string_view token) {
  if (token.size() != 43) return false;
  for (char c : token) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Status NoSuchLink() {
  return Status::NotFound(
      "this unsubscribe link is not valid; turn reminders off in your settings");
}

}  // namespace

Result<std::string> UnsubscribeService::Issue(const MailMessage& message) {
  if (message.reminder_for.empty() || FindReminderKind(message.kind) == nullptr) {
    return Status::InvalidArgument("not a reminder", "reminder_for");
  }
  const std::string token = crypto::RandomToken(kTokenBytes);
  PAIRWISE_RETURN_IF_ERROR(repository_.AddUnsubscribeToken(
      crypto::Sha256Hex(token), message.reminder_for, message.kind, clock_.Now()));
  return base_url_ + "/unsubscribe/" + token;
}

Result<UnsubscribeToken> UnsubscribeService::Find(std::string_view token, std::string& hash) {
  if (!LooksLikeToken(token)) return NoSuchLink();
  hash = crypto::Sha256Hex(token);
  auto found = repository_.FindUnsubscribeToken(hash);
  if (!found.ok()) return found.status();
  if (!*found) return NoSuchLink();
  return **found;
}

Result<UnsubscribeView> UnsubscribeService::View(const UnsubscribeToken& token) {
  UnsubscribeView view;
  auto off = repository_.OptedOut(token.employee_id);
  if (!off.ok()) return off.status();
  view.reminders_off = *off;
  const ReminderKind* kind = FindReminderKind(token.kind);
  view.came_in = kind ? std::string(kind->words) : "reminders about your mentoring";
  for (const ReminderKind& k : kReminderKinds) view.stops.emplace_back(k.words);
  return view;
}

Result<UnsubscribeView> UnsubscribeService::Describe(std::string_view token) {
  std::string hash;
  auto found = Find(token, hash);
  if (!found.ok()) return found.status();
  return View(*found);
}

Result<UnsubscribeView> UnsubscribeService::Unsubscribe(std::string_view token,
                                                        const std::string& remote_address) {
  std::string hash;
  auto found = Find(token, hash);
  if (!found.ok()) return found.status();
  auto changed = repository_.OptOutWithToken(found->employee_id, hash, clock_.Now());
  if (!changed.ok()) return changed.status();
  if (*changed) {
    AuditEntry entry;
    entry.actor = "person " + found->employee_id;
    entry.action = "reminders_unsubscribed";
    entry.target = "person " + found->employee_id;
    entry.detail = "turned reminders off with the one-click link in a " + found->kind + " mail";
    entry.remote_address = remote_address;
    (void)audit_.Record(std::move(entry));
  }
  auto view = View(*found);
  if (!view.ok()) return view.status();
  view->just_turned_off = *changed;
  return view;
}

}  // namespace pairwise::domain
