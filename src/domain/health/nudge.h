// Nudges (issue 22): a program's escalation ladder of polite reminders, what it would send, and
// the rules of respectful delivery. Pure values and functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/health/health.h"

namespace pairwise::domain {

// Who a ladder step writes to. The quiet side is the side the reasons concern (both when they
// concern the pair); the shadow mentor is one of the program's pool, the same for a pair.
enum class NudgeRecipients { kPair, kQuietSide, kMentor, kMentee, kShadowMentor, kCoordinator };
// "pair" | "quiet_side" | "mentor" | "mentee" | "shadow_mentor" | "coordinator".
std::string_view NudgeRecipientsName(NudgeRecipients recipients);
std::optional<NudgeRecipients> ParseNudgeRecipients(std::string_view name);

inline constexpr std::size_t kMaxNudgeSteps = 10;
inline constexpr std::size_t kMaxNudgeSubjectBytes = 200;
inline constexpr std::size_t kMaxNudgeBodyBytes = 5000;
inline constexpr int kMaxNudgeDelayDays = 180;

// One step: when a relationship has been at `trigger` or worse for `delay_days` (counted from
// when it stopped being on track), mail `recipients` once.
struct NudgeStep {
  HealthLabel trigger = HealthLabel::kNeedsAttention;  // needs attention or at risk
  NudgeRecipients recipients = NudgeRecipients::kPair;
  int delay_days = 0;  // 0..kMaxNudgeDelayDays
  // Placeholders: {recipient} {mentor} {mentee} {program} {why} {days}.
  std::string subject;  // 1..kMaxNudgeSubjectBytes, one line
  std::string body;     // 1..kMaxNudgeBodyBytes
  bool enabled = true;
  friend bool operator==(const NudgeStep&, const NudgeStep&) = default;
};

// The ladder every program starts with: the pair at needs attention; the quiet side a week
// later; the shadow mentor when at risk two weeks in; the coordinator a week after that.
std::vector<NudgeStep> DefaultNudgeLadder();
// InvalidArgument naming the field ("steps[2].subject") for a step out of its limits, or more
// than kMaxNudgeSteps steps.
Status CheckNudgeLadder(const std::vector<NudgeStep>& steps);

// The values of a mail's placeholders.
struct NudgeValues {
  std::string recipient, mentor, mentee, program, why;
  int days = 0;  // days since the relationship stopped being on track
};
// `text` with every placeholder replaced; unknown braces are left as written.
std::string RenderNudge(std::string_view text, const NudgeValues& values);

// The steps (their indexes) due for a relationship with `health` at `now`: enabled, the label at
// the step's trigger or worse, not in the grace period, and delay_days since flagged_since.
std::vector<std::size_t> DueSteps(const std::vector<NudgeStep>& steps, const Health& health,
                                  TimePoint now);

// The period a ladder nudge belongs to: the day its relationship stopped being on track
// ("2026-12-01"), so each step is sent once per episode.
std::string NudgePeriod(TimePoint flagged_since);

// Working hours in the recipient's zone: Monday to Friday, 09:00 to 17:00 local time. An
// unknown zone counts as UTC.
bool InWorkingHours(std::string_view time_zone, TimePoint now);

// The quiet side of a relationship: the one every side-specific reason concerns, else both.
HealthSide QuietSide(const Health& health);

}  // namespace pairwise::domain
