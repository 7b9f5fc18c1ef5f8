#include "domain/meetings/free_slots.h"

#include <algorithm>
#include <array>

#include "common/time_zone.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

std::optional<int> OffsetAt(std::string_view zone, sys_seconds utc) {
  return UtcOffsetMinutes(zone, std::chrono::time_point_cast<std::chrono::microseconds>(utc));
}

TimePoint ToTimePoint(sys_seconds t) {
  return std::chrono::time_point_cast<std::chrono::microseconds>(t);
}

// Orders `spans` and merges those that overlap or meet.
void Merge(std::vector<TimeSpan>& spans) {
  std::sort(spans.begin(), spans.end(),
            [](const TimeSpan& x, const TimeSpan& y) { return x.start < y.start; });
  std::size_t out = 0;
  for (const TimeSpan& s : spans) {
    if (s.end <= s.start) continue;
    if (out > 0 && s.start <= spans[out - 1].end) {
      spans[out - 1].end = std::max(spans[out - 1].end, s.end);
    } else {
      spans[out++] = s;
    }
  }
  spans.resize(out);
}

// The spans inside both `a` and `b` (each ordered, merged), ordered.
std::vector<TimeSpan> Intersect(const std::vector<TimeSpan>& a, const std::vector<TimeSpan>& b) {
  std::vector<TimeSpan> out;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const TimeSpan both{std::max(a[i].start, b[j].start), std::min(a[i].end, b[j].end)};
    if (a[i].end < b[j].end) {
      ++i;
    } else {
      ++j;
    }
    if (both.start < both.end) out.push_back(both);
  }
  return out;
}

}  // namespace

std::optional<TimePoint> LocalToUtc(std::string_view zone, sys_seconds local) {
  // The offsets a day either side bracket any one transition near `local` (zones change their
  // offset at most twice a year, never twice within two days).
  const std::optional<int> before = OffsetAt(zone, local - days(1));
  const std::optional<int> after = OffsetAt(zone, local + days(1));
  if (!before || !after) return std::nullopt;
  std::optional<sys_seconds> best;
  for (int offset : {*before, *after}) {
    const sys_seconds utc = local - minutes(offset);
    if (OffsetAt(zone, utc) == offset && (!best || utc < *best)) best = utc;
  }
  if (best) return ToTimePoint(*best);
  // A skipped hour: the clocks jump somewhere in (local - after, local - before]. Find the
  // first minute with the new offset.
  sys_seconds lo = local - minutes(*after);   // still the old offset
  sys_seconds hi = local - minutes(*before);  // already the new one
  while (hi - lo > minutes(1)) {
    const sys_seconds mid = lo + std::chrono::floor<minutes>((hi - lo) / 2);
    if (OffsetAt(zone, mid) == *after) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return ToTimePoint(hi);
}

std::optional<sys_seconds> UtcToLocal(std::string_view zone, TimePoint t) {
  const std::optional<int> offset = UtcOffsetMinutes(zone, t);
  if (!offset) return std::nullopt;
  return std::chrono::floor<seconds>(t) + minutes(*offset);
}

std::vector<TimeSpan> AvailabilitySpans(const std::vector<AvailabilityWindow>& windows,
                                        std::string_view zone, TimePoint from, TimePoint to) {
  std::vector<TimeSpan> out;
  if (windows.empty() || to <= from) return out;
  const std::optional<sys_seconds> first = UtcToLocal(zone, from);
  const std::optional<sys_seconds> last = UtcToLocal(zone, to);
  if (!first || !last) return out;
  std::array<std::vector<const AvailabilityWindow*>, 7> by_day;
  for (const AvailabilityWindow& w : windows) {
    if (w.weekday >= 0 && w.weekday < 7) by_day[static_cast<std::size_t>(w.weekday)].push_back(&w);
  }
  for (sys_days day = std::chrono::floor<days>(*first); day <= std::chrono::floor<days>(*last);
       day += days(1)) {
    const unsigned weekday = std::chrono::weekday(day).iso_encoding() - 1;
    for (const AvailabilityWindow* w : by_day[weekday]) {
      const std::optional<TimePoint> start =
          LocalToUtc(zone, sys_seconds(day) + minutes(w->start_minute));
      const std::optional<TimePoint> end =
          LocalToUtc(zone, sys_seconds(day) + minutes(w->end_minute));
      if (!start || !end) continue;
      const TimeSpan span{std::max(*start, from), std::min(*end, to)};
      if (span.start < span.end) out.push_back(span);
    }
  }
  Merge(out);
  return out;
}

bool Covers(const std::vector<TimeSpan>& spans, const TimeSpan& span) {
  auto it = std::upper_bound(spans.begin(), spans.end(), span.start,
                             [](TimePoint t, const TimeSpan& s) { return t < s.start; });
  if (it == spans.begin()) return false;
  --it;
  return it->start <= span.start && span.end <= it->end;
}

std::vector<TimeSpan> CommonFreeSlots(const std::vector<std::vector<TimeSpan>>& available,
                                      std::vector<TimeSpan> busy, const SlotQuery& query) {
  std::vector<TimeSpan> out;
  if (available.empty() || query.limit == 0 || query.duration <= minutes(0) ||
      query.step <= minutes(0)) {
    return out;
  }
  // The times everyone is available: each list cut down to its overlap with the next.
  std::vector<TimeSpan> common = available.front();
  for (std::size_t p = 1; p < available.size() && !common.empty(); ++p) {
    common = Intersect(common, available[p]);
  }
  Merge(busy);
  std::size_t k = 0;
  constexpr auto kGrid = std::chrono::microseconds(minutes(kAvailabilityStepMinutes));
  for (const TimeSpan& both : common) {
    // The parts of `both` that no busy span covers.
    TimePoint cursor = both.start;
    while (k < busy.size() && busy[k].end <= cursor) ++k;
    std::size_t m = k;
    while (cursor < both.end) {
      TimePoint free_end = both.end;
      TimePoint next = both.end;
      if (m < busy.size() && busy[m].start < both.end) {
        free_end = std::min(free_end, std::max(cursor, busy[m].start));
        next = busy[m].end;
      }
      // Slots inside [cursor, free_end).
      TimePoint t = std::max(cursor, query.from);
      const auto over = (t.time_since_epoch() % kGrid);
      if (over.count() != 0) t += kGrid - over;
      for (; t + query.duration <= free_end && t + query.duration <= query.to; t += query.step) {
        out.push_back({t, t + query.duration});
        if (out.size() == query.limit) return out;
      }
      cursor = next;
      ++m;
    }
  }
  return out;
}

std::vector<TimeSpan> MutualFreeSlots(const std::vector<TimeSpan>& a,
                                      const std::vector<TimeSpan>& b, std::vector<TimeSpan> busy,
                                      const SlotQuery& query) {
  return CommonFreeSlots({a, b}, std::move(busy), query);
}

}  // namespace pairwise::domain
