#include "common/crypto.h"

#include <gtest/gtest.h>

#include <set>

namespace pairwise::crypto {
namespace {

TEST(Crypto, HashVerifiesOnlyTheSamePassword) {
  auto hash = HashPassword("correct horse battery", PasswordCost::Fast());
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  auto again = HashPassword("correct horse battery", PasswordCost::Fast());
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*hash, *again) << "salts must differ";
}

TEST(Crypto, MalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("not a hash", "not a hash"));
  EXPECT_FALSE(VerifyPassword(std::string(500, '$'), "x"));
}

TEST(Crypto, Base64IsRfc4648WithPadding) {
  // RFC 4648 §10's test vectors, and the SMTP AUTH PLAIN example of RFC 4616 §4.
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64(std::string("\0tim\0tanstaaftanstaaf", 21)), "AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
  EXPECT_EQ(Base64("\xff\xfe"), "//4=");
}

TEST(Crypto, RandomTokensAreUrlSafeAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = RandomToken();
    EXPECT_EQ(t.size(), 43u);
    EXPECT_EQ(
        t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Crypto, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// The same digest as Sha256Hex("abc"), in base64url without padding (Python's hashlib and
// base64.urlsafe_b64encode agree).
TEST(Crypto, Sha256Base64UrlMatchesKnownVector) {
  EXPECT_EQ(Sha256Base64Url("abc"), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
}

TEST(Crypto, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
}

TEST(SecretBoxTest, SealsAndOpensOnlyWithItsKey) {
  auto key = ParseSecretKeyHex(NewSecretKeyHex(), "key");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  auto other = ParseSecretKeyHex(NewSecretKeyHex(), "key");
  const std::string sealed = SecretBoxSeal("a private note", *key);
  EXPECT_EQ(sealed.find("private"), std::string::npos);
  EXPECT_NE(SecretBoxSeal("a private note", *key), sealed);  // a fresh nonce each time
  auto opened = SecretBoxOpen(sealed, *key);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, "a private note");
  EXPECT_FALSE(SecretBoxOpen(sealed, *other).ok());
  std::string altered = sealed;
  altered[30] = altered[30] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(SecretBoxOpen(altered, *key).ok());
  EXPECT_FALSE(SecretBoxOpen("not base64!", *key).ok());
  EXPECT_EQ(*SecretBoxOpen(SecretBoxSeal("", *key), *key), "");
  EXPECT_NE(SecretKeyId(*key), SecretKeyId(*other));
  EXPECT_EQ(SecretKeyId(*key).size(), 16u);
}

TEST(SecretBoxTest, KeysAreSixtyFourHexDigits) {
  EXPECT_TRUE(ParseSecretKeyHex("  " + std::string(64, 'a') + "\n", "k").ok());
  EXPECT_EQ(ParseSecretKeyHex(std::string(63, 'a'), "k").status().field(), "k");
  EXPECT_FALSE(ParseSecretKeyHex(std::string(64, 'g'), "k").ok());
  EXPECT_FALSE(ParseSecretKeyHex("", "k").ok());
}

}  // namespace
}  // namespace pairwise::crypto
