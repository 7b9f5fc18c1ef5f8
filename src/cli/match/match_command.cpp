#include "cli/match/match_command.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "cli/match/match_json.h"
#include "matching/engine.h"

namespace pairwise::cli {
namespace {

int Report(const Status& status) {
  std::string line = "pairwise match: " + status.client_message();
  if (!status.field().empty() &&
      status.client_message().find(status.field()) == std::string::npos) {
    line += " (field " + status.field() + ")";
  }
  std::fprintf(stderr, "%s\n", line.c_str());
  return status.code() == ErrorCode::kInvalidArgument ? 2 : 1;
}

Status WriteOutput(const std::string& path, const std::string& text) {
  if (path.empty()) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
        std::fflush(stdout) != 0) {
      return Status::Unavailable("cannot write the result to standard output");
    }
    return Status::Ok();
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return Status::Unavailable("cannot write " + path);
  return Status::Ok();
}

}  // namespace

int RunMatchCommand(const MatchCommandOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  Result<matching::Instance> instance = ReadInstanceFile(options.instance_path);
  if (!instance.ok()) {
    if (instance.status().code() != ErrorCode::kInvalidArgument) {
      std::fprintf(stderr, "pairwise match: %s\n", instance.status().log_message().c_str());
      return 1;
    }
    return Report(instance.status());
  }
  ResultTimings timings;
  timings.read_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  matching::EngineOptions engine_options;
  engine_options.threads = options.threads;
  Result<matching::Engine> engine =
      matching::Engine::Create(std::move(instance).value(), engine_options);
  if (!engine.ok()) return Report(engine.status());
  Result<matching::MatchResult> result = engine->Solve();
  if (!result.ok()) {
    std::fprintf(stderr, "pairwise match: %s\n", result.status().log_message().c_str());
    return 1;
  }
  const Status written = WriteOutput(options.out_path, WriteResultJson(*engine, *result, timings));
  if (!written.ok()) {
    std::fprintf(stderr, "pairwise match: %s\n", written.log_message().c_str());
    return 1;
  }
  return 0;
}

}  // namespace pairwise::cli
