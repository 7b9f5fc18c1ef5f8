#include "mail/message_format.h"

#include <gtest/gtest.h>

namespace pairwise::mail {
namespace {

// 2026-11-23T04:05:06Z, a Monday.
const TimePoint kWhen =
    TimePoint(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::November / 23)) +
    std::chrono::hours(4) + std::chrono::minutes(5) + std::chrono::seconds(6);

TEST(MessageFormatTest, Rfc5322Date) {
  EXPECT_EQ(FormatRfc5322Date(kWhen), "Mon, 23 Nov 2026 04:05:06 +0000");
  EXPECT_EQ(FormatRfc5322Date(TimePoint(
                std::chrono::sys_days(std::chrono::year(2000) / std::chrono::January / 1))),
            "Sat, 1 Jan 2000 00:00:00 +0000");
}

TEST(MessageFormatTest, AsciiHeaderTextStaysAsItIs) {
  EXPECT_EQ(EncodeHeaderText("Your invitation to Pairwise"), "Your invitation to Pairwise");
}

TEST(MessageFormatTest, NonAsciiHeaderTextBecomesEncodedWords) {
  // "Grüße" in UTF-8 is 47 72 C3 BC C3 9F 65.
  EXPECT_EQ(EncodeHeaderText("Grüße"), "=?UTF-8?B?R3LDvMOfZQ==?=");
  // Long text: several words of at most 75 characters, folded, no UTF-8 sequence split.
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "é";  // 80 bytes
  const std::string encoded = EncodeHeaderText(long_text);
  std::size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    std::size_t end = encoded.find("\r\n ", start);
    std::string word = encoded.substr(start, end == std::string::npos ? end : end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    EXPECT_EQ(word.substr(word.size() - 2), "?=");
    ++words;
    start = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_EQ(words, 2);
  // 44 bytes (22 é) fit a word of 45 bytes max; the rest in the second.
  EXPECT_EQ(encoded.substr(0, encoded.find("\r\n ")),
            "=?UTF-8?B?" +
                std::string("w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=") + "?=");
  // Control characters are encoded too, never passed through.
  EXPECT_NE(EncodeHeaderText("a\tb").find("=?UTF-8?B?"), std::string::npos);
}

TEST(MessageFormatTest, LineEndingsBecomeCrlf) {
  EXPECT_EQ(NormalizeLineEndings("a\nb\r\nc\rd"), "a\r\nb\r\nc\r\nd\r\n");
  EXPECT_EQ(NormalizeLineEndings("a\n"), "a\r\n");
  EXPECT_EQ(NormalizeLineEndings(""), "\r\n");
}

TEST(MessageFormatTest, DotStuffingDoublesLeadingDots) {
  EXPECT_EQ(DotStuff(".\r\n"), "..\r\n");
  EXPECT_EQ(DotStuff("a\r\n.b\r\n..c\r\nd.e\r\n"), "a\r\n..b\r\n...c\r\nd.e\r\n");
  EXPECT_EQ(DotStuff("no dots\r\n"), "no dots\r\n");
  // Only a CRLF starts a line.
  EXPECT_EQ(DotStuff("a\n.b\r\n"), "a\n.b\r\n");
}

TEST(MessageFormatTest, ParsesMailboxes) {
  auto box = ParseMailbox("Pairwise <no-reply@pairwise.localhost>");
  ASSERT_TRUE(box.ok());
  EXPECT_EQ(box->name, "Pairwise");
  EXPECT_EQ(box->address, "no-reply@pairwise.localhost");
  box = ParseMailbox("bot@example.com");
  ASSERT_TRUE(box.ok());
  EXPECT_EQ(box->name, "");
  EXPECT_EQ(box->address, "bot@example.com");
  EXPECT_EQ(ParseMailbox("Pairwise <nope>").status().field(), "mail_from");
  EXPECT_FALSE(ParseMailbox("Pairwise <a@b.c").ok());
  EXPECT_FALSE(ParseMailbox("Pair\"wise <a@b.c>").ok());
  EXPECT_FALSE(ParseMailbox("").ok());
}

TEST(MessageFormatTest, FormatsTheWholeMessage) {
  domain::MailMessage message{"ada@example.com", "Willkommen, Jürgen", "Hello\n.hidden\nBye",
                              "invitation"};
  auto from = ParseMailbox("Pairwise <no-reply@pairwise.localhost>");
  ASSERT_TRUE(from.ok());
  EXPECT_EQ(FormatMessage(message, *from, {"outbox-7-123"}, kWhen),
            "From: \"Pairwise\" <no-reply@pairwise.localhost>\r\n"
            "To: ada@example.com\r\n"
            "Subject: =?UTF-8?B?V2lsbGtvbW1lbiwgSsO8cmdlbg==?=\r\n"
            "Date: Mon, 23 Nov 2026 04:05:06 +0000\r\n"
            "Message-ID: <outbox-7-123@pairwise.localhost>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/alternative; boundary=\"=_pairwise_outbox-7-123\"\r\n"
            "\r\n"
            "--=_pairwise_outbox-7-123\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "\r\n"
            "Hello\r\n.hidden\r\nBye\r\n"
            "\r\n"
            "--=_pairwise_outbox-7-123\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "\r\n" +
                NormalizeLineEndings(TextToHtml(message.text)) +
                "\r\n"
                "--=_pairwise_outbox-7-123--\r\n");
}

TEST(MessageFormatTest, HtmlIsTheTextEscapedWithParagraphsAndLinks) {
  EXPECT_EQ(TextToHtml("Hi <Ada> & \"Bob\", it's\nhere: https://x.test/a?b=1&c=2.\n\nBye\n"),
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n"
            "<body style=\"font-family: sans-serif; line-height: 1.5\">\n"
            "<p>Hi &lt;Ada&gt; &amp; &quot;Bob&quot;, it&#39;s<br>\n"
            "here: <a href=\"https://x.test/a?b=1&amp;c=2\">https://x.test/a?b=1&amp;c=2</a>."
            "</p>\n<p>Bye</p>\n</body></html>\n");
  // Markup in the text stays text.
  EXPECT_EQ(TextToHtml("<script>alert(1)</script>").find("<script>"), std::string::npos);
}

TEST(MessageFormatTest, ACalendarPartMakesAnAlternative) {
  domain::MailMessage message{"ada@example.com", "Mentoring meeting", "Hello", "meeting_invite"};
  message.calendar = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";
  message.calendar_method = "REQUEST";
  auto from = ParseMailbox("Pairwise <no-reply@pairwise.localhost>");
  ASSERT_TRUE(from.ok());
  EXPECT_EQ(FormatMessage(message, *from, {"outbox-7-123"}, kWhen),
            "From: \"Pairwise\" <no-reply@pairwise.localhost>\r\n"
            "To: ada@example.com\r\n"
            "Subject: Mentoring meeting\r\n"
            "Date: Mon, 23 Nov 2026 04:05:06 +0000\r\n"
            "Message-ID: <outbox-7-123@pairwise.localhost>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/alternative; boundary=\"=_pairwise_outbox-7-123\"\r\n"
            "\r\n"
            "--=_pairwise_outbox-7-123\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "\r\n"
            "Hello\r\n"
            "\r\n"
            "--=_pairwise_outbox-7-123\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "\r\n" +
                NormalizeLineEndings(TextToHtml("Hello")) +
                "\r\n"
                "--=_pairwise_outbox-7-123\r\n"
                "Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\n"
                "Content-Transfer-Encoding: 8bit\r\n"
                "\r\n"
                "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
                "\r\n"
                "--=_pairwise_outbox-7-123--\r\n");
}

// A reminder's one-click link (RFC 2369, RFC 8058) goes in two headers before the body; mail
// without a link carries neither.
TEST(MessageFormatTest, AReminderCarriesListUnsubscribeWithOneClick) {
  domain::MailMessage message{"ada@example.com", "Reminder", "Hello", "meeting_reminder"};
  message.reminder_for = "E1";
  auto from = ParseMailbox("no-reply@pairwise.localhost");
  ASSERT_TRUE(from.ok());
  const std::string with = FormatMessage(
      message, *from, {"m-1", "https://mentoring.example.org/unsubscribe/AbC-_9"}, kWhen);
  EXPECT_NE(with.find("Message-ID: <m-1@pairwise.localhost>\r\n"
                      "List-Unsubscribe: <https://mentoring.example.org/unsubscribe/AbC-_9>\r\n"
                      "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
                      "MIME-Version: 1.0\r\n"),
            std::string::npos)
      << with;
  const std::string without = FormatMessage(message, *from, {"m-1"}, kWhen);
  EXPECT_EQ(without.find("List-Unsubscribe"), std::string::npos);
}

}  // namespace
}  // namespace pairwise::mail
