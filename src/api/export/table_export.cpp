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

void AppendCsvField(std::string& out, const ExportCell& cell) {
  if (const auto* n = std::get_if<int64_t>(&cell)) {
    out += std::to_string(*n);
    return;
  }
  if (const auto* d = std::get_if<double>(&cell)) {
    out += Decimal(*d);
    return;
  }
  const std::string& text = std::get<std::string>(cell);
  // Never a formula in someone's spreadsheet.
  const bool formula =
      !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@');
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    if (formula) out += '\'';
    out += text;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

template <typename Cells>
void AppendCsvLine(std::string& out, const Cells& cells) {
  bool first = true;
  for (const auto& c : cells) {
    if (!first) out += ',';
    first = false;
    AppendCsvField(out, ExportCell(c));
  }
  out += "\r\n";
}

// A workbook being written to its own temporary file (libxlsxwriter writes to a path), in
// constant-memory mode: rows are written in order and each is flushed once the next begins.
// The file is removed whatever happens.
class Workbook {
 public:
  static Result<std::unique_ptr<Workbook>> Create() {
    // A name no other request uses.
    std::random_device entropy;
    auto path =
        std::filesystem::temp_directory_path() /
        ("pairwise-export-" + std::to_string(entropy()) + std::to_string(entropy()) + ".xlsx");
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    if (!workbook) return Status::Internal("could not create the workbook " + path.string());
    return std::unique_ptr<Workbook>(new Workbook(workbook, std::move(path)));
  }

  ~Workbook() {
    if (workbook_) workbook_close(workbook_);
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // A new sheet: the title in the first row, the headings in the second.
  Status AddSheet(const ExportTable& heading) {
    sheet_ = workbook_add_worksheet(workbook_, heading.name.c_str());
    if (!sheet_) return Status::Internal("bad sheet name " + heading.name);
    for (std::size_t c = 0; c < heading.columns.size(); ++c) {
      worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           c == 0 ? 30 : 16, nullptr);
    }
    worksheet_write_string(sheet_, 0, 0, heading.title.c_str(), bold_);
    for (std::size_t c = 0; c < heading.columns.size(); ++c) {
      worksheet_write_string(sheet_, 1, static_cast<lxw_col_t>(c), heading.columns[c].c_str(),
                             bold_);
    }
    next_row_ = 2;
    return Status::Ok();
  }

  void Row(const std::vector<ExportCell>& cells) {
    const lxw_row_t row = next_row_++;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const ExportCell& cell = cells[c];
      if (const auto* n = std::get_if<int64_t>(&cell)) {
        worksheet_write_number(sheet_, row, col, static_cast<double>(*n), nullptr);
      } else if (const auto* d = std::get_if<double>(&cell)) {
        worksheet_write_number(sheet_, row, col, *d, nullptr);
      } else {
        worksheet_write_string(sheet_, row, col, std::get<std::string>(cell).c_str(), nullptr);
      }
    }
  }

  Result<std::string> Close() {
    const lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    if (error != LXW_NO_ERROR) {
      return Status::Internal("could not write the workbook: " + std::string(lxw_strerror(error)));
    }
    std::ifstream in(path_, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty()) return Status::Internal("the workbook came out empty");
    return bytes;
  }

 private:
  Workbook(lxw_workbook* workbook, std::filesystem::path path)
      : workbook_(workbook), path_(std::move(path)) {
    bold_ = workbook_add_format(workbook_);
    format_set_bold(bold_);
  }

  lxw_workbook* workbook_;
  std::filesystem::path path_;
  lxw_format* bold_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_row_t next_row_ = 0;
};

class CsvStream final : public TableStream {
 public:
  explicit CsvStream(const ExportTable& heading) { AppendCsvLine(text_, heading.columns); }
  void Add(const std::vector<ExportCell>& row) override {
    AppendCsvLine(text_, row);
    ++rows_;
  }
  Result<std::string> Finish() override { return std::move(text_); }

 private:
  std::string text_;
};

class XlsxStream final : public TableStream {
 public:
  explicit XlsxStream(std::unique_ptr<Workbook> workbook) : workbook_(std::move(workbook)) {}
  void Add(const std::vector<ExportCell>& row) override {
    workbook_->Row(row);
    ++rows_;
  }
  Result<std::string> Finish() override { return workbook_->Close(); }

 private:
  std::unique_ptr<Workbook> workbook_;
};

}  // namespace

std::string ToCsv(const ExportTable& table) {
  std::string out;
  AppendCsvLine(out, table.columns);
  for (const auto& row : table.rows) AppendCsvLine(out, row);
  return out;
}

Result<std::string> ToXlsx(const std::vector<ExportTable>& tables) {
  auto workbook = Workbook::Create();
  if (!workbook.ok()) return workbook.status();
  for (const ExportTable& table : tables) {
    if (Status s = (*workbook)->AddSheet(table); !s.ok()) return s;
    for (const auto& row : table.rows) (*workbook)->Row(row);
  }
  return (*workbook)->Close();
}

Result<std::unique_ptr<TableStream>> TableStream::Open(std::string_view format,
                                                       const ExportTable& heading) {
  if (format == "csv") return std::unique_ptr<TableStream>(new CsvStream(heading));
  if (format != "xlsx") return Status::InvalidArgument("format must be csv or xlsx", "format");
  auto workbook = Workbook::Create();
  if (!workbook.ok()) return workbook.status();
  if (Status s = (*workbook)->AddSheet(heading); !s.ok()) return s;
  return std::unique_ptr<TableStream>(new XlsxStream(std::move(workbook).value()));
}

}  // namespace pairwise::api
