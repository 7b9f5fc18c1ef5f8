// RelationshipReader over SOCI: the relationships table (migration 0010), the same statements
// for SQLite and PostgreSQL. Relationships are written by publishing a proposal
// (proposal_repository.cpp).
#include <soci/soci.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/relationship_rows.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::Relationship;
using domain::RelationshipId;

TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

struct RelationshipColumns {
  std::vector<long long> id, program, proposal, score, started, ended;
  std::vector<std::string> mentor, mentee, status, explanation, end_reason;
  std::vector<soci::indicator> ended_ind;
  void Resize(std::size_t n) {
    for (auto* v : {&id, &program, &proposal, &score, &started, &ended}) v->resize(n);
    for (auto* v : {&mentor, &mentee, &status, &explanation, &end_reason}) v->resize(n);
    ended_ind.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(program));
    st.exchange(soci::into(mentor));
    st.exchange(soci::into(mentee));
    st.exchange(soci::into(status));
    st.exchange(soci::into(proposal));
    st.exchange(soci::into(score));
    st.exchange(soci::into(explanation));
    st.exchange(soci::into(started));
    st.exchange(soci::into(ended, ended_ind));
    st.exchange(soci::into(end_reason));
  }
  Relationship At(std::size_t i) const {
    Relationship r;
    r.id = RelationshipId(id[i]);
    r.program = domain::ProgramId(program[i]);
    r.mentor = mentor[i];
    r.mentee = mentee[i];
    auto parsed = domain::ParseRelationshipStatus(status[i]);
    if (!parsed) throw soci::soci_error("unknown stored relationship status \"" + status[i] + "\"");
    r.status = *parsed;
    r.proposal = domain::ProposalId(proposal[i]);
    r.score = static_cast<int>(score[i]);
    r.explanation = explanation[i];
    r.started_at = FromUs(started[i]);
    if (ended_ind[i] == soci::i_ok) r.ended_at = FromUs(ended[i]);
    r.end_reason = end_reason[i];
    return r;
  }
};

class SqlRelationshipReader final : public domain::RelationshipReader {
 public:
  explicit SqlRelationshipReader(Database& db) : db_(db) {}

  Result<std::vector<Relationship>> ListForPerson(std::string_view employee_id) override {
    const std::string key(employee_id);
    return Select("WHERE mentor = :m OR mentee = :e ORDER BY started_at_us DESC, id DESC",
                  [&](soci::statement& st) {
                    st.exchange(soci::use(key));
                    st.exchange(soci::use(key));
                  });
  }

  Result<std::vector<Relationship>> ListForProgram(domain::ProgramId program,
                                                   bool active_only) override {
    const long long key = program.value;
    return Select(active_only ? "WHERE program_id = :p AND status = 'active' ORDER BY id"
                              : "WHERE program_id = :p ORDER BY id",
                  [&](soci::statement& st) { st.exchange(soci::use(key)); });
  }

  Result<Relationship> FindRelationship(RelationshipId id) override {
    const long long key = id.value;
    auto found =
        Select("WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(key)); });
    if (!found.ok()) return found.status();
    if (found->empty()) return Status::NotFound("no relationship " + std::to_string(id.value));
    return std::move(found->front());
  }

  Result<std::vector<std::pair<std::string, std::string>>> ListAllPairs() override {
    std::vector<std::pair<std::string, std::string>> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      struct Columns {
        std::vector<std::string> mentee, mentor;
        void Resize(std::size_t n) { mentee.resize(n), mentor.resize(n); }
        void Bind(soci::statement& st) {
          st.exchange(soci::into(mentee));
          st.exchange(soci::into(mentor));
        }
      } columns;
      FetchAll(
          s, "SELECT DISTINCT mentee, mentor FROM relationships ORDER BY mentee, mentor",
          [](soci::statement&) {}, columns,
          [&](const Columns& c) {
            for (std::size_t i = 0; i < c.mentee.size(); ++i) {
              out.emplace_back(c.mentee[i], c.mentor[i]);
            }
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

 private:
  Result<std::vector<Relationship>> Select(const std::string& where,
                                           const std::function<void(soci::statement&)>& bind) {
    std::vector<Relationship> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = SelectRelationships(s, where, bind);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Database& db_;
};

}  // namespace

std::vector<Relationship> SelectRelationships(soci::session& session,
                                              const std::string& where_and_order,
                                              const std::function<void(soci::statement&)>& bind) {
  std::vector<Relationship> out;
  RelationshipColumns columns;
  FetchAll(session,
           "SELECT id, program_id, mentor, mentee, status, proposal_id, score, explanation, "
           "started_at_us, ended_at_us, end_reason FROM relationships " +
               where_and_order,
           bind, columns, [&](const RelationshipColumns& c) {
             for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
           });
  return out;
}

std::unique_ptr<domain::RelationshipReader> MakeRelationshipReader(Database& db) {
  return std::make_unique<SqlRelationshipReader>(db);
}

}  // namespace pairwise::storage
