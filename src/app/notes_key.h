// The deployment's key for sealing relationship notes at rest (docs/relationships.md), read once
// at start-up:
//   PAIRWISE_NOTES_KEY             64 hex digits, or
//   PAIRWISE_NOTES_KEY_FILE        a file holding them (created with a fresh key when it does
//                                  not exist yet);
//   PAIRWISE_NOTES_PREVIOUS_KEYS   during a rotation: earlier keys, comma-separated hex, that
//                                  still open older notes.
// Without either, a SQLite deployment (one machine) uses "<database file>.notes-key", created
// on first start; a PostgreSQL deployment (several servers) must set one, the same everywhere
// (without it the server runs, and notes answer 503 until it is set).
#pragma once

#include <string>
#include <vector>

#include "common/config.h"
#include "common/status.h"

namespace pairwise::app {

struct NotesKeys {
  std::string current;                // raw key bytes
  std::vector<std::string> previous;  // raw key bytes
  std::string source;                 // where the current key came from, for the log
  bool configured() const { return !current.empty(); }
};

// The keys as configured; `explicit_hex` (ApplicationOptions::notes_key) wins over the
// environment. InvalidArgument (field "PAIRWISE_NOTES_KEY", "PAIRWISE_NOTES_KEY_FILE" or
// "PAIRWISE_NOTES_PREVIOUS_KEYS") for a malformed key or an unreadable file. A PostgreSQL
// deployment without a key gets keys that are not configured().
Result<NotesKeys> LoadNotesKeys(const DatabaseUrl& database, const std::string& explicit_hex);

}  // namespace pairwise::app
