// The demo's starter library of mentor resources (issue 21): about ten guidelines written for
// this product — the first meeting, SMART goals, when it isn't working, confidentiality, reverse
// mentoring, listening, ending well — written through ResourceService like users' own.
#pragma once

#include <string>

#include "common/status.h"
#include "domain/resources/resource_service.h"

namespace pairwise::domain {

// Writes the starter set as `admin` (most) and `coordinator` (two, so the demo coordinator has
// their own to edit), unless the library holds anything already (then 0). Either id may be empty
// (then the other writes all; both empty: nothing). Returns how many were written.
Result<int> LoadDemoResources(ResourceService& resources, const std::string& admin,
                              const std::string& coordinator);

}  // namespace pairwise::domain
