// An RFC 4180 reader for HRIS exports: quoted fields, doubled quotes, commas and line breaks
// inside quotes, CRLF or LF line ends, UTF-8 with or without a byte order mark, a header row.
// It never stops at the first problem: every problem is counted, the first kMaxListedProblems
// are kept with where they are, and the records are kept as far as they could be read, so that
// a preview can list what is wrong in bounded memory, whatever the file holds.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/people/person.h"

namespace pairwise::domain::import {

// How many problems an import lists (the file's, the mapping's and the rows'); beyond them they
// are only counted. A broken file's first problems tell what is wrong with it.
inline constexpr std::size_t kMaxListedProblems = 1000;
// The widest header an import reads, and the longest header cell; what goes beyond is reported
// and cut, so that a garbage first line cannot make every message that names a column huge.
inline constexpr std::size_t kMaxColumns = 1000;
inline constexpr std::size_t kMaxHeaderBytes = 200;

// A record of the file. Its fields are in CsvTable::Field, when it has as many as the header
// (otherwise the file cannot be imported, and keeping what a ragged garbage file holds would only
// cost memory).
struct CsvRecord {
  int row = 0;   // the record's number as a spreadsheet shows it: the header is row 1
  int line = 0;  // the physical line (1-based) on which the record starts
  std::size_t field_count = 0;  // how many fields the record has
  bool unterminated = false;    // its last field's quote is never closed (the file's last record)
  std::size_t first_field = 0;  // kept records: the index of its first field in the table
};

// A problem with the file's text. `column` is the 0-based field index, or -1 for the record.
struct CsvIssue {
  int row = 0;
  int column = -1;
  // "bad_utf8" | "bad_quote" | "unterminated_quote" | "empty_file" | "too_many_columns" |
  // "bad_header"
  std::string code;
  std::string message;
};

struct CsvTable {
  std::vector<std::string> header;  // the first record
  std::vector<CsvRecord> rows;      // the records after the header; blank lines skipped
  std::vector<CsvIssue> issues;     // the first kMaxListedProblems, in the order found
  int64_t issue_count = 0;          // all of them

  // Field `i` (< header.size()) of `record`, a record with the header's shape. The view is into
  // this table: valid while it lives.
  std::string_view Field(const CsvRecord& record, std::size_t i) const {
    const std::size_t k = record.first_field + i;
    const std::size_t start = k == 0 ? 0 : field_ends[k - 1];
    return std::string_view(field_text).substr(start, field_ends[k] - start);
  }
  // All fields of `record` (none when it does not have the header's shape).
  std::vector<std::string> Fields(const CsvRecord& record) const {
    std::vector<std::string> out;
    if (record.field_count != header.size()) return out;
    for (std::size_t i = 0; i < record.field_count; ++i) out.emplace_back(Field(record, i));
    return out;
  }

  // The kept records' fields one after the other, and where each ends: a few bytes a field
  // beyond its text, where a string per field would cost dozens.
  std::string field_text;
  std::vector<std::size_t> field_ends;
};

// Parses `text`. A leading UTF-8 BOM is skipped. Fields are returned as written (quotes removed,
// doubled quotes undone; callers trim), except that a line break inside a quoted field (CRLF, LF
// or CR, with the spaces around it) becomes one space: every directory field is one line, and
// HRIS exports break long titles and addresses over lines. A header wider than kMaxColumns is
// "too_many_columns" (the rest is dropped), a header cell longer than kMaxHeaderBytes is
// "bad_header" (it is cut). A field with invalid UTF-8 is reported
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
