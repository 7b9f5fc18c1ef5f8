// Tables as files people open elsewhere: CSV (RFC 4180) and XLSX (libxlsxwriter). A table is
// what a report page shows beside its chart: a title, column headings and rows of text or
// numbers. Pure formatting: who may export what is the domain's business (ReportService).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "api/http_types.h"
#include "common/status.h"

namespace pairwise::api {

// A cell: text, a whole number or a decimal (written as a number, so spreadsheets can sum it).
using ExportCell = std::variant<std::string, int64_t, double>;

struct ExportTable {
  std::string name;   // the sheet's name: 1..31 characters, none of []:*?/\ (Excel's rule)
  std::string title;  // the words above the table
  std::vector<std::string> columns;
  std::vector<std::vector<ExportCell>> rows;  // each as wide as `columns`
};

// RFC 4180: CRLF line ends, a header record, fields with comma, quote, CR or LF quoted and
// quotes doubled. Decimals are written with up to 4 decimal places. Text that a spreadsheet
// would run as a formula (starting with = + - @) is prefixed with an apostrophe.
std::string ToCsv(const ExportTable& table);

// The file an answer sends (HttpResponse::file) for `tables`, written to an unnamed temporary
// file: `format` "csv" holds exactly one table (as ToCsv), "xlsx" a sheet per table (title in
// the first row, headings in the second). InvalidArgument "format" for another format or a CSV
// of other than one table; Internal when the file cannot be written (a bad sheet name too).
Result<std::shared_ptr<const FileBody>> ExportFileOf(std::string_view format,
                                                     std::span<const ExportTable> tables);

// One table written row by row, for lists that may be long (100,000 people): the caller reads
// its rows page by page and never holds them all, and the file goes to disk as it grows, so
// memory is bounded by a page of rows, not by the file. CSV rows are appended to a temporary
// file (through a small buffer); XLSX uses libxlsxwriter's constant-memory mode (each row goes
// to its temporary file once the next begins) and is zipped into the temporary file at the end.
// The temporary files have no name on disk once open (pairwise-export-* in the temporary
// directory for an instant): nothing is left behind when the process dies or the client
// leaves. The same cells as ToCsv / ExportFileOf. Not thread-safe; one per export.
class TableStream {
 public:
  // `format` "csv" or "xlsx" (the caller has checked it: anything else is InvalidArgument
  // "format"); `heading` gives name, title and columns (its rows are ignored). Internal when
  // the temporary file or the workbook cannot be created.
  static Result<std::unique_ptr<TableStream>> Open(std::string_view format,
                                                   const ExportTable& heading);
  virtual ~TableStream() = default;
  // One row, as wide as the columns. A write error is kept and returned by Finish.
  virtual void Add(const std::vector<ExportCell>& row) = 0;
  // The finished file, read from its start; the stream is spent. Internal when the file could
  // not be written.
  virtual Result<std::shared_ptr<const FileBody>> Finish() = 0;
  int64_t rows() const { return rows_; }

 protected:
  int64_t rows_ = 0;
};

}  // namespace pairwise::api
