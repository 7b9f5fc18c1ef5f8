// What is said when a relationship ends, the same on every path that ends one: RelationshipService
// (a side's ending, a completion, a departure told by the directory hook) and the scheduler
// tick's set-based endings (HealthService: departures caught up, agreed ends reached).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/mail/mail_queue.h"
#include "domain/programs/program.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

// A relationship event's data for webhooks (docs/webhooks.md): relationship_id, program_id,
// mentor, mentee, and end_reason once it has one. Every "relationship.*" event carries this.
std::vector<std::pair<std::string, std::string>> RelationshipEventData(const Relationship& r);

// The mail telling a coordinator of `program` (greeted by `coordinator_first_name`, written to
// `coordinator_email`) that the relationship `ended` of `mentor_name` and `mentee_name` ended
// early for `reason`, with a link under `base_url`. It names the reason, never the comment.
MailMessage EndingMailToCoordinator(const std::string& base_url, const Program& program,
                                    const std::string& coordinator_first_name,
                                    const std::string& coordinator_email, RelationshipId ended,
                                    const std::string& mentor_name, const std::string& mentee_name,
                                    EndReason reason);

}  // namespace pairwise::domain
