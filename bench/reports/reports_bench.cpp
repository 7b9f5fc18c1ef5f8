// reports_bench: the two report figures that do not depend on the database (issue 24).
//   1. ExportFileOf: one 100,000-row, 10-column table as an XLSX file (target <= 10 s).
//   2. AnalyzeOutcomes over 100,000 people, 20,000 mentees and 5,000 mentors (target <= 2 s).
// Prints each figure with its target. The dashboard's figure needs the demo database and is
// not measured here.
#include <chrono>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "api/export/table_export.h"
#include "domain/demo/random.h"
#include "domain/reports/outcomes.h"

namespace {

using namespace pairwise;
using std::chrono::days;
using std::chrono::sys_days;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main() {
  {
    api::ExportTable table{"people", "People", {}, {}};
    for (int c = 0; c < 10; ++c) table.columns.push_back("Column " + std::to_string(c));
    table.rows.reserve(100'000);
    for (int r = 0; r < 100'000; ++r) {
      std::vector<api::ExportCell> row;
      row.emplace_back("E" + std::to_string(100000 + r));
      row.emplace_back(std::string("Platform Engineering"));
      for (int c = 2; c < 10; ++c) row.emplace_back(static_cast<double>(r % 97) / 7.0 + c);
      table.rows.push_back(std::move(row));
    }
    const auto start = std::chrono::steady_clock::now();
    auto file = api::ExportFileOf("xlsx", std::span<const api::ExportTable>(&table, 1));
    const double s = Seconds(start);
    std::printf("xlsx 100,000 rows: %.2f s (%llu bytes), target <= 10 s: %s\n", s,
                file.ok() ? static_cast<unsigned long long>((*file)->size()) : 0ULL,
                s <= 10 && file.ok() ? "met" : "MISSED");
  }
  {
    domain::demo::Random random(5);
    const sys_days start(
        domain::Date{std::chrono::year(2024), std::chrono::month(3), std::chrono::day(1)});
    std::vector<domain::OutcomePerson> people;
    std::vector<domain::OutcomeParticipation> participations;
    for (int i = 0; i < 100'000; ++i) {
      domain::OutcomePerson p;
      p.employee_id = "E" + std::to_string(100000 + i);
      p.department = "D" + std::to_string(random.Between(0, 39));
      p.site = "S" + std::to_string(random.Between(0, 16));
      p.level = random.Between(1, 9);
      p.hire_date = domain::Date(start - days(random.Between(30, 15 * 365)));
      if (random.Chance(120)) p.left_date = domain::Date(start + days(random.Between(1, 900)));
      if (random.Chance(150)) {
        p.promotions.push_back(domain::Date(start + days(random.Between(1, 900))));
        p.promotion_from.push_back(p.level);
        ++p.level;
      }
      people.push_back(std::move(p));
    }
    for (int i = 0; i < 20'000; ++i) {
      participations.push_back({domain::ProgramId(1),
                                people[static_cast<std::size_t>(i % 5000) * 20 + 1].employee_id,
                                people[static_cast<std::size_t>(i) * 5].employee_id,
                                domain::Date(start + days(random.Between(0, 60))), std::nullopt});
    }
    domain::OutcomeOptions options;
    options.as_of =
        domain::Date{std::chrono::year(2026), std::chrono::month(11), std::chrono::day(1)};
    const auto begin = std::chrono::steady_clock::now();
    auto out = domain::AnalyzeOutcomes(domain::ProgramId(1), people, participations, options);
    const double s = Seconds(begin);
    std::printf(
        "outcomes, 100,000 people, %lld mentees (%lld matched), %lld mentors: %.2f s, "
        "target <= 2 s (analysis only, without the reads): %s\n",
        static_cast<long long>(out.mentees.participants),
        static_cast<long long>(out.mentees.matched),
        static_cast<long long>(out.mentors.participants), s, s <= 2 ? "met" : "MISSED");
  }
  return 0;
}
