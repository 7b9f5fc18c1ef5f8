// ReportReader over SOCI: a few statements per report, each reading a whole table's share in
// one pass (no statement per person or per relationship).
#include "storage/report_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/fetch_all.h"

namespace pairwise::storage {
namespace {

using domain::Date;

TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

// Stored dates read back as "YYYY-MM-DD" (PostgreSQL's DATE as text, SQLite's TEXT).
Date StoredDate(const std::string& text) {
  auto date = domain::ParseDate(std::string_view(text).substr(0, 10));
  if (!date) throw soci::soci_error("bad stored date \"" + text + "\"");
  return *date;
}

// Runs `sql` with `bind` adding use() elements, `row` holding the into() elements, and calls
// `each()` for every row read.
template <typename Bind, typename Each>
void ForEachRow(soci::session& s, const std::string& sql, Bind&& bind, Each&& each) {
  soci::statement st(s);
  bind(st);
  PrepareOnce(st, sql);
  for (bool more = st.execute(true); more; more = st.fetch()) each();
}

class SqlReportReader final : public domain::ReportReader {
 public:
  explicit SqlReportReader(Database& db) : db_(db) {}

  Result<std::vector<domain::ReportPerson>> ListPeople() override {
    std::vector<domain::ReportPerson> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      ReadPeople(
          s, "", [](soci::statement&) {}, out);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<domain::PeopleGroupCount>> CountPeopleGroups(
      const domain::PeopleCountQuery& query) override {
    std::vector<domain::PeopleGroupCount> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      // A listed program reads its list a chunk at a time (within both databases' parameter
      // limits); the chunks' groups are summed.
      std::map<std::tuple<std::string, std::string, int, std::string, int>, std::size_t> seen;
      const std::size_t chunks =
          query.employee_ids.empty()
              ? 1
              : (query.employee_ids.size() + kIdsPerStatement - 1) / kIdsPerStatement;
      for (std::size_t chunk = 0; chunk < chunks; ++chunk) {
        CountGroupsOf(s, query, chunk * kIdsPerStatement, seen, out);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<domain::OutcomePerson>> ListOutcomePeople() override {
    std::vector<domain::OutcomePerson> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      std::unordered_map<std::string, std::size_t> index;
      std::string id, department, site, hire, left;
      int level = 0;
      soci::indicator dept_ind = soci::i_null, site_ind = soci::i_null, left_ind = soci::i_null;
      ForEachRow(
          s,
          "SELECT p.employee_id, d.code, s.code, p.level, p.hire_date, p.left_date FROM people p "
          "LEFT JOIN departments d ON d.id = p.department_id "
          "LEFT JOIN sites s ON s.id = p.site_id ORDER BY p.employee_id",
          [&](soci::statement& st) {
            st.exchange(soci::into(id));
            st.exchange(soci::into(department, dept_ind));
            st.exchange(soci::into(site, site_ind));
            st.exchange(soci::into(level));
            st.exchange(soci::into(hire));
            st.exchange(soci::into(left, left_ind));
          },
          [&] {
            domain::OutcomePerson p;
            p.employee_id = id;
            if (dept_ind == soci::i_ok) p.department = department;
            if (site_ind == soci::i_ok) p.site = site;
            p.level = level;
            p.hire_date = StoredDate(hire);
            if (left_ind == soci::i_ok) p.left_date = StoredDate(left);
            index.emplace(id, out.size());
            out.push_back(std::move(p));
          });
      // Promotions, oldest first; a promotion without its former level came from one below.
      std::string date;
      int from = 0, to = 0;
      soci::indicator from_ind = soci::i_null, to_ind = soci::i_null;
      ForEachRow(
          s,
          "SELECT p.employee_id, e.event_date, e.from_level, e.to_level FROM person_events e "
          "JOIN people p ON p.id = e.person_id WHERE e.kind = 'promotion' "
          "ORDER BY p.employee_id, e.event_date",
          [&](soci::statement& st) {
            st.exchange(soci::into(id));
            st.exchange(soci::into(date));
            st.exchange(soci::into(from, from_ind));
            st.exchange(soci::into(to, to_ind));
          },
          [&] {
            auto it = index.find(id);
            if (it == index.end()) return;
            domain::OutcomePerson& p = out[it->second];
            p.promotions.push_back(StoredDate(date));
            const int before = from_ind == soci::i_ok ? from
                               : to_ind == soci::i_ok ? to - 1
                                                      : p.level - 1;
            p.promotion_from.push_back(std::max(domain::kMinLevel, before));
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<domain::OutcomeParticipation>> ListParticipations() override {
    std::vector<domain::OutcomeParticipation> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      long long program = 0, started = 0, ended = 0;
      std::string mentor, mentee;
      soci::indicator ended_ind = soci::i_null;
      ForEachRow(
          s,
          "SELECT program_id, mentor, mentee, started_at_us, ended_at_us FROM relationships "
          "ORDER BY id",
          [&](soci::statement& st) {
            st.exchange(soci::into(program));
            st.exchange(soci::into(mentor));
            st.exchange(soci::into(mentee));
            st.exchange(soci::into(started));
            st.exchange(soci::into(ended, ended_ind));
          },
          [&] {
            domain::OutcomeParticipation p;
            p.program = domain::ProgramId(program);
            p.mentor = mentor;
            p.mentee = mentee;
            p.started = Date(std::chrono::floor<std::chrono::days>(FromUs(started)));
            if (ended_ind == soci::i_ok) {
              p.ended = Date(std::chrono::floor<std::chrono::days>(FromUs(ended)));
            }
            out.push_back(std::move(p));
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<domain::ProgramFacts> LoadProgramFacts(domain::ProgramId program) override {
    domain::ProgramFacts facts;
    const long long pid = program.value;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      facts = {};
      {
        std::string id, side, state;
        long long at = 0;
        ForEachRow(
            s,
            "SELECT employee_id, side, status, submitted_at_us FROM applications "
            "WHERE program_id = :p ORDER BY id",
            [&](soci::statement& st) {
              st.exchange(soci::into(id));
              st.exchange(soci::into(side));
              st.exchange(soci::into(state));
              st.exchange(soci::into(at));
              st.exchange(soci::use(pid));
            },
            [&] {
              auto parsed_side = domain::ParseSide(side);
              auto parsed_status = domain::ParseApplicationStatus(state);
              if (!parsed_side || !parsed_status) {
                throw soci::soci_error("bad stored application side or status");
              }
              facts.applications.push_back({id, *parsed_side, *parsed_status, FromUs(at)});
            });
      }
      {
        long long id = 0, started = 0, activated = 0, ended = 0, first = 0, held = 0, score = 0,
                  proposal = 0;
        int cadence = 0;
        std::string mentor, mentee, state, reason;
        soci::indicator activated_ind = soci::i_null, ended_ind = soci::i_null,
                        cadence_ind = soci::i_null, first_ind = soci::i_null,
                        held_ind = soci::i_null, proposal_ind = soci::i_null;
        ForEachRow(
            s,
            "SELECT r.id, r.mentor, r.mentee, r.status, r.started_at_us, r.activated_at_us, "
            "r.ended_at_us, r.end_reason, a.cadence_days, h.first_held_us, h.held, r.score, "
            "r.proposal_id "
            "FROM relationships r "
            "LEFT JOIN relationship_agreements a ON a.relationship_id = r.id "
            "LEFT JOIN relationship_held_meetings h ON h.relationship_id = r.id "
            "WHERE r.program_id = :p ORDER BY r.id",
            [&](soci::statement& st) {
              st.exchange(soci::into(id));
              st.exchange(soci::into(mentor));
              st.exchange(soci::into(mentee));
              st.exchange(soci::into(state));
              st.exchange(soci::into(started));
              st.exchange(soci::into(activated, activated_ind));
              st.exchange(soci::into(ended, ended_ind));
              st.exchange(soci::into(reason));
              st.exchange(soci::into(cadence, cadence_ind));
              st.exchange(soci::into(first, first_ind));
              st.exchange(soci::into(held, held_ind));
              st.exchange(soci::into(score));
              st.exchange(soci::into(proposal, proposal_ind));
              st.exchange(soci::use(pid));
            },
            [&] {
              domain::ReportRelationship r;
              r.id = id;
              r.mentor = mentor;
              r.mentee = mentee;
              r.status = state;
              r.started_at = FromUs(started);
              if (activated_ind == soci::i_ok) r.activated_at = FromUs(activated);
              if (ended_ind == soci::i_ok) r.ended_at = FromUs(ended);
              r.end_reason = reason;
              if (cadence_ind == soci::i_ok) r.agreed_cadence_days = cadence;
              if (first_ind == soci::i_ok) r.first_meeting = FromUs(first);
              if (held_ind == soci::i_ok) r.meetings_held = static_cast<int>(held);
              r.score = score;
              if (proposal_ind == soci::i_ok) r.proposal = proposal;
              facts.relationships.push_back(std::move(r));
            });
        // The group meetings each mentee of the program attended with their mentor's group
        // (kHeldMeetingsOfR's second part), added to every relationship of that pair.
        std::map<std::pair<std::string, std::string>, std::pair<long long, long long>> groups;
        ForEachRow(
            s,
            "SELECT gm.mentor, ga.employee_id, MIN(gm.starts_at_us), COUNT(*) FROM "
            "group_meetings gm JOIN group_meeting_attendees ga ON ga.meeting_id = gm.id "
            "WHERE gm.program_id = :p AND gm.status = 'held' AND ga.attended = 1 "
            "GROUP BY gm.mentor, ga.employee_id",
            [&](soci::statement& st) {
              st.exchange(soci::into(mentor));
              st.exchange(soci::into(mentee));
              st.exchange(soci::into(first));
              st.exchange(soci::into(held));
              st.exchange(soci::use(pid));
            },
            [&] {
              groups[{mentor, mentee}] = {first, held};
            });
        if (!groups.empty()) {
          for (domain::ReportRelationship& r : facts.relationships) {
            auto it = groups.find({r.mentor, r.mentee});
            if (it == groups.end()) continue;
            const TimePoint group_first = FromUs(it->second.first);
            if (!r.first_meeting || group_first < *r.first_meeting) r.first_meeting = group_first;
            r.meetings_held += static_cast<int>(it->second.second);
          }
        }
      }
      {
        long long relationship = 0, created = 0, completed = 0;
        int progress = 0;
        std::string due;
        soci::indicator due_ind = soci::i_null, completed_ind = soci::i_null;
        ForEachRow(
            s,
            "SELECT g.relationship_id, g.progress, g.due_date, g.created_at_us, g.completed_at_us "
            "FROM goals g JOIN relationships r ON r.id = g.relationship_id "
            "WHERE r.program_id = :p ORDER BY g.id",
            [&](soci::statement& st) {
              st.exchange(soci::into(relationship));
              st.exchange(soci::into(progress));
              st.exchange(soci::into(due, due_ind));
              st.exchange(soci::into(created));
              st.exchange(soci::into(completed, completed_ind));
              st.exchange(soci::use(pid));
            },
            [&] {
              domain::ReportGoal g;
              g.relationship_id = relationship;
              g.progress = progress;
              if (due_ind == soci::i_ok && !due.empty()) g.due = StoredDate(due);
              g.created_at = FromUs(created);
              if (completed_ind == soci::i_ok) g.completed_at = FromUs(completed);
              facts.goals.push_back(std::move(g));
            });
      }
      {
        std::string id;
        int mentees = 0;
        ForEachRow(
            s,
            "SELECT employee_id, mentees FROM program_mentor_capacities WHERE program_id = :p "
            "ORDER BY employee_id",
            [&](soci::statement& st) {
              st.exchange(soci::into(id));
              st.exchange(soci::into(mentees));
              st.exchange(soci::use(pid));
            },
            [&] { facts.mentor_capacities.emplace_back(id, mentees); });
      }
      // The program's people: applicants and both sides of its relationships.
      const std::string of_program =
          "(SELECT employee_id FROM applications WHERE program_id = :p1 "
          "UNION SELECT mentor FROM relationships WHERE program_id = :p2 "
          "UNION SELECT mentee FROM relationships WHERE program_id = :p3)";
      auto bind_program = [&](soci::statement& st) {
        st.exchange(soci::use(pid, "p1"));
        st.exchange(soci::use(pid, "p2"));
        st.exchange(soci::use(pid, "p3"));
      };
      ReadPeople(s, "WHERE p.employee_id IN " + of_program, bind_program, facts.people);
      {
        std::string id, name, value;
        ForEachRow(
            s,
            "SELECT p.employee_id, a.name, a.value FROM person_attributes a JOIN people p ON "
            "p.id = a.person_id WHERE p.employee_id IN " +
                of_program + " ORDER BY p.employee_id, a.name",
            [&](soci::statement& st) {
              st.exchange(soci::into(id));
              st.exchange(soci::into(name));
              st.exchange(soci::into(value));
              bind_program(st);
            },
            [&] {
              facts.attributes.push_back({id, name, value});
            });
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return facts;
  }

  Result<domain::SurveyCounts> CountSurvey(domain::SurveyId survey,
                                           const domain::SurveyResultsQuery& query,
                                           const std::vector<std::string>& numbered) override {
    const char* column = nullptr;
    if (!query.by.empty()) {
      column = query.by == "side"         ? "side"
               : query.by == "department" ? "department"
               : query.by == "site"       ? "site"
               : query.by == "level"      ? "level_band"
                                          : nullptr;
      if (column == nullptr) {
        return Status::InvalidArgument("results are grouped by side, department, site or level",
                                       "by");
      }
    }
    const bool one_group = column != nullptr && query.group.has_value();
    domain::SurveyCounts out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = {};
      const long long key = survey.value;
      std::string name, question;
      long long count = 0;
      int number = 0;
      if (column != nullptr) {
        // Every group's sheets and answered questions (as SurveyRepository::GroupSheets).
        std::map<std::string, domain::SurveyGroupTally> tallies;
        ForEachRow(
            s,
            std::string("SELECT ") + column +
                ", COUNT(*) FROM survey_answers WHERE survey_id = :s GROUP BY " + column,
            [&](soci::statement& st) {
              st.exchange(soci::into(name));
              st.exchange(soci::into(count));
              st.exchange(soci::use(key));
            },
            [&] { tallies[name].sheets = static_cast<int>(count); });
        ForEachRow(
            s,
            std::string("SELECT ") + column +
                ", question_id, COUNT(*) FROM survey_answered WHERE survey_id = :s GROUP BY " +
                column + ", question_id",
            [&](soci::statement& st) {
              st.exchange(soci::into(name));
              st.exchange(soci::into(question));
              st.exchange(soci::into(count));
              st.exchange(soci::use(key));
            },
            [&] { tallies[name].answered[question] = static_cast<int>(count); });
        for (auto& [group_name, tally] : tallies) {
          tally.group = group_name;
          if (one_group && group_name == *query.group) {
            out.selection.sheets = tally.sheets;
            out.selection.answered = tally.answered;
          }
          out.tallies.push_back(std::move(tally));
        }
      }
      if (!one_group) {
        s << "SELECT COUNT(*) FROM survey_answers WHERE survey_id = :s", soci::use(key),
            soci::into(count);
        out.selection.sheets = static_cast<int>(count);
        ForEachRow(
            s,
            "SELECT question_id, COUNT(*) FROM survey_answered WHERE survey_id = :s "
            "GROUP BY question_id",
            [&](soci::statement& st) {
              st.exchange(soci::into(question));
              st.exchange(soci::into(count));
              st.exchange(soci::use(key));
            },
            [&] { out.selection.answered[question] = static_cast<int>(count); });
      }
      if (numbered.empty()) return Status::Ok();
      std::string sql =
          "SELECT question_id, first_number, COUNT(*) FROM survey_answered WHERE survey_id = :s "
          "AND first_number IS NOT NULL AND question_id IN (";
      for (std::size_t i = 0; i < numbered.size(); ++i) {
        sql += (i == 0 ? ":q" : ", :q") + std::to_string(i);
      }
      sql += ")";
      if (one_group) sql += std::string(" AND ") + column + " = :g";
      sql += " GROUP BY question_id, first_number";
      ForEachRow(
          s, sql,
          [&](soci::statement& st) {
            st.exchange(soci::into(question));
            st.exchange(soci::into(number));
            st.exchange(soci::into(count));
            st.exchange(soci::use(key, "s"));
            for (std::size_t i = 0; i < numbered.size(); ++i) {
              st.exchange(soci::use(numbered[i], "q" + std::to_string(i)));
            }
            if (one_group) st.exchange(soci::use(*query.group, "g"));
          },
          [&] { out.selection.numbers[question][number] = static_cast<int>(count); });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

 private:
  // Up to this many employee ids bound in one statement.
  static constexpr std::size_t kIdsPerStatement = 500;

  // Appends the people `where` admits (bound by `bind`; "" for all), by employee id, to `out`.
  template <typename Bind>
  static void ReadPeople(soci::session& s, const std::string& where, Bind&& bind,
                         std::vector<domain::ReportPerson>& out) {
    std::string id, name, last, department, site, department_name, site_name, hire, state;
    int level = 0;
    soci::indicator dept_ind = soci::i_null, site_ind = soci::i_null;
    soci::indicator dept_name_ind = soci::i_null, site_name_ind = soci::i_null;
    ForEachRow(
        s,
        "SELECT p.employee_id, p.first_name, p.last_name, d.code, s.code, d.name, s.name, "
        "p.level, p.hire_date, p.status FROM people p "
        "LEFT JOIN departments d ON d.id = p.department_id "
        "LEFT JOIN sites s ON s.id = p.site_id " +
            where + " ORDER BY p.employee_id",
        [&](soci::statement& st) {
          st.exchange(soci::into(id));
          st.exchange(soci::into(name));
          st.exchange(soci::into(last));
          st.exchange(soci::into(department, dept_ind));
          st.exchange(soci::into(site, site_ind));
          st.exchange(soci::into(department_name, dept_name_ind));
          st.exchange(soci::into(site_name, site_name_ind));
          st.exchange(soci::into(level));
          st.exchange(soci::into(hire));
          st.exchange(soci::into(state));
          bind(st);
        },
        [&] {
          domain::ReportPerson p;
          p.employee_id = id;
          p.name = name + " " + last;
          if (dept_ind == soci::i_ok) p.department = department;
          if (site_ind == soci::i_ok) p.site = site;
          if (dept_name_ind == soci::i_ok) p.department_name = department_name;
          if (site_name_ind == soci::i_ok) p.site_name = site_name;
          p.level = level;
          p.hire_date = StoredDate(hire);
          auto parsed = domain::ParseEmploymentStatus(state);
          if (!parsed) throw soci::soci_error("unknown stored status \"" + state + "\"");
          p.status = *parsed;
          out.push_back(std::move(p));
        });
  }

  // One statement of CountPeopleGroups: the groups of the query's people (of its list from
  // `first`, a chunk), added into `out` (`seen` finds a group already there).
  static void CountGroupsOf(
      soci::session& s, const domain::PeopleCountQuery& query, std::size_t first,
      std::map<std::tuple<std::string, std::string, int, std::string, int>, std::size_t>& seen,
      std::vector<domain::PeopleGroupCount>& out) {
    std::string where = " WHERE 1 = 1";
    if (!query.department.empty()) {
      where += " AND p.department_id = (SELECT id FROM departments WHERE code = :department)";
    }
    if (!query.site.empty()) where += " AND p.site_id = (SELECT id FROM sites WHERE code = :site)";
    if (query.level != 0) where += " AND p.level = :level";
    const std::size_t last = std::min(query.employee_ids.size(), first + kIdsPerStatement);
    if (first < last) {
      where += " AND p.employee_id IN (";
      for (std::size_t i = first; i < last; ++i) {
        where += (i == first ? ":e" : ", :e") + std::to_string(i - first);
      }
      where += ")";
    }
    // Compared as text on SQLite (stored "YYYY-MM-DD") and as a date on PostgreSQL.
    const std::string hired_by = query.hired_by ? domain::FormatDate(*query.hired_by) : "";
    const std::string split =
        query.hired_by ? "CASE WHEN p.hire_date <= :hired_by THEN 1 ELSE 0 END" : "1";
    std::string department, site, department_name, site_name, state;
    int level = 0, by = 0;
    long long people = 0;
    soci::indicator dept_ind = soci::i_null, site_ind = soci::i_null;
    soci::indicator dept_name_ind = soci::i_null, site_name_ind = soci::i_null;
    // Grouped by the people's own columns first, then named: the join is of the groups, not of
    // every person.
    ForEachRow(
        s,
        "SELECT d.code, s.code, d.name, s.name, g.level, g.status, g.hired, g.people FROM "
        "(SELECT p.department_id, p.site_id, p.level, p.status, " +
            split + " AS hired, COUNT(*) AS people FROM people p" + where + " GROUP BY 1, 2, 3, 4" +
            (query.hired_by ? ", 5" : "") +
            ") g LEFT JOIN departments d ON d.id = g.department_id "
            "LEFT JOIN sites s ON s.id = g.site_id",
        [&](soci::statement& st) {
          st.exchange(soci::into(department, dept_ind));
          st.exchange(soci::into(site, site_ind));
          st.exchange(soci::into(department_name, dept_name_ind));
          st.exchange(soci::into(site_name, site_name_ind));
          st.exchange(soci::into(level));
          st.exchange(soci::into(state));
          st.exchange(soci::into(by));
          st.exchange(soci::into(people));
          if (query.hired_by) st.exchange(soci::use(hired_by, "hired_by"));
          if (!query.department.empty()) st.exchange(soci::use(query.department, "department"));
          if (!query.site.empty()) st.exchange(soci::use(query.site, "site"));
          if (query.level != 0) st.exchange(soci::use(query.level, "level"));
          for (std::size_t i = first; i < last; ++i) {
            st.exchange(soci::use(query.employee_ids[i], "e" + std::to_string(i - first)));
          }
        },
        [&] {
          domain::PeopleGroupCount g;
          if (dept_ind == soci::i_ok) g.department = department;
          if (site_ind == soci::i_ok) g.site = site;
          if (dept_name_ind == soci::i_ok) g.department_name = department_name;
          if (site_name_ind == soci::i_ok) g.site_name = site_name;
          g.level = level;
          auto parsed = domain::ParseEmploymentStatus(state);
          if (!parsed) throw soci::soci_error("unknown stored status \"" + state + "\"");
          g.status = *parsed;
          g.hired_by = by != 0;
          g.people = people;
          auto [it, added] =
              seen.try_emplace({g.department, g.site, g.level, state, by}, out.size());
          if (added) {
            out.push_back(std::move(g));
          } else {
            out[it->second].people += g.people;
          }
        });
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::ReportReader> MakeReportReader(Database& db) {
  return std::make_unique<SqlReportReader>(db);
}

}  // namespace pairwise::storage
