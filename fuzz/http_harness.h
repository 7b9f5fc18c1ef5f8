// For the HTTP fuzz targets: the whole application (every route, the real dispatcher, the auth
// gate and the handlers) on a throwaway SQLite database holding a small demo organization,
// driven in-process with a signed-in admin's session. Every answer must be < 500: anything
// else aborts with the request, which libFuzzer reports as a crash. Not thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "api/http_types.h"

namespace pairwise::fuzz {

enum class Credentials { kAdminSession, kScimToken };

// The request, as the Beast server would hand it to the dispatcher, with a same-origin Origin
// and either the admin's cookie and CSRF token or the admin's SCIM token, and (when `body` is
// not empty) a JSON content type. Aborts when the answer is a 5xx.
api::HttpResponse Send(std::string_view method, std::string_view target, std::string_view body,
                       Credentials credentials = Credentials::kAdminSession);

// Builds the application (migrations, the demo, the admin's session) before the first input, so
// that its set-up is not counted against libFuzzer's per-input timeout. Call it from
// LLVMFuzzerInitialize.
void Prepare();

}  // namespace pairwise::fuzz
