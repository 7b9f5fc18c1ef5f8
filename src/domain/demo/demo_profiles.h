// Profiles for the demo organization, so that search by skill and the person page show
// something plausible: expertise drawn mostly from the skill families of the person's division
// (managers also offer leadership), levels that grow with seniority, a few skills each wants to
// grow, a short bio, sometimes an extra mentoring language, availability and a meeting
// preference.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "domain/demo/demo_organization.h"
#include "domain/people/people_service.h"
#include "domain/profiles/profile_repository.h"

namespace pairwise::domain {

// Gives about three in four current (active or on leave) people of the stored directory a
// profile, saved in one SaveProfiles call, and returns how many. Deterministic: the same
// directory and options give the same profiles (updated_at falls in the 180 days before
// options.as_of). Errors as the services return them.
Result<int64_t> LoadDemoProfiles(PeopleService& people, ProfileRepository& profiles,
                                 const DemoOptions& options);

}  // namespace pairwise::domain
