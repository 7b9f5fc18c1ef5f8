// Request-target parsing and routing, end to end: the input is "METHOD target" on its first
// line and the body after it. The target is parsed and redacted for the log as the server does,
// then the request goes through the real dispatcher and every route of the application (on a
// small demo organization, as a signed-in admin). A crash, a sanitizer report or an answer
// >= 500 is a failure (http_harness.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/dispatcher.h"
#include "http_harness.h"

// The application is built before the first input (its demo takes longer than -timeout allows
// one input).
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  pairwise::fuzz::Prepare();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pairwise;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t line_end = input.find('\n');
  const std::string_view line = input.substr(0, line_end);
  const std::string_view body =
      line_end == std::string_view::npos ? std::string_view() : input.substr(line_end + 1);
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return 0;
  const std::string_view method = line.substr(0, space);
  const std::string_view target = line.substr(space + 1);

  // The parts the server uses before the dispatcher does.
  api::HttpRequest parsed;
  parsed.target = std::string(target);
  (void)api::ParseTarget(parsed);
  (void)api::RedactTargetForLog(target);

  const bool scim = target.starts_with("/scim/");
  fuzz::Send(method, target, body,
             scim ? fuzz::Credentials::kScimToken : fuzz::Credentials::kAdminSession);
  return 0;
}
