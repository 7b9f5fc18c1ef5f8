// The NoteCipher of a deployment: crypto_secretbox (common/crypto.h) with the current key, and
// the previous keys still configured during a rotation to open older notes
// (docs/relationships.md, "Rotating the notes key").
#pragma once

#include <string>
#include <vector>

#include "domain/relationships/note.h"

namespace pairwise::domain {

// Immutable after construction: thread-safe.
class SecretBoxNoteCipher final : public NoteCipher {
 public:
  // Raw keys of crypto::kSecretKeyBytes bytes (crypto::ParseSecretKeyHex).
  explicit SecretBoxNoteCipher(std::string current, std::vector<std::string> previous = {});
  Result<Sealed> Seal(std::string_view text) const override;
  Result<std::string> Open(std::string_view sealed, std::string_view key_id) const override;
  const std::string& current_key_id() const { return current_id_; }

 private:
  std::string current_;
  std::string current_id_;
  std::vector<std::pair<std::string, std::string>> previous_;  // (id, key)
};

// A deployment without a notes key (PostgreSQL without PAIRWISE_NOTES_KEY_FILE): everything
// else works, notes are Unavailable, and the log says why.
class UnconfiguredNoteCipher final : public NoteCipher {
 public:
  Result<Sealed> Seal(std::string_view) const override { return Missing(); }
  Result<std::string> Open(std::string_view, std::string_view) const override { return Missing(); }

 private:
  static Status Missing() {
    return Status::Unavailable(
        "no notes key is configured: set PAIRWISE_NOTES_KEY_FILE on every server");
  }
};

// A secret kept at rest with the deployment's key (the SSO client secret, webhook signing
// secrets), as one text: "sealed:<key id>:<box>". Unavailable without a key.
Result<std::string> SealSecretText(const NoteCipher& cipher, const std::string& secret);
// The secret of a SealSecretText value; a value without the "sealed:" prefix (saved before
// secrets were sealed) is returned as it is. Internal when malformed or not openable.
Result<std::string> OpenSecretText(const NoteCipher& cipher, const std::string& stored);

}  // namespace pairwise::domain
