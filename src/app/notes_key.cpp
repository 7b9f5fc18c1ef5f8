#include "app/notes_key.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/crypto.h"

namespace pairwise::app {

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string(value) : std::string();
}

// The key in `path`, writing a fresh one there (readable by the owner only) when the file does
// not exist.
Result<std::string> KeyFromFile(const std::string& path, const std::string& field) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    std::ofstream out(path, std::ios::out | std::ios::trunc);
    if (!out) return Status::InvalidArgument("cannot create the notes key file " + path, field);
    out << crypto::NewSecretKeyHex() << "\n";
    out.close();
    ::chmod(path.c_str(), 0600);
  }
  std::ifstream in(path);
  if (!in) return Status::InvalidArgument("cannot read the notes key file " + path, field);
  std::stringstream text;
  text << in.rdbuf();
  return crypto::ParseSecretKeyHex(text.str(), field);
}

}  // namespace

Result<NotesKeys> LoadNotesKeys(const DatabaseUrl& database, const std::string& explicit_hex) {
  NotesKeys keys;
  Result<std::string> current = Status::Internal("no key");
  if (!explicit_hex.empty()) {
    current = crypto::ParseSecretKeyHex(explicit_hex, "notes_key");
    keys.source = "the application options";
  } else if (std::string hex = Env("PAIRWISE_NOTES_KEY"); !hex.empty()) {
    current = crypto::ParseSecretKeyHex(hex, "PAIRWISE_NOTES_KEY");
    keys.source = "PAIRWISE_NOTES_KEY";
  } else if (std::string file = Env("PAIRWISE_NOTES_KEY_FILE"); !file.empty()) {
    current = KeyFromFile(file, "PAIRWISE_NOTES_KEY_FILE");
    keys.source = file;
  } else if (database.kind == DatabaseKind::kSqlite) {
    const std::string file = database.target + ".notes-key";
    current = KeyFromFile(file, "PAIRWISE_NOTES_KEY_FILE");
    keys.source = file;
  } else {
    return keys;  // not configured
  }
  if (!current.ok()) return current.status();
  keys.current = std::move(current).value();
  std::stringstream previous(Env("PAIRWISE_NOTES_PREVIOUS_KEYS"));
  for (std::string hex; std::getline(previous, hex, ',');) {
    if (hex.find_first_not_of(" \t") == std::string::npos) continue;
    auto key = crypto::ParseSecretKeyHex(hex, "PAIRWISE_NOTES_PREVIOUS_KEYS");
    if (!key.ok()) return key.status();
    keys.previous.push_back(std::move(key).value());
  }
  return keys;
}

}  // namespace pairwise::app
