// Surveys (issue 23): questions of the form engine (domain/applications/application.h, with its
// NPS and matrix questions) sent to a program's mentors, mentees or both at a moment of each
// relationship, through the mail outbox with a one-time link, and reported only in aggregate.
// Plain values and the pure rules (when a survey is due, which answers a view may show); who may
// do what lives in SurveyService.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/access/small_groups.h"
#include "domain/applications/application.h"
#include "domain/programs/program.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

using SurveyId = Id<struct SurveyTag>;

enum class SurveyKind { kStart, kMidpoint, kEnd, kPulse, kClosure, kAfterMeeting };
// "start" | "midpoint" | "end" | "pulse" | "closure" | "after_meeting".
std::string_view SurveyKindName(SurveyKind kind);
std::optional<SurveyKind> ParseSurveyKind(std::string_view name);

// Anonymous: answers are stored without the person (a separate record says only who answered,
// for reminders). Confidential: answers are linked to the person but reported only in
// aggregate; the respondent sees their own.
enum class SurveyPrivacy { kAnonymous, kConfidential };
std::string_view SurveyPrivacyName(SurveyPrivacy privacy);  // "anonymous" | "confidential"
std::optional<SurveyPrivacy> ParseSurveyPrivacy(std::string_view name);

enum class SurveyAudience { kMentors, kMentees, kBoth };
std::string_view SurveyAudienceName(SurveyAudience audience);  // "mentors" | "mentees" | "both"
std::optional<SurveyAudience> ParseSurveyAudience(std::string_view name);

// When, relative to each relationship, a survey is sent:
//   kAfterStart  `days` after the relationship started (0: on the day)
//   kHalfway     halfway between its start and its agreed end
//   kBeforeEnd   `days` before its agreed end
//   kEvery       every `days` days from its start (pulse surveys), first after `days`
//   kAfterEnding when it ended early (closure surveys), `days` after the ending
//   kAfterMeeting `days` after each of its meetings is logged as held (one per meeting)
// or relative to the program's dates (midnight UTC), to every relationship in force then:
//   kAfterProgramStart  `days` after the program's start date
//   kBeforeProgramEnd   `days` before the program's end date
enum class SurveyAnchor {
  kAfterStart,
  kHalfway,
  kBeforeEnd,
  kEvery,
  kAfterEnding,
  kAfterMeeting,
  kAfterProgramStart,
  kBeforeProgramEnd,
};
// "after_start" | "halfway" | "before_end" | "every" | "after_ending" | "after_meeting" |
// "after_program_start" | "before_program_end".
std::string_view SurveyAnchorName(SurveyAnchor anchor);
std::optional<SurveyAnchor> ParseSurveyAnchor(std::string_view name);

struct SurveySchedule {
  SurveyAnchor anchor = SurveyAnchor::kHalfway;
  int days = 0;           // 0..730; kEvery: 7..365
  int open_days = 14;     // the link works this many days after sending (closing date), 1..90
  int reminder_days = 5;  // one reminder this many days after sending, 1..open_days - 1
  friend bool operator==(const SurveySchedule&, const SurveySchedule&) = default;
};

// What a coordinator writes.
struct SurveyFields {
  std::string title;  // 1..200 bytes
  std::string intro;  // up to 2,000 bytes, shown above the questions
  SurveyKind kind = SurveyKind::kMidpoint;
  SurveyPrivacy privacy = SurveyPrivacy::kAnonymous;
  SurveyAudience audience = SurveyAudience::kBoth;
  SurveySchedule schedule;
  int min_group = kDefaultMinGroup;  // k: kLowestMinGroup..50
  bool active = true;                // inactive surveys send nothing
  std::vector<Question> questions;   // CheckQuestions; at least one
};

struct Survey : SurveyFields {
  SurveyId id;
  ProgramId program;
  int version = 1;  // the questions' version: a change of questions makes a new one
  TimePoint created_at{};
};

// Checks `fields`. InvalidArgument naming the field ("schedule.days", "questions[1].label").
Status CheckSurveyFields(const SurveyFields& fields);

// One relationship's participant a survey may go to.
struct SurveyTarget {
  RelationshipId relationship;
  ProgramId program;
  std::string employee_id;
  Side side = Side::kMentee;
  std::string name, email;
  std::string department, site;
  int level = 1;
  TimePoint started_at{};
  int length_months = 6;                       // agreed (or the program's) length
  bool in_force = true;                        // pending agreement or active
  std::optional<TimePoint> ended_early_at;     // set for relationships that ended early
  bool reminders_off = false;                  // turned reminders off (/api/v1/me/reminders)
  TimePoint program_starts{}, program_ends{};  // the program's dates, midnight UTC
};

// A meeting logged as held, for after-meeting surveys. Its number among its relationship's
// held meetings (1, 2, ... in the order they took place) is the invitation's round, so each
// meeting is asked about once.
struct HeldMeeting {
  RelationshipId relationship;
  int number = 1;
  TimePoint logged_at{};
};

// When `survey` is due for `target`: the moment and the round (0, or the pulse's number), or
// nullopt when it is not due at `now` (not yet, past its closing date, or not for this side).
struct SurveyDue {
  TimePoint at{};
  int round = 0;
};
// After-meeting surveys are never due here: see DueAfterMeeting.
std::optional<SurveyDue> DueAt(const Survey& survey, const SurveyTarget& target, TimePoint now);
// When an after-meeting survey is due for `target` about `meeting` (of the target's
// relationship), with the meeting's number as its round; nullopt as DueAt.
std::optional<SurveyDue> DueAfterMeeting(const Survey& survey, const SurveyTarget& target,
                                         const HeldMeeting& meeting, TimePoint now);

}  // namespace pairwise::domain
