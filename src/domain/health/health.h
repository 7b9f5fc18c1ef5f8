// Relationship health (issue 22): a score 0..100 per active relationship from six components,
// each with a documented formula (docs/health.md) and a per-program weight, a label from the
// program's thresholds, and the reasons in words with the side each concerns. Pure values and
// functions: no I/O, no clock of their own (the caller passes `now`).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/programs/program.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

enum class HealthComponent {
  kCadence,
  kRecency,
  kGoals,
  kFeedback,
  kResponsiveness,
  kFirstMeeting
};
inline constexpr std::array kHealthComponents = {
    HealthComponent::kCadence,  HealthComponent::kRecency,        HealthComponent::kGoals,
    HealthComponent::kFeedback, HealthComponent::kResponsiveness, HealthComponent::kFirstMeeting};
// "cadence" | "recency" | "goals" | "feedback" | "responsiveness" | "first_meeting".
std::string_view HealthComponentName(HealthComponent component);
std::optional<HealthComponent> ParseHealthComponent(std::string_view name);

enum class HealthLabel { kOnTrack, kNeedsAttention, kAtRisk };
// "on_track" | "needs_attention" | "at_risk".
std::string_view HealthLabelName(HealthLabel label);
std::optional<HealthLabel> ParseHealthLabel(std::string_view name);
// "On track" | "Needs attention" | "At risk".
std::string_view HealthLabelWords(HealthLabel label);

// Which side of the pair a reason concerns.
enum class HealthSide { kBoth, kMentor, kMentee };
// "both" | "mentor" | "mentee".
std::string_view HealthSideName(HealthSide side);
std::optional<HealthSide> ParseHealthSide(std::string_view name);

// A program's health settings. The defaults below are what a program without saved settings
// uses; CheckHealthSettings holds every limit.
struct HealthSettings {
  // Weights per component, 0..100 each, at least one above 0 (kHealthComponents order).
  std::array<int, 6> weights = {25, 25, 15, 10, 15, 10};
  int on_track_min = 70;        // score >= this: on track (1..100)
  int at_risk_below = 40;       // score < this: at risk (0..on_track_min)
  int grace_days = 14;          // a new pair is on track for this many days (0..90)
  int first_meeting_days = 14;  // the first meeting is expected within (1..90)
  int answer_days = 3;          // a meeting proposal is waiting after this many days (1..30)
  int max_nudges_per_week = 2;  // per person, ladder nudges (1..20)
  friend bool operator==(const HealthSettings&, const HealthSettings&) = default;
};
// InvalidArgument naming the field ("weights.goals", "on_track_min", ...) for a value out of
// range.
Status CheckHealthSettings(const HealthSettings& settings);

// What the health of one active relationship is computed from (storage reads it in bulk).
struct HealthFacts {
  RelationshipId relationship;
  ProgramId program;
  std::string mentor, mentee;  // employee ids
  TimePoint started_at{};      // the relationship's start: activation (or creation)
  int cadence_days = 14;       // the agreement's cadence
  int length_months = 6;       // the agreement's length
  int meetings_held = 0;
  std::optional<TimePoint> last_meeting_at;  // the last held meeting's start
  int goals = 0;
  int goal_progress = 0;  // average progress of the goals, 0..100
  // Average feedback rating (1..5) each side gave; nullopt when none.
  std::optional<double> mentor_rating, mentee_rating;
  // Meeting proposals waiting for an answer: who must answer, since when.
  struct Waiting {
    HealthSide side = HealthSide::kMentor;
    TimePoint since{};
  };
  std::vector<Waiting> waiting;
};

struct HealthReason {
  HealthComponent component = HealthComponent::kCadence;
  HealthSide side = HealthSide::kBoth;
  std::string words;  // "no meeting for 41 days; the agreement says every 14"
  friend bool operator==(const HealthReason&, const HealthReason&) = default;
};

struct Health {
  RelationshipId relationship;
  ProgramId program;
  int score = 100;
  HealthLabel label = HealthLabel::kOnTrack;
  bool grace = false;  // inside the grace period: on track whatever the score
  // Each component's score 0..100; nullopt for one that does not count yet (no feedback).
  std::array<std::optional<int>, 6> components{};
  std::vector<HealthReason> reasons;       // the components that pulled the score down
  std::optional<TimePoint> flagged_since;  // since when not on track (this episode)
  TimePoint computed_at{};
  friend bool operator==(const Health&, const Health&) = default;
};

// The relationship's health at `now` under `settings`. flagged_since is left unset (the caller
// carries it over from the stored health). Pure.
Health ComputeHealth(const HealthFacts& facts, const HealthSettings& settings, TimePoint now);

// The label a score gets under `settings` (no grace).
HealthLabel LabelFor(int score, const HealthSettings& settings);

// The day a relationship started at `started_at` reaches its agreed length.
TimePoint RelationshipEnd(TimePoint started_at, int length_months);

}  // namespace pairwise::domain
