// Exports of the long lists as CSV or XLSX (issue 24). Every route needs a session (through
// `auth`); access and the audit record are TableExports' (the list's own rules). The filters
// are the list route's own query parameters, parsed by the same code.
//
//   GET /api/v1/people/export?format=csv|xlsx&q=&department=&site=&skill=&skill_interest=&status=
//   GET /api/v1/programs/{program_id}/relationships/export?format=csv|xlsx&status=&person=
//   GET
//   /api/v1/programs/{program_id}/applications/export?format=csv|xlsx&side=&status=&q=&sort=&order=
//   GET /api/v1/surveys/{survey_id}/results/export?format=csv|xlsx&by=&group=
//
// The rows are read page by page into a TableStream (api/export/table_export.h), which writes
// them to an unnamed temporary file; the answer sends that file from disk (HttpResponse::file).
#pragma once

#include <memory>
#include <string>

#include "api/auth.h"
#include "api/http_types.h"
#include "api/router.h"
#include "common/status.h"
#include "domain/reports/table_exports.h"

namespace pairwise::api {

// Adds the routes above. `auth` and `exports` must outlive the router.
void RegisterTableExportRoutes(Router& router, AuthGate& auth, domain::TableExports& exports);

// The `format` query parameter of every export: "csv" or "xlsx"; InvalidArgument "format"
// otherwise (missing too).
Result<std::string> ExportFormatOf(const HttpRequest& request);

// An export's answer: `file` (sent from disk by the server) as an attachment named `filename`,
// with the format's type, never cached.
HttpResponse ExportFileResponse(std::shared_ptr<const FileBody> file, const std::string& format,
                                const std::string& filename);

}  // namespace pairwise::api
