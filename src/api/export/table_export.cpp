#include "api/export/table_export.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

namespace pairwise::api {
namespace {

std::string Decimal(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4f", v);
  std::string text = buffer;
  // Trailing zeros say nothing: 0.9100 -> 0.91, 3.0000 -> 3.
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

std::string CsvField(const ExportCell& cell) {
  if (const auto* n = std::get_if<int64_t>(&cell)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&cell)) return Decimal(*d);
  std::string text = std::get<std::string>(cell);
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    text.insert(0, 1, '\'');  // never a formula in someone's spreadsheet
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string ToCsv(const ExportTable& table) {
  std::string out;
  auto line = [&](const auto& cells) {
    bool first = true;
    for (const auto& c : cells) {
      if (!first) out += ',';
      first = false;
      out += CsvField(ExportCell(c));
    }
    out += "\r\n";
  };
  line(table.columns);
  for (const auto& row : table.rows) line(row);
  return out;
}

Result<std::string> ToXlsx(const std::vector<ExportTable>& tables) {
  // A name no other request uses: libxlsxwriter writes to a path.
  std::random_device entropy;
  const auto path =
      std::filesystem::temp_directory_path() /
      ("pairwise-export-" + std::to_string(entropy()) + std::to_string(entropy()) + ".xlsx");
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Status::Internal("could not create the workbook " + path.string());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  for (const ExportTable& table : tables) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.name.c_str());
    if (!sheet) {
      workbook_close(workbook);
      std::filesystem::remove(path);
      return Status::Internal("bad sheet name " + table.name);
    }
    worksheet_write_string(sheet, 0, 0, table.title.c_str(), bold);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      worksheet_write_string(sheet, 1, static_cast<lxw_col_t>(c), table.columns[c].c_str(), bold);
      worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           c == 0 ? 30 : 16, nullptr);
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 2);
      for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        const ExportCell& cell = table.rows[r][c];
        if (const auto* n = std::get_if<int64_t>(&cell)) {
          worksheet_write_number(sheet, row, col, static_cast<double>(*n), nullptr);
        } else if (const auto* d = std::get_if<double>(&cell)) {
          worksheet_write_number(sheet, row, col, *d, nullptr);
        } else {
          worksheet_write_string(sheet, row, col, std::get<std::string>(cell).c_str(), nullptr);
        }
      }
    }
  }
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    return Status::Internal("could not write the workbook: " + std::string(lxw_strerror(error)));
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  if (bytes.empty()) return Status::Internal("the workbook came out empty");
  return bytes;
}

}  // namespace pairwise::api
