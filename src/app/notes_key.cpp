#include "app/notes_key.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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

// Writes a fresh key to `path` unless the file exists. Several processes may start at once on a
// new deployment (two servers, or a server and a `pairwise` command): each writes its key to a
// temporary file of its own (created readable by the owner only) and links it into place, which
// fails when another process got there first — then that process's key is the one, and every
// process reads the same key. Writing `path` directly let one process read it half written, or
// overwrite a key another had already sealed notes with.
Status CreateKeyFileOnce(const std::string& path, const std::string& field) {
  std::string temp = path + ".XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Status::InvalidArgument("cannot create the notes key file " + path, field);
  const std::string text = crypto::NewSecretKeyHex() + "\n";
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  written = ::fsync(fd) == 0 && written;
  ::close(fd);
  const int linked = written ? ::link(temp.c_str(), path.c_str()) : -1;
  const int link_error = errno;
  ::unlink(temp.c_str());
  if (!written || (linked != 0 && link_error != EEXIST)) {
    return Status::InvalidArgument("cannot create the notes key file " + path, field);
  }
  return Status::Ok();
}

// The key in `path`, writing a fresh one there first when the file does not exist.
Result<std::string> KeyFromFile(const std::string& path, const std::string& field) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (Status s = CreateKeyFileOnce(path, field); !s.ok()) return s;
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
