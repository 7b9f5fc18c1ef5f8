// The checkout's root, for tests that read files kept beside the code (api/openapi.yaml, the
// independent Python checkers under tests/).
#pragma once

#include <filesystem>

namespace pairwise::testing {

std::filesystem::path SourceDir();

}  // namespace pairwise::testing
