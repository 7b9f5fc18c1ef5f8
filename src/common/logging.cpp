#include "common/logging.h"

#include <errno.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

namespace pairwise {

namespace {

// The access log's lines wait in memory until this many bytes are there (or a flush comes):
// a few hundred lines per write.
constexpr std::size_t kAccessBatchBytes = 64 * 1024;

// How often what the access log holds is written out at the latest.
constexpr std::chrono::seconds kAccessFlushEvery{1};

// Writes both loggers' lines to stderr, whole lines only, under one mutex: lines keep their
// order and never interleave mid-line. The access log's lines are gathered and written in
// batches: one write(2) per request (and a wake-up of a writer thread per line, as the
// asynchronous logger had it) cost the health check a third of its time. Any other line is
// written at once, after what the access log holds (the default logger flushes on every line).
// Colors the level on a terminal, as spdlog's color sink did.
class StderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  StderrSink() : color_(::isatty(STDERR_FILENO) == 1) {}
  ~StderrSink() override {
    std::lock_guard lock(mutex_);
    WritePending();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    if (color_ && msg.color_range_end > msg.color_range_start) {
      pending_.append(line.data(), msg.color_range_start);
      pending_ += LevelColor(msg.level);
      pending_.append(line.data() + msg.color_range_start,
                      msg.color_range_end - msg.color_range_start);
      pending_ += "\033[m";
      pending_.append(line.data() + msg.color_range_end, line.size() - msg.color_range_end);
    } else {
      pending_.append(line.data(), line.size());
    }
    if (pending_.size() >= kAccessBatchBytes) WritePending();
  }

  void flush_() override { WritePending(); }

 private:
  static const char* LevelColor(spdlog::level::level_enum level) {
    switch (level) {
      case spdlog::level::trace:
        return "\033[37m";
      case spdlog::level::debug:
        return "\033[36m";
      case spdlog::level::info:
        return "\033[32m";
      case spdlog::level::warn:
        return "\033[33m\033[1m";
      case spdlog::level::err:
        return "\033[31m\033[1m";
      case spdlog::level::critical:
        return "\033[1m\033[41m";
      default:
        return "";
    }
  }

  // Under mutex_.
  void WritePending() {
    std::size_t done = 0;
    while (done < pending_.size()) {
      const ssize_t n = ::write(STDERR_FILENO, pending_.data() + done, pending_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // stderr is gone: nothing else to tell it to
      done += static_cast<std::size_t>(n);
    }
    pending_.clear();
  }

  const bool color_;
  std::string pending_;
};

}  // namespace

Status InitLogging(std::string_view level) {
  spdlog::level::level_enum parsed = spdlog::level::from_str(std::string(level));
  // from_str answers `off` for anything it does not know: only accept `off` when asked.
  if (parsed == spdlog::level::off && level != "off") {
    return Status::InvalidArgument("unknown log level '" + std::string(level) + "'", "log-level");
  }
  auto sink = std::make_shared<StderrSink>();
  auto logger = std::make_shared<spdlog::logger>("pairwise", sink);
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%t] %v");
  logger->set_level(parsed);
  logger->flush_on(spdlog::level::trace);  // every line at once
  spdlog::set_default_logger(logger);

  // The access log is written on the request's thread into the sink's batch (see StderrSink),
  // out within kAccessFlushEvery, and at exit (ShutdownLogging).
  auto access = std::make_shared<spdlog::logger>(std::string(kAccessLoggerName), sink);
  access->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%t] %v");
  access->set_level(parsed);
  access->flush_on(spdlog::level::off);
  spdlog::register_logger(access);
  spdlog::flush_every(kAccessFlushEvery);
  return Status::Ok();
}

void ShutdownLogging() {
  spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& logger) { logger->flush(); });
  spdlog::shutdown();
}

}  // namespace pairwise
