// The instance reader of `pairwise match` (simdjson On-Demand) over any bytes: it must not
// crash, every fault is an InvalidArgument (malformed JSON without a field, others naming
// one), and an instance it accepts goes through Engine::Create (and, when small, Solve)
// without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cli/match/match_json.h"
#include "matching/engine.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pairwise;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<matching::Instance> parsed = cli::ParseInstanceJson(text);
  if (!parsed.ok()) {
    const Status& s = parsed.status();
    Check(s.code() == ErrorCode::kInvalidArgument);
    if (s.reason() == "malformed_json") {
      Check(s.field().empty());
    } else {
      // Every fault names its field, but for the document itself and a member named "".
      Check(!s.field().empty() || s.client_message() == "the instance must be an object" ||
            s.client_message() == "instance: unknown field \"\"");
    }
    return 0;
  }
  const size_t people = parsed->mentors.size() * parsed->mentees.size();
  matching::EngineOptions options;
  options.threads = 1;
  Result<matching::Engine> engine = matching::Engine::Create(std::move(parsed).value(), options);
  if (!engine.ok()) {
    Check(engine.status().code() == ErrorCode::kInvalidArgument);
    return 0;
  }
  if (people <= 400) Check(engine->Solve().ok());
  return 0;
}
