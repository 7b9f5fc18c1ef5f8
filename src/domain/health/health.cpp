#include "domain/health/health.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace pairwise::domain {
namespace {

constexpr std::array<std::string_view, 6> kComponentNames = {
    "cadence", "recency", "goals", "feedback", "responsiveness", "first_meeting"};

int Days(TimePoint from, TimePoint to) {
  if (to <= from) return 0;
  return static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(to - from).count() / 24);
}

std::string Plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string SideWords(HealthSide side) {
  return side == HealthSide::kMentor   ? "the mentor"
         : side == HealthSide::kMentee ? "the mentee"
                                       : "the pair";
}

int Clamp(double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 100.0))); }

}  // namespace

std::string_view HealthComponentName(HealthComponent component) {
  return kComponentNames[static_cast<std::size_t>(component)];
}

std::optional<HealthComponent> ParseHealthComponent(std::string_view name) {
  for (std::size_t i = 0; i < kComponentNames.size(); ++i) {
    if (kComponentNames[i] == name) return static_cast<HealthComponent>(i);
  }
  return std::nullopt;
}

std::string_view HealthLabelName(HealthLabel label) {
  switch (label) {
    case HealthLabel::kOnTrack:
      return "on_track";
    case HealthLabel::kNeedsAttention:
      return "needs_attention";
    case HealthLabel::kAtRisk:
      return "at_risk";
  }
  return "on_track";
}

std::optional<HealthLabel> ParseHealthLabel(std::string_view name) {
  for (HealthLabel l :
       {HealthLabel::kOnTrack, HealthLabel::kNeedsAttention, HealthLabel::kAtRisk}) {
    if (HealthLabelName(l) == name) return l;
  }
  return std::nullopt;
}

std::string_view HealthLabelWords(HealthLabel label) {
  switch (label) {
    case HealthLabel::kOnTrack:
      return "On track";
    case HealthLabel::kNeedsAttention:
      return "Needs attention";
    case HealthLabel::kAtRisk:
      return "At risk";
  }
  return "On track";
}

std::string_view HealthSideName(HealthSide side) {
  switch (side) {
    case HealthSide::kBoth:
      return "both";
    case HealthSide::kMentor:
      return "mentor";
    case HealthSide::kMentee:
      return "mentee";
  }
  return "both";
}

std::optional<HealthSide> ParseHealthSide(std::string_view name) {
  for (HealthSide s : {HealthSide::kBoth, HealthSide::kMentor, HealthSide::kMentee}) {
    if (HealthSideName(s) == name) return s;
  }
  return std::nullopt;
}

Status CheckHealthSettings(const HealthSettings& s) {
  int total = 0;
  for (std::size_t i = 0; i < s.weights.size(); ++i) {
    if (s.weights[i] < 0 || s.weights[i] > 100) {
      return Status::InvalidArgument("a weight is from 0 to 100",
                                     "weights." + std::string(kComponentNames[i]));
    }
    total += s.weights[i];
  }
  if (total == 0) return Status::InvalidArgument("at least one weight is above 0", "weights");
  if (s.on_track_min < 1 || s.on_track_min > 100) {
    return Status::InvalidArgument("the on-track threshold is from 1 to 100", "on_track_min");
  }
  if (s.at_risk_below < 0 || s.at_risk_below > s.on_track_min) {
    return Status::InvalidArgument("the at-risk threshold is from 0 to the on-track threshold",
                                   "at_risk_below");
  }
  if (s.grace_days < 0 || s.grace_days > 90) {
    return Status::InvalidArgument("the grace period is from 0 to 90 days", "grace_days");
  }
  if (s.first_meeting_days < 1 || s.first_meeting_days > 90) {
    return Status::InvalidArgument("the first meeting is expected within 1 to 90 days",
                                   "first_meeting_days");
  }
  if (s.answer_days < 1 || s.answer_days > 30) {
    return Status::InvalidArgument("a proposal waits from 1 to 30 days", "answer_days");
  }
  if (s.max_nudges_per_week < 1 || s.max_nudges_per_week > 20) {
    return Status::InvalidArgument("nudges per person per week are from 1 to 20",
                                   "max_nudges_per_week");
  }
  return Status::Ok();
}

HealthLabel LabelFor(int score, const HealthSettings& settings) {
  if (score >= settings.on_track_min) return HealthLabel::kOnTrack;
  if (score < settings.at_risk_below) return HealthLabel::kAtRisk;
  return HealthLabel::kNeedsAttention;
}

TimePoint RelationshipEnd(TimePoint started_at, int length_months) {
  const auto day = std::chrono::floor<std::chrono::days>(started_at);
  const std::chrono::year_month_day ymd(day);
  auto end = ymd + std::chrono::months(length_months);
  if (!end.ok()) end = end.year() / end.month() / std::chrono::last;  // 31 Jan + 1 month
  return TimePoint(std::chrono::sys_days(end)) + (started_at - day);
}

// Every formula here is written out in docs/health.md; keep the two together.
Health ComputeHealth(const HealthFacts& f, const HealthSettings& settings, TimePoint now) {
  Health h;
  h.relationship = f.relationship;
  h.program = f.program;
  h.computed_at = now;
  const int cadence = std::max(1, f.cadence_days);
  const int age = Days(f.started_at, now);
  auto set = [&](HealthComponent c, int score) {
    h.components[static_cast<std::size_t>(c)] = score;
  };
  auto why = [&](HealthComponent c, HealthSide side, std::string words) {
    h.reasons.push_back({c, side, std::move(words)});
  };

  // Cadence: meetings held against the meetings the agreement's cadence asks for so far.
  const int expected = age / cadence;
  if (expected == 0) {
    set(HealthComponent::kCadence, 100);
  } else {
    const int score = Clamp(100.0 * f.meetings_held / expected);
    set(HealthComponent::kCadence, score);
    if (score < 100) {
      why(HealthComponent::kCadence, HealthSide::kBoth,
          Plural(f.meetings_held, "meeting", "meetings") + " held in " +
              Plural(age, "day", "days") + "; the agreement says every " + std::to_string(cadence) +
              " days (" + std::to_string(expected) + " expected)");
    }
  }

  // Recency: days since the last held meeting (or since the start), full up to one cadence,
  // nothing from three.
  const int gap = Days(f.last_meeting_at.value_or(f.started_at), now);
  {
    const double score = gap <= cadence ? 100.0 : 100.0 * (3.0 * cadence - gap) / (2.0 * cadence);
    set(HealthComponent::kRecency, Clamp(score));
    if (gap > cadence) {
      why(HealthComponent::kRecency, HealthSide::kBoth,
          (f.last_meeting_at
               ? "no meeting for " + Plural(gap, "day", "days")
               : "no meeting in the " + Plural(gap, "day", "days") + " since the start") +
              "; the agreement says every " + std::to_string(cadence));
    }
  }

  // Goals: average progress against the share of the relationship's length gone by.
  {
    const double length_days = std::max(1.0, f.length_months * 30.4375);
    const double elapsed = std::clamp(age / length_days, 0.0, 1.0);
    if (f.goals == 0) {
      const bool late = age > settings.first_meeting_days;
      set(HealthComponent::kGoals, late ? 50 : 100);
      if (late) {
        why(HealthComponent::kGoals, HealthSide::kMentee,
            "no goals set " + Plural(age, "day", "days") + " after the start");
      }
    } else {
      const int score = elapsed < 0.05 ? 100 : Clamp(f.goal_progress / elapsed);
      set(HealthComponent::kGoals, score);
      if (score < 80) {
        why(HealthComponent::kGoals, HealthSide::kMentee,
            "goals are " + std::to_string(f.goal_progress) + "% done with " +
                std::to_string(static_cast<int>(std::lround(elapsed * 100))) +
                "% of the time gone");
      }
    }
  }

  // Feedback: the lower side's average rating, 1 -> 0 and 5 -> 100; not counted before any.
  if (f.mentor_rating || f.mentee_rating) {
    const double mentor = f.mentor_rating.value_or(5.0);
    const double mentee = f.mentee_rating.value_or(5.0);
    const double low = std::min(mentor, mentee);
    const int score = Clamp((low - 1.0) * 25.0);
    set(HealthComponent::kFeedback, score);
    if (low < 3.0) {
      // Whose feedback is low, not the rating itself: the pair's answers stay theirs.
      why(HealthComponent::kFeedback, mentor <= mentee ? HealthSide::kMentor : HealthSide::kMentee,
          std::string(mentor <= mentee ? "the mentor's" : "the mentee's") +
              " feedback on the relationship is low");
    }
  }

  // Responsiveness: meeting proposals left unanswered longer than answer_days, per side; each
  // costs 40 points of the worse side.
  {
    int worst = 100;
    for (HealthSide side : {HealthSide::kMentor, HealthSide::kMentee}) {
      int count = 0, oldest = 0;
      for (const auto& w : f.waiting) {
        const int waited = Days(w.since, now);
        if (w.side == side && waited > settings.answer_days) {
          ++count;
          oldest = std::max(oldest, waited);
        }
      }
      if (count == 0) continue;
      worst = std::min(worst, std::max(0, 100 - 40 * count));
      why(HealthComponent::kResponsiveness, side,
          SideWords(side) + " has not answered " +
              Plural(count, "meeting proposal", "meeting proposals") + " (the oldest for " +
              Plural(oldest, "day", "days") + ")");
    }
    set(HealthComponent::kResponsiveness, worst);
  }

  // First meeting within first_meeting_days of the start.
  if (f.meetings_held == 0 && age > settings.first_meeting_days) {
    set(HealthComponent::kFirstMeeting, 0);
    why(HealthComponent::kFirstMeeting, HealthSide::kBoth,
        "no first meeting " + Plural(age, "day", "days") +
            " after the start; the program expects one within " +
            std::to_string(settings.first_meeting_days));
  } else {
    set(HealthComponent::kFirstMeeting, 100);
  }

  double sum = 0, weights = 0;
  for (std::size_t i = 0; i < h.components.size(); ++i) {
    if (!h.components[i]) continue;
    sum += settings.weights[i] * *h.components[i];
    weights += settings.weights[i];
  }
  h.score = weights > 0 ? Clamp(sum / weights) : 100;
  h.grace = age < settings.grace_days;
  h.label = h.grace ? HealthLabel::kOnTrack : LabelFor(h.score, settings);
  return h;
}

}  // namespace pairwise::domain
