// People leaving the organization. Whatever else must happen when a person's directory status
// becomes "left" — today: their mentoring relationships end — hangs on this one hook, which
// every path that writes a departure calls (the CSV import, partial or full, and the single-person
// writes of SCIM: deactivation, PUT, PATCH and DELETE).
#pragma once

#include <string>
#include <vector>

#include "domain/people/person.h"

namespace pairwise::domain {

// Told after the write that made people leave has committed. Implementations must be
// idempotent (a departure told twice changes nothing the second time) and thread-safe; they
// never fail the directory write: they log what they cannot do.
class DepartureObserver {
 public:
  virtual ~DepartureObserver() = default;
  // `employee_ids`: the people whose status became "left" in that write, each once.
  virtual void PeopleLeft(const std::vector<std::string>& employee_ids) = 0;
};

// The people `directory` makes leave: the employee ids of its exit events, each once, in order.
std::vector<std::string> DeparturesIn(const Directory& directory);

}  // namespace pairwise::domain
