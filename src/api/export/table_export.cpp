#include "api/export/table_export.h"

#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

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

// An owned descriptor, closed unless released.
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  UniqueFd& operator=(UniqueFd&&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// A temporary file with no name: made as pairwise-export-XXXXXX in the temporary directory
// (TMPDIR) and unlinked at once, so only the descriptor keeps it; a dead process or a client
// that leaves mid-download leaves nothing on disk.
Result<UniqueFd> OpenUnnamedTempFile() {
  std::error_code error;
  std::filesystem::path dir = std::filesystem::temp_directory_path(error);
  if (error) dir = "/tmp";
  std::string path = (dir / "pairwise-export-XXXXXX").string();
  const int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) {
    return Status::Internal("could not create a temporary file in " + dir.string() + ": " +
                            std::strerror(errno));
  }
  ::unlink(path.c_str());
  return UniqueFd(fd);
}

// A workbook being written into an unnamed temporary file, in constant-memory mode: rows are
// written in order and each is flushed to libxlsxwriter's own (unnamed) temporary file once the
// next begins; closing zips the sheets into our file. libxlsxwriter writes to a path: it is
// given /proc/self/fd/N, which opens the unnamed file again (Linux).
class Workbook {
 public:
  static Result<std::unique_ptr<Workbook>> Create() {
    auto fd = OpenUnnamedTempFile();
    if (!fd.ok()) return fd.status();
    const std::string path = "/proc/self/fd/" + std::to_string(fd->get());
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    if (!workbook) return Status::Internal("could not create the workbook " + path);
    return std::unique_ptr<Workbook>(new Workbook(workbook, std::move(fd).value()));
  }

  ~Workbook() {
    if (workbook_) workbook_close(workbook_);
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

  Result<std::shared_ptr<const FileBody>> Close() {
    const lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    if (error != LXW_NO_ERROR) {
      return Status::Internal("could not write the workbook: " + std::string(lxw_strerror(error)));
    }
    auto file = FileBody::Adopt(fd_.release());
    if (file.ok() && (*file)->size() == 0) return Status::Internal("the workbook came out empty");
    return file;
  }

 private:
  Workbook(lxw_workbook* workbook, UniqueFd fd) : workbook_(workbook), fd_(std::move(fd)) {
    bold_ = workbook_add_format(workbook_);
    format_set_bold(bold_);
  }

  lxw_workbook* workbook_;
  UniqueFd fd_;
  lxw_format* bold_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_row_t next_row_ = 0;
};

// CSV lines gather in a small buffer that goes to the file whenever it passes kFlushAt.
class CsvStream final : public TableStream {
 public:
  CsvStream(UniqueFd fd, const ExportTable& heading) : fd_(std::move(fd)) {
    AppendCsvLine(buffer_, heading.columns);
  }
  void Add(const std::vector<ExportCell>& row) override {
    AppendCsvLine(buffer_, row);
    ++rows_;
    if (buffer_.size() >= kFlushAt) Flush();
  }
  Result<std::shared_ptr<const FileBody>> Finish() override {
    Flush();
    if (!written_.ok()) return written_;
    return FileBody::Adopt(fd_.release());
  }

 private:
  static constexpr std::size_t kFlushAt = 64 * 1024;

  void Flush() {
    std::size_t done = 0;
    while (written_.ok() && done < buffer_.size()) {
      const ssize_t n = ::write(fd_.get(), buffer_.data() + done, buffer_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        written_ = Status::Internal("could not write the export: " +
                                    std::string(std::strerror(n < 0 ? errno : ENOSPC)));
        break;
      }
      done += static_cast<std::size_t>(n);
    }
    buffer_.clear();
  }

  UniqueFd fd_;
  std::string buffer_;
  Status written_ = Status::Ok();
};

class XlsxStream final : public TableStream {
 public:
  explicit XlsxStream(std::unique_ptr<Workbook> workbook) : workbook_(std::move(workbook)) {}
  void Add(const std::vector<ExportCell>& row) override {
    workbook_->Row(row);
    ++rows_;
  }
  Result<std::shared_ptr<const FileBody>> Finish() override { return workbook_->Close(); }

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

Result<std::shared_ptr<const FileBody>> ExportFileOf(std::string_view format,
                                                     std::span<const ExportTable> tables) {
  if (format == "csv") {
    if (tables.size() != 1) {
      return Status::InvalidArgument("a CSV file holds one table", "format");
    }
    auto stream = TableStream::Open(format, tables.front());
    if (!stream.ok()) return stream.status();
    for (const auto& row : tables.front().rows) (*stream)->Add(row);
    return (*stream)->Finish();
  }
  if (format != "xlsx") return Status::InvalidArgument("format must be csv or xlsx", "format");
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
  if (format == "csv") {
    auto fd = OpenUnnamedTempFile();
    if (!fd.ok()) return fd.status();
    return std::unique_ptr<TableStream>(new CsvStream(std::move(fd).value(), heading));
  }
  if (format != "xlsx") return Status::InvalidArgument("format must be csv or xlsx", "format");
  auto workbook = Workbook::Create();
  if (!workbook.ok()) return workbook.status();
  if (Status s = (*workbook)->AddSheet(heading); !s.ok()) return s;
  return std::unique_ptr<TableStream>(new XlsxStream(std::move(workbook).value()));
}

}  // namespace pairwise::api
