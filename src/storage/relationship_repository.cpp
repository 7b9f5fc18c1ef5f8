// RelationshipReader over SOCI: the relationships table (migrations 0010 and 0015), the same
// statements for SQLite and PostgreSQL, and InsertRelationships, through which publishing a
// proposal (proposal_repository.cpp) and accepting a self-match request
// (match_request_repository.cpp) write them.
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
long long Us(TimePoint t) { return t.time_since_epoch().count(); }

struct RelationshipColumns {
  std::vector<long long> id, program, proposal, request, score, started, ended;
  std::vector<std::string> mentor, mentee, status, source, explanation, end_reason;
  std::vector<soci::indicator> proposal_ind, request_ind, ended_ind;
  void Resize(std::size_t n) {
    for (auto* v : {&id, &program, &proposal, &request, &score, &started, &ended}) v->resize(n);
    for (auto* v : {&mentor, &mentee, &status, &source, &explanation, &end_reason}) v->resize(n);
    for (auto* v : {&proposal_ind, &request_ind, &ended_ind}) v->resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(program));
    st.exchange(soci::into(mentor));
    st.exchange(soci::into(mentee));
    st.exchange(soci::into(status));
    st.exchange(soci::into(source));
    st.exchange(soci::into(proposal, proposal_ind));
    st.exchange(soci::into(request, request_ind));
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
    auto parsed_source = domain::ParseRelationshipSource(source[i]);
    if (!parsed_source) {
      throw soci::soci_error("unknown stored relationship source \"" + source[i] + "\"");
    }
    r.source = *parsed_source;
    if (proposal_ind[i] == soci::i_ok) r.proposal = domain::ProposalId(proposal[i]);
    if (request_ind[i] == soci::i_ok) r.request = domain::MatchRequestId(request[i]);
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
           "SELECT id, program_id, mentor, mentee, status, source, proposal_id, match_request_id, "
           "score, explanation, started_at_us, ended_at_us, end_reason FROM relationships " +
               where_and_order,
           bind, columns, [&](const RelationshipColumns& c) {
             for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
           });
  return out;
}

Status InsertRelationships(soci::session& session,
                           const std::vector<domain::Relationship>& relationships, TimePoint now) {
  if (relationships.empty()) return Status::Ok();
  const std::size_t n = relationships.size();
  std::vector<long long> program, proposal, request, score, started;
  std::vector<soci::indicator> proposal_ind, request_ind;
  std::vector<std::string> mentor, mentee, source, explanation, status(n, "active"), reason(n);
  for (const Relationship& r : relationships) {
    program.push_back(r.program.value);
    mentor.push_back(r.mentor);
    mentee.push_back(r.mentee);
    source.emplace_back(domain::RelationshipSourceName(r.source));
    proposal.push_back(r.proposal.value);
    proposal_ind.push_back(r.proposal.valid() ? soci::i_ok : soci::i_null);
    request.push_back(r.request.value);
    request_ind.push_back(r.request.valid() ? soci::i_ok : soci::i_null);
    score.push_back(r.score);
    explanation.push_back(r.explanation);
    started.push_back(Us(r.started_at == TimePoint{} ? now : r.started_at));
  }
  try {
    session << "INSERT INTO relationships (program_id, mentor, mentee, status, source, "
               "proposal_id, match_request_id, score, explanation, started_at_us, end_reason) "
               "VALUES (:p, :m, :e, :s, :src, :pr, :rq, :sc, :x, :t, :r)",
        soci::use(program), soci::use(mentor), soci::use(mentee), soci::use(status),
        soci::use(source), soci::use(proposal, proposal_ind), soci::use(request, request_ind),
        soci::use(score), soci::use(explanation), soci::use(started), soci::use(reason);
  } catch (const soci::soci_error& e) {
    if (!IsUniqueViolation(e)) throw;
    return Status::Error(ErrorCode::kConflict,
                         "a mentee already has an active relationship in the program")
        .WithReason("already_matched");
  }
  return Status::Ok();
}

std::unique_ptr<domain::RelationshipReader> MakeRelationshipReader(Database& db) {
  return std::make_unique<SqlRelationshipReader>(db);
}

}  // namespace pairwise::storage
