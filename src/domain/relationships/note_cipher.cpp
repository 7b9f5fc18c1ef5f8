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

namespace {
constexpr std::string_view kSealedPrefix = "sealed:";
}  // namespace

Result<std::string> SealSecretText(const NoteCipher& cipher, const std::string& secret) {
  auto sealed = cipher.Seal(secret);
  if (!sealed.ok()) return sealed.status();
  return std::string(kSealedPrefix) + sealed->key_id + ":" + sealed->sealed;
}

Result<std::string> OpenSecretText(const NoteCipher& cipher, const std::string& stored) {
  if (!stored.starts_with(kSealedPrefix)) return stored;
  const std::string_view rest = std::string_view(stored).substr(kSealedPrefix.size());
  const std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return Status::Internal("the stored secret is malformed");
  return cipher.Open(rest.substr(colon + 1), rest.substr(0, colon));
}

}  // namespace pairwise::domain
