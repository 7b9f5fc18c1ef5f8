// `pairwise import people FILE [--full [--max-left-percent N] [--confirm-leavers]]
// [--confirm-new] [--dry-run] [--map "Header=field" ...]`: imports the directory from an HRIS
// export (CSV) as the local operator (an admin; the audit log names it "local operator").
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
  // --full may mark more than this share of the people as left only with confirm_leavers.
  int max_left_percent = domain::import::kDefaultMaxLeftPercent;
  bool confirm_leavers = false;
  bool confirm_new = false;  // create the new departments and sites the file names
};

// Runs the command over `service`, printing the outcome to `out` and problems to `err`.
// Returns the exit status: 0 imported (or, with --dry-run, importable); 2 bad input (a bad
// --map, a file with errors: each printed with its row and column; or an import that needs
// --confirm-leavers or --confirm-new: what it would do is printed; nothing written);
// 1 any other failure (the file cannot be read, storage).
int RunImportPeople(domain::import::ImportService& service, const ImportCommandOptions& options,
                    std::FILE* out, std::FILE* err);

// Parses one --map value. InvalidArgument when there is no "=" or the header is empty.
Result<domain::import::SavedMappingEntry> ParseMapOption(std::string_view text);

}  // namespace pairwise::cli
