// Outcomes against comparable non-participants: the figure a program's sponsor asks for. Pure
// computation over the directory's history (people, their promotions and exits) and who took
// part in which program when; no I/O. The method is stated in docs/outcomes.md and on the page.
//
// For each participant of a program (a mentee or a mentor of one of its relationships), the
// index date is the day their first relationship in the program started. A comparable colleague
// is someone who, on that date, worked in the same department, at the same level, in the same
// tenure band, and was in no relationship of any program (and never took part in this one);
// among them the one hired nearest in time is taken, each colleague at most once per program and
// side (1:1 matching without replacement). An outcome counts only participants whose follow-up
// window has ended by the analysis date, each with their matched colleague.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/people/person.h"
#include "domain/programs/program.h"

namespace pairwise::domain {

// A person as the outcome analysis needs them. Department and site are today's (the directory
// keeps no history of moves); the level on a date is derived from the promotions.
struct OutcomePerson {
  std::string employee_id;
  std::string department;
  std::string site;
  int level = kMinLevel;  // today's (or the last held, for someone who left)
  Date hire_date{};
  std::optional<Date> left_date;
  std::vector<Date> promotions;     // ascending
  std::vector<int> promotion_from;  // the level before each promotion (same order)
};

// One relationship as the analysis reads it: who, on which side, from which day.
struct OutcomeParticipation {
  ProgramId program;
  std::string mentor;
  std::string mentee;
  Date started{};
  std::optional<Date> ended;  // nullopt: still in force
};

enum class OutcomeKind { kRetention12, kPromotion12, kPromotion24 };
// "retention_12m" | "promotion_12m" | "promotion_24m".
std::string_view OutcomeKindName(OutcomeKind kind);
// "Still employed 12 months later" | "Promoted within 12 months" | "Promoted within 24 months".
std::string_view OutcomeKindLabel(OutcomeKind kind);

// Below this many people in either group an outcome is "not enough data".
inline constexpr int kMinOutcomeGroup = 20;

// A proportion's 95% interval.
struct Interval {
  double low = 0, high = 0;
};
// Wilson's score interval for `successes` of `n` (n > 0) at z = 1.959964.
Interval WilsonInterval(int64_t successes, int64_t n);
// Newcombe's hybrid score interval (1998, method 10) for p1 - p2, from each rate's Wilson
// interval. n1, n2 > 0.
Interval NewcombeDifference(int64_t x1, int64_t n1, int64_t x2, int64_t n2);

struct OutcomeFigure {
  OutcomeKind kind = OutcomeKind::kRetention12;
  int64_t participants = 0, participant_successes = 0;  // followed up to the window's end
  int64_t comparison = 0, comparison_successes = 0;
  // Set only when both groups have at least kMinOutcomeGroup people.
  bool enough_data = false;
  double participant_rate = 0, comparison_rate = 0;  // 0..1
  double difference = 0;                             // participant - comparison
  Interval difference_ci;                            // 95%, Newcombe
  // Among those promoted within 24 months (kPromotion24 only): median days from the index
  // date to the promotion, per group; nullopt when no one was.
  std::optional<int> participant_median_days, comparison_median_days;
};

struct OutcomeGroupReport {
  Side side = Side::kMentee;
  int64_t participants = 0;             // people of this side in the program
  int64_t matched = 0;                  // of them, given a comparable colleague
  int64_t unmatched = 0;                // no comparable colleague was found
  std::vector<OutcomeFigure> outcomes;  // one per OutcomeKind, in enum order
};

struct ProgramOutcomes {
  ProgramId program;
  OutcomeGroupReport mentees, mentors;
};

// The analysis date and the restriction of who counts.
struct OutcomeOptions {
  Date as_of{};  // outcomes whose window ends after it are not counted yet
  // Only participants (and colleagues) of this department / site / level today; empty or 0: all.
  std::string department;
  std::string site;
  int level = 0;
};

// Tenure band on `on`: 0 (< 1 year), 1 (1-2), 2 (2-5), 3 (5-10), 4 (10+ years).
int TenureBand(Date hire, Date on);
// The level the person held on `on` (the level before the first promotion after it).
int LevelOn(const OutcomePerson& person, Date on);

// The outcomes of `program` for its mentees and mentors. `people` is the whole directory (any
// order); `participations` every relationship of every program (a colleague must be in none on
// the index date). Deterministic for the same input.
ProgramOutcomes AnalyzeOutcomes(ProgramId program, const std::vector<OutcomePerson>& people,
                                const std::vector<OutcomeParticipation>& participations,
                                const OutcomeOptions& options);

}  // namespace pairwise::domain
