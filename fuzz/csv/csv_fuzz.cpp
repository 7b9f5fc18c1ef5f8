// The CSV reader over any bytes: it must not crash, and what it returns must hold together
// (every kept record has the header's shape, every listed problem is counted, fields are valid
// UTF-8 and views stay inside the table).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/utf8.h"
#include "domain/people/import/csv.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pairwise::domain::import;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const CsvTable table = ParseCsv(text);
  Check(table.issues.size() <= kMaxListedProblems);
  Check(static_cast<int64_t>(table.issues.size()) <= table.issue_count);
  Check(table.header.size() <= kMaxColumns);
  for (const std::string& cell : table.header) Check(cell.size() <= kMaxHeaderBytes + 4);
  int previous_row = 1;
  for (const CsvRecord& record : table.rows) {
    Check(record.row > previous_row);
    previous_row = record.row;
    if (record.field_count != table.header.size()) continue;
    for (std::size_t i = 0; i < record.field_count; ++i) {
      Check(pairwise::CountUtf8CodePoints(table.Field(record, i)).has_value());
    }
    Check(table.Fields(record).size() == table.header.size());
  }
  return 0;
}
