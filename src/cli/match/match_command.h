// `pairwise match INSTANCE.json [--out RESULT.json] [--threads N]`: solves a matching instance
// file and writes the result file (docs/matching.md).
#pragma once

#include <string>

namespace pairwise::cli {

struct MatchCommandOptions {
  std::string instance_path;
  std::string out_path;  // empty: stdout
  int threads = 0;       // 0: all cores
};

// Runs `pairwise match`. Returns the process exit status: 0 ok, 2 bad instance (message on
// stderr naming record and field; no result is written), 1 other failure (the instance file
// cannot be read, the result cannot be written, an internal error).
int RunMatchCommand(const MatchCommandOptions& options);

}  // namespace pairwise::cli
