// Process-wide logging set-up over spdlog. Call InitLogging once at start, before threads.
#pragma once

#include <string_view>

#include "common/status.h"

namespace pairwise {

// `level` is one of trace, debug, info, warn, error, off. Returns InvalidArgument otherwise.
// Log lines go to stderr with a timestamp and thread id. Not thread-safe: call once at start.
Status InitLogging(std::string_view level);

}  // namespace pairwise
