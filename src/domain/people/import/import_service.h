// Importing the directory from an HRIS export (CSV): preview (a dry run listing every problem
// by row and column and every change), import (all of it in one transaction, or nothing), and
// the saved column mapping. Only admins import.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/people/departures.h"
#include "domain/people/import/import_mapping_repository.h"
#include "domain/people/import/import_plan.h"
#include "domain/people/people_repository.h"

namespace pairwise::domain::import {

struct ImportRequest {
  std::string_view csv;  // the file's bytes
  bool full = false;     // people stored but missing from the file are marked left
  // This upload's mapping choices (header -> field, "" to ignore); they win over the saved
  // mapping and the suggestions. After a successful import they are saved.
  std::vector<SavedMappingEntry> overrides;
  // What the admin confirmed (PlanOptions): a full import may mark more than max_left_percent
  // of the people as left; the new departments and sites the file names may be created.
  int max_left_percent = kDefaultMaxLeftPercent;
  bool confirm_leavers = false;
  bool confirm_new = false;
};

struct ImportReport {
  ImportPlan plan;       // plan.errors empty: the file is importable
  bool applied = false;  // Import only: the changes were committed
  // Things that went wrong after the commit (the audit entry or the mapping could not be
  // saved): the import itself stands.
  std::vector<std::string> warnings;
  // The file has no problem (it imports once plan.unconfirmed is confirmed).
  bool can_import() const { return plan.errors.empty(); }
};

// The actor of `pairwise import` run on the server itself: a local operator with the admin
// role and no directory person, named "local operator" in the audit log.
Actor LocalOperator();
// How the audit log names `actor`: Actor::Describe(), or "local operator" for LocalOperator().
std::string DescribeImportActor(const Actor& actor);

// Thread-safe as far as its repositories and audit log are (the storage ones are).
class ImportService {
 public:
  // All must outlive the service.
  ImportService(PeopleRepository& people, ImportMappingRepository& mappings, AuditLog& audit,
                const Clock& clock)
      : people_(people), mappings_(mappings), audit_(audit), clock_(clock) {}

  // Told, after an import commits, of the people it made leave (departures.h). Set once by the
  // composition root before serving; may stay unset.
  void SetDepartureObserver(DepartureObserver* observer) { departures_ = observer; }

  // What importing `request` would do, against the directory as stored now. Writes nothing.
  // Errors: Forbidden unless the actor is an admin; storage errors as the repositories return
  // them. Problems with the file are not errors: they are in report.plan.errors.
  Result<ImportReport> Preview(const Actor& actor, const ImportRequest& request);

  // Checks the file against the directory inside one transaction and, only when it has no
  // problem at all and the request confirms all that needs confirming (plan.unconfirmed
  // empty), writes every change in that same transaction (PeopleService::LoadDirectory over it:
  // new departments and sites with the people) and commits. Otherwise nothing is written and
  // the report says why (applied = false; plan.errors or plan.unconfirmed). After a commit, records
  // an "import_people" audit entry and saves the mapping choices that the file used (failures there
  // become warnings). Errors: Forbidden unless admin; storage errors (Unavailable, Conflict when a
  // concurrent change clashes, Internal) with nothing written.
  Result<ImportReport> Import(const Actor& actor, const ImportRequest& request);

  // The saved mapping. Forbidden unless admin.
  Result<std::vector<SavedMappingEntry>> GetMapping(const Actor& actor);
  // Replaces the saved mapping (NormalizeMapping applied; InvalidArgument naming the entry when
  // it fails) and returns what was saved. Records an "import_mapping_saved" audit entry.
  // Forbidden unless admin.
  Result<std::vector<SavedMappingEntry>> SaveMapping(const Actor& actor,
                                                     std::vector<SavedMappingEntry> entries);

 private:
  Result<ResolvedMapping> Resolve(const CsvTable& table, const ImportRequest& request);
  PlanOptions Options(const ImportRequest& request) const;
  Date Today() const;

  PeopleRepository& people_;
  ImportMappingRepository& mappings_;
  AuditLog& audit_;
  const Clock& clock_;
  DepartureObserver* departures_ = nullptr;
};

// Reads the whole stored directory (people page by page, departments, sites) from `repository`.
Result<StoredDirectory> LoadStoredDirectory(PeopleRepository& repository);

}  // namespace pairwise::domain::import
