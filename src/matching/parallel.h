// Internal: run a loop over [0, count) on several threads, in chunks handed out on demand.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace pairwise::matching::internal {

// `threads` <= 0 means one per core.
inline int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// Calls fn(worker, begin, end) for consecutive chunks of at most `chunk` items until [0, count)
// is covered; worker is 0..threads-1 and identifies per-thread state. Returns when all chunks
// are done. The calling thread is worker 0. fn must not throw.
template <typename Fn>
void ParallelFor(int threads, int64_t count, int64_t chunk, Fn&& fn) {
  if (count <= 0) return;
  chunk = std::max<int64_t>(1, chunk);
  const int64_t chunks = (count + chunk - 1) / chunk;
  const int workers = static_cast<int>(std::min<int64_t>(std::max(1, threads), chunks));
  std::atomic<int64_t> next{0};
  auto run = [&](int worker) {
    for (;;) {
      const int64_t c = next.fetch_add(1, std::memory_order_relaxed);
      if (c >= chunks) return;
      const int64_t begin = c * chunk;
      fn(worker, begin, std::min(count, begin + chunk));
    }
  };
  std::vector<std::jthread> pool;
  pool.reserve(workers - 1);
  for (int w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
}

}  // namespace pairwise::matching::internal
