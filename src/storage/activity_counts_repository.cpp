#include "storage/activity_counts_repository.h"

#include <soci/soci.h>

#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/held_meetings_sql.h"

namespace pairwise::storage {
namespace {

using domain::ActivityCounts;
using domain::RelationshipId;

class SqlActivityCountsReader final : public domain::ActivityCountsReader {
 public:
  explicit SqlActivityCountsReader(Database& db) : db_(db) {}

  Result<std::vector<ActivityCounts>> LoadCounts(
      const std::vector<RelationshipId>& relationships) override {
    std::vector<ActivityCounts> out(relationships.size());
    for (std::size_t i = 0; i < relationships.size(); ++i) out[i].relationship = relationships[i];
    if (relationships.empty()) return out;
    if (relationships.size() > static_cast<std::size_t>(domain::kMaxRelationshipPageSize)) {
      return Status::InvalidArgument("too many relationships to count at once", "limit");
    }
    // The ids are numbers written by us, not text from a request: listed in the statement, so
    // the page is counted in one statement whatever its size.
    std::string ids;
    for (const RelationshipId& id : relationships) {
      if (!ids.empty()) ids += ',';
      ids += std::to_string(id.value);
    }
    const std::string sql =
        std::string("SELECT r.id, ") + kHeldMeetingsOfR + ", " + kLastHeldMeetingOfR +
        ", (SELECT COUNT(*) FROM goals g WHERE g.relationship_id = r.id), "
        "(SELECT COUNT(*) FROM goals g WHERE g.relationship_id = r.id AND g.completed_at_us IS "
        "NOT NULL), (SELECT COALESCE(SUM(g.progress), 0) FROM goals g WHERE g.relationship_id = "
        "r.id) FROM relationships r WHERE r.id IN (" +
        ids + ")";
    const std::size_t n = relationships.size();
    std::vector<long long> id(n), held(n), last(n), goals(n), completed(n), progress(n);
    std::vector<soci::indicator> last_ind(n);
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      for (auto* v : {&id, &held, &last, &goals, &completed, &progress}) v->resize(n);
      last_ind.resize(n);
      // A one-time statement with vector intos: every row in one fetch.
      s << sql, soci::into(id), soci::into(held), soci::into(last, last_ind), soci::into(goals),
          soci::into(completed), soci::into(progress);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    std::unordered_map<long long, std::size_t> row;
    for (std::size_t i = 0; i < id.size(); ++i) row[id[i]] = i;
    for (ActivityCounts& c : out) {
      auto it = row.find(c.relationship.value);
      if (it == row.end()) continue;
      const std::size_t i = it->second;
      c.meetings_held = static_cast<int>(held[i]);
      if (last_ind[i] == soci::i_ok) {
        c.last_meeting_at = TimePoint(std::chrono::microseconds(last[i]));
      }
      c.goals = static_cast<int>(goals[i]);
      c.goals_completed = static_cast<int>(completed[i]);
      c.goal_progress = goals[i] > 0 ? static_cast<int>(progress[i] / goals[i]) : 0;
    }
    return out;
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<domain::ActivityCountsReader> MakeActivityCountsReader(Database& db) {
  return std::make_unique<SqlActivityCountsReader>(db);
}

}  // namespace pairwise::storage
