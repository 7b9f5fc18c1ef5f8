#include "domain/health/nudge.h"

#include <array>

#include "common/time_zone.h"
#include "domain/people/person.h"

namespace pairwise::domain {
namespace {

constexpr std::array<std::string_view, 6> kRecipientNames = {
    "pair", "quiet_side", "mentor", "mentee", "shadow_mentor", "coordinator"};

}  // namespace

std::string_view NudgeRecipientsName(NudgeRecipients recipients) {
  return kRecipientNames[static_cast<std::size_t>(recipients)];
}

std::optional<NudgeRecipients> ParseNudgeRecipients(std::string_view name) {
  for (std::size_t i = 0; i < kRecipientNames.size(); ++i) {
    if (kRecipientNames[i] == name) return static_cast<NudgeRecipients>(i);
  }
  return std::nullopt;
}

std::vector<NudgeStep> DefaultNudgeLadder() {
  return {
      {HealthLabel::kNeedsAttention, NudgeRecipients::kPair, 0,
       "A friendly reminder from {program}",
       "Hello {recipient},\n\nWe noticed that your mentoring in {program} ({mentor} and "
       "{mentee}) has gone a little quiet: {why}.\n\nA short meeting is often all it takes. "
       "You can plan one from My mentoring.\n\nThank you for taking part.",
       true},
      {HealthLabel::kNeedsAttention, NudgeRecipients::kQuietSide, 7, "Your mentoring in {program}",
       "Hello {recipient},\n\nA week ago we sent a reminder about your mentoring with {mentor} "
       "and {mentee}: {why}.\n\nIf something stands in the way, your coordinator is glad to "
       "help. You can also end the relationship without fault from its page.",
       true},
      {HealthLabel::kAtRisk, NudgeRecipients::kShadowMentor, 14,
       "A pair in {program} could use your help",
       "Hello {recipient},\n\nThe pair {mentor} and {mentee} in {program} has been quiet for "
       "{days} days: {why}.\n\nAs the program's shadow mentor, a word from you may bring them "
       "back together.",
       true},
      {HealthLabel::kAtRisk, NudgeRecipients::kCoordinator, 21,
       "{mentor} and {mentee} are at risk in {program}",
       "Hello {recipient},\n\nThe pair {mentor} and {mentee} has not been on track for {days} "
       "days: {why}.\n\nThe reminders of the program's ladder have been sent. The health board "
       "offers a rematch if the mentor does not answer.",
       true},
  };
}

Status CheckNudgeLadder(const std::vector<NudgeStep>& steps) {
  if (steps.size() > kMaxNudgeSteps) {
    return Status::InvalidArgument("a ladder has at most 10 steps", "steps");
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const NudgeStep& s = steps[i];
    const std::string at = "steps[" + std::to_string(i) + "].";
    if (s.trigger == HealthLabel::kOnTrack) {
      return Status::InvalidArgument("a step starts at needs attention or at risk", at + "trigger");
    }
    if (s.delay_days < 0 || s.delay_days > kMaxNudgeDelayDays) {
      return Status::InvalidArgument("a step waits from 0 to 180 days", at + "delay_days");
    }
    if (s.subject.empty() || s.subject.size() > kMaxNudgeSubjectBytes ||
        s.subject.find_first_of("\r\n") != std::string::npos) {
      return Status::InvalidArgument("the subject is one line of 1 to 200 characters",
                                     at + "subject");
    }
    if (s.body.empty() || s.body.size() > kMaxNudgeBodyBytes) {
      return Status::InvalidArgument("the message is 1 to 5000 characters", at + "body");
    }
  }
  return Status::Ok();
}

std::string RenderNudge(std::string_view text, const NudgeValues& v) {
  const std::array<std::pair<std::string_view, std::string>, 6> values = {{
      {"{recipient}", v.recipient},
      {"{mentor}", v.mentor},
      {"{mentee}", v.mentee},
      {"{program}", v.program},
      {"{why}", v.why},
      {"{days}", std::to_string(v.days)},
  }};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '{') {
      for (const auto& [key, value] : values) {
        if (text.substr(i, key.size()) == key) {
          out += value;
          i += key.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

std::vector<std::size_t> DueSteps(const std::vector<NudgeStep>& steps, const Health& health,
                                  TimePoint now) {
  std::vector<std::size_t> due;
  if (health.grace || health.label == HealthLabel::kOnTrack || !health.flagged_since) return due;
  const auto flagged_for = now - *health.flagged_since;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const NudgeStep& s = steps[i];
    if (!s.enabled) continue;
    if (s.trigger == HealthLabel::kAtRisk && health.label != HealthLabel::kAtRisk) continue;
    if (flagged_for < std::chrono::days(s.delay_days)) continue;
    due.push_back(i);
  }
  return due;
}

std::string NudgePeriod(TimePoint flagged_since) {
  return FormatDate(Date(std::chrono::floor<std::chrono::days>(flagged_since)));
}

bool InWorkingHours(std::string_view time_zone, TimePoint now) {
  const int offset = UtcOffsetMinutes(time_zone, now).value_or(0);
  const auto local = now + std::chrono::minutes(offset);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::weekday weekday(day);
  if (weekday == std::chrono::Saturday || weekday == std::chrono::Sunday) return false;
  const auto hour = std::chrono::duration_cast<std::chrono::hours>(local - day).count();
  return hour >= 9 && hour < 17;
}

HealthSide QuietSide(const Health& health) {
  std::optional<HealthSide> side;
  for (const HealthReason& r : health.reasons) {
    if (r.side == HealthSide::kBoth) continue;
    if (side && *side != r.side) return HealthSide::kBoth;
    side = r.side;
  }
  return side.value_or(HealthSide::kBoth);
}

}  // namespace pairwise::domain
