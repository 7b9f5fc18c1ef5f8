#include "common/utf8.h"

#include <gtest/gtest.h>

#include "common/text.h"

namespace pairwise {
namespace {

TEST(Utf8, DecodesEachLength) {
  EXPECT_EQ(DecodeUtf8("a", 0)->value, 'a');
  auto two = DecodeUtf8("\xC3\xA9", 0);  // é
  ASSERT_TRUE(two);
  EXPECT_EQ(two->value, 0xe9u);
  EXPECT_EQ(two->length, 2u);
  EXPECT_EQ(DecodeUtf8("\xE2\x82\xAC", 0)->value, 0x20acu);       // €
  EXPECT_EQ(DecodeUtf8("\xF0\x9F\x98\x80", 0)->value, 0x1f600u);  // 😀
  EXPECT_EQ(DecodeUtf8("x\xC3\xA9", 1)->length, 2u);
}

TEST(Utf8, RefusesWhatIsNotUtf8) {
  EXPECT_FALSE(DecodeUtf8("\x80", 0));              // a stray continuation byte
  EXPECT_FALSE(DecodeUtf8("\xC3", 0));              // truncated
  EXPECT_FALSE(DecodeUtf8("\xC3(", 0));             // not a continuation
  EXPECT_FALSE(DecodeUtf8("\xC0\xAF", 0));          // overlong '/'
  EXPECT_FALSE(DecodeUtf8("\xE0\x80\xAF", 0));      // overlong
  EXPECT_FALSE(DecodeUtf8("\xED\xA0\x80", 0));      // a surrogate
  EXPECT_FALSE(DecodeUtf8("\xF4\x90\x80\x80", 0));  // beyond U+10FFFF
  EXPECT_FALSE(DecodeUtf8("\xFF", 0));
}

TEST(Utf8, ControlCharacters) {
  EXPECT_TRUE(IsControl('\n'));
  EXPECT_TRUE(IsControl(0x7f));
  EXPECT_TRUE(IsControl(0x85));  // C1
  EXPECT_FALSE(IsControl(' '));
  EXPECT_FALSE(IsControl(0xa0));
}

// What a file or a request holds is echoed in messages: one line, valid UTF-8, bounded.
TEST(QuoteForMessage, EscapesControlsAndBadBytesAndCutsBetweenCharacters) {
  EXPECT_EQ(QuoteForMessage("plain"), "\"plain\"");
  EXPECT_EQ(QuoteForMessage("a\nb\r\tc\x1b[31m\x7f"), "\"a\\nb\\r\\tc\\u001b[31m\\u007f\"");
  EXPECT_EQ(QuoteForMessage("caf\xE9"), "\"caf\\xe9\"");
  EXPECT_EQ(QuoteForMessage("S\xC3\xA3o Paulo"), "\"S\xC3\xA3o Paulo\"");
  // 4 bytes allowed: "ab" and then "é" (2 bytes) fits, "éé" does not.
  EXPECT_EQ(QuoteForMessage("ab\xC3\xA9\xC3\xA9", 4), "\"ab\xC3\xA9...\"");
  EXPECT_EQ(QuoteForMessage("abc\xC3\xA9", 4), "\"abc...\"");
  EXPECT_EQ(QuoteForMessage(std::string(100, 'x')).size(), 60u + 5u);
}

}  // namespace
}  // namespace pairwise
