// What a program's shadow mentor writes to a pair: an experienced mentor attached to the program
// coaches both sides and helps bring a struggling pair back together. A message goes by mail to
// the mentor and the mentee and stays on the relationship, read by the pair and by those who
// oversee it (the program's coordinators and shadow mentors, admins) — never by managers.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace pairwise::domain {

inline constexpr std::size_t kMaxPairMessageChars = 4000;  // code points

struct PairMessage {
  int64_t id = 0;
  int64_t relationship_id = 0;
  std::string author;  // employee id of the shadow mentor
  std::string text;
  TimePoint created_at{};
};

// Thread-safe. Implementations: storage/relationship_records.cpp and the in-memory one.
class PairMessageRepository {
 public:
  virtual ~PairMessageRepository() = default;
  // The relationship's messages, oldest first.
  virtual Result<std::vector<PairMessage>> ListPairMessages(int64_t relationship_id) = 0;
  // Stores it (id assigned).
  virtual Result<PairMessage> AddPairMessage(const PairMessage& message) = 0;
};

}  // namespace pairwise::domain
