#include "mail/message_format.h"

#include <chrono>
#include <cstdint>

#include "domain/mail/mail_service.h"

namespace pairwise::mail {

namespace {

constexpr std::size_t kMaxEncodedWord = 75;
constexpr std::string_view kWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kWordSuffix = "?=";

bool IsPrintableAscii(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// Bytes in the UTF-8 sequence starting with `lead` (1 for a stray continuation byte).
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

}  // namespace

Result<Mailbox> ParseMailbox(std::string_view text, std::string field) {
  Mailbox box;
  const std::size_t open = text.find('<');
  if (open == std::string_view::npos) {
    box.address = std::string(text);
  } else {
    if (text.empty() || text.back() != '>') {
      return Status::InvalidArgument("expected \"Name <address>\" or an address", field);
    }
    box.address = std::string(text.substr(open + 1, text.size() - open - 2));
    std::string_view name = text.substr(0, open);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (name.find_first_of("\r\n<>\"") != std::string_view::npos) {
      return Status::InvalidArgument("the sender's name may not hold CR, LF, <, > or quotes",
                                     field);
    }
    box.name = std::string(name);
  }
  if (!domain::IsValidMailAddress(box.address)) {
    return Status::InvalidArgument("\"" + box.address + "\" is not a mail address", field);
  }
  return box;
}

std::string FormatRfc5322Date(TimePoint t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::weekday weekday(day);
  const std::chrono::hh_mm_ss hms(std::chrono::floor<std::chrono::seconds>(t - day));
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %d %s %04d %02d:%02d:%02d +0000",
                kDays[weekday.c_encoding()], static_cast<int>(static_cast<unsigned>(ymd.day())),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buffer;
}

std::string EncodeHeaderText(std::string_view text) {
  if (IsPrintableAscii(text)) return std::string(text);
  // 75 - 12 characters of framing leave 63 of base64: 45 bytes of text per word at most.
  constexpr std::size_t kMaxBytes =
      (kMaxEncodedWord - kWordPrefix.size() - kWordSuffix.size()) / 4 * 3;
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size()) {
      const std::size_t next =
          std::min(text.size(), end + SequenceLength(static_cast<unsigned char>(text[end])));
      if (next - start > kMaxBytes) break;
      end = next;
    }
    if (end == start) end = std::min(text.size(), start + kMaxBytes);
    if (!out.empty()) out += "\r\n ";
    out += kWordPrefix;
    out += Base64(text.substr(start, end - start));
    out += kWordSuffix;
    start = end;
  }
  return out;
}

std::string NormalizeLineEndings(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32 + 2);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

std::string DotStuff(std::string_view crlf_text) {
  std::string out;
  out.reserve(crlf_text.size() + 16);
  bool line_start = true;
  for (std::size_t i = 0; i < crlf_text.size(); ++i) {
    if (line_start && crlf_text[i] == '.') out += '.';
    out += crlf_text[i];
    line_start = crlf_text[i] == '\n' && i > 0 && crlf_text[i - 1] == '\r';
  }
  return out;
}

std::string TextToHtml(std::string_view text) {
  std::string out =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n"
      "<body style=\"font-family: sans-serif; line-height: 1.5\">\n<p>";
  auto escape = [&out](std::string_view s) {
    for (char c : s) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        case '\r':
          break;
        default:
          out += c;
      }
    }
  };
  std::size_t pos = 0;
  bool first_line = true, blank_before = false;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (line.empty()) {
      blank_before = !first_line;
      if (pos > text.size()) break;
      continue;
    }
    if (!first_line) out += blank_before ? "</p>\n<p>" : "<br>\n";
    first_line = false;
    blank_before = false;
    // Links: every http(s) URL up to the next space becomes a link to itself.
    std::size_t i = 0;
    while (i < line.size()) {
      std::size_t found = std::min(line.find("https://", i), line.find("http://", i));
      if (found == std::string_view::npos) {
        escape(line.substr(i));
        break;
      }
      escape(line.substr(i, found - i));
      std::size_t stop = line.find_first_of(" \t", found);
      if (stop == std::string_view::npos) stop = line.size();
      // A sentence's full stop or comma after a link is not part of it.
      while (stop > found &&
             std::string_view(".,;:)").find(line[stop - 1]) != std::string_view::npos) {
        --stop;
      }
      const std::string_view link = line.substr(found, stop - found);
      out += "<a href=\"";
      escape(link);
      out += "\">";
      escape(link);
      out += "</a>";
      i = stop;
    }
  }
  out += "</p>\n</body></html>\n";
  return out;
}

std::string FormatMessage(const domain::MailMessage& message, const Mailbox& from,
                          const domain::DeliveryHeaders& headers, TimePoint date) {
  const std::string& message_id = headers.message_id;
  const std::string domain = from.address.substr(from.address.rfind('@') + 1);
  std::string out;
  out += "From: ";
  if (!from.name.empty()) {
    out += IsPrintableAscii(from.name) ? "\"" + from.name + "\"" : EncodeHeaderText(from.name);
    out += " <" + from.address + ">";
  } else {
    out += from.address;
  }
  out += "\r\nTo: " + message.to;
  out += "\r\nSubject: " + EncodeHeaderText(message.subject);
  out += "\r\nDate: " + FormatRfc5322Date(date);
  out += "\r\nMessage-ID: <" + std::string(message_id) + "@" + domain + ">";
  // One-click unsubscribe (RFC 8058): the HTTPS link alone, so that mail providers POST to it;
  // the link holds only base64url characters, so no header folding or escaping is needed.
  if (!headers.list_unsubscribe.empty()) {
    out += "\r\nList-Unsubscribe: <" + headers.list_unsubscribe + ">";
    out += "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click";
  }
  out += "\r\nMIME-Version: 1.0";
  // The text and the same words as HTML (made from the text: one source) as alternatives, and
  // for an invitation the iCalendar object as the last alternative (RFC 6047 section 2.4), which
  // is what Outlook and Gmail read to offer Accept / Decline. The boundary comes from the
  // message id, which never appears in any part.
  const std::string boundary = "=_pairwise_" + message_id;
  out += "\r\nContent-Type: multipart/alternative; boundary=\"" + boundary + "\"";
  out += "\r\n\r\n--" + boundary;
  out += "\r\nContent-Type: text/plain; charset=utf-8";
  out += "\r\nContent-Transfer-Encoding: 8bit";
  out += "\r\n\r\n";
  out += NormalizeLineEndings(message.text);
  out += "\r\n--" + boundary;
  out += "\r\nContent-Type: text/html; charset=utf-8";
  out += "\r\nContent-Transfer-Encoding: 8bit";
  out += "\r\n\r\n";
  out += NormalizeLineEndings(TextToHtml(message.text));
  if (!message.calendar.empty()) {
    out += "\r\n--" + boundary;
    out += "\r\nContent-Type: text/calendar; charset=utf-8; method=" + message.calendar_method;
    out += "\r\nContent-Transfer-Encoding: 8bit";
    out += "\r\n\r\n";
    out += NormalizeLineEndings(message.calendar);
  }
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace pairwise::mail
