#include "domain/access/small_groups.h"

#include <algorithm>

namespace pairwise::domain {

std::vector<bool> HiddenGroups(const std::vector<int>& counts, int k) {
  k = std::max(k, kLowestMinGroup);
  std::vector<bool> hidden(counts.size(), false);
  int hidden_groups = 0, hidden_people = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > 0 && counts[i] < k) {
      hidden[i] = true;
      ++hidden_groups;
      hidden_people += counts[i];
    }
  }
  // Complementary suppression: one hidden group would be the total minus the shown ones, and
  // several hidden groups holding fewer than k together would be a small group of their own.
  while (hidden_groups > 0 && (hidden_groups < 2 || hidden_people < k)) {
    std::size_t next = counts.size();
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (hidden[i] || counts[i] == 0) continue;
      if (next == counts.size() || counts[i] < counts[next]) next = i;
    }
    if (next == counts.size()) break;  // everything is hidden already
    hidden[next] = true;
    ++hidden_groups;
    hidden_people += counts[next];
  }
  return hidden;
}

}  // namespace pairwise::domain
