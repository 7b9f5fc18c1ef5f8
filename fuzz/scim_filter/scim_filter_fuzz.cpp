// The SCIM filter parser over any text: it must not crash, and it either parses or refuses with
// the one error it promises (InvalidArgument, reason "invalid_filter", field "filter").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/scim/scim_filter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pairwise;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = api::scim::ParseFilter(text);
  if (parsed.ok()) return 0;
  const Status& s = parsed.status();
  if (s.code() != ErrorCode::kInvalidArgument || s.field() != "filter" ||
      s.reason() != "invalid_filter") {
    std::abort();
  }
  return 0;
}
