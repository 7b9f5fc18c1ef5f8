// Process-wide logging set-up over spdlog. Call InitLogging once at start, before threads.
#pragma once

#include <string_view>

#include "common/status.h"

namespace pairwise {

// The name of the access logger (one line per HTTP request; see AccessLogger()).
inline constexpr std::string_view kAccessLoggerName = "access";

// `level` is one of trace, debug, info, warn, error, off. Returns InvalidArgument otherwise.
// Log lines go to stderr with a timestamp and thread id, each written at once. The access log
// goes to the same stderr in batches: a request's thread adds its line to the batch, which is
// written when it holds 64 KiB, at least once a second, before any other log line, and at
// ShutdownLogging; no line is dropped, and lines never interleave mid-line. A process killed
// with SIGKILL loses the batch (at most the last second's lines).
// Not thread-safe: call once at start.
Status InitLogging(std::string_view level);

// Writes out what the access log still holds and stops the flushing thread. Call once at exit,
// after the server stopped; logging after it goes nowhere.
void ShutdownLogging();

}  // namespace pairwise
