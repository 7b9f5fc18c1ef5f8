// Strongly typed integer ids, so a PersonId cannot be passed where a ProgramId is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace pairwise {

template <typename Tag>
struct Id {
  int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

}  // namespace pairwise

template <typename Tag>
struct std::hash<pairwise::Id<Tag>> {
  size_t operator()(pairwise::Id<Tag> id) const noexcept { return std::hash<int64_t>{}(id.value); }
};
