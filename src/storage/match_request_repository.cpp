// MatchRequestRepository over SOCI: the same statements for SQLite and PostgreSQL (migrations
// 0009 and 0015). Accepting counts the mentor's active relationships in the program, accepts
// and inserts the relationship (InsertRelationships, the one insert publishing uses too) in one
// transaction; on PostgreSQL accepts also take an advisory lock (SQLite's BEGIN IMMEDIATE
// already serializes writers), so two accepts can never both take a mentor's last place.
#include <soci/soci.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/relationship_rows.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::MatchRequest;
using domain::MatchRequestId;
using domain::ProgramId;
using domain::RequestStatus;

constexpr int kLockSpace = 0x70777365;  // "pwse", as in database.cpp
constexpr int kAcceptLock = 5;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

std::optional<RequestStatus> ParseStored(std::string_view name) {
  for (auto s : {RequestStatus::kPending, RequestStatus::kAccepted, RequestStatus::kDeclined,
                 RequestStatus::kCancelled, RequestStatus::kWithdrawn}) {
    if (domain::RequestStatusName(s) == name) return s;
  }
  return std::nullopt;
}

Status Conflict(std::string message, std::string reason) {
  return Status::Error(ErrorCode::kConflict, std::move(message)).WithReason(std::move(reason));
}

constexpr const char* kSelect =
    "SELECT id, program_id, mentee, mentor, message, status, response_message, created_at_us, "
    "expires_at_us, responded_at_us FROM match_requests ";

struct Columns {
  std::vector<long long> id, program;
  std::vector<std::string> mentee, mentor, message, status, response;
  std::vector<long long> created, expires, responded;
  std::vector<soci::indicator> responded_ind;
  void Resize(std::size_t n) {
    id.resize(n), program.resize(n), mentee.resize(n), mentor.resize(n), message.resize(n);
    status.resize(n), response.resize(n), created.resize(n), expires.resize(n);
    responded.resize(n), responded_ind.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(program));
    st.exchange(soci::into(mentee));
    st.exchange(soci::into(mentor));
    st.exchange(soci::into(message));
    st.exchange(soci::into(status));
    st.exchange(soci::into(response));
    st.exchange(soci::into(created));
    st.exchange(soci::into(expires));
    st.exchange(soci::into(responded, responded_ind));
  }
  MatchRequest At(std::size_t i) const {
    MatchRequest r;
    r.id = MatchRequestId(id[i]);
    r.program = ProgramId(program[i]);
    r.mentee = mentee[i];
    r.mentor = mentor[i];
    r.message = message[i];
    auto s = ParseStored(status[i]);
    if (!s) throw soci::soci_error("unknown stored request status \"" + status[i] + "\"");
    r.status = *s;
    r.response_message = response[i];
    r.created_at = FromUs(created[i]);
    r.expires_at = FromUs(expires[i]);
    if (responded_ind[i] == soci::i_ok) r.responded_at = FromUs(responded[i]);
    return r;
  }
};

template <typename Bind>
std::vector<MatchRequest> Select(soci::session& s, const std::string& where, Bind&& bind) {
  std::vector<MatchRequest> out;
  Columns columns;
  FetchAll(s, std::string(kSelect) + where, bind, columns, [&](Columns& c) {
    for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
  });
  return out;
}

std::optional<MatchRequest> ById(soci::session& s, long long id) {
  auto found =
      Select(s, "WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

// Whether the mentee has a relationship in force (waiting for the agreement, or active) in the
// program.
bool Matched(soci::session& s, long long program, const std::string& mentee) {
  long long count = 0;
  s << "SELECT COUNT(*) FROM relationships WHERE program_id = :p AND mentee = :e AND status IN "
       "('pending_agreement', 'active')",
      soci::use(program), soci::use(mentee), soci::into(count);
  return count > 0;
}

void SetStatus(soci::session& s, long long id, RequestStatus to, const std::string& message,
               long long at) {
  const std::string name(domain::RequestStatusName(to));
  s << "UPDATE match_requests SET status = :s, response_message = :m, responded_at_us = :t "
       "WHERE id = :id",
      soci::use(name), soci::use(message), soci::use(at), soci::use(id);
}

class SqlMatchRequestRepository final : public domain::MatchRequestRepository {
 public:
  explicit SqlMatchRequestRepository(Database& db) : db_(db) {}

  Result<MatchRequest> CreateRequest(const MatchRequest& request, TimePoint now) override {
    std::optional<MatchRequest> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      LockAccepts(s);
      long long program = request.program.value;
      std::string mentee = request.mentee;
      if (Matched(s, program, mentee)) {
        return Conflict("you have a mentor in this program already", "already_matched");
      }
      int live = 0;
      for (const MatchRequest& r :
           Select(s, "WHERE program_id = :p AND mentee = :m", [&](soci::statement& st) {
             st.exchange(soci::use(program));
             st.exchange(soci::use(mentee));
           })) {
        if (r.StatusAt(now) == RequestStatus::kPending) {
          if (r.mentor == request.mentor) {
            return Conflict("you asked this mentor already", "request_exists");
          }
          ++live;
        }
      }
      if (live >= domain::kMaxPendingRequests) {
        return Conflict("at most 3 requests may wait for an answer at once", "too_many_requests");
      }
      std::string mentor = request.mentor, message = request.message, empty;
      const std::string pending(domain::RequestStatusName(RequestStatus::kPending));
      long long created = Us(request.created_at), expires = Us(request.expires_at), id = 0;
      s << "INSERT INTO match_requests (program_id, mentee, mentor, message, status, "
           "response_message, created_at_us, expires_at_us) VALUES (:p, :e, :m, :msg, :s, :r, "
           ":c, :x) RETURNING id",
          soci::use(program), soci::use(mentee), soci::use(mentor), soci::use(message),
          soci::use(pending), soci::use(empty), soci::use(created), soci::use(expires),
          soci::into(id);
      out = ById(s, id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Result<MatchRequest> FindRequest(MatchRequestId id) override {
    std::optional<MatchRequest> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = ById(s, id.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!out) return Status::NotFound("no request " + std::to_string(id.value));
    return std::move(*out);
  }

  Result<std::vector<MatchRequest>> ListRequests(ProgramId program,
                                                 std::optional<std::string> mentee,
                                                 std::optional<std::string> mentor) override {
    std::vector<MatchRequest> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long key = program.value;
      std::string where = "WHERE program_id = :p";
      if (mentee) where += " AND mentee = :e";
      if (mentor) where += " AND mentor = :m";
      out = Select(s, where + " ORDER BY id", [&](soci::statement& st) {
        st.exchange(soci::use(key));
        if (mentee) st.exchange(soci::use(*mentee));
        if (mentor) st.exchange(soci::use(*mentor));
      });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::map<std::string, int>> PlacesTaken(ProgramId program) override {
    std::map<std::string, int> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      long long key = program.value;
      struct Columns {
        std::vector<std::string> mentor;
        std::vector<long long> count;
        void Resize(std::size_t n) { mentor.resize(n), count.resize(n); }
        void Bind(soci::statement& st) {
          st.exchange(soci::into(mentor));
          st.exchange(soci::into(count));
        }
      } columns;
      FetchAll(
          s,
          "SELECT mentor, COUNT(*) FROM relationships WHERE program_id = :p AND status IN "
          "('pending_agreement', 'active') GROUP BY mentor",
          [&](soci::statement& st) { st.exchange(soci::use(key)); }, columns,
          [&](const Columns& c) {
            for (std::size_t i = 0; i < c.mentor.size(); ++i) {
              out[c.mentor[i]] = static_cast<int>(c.count[i]);
            }
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<domain::AcceptedRequest> Accept(MatchRequestId id, int capacity, std::string_view message,
                                         std::string_view explanation, TimePoint now) override {
    std::optional<domain::AcceptedRequest> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      LockAccepts(s);
      auto request = ById(s, id.value);
      if (!request) return Status::NotFound("no request " + std::to_string(id.value));
      const RequestStatus current = request->StatusAt(now);
      if (current == RequestStatus::kExpired) {
        return Conflict("the request expired", "request_expired");
      }
      if (current != RequestStatus::kPending) {
        return Conflict("the request was answered already", "invalid_status");
      }
      long long program = request->program.value;
      if (Matched(s, program, request->mentee)) {
        return Conflict("the mentee has a mentor already", "already_matched");
      }
      long long taken = 0;
      s << "SELECT COUNT(*) FROM relationships WHERE program_id = :p AND mentor = :m AND status "
           "IN ('pending_agreement', 'active')",
          soci::use(program), soci::use(request->mentor), soci::into(taken);
      if (taken >= capacity) return Conflict("you have no room left", "mentor_full");
      const long long request_key = id.value;
      std::vector<long long> others;
      for (const MatchRequest& r :
           Select(s, "WHERE program_id = :p AND mentee = :e AND status = 'pending' AND id <> :id",
                  [&](soci::statement& st) {
                    st.exchange(soci::use(program));
                    st.exchange(soci::use(request->mentee));
                    st.exchange(soci::use(request_key));
                  })) {
        others.push_back(r.id.value);
      }
      domain::Relationship pair;
      pair.program = request->program;
      pair.mentor = request->mentor;
      pair.mentee = request->mentee;
      pair.source = domain::RelationshipSource::kSelfMatch;
      pair.request = id;
      pair.explanation = std::string(explanation);
      pair.started_at = now;
      PAIRWISE_RETURN_IF_ERROR(InsertRelationships(s, {pair}, now));
      const long long at = Us(now);
      SetStatus(s, id.value, RequestStatus::kAccepted, std::string(message), at);
      for (long long other : others) SetStatus(s, other, RequestStatus::kWithdrawn, "", at);
      auto accepted = ById(s, id.value);
      auto created =
          SelectRelationships(s, "WHERE match_request_id = :r",
                              [&](soci::statement& st) { st.exchange(soci::use(request_key)); });
      if (!accepted || created.size() != 1) {
        return Status::Internal("the accepted request or its relationship cannot be read back");
      }
      out = domain::AcceptedRequest{std::move(*accepted), std::move(created.front())};
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Result<MatchRequest> Close(MatchRequestId id, RequestStatus to, std::string_view message,
                             TimePoint now) override {
    std::optional<MatchRequest> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      LockAccepts(s);
      auto request = ById(s, id.value);
      if (!request) return Status::NotFound("no request " + std::to_string(id.value));
      const RequestStatus current = request->StatusAt(now);
      if (current == RequestStatus::kExpired) {
        return Conflict("the request expired", "request_expired");
      }
      if (current != RequestStatus::kPending) {
        return Conflict("the request was answered already", "invalid_status");
      }
      SetStatus(s, id.value, to, std::string(message), Us(now));
      out = ById(s, id.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

 private:
  void LockAccepts(soci::session& s) {
    if (db_.kind() == DatabaseKind::kPostgresql) {
      s << "SELECT pg_advisory_xact_lock(" + std::to_string(kLockSpace) + ", " +
               std::to_string(kAcceptLock) + ")";
    }
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::MatchRequestRepository> MakeMatchRequestRepository(Database& db) {
  return std::make_unique<SqlMatchRequestRepository>(db);
}

}  // namespace pairwise::storage
