// The JSON files of `pairwise match`: the instance it reads and the result it writes. Both
// formats are documented in docs/matching.md, with a JSON Schema each in docs/schemas/.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "matching/engine.h"
#include "matching/instance.h"
#include "matching/result.h"

namespace pairwise::cli {

// Parses an instance document. InvalidArgument, with `field` the JSON path at fault
// ("mentors[3].capacity") and a message naming the record ("mentor \"m3\": capacity must be
// an integer"), on malformed JSON (reason "malformed_json", message with the byte offset), a
// value of the wrong type, an unknown field or enum value. Ranges, ids and rules are checked
// later by matching::Engine::Create.
Result<matching::Instance> ParseInstanceJson(std::string_view text);

struct ResultTimings {
  double read_ms = 0;  // reading and parsing the instance file
};

// The result document for `result` of `engine`'s instance, with people named by id, each pair
// explained in words and each unmatched mentee's reason. Pretty-printed with 2 spaces.
std::string WriteResultJson(const matching::Engine& engine, const matching::MatchResult& result,
                            const ResultTimings& timings);

}  // namespace pairwise::cli
