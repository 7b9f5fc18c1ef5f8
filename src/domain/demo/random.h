// A small deterministic random number generator for synthetic data: the same seed gives the
// same sequence on every platform and standard library (std::*_distribution does not promise
// that). xoshiro256** seeded through splitmix64; integer-only helpers, so that no floating-point
// library function can make two builds disagree.
#pragma once

#include <cstdint>
#include <span>

namespace pairwise::domain::demo {

// Not thread-safe: one generator per thread of generation.
class Random {
 public:
  explicit Random(uint64_t seed) {
    for (uint64_t& word : state_) word = SplitMix64(seed);
  }

  uint64_t Next() {
    const uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = RotateLeft(state_[3], 45);
    return result;
  }

  // Uniform in [0, bound). Precondition: bound > 0.
  uint64_t Below(uint64_t bound) {
    // Rejecting the few values past the last whole multiple of `bound` keeps it exactly uniform.
    const uint64_t threshold = (0 - bound) % bound;
    for (;;) {
      const uint64_t r = Next();
      if (r >= threshold) return r % bound;
    }
  }

  // Uniform in [low, high]. Precondition: low <= high.
  int Between(int low, int high) {
    return low + static_cast<int>(Below(static_cast<uint64_t>(high - low) + 1));
  }

  // True with probability per_mille / 1000.
  bool Chance(int per_mille) { return static_cast<int>(Below(1000)) < per_mille; }

  // An index drawn with probability proportional to its weight. Precondition: some weight > 0,
  // none negative.
  std::size_t Weighted(std::span<const int> weights) {
    uint64_t total = 0;
    for (int w : weights) total += static_cast<uint64_t>(w);
    uint64_t pick = Below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const auto w = static_cast<uint64_t>(weights[i]);
      if (pick < w) return i;
      pick -= w;
    }
    return weights.size() - 1;
  }

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

  static uint64_t SplitMix64(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  static uint64_t RotateLeft(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t state_[4];
};

}  // namespace pairwise::domain::demo
