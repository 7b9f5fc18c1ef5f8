// Renewal reminders (issue 21): a credential is valid for a period (the framework's, default two
// years) and renewed by walking the path again. Before it expires, its holder and the
// coordinators of the programs that require it where the holder mentors are reminded through
// the outbox, from the hourly tick (which a worker claims with a lease). Each reminder point is
// recorded with its mails in one transaction, so a tick that runs twice, or on two servers,
// sends nothing twice.
#pragma once

#include <array>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "domain/credentials/credential_repository.h"
#include "domain/health/tick_step.h"
#include "domain/mail/reminder_opt_outs.h"
#include "domain/people/people_service.h"
#include "domain/programs/program_reader.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

// Days before expiry at which a reminder goes out; a point is skipped when the credential's
// whole validity is shorter (a one-month credential is not told "60 days" on the day it is
// issued). Ascending.
inline constexpr std::array<int, 2> kRenewalReminderDays = {14, 60};

// The reminder point due for `credential` at `now`, or 0 when none is: the nearest point of
// kRenewalReminderDays that `now` has reached while the credential is still current. Pure.
int RenewalReminderDue(const Credential& credential, TimePoint now);

// Thread-safe as far as its dependencies are; holds no state of its own.
class CredentialRenewalReminders : public TickStep {
 public:
  // All must outlive this. `base_url` is the UI's address, for the link in the mail.
  CredentialRenewalReminders(CredentialRepository& credentials, PeopleService& people,
                             RelationshipReader& relationships, ProgramReader& programs,
                             ReminderOptOuts& opt_outs, std::string base_url)
      : credentials_(credentials),
        people_(people),
        relationships_(relationships),
        programs_(programs),
        opt_outs_(opt_outs),
        base_url_(std::move(base_url)) {}

  // TickStep: queues the reminders due at `now` ("2 credential renewal reminders"). A holder
  // who already holds a newer current credential (renewed) is not reminded of the old one;
  // people who turned reminders off get no mail (the point is recorded all the same).
  Result<std::string> RunTickStep(TimePoint now) override;

 private:
  CredentialRepository& credentials_;
  PeopleService& people_;
  RelationshipReader& relationships_;
  ProgramReader& programs_;
  ReminderOptOuts& opt_outs_;
  std::string base_url_;
};

}  // namespace pairwise::domain
