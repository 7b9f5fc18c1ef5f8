#include "domain/reports/dashboard.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "domain/access/small_groups.h"
#include "domain/proposals/proposal_figures.h"
#include "domain/relationships/relationship.h"
#include "domain/surveys/survey_results.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;

struct Bucket {
  int upto;  // inclusive upper bound in days; INT_MAX for the last
  const char* key;
  const char* label;
};
constexpr Bucket kDayBuckets[] = {{7, "0-7", "Within a week"},
                                  {14, "8-14", "1 to 2 weeks"},
                                  {30, "15-30", "2 weeks to a month"},
                                  {60, "31-60", "1 to 2 months"},
                                  {1 << 30, "61+", "Over 2 months"}};

std::vector<CountRow> DayBuckets(const std::vector<int>& values) {
  std::vector<CountRow> rows;
  for (const Bucket& b : kDayBuckets) rows.push_back({b.key, b.label, 0});
  for (int v : values) {
    for (std::size_t i = 0; i < std::size(kDayBuckets); ++i) {
      if (v <= kDayBuckets[i].upto) {
        ++rows[i].count;
        break;
      }
    }
  }
  return rows;
}

bool Admits(const DashboardFilter& filter, const ReportPerson& p) {
  return (filter.department.empty() || p.department == filter.department) &&
         (filter.site.empty() || p.site == filter.site) &&
         (filter.level == 0 || p.level == filter.level);
}

int DaysBetween(TimePoint from, TimePoint to) {
  return static_cast<int>(std::chrono::floor<days>(to - from).count());
}

int CadenceDays(MeetingCadence cadence) {
  switch (cadence) {
    case MeetingCadence::kWeekly:
      return 7;
    case MeetingCadence::kBiweekly:
      return 14;
    case MeetingCadence::kMonthly:
      return 30;
  }
  return 30;
}

}  // namespace

SurveySelection SurveySelectionFor(const DashboardFilter& filter) {
  SurveySelection s;
  const int set =
      int{!filter.department.empty()} + int{!filter.site.empty()} + int{filter.level != 0};
  if (set > 1) {
    s.applies = false;
  } else if (!filter.department.empty()) {
    s.query = {"department", filter.department};
  } else if (!filter.site.empty()) {
    s.query = {"site", filter.site};
  } else if (filter.level != 0) {
    // Answers carry the respondent's level band, not the level.
    s.query = {"level", LevelBand(filter.level)};
  }
  return s;
}

SurveyFigure SurveyFigureOf(const Survey& survey, const SurveyResults& results) {
  const int invited = results.invited;
  SurveyFigure f;
  f.survey = survey.id;
  f.title = survey.title;
  f.kind = std::string(SurveyKindName(survey.kind));
  f.privacy = std::string(SurveyPrivacyName(survey.privacy));
  f.min_group = results.min_group;
  f.invited = invited;
  f.hidden = results.hidden;
  f.responses = results.responses;
  if (!f.hidden && invited > 0) {
    f.response_rate = static_cast<double>(f.responses) / static_cast<double>(invited);
  }
  if (f.hidden) return f;
  for (const QuestionResult& q : results.questions) {
    if (q.question.type == QuestionType::kScale) {
      f.scores.push_back({q.question.label, "mean", q.hidden ? std::nullopt : q.mean});
    } else if (q.question.type == QuestionType::kNps) {
      f.scores.push_back(
          {q.question.label, "nps",
           q.hidden || !q.nps ? std::nullopt : std::optional<double>(static_cast<double>(*q.nps))});
    }
  }
  return f;
}

std::vector<FairnessBreakdown> FairnessByGroup(const ProgramFacts& facts,
                                               const std::vector<ReportPerson>& people,
                                               const std::vector<ReportingAttribute>& attributes,
                                               const DashboardFilter& filter) {
  std::unordered_map<std::string_view, const ReportPerson*> by_id;
  by_id.reserve(people.size());
  for (const ReportPerson& p : people) by_id.emplace(p.employee_id, &p);
  // Each mentee once, with their latest relationship's status (a rematch replaces the first).
  struct Mentee {
    bool matched = false;
    int64_t latest = 0;
    std::string status;
    std::optional<double> match_score;  // the latest pair's, against its run's average
  };
  // Each run's average pair score, over all the program's pairs it made (the filters choose whose
  // shares are averaged, not the runs' scale).
  std::map<int64_t, std::pair<double, int64_t>> run_totals;
  for (const ReportRelationship& r : facts.relationships) {
    if (!r.proposal) continue;
    auto& [sum, n] = run_totals[*r.proposal];
    sum += static_cast<double>(r.score);
    ++n;
  }
  auto share_of_run = [&](const ReportRelationship& r) -> std::optional<double> {
    if (!r.proposal) return std::nullopt;
    const auto& [sum, n] = run_totals.at(*r.proposal);
    const double average = sum / static_cast<double>(n);
    if (average <= 0) return std::nullopt;
    return 100.0 * static_cast<double>(r.score) / average;
  };
  std::map<std::string, Mentee> mentees;
  auto admitted = [&](const std::string& id) {
    auto it = by_id.find(id);
    return it != by_id.end() && Admits(filter, *it->second);
  };
  for (const ReportApplication& a : facts.applications) {
    if (a.side == Side::kMentee && a.status == ApplicationStatus::kApproved &&
        admitted(a.employee_id)) {
      mentees[a.employee_id];
    }
  }
  for (const ReportRelationship& r : facts.relationships) {
    if (!admitted(r.mentee)) continue;
    Mentee& m = mentees[r.mentee];
    m.matched = true;
    if (r.id > m.latest) {
      m.latest = r.id;
      m.status = r.status;
      m.match_score = share_of_run(r);
    }
  }
  // Only attributes some of these mentees have: others would be one "(not given)" group.
  std::map<std::pair<std::string_view, std::string_view>, std::string_view> value_of;
  std::set<std::string> attribute_names;
  for (const ReportingAttribute& a : attributes) {
    if (!mentees.contains(a.employee_id)) continue;
    attribute_names.insert(a.name);
    value_of[{a.employee_id, a.name}] = a.value;
  }
  std::vector<std::string> dimensions = {"department", "site", "level_band"};
  for (const std::string& name : attribute_names) dimensions.push_back("attribute:" + name);

  std::vector<FairnessBreakdown> out;
  for (const std::string& dimension : dimensions) {
    std::map<std::string, GroupFigures> groups;
    for (const auto& [id, m] : mentees) {
      const ReportPerson& p = *by_id.at(id);
      std::string group;
      if (dimension == "department") {
        group = p.department_name;
      } else if (dimension == "site") {
        group = p.site_name;
      } else if (dimension == "level_band") {
        group = LevelBand(p.level);
      } else {
        auto it = value_of.find({id, std::string_view(dimension).substr(10)});
        group = it == value_of.end() ? "(not given)" : std::string(it->second);
      }
      if (group.empty()) group = "(none)";
      GroupFigures& g = groups[group];
      g.group = group;
      ++g.mentees;
      if (m.matched) ++g.matched;
      if (m.status == RelationshipStatusName(RelationshipStatus::kCompleted)) ++g.completed;
      if (m.status == RelationshipStatusName(RelationshipStatus::kEndedEarly)) ++g.ended_early;
      if (m.match_score) {
        g.match_score = g.match_score.value_or(0) + *m.match_score;
        ++g.scored;
      }
    }
    for (auto& [name, g] : groups) {
      if (g.match_score) *g.match_score /= static_cast<double>(g.scored);
    }
    std::vector<int> counts;
    for (const auto& [name, g] : groups) counts.push_back(g.mentees);
    const std::vector<bool> hidden = HiddenGroups(counts, kMinFairnessGroup);
    FairnessBreakdown b;
    b.dimension = dimension;
    std::size_t i = 0;
    for (auto& [name, g] : groups) {
      if (hidden[i++]) {
        ++b.hidden_groups;
      } else {
        b.groups.push_back(std::move(g));
      }
    }
    out.push_back(std::move(b));
  }
  return out;
}

PeopleCountQuery EligibleQuery(const EligibilityRules& rules, const DashboardFilter& filter,
                               Date today) {
  PeopleCountQuery q;
  q.department = filter.department;
  q.site = filter.site;
  q.level = filter.level;
  q.employee_ids = rules.employee_ids;
  if (rules.min_tenure_months && *rules.min_tenure_months > 0) {
    // Walk back from today to the first day with the tenure: at most a month and a day past
    // the months asked for.
    Date day = today;
    const int limit = (*rules.min_tenure_months + 1) * 31 + 1;
    for (int i = 0; i <= limit && TenureMonths(day, today) < *rules.min_tenure_months; ++i) {
      day = Date(std::chrono::sys_days(day) - days(1));
    }
    q.hired_by = day;
  }
  return q;
}

int64_t CountEligible(const EligibilityRules& rules, const PeopleCountQuery& query,
                      const std::vector<PeopleGroupCount>& groups, Date today) {
  // The read kept only the listed people, so each group stands for listed people.
  EligibilityRules checked = rules;
  checked.employee_ids.clear();
  int64_t eligible = 0;
  for (const PeopleGroupCount& g : groups) {
    Person person;
    person.department = g.department;
    person.site = g.site;
    person.level = g.level;
    person.status = g.status;
    // A hire date on the group's side of the cutoff: the cutoff itself, or the day after.
    person.hire_date = !query.hired_by ? today
                       : g.hired_by    ? *query.hired_by
                                       : Date(std::chrono::sys_days(*query.hired_by) + days(1));
    if (!CheckEligibility(checked, Side::kMentee, person, today)) eligible += g.people;
  }
  return eligible;
}

ProgramDashboard BuildDashboard(const Program& program, const ProgramFacts& facts, int64_t eligible,
                                const DashboardFilter& filter, TimePoint now) {
  const std::vector<ReportPerson>& people = facts.people;
  std::unordered_map<std::string_view, const ReportPerson*> by_id;
  by_id.reserve(people.size());
  for (const ReportPerson& p : people) by_id.emplace(p.employee_id, &p);
  auto admitted = [&](const std::string& employee_id) {
    auto it = by_id.find(employee_id);
    if (it == by_id.end()) return false;
    return Admits(filter, *it->second);
  };

  ProgramDashboard d;
  d.program = program.id;
  d.program_name = program.name;

  // The funnel, for mentees: each step counts people, each once.
  std::set<std::string> applied, approved, matched, agreed, met, completed;
  std::unordered_map<std::string, TimePoint> applied_at;
  for (const ReportApplication& a : facts.applications) {
    if (a.side != Side::kMentee || !admitted(a.employee_id)) continue;
    applied.insert(a.employee_id);
    auto [it, inserted] = applied_at.emplace(a.employee_id, a.submitted_at);
    if (!inserted) it->second = std::min(it->second, a.submitted_at);
    if (a.status == ApplicationStatus::kApproved) approved.insert(a.employee_id);
  }

  std::vector<int> to_match, to_meeting;
  std::map<std::string, int64_t> endings;
  int64_t below = 0, on = 0, above = 0;
  double sum_rate = 0, sum_agreed = 0;
  int64_t rated = 0;
  std::unordered_map<std::string, int> load;
  std::set<int64_t> counted_relationships;
  for (const ReportRelationship& r : facts.relationships) {
    const bool in_force =
        r.status == RelationshipStatusName(RelationshipStatus::kPendingAgreement) ||
        r.status == RelationshipStatusName(RelationshipStatus::kActive);
    if (in_force && admitted(r.mentor)) ++load[r.mentor];
    if (!admitted(r.mentee)) continue;
    counted_relationships.insert(r.id);
    matched.insert(r.mentee);
    if (r.activated_at) agreed.insert(r.mentee);
    if (r.first_meeting) met.insert(r.mentee);
    if (r.status == RelationshipStatusName(RelationshipStatus::kCompleted)) {
      completed.insert(r.mentee);
    }
    if (r.status == RelationshipStatusName(RelationshipStatus::kEndedEarly)) {
      ++endings[r.end_reason];
    }
    if (auto it = applied_at.find(r.mentee); it != applied_at.end() && it->second <= r.started_at) {
      to_match.push_back(DaysBetween(it->second, r.started_at));
    }
    if (r.first_meeting) to_meeting.push_back(DaysBetween(r.started_at, *r.first_meeting));
    // Meetings per month from activation until the end (or now), for pairs a month or more in.
    if (r.activated_at) {
      const TimePoint until = r.ended_at.value_or(now);
      const double months = static_cast<double>(DaysBetween(*r.activated_at, until)) / 30.4375;
      if (months >= 1.0) {
        const double rate = r.meetings_held / months;
        const int cadence = r.agreed_cadence_days.value_or(CadenceDays(program.cadence));
        const double agreed_rate = 30.4375 / cadence;
        sum_rate += rate;
        sum_agreed += agreed_rate;
        ++rated;
        if (rate < agreed_rate * 0.75) {
          ++below;
        } else if (rate > agreed_rate * 1.25) {
          ++above;
        } else {
          ++on;
        }
      }
    }
  }
  auto step = [&](const char* key, const char* label, int64_t n) {
    d.funnel.push_back({key, label, n});
  };
  step("eligible", "Eligible", eligible);
  step("applied", "Applied", static_cast<int64_t>(applied.size()));
  step("approved", "Approved", static_cast<int64_t>(approved.size()));
  step("matched", "Matched", static_cast<int64_t>(matched.size()));
  step("agreement", "Agreement accepted", static_cast<int64_t>(agreed.size()));
  step("first_meeting", "First meeting held", static_cast<int64_t>(met.size()));
  step("completed", "Completed", static_cast<int64_t>(completed.size()));

  d.days_to_match = DayBuckets(to_match);
  d.days_to_first_meeting = DayBuckets(to_meeting);
  d.meeting_rate = {{"below", "Below the agreed cadence", below},
                    {"on", "About the agreed cadence", on},
                    {"above", "Above the agreed cadence", above}};
  if (rated > 0) {
    d.mean_meetings_per_month = sum_rate / static_cast<double>(rated);
    d.mean_agreed_per_month = sum_agreed / static_cast<double>(rated);
  }

  // Goals: an open goal is on track when its progress keeps up with the time gone to its due
  // date (or it has none); behind otherwise.
  int64_t set = 0, on_track = 0, behind = 0, done = 0;
  for (const ReportGoal& g : facts.goals) {
    if (!counted_relationships.contains(g.relationship_id)) continue;
    ++set;
    if (g.completed_at) {
      ++done;
      continue;
    }
    bool keeping_up = true;
    if (g.due) {
      const auto due = std::chrono::sys_days(*g.due);
      const double total = static_cast<double>(
          std::max<int64_t>(1, std::chrono::floor<days>(due - g.created_at).count()));
      const double gone = static_cast<double>(std::chrono::floor<days>(now - g.created_at).count());
      keeping_up = g.progress >= std::min(100.0, 100.0 * gone / total) - 10.0;
    }
    ++(keeping_up ? on_track : behind);
  }
  d.goals = {{"set", "Set", set},
             {"on_track", "On track", on_track},
             {"behind", "Behind", behind},
             {"completed", "Completed", done}};

  for (EndReason reason : {EndReason::kNoTime, EndReason::kMismatch, EndReason::kGoalsMet,
                           EndReason::kLeftOrganization, EndReason::kRematch, EndReason::kOther}) {
    const std::string key(EndReasonName(reason));
    d.early_endings.push_back(
        {key, std::string(EndReasonLabel(reason)), endings.contains(key) ? endings[key] : 0});
  }

  std::unordered_map<std::string, int> own;
  for (const auto& [id, mentees] : facts.mentor_capacities) own[id] = mentees;
  int64_t under = 0, full = 0, over = 0;
  for (const auto& [mentor, n] : load) {
    const int capacity = own.contains(mentor) ? own[mentor] : program.mentor_capacity.mentees;
    auto who = by_id.find(mentor);
    d.mentor_load.push_back({mentor, who == by_id.end() ? mentor : who->second->name, n, capacity});
    ++(n < capacity ? under : n == capacity ? full : over);
  }
  std::sort(d.mentor_load.begin(), d.mentor_load.end(),
            [](const MentorLoadRow& a, const MentorLoadRow& b) {
              return a.mentees != b.mentees ? a.mentees > b.mentees : a.employee_id < b.employee_id;
            });
  d.mentor_load_summary = {{"under", "Room for more", under},
                           {"full", "At capacity", full},
                           {"over", "Over capacity", over}};
  return d;
}

}  // namespace pairwise::domain
