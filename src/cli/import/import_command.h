// `pairwise import people FILE [--full] [--dry-run] [--map "Header=field" ...]`: imports the
// directory from an HRIS export (CSV) as the local operator (an admin; the audit log names it
// "local operator").
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "domain/people/import/import_service.h"

namespace pairwise::cli {

struct ImportCommandOptions {
  std::string file;
  bool full = false;              // people missing from the file are marked left
  bool dry_run = false;           // check and show what would change; write nothing
  std::vector<std::string> maps;  // "Header=field" ("Header=" ignores the column)
};

// Runs the command over `service`, printing the outcome to `out` and problems to `err`.
// Returns the exit status: 0 imported (or, with --dry-run, importable); 2 bad input (a bad
// --map, or a file with errors: each printed with its row and column, nothing written);
// 1 any other failure (the file cannot be read, storage).
int RunImportPeople(domain::import::ImportService& service, const ImportCommandOptions& options,
                    std::FILE* out, std::FILE* err);

// Parses one --map value. InvalidArgument when there is no "=" or the header is empty.
Result<domain::import::SavedMappingEntry> ParseMapOption(std::string_view text);

}  // namespace pairwise::cli
