// Feedback both ways (mentors learn from mentees too) and introductions (the mentor's network
// becomes a resource for the mentee): plain values and their repositories.
//
// Feedback comes in rounds: a pulse after meetings (the pair's first, second, ... pulse), the
// midpoint and the end. In each round each side gives one rating (1–5) and an optional comment,
// and sees the other side's only once both have given theirs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/programs/program.h"

namespace pairwise::domain {

inline constexpr int kMinRating = 1;
inline constexpr int kMaxRating = 5;
inline constexpr std::size_t kMaxFeedbackCommentChars = 2000;
// Coordinators see averages only over at least this many answers (no one is singled out).
inline constexpr int kMinAnswersForAverage = 5;

enum class FeedbackOccasion { kPulse, kMidpoint, kEnd };
// "pulse" | "midpoint" | "end".
std::string_view FeedbackOccasionName(FeedbackOccasion occasion);
std::optional<FeedbackOccasion> ParseFeedbackOccasion(std::string_view name);

struct Feedback {
  int64_t id = 0;
  int64_t relationship_id = 0;
  std::string author;  // employee id
  Side from = Side::kMentee;
  FeedbackOccasion occasion = FeedbackOccasion::kPulse;
  int round = 1;  // pulses count up; midpoint and end have one round
  int rating = 0;
  std::string comment;
  TimePoint created_at{};
};

struct RatingAverage {
  int answers = 0;
  double average = 0;  // meaningful when answers > 0
};

struct Introduction {
  int64_t id = 0;
  int64_t relationship_id = 0;
  std::string introduced;  // employee id of the third person
  std::string why;
  TimePoint created_at{};
};
inline constexpr std::size_t kMaxIntroductionWhyChars = 500;

// Thread-safe. Implementations: storage/relationship_records.cpp and the in-memory ones.
class FeedbackRepository {
 public:
  virtual ~FeedbackRepository() = default;
  // The relationship's feedback, oldest first.
  virtual Result<std::vector<Feedback>> ListFeedback(int64_t relationship_id) = 0;
  // Stores it (id assigned). Conflict "already_given" when the author gave feedback for this
  // occasion and round already.
  virtual Result<Feedback> AddFeedback(const Feedback& feedback) = 0;
  // Ratings given in `program`'s relationships, by the side that gave them.
  virtual Result<RatingAverage> ProgramAverage(ProgramId program, Side from) = 0;
};

class IntroductionRepository {
 public:
  virtual ~IntroductionRepository() = default;
  // The relationship's introductions, oldest first.
  virtual Result<std::vector<Introduction>> ListIntroductions(int64_t relationship_id) = 0;
  // Stores it (id assigned).
  virtual Result<Introduction> AddIntroduction(const Introduction& introduction) = 0;
};

}  // namespace pairwise::domain
