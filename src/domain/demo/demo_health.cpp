#include "domain/demo/demo_health.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "domain/health/nudge.h"
#include "domain/people/person.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;
using std::chrono::hours;

// Ten in the morning (UTC) of the weekday on or after `at`'s day: when a nudge would have gone.
TimePoint WorkdayMorning(TimePoint at) {
  auto day = std::chrono::floor<days>(at);
  while (std::chrono::weekday(day) == std::chrono::Saturday ||
         std::chrono::weekday(day) == std::chrono::Sunday) {
    day += days(1);
  }
  return TimePoint(day) + hours(10);
}

std::string WhyWords(const Health& h) {
  std::string out;
  for (const auto& r : h.reasons) {
    if (!out.empty()) out += "; ";
    out += r.words;
  }
  return out.empty() ? "it has gone quiet" : out;
}

}  // namespace

Result<DemoHealthSummary> LoadDemoHealth(HealthRepository& health, ProgramReader& programs,
                                         ProgramId program_id, TimePoint now) {
  DemoHealthSummary summary;
  auto existing = health.LabelHistory(program_id, "");
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return summary;
  auto program = programs.FindProgram(program_id);
  if (!program.ok()) return program.status();
  auto saved = health.FindSettings(program_id);
  if (!saved.ok()) return saved.status();
  const HealthSettings settings = saved->value_or(HealthSettings{});
  auto facts = health.LoadFacts(program_id, now);
  if (!facts.ok()) return facts.status();

  // Today's scores; a flagged pair stopped being on track some days ago (after its grace
  // period), the longer the lower its score.
  std::vector<Health> scored;
  for (const HealthFacts& f : *facts) {
    Health h = ComputeHealth(f, settings, now);
    if (h.label != HealthLabel::kOnTrack) {
      const int age = static_cast<int>(std::chrono::floor<days>(now - f.started_at).count());
      const int room = std::max(1, std::min(42, age - settings.grace_days));
      const int back = 1 + static_cast<int>((f.relationship.value * 7 + (100 - h.score)) % room);
      h.flagged_since = std::min(WorkdayMorning(now - days(back)), now);
      ++summary.flagged;
    }
    scored.push_back(std::move(h));
  }
  if (Status s = health.SaveHealth(scored); !s.ok()) return s;
  summary.scored = static_cast<int>(scored.size());

  // The default ladder's nudges since each flagged pair's episode began.
  std::vector<std::string> ids;
  for (const HealthFacts& f : *facts) {
    ids.push_back(f.mentor);
    ids.push_back(f.mentee);
  }
  for (const auto& c : program->coordinators) ids.push_back(c);
  for (const auto& c : program->shadow_mentors) ids.push_back(c);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto contacts = health.FindContacts(ids);
  if (!contacts.ok()) return contacts.status();
  std::unordered_map<std::string, std::string> names;
  for (const auto& c : *contacts) names[c.employee_id] = c.name;
  auto name = [&](const std::string& id) {
    auto it = names.find(id);
    return it == names.end() ? id : it->second;
  };
  const std::vector<NudgeStep> ladder = DefaultNudgeLadder();
  std::vector<NudgeRecord> nudges;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    const Health& h = scored[i];
    const HealthFacts& f = (*facts)[i];
    if (!h.flagged_since || h.grace) continue;
    for (std::size_t s = 0; s < ladder.size(); ++s) {
      const NudgeStep& step = ladder[s];
      if (!step.enabled) continue;
      if (step.trigger == HealthLabel::kAtRisk && h.label != HealthLabel::kAtRisk) continue;
      const TimePoint due = *h.flagged_since + days(step.delay_days);
      if (due > now) continue;
      const TimePoint at = std::min(WorkdayMorning(due), now);
      std::vector<std::pair<std::string, std::string>> to;
      const HealthSide quiet = QuietSide(h);
      switch (step.recipients) {
        case NudgeRecipients::kPair:
          to = {{f.mentor, "mentor"}, {f.mentee, "mentee"}};
          break;
        case NudgeRecipients::kQuietSide:
          if (quiet != HealthSide::kMentee) to.push_back({f.mentor, "mentor"});
          if (quiet != HealthSide::kMentor) to.push_back({f.mentee, "mentee"});
          break;
        case NudgeRecipients::kMentor:
          to = {{f.mentor, "mentor"}};
          break;
        case NudgeRecipients::kMentee:
          to = {{f.mentee, "mentee"}};
          break;
        case NudgeRecipients::kShadowMentor:
          if (!program->shadow_mentors.empty()) {
            to = {{program->shadow_mentors[static_cast<std::size_t>(h.relationship.value) %
                                           program->shadow_mentors.size()],
                   "shadow_mentor"}};
          }
          break;
        case NudgeRecipients::kCoordinator:
          for (const auto& c : program->coordinators) to.push_back({c, "coordinator"});
          break;
      }
      const int episode_days =
          static_cast<int>(std::chrono::floor<days>(at - *h.flagged_since).count());
      for (const auto& [id, role] : to) {
        const NudgeValues values{name(id),      name(f.mentor), name(f.mentee),
                                 program->name, WhyWords(h),    episode_days};
        nudges.push_back({h.relationship, static_cast<int>(s) + 1, NudgePeriod(*h.flagged_since),
                          id, role, RenderNudge(step.subject, values),
                          RenderNudge(step.body, values), "", at});
      }
    }
  }
  if (Status s = health.SaveNudgeHistory(nudges); !s.ok()) return s;
  summary.nudges = static_cast<int>(nudges.size());

  // Label counts per day: a pair counts from its start; before its episode it was on track, and
  // a pair at risk today needed attention in the first half of its episode.
  const auto today = std::chrono::floor<days>(now);
  std::vector<HealthLabelDay> history;
  for (int back = kDemoHealthHistoryDays - 1; back >= 0; --back) {
    const auto day = today - days(back);
    const TimePoint end_of_day = TimePoint(day + days(1));
    HealthLabelDay d;
    d.program = program_id;
    d.day = FormatDate(Date(day));
    for (std::size_t i = 0; i < scored.size(); ++i) {
      const Health& h = scored[i];
      if ((*facts)[i].started_at >= end_of_day) continue;
      HealthLabel label = HealthLabel::kOnTrack;
      if (h.flagged_since && *h.flagged_since < end_of_day) {
        label = h.label;
        if (label == HealthLabel::kAtRisk &&
            (end_of_day - *h.flagged_since) * 2 < now - *h.flagged_since) {
          label = HealthLabel::kNeedsAttention;
        }
      }
      (label == HealthLabel::kOnTrack          ? d.on_track
       : label == HealthLabel::kNeedsAttention ? d.needs_attention
                                               : d.at_risk)++;
    }
    if (d.on_track + d.needs_attention + d.at_risk > 0) history.push_back(std::move(d));
  }
  if (Status s = health.SaveLabelDays(history); !s.ok()) return s;
  summary.days = static_cast<int>(history.size());
  return summary;
}

}  // namespace pairwise::domain
