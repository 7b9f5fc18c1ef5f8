// An RFC 4180 reader for HRIS exports: quoted fields, doubled quotes, commas and line breaks
// inside quotes, CRLF or LF line ends, UTF-8 with or without a byte order mark, a header row.
// It never stops at the first problem: everything wrong is reported with where it is, and the
// records are kept as far as they could be read, so that a preview can list every error.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/people/person.h"

namespace pairwise::domain::import {

struct CsvRecord {
  std::vector<std::string> fields;
  int row = 0;   // the record's number as a spreadsheet shows it: the header is row 1
  int line = 0;  // the physical line (1-based) on which the record starts
};

// A problem with the file's text. `column` is the 0-based field index, or -1 for the record.
struct CsvIssue {
  int row = 0;
  int column = -1;
  std::string code;  // "bad_utf8" | "bad_quote" | "unterminated_quote" | "empty_file"
  std::string message;
};

struct CsvTable {
  std::vector<std::string> header;  // the first record
  std::vector<CsvRecord> rows;      // the records after the header; blank lines skipped
  std::vector<CsvIssue> issues;     // in the order found
};

// Parses `text`. A leading UTF-8 BOM is skipped. Fields are returned exactly as written (quotes
// removed, doubled quotes undone); callers trim. A field with invalid UTF-8 is reported
// ("bad_utf8") and kept with each bad byte replaced by U+FFFD. A quote inside an unquoted field,
// or text after a closing quote, is "bad_quote" (the text is kept as written). A quoted field
// still open at the end is "unterminated_quote" (the rest of the file is its content). Records
// may have any number of fields: callers check them against the header. Pure; thread-safe.
CsvTable ParseCsv(std::string_view text);

// Appends `field` to `out` as RFC 4180 wants it: quoted (quotes doubled) when it holds a comma,
// quote, CR or LF, or starts or ends with a space.
void AppendCsvField(std::string& out, std::string_view field);

// The standard import file for `people`: the header employee_id,...,languages and one CRLF-ended
// row per person (languages joined by ";"). Importing it over an empty directory (with the
// departments and sites it names) stores `people` as given, left dates aside.
std::string FormatPeopleCsv(std::span<const PersonRecord> people);

}  // namespace pairwise::domain::import
