// Turning a MailMessage into RFC 5322 text for SMTP: headers, encoded words, dates, line endings
// and dot-stuffing. Pure functions, no I/O.
#pragma once

#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "domain/mail/mail_queue.h"
#include "domain/mail/mail_transport.h"

namespace pairwise::mail {

// A sender: the From header's display name and address.
struct Mailbox {
  std::string name;     // may be empty; any UTF-8
  std::string address;  // local@domain
};

inline constexpr std::string_view kDefaultMailFrom = "Pairwise <no-reply@pairwise.localhost>";

// "Name <local@domain>" or "local@domain". InvalidArgument (field `field`) for anything else,
// for a malformed address, or for a name with CR, LF, '<', '>' or '"'.
Result<Mailbox> ParseMailbox(std::string_view text, std::string field = "mail_from");

// "Mon, 23 Nov 2026 04:05:06 +0000" (RFC 5322 section 3.3, in UTC).
std::string FormatRfc5322Date(TimePoint t);

// `text` unchanged when it is printable ASCII; otherwise RFC 2047 encoded words
// ("=?UTF-8?B?...?="), each at most 75 characters and never splitting a UTF-8 sequence, folded
// with CRLF + space between words.
std::string EncodeHeaderText(std::string_view text);

// `text` with every line ending (LF, CRLF or lone CR) as CRLF, ending in CRLF.
std::string NormalizeLineEndings(std::string_view text);

// SMTP DATA transparency (RFC 5321 section 4.5.2): a '.' doubled at the start of every line.
// Expects CRLF line endings.
std::string DotStuff(std::string_view crlf_text);

// `text` (a mail's plain-text body) as an HTML document: every character escaped, paragraphs at
// blank lines, line breaks kept, http(s) URLs as links to themselves. Pure.
std::string TextToHtml(std::string_view text);

// The whole message, headers and body, with CRLF line endings (not dot-stuffed): From, To,
// Subject, Date, Message-ID (<headers.message_id@domain of from>), for a reminder with a link
// (headers.list_unsubscribe) List-Unsubscribe and List-Unsubscribe-Post: List-Unsubscribe=One-Click
// (RFC 2369, RFC 8058), MIME-Version and a multipart/alternative body of the text (text/plain),
// the same as HTML (TextToHtml) and, for a message with a calendar part,
// `text/calendar; method=<calendar_method>`; every part UTF-8, 8bit.
std::string FormatMessage(const domain::MailMessage& message, const Mailbox& from,
                          const domain::DeliveryHeaders& headers, TimePoint date);

}  // namespace pairwise::mail
