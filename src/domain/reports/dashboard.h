// A program's dashboard: the figures a coordinator shows the people who fund the program, each a
// small table (the UI draws a chart beside it and exports it). Pure computation over
// ProgramFacts and the directory; no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/programs/program.h"
#include "domain/reports/report_repository.h"

namespace pairwise::domain {

// Who a dashboard counts: people of this department / site / level today (empty or 0: all). The
// funnel, times and meetings follow the mentee's; mentor load follows the mentor's.
struct DashboardFilter {
  std::string department;
  std::string site;
  int level = 0;
};

struct FunnelStep {
  std::string step;   // "eligible" | "applied" | "approved" | "matched" | "agreement" |
                      // "first_meeting" | "completed"
  std::string label;  // "Eligible", "Applied", ...
  int64_t people = 0;
};

struct CountRow {
  std::string key;    // a stable word ("0-7", "no_time")
  std::string label;  // the words for people
  int64_t count = 0;
};

struct MentorLoadRow {
  std::string employee_id;
  std::string name;
  int mentees = 0;   // relationships in force
  int capacity = 0;  // mentees at once
};

struct ProgramDashboard {
  ProgramId program;
  std::string program_name;
  std::vector<FunnelStep> funnel;
  std::vector<CountRow> days_to_match;          // application to relationship start, buckets
  std::vector<CountRow> days_to_first_meeting;  // relationship start to first meeting held
  // Held meetings per pair per month against the agreed cadence, pairs that got going.
  std::vector<CountRow> meeting_rate;  // "below" / "on" / "above" the agreed cadence
  double mean_meetings_per_month = 0;
  double mean_agreed_per_month = 0;
  std::vector<CountRow> goals;                // "set", "on_track", "behind", "completed"
  std::vector<CountRow> early_endings;        // by reason
  std::vector<MentorLoadRow> mentor_load;     // every mentor with a relationship in force
  std::vector<CountRow> mentor_load_summary;  // "under" / "full" / "over" capacity
};

// The program's dashboard on `today`. `people` is the directory (for filters and "eligible").
ProgramDashboard BuildDashboard(const Program& program, const ProgramFacts& facts,
                                const std::vector<ReportPerson>& people,
                                const DashboardFilter& filter, TimePoint now);

}  // namespace pairwise::domain
