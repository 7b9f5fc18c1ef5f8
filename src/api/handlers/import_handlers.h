// The directory import routes (admins only; the ImportService decides):
//   POST /api/v1/imports/people/preview?OPTIONS   body: the CSV file (raw)
//   POST /api/v1/imports/people?OPTIONS           body: the CSV file (raw)
// OPTIONS: full, confirm_leavers, confirm_new (true|false), max_left_percent (0..100).
//   GET  /api/v1/imports/people/mapping
//   PUT  /api/v1/imports/people/mapping                   {"mapping":{"Header":"field"|""|null}}
#pragma once

#include <cstddef>

#include "api/auth.h"
#include "api/router.h"
#include "domain/people/import/import_service.h"

namespace pairwise::api {

// The largest CSV upload: 64 MiB (a 100,000-person export is about 15 MiB).
inline constexpr std::size_t kMaxImportBytes = 64u << 20;
// The preview lists at most this many rows' outcomes (rows_truncated says when there were
// more) and people marked left (counts.mark_left has them all); errors are listed up to
// kMaxListedProblems (error_count has them all).
inline constexpr std::size_t kMaxPreviewRows = 5000;

// Registers the four routes. `auth` and `imports` must outlive the router.
void RegisterImportRoutes(Router& router, AuthGate& auth, domain::import::ImportService& imports);

// The handlers, for tests.
HttpResponse HandleImportPreview(domain::import::ImportService& imports, const HttpRequest& request,
                                 const domain::Actor& actor);
// 200 {applied:true, counts, ...} when imported; 400 {"error":{code:"import_invalid"}, errors,
// ...} when the file has problems; 409 {"error":{code:"confirmation_required", field:
// "confirm_leavers"|"confirm_new"}, needs_confirmation, ...} when the request does not confirm
// what the import would do (nothing written either way).
HttpResponse HandleImportPeople(domain::import::ImportService& imports, const HttpRequest& request,
                                const domain::Actor& actor);
HttpResponse HandleGetImportMapping(domain::import::ImportService& imports,
                                    const domain::Actor& actor);
HttpResponse HandlePutImportMapping(domain::import::ImportService& imports,
                                    const HttpRequest& request, const domain::Actor& actor);

}  // namespace pairwise::api
