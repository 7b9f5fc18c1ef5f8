// Something happened in a relationship that its health reads: a meeting proposed, answered,
// cancelled or logged, a goal changed, feedback given, the agreement accepted. The one hook the
// relationship aggregate's services call so that what depends on that (today: the
// relationship's health, domain/health) is brought up to date at once, without the aggregate
// depending on it (the composition root wires the observer in; no dependency cycle).
#pragma once

#include "domain/relationships/relationship.h"

namespace pairwise::domain {

// Told after the write has committed. Implementations must be thread-safe and never fail the
// write that told them: they log what they cannot do.
class RelationshipActivityObserver {
 public:
  virtual ~RelationshipActivityObserver() = default;
  virtual void RelationshipChanged(RelationshipId relationship) = 0;
};

}  // namespace pairwise::domain
