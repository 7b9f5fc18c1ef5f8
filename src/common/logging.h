// Process-wide logging set-up over spdlog. Call InitLogging once at start, before threads.
#pragma once

#include <string_view>

#include "common/status.h"

namespace pairwise {

// The name of the access logger (one line per HTTP request; see AccessLogger()).
inline constexpr std::string_view kAccessLoggerName = "access";

// `level` is one of trace, debug, info, warn, error, off. Returns InvalidArgument otherwise.
// Log lines go to stderr with a timestamp and thread id. The access log goes to the same
// stderr through an asynchronous logger: a request's thread only queues its line, one background
// thread writes it (when the queue is full, the request waits for room: no line is dropped).
// Not thread-safe: call once at start.
Status InitLogging(std::string_view level);

// Writes out what the access log still holds and stops its thread. Call once at exit, after the
// server stopped; logging after it goes nowhere.
void ShutdownLogging();

}  // namespace pairwise
