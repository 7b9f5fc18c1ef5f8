#include "domain/surveys/survey.h"

#include <array>
#include <utility>

#include "domain/health/health.h"
#include "domain/people/directory_validation.h"

namespace pairwise::domain {
namespace {

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "";
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<SurveyKind, std::string_view>, 6> kKinds = {{
    {SurveyKind::kStart, "start"},
    {SurveyKind::kMidpoint, "midpoint"},
    {SurveyKind::kEnd, "end"},
    {SurveyKind::kPulse, "pulse"},
    {SurveyKind::kClosure, "closure"},
    {SurveyKind::kAfterMeeting, "after_meeting"},
}};
constexpr std::array<std::pair<SurveyPrivacy, std::string_view>, 2> kPrivacies = {{
    {SurveyPrivacy::kAnonymous, "anonymous"},
    {SurveyPrivacy::kConfidential, "confidential"},
}};
constexpr std::array<std::pair<SurveyAudience, std::string_view>, 3> kAudiences = {{
    {SurveyAudience::kMentors, "mentors"},
    {SurveyAudience::kMentees, "mentees"},
    {SurveyAudience::kBoth, "both"},
}};
constexpr std::array<std::pair<SurveyAnchor, std::string_view>, 8> kAnchors = {{
    {SurveyAnchor::kAfterStart, "after_start"},
    {SurveyAnchor::kHalfway, "halfway"},
    {SurveyAnchor::kBeforeEnd, "before_end"},
    {SurveyAnchor::kEvery, "every"},
    {SurveyAnchor::kAfterEnding, "after_ending"},
    {SurveyAnchor::kAfterMeeting, "after_meeting"},
    {SurveyAnchor::kAfterProgramStart, "after_program_start"},
    {SurveyAnchor::kBeforeProgramEnd, "before_program_end"},
}};

Status Invalid(std::string message, std::string field) {
  return Status::InvalidArgument(std::move(message), std::move(field));
}

// `due` if the relationship is in force and the moment has come, until it would close (a late
// send keeps the same closing date), never past the relationship's end.
std::optional<SurveyDue> InWindow(const Survey& survey, const SurveyTarget& target, SurveyDue due,
                                  TimePoint now) {
  const TimePoint end = RelationshipEnd(target.started_at, target.length_months);
  if (!target.in_force || due.at > now || now >= end) return {};
  if (now >= due.at + std::chrono::days(survey.schedule.open_days)) return {};
  return due;
}

bool ForSide(const Survey& survey, const SurveyTarget& target) {
  if (survey.audience == SurveyAudience::kMentors) return target.side == Side::kMentor;
  if (survey.audience == SurveyAudience::kMentees) return target.side == Side::kMentee;
  return true;
}

}  // namespace

std::string_view SurveyKindName(SurveyKind kind) { return NameOf(kKinds, kind); }
std::optional<SurveyKind> ParseSurveyKind(std::string_view name) { return Parse(kKinds, name); }
std::string_view SurveyPrivacyName(SurveyPrivacy privacy) { return NameOf(kPrivacies, privacy); }
std::optional<SurveyPrivacy> ParseSurveyPrivacy(std::string_view name) {
  return Parse(kPrivacies, name);
}
std::string_view SurveyAudienceName(SurveyAudience audience) {
  return NameOf(kAudiences, audience);
}
std::optional<SurveyAudience> ParseSurveyAudience(std::string_view name) {
  return Parse(kAudiences, name);
}
std::string_view SurveyAnchorName(SurveyAnchor anchor) { return NameOf(kAnchors, anchor); }
std::optional<SurveyAnchor> ParseSurveyAnchor(std::string_view name) {
  return Parse(kAnchors, name);
}

Status CheckSurveyFields(const SurveyFields& f) {
  if (!IsValidText(f.title, 200))
    return Invalid("a survey needs a title of 1 to 200 bytes", "title");
  if (f.intro.size() > 2000) return Invalid("the introduction is at most 2,000 bytes", "intro");
  const SurveySchedule& s = f.schedule;
  if (s.anchor == SurveyAnchor::kEvery ? (s.days < 7 || s.days > 365)
                                       : (s.days < 0 || s.days > 730)) {
    return Invalid(s.anchor == SurveyAnchor::kEvery ? "a pulse repeats every 7 to 365 days"
                                                    : "days are 0 to 730",
                   "schedule.days");
  }
  if (s.open_days < 1 || s.open_days > 90) {
    return Invalid("a survey stays open 1 to 90 days", "schedule.open_days");
  }
  if (s.reminder_days < 1 || s.reminder_days >= s.open_days) {
    return Invalid("the reminder goes after 1 day and before the survey closes",
                   "schedule.reminder_days");
  }
  if (f.min_group < kLowestMinGroup || f.min_group > 50) {
    return Invalid("results are shown for groups of at least 3 (up to 50) answers", "min_group");
  }
  if (f.questions.empty()) return Invalid("a survey needs at least one question", "questions");
  for (std::size_t i = 0; i < f.questions.size(); ++i) {
    const QuestionType t = f.questions[i].type;
    if (t == QuestionType::kSkills || t == QuestionType::kRankedMentors) {
      return Invalid("surveys do not ask for skills or mentors",
                     "questions[" + std::to_string(i) + "].type");
    }
  }
  return CheckQuestions(f.questions);
}

std::optional<SurveyDue> DueAt(const Survey& survey, const SurveyTarget& target, TimePoint now) {
  if (!ForSide(survey, target)) return {};
  const auto days = std::chrono::days(survey.schedule.days);
  const TimePoint end = RelationshipEnd(target.started_at, target.length_months);
  SurveyDue due;
  switch (survey.schedule.anchor) {
    case SurveyAnchor::kAfterStart:
      due.at = target.started_at + days;
      break;
    case SurveyAnchor::kHalfway:
      due.at = target.started_at + (end - target.started_at) / 2;
      break;
    case SurveyAnchor::kBeforeEnd:
      due.at = end - days;
      break;
    case SurveyAnchor::kEvery: {
      if (now < target.started_at + days) return {};
      due.round = static_cast<int>((now - target.started_at) / days);
      due.at = target.started_at + days * due.round;
      break;
    }
    case SurveyAnchor::kAfterEnding:
      if (!target.ended_early_at) return {};
      due.at = *target.ended_early_at + days;
      return due.at <= now && now < due.at + std::chrono::days(survey.schedule.open_days)
                 ? std::optional(due)
                 : std::nullopt;
    case SurveyAnchor::kAfterMeeting:
      return {};  // one per meeting: DueAfterMeeting
    case SurveyAnchor::kAfterProgramStart:
      due.at = target.program_starts + days;
      break;
    case SurveyAnchor::kBeforeProgramEnd:
      due.at = target.program_ends - days;
      break;
  }
  return InWindow(survey, target, due, now);
}

std::optional<SurveyDue> DueAfterMeeting(const Survey& survey, const SurveyTarget& target,
                                         const HeldMeeting& meeting, TimePoint now) {
  if (survey.schedule.anchor != SurveyAnchor::kAfterMeeting || !ForSide(survey, target) ||
      meeting.relationship != target.relationship) {
    return {};
  }
  return InWindow(survey, target,
                  {meeting.logged_at + std::chrono::days(survey.schedule.days), meeting.number},
                  now);
}

}  // namespace pairwise::domain
