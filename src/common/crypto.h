// Passwords and secrets, over libsodium: Argon2id password hashes, random tokens and SHA-256.
//
// Thread safety: every function may be called from any thread (libsodium is initialized once,
// on first use, thread-safely).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace pairwise::crypto {

// Argon2id cost. Production uses Interactive(); tests use Fast() so that hashing takes
// microseconds. The cost is recorded in each hash, so a hash made at one cost verifies at any.
struct PasswordCost {
  uint64_t ops_limit = 0;
  std::size_t mem_limit = 0;  // bytes

  static PasswordCost Interactive();  // libsodium's INTERACTIVE limits (~64 MiB, ~2 passes)
  static PasswordCost Fast();         // the minimum libsodium allows: for tests only
};

// An encoded Argon2id hash ("$argon2id$v=19$m=...") of `password`, with a fresh random salt.
// Internal when libsodium fails (out of memory).
Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost);
// Whether `password` matches `encoded_hash`. False for a malformed hash. Takes as long as the
// hash's cost, whatever the answer.
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

// `bytes` random bytes from the OS CSPRNG, encoded as base64url without padding (32 bytes ->
// 43 characters).
std::string RandomToken(std::size_t bytes = 32);
// `data` in standard base64 with padding (RFC 4648 §4), as SMTP AUTH and MIME use it.
std::string Base64(std::string_view data);
// The bytes of standard base64 with padding (as Base64 writes it); nullopt when `text` is not.
std::optional<std::string> FromBase64(std::string_view text);
// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);
// SHA-256 of `data` in base64url without padding (43 characters), as PKCE's S256 challenge
// (RFC 7636 §4.2) writes it.
std::string Sha256Base64Url(std::string_view data);
// Lower-case hex HMAC-SHA256 (RFC 2104) of `data` keyed with `key` (any length), as webhook
// signatures carry it (64 characters).
std::string HmacSha256Hex(std::string_view key, std::string_view data);
// Compares two strings in time independent of where they differ (lengths may leak).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Secret-key encryption at rest (libsodium's crypto_secretbox: XSalsa20 and Poly1305).
inline constexpr std::size_t kSecretKeyBytes = 32;
// The raw key written as 64 hex digits (surrounding whitespace ignored); InvalidArgument naming
// `field` otherwise.
Result<std::string> ParseSecretKeyHex(std::string_view hex, const std::string& field);
// A fresh random key as 64 hex digits.
std::string NewSecretKeyHex();
// A short name of `key` that reveals nothing of it (16 hex digits of its SHA-256), stored with
// each sealed value so that the right key opens it after a rotation.
std::string SecretKeyId(std::string_view key);
// `plaintext` sealed with `key` (kSecretKeyBytes raw bytes) and a fresh random nonce, as
// base64 (nonce, then ciphertext with its tag).
std::string SecretBoxSeal(std::string_view plaintext, std::string_view key);
// The plaintext of a SecretBoxSeal result; Internal when it is malformed, was sealed with
// another key or was altered.
Result<std::string> SecretBoxOpen(std::string_view sealed, std::string_view key);

}  // namespace pairwise::crypto
