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

// Parses an instance document (simdjson On-Demand: one pass, no document tree, the pairs
// straight into the Instance's arrays). InvalidArgument, with `field` the JSON path at fault
// ("mentors[3].capacity") and a message naming the record ("mentor \"m3\": capacity must be
// an integer"), on malformed or truncated JSON (reason "malformed_json", no field, message with
// the byte offset), a value of the wrong type, an integer out of range, a missing member, an
// unknown field or enum value; when a document has several, the first in a fixed order
// (unknown fields, then the fields in the order of docs/matching.md), wherever they stand in
// the file. Ranges of values, ids and rules are checked later by matching::Engine::Create.
// Copies `text` once into a padded buffer.
Result<matching::Instance> ParseInstanceJson(std::string_view text);

// ParseInstanceJson of the file at `path`: a regular file is memory-mapped (no copy of the
// text; the file must not be truncated while it is read), anything else (a pipe) read into a
// buffer. The text is unmapped or freed before this returns. Unavailable when the file cannot
// be read.
Result<matching::Instance> ReadInstanceFile(const std::string& path);

struct ResultTimings {
  double read_ms = 0;  // reading and parsing the instance file
};

// The result document for `result` of `engine`'s instance, with people named by id, each pair
// explained in words and each unmatched mentee's reason. Pretty-printed with 2 spaces.
std::string WriteResultJson(const matching::Engine& engine, const matching::MatchResult& result,
                            const ResultTimings& timings);

}  // namespace pairwise::cli
