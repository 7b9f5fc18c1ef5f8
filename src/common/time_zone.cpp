#include "common/time_zone.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pairwise {
namespace {

// One zone's transitions: at transition_times[i] (seconds since the epoch) the offset becomes
// offsets[i]. `initial` holds before the first.
struct Zone {
  std::vector<int64_t> transition_times;
  std::vector<int32_t> offsets;  // seconds east of UTC
  int32_t initial = 0;
};

bool IsSafeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/') return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || part.front() == '.') return false;
    for (char c : part) {
      const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == '+';
      if (!ok) return false;
    }
    start = end + 1;
  }
  return true;
}

class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  bool Has(std::size_t n) const { return pos_ + n <= bytes_.size(); }
  int64_t Be(int width) {
    uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(bytes_[pos_ + i]);
    pos_ += static_cast<std::size_t>(width);
    if (width == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
    return static_cast<int64_t>(v);
  }
  void Skip(std::size_t n) { pos_ += n; }
  std::size_t pos() const { return pos_; }

 private:
  const std::string& bytes_;
  std::size_t pos_ = 0;
};

struct Header {
  int64_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

bool ReadHeader(Reader& r, const std::string& bytes, Header& h, char& version) {
  if (!r.Has(44) || bytes.compare(r.pos(), 4, "TZif") != 0) return false;
  version = bytes[r.pos() + 4];
  r.Skip(20);
  h.isutcnt = r.Be(4);
  h.isstdcnt = r.Be(4);
  h.leapcnt = r.Be(4);
  h.timecnt = r.Be(4);
  h.typecnt = r.Be(4);
  h.charcnt = r.Be(4);
  return h.isutcnt >= 0 && h.isstdcnt >= 0 && h.leapcnt >= 0 && h.timecnt >= 0 && h.typecnt > 0 &&
         h.charcnt >= 0 && h.timecnt < 100000 && h.typecnt < 1000;
}

std::size_t BlockSize(const Header& h, int time_width) {
  return static_cast<std::size_t>(h.timecnt * time_width + h.timecnt + h.typecnt * 6 + h.charcnt +
                                  h.leapcnt * (time_width + 4) + h.isstdcnt + h.isutcnt);
}

// Parses a TZif file (RFC 8536), using the 64-bit block of version 2 and later files.
std::optional<Zone> ParseTzif(const std::string& bytes) {
  Reader r(bytes);
  Header h{};
  char version = 0;
  if (!ReadHeader(r, bytes, h, version)) return std::nullopt;
  int width = 4;
  if (version >= '2') {
    if (!r.Has(BlockSize(h, 4))) return std::nullopt;
    r.Skip(BlockSize(h, 4));
    if (!ReadHeader(r, bytes, h, version)) return std::nullopt;
    width = 8;
  }
  if (!r.Has(BlockSize(h, width))) return std::nullopt;
  Zone zone;
  zone.transition_times.resize(static_cast<std::size_t>(h.timecnt));
  for (auto& t : zone.transition_times) t = r.Be(width);
  std::vector<uint8_t> type_of(static_cast<std::size_t>(h.timecnt));
  for (auto& t : type_of) t = static_cast<uint8_t>(r.Be(1));
  std::vector<int32_t> type_offset(static_cast<std::size_t>(h.typecnt));
  for (auto& off : type_offset) {
    off = static_cast<int32_t>(r.Be(4));
    r.Skip(2);  // is_dst, abbreviation index
  }
  zone.offsets.reserve(type_of.size());
  for (uint8_t t : type_of) {
    if (t >= type_offset.size()) return std::nullopt;
    zone.offsets.push_back(type_offset[t]);
  }
  zone.initial = type_offset[0];
  return zone;
}

std::shared_ptr<const Zone> LoadZone(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Zone>, std::less<>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  const char* dir = std::getenv("TZDIR");
  const std::string path =
      std::string(dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo") + "/" +
      std::string(name);
  std::shared_ptr<const Zone> zone;
  std::error_code error;
  // A directory ("Europe") opens but cannot be read; only regular files are zones.
  if (std::filesystem::is_regular_file(path, error) &&
      std::filesystem::file_size(path, error) < (1u << 20) && !error) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes(std::filesystem::file_size(path, error), '\0');
    if (in && !error && in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
      if (auto parsed = ParseTzif(bytes)) zone = std::make_shared<const Zone>(std::move(*parsed));
    }
  }
  cache.emplace(std::string(name), zone);  // unknown zones are remembered too
  return zone;
}

}  // namespace

std::optional<int> UtcOffsetMinutes(std::string_view zone_name, TimePoint at) {
  if (!IsSafeZoneName(zone_name)) return std::nullopt;
  const std::shared_ptr<const Zone> zone = LoadZone(zone_name);
  if (!zone) return std::nullopt;
  const int64_t seconds =
      std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
  int32_t offset = zone->initial;
  // The last transition at or before `at`.
  auto it = std::upper_bound(zone->transition_times.begin(), zone->transition_times.end(), seconds);
  if (it != zone->transition_times.begin()) {
    offset = zone->offsets[static_cast<std::size_t>(it - zone->transition_times.begin() - 1)];
  }
  return offset / 60;
}

}  // namespace pairwise
