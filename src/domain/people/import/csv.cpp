#include "domain/people/import/csv.h"

#include <algorithm>
#include <cstdint>

#include "common/utf8.h"

namespace pairwise::domain::import {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at text[i], or 0 when it is not one.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto c = DecodeUtf8(text, i);
  return c ? c->length : 0;
}

// Replaces invalid sequences by U+FFFD; returns whether any was found.
bool RepairUtf8(std::string& field) {
  bool has_high = false;
  for (char c : field) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      has_high = true;
      break;
    }
  }
  if (!has_high) return false;
  std::string out;
  out.reserve(field.size());
  bool bad = false;
  std::size_t i = 0;
  while (i < field.size()) {
    const std::size_t length = Utf8SequenceLength(field, i);
    if (length == 0) {
      bad = true;
      out.append(kReplacement);
      ++i;
    } else {
      out.append(field, i, length);
      i += length;
    }
  }
  if (bad) field = std::move(out);
  return bad;
}

// A quoted field's line breaks (with the spaces and tabs around them) as one space.
void JoinLines(std::string& field) {
  if (field.find_first_of("\r\n") == std::string::npos) return;
  std::string out;
  out.reserve(field.size());
  std::size_t i = 0;
  while (i < field.size()) {
    const char c = field[i];
    if (c != '\r' && c != '\n') {
      out.push_back(c);
      ++i;
      continue;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    while (i < field.size() &&
           (field[i] == '\r' || field[i] == '\n' || field[i] == ' ' || field[i] == '\t')) {
      ++i;
    }
    out.push_back(' ');
  }
  field = std::move(out);
}

// The longest prefix of `text` of at most `max_bytes` that does not split a UTF-8 sequence.
std::size_t CutAt(std::string_view text, std::size_t max_bytes) {
  std::size_t cut = std::min(text.size(), max_bytes);
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return cut;
}

}  // namespace

CsvTable ParseCsv(std::string_view text) {
  CsvTable table;
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  table.field_text.reserve(text.size());  // the fields hold about what the file holds
  const auto report = [&table](CsvIssue issue) {
    ++table.issue_count;
    if (table.issues.size() < kMaxListedProblems) table.issues.push_back(std::move(issue));
  };

  int row = 0;
  int line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  std::vector<std::string> fields;
  std::vector<CsvIssue> pending;  // issues of the record being read (its row is known)

  while (i < n) {
    ++row;
    const int record_line = line;
    fields.clear();
    pending.clear();
    bool blank = true;  // one empty unquoted field so far
    bool end_of_record = false;
    while (!end_of_record) {
      std::string field;
      const int column = static_cast<int>(fields.size());
      if (i < n && text[i] == '"') {
        blank = false;
        ++i;
        bool closed = false;
        while (i < n) {
          const std::size_t quote = text.find('"', i);
          const std::size_t stop = quote == std::string_view::npos ? n : quote;
          for (std::size_t k = i; k < stop; ++k) {
            if (text[k] == '\n') ++line;
          }
          field.append(text.substr(i, stop - i));
          i = stop;
          if (i >= n) break;
          if (i + 1 < n && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        JoinLines(field);
        if (!closed) {
          pending.push_back({0, column, "unterminated_quote",
                             "a quoted field opened on line " + std::to_string(record_line) +
                                 " is never closed"});
        } else if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          pending.push_back({0, column, "bad_quote",
                             "text follows the closing quote; inside a quoted field a quote "
                             "must be doubled (\"\")"});
          while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
            field.push_back(text[i++]);
          }
        }
      } else {
        const std::size_t start = i;
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
        field.assign(text.substr(start, i - start));
        if (field.find('"') != std::string::npos) {
          pending.push_back({0, column, "bad_quote",
                             "a quote inside a field that does not start with one; quote the "
                             "whole field and double the quote (\"\")"});
        }
        if (!field.empty()) blank = false;
      }
      if (RepairUtf8(field)) {
        pending.push_back(
            {0, column, "bad_utf8", "the text is not valid UTF-8 (save the export as UTF-8)"});
      }
      fields.push_back(std::move(field));
      if (i >= n) {
        end_of_record = true;
      } else if (text[i] == ',') {
        ++i;
        blank = false;
      } else {
        // "\r\n", "\n" or a lone "\r" ends the record.
        if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        end_of_record = true;
      }
    }
    if (blank && fields.size() == 1) {
      --row;  // blank lines are not records
      continue;
    }
    const bool unterminated = !pending.empty() && pending.back().code == "unterminated_quote";
    for (CsvIssue& issue : pending) {
      issue.row = row;
      report(std::move(issue));
    }
    if (table.header.empty() && table.rows.empty() && row == 1) {
      if (fields.size() > kMaxColumns) {
        report({1, -1, "too_many_columns",
                "the header has " + std::to_string(fields.size()) + " columns; at most " +
                    std::to_string(kMaxColumns) + " are read"});
        fields.resize(kMaxColumns);
      }
      for (std::size_t c = 0; c < fields.size(); ++c) {
        if (fields[c].size() <= kMaxHeaderBytes) continue;
        report({1, static_cast<int>(c), "bad_header",
                "the header of column " + std::to_string(c + 1) + " is longer than " +
                    std::to_string(kMaxHeaderBytes) + " bytes"});
        fields[c].resize(CutAt(fields[c], kMaxHeaderBytes));
      }
      table.header = std::move(fields);
      fields = {};
    } else {
      CsvRecord record{row, record_line, fields.size(), unterminated, table.field_ends.size()};
      if (record.field_count == table.header.size()) {
        for (const std::string& field : fields) {
          table.field_text.append(field);
          table.field_ends.push_back(table.field_text.size());
        }
      }
      table.rows.push_back(record);
    }
  }
  if (table.header.empty()) {
    report({1, -1, "empty_file", "the file has no header row"});
  }
  return table;
}

void AppendCsvField(std::string& out, std::string_view field) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string FormatPeopleCsv(std::span<const PersonRecord> people) {
  std::string out =
      "employee_id,first_name,last_name,email,department,site,time_zone,job_title,level,"
      "manager_employee_id,hire_date,status,languages\r\n";
  out.reserve(out.size() + people.size() * 160);
  for (const PersonRecord& p : people) {
    for (std::string_view field :
         {std::string_view(p.employee_id), std::string_view(p.first_name),
          std::string_view(p.last_name), std::string_view(p.email), std::string_view(p.department),
          std::string_view(p.site), std::string_view(p.time_zone), std::string_view(p.job_title)}) {
      AppendCsvField(out, field);
      out.push_back(',');
    }
    out += std::to_string(p.level);
    out.push_back(',');
    AppendCsvField(out, p.manager_employee_id);
    out.push_back(',');
    out += FormatDate(p.hire_date);
    out.push_back(',');
    out += EmploymentStatusName(p.status);
    out.push_back(',');
    std::string languages;
    for (const std::string& language : p.languages) {
      if (!languages.empty()) languages.push_back(';');
      languages += language;
    }
    AppendCsvField(out, languages);
    out += "\r\n";
  }
  return out;
}

}  // namespace pairwise::domain::import
