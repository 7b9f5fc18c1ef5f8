#include "domain/meetings/meeting_service.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>
#include <utility>

#include "common/crypto.h"
#include "common/time_zone.h"
#include "common/utf8.h"
#include "domain/access/access_policy.h"
#include "domain/mail/mail_service.h"
#include "domain/relationships/relationship_access.h"

namespace pairwise::domain {
namespace {

using std::chrono::minutes;

std::string FullName(const Person& p) { return p.first_name + " " + p.last_name; }

bool IsLive(MeetingStatus status) {
  return status == MeetingStatus::kProposed || status == MeetingStatus::kScheduled;
}

// Text a person typed: valid UTF-8, at most `max` characters (code points), no control
// characters but line breaks and tabs (and none at all when `one_line`).
bool IsValidText(std::string_view text, std::size_t max, bool one_line) {
  if (MoreCharsThan(text, max)) return false;
  for (std::size_t i = 0; i < text.size();) {
    auto cp = DecodeUtf8(text, i);
    if (!cp) return false;
    const bool allowed_control = !one_line && (cp->value == '\n' || cp->value == '\t');
    if (IsControl(cp->value) && !allowed_control) return false;
    i += cp->length;
  }
  return true;
}

bool IsValidVideoUrl(std::string_view url) {
  if (url.empty()) return true;
  if (url.size() > kMaxVideoUrlBytes) return false;
  if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
  return std::all_of(url.begin(), url.end(), [](char c) { return c > ' ' && c < 127; });
}

// "Monday 2 March 2026, 10:00" on the person's clock, with the zone.
std::string Describe(const LocalTime& t) {
  static constexpr std::array<const char*, 7> kDays = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const auto day = std::chrono::floor<std::chrono::days>(t.wall);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(t.wall - day);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%s %u %s %d, %02d:%02d",
                kDays[std::chrono::weekday(day).iso_encoding() - 1],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()));
  return std::string(buffer) + " (" + t.time_zone + ")";
}

}  // namespace

std::string ZoneOf(const Person& person) {
  return person.time_zone.empty() ? "UTC" : person.time_zone;
}

LocalTime LocalTimeOf(const Person& person, TimePoint t) {
  LocalTime out;
  out.employee_id = person.employee_id;
  out.time_zone = ZoneOf(person);
  out.utc_offset_minutes = UtcOffsetMinutes(out.time_zone, t).value_or(0);
  out.wall = std::chrono::floor<std::chrono::seconds>(t) + minutes(out.utc_offset_minutes);
  return out;
}

Result<Availability> MeetingService::GetMyAvailability(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto person = people_.FindPerson(actor.employee_id);
  if (!person.ok()) return person.status();
  auto stored = meetings_.GetAvailability(actor.employee_id);
  if (!stored.ok()) return stored.status();
  Availability out;
  out.employee_id = actor.employee_id;
  out.time_zone = ZoneOf(*person);
  out.windows = std::move(stored->first);
  out.updated_at = stored->second;
  return out;
}

Result<Availability> MeetingService::SetMyAvailability(const Actor& actor,
                                                       std::vector<AvailabilityWindow> windows) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  PAIRWISE_RETURN_IF_ERROR(CheckAvailabilityWindows(windows));
  auto person = people_.FindPerson(actor.employee_id);
  if (!person.ok()) return person.status();
  PAIRWISE_RETURN_IF_ERROR(meetings_.SetAvailability(actor.employee_id, windows, clock_.Now()));
  return GetMyAvailability(actor);
}

Result<MeetingService::Pair> MeetingService::LoadPair(RelationshipId id) {
  auto relationship = relationships_.FindRelationship(id);
  if (!relationship.ok()) return relationship.status();
  auto mentor = people_.FindPerson(relationship->mentor);
  if (!mentor.ok()) return mentor.status();
  auto mentee = people_.FindPerson(relationship->mentee);
  if (!mentee.ok()) return mentee.status();
  return Pair{std::move(relationship).value(), std::move(mentor).value(),
              std::move(mentee).value()};
}

Result<Meeting> MeetingService::LoadMeeting(const Pair& pair, MeetingId id) {
  auto meeting = meetings_.FindMeeting(id);
  if (!meeting.ok()) return meeting.status();
  if (meeting->relationship != pair.relationship.id) {
    return Status::NotFound("no meeting " + std::to_string(id.value));
  }
  return meeting;
}

Result<std::vector<FreeSlot>> MeetingService::FreeSlots(const Actor& actor, RelationshipId id,
                                                        int duration_minutes, std::size_t limit) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto pair = LoadPair(id);
  if (!pair.ok()) return pair.status();
  PAIRWISE_RETURN_IF_ERROR(RequireActiveMember(actor, pair->relationship));
  return CommonFreeSlotsOf({&pair->mentor, &pair->mentee}, duration_minutes, limit);
}

Result<std::vector<FreeSlot>> MeetingService::CommonFreeSlotsOf(
    const std::vector<const Person*>& people, int duration_minutes, std::size_t limit) {
  if (duration_minutes < kMinMeetingMinutes || duration_minutes > kMaxMeetingMinutes) {
    return Status::InvalidArgument("duration_minutes must be " +
                                       std::to_string(kMinMeetingMinutes) + " to " +
                                       std::to_string(kMaxMeetingMinutes),
                                   "duration_minutes");
  }
  if (limit < 1 || limit > kMaxFreeSlots) {
    return Status::InvalidArgument("limit must be 1 to " + std::to_string(kMaxFreeSlots), "limit");
  }
  const TimePoint now = clock_.Now();
  SlotQuery query;
  query.from = now;
  query.to = now + kFreeSlotHorizon;
  query.duration = minutes(duration_minutes);
  query.limit = limit;
  std::vector<std::vector<TimeSpan>> spans;
  std::vector<TimeSpan> busy;
  for (const Person* person : people) {
    auto windows = meetings_.GetAvailability(person->employee_id);
    if (!windows.ok()) return windows.status();
    spans.push_back(AvailabilitySpans(windows->first, ZoneOf(*person), query.from, query.to));
    auto meetings = meetings_.ListBusy(person->employee_id, query.from, query.to);
    if (!meetings.ok()) return meetings.status();
    for (const Meeting& m : *meetings) busy.push_back({m.starts_at, m.ends_at});
    auto group_meetings = group_meetings_.ListBusy(person->employee_id, query.from, query.to);
    if (!group_meetings.ok()) return group_meetings.status();
    for (const GroupMeeting& m : *group_meetings) {
      busy.push_back({m.details.starts_at, m.details.ends_at});
    }
  }
  std::vector<FreeSlot> out;
  for (const TimeSpan& slot : CommonFreeSlots(spans, std::move(busy), query)) {
    FreeSlot free{slot, {}};
    for (const Person* person : people) free.starts.push_back(LocalTimeOf(*person, slot.start));
    out.push_back(std::move(free));
  }
  return out;
}

Status MeetingService::CheckInsideAvailability(const std::vector<const Person*>& people,
                                               const TimeSpan& span) {
  for (const Person* person : people) {
    auto windows = meetings_.GetAvailability(person->employee_id);
    if (!windows.ok()) return windows.status();
    const auto spans =
        AvailabilitySpans(windows->first, ZoneOf(*person), span.start - std::chrono::days(1),
                          span.end + std::chrono::days(1));
    if (!Covers(spans, span)) {
      return Status::InvalidArgument(
          "starts_at is outside " + FullName(*person) + "'s availability", "starts_at");
    }
  }
  return Status::Ok();
}

MeetingView MeetingService::View(const Pair& pair, Meeting meeting, const Actor& actor) const {
  MeetingView view;
  view.mentor_name = FullName(pair.mentor);
  view.mentee_name = FullName(pair.mentee);
  view.role = actor.employee_id == pair.relationship.mentor ? "mentor" : "mentee";
  view.awaiting_me =
      meeting.status == MeetingStatus::kProposed && meeting.proposed_by != actor.employee_id;
  view.meeting = std::move(meeting);
  return view;
}

Result<std::vector<MeetingView>> MeetingService::List(const Actor& actor, RelationshipId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto pair = LoadPair(id);
  if (!pair.ok()) return pair.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, pair->relationship));
  auto list = meetings_.ListForRelationship(id);
  if (!list.ok()) return list.status();
  auto items = meetings_.ListActionItems(id);
  if (!items.ok()) return items.status();
  std::unordered_map<int64_t, TimePoint> raised_at;  // meeting -> its start
  for (const Meeting& m : *list) raised_at[m.id.value] = m.starts_at;
  std::vector<MeetingView> out;
  for (Meeting& m : *list) {
    MeetingView view = View(*pair, std::move(m), actor);
    const Meeting& here = view.meeting;
    for (const ActionItem& item : *items) {
      if (item.meeting == here.id) {
        view.action_items.push_back(item);
      } else if (IsLive(here.status) && !item.done &&
                 raised_at[item.meeting.value] < here.starts_at) {
        view.carried_over.push_back(item);
      }
    }
    out.push_back(std::move(view));
  }
  return out;
}

Result<MeetingView> MeetingService::Get(const Actor& actor, RelationshipId id,
                                        MeetingId meeting_id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto pair = LoadPair(id);
  if (!pair.ok()) return pair.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, pair->relationship));
  auto meeting = LoadMeeting(*pair, meeting_id);
  if (!meeting.ok()) return meeting.status();
  return View(*pair, std::move(meeting).value(), actor);
}

Status ApplyMeetingInput(const MeetingInput& input, TimePoint now, MeetingDetails& meeting) {
  const int duration = input.duration_minutes.value_or(
      meeting.ends_at > meeting.starts_at
          ? static_cast<int>(
                std::chrono::duration_cast<minutes>(meeting.ends_at - meeting.starts_at).count())
          : kDefaultMeetingMinutes);
  if (duration < kMinMeetingMinutes || duration > kMaxMeetingMinutes) {
    return Status::InvalidArgument("duration_minutes must be " +
                                       std::to_string(kMinMeetingMinutes) + " to " +
                                       std::to_string(kMaxMeetingMinutes),
                                   "duration_minutes");
  }
  if (input.starts_at <= now) {
    return Status::InvalidArgument("starts_at must be in the future", "starts_at");
  }
  if (input.starts_at > now + std::chrono::days(2 * 366)) {
    return Status::InvalidArgument("starts_at must be within two years", "starts_at");
  }
  if (input.mode) meeting.mode = *input.mode;
  if (input.location) meeting.location = *input.location;
  if (input.video_url) meeting.video_url = *input.video_url;
  if (input.agenda) meeting.agenda = *input.agenda;
  if (!IsValidText(meeting.location, kMaxLocationChars, /*one_line=*/true)) {
    return Status::InvalidArgument("The place must be one line of at most " +
                                       std::to_string(kMaxLocationChars) + " characters.",
                                   "location");
  }
  if (!IsValidVideoUrl(meeting.video_url)) {
    return Status::InvalidArgument("video_url must be an http(s) link", "video_url");
  }
  if (!IsValidText(meeting.agenda, kMaxAgendaChars, /*one_line=*/false)) {
    return Status::InvalidArgument(
        "The agenda must be at most " + std::to_string(kMaxAgendaChars) + " characters.", "agenda");
  }
  meeting.starts_at = input.starts_at;
  meeting.ends_at = input.starts_at + minutes(duration);
  return Status::Ok();
}

Result<std::vector<ActionItem>> CheckActionItemInputs(const std::vector<ActionItemInput>& items,
                                                      TimePoint meeting_start) {
  if (items.size() > kMaxActionItemsPerLog) {
    return Status::InvalidArgument(
        "at most " + std::to_string(kMaxActionItemsPerLog) + " action items at once",
        "action_items");
  }
  const Date meeting_day{std::chrono::floor<std::chrono::days>(meeting_start)};
  const Date last_day{std::chrono::sys_days(meeting_day) + std::chrono::days(366)};
  std::vector<ActionItem> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ActionItemInput& in = items[i];
    const std::string at = "action_items[" + std::to_string(i) + "].";
    if (in.text.empty() || !IsValidText(in.text, kMaxActionItemChars, /*one_line=*/true)) {
      return Status::InvalidArgument("An action item must be one line of 1 to " +
                                         std::to_string(kMaxActionItemChars) + " characters.",
                                     at + "text");
    }
    if (!in.due.ok() || in.due < meeting_day || in.due > last_day) {
      return Status::InvalidArgument(at + "due_date must be from the meeting's day to a year later",
                                     at + "due_date");
    }
    ActionItem item;
    item.text = in.text;
    item.due = in.due;
    out.push_back(std::move(item));
  }
  return out;
}

Status CheckMeetingLogBasics(const MeetingLog& log) {
  if (log.outcome != MeetingStatus::kHeld && log.outcome != MeetingStatus::kMissed) {
    return Status::InvalidArgument("outcome must be held or missed", "outcome");
  }
  if (log.outcome == MeetingStatus::kHeld && (!log.duration_minutes || *log.duration_minutes < 1 ||
                                              *log.duration_minutes > kMaxMeetingMinutes)) {
    return Status::InvalidArgument(
        "duration_minutes must be 1 to " + std::to_string(kMaxMeetingMinutes), "duration_minutes");
  }
  if (!IsValidText(log.topics, kMaxTopicsChars, /*one_line=*/false)) {
    return Status::InvalidArgument(
        "The topics must be at most " + std::to_string(kMaxTopicsChars) + " characters.", "topics");
  }
  return Status::Ok();
}

MailMessage MeetingNotice(const Person& to, const MeetingDetails& meeting,
                          const std::string& subject, const std::string& lead,
                          const std::string& link) {
  MailMessage mail;
  mail.to = to.email;
  mail.subject = subject;
  mail.kind = "meeting";
  mail.text =
      "Hello " + to.first_name + ",\n\n" + lead +
      "\n\nWhen: " + Describe(LocalTimeOf(to, meeting.starts_at)) + ", " +
      std::to_string(
          std::chrono::duration_cast<minutes>(meeting.ends_at - meeting.starts_at).count()) +
      " minutes\n";
  if (!meeting.location.empty()) mail.text += "Where: " + meeting.location + "\n";
  if (!meeting.video_url.empty()) mail.text += "Link: " + meeting.video_url + "\n";
  if (!meeting.agenda.empty()) mail.text += "Agenda:\n" + meeting.agenda + "\n";
  mail.text += "\nSee it in Pairwise: " + link + "\n";
  return mail;
}

Status MeetingService::Apply(const Pair& pair, const MeetingInput& input, Meeting& meeting) {
  MeetingDetails details = DetailsOf(meeting);
  PAIRWISE_RETURN_IF_ERROR(ApplyMeetingInput(input, clock_.Now(), details));
  SetDetails(meeting, details);
  if (input.from_slot) {
    // The slot must still lie inside both people's availability (it may have changed since
    // the slots were listed).
    return CheckInsideAvailability({&pair.mentor, &pair.mentee},
                                   {meeting.starts_at, meeting.ends_at});
  }
  return Status::Ok();
}

MailMessage MeetingService::Notice(const Pair& pair, const Meeting& meeting,
                                   const std::string& to_employee, const std::string& subject,
                                   const std::string& lead) const {
  const Person& to = to_employee == pair.mentor.employee_id ? pair.mentor : pair.mentee;
  return MeetingNotice(
      to, DetailsOf(meeting), subject, lead,
      base_url_ + "/mentoring/" + std::to_string(pair.relationship.id.value) + "/meetings");
}

Result<std::vector<MailMessage>> MeetingService::Invites(const Pair& pair, const Meeting& meeting,
                                                         std::string_view method) {
  const Person& organizer =
      meeting.organizer == pair.mentor.employee_id ? pair.mentor : pair.mentee;
  CalendarEvent event;
  event.uid = meeting.uid;
  event.sequence = meeting.sequence;
  event.stamp = clock_.Now();
  event.starts_at = meeting.starts_at;
  event.ends_at = meeting.ends_at;
  event.summary = "Mentoring: " + FullName(pair.mentor) + " and " + FullName(pair.mentee);
  event.description = meeting.agenda;
  event.location = meeting.location;
  event.url = meeting.video_url;
  event.organizer = {FullName(organizer), organizer.email};
  event.attendees = {{FullName(pair.mentor), pair.mentor.email},
                     {FullName(pair.mentee), pair.mentee.email}};
  event.cancelled = method == kCalendarCancel;
  auto ics = calendar_.Write(method, {event});
  if (!ics.ok()) return ics.status();
  std::vector<MailMessage> out;
  const bool cancel = method == kCalendarCancel;
  for (const Person* person : {&pair.mentor, &pair.mentee}) {
    const Person& other = person == &pair.mentor ? pair.mentee : pair.mentor;
    MailMessage mail =
        Notice(pair, meeting, person->employee_id,
               cancel ? "Cancelled: mentoring meeting with " + FullName(other)
                      : (meeting.sequence > 0 ? "Updated: " : "") +
                            std::string("Mentoring meeting with ") + FullName(other),
               cancel ? "Your mentoring meeting with " + FullName(other) + " is cancelled."
                      : "Your mentoring meeting with " + FullName(other) +
                            (meeting.sequence > 0 ? " has changed." : " is scheduled."));
    mail.kind = cancel ? "meeting_cancel" : "meeting_invite";
    mail.calendar = *ics;
    mail.calendar_method = std::string(method);
    out.push_back(std::move(mail));
  }
  return out;
}

Result<MeetingView> MeetingService::Save(const Pair& pair, Meeting meeting,
                                         std::optional<TimePoint> expected,
                                         const std::vector<MailMessage>& mails, const Actor& actor,
                                         TimePoint now) {
  meeting.updated_at = now;
  // The mails are queued in the meeting's own transaction (an invite exists if and only if the
  // meeting does), after the checks every other mail passes on its way into the outbox.
  PAIRWISE_RETURN_IF_ERROR(
      meetings_.SaveMeeting(meeting, expected, MailService::Sendable(mails), now));
  // Proposals waiting for an answer, and meetings held, are part of the pair's health.
  if (activity_) activity_->RelationshipChanged(meeting.relationship);
  return View(pair, std::move(meeting), actor);
}

Result<MeetingView> MeetingService::Propose(const Actor& actor, RelationshipId id,
                                            const MeetingInput& input) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto pair = LoadPair(id);
  if (!pair.ok()) return pair.status();
  PAIRWISE_RETURN_IF_ERROR(RequireActiveMember(actor, pair->relationship));
  const TimePoint now = clock_.Now();
  Meeting meeting;
  meeting.relationship = id;
  meeting.mentor = pair->relationship.mentor;
  meeting.mentee = pair->relationship.mentee;
  meeting.status = MeetingStatus::kProposed;
  meeting.proposed_by = actor.employee_id;
  meeting.organizer = actor.employee_id;
  meeting.uid = crypto::RandomToken(18) + "@pairwise";
  meeting.created_at = now;
  PAIRWISE_RETURN_IF_ERROR(Apply(*pair, input, meeting));
  const Person& me = actor.employee_id == pair->mentor.employee_id ? pair->mentor : pair->mentee;
  const std::string other = actor.employee_id == pair->mentor.employee_id
                                ? pair->mentee.employee_id
                                : pair->mentor.employee_id;
  const MailMessage notice =
      Notice(*pair, meeting, other, FullName(me) + " proposes a mentoring meeting",
             FullName(me) + " proposes a mentoring meeting. Accept it or propose another time.");
  return Save(*pair, std::move(meeting), std::nullopt, {notice}, actor, now);
}

Result<MeetingView> MeetingService::Accept(const Actor& actor, RelationshipId id,
                                           MeetingId meeting_id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto pair = LoadPair(id);
  if (!pair.ok()) return pair.status();
  PAIRWISE_RETURN_IF_ERROR(RequireActiveMember(actor, pair->relationship));
  auto meeting = LoadMeeting(*pair, meeting_id);
  if (!meeting.ok()) return meeting.status();
  if (meeting->status != MeetingStatus::kProposed) {
    return Status::Conflict("only a proposed meeting can be accepted").WithReason("not_proposed");
  }
  if (meeting->proposed_by == actor.employee_id) {
    return Status::Conflict("the other side accepts a proposal").WithReason("own_proposal");
  }
  const TimePoint now = clock_.Now();
  if (meeting->starts_at <= now) {
    return Status::Conflict("the proposed time has passed; propose another")
        .WithReason("in_the_past");
  }
  const TimePoint expected = meeting->updated_at;
  meeting->status = MeetingStatus::kScheduled;
  auto invites = Invites(*pair, *meeting, kCalendarRequest);
  if (!invites.ok()) return invites.status();
  return Save(*pair, std::move(meeting).value(), expected, *invites, actor, now);
}

Result<MeetingView> MeetingService::Counter(const Actor& actor, RelationshipId id,
                                            MeetingId meeting_id, const MeetingInput& input) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto pair = LoadPair(id);
  if (!pair.ok()) return pair.status();
  PAIRWISE_RETURN_IF_ERROR(RequireActiveMember(actor, pair->relationship));
  auto meeting = LoadMeeting(*pair, meeting_id);
  if (!meeting.ok()) return meeting.status();
  if (meeting->status != MeetingStatus::kProposed) {
    return Status::Conflict("only a proposed meeting can get another time")
        .WithReason("not_proposed");
  }
  if (meeting->proposed_by == actor.employee_id) {
    return Status::Conflict("the other side answers a proposal").WithReason("own_proposal");
  }
  const TimePoint expected = meeting->updated_at;
  PAIRWISE_RETURN_IF_ERROR(Apply(*pair, input, *meeting));
  meeting->proposed_by = actor.employee_id;
  const TimePoint now = clock_.Now();
  const Person& me = actor.employee_id == pair->mentor.employee_id ? pair->mentor : pair->mentee;
  const std::string other = actor.employee_id == pair->mentor.employee_id
                                ? pair->mentee.employee_id
                                : pair->mentor.employee_id;
  const MailMessage notice =
      Notice(*pair, *meeting, other, FullName(me) + " proposes another time",
             FullName(me) +
                 " proposes another time for your mentoring meeting. Accept it or propose "
                 "another.");
  return Save(*pair, std::move(meeting).value(), expected, {notice}, actor, now);
}

Result<MeetingView> MeetingService::Reschedule(const Actor& actor, RelationshipId id,
                                               MeetingId meeting_id, const MeetingInput& input) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto pair = LoadPair(id);
  if (!pair.ok()) return pair.status();
  PAIRWISE_RETURN_IF_ERROR(RequireActiveMember(actor, pair->relationship));
  auto meeting = LoadMeeting(*pair, meeting_id);
  if (!meeting.ok()) return meeting.status();
  if (meeting->status != MeetingStatus::kScheduled) {
    return Status::Conflict("only a scheduled meeting can be rescheduled")
        .WithReason("not_scheduled");
  }
  const TimePoint expected = meeting->updated_at;
  PAIRWISE_RETURN_IF_ERROR(Apply(*pair, input, *meeting));
  meeting->sequence += 1;
  auto invites = Invites(*pair, *meeting, kCalendarRequest);
  if (!invites.ok()) return invites.status();
  return Save(*pair, std::move(meeting).value(), expected, *invites, actor, clock_.Now());
}

Result<MeetingView> MeetingService::Cancel(const Actor& actor, RelationshipId id,
                                           MeetingId meeting_id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto pair = LoadPair(id);
  if (!pair.ok()) return pair.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, pair->relationship));
  auto meeting = LoadMeeting(*pair, meeting_id);
  if (!meeting.ok()) return meeting.status();
  if (!IsLive(meeting->status)) {
    return Status::Conflict("only a proposed or scheduled meeting can be cancelled")
        .WithReason("not_live");
  }
  const TimePoint expected = meeting->updated_at;
  const bool was_scheduled = meeting->status == MeetingStatus::kScheduled;
  meeting->status = MeetingStatus::kCancelled;
  std::vector<MailMessage> mails;
  if (was_scheduled) {
    meeting->sequence += 1;
    auto invites = Invites(*pair, *meeting, kCalendarCancel);
    if (!invites.ok()) return invites.status();
    mails = std::move(invites).value();
  } else {
    const Person& me = actor.employee_id == pair->mentor.employee_id ? pair->mentor : pair->mentee;
    const std::string other = actor.employee_id == pair->mentor.employee_id
                                  ? pair->mentee.employee_id
                                  : pair->mentor.employee_id;
    mails.push_back(Notice(*pair, *meeting, other, FullName(me) + " withdrew a proposed meeting",
                           FullName(me) + " withdrew the proposed mentoring meeting."));
  }
  return Save(*pair, std::move(meeting).value(), expected, mails, actor, clock_.Now());
}

Result<MeetingView> MeetingService::LogMeeting(const Actor& actor, RelationshipId id,
                                               MeetingId meeting_id, const MeetingLog& log) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto pair = LoadPair(id);
  if (!pair.ok()) return pair.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, pair->relationship));
  auto meeting = LoadMeeting(*pair, meeting_id);
  if (!meeting.ok()) return meeting.status();
  PAIRWISE_RETURN_IF_ERROR(CheckMeetingLogBasics(log));
  auto checked = CheckActionItemInputs(log.action_items, meeting->starts_at);
  if (!checked.ok()) return checked.status();
  std::vector<ActionItem> items = std::move(checked).value();
  const TimePoint now = clock_.Now();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& owner = log.action_items[i].owner;
    if (owner != "mentor" && owner != "mentee") {
      const std::string at = "action_items[" + std::to_string(i) + "].owner";
      return Status::InvalidArgument(at + " must be mentor or mentee", at);
    }
    items[i].relationship = id;
    items[i].meeting = meeting_id;
    items[i].owner = owner;
    items[i].created_by = actor.employee_id;
    items[i].created_at = now;
  }
  if (meeting->status == MeetingStatus::kCancelled) {
    return Status::Conflict("a cancelled meeting has no log").WithReason("not_live");
  }
  if (meeting->starts_at > now) {
    return Status::Conflict("a meeting is logged once it has started").WithReason("not_yet");
  }
  const TimePoint expected = meeting->updated_at;
  meeting->status = log.outcome;
  if (log.mode) meeting->mode = *log.mode;
  meeting->log_minutes =
      log.outcome == MeetingStatus::kHeld ? log.duration_minutes : std::optional<int>();
  meeting->log_topics = log.topics;
  meeting->logged_by = actor.employee_id;
  meeting->logged_at = now;
  PAIRWISE_RETURN_IF_ERROR(meetings_.SaveLog(*meeting, expected, items, now));
  if (activity_) activity_->RelationshipChanged(meeting->relationship);
  PublishEvent(events_, "meeting.logged",
               {{"relationship_id", std::to_string(id.value)},
                {"meeting_id", std::to_string(meeting_id.value)},
                {"outcome", log.outcome == MeetingStatus::kHeld ? "held" : "missed"},
                {"minutes", meeting->log_minutes ? std::to_string(*meeting->log_minutes) : ""}});
  MeetingView view = View(*pair, std::move(meeting).value(), actor);
  view.action_items = std::move(items);
  return view;
}

Result<std::vector<ActionItem>> MeetingService::ListActionItems(const Actor& actor,
                                                                RelationshipId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto relationship = relationships_.FindRelationship(id);
  if (!relationship.ok()) return relationship.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, *relationship));
  auto items = meetings_.ListActionItems(id);
  if (!items.ok()) return items.status();
  // A group's relationship: also what the group's meetings gave its mentor or its mentee (the
  // same program and mentor; none outside group programs).
  auto group_items = group_meetings_.ListActionItems(relationship->program, relationship->mentor);
  if (!group_items.ok()) return group_items.status();
  bool merged = false;
  for (ActionItem& item : *group_items) {
    if (item.owner_id != relationship->mentor && item.owner_id != relationship->mentee) continue;
    item.relationship = id;
    items->push_back(std::move(item));
    merged = true;
  }
  if (merged) {
    std::stable_sort(items->begin(), items->end(), [](const ActionItem& a, const ActionItem& b) {
      return std::pair(a.done, a.due) < std::pair(b.done, b.due);
    });
  }
  return items;
}

Result<ActionItem> MeetingService::SetActionItemDone(const Actor& actor, RelationshipId id,
                                                     ActionItemId item_id, bool done) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto relationship = relationships_.FindRelationship(id);
  if (!relationship.ok()) return relationship.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, *relationship));
  auto item = meetings_.FindActionItem(item_id);
  if (!item.ok()) return item.status();
  if (item->relationship != id) {
    return Status::NotFound("no action item " + std::to_string(item_id.value));
  }
  PAIRWISE_RETURN_IF_ERROR(meetings_.SetActionItemDone(item_id, done, clock_.Now()));
  return meetings_.FindActionItem(item_id);
}

Result<std::optional<TimePoint>> MeetingService::MyFeed(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  return meetings_.FeedCreatedAt(actor.employee_id);
}

Result<std::string> MeetingService::ResetMyFeed(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  std::string token = crypto::RandomToken(32);
  PAIRWISE_RETURN_IF_ERROR(
      meetings_.SetFeedToken(actor.employee_id, crypto::Sha256Hex(token), clock_.Now()));
  return token;
}

Status MeetingService::RevokeMyFeed(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  return meetings_.DeleteFeedToken(actor.employee_id);
}

Result<std::string> MeetingService::Feed(std::string_view token) {
  const Status unknown = Status::NotFound("no such calendar");
  if (token.empty() || token.size() > 100 || !std::all_of(token.begin(), token.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
      })) {
    return unknown;
  }
  auto owner = meetings_.FeedOwner(crypto::Sha256Hex(token));
  if (!owner.ok()) return owner.status();
  if (!*owner) return unknown;
  const TimePoint now = clock_.Now();
  auto list = meetings_.ListForPerson(**owner, now - kFeedHistory);
  if (!list.ok()) return list.status();
  std::unordered_map<std::string, Person> people;
  auto person = [&](const std::string& id) -> Result<const Person*> {
    auto it = people.find(id);
    if (it == people.end()) {
      auto found = people_.FindPerson(id);
      if (!found.ok()) return found.status();
      it = people.emplace(id, std::move(found).value()).first;
    }
    return &it->second;
  };
  std::vector<CalendarEvent> events;
  for (const Meeting& m : *list) {
    auto mentor = person(m.mentor);
    if (!mentor.ok()) return mentor.status();
    auto mentee = person(m.mentee);
    if (!mentee.ok()) return mentee.status();
    const Person& organizer = m.organizer == m.mentor ? **mentor : **mentee;
    CalendarEvent e;
    e.uid = m.uid;
    e.sequence = m.sequence;
    e.stamp = m.updated_at;
    e.starts_at = m.starts_at;
    e.ends_at = m.ends_at;
    e.summary = "Mentoring: " + FullName(**mentor) + " and " + FullName(**mentee);
    if (m.status == MeetingStatus::kProposed) e.summary += " (proposed)";
    e.description = m.agenda;
    e.location = m.location;
    e.url = m.video_url;
    e.organizer = {FullName(organizer), organizer.email};
    e.attendees = {{FullName(**mentor), (*mentor)->email}, {FullName(**mentee), (*mentee)->email}};
    e.cancelled = m.status == MeetingStatus::kCancelled || m.status == MeetingStatus::kMissed;
    e.tentative = m.status == MeetingStatus::kProposed;
    events.push_back(std::move(e));
  }
  // Group meetings the person leads or is invited to (and did not decline): the same event as
  // the group's invite (GroupMeetingService), the mentor organizing, everyone invited attending.
  auto groups = group_meetings_.ListForPerson(**owner, now - kFeedHistory);
  if (!groups.ok()) return groups.status();
  for (const GroupMeeting& m : *groups) {
    auto mentor = person(m.mentor);
    if (!mentor.ok()) return mentor.status();
    CalendarEvent e;
    e.uid = m.uid;
    e.sequence = m.sequence;
    e.stamp = m.updated_at;
    e.starts_at = m.details.starts_at;
    e.ends_at = m.details.ends_at;
    e.summary = "Group mentoring with " + FullName(**mentor);
    e.description = m.details.agenda;
    e.location = m.details.location;
    e.url = m.details.video_url;
    e.organizer = {FullName(**mentor), (*mentor)->email};
    e.attendees = {{FullName(**mentor), (*mentor)->email}};
    for (const GroupAttendee& a : m.attendees) {
      auto attendee = person(a.employee_id);
      // Someone who left the directory is no longer listed; the meeting still is.
      if (attendee.ok()) e.attendees.push_back({FullName(**attendee), (*attendee)->email});
    }
    e.cancelled = m.status == MeetingStatus::kCancelled || m.status == MeetingStatus::kMissed;
    events.push_back(std::move(e));
  }
  std::stable_sort(
      events.begin(), events.end(),
      [](const CalendarEvent& a, const CalendarEvent& b) { return a.starts_at < b.starts_at; });
  return calendar_.Write(kCalendarPublish, events);
}

}  // namespace pairwise::domain
