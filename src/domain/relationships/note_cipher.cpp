#include "domain/relationships/note_cipher.h"

#include <utility>

#include "common/crypto.h"

namespace pairwise::domain {

SecretBoxNoteCipher::SecretBoxNoteCipher(std::string current, std::vector<std::string> previous)
    : current_(std::move(current)), current_id_(crypto::SecretKeyId(current_)) {
  for (std::string& key : previous) {
    std::string id = crypto::SecretKeyId(key);
    previous_.emplace_back(std::move(id), std::move(key));
  }
}

Result<NoteCipher::Sealed> SecretBoxNoteCipher::Seal(std::string_view text) const {
  return Sealed{crypto::SecretBoxSeal(text, current_), current_id_};
}

Result<std::string> SecretBoxNoteCipher::Open(std::string_view sealed,
                                              std::string_view key_id) const {
  if (key_id == current_id_) return crypto::SecretBoxOpen(sealed, current_);
  for (const auto& [id, key] : previous_) {
    if (id == key_id) return crypto::SecretBoxOpen(sealed, key);
  }
  return Status::Internal("a note is sealed with key " + std::string(key_id) +
                          ", which is not configured (PAIRWISE_NOTES_PREVIOUS_KEYS)");
}

}  // namespace pairwise::domain
