#include "common/file_type.h"

#include <array>
#include <cctype>
#include <string>

namespace pairwise {

namespace {

constexpr FileType kPdf{"application/pdf", "a PDF document", {".pdf", ""}};
constexpr FileType kPng{"image/png", "a PNG image", {".png", ""}};
constexpr FileType kJpeg{"image/jpeg", "a JPEG image", {".jpg", ".jpeg"}};
constexpr FileType kGif{"image/gif", "a GIF image", {".gif", ""}};
constexpr FileType kWebp{"image/webp", "a WebP image", {".webp", ""}};
constexpr FileType kDocx{"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                         "a Word document",
                         {".docx", ""}};

bool StartsWith(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

}  // namespace

std::optional<FileType> SniffFileType(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (StartsWith(bytes, "%PDF-"sv)) return kPdf;
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n"sv)) return kPng;
  if (StartsWith(bytes, "\xff\xd8\xff"sv)) return kJpeg;
  if (StartsWith(bytes, "GIF87a"sv) || StartsWith(bytes, "GIF89a"sv)) return kGif;
  if (bytes.size() >= 12 && StartsWith(bytes, "RIFF"sv) && bytes.substr(8, 4) == "WEBP"sv) {
    return kWebp;
  }
  // A .docx is a ZIP archive (a local file header first) whose parts include the package's
  // [Content_Types].xml and the document body word/document.xml. ZIP stores entry names
  // uncompressed, so both names appear in the bytes of a real one; any other ZIP is refused.
  if (StartsWith(bytes, "PK\x03\x04"sv) &&
      bytes.find("[Content_Types].xml"sv) != std::string_view::npos &&
      bytes.find("word/document.xml"sv) != std::string_view::npos) {
    return kDocx;
  }
  return std::nullopt;
}

bool ExtensionFits(std::string_view file_name, const FileType& type) {
  const std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string extension(file_name.substr(dot));
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view fits : type.extensions) {
    if (!fits.empty() && extension == fits) return true;
  }
  return false;
}

}  // namespace pairwise
