#include "common/logging.h"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace pairwise {

namespace {

// Lines the access log may hold before a request waits for the writer; about 2 MB at the
// usual ~150-byte line, a fraction of a second of writing at the most.
constexpr std::size_t kAccessQueueLines = 16384;

}  // namespace

Status InitLogging(std::string_view level) {
  spdlog::level::level_enum parsed = spdlog::level::from_str(std::string(level));
  // from_str answers `off` for anything it does not know: only accept `off` when asked.
  if (parsed == spdlog::level::off && level != "off") {
    return Status::InvalidArgument("unknown log level '" + std::string(level) + "'", "log-level");
  }
  // One sink for both loggers, so their lines never interleave mid-line.
  auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("pairwise", sink);
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%t] %v");
  logger->set_level(parsed);
  spdlog::set_default_logger(logger);

  // The access log is written per request: writing it on the request's thread (a locked,
  // flushed write to stderr) cost the health check a third of its throughput under load.
  spdlog::init_thread_pool(kAccessQueueLines, 1);
  auto access = std::make_shared<spdlog::async_logger>(std::string(kAccessLoggerName), sink,
                                                       spdlog::thread_pool(),
                                                       spdlog::async_overflow_policy::block);
  access->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%t] %v");
  access->set_level(parsed);
  spdlog::register_logger(access);
  return Status::Ok();
}

void ShutdownLogging() { spdlog::shutdown(); }

}  // namespace pairwise
