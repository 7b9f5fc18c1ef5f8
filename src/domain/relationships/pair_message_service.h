// The shadow mentor's messages to a pair (pair_message.h) with their access rules: a shadow
// mentor of the relationship's program writes; the pair and its overseers read. Access follows
// relationship_access.h.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/mail/mail_queue.h"
#include "domain/people/people_service.h"
#include "domain/relationships/pair_message.h"
#include "domain/relationships/relationship_service.h"

namespace pairwise::domain {

struct PairMessageView {
  PairMessage message;
  std::string author_name;
};

// Thread-safe as far as its dependencies are; every dependency must outlive it.
class PairMessageService {
 public:
  PairMessageService(PairMessageRepository& messages, RelationshipService& relationships,
                     PeopleService& people, MailQueue& mail, const Clock& clock,
                     std::string base_url)
      : messages_(messages),
        relationships_(relationships),
        people_(people),
        mail_(mail),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  // The relationship's messages, oldest first: the mentor, the mentee, the program's
  // coordinators and shadow mentors, admins (RequireMemberOrOverseer); Forbidden for managers.
  Result<std::vector<PairMessageView>> List(const Actor& actor, RelationshipId relationship);
  // A shadow mentor of the program writes to the pair (RequireShadowMentor): stored on the
  // relationship and mailed to both. InvalidArgument "text" when blank or over
  // kMaxPairMessageChars; Conflict "relationship_ended" once the relationship ended.
  Result<PairMessageView> Send(const Actor& actor, RelationshipId relationship,
                               const std::string& text);

 private:
  PairMessageRepository& messages_;
  RelationshipService& relationships_;
  PeopleService& people_;
  MailQueue& mail_;
  const Clock& clock_;
  std::string base_url_;
};

}  // namespace pairwise::domain
