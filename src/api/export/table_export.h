// Tables as files people open elsewhere: CSV (RFC 4180) and XLSX (libxlsxwriter). A table is
// what a report page shows beside its chart: a title, column headings and rows of text or
// numbers. Pure formatting: who may export what is the domain's business (ReportService).
#pragma once

#include <string>
#include <variant>
#include <vector>

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

// One workbook, a sheet per table (title in the first row, headings in the second). Written to
// a temporary file that is removed before returning; the file's bytes are returned. Internal
// when the file cannot be written.
Result<std::string> ToXlsx(const std::vector<ExportTable>& tables);

}  // namespace pairwise::api
