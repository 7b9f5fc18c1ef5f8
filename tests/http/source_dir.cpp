#include "source_dir.h"

namespace pairwise::testing {

// The path is compiled into this one file only (tests/CMakeLists.txt): were it a definition of
// the whole target, every HTTP test file would depend on where the checkout lies, and a fresh
// clone elsewhere could reuse none of them from the compiler cache.
std::filesystem::path SourceDir() { return PAIRWISE_SOURCE_DIR; }

}  // namespace pairwise::testing
