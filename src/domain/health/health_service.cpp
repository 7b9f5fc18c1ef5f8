#include "domain/health/health_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "common/time_zone.h"
#include "domain/access/access_policy.h"
#include "domain/programs/capacity.h"
#include "domain/relationships/ending_notice.h"
#include "domain/relationships/relationship_access.h"
#include "domain/webhooks/new_webhook_event.h"

namespace pairwise::domain {
namespace {

std::string Count(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string WhyWords(const Health& h) {
  std::string out;
  for (const auto& r : h.reasons) {
    if (!out.empty()) out += "; ";
    out += r.words;
  }
  return out.empty() ? "it has gone quiet" : out;
}

// "Tuesday 8 December at 10:00" on the person's own clock.
std::string LocalWhen(TimePoint at, std::string_view zone) {
  const auto local = at + std::chrono::minutes(UtcOffsetMinutes(zone, at).value_or(0));
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(local - day);
  static constexpr std::array<const char*, 7> kDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%s %u %s at %02d:%02d",
                kDays[std::chrono::weekday(day).c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
  return buffer;
}

// Whether the ladder's nudges may make the mentor unresponsive (MentorUnresponsive): only once
// flagged with the mentor the quiet side.
bool LadderMayDecide(const Health& health) {
  return health.flagged_since && QuietSide(health) == HealthSide::kMentor;
}

bool Has(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

}  // namespace

std::vector<HealthLabelDay> LabelDays(const std::vector<Health>& scored, TimePoint now) {
  const std::string day = FormatDate(Date(std::chrono::floor<std::chrono::days>(now)));
  std::map<int64_t, HealthLabelDay> by_program;
  for (const Health& h : scored) {
    HealthLabelDay& d = by_program[h.program.value];
    d.program = h.program;
    d.day = day;
    (h.label == HealthLabel::kOnTrack          ? d.on_track
     : h.label == HealthLabel::kNeedsAttention ? d.needs_attention
                                               : d.at_risk)++;
  }
  std::vector<HealthLabelDay> out;
  out.reserve(by_program.size());
  for (auto& [id, d] : by_program) out.push_back(std::move(d));
  return out;
}

bool MentorUnresponsive(const Health& health, const std::vector<NudgeStep>& ladder,
                        const std::vector<NudgeRecord>& nudges) {
  for (const HealthReason& r : health.reasons) {
    if (r.component == HealthComponent::kResponsiveness && r.side == HealthSide::kMentor) {
      return true;
    }
  }
  if (!health.flagged_since || QuietSide(health) != HealthSide::kMentor) return false;
  int last = 0;  // 1-based, as NudgeRecord::step
  for (std::size_t i = 0; i < ladder.size(); ++i) {
    if (ladder[i].enabled) last = static_cast<int>(i) + 1;
  }
  if (last == 0) return false;
  const std::string period = NudgePeriod(*health.flagged_since);
  return std::any_of(nudges.begin(), nudges.end(),
                     [&](const NudgeRecord& n) { return n.step == last && n.period == period; });
}

std::string TickPeriod(TimePoint at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const auto hour = std::chrono::duration_cast<std::chrono::hours>(at - day).count();
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "T%02d", static_cast<int>(hour));
  return FormatDate(Date(day)) + buffer;
}

Result<Program> HealthService::Coordinated(const Actor& actor, ProgramId id) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto program = program_reader_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor))
    return Status::NotFound("no program " + std::to_string(id.value));
  if (!IsProgramCoordinator(*program, actor)) {
    return Status::Forbidden("only the program's coordinators do this");
  }
  return program;
}

Result<HealthConfig> HealthService::ConfigOf(ProgramId program) {
  HealthConfig config;
  auto settings = repository_.FindSettings(program);
  if (!settings.ok()) return settings.status();
  auto ladder = repository_.FindLadder(program);
  if (!ladder.ok()) return ladder.status();
  config.saved = settings->has_value();
  if (*settings) config.settings = **settings;
  config.ladder = *ladder ? std::move(**ladder) : DefaultNudgeLadder();
  return config;
}

Result<std::vector<Health>> HealthService::Score(
    const std::vector<HealthFacts>& facts, TimePoint now,
    const std::optional<HealthConfig>& override_config) {
  // One relationship (an event's rescore) reads its own stored health, not every program's.
  Result<std::vector<Health>> stored = std::vector<Health>();
  if (facts.size() == 1) {
    auto one = repository_.FindHealth(facts[0].relationship);
    if (!one.ok()) return one.status();
    if (*one) stored->push_back(**one);
  } else {
    stored = repository_.LoadHealth(std::nullopt);
  }
  if (!stored.ok()) return stored.status();
  std::unordered_map<int64_t, const Health*> previous;
  for (const Health& h : *stored) previous[h.relationship.value] = &h;
  std::map<int64_t, HealthSettings> settings;
  std::vector<Health> out;
  out.reserve(facts.size());
  for (const HealthFacts& f : facts) {
    auto it = settings.find(f.program.value);
    if (it == settings.end()) {
      HealthSettings s;
      if (override_config) {
        s = override_config->settings;
      } else {
        auto found = repository_.FindSettings(f.program);
        if (!found.ok()) return found.status();
        if (*found) s = **found;
      }
      it = settings.emplace(f.program.value, s).first;
    }
    Health h = ComputeHealth(f, it->second, now);
    if (h.label != HealthLabel::kOnTrack) {
      // One episode lasts while the pair is not on track: the ladder counts its delays from it.
      auto p = previous.find(f.relationship.value);
      const bool was_flagged = p != previous.end() && p->second->flagged_since;
      h.flagged_since = was_flagged ? *p->second->flagged_since : now;
    }
    out.push_back(std::move(h));
  }
  return out;
}

Result<int> HealthService::Rescore(std::optional<ProgramId> program) {
  const TimePoint now = clock_.Now();
  auto facts = repository_.LoadFacts(program, now);
  if (!facts.ok()) return facts.status();
  auto scored = Score(*facts, now, std::nullopt);
  if (!scored.ok()) return scored.status();
  if (Status s = repository_.SaveHealth(*scored); !s.ok()) return s;
  return static_cast<int>(scored->size());
}

Status HealthService::RescoreRelationship(RelationshipId relationship) {
  const TimePoint now = clock_.Now();
  auto facts = repository_.LoadRelationshipFacts(relationship, now);
  if (!facts.ok()) return facts.status();
  std::vector<HealthFacts> one;
  if (*facts) one.push_back(std::move(**facts));
  auto scored = Score(one, now, std::nullopt);
  if (!scored.ok()) return scored.status();
  // Saving also removes the stored health of a relationship that is no longer active.
  return repository_.SaveHealth(*scored);
}

void HealthService::RelationshipChanged(RelationshipId relationship) {
  // The write that told us stands whatever happens here; the next tick scores it again.
  if (Status s = RescoreRelationship(relationship); !s.ok()) {
    spdlog::warn("cannot rescore relationship {} after a change: {}", relationship.value,
                 s.ToString());
  }
}

Result<NudgeLookup> HealthService::Lookup(const std::vector<Health>& scored,
                                          const std::vector<HealthFacts>& facts,
                                          const std::vector<const Program*>& programs,
                                          TimePoint now) {
  NudgeLookup lookup;
  std::vector<std::string> ids;
  std::optional<TimePoint> earliest;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    const Health& h = scored[i];
    if (h.label == HealthLabel::kOnTrack || h.grace || !h.flagged_since) continue;
    ids.push_back(facts[i].mentor);
    ids.push_back(facts[i].mentee);
    if (!earliest || *h.flagged_since < *earliest) earliest = *h.flagged_since;
  }
  if (!earliest) return lookup;
  for (const Program* p : programs) {
    for (const auto& c : p->coordinators) ids.push_back(c);
    for (const auto& c : p->shadow_mentors) ids.push_back(c);
  }
  auto people = PeopleOf(ids);
  if (!people.ok()) return people.status();
  lookup = std::move(people).value();
  auto counts = repository_.CountNudgesSinceAmong(ids, now - std::chrono::days(7));
  if (!counts.ok()) return counts.status();
  for (const auto& [id, n] : *counts) lookup.week_counts[id] = n;
  // A nudge of an episode was sent on or after the episode's first day.
  auto sent = repository_.ListNudgeKeysSince(*earliest - std::chrono::days(1));
  if (!sent.ok()) return sent.status();
  for (const NudgeRecord& n : *sent) {
    lookup.sent.insert(std::to_string(n.relationship.value) + "/" + std::to_string(n.step) + "/" +
                       n.period + "/" + n.recipient);
  }
  return lookup;
}

std::vector<NudgePreview> HealthService::DueMails(const Health& health, const HealthFacts& facts,
                                                  const Program& program,
                                                  const HealthConfig& config,
                                                  const NudgeLookup& lookup, TimePoint now) {
  std::vector<NudgePreview> out;
  const auto due = DueSteps(config.ladder, health, now);
  if (due.empty()) return out;
  const std::string period = NudgePeriod(*health.flagged_since);
  const int days = static_cast<int>(
      std::chrono::duration_cast<std::chrono::hours>(now - *health.flagged_since).count() / 24);
  auto name_of = [&](const std::string& id) {
    auto it = lookup.contacts.find(id);
    return it == lookup.contacts.end() ? id : it->second.name;
  };
  for (std::size_t index : due) {
    const NudgeStep& step = config.ladder[index];
    std::vector<std::pair<std::string, std::string>> to;  // employee id, role
    auto side = [&](HealthSide s) {
      if (s != HealthSide::kMentee) to.push_back({facts.mentor, "mentor"});
      if (s != HealthSide::kMentor) to.push_back({facts.mentee, "mentee"});
    };
    switch (step.recipients) {
      case NudgeRecipients::kPair:
        side(HealthSide::kBoth);
        break;
      case NudgeRecipients::kQuietSide:
        side(QuietSide(health));
        break;
      case NudgeRecipients::kMentor:
        side(HealthSide::kMentor);
        break;
      case NudgeRecipients::kMentee:
        side(HealthSide::kMentee);
        break;
      case NudgeRecipients::kShadowMentor:
        // One of the pool, the same for a pair whenever asked.
        if (!program.shadow_mentors.empty()) {
          to.push_back({program.shadow_mentors[static_cast<std::size_t>(health.relationship.value) %
                                               program.shadow_mentors.size()],
                        "shadow_mentor"});
        }
        break;
      case NudgeRecipients::kCoordinator:
        for (const auto& c : program.coordinators) to.push_back({c, "coordinator"});
        break;
    }
    for (const auto& [id, role] : to) {
      auto contact = lookup.contacts.find(id);
      if (contact == lookup.contacts.end()) continue;
      const NudgeContact& c = contact->second;
      NudgePreview p;
      p.relationship = health.relationship;
      p.step = static_cast<int>(index) + 1;
      p.recipient = id;
      p.recipient_name = c.name;
      p.recipient_role = role;
      p.recipient_email = c.email;
      const NudgeValues values{c.name,       name_of(facts.mentor), name_of(facts.mentee),
                               program.name, WhyWords(health),      days};
      p.subject = RenderNudge(step.subject, values);
      p.body = RenderNudge(step.body, values);
      p.already_sent = lookup.sent.count(std::to_string(health.relationship.value) + "/" +
                                         std::to_string(p.step) + "/" + period + "/" + id) > 0;
      if (role == "mentor" || role == "mentee") p.opted_out = lookup.opted_out.count(id) > 0;
      auto recent = lookup.week_counts.find(id);
      const int week = recent == lookup.week_counts.end() ? 0 : recent->second;
      p.waits = !InWorkingHours(c.time_zone, now) || week >= config.settings.max_nudges_per_week;
      out.push_back(std::move(p));
    }
  }
  return out;
}

Result<NudgeLookup> HealthService::PeopleOf(std::vector<std::string> ids) {
  NudgeLookup out;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return out;
  auto contacts = repository_.FindContacts(ids);
  if (!contacts.ok()) return contacts.status();
  for (auto& c : *contacts) out.contacts.emplace(c.employee_id, std::move(c));
  auto off = repository_.OptedOutAmong(ids);
  if (!off.ok()) return off.status();
  out.opted_out.insert(off->begin(), off->end());
  return out;
}

Result<int> HealthService::SendReminders(TimePoint now) {
  auto due = repository_.DueMeetingReminders(now, now + std::chrono::hours(24));
  if (!due.ok()) return due.status();
  std::vector<std::string> ids;
  for (const auto& d : *due) {
    ids.push_back(d.mentor.employee_id);
    ids.push_back(d.mentee.employee_id);
  }
  auto people = PeopleOf(ids);
  if (!people.ok()) return people.status();
  int sent = 0;
  for (auto& d : *due) {
    std::vector<NudgeContact> contacts;
    for (const std::string& id : {d.mentor.employee_id, d.mentee.employee_id}) {
      auto it = people->contacts.find(id);
      if (it != people->contacts.end()) contacts.push_back(it->second);
    }
    std::vector<MailMessage> mails;
    for (const NudgeContact& c : contacts) {
      if (people->opted_out.count(c.employee_id)) continue;
      const std::string other = c.employee_id == d.mentor.employee_id
                                    ? (contacts.size() > 1 ? contacts.back().name : "")
                                    : contacts.front().name;
      mails.push_back(
          {c.email, "Reminder: your mentoring meeting on " + LocalWhen(d.starts_at, c.time_zone),
           "Hello " + c.name + ",\n\nA reminder that your mentoring meeting" +
               (other.empty() ? "" : " with " + other) + " is on " +
               LocalWhen(d.starts_at, c.time_zone) + " (your time).\n\nThe details: " + base_url_ +
               "/relationships/" + std::to_string(d.relationship.value) + ReminderFooter(base_url_),
           "meeting_reminder"});
      mails.back().reminder_for = c.employee_id;
    }
    auto recorded = repository_.RecordMeetingReminder(d.meeting_id, mails, now);
    if (!recorded.ok()) return recorded.status();
    if (*recorded) sent += static_cast<int>(mails.size());
  }
  return sent;
}

Result<int> HealthService::SendRelationshipReminders(TimePoint now) {
  auto due = repository_.DueRelationshipReminders(now - std::chrono::days(kAgreementReminderDays));
  if (!due.ok()) return due.status();
  std::vector<std::string> ids;
  for (const auto& d : *due) {
    ids.push_back(d.recipient);
    ids.push_back(d.other);
  }
  auto people = PeopleOf(ids);
  if (!people.ok()) return people.status();
  std::map<int64_t, Program> programs;
  int sent = 0;
  for (const RelationshipReminderDue& d : *due) {
    if (people->opted_out.count(d.recipient)) continue;
    auto found = people->contacts.find(d.recipient);
    if (found == people->contacts.end()) continue;  // no longer in the directory
    const NudgeContact* to = &found->second;
    auto other_found = people->contacts.find(d.other);
    const std::string other =
        other_found == people->contacts.end() ? "your mentoring partner" : other_found->second.name;
    auto program = programs.find(d.program.value);
    if (program == programs.end()) {
      auto read = program_reader_.FindProgram(d.program);
      if (!read.ok()) return read.status();
      program = programs.emplace(d.program.value, std::move(read).value()).first;
    }
    const std::string link = base_url_ + "/relationships/" + std::to_string(d.relationship.value);
    MailMessage mail;
    mail.to = to->email;
    if (d.kind == "agreement") {
      mail.subject = "Your mentoring agreement with " + other + " is waiting for you";
      mail.text = "Hello " + to->name + ",\n\nYour mentoring relationship with " + other + " in " +
                  program->second.name +
                  " begins once you have both accepted your agreement: how often you meet, how, "
                  "and for how long. Please read it and accept it, or adjust it: " +
                  link + ReminderFooter(base_url_);
      mail.kind = "agreement_reminder";
    } else {
      mail.subject = "How did your last meeting with " + other + " go?";
      mail.text = "Hello " + to->name + ",\n\n" + other +
                  " has shared how your last mentoring meeting went. Would you share yours too? "
                  "It takes a minute: " +
                  link + ReminderFooter(base_url_);
      mail.kind = "feedback_reminder";
    }
    mail.reminder_for = d.recipient;
    auto recorded = repository_.RecordRelationshipReminder(d, mail, now);
    if (!recorded.ok()) return recorded.status();
    sent += *recorded ? 1 : 0;
  }
  return sent;
}

namespace {

// Relationships the tick ends or completes per transaction.
constexpr std::size_t kEndingBatch = 500;

// The "relationship.ended" event of `ended` (as it reads once ended) at `at`, as
// RelationshipService publishes it; none (logged) if it cannot be made.
std::optional<WebhookEvent> EndedEvent(const Relationship& ended, TimePoint at) {
  auto event = NewWebhookEvent("relationship.ended", RelationshipEventData(ended), at);
  if (!event.ok()) {
    spdlog::warn("webhook event relationship.ended not made: {}", event.status().ToString());
    return std::nullopt;
  }
  return std::move(event).value();
}

}  // namespace

Result<int> HealthService::EndLeaversRelationships(TimePoint now) {
  auto theirs = repository_.LeaversRelationshipsInForce();
  if (!theirs.ok()) return theirs.status();
  if (theirs->empty()) return 0;
  // Everyone the coordinators' mails name or greet, and the programs, read once for all.
  std::map<int64_t, std::optional<Program>> programs;
  std::vector<std::string> wanted;
  for (const auto& r : *theirs) {
    wanted.push_back(r.mentor);
    wanted.push_back(r.mentee);
    auto [it, added] = programs.try_emplace(r.program.value);
    if (!added) continue;
    auto program = program_reader_.FindProgram(r.program);
    if (!program.ok()) {
      // No mail then, as RelationshipService: the ending stands.
      if (program.status().code() != ErrorCode::kNotFound) return program.status();
      continue;
    }
    it->second = std::move(program).value();
    for (const std::string& c : it->second->coordinators) wanted.push_back(c);
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  auto contacts = repository_.FindContacts(wanted);
  if (!contacts.ok()) return contacts.status();
  std::unordered_map<std::string, const NudgeContact*> people;
  for (const NudgeContact& c : *contacts) people.emplace(c.employee_id, &c);
  // A person not in the directory is named by their employee id, as RelationshipService does.
  auto name_of = [&](const std::string& id) {
    auto it = people.find(id);
    return it == people.end() ? id : it->second->name;
  };
  const EndReason reason = EndReason::kLeftOrganization;
  int ended = 0;
  for (std::size_t from = 0; from < theirs->size(); from += kEndingBatch) {
    std::vector<HealthRepository::LeaverEnding> batch;
    for (std::size_t i = from; i < std::min(from + kEndingBatch, theirs->size()); ++i) {
      const auto& r = (*theirs)[i];
      HealthRepository::LeaverEnding e;
      e.relationship = r.relationship;
      // Ended by the side who left; when both did, the first by employee id (the order the
      // departures were caught up in one by one).
      e.ended_by = r.mentor_left && (!r.mentee_left || r.mentor < r.mentee) ? r.mentor : r.mentee;
      if (const auto& program = programs.at(r.program.value)) {
        for (const std::string& c : program->coordinators) {
          auto coordinator = people.find(c);
          if (coordinator == people.end()) continue;
          e.mails.push_back(EndingMailToCoordinator(
              base_url_, *program, coordinator->second->first_name, coordinator->second->email,
              r.relationship, name_of(r.mentor), name_of(r.mentee), reason));
        }
      }
      Relationship after;
      after.id = r.relationship;
      after.program = r.program;
      after.mentor = r.mentor;
      after.mentee = r.mentee;
      after.end_reason = std::string(EndReasonName(reason));
      e.event = EndedEvent(after, now);
      batch.push_back(std::move(e));
    }
    auto done = repository_.EndForLeavers(batch, now);
    if (!done.ok()) return done.status();
    ended += *done;
  }
  return ended;
}

Result<TickReport> HealthService::Tick(const std::string& worker, bool again,
                                       std::optional<TimePoint> at) {
  const TimePoint now = at.value_or(clock_.Now());
  TickReport report;
  report.period = TickPeriod(now);
  auto claim = repository_.ClaimTick(report.period, worker, now, now + kTickLease, again);
  if (!claim.ok()) return claim.status();
  if (!*claim) {
    report.summary = "another server holds or finished this hour's tick";
    return report;
  }
  report.ran = true;
  auto work = [&]() -> Status {
    // First, the departures whose ending did not run (the server died between the directory's
    // commit and the hook): their relationships end as PeopleLeft ends them, before scoring.
    auto ended = EndLeaversRelationships(now);
    if (!ended.ok()) return ended.status();
    report.ended_for_leavers = *ended;
    auto facts = repository_.LoadFacts(std::nullopt, now);
    if (!facts.ok()) return facts.status();
    // Relationships reaching their agreed end complete first, in batches, each publishing
    // "relationship.ended" as a pair's own completion does; they are not scored.
    std::vector<HealthFacts> live;
    std::vector<HealthRepository::Completion> completions;
    for (const HealthFacts& f : *facts) {
      const TimePoint end = RelationshipEnd(f.started_at, f.length_months);
      if (end > now) {
        live.push_back(f);
        continue;
      }
      Relationship completed;
      completed.id = f.relationship;
      completed.program = f.program;
      completed.mentor = f.mentor;
      completed.mentee = f.mentee;
      completed.end_reason = "completed";
      completions.push_back({f.relationship, end, EndedEvent(completed, now)});
    }
    for (std::size_t from = 0; from < completions.size(); from += kEndingBatch) {
      const auto last = std::min(from + kEndingBatch, completions.size());
      auto done = repository_.CompleteRelationships(
          {completions.begin() + static_cast<std::ptrdiff_t>(from),
           completions.begin() + static_cast<std::ptrdiff_t>(last)});
      if (!done.ok()) return done.status();
      report.completed += *done;
    }
    auto scored = Score(live, now, std::nullopt);
    if (!scored.ok()) return scored.status();
    if (Status s = repository_.SaveHealth(*scored); !s.ok()) return s;
    report.scored = static_cast<int>(scored->size());
    if (Status s = repository_.SaveLabelDays(LabelDays(*scored, now)); !s.ok()) return s;
    // The flagged pairs' programs, and what their ladders need to know, read once for all.
    std::map<int64_t, std::pair<Program, HealthConfig>> programs;
    for (const Health& h : *scored) {
      report.needs_attention += h.label == HealthLabel::kNeedsAttention;
      report.at_risk += h.label == HealthLabel::kAtRisk;
      if (h.label == HealthLabel::kOnTrack || h.grace || programs.count(h.program.value)) continue;
      auto program = program_reader_.FindProgram(h.program);
      if (!program.ok()) return program.status();
      auto config = ConfigOf(h.program);
      if (!config.ok()) return config.status();
      programs.emplace(h.program.value, std::pair{*program, *config});
    }
    std::vector<const Program*> program_list;
    for (const auto& [id, pc] : programs) program_list.push_back(&pc.first);
    auto lookup = Lookup(*scored, live, program_list, now);
    if (!lookup.ok()) return lookup.status();
    // Every nudge due, recorded in a few transactions rather than one each.
    std::vector<HealthRepository::NudgeToRecord> due;
    for (std::size_t i = 0; i < scored->size(); ++i) {
      const Health& h = (*scored)[i];
      if (h.label == HealthLabel::kOnTrack || h.grace) continue;
      const auto& [program, config] = programs.at(h.program.value);
      for (const NudgePreview& m : DueMails(h, live[i], program, config, *lookup, now)) {
        if (m.already_sent || m.opted_out) continue;
        if (m.waits) {
          ++report.nudges_waiting;
          continue;
        }
        NudgeRecord record{h.relationship,
                           m.step,
                           NudgePeriod(*h.flagged_since),
                           m.recipient,
                           m.recipient_role,
                           m.subject,
                           m.body,
                           "",
                           now};
        // The weekly count read in Lookup may be stale by now (another tick at once); the slot
        // the repository claims with the nudge is what holds the limit.
        MailMessage mail{m.recipient_email, m.subject, m.body, "nudge"};
        // The pair may turn the ladder's nudges off; the program's staff may not.
        if (m.recipient_role == "mentor" || m.recipient_role == "mentee") {
          mail.reminder_for = m.recipient;
        }
        due.push_back({std::move(record), std::move(mail), config.settings.max_nudges_per_week,
                       /*may_exceed=*/false});
        // Counted as sent for the pairs after this one (the repository's slots decide).
        ++lookup->week_counts[m.recipient];
      }
    }
    auto recorded = repository_.RecordNudges(due);
    if (!recorded.ok()) return recorded.status();
    for (NudgeRecorded r : *recorded) {
      report.nudges_sent += r == NudgeRecorded::kSent ? 1 : 0;
      report.nudges_waiting += r == NudgeRecorded::kWeeklyLimit ? 1 : 0;
    }
    auto reminders = SendReminders(now);
    if (!reminders.ok()) return reminders.status();
    report.reminders_sent = *reminders;
    auto relationship_reminders = SendRelationshipReminders(now);
    if (!relationship_reminders.ok()) return relationship_reminders.status();
    report.reminders_sent += *relationship_reminders;
    for (TickStep* step : steps_) {
      auto words = step->RunTickStep(now);
      if (!words.ok()) return words.status();
      if (!words->empty()) report.steps.push_back(std::move(words).value());
    }
    return Status::Ok();
  };
  Status status = work();
  report.summary = "scored " + Count(report.scored, "pair", "pairs") + " (" +
                   std::to_string(report.needs_attention) + " needing attention, " +
                   std::to_string(report.at_risk) + " at risk); sent " +
                   Count(report.nudges_sent, "nudge", "nudges") + ", " +
                   std::to_string(report.nudges_waiting) +
                   " waiting for working hours or the weekly limit; " +
                   Count(report.reminders_sent, "reminder", "reminders") + "; " +
                   Count(report.completed, "relationship", "relationships") + " completed; " +
                   Count(report.ended_for_leavers, "relationship", "relationships") +
                   " of people who left ended";
  for (const std::string& words : report.steps) report.summary += "; " + words;
  if (!status.ok())
    report.summary = "failed: " + status.client_message() + " (after: " + report.summary + ")";
  Status finished = repository_.FinishTick(report.period, worker, status.ok() ? "done" : "failed",
                                           report.summary, at.value_or(clock_.Now()));
  if (!status.ok()) return status;
  if (!finished.ok()) return finished;
  return report;
}

Result<std::vector<TickRecord>> HealthService::ListTicks(const Actor& actor, int limit) {
  if (Status s = RequireAdmin(actor); !s.ok()) return s;
  return repository_.ListTicks(std::clamp(limit, 1, 100));
}

Result<TickReport> HealthService::RunTick(const Actor& actor, const std::string& worker) {
  if (Status s = RequireAdmin(actor); !s.ok()) return s;
  return Tick(worker, /*again=*/true);
}

Result<HealthBoardPage> HealthService::Board(const Actor& actor, ProgramId id,
                                             const HealthBoardQuery& q) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto program = program_reader_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor))
    return Status::NotFound("no program " + std::to_string(id.value));
  if (!IsProgramCoordinator(*program, actor) && !Has(program->shadow_mentors, actor.employee_id)) {
    return Status::Forbidden("only the program's coordinators and shadow mentors see its health");
  }
  if (q.offset < 0) return Status::InvalidArgument("the offset is 0 or more", "offset");
  if (q.limit < 1 || q.limit > 200)
    return Status::InvalidArgument("the limit is 1 to 200", "limit");
  auto page = repository_.Board(id, q);
  if (!page.ok()) return page.status();
  // Only the coordinators may replace a mentor, so only they are offered it.
  if (IsProgramCoordinator(*program, actor)) {
    auto config = ConfigOf(id);
    if (!config.ok()) return config.status();
    // The page's nudges in one query, for the pairs whose nudges decide (MentorUnresponsiveNow).
    std::vector<RelationshipId> quiet_mentor;
    for (const HealthBoardRow& row : page->items) {
      if (LadderMayDecide(row.health)) quiet_mentor.push_back(row.health.relationship);
    }
    std::unordered_map<int64_t, std::vector<NudgeRecord>> nudges;
    if (!quiet_mentor.empty()) {
      auto keys = repository_.ListNudgeKeysOf(quiet_mentor);
      if (!keys.ok()) return keys.status();
      for (NudgeRecord& n : *keys) nudges[n.relationship.value].push_back(std::move(n));
    }
    for (HealthBoardRow& row : page->items) {
      row.mentor_unresponsive =
          MentorUnresponsive(row.health, config->ladder, nudges[row.health.relationship.value]);
    }
  }
  return page;
}

Result<bool> HealthService::MentorUnresponsiveNow(const Health& health,
                                                  const HealthConfig& config) {
  if (health.label == HealthLabel::kOnTrack && health.reasons.empty()) return false;
  // The ladder's nudges matter only once flagged with the mentor the quiet side.
  std::vector<NudgeRecord> nudges;
  if (LadderMayDecide(health)) {
    auto listed = repository_.ListNudges(health.relationship);
    if (!listed.ok()) return listed.status();
    nudges = std::move(listed).value();
  }
  return MentorUnresponsive(health, config.ladder, nudges);
}

Result<Proposal> HealthService::ReplaceMentor(const Actor& actor, RelationshipId id) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  if (!IsProgramCoordinator(context->program, actor)) {
    return Status::Forbidden("only the program's coordinators replace a mentor");
  }
  auto health = repository_.FindHealth(id);
  if (!health.ok()) return health.status();
  bool unresponsive = false;
  if (*health) {
    auto config = ConfigOf(context->program.id);
    if (!config.ok()) return config.status();
    auto now = MentorUnresponsiveNow(**health, *config);
    if (!now.ok()) return now.status();
    unresponsive = *now;
  }
  if (!unresponsive) {
    return Status::Conflict(
               "The mentor of this pair has not been unresponsive, so they are not replaced.")
        .WithReason("mentor_responsive");
  }
  const std::string why = WhyWords(**health);
  return relationships_.ReplaceMentor(
      actor, id, "The coordinator replaced the mentor from the health board: " + why + ".");
}

Result<std::vector<MentorLoad>> HealthService::MentorLoads(const Actor& actor, ProgramId id) {
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  auto loads = repository_.MentorLoads(id, clock_.Now());
  if (!loads.ok()) return loads.status();
  // A mentor's own lower capacity (relief time) wins over the program's; all read at once.
  auto own = program_reader_.ListMentorCapacities(id);
  if (!own.ok()) return own.status();
  for (MentorLoad& l : *loads) {
    auto set = own->find(l.mentor);
    l.capacity_hours =
        EffectiveCapacity(program->mentor_capacity, set == own->end() ? nullptr : &set->second)
            .hours_per_month;
  }
  return loads;
}

Result<std::vector<HealthLabelDay>> HealthService::LabelHistory(const Actor& actor, ProgramId id,
                                                                int days) {
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  if (days < 1 || days > kMaxHistoryDays) {
    return Status::InvalidArgument("days is 1 to " + std::to_string(kMaxHistoryDays), "days");
  }
  const auto today = std::chrono::floor<std::chrono::days>(clock_.Now());
  return repository_.LabelHistory(id, FormatDate(Date(today - std::chrono::days(days - 1))));
}

Result<HealthConfig> HealthService::GetConfig(const Actor& actor, ProgramId id) {
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  return ConfigOf(id);
}

Result<HealthConfig> HealthService::SaveConfig(const Actor& actor, ProgramId id,
                                               const HealthConfig& config) {
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  if (Status s = CheckHealthSettings(config.settings); !s.ok()) return s;
  if (Status s = CheckNudgeLadder(config.ladder); !s.ok()) return s;
  if (Status s = repository_.SaveSettings(id, config.settings, config.ladder, actor.employee_id,
                                          clock_.Now());
      !s.ok()) {
    return s;
  }
  // A changed weight re-scores at once, so the board never shows the old formula's labels.
  if (auto r = Rescore(id); !r.ok()) return r.status();
  return ConfigOf(id);
}

Result<HealthPreview> HealthService::Preview(const Actor& actor, ProgramId id,
                                             const HealthConfig& config) {
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  if (Status s = CheckHealthSettings(config.settings); !s.ok()) return s;
  if (Status s = CheckNudgeLadder(config.ladder); !s.ok()) return s;
  const TimePoint now = clock_.Now();
  auto facts = repository_.LoadFacts(id, now);
  if (!facts.ok()) return facts.status();
  auto stored = repository_.LoadHealth(id);
  if (!stored.ok()) return stored.status();
  std::unordered_map<int64_t, HealthLabel> before;
  for (const Health& h : *stored) before[h.relationship.value] = h.label;
  auto scored = Score(*facts, now, config);
  if (!scored.ok()) return scored.status();
  auto lookup = Lookup(*scored, *facts, {&*program}, now);
  if (!lookup.ok()) return lookup.status();
  HealthPreview preview;
  for (std::size_t i = 0; i < scored->size(); ++i) {
    const Health& h = (*scored)[i];
    auto b = before.find(h.relationship.value);
    if (b == before.end() || b->second != h.label) ++preview.changes;
    (h.label == HealthLabel::kOnTrack          ? preview.on_track
     : h.label == HealthLabel::kNeedsAttention ? preview.needs_attention
                                               : preview.at_risk)++;
    if (h.label == HealthLabel::kOnTrack || h.grace) continue;
    for (auto& m : DueMails(h, (*facts)[i], *program, config, *lookup, now)) {
      preview.mails.push_back(std::move(m));
    }
  }
  return preview;
}

Result<int> HealthService::NudgePairs(const Actor& actor, ProgramId id,
                                      const std::vector<RelationshipId>& relationships,
                                      const std::optional<std::string>& message) {
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  if (relationships.empty() || relationships.size() > 200) {
    return Status::InvalidArgument("choose 1 to 200 pairs", "relationship_ids");
  }
  if (message && (message->empty() || message->size() > kMaxNudgeBodyBytes)) {
    return Status::InvalidArgument("the message is 1 to 5000 characters", "message");
  }
  auto config = ConfigOf(id);
  if (!config.ok()) return config.status();
  const TimePoint now = clock_.Now();
  auto facts = repository_.LoadFacts(id, now);
  if (!facts.ok()) return facts.status();
  const NudgeStep fallback = DefaultNudgeLadder().front();
  const NudgeStep& first = config->ladder.empty() ? fallback : config->ladder.front();
  const std::string period =
      "manual-" + FormatDate(Date(std::chrono::floor<std::chrono::days>(now)));
  int sent = 0;
  for (RelationshipId rid : relationships) {
    auto f = std::find_if(facts->begin(), facts->end(),
                          [&](const HealthFacts& x) { return x.relationship == rid; });
    if (f == facts->end()) {
      return Status::NotFound("no active relationship " + std::to_string(rid.value) +
                              " in this program");
    }
    auto health = repository_.FindHealth(rid);
    if (!health.ok()) return health.status();
    auto contacts = repository_.FindContacts({f->mentor, f->mentee});
    if (!contacts.ok()) return contacts.status();
    if (contacts->size() != 2) continue;
    for (const NudgeContact& c : *contacts) {
      const NudgeValues values{c.name,
                               (*contacts)[0].name,
                               (*contacts)[1].name,
                               program->name,
                               *health ? WhyWords(**health) : "it has gone quiet",
                               0};
      const std::string subject = RenderNudge(first.subject, values);
      const std::string body = RenderNudge(message.value_or(first.body), values);
      NudgeRecord record{rid,
                         0,
                         period,
                         c.employee_id,
                         c.employee_id == f->mentor ? "mentor" : "mentee",
                         subject,
                         body,
                         actor.employee_id,
                         now};
      // The coordinator's own word goes whatever the limit; it still takes a free slot.
      auto done =
          repository_.RecordNudge(record, {c.email, subject, body, "nudge"},
                                  config->settings.max_nudges_per_week, /*may_exceed=*/true);
      if (!done.ok()) return done.status();
      sent += *done == NudgeRecorded::kSent ? 1 : 0;
    }
  }
  return sent;
}

Result<RelationshipHealthView> HealthService::ForRelationship(const Actor& actor,
                                                              RelationshipId id) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  const auto& rel = context->relations;
  if (!rel.Overseer() && !rel.Member()) {
    return Status::Forbidden(
        "the health of a relationship is for its pair and the program's staff");
  }
  RelationshipHealthView view;
  if (rel.Overseer()) {
    auto health = repository_.FindHealth(id);
    if (!health.ok()) return health.status();
    view.health = *health;
  }
  auto nudges = repository_.ListNudges(id);
  if (!nudges.ok()) return nudges.status();
  for (auto& n : *nudges) {
    // The pair sees what was sent to them; staff see every nudge.
    if (rel.Overseer() || n.recipient == actor.employee_id) view.nudges.push_back(std::move(n));
  }
  return view;
}

Result<bool> HealthService::RemindersOff(const Actor& actor) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  return repository_.OptedOut(actor.employee_id);
}

Status HealthService::SetRemindersOff(const Actor& actor, bool off) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  return repository_.SetOptedOut(actor.employee_id, off, clock_.Now());
}

}  // namespace pairwise::domain
