// What an uploaded file is, told by its bytes and never by its name or the client's
// Content-Type (issue 21: evidence files). Only the kinds listed here are recognised; anything
// else (HTML, scripts, plain text, executables, archives) is not a known type.
#pragma once

#include <optional>
#include <string_view>

namespace pairwise {

struct FileType {
  std::string_view content_type;  // "application/pdf", "image/png", ...
  std::string_view words;         // "a PDF document", for sentences
  // The file-name extensions that fit this type, lower case with the dot (".jpg", ".jpeg").
  std::string_view extensions[2];
};

// The type `bytes` starts as (and, for Word documents, is laid out as): PDF, PNG, JPEG, GIF,
// WebP or a Word document (.docx); nullopt for anything else. Pure.
std::optional<FileType> SniffFileType(std::string_view bytes);

// Whether `file_name`'s extension (case-insensitive) is one of `type`'s. A name without an
// extension does not fit.
bool ExtensionFits(std::string_view file_name, const FileType& type);

}  // namespace pairwise
