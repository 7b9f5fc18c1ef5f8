#include "domain/credentials/renewal_reminders.h"

#include <chrono>
#include <map>
#include <set>
#include <vector>

#include "domain/mail/mail_queue.h"
#include "domain/people/person.h"
#include "domain/proposals/matching_text.h"

namespace pairwise::domain {

namespace {

constexpr std::string_view kKind = "credential_renewal_reminder";

std::string DayWords(TimePoint at) {
  return FormatDate(Date(std::chrono::floor<std::chrono::days>(at)));
}

}  // namespace

int RenewalReminderDue(const Credential& credential, TimePoint now) {
  if (credential.StatusAt(now) != CredentialStatus::kCurrent) return 0;
  for (int days : kRenewalReminderDays) {
    const TimePoint point = credential.expires_at - std::chrono::days(days);
    if (now >= point && credential.issued_at < point) return days;
  }
  return 0;
}

Result<std::string> CredentialRenewalReminders::RunTickStep(TimePoint now) {
  auto credentials = credentials_.ListCredentials(std::nullopt);
  if (!credentials.ok()) return credentials.status();
  auto sent = credentials_.ListRenewalReminders();
  if (!sent.ok()) return sent.status();
  // Each holder's latest current expiry: an older credential of someone who renewed is quiet.
  std::map<std::string, TimePoint> latest;
  for (const Credential& c : *credentials) {
    if (c.StatusAt(now) != CredentialStatus::kCurrent) continue;
    auto [it, inserted] = latest.emplace(c.holder, c.expires_at);
    if (!inserted && it->second < c.expires_at) it->second = c.expires_at;
  }
  int reminded = 0;
  for (const Credential& c : *credentials) {
    const int days = RenewalReminderDue(c, now);
    if (days == 0 || sent->contains({c.id.value, days}) || latest[c.holder] > c.expires_at) {
      continue;
    }
    auto holder = people_.FindPerson(c.holder);
    if (!holder.ok()) {
      if (holder.status().code() == ErrorCode::kNotFound) continue;  // gone from the directory
      return holder.status();
    }
    const std::string name = matching_text::FullName(*holder);
    const std::string until = DayWords(c.expires_at);
    std::vector<MailMessage> mails;
    if (holder->status != EmploymentStatus::kLeft && !holder->email.empty()) {
      MailMessage m;
      m.to = holder->email;
      m.subject = "Your " + std::string(kCredentialName) + " expires on " + until;
      m.text = "Hello " + name + ",\n\nYour " + std::string(kCredentialName) + " expires on " +
               until +
               ". Programs that require it will not take you as a mentor after that date.\n\n"
               "To renew it, apply again on My credential and walk the path with the credential "
               "reviewers:\n" +
               base_url_ + "/me/credential" + ReminderFooter(base_url_) + "\n";
      m.kind = std::string(kKind);
      m.reminder_for = c.holder;
      mails.push_back(std::move(m));
    }
    // The coordinators of the programs that require the credential and where the holder
    // mentors now, each told once with the programs named.
    auto relationships = relationships_.ListForPerson(c.holder);
    if (!relationships.ok()) return relationships.status();
    std::map<std::string, std::set<std::string>> programs_by_coordinator;
    std::set<int64_t> seen;
    for (const Relationship& r : *relationships) {
      if (r.mentor != c.holder || !IsInForce(r.status) || !seen.insert(r.program.value).second) {
        continue;
      }
      auto program = programs_.FindProgram(r.program);
      if (!program.ok()) return program.status();
      if (!program->requires_mentor_credential) continue;
      for (const std::string& coordinator : program->coordinators) {
        programs_by_coordinator[coordinator].insert(program->name);
      }
    }
    for (const auto& [coordinator_id, names] : programs_by_coordinator) {
      auto coordinator = people_.FindPerson(coordinator_id);
      if (!coordinator.ok() || coordinator->status == EmploymentStatus::kLeft ||
          coordinator->email.empty()) {
        continue;
      }
      std::string list;
      for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
      MailMessage m;
      m.to = coordinator->email;
      m.subject = name + "'s " + std::string(kCredentialName) + " expires on " + until;
      m.text = "Hello " + matching_text::FullName(*coordinator) + ",\n\n" + name + " mentors in " +
               list + ", which require" + (names.size() == 1 ? "s" : "") + " the " +
               std::string(kCredentialName) + ". Their credential expires on " + until +
               "; they have been reminded to renew it. After that date they cannot take new "
               "mentees in " +
               (names.size() == 1 ? "this program" : "these programs") +
               " until they renew.\n\nTheir page: " + base_url_ + "/people/" + c.holder +
               ReminderFooter(base_url_) + "\n";
      m.kind = std::string(kKind);
      m.reminder_for = coordinator_id;
      mails.push_back(std::move(m));
    }
    // Reminders respect the person's switch (their List-Unsubscribe link turns it off).
    std::vector<std::string> recipients;
    for (const MailMessage& m : mails) recipients.push_back(m.reminder_for);
    auto off = opt_outs_.OptedOutAmong(recipients);
    if (!off.ok()) return off.status();
    const std::set<std::string> quiet(off->begin(), off->end());
    std::erase_if(mails, [&](const MailMessage& m) { return quiet.contains(m.reminder_for); });
    auto recorded = credentials_.RecordRenewalReminder(c.id, days, now, mails);
    if (!recorded.ok()) return recorded.status();
    reminded += *recorded ? 1 : 0;
  }
  return std::to_string(reminded) + " credential renewal reminder" + (reminded == 1 ? "" : "s");
}

}  // namespace pairwise::domain
