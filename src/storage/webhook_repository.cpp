// WebhookRepository over SOCI (migration 41), one code path for SQLite and PostgreSQL except the
// claim's row locking, as the mail outbox. An event's JSON body is written here, once, at
// enqueue: every retry sends the same bytes.
#include "storage/webhook_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "storage/fetch_all.h"
#include "storage/leased_queue.h"
#include "storage/webhook_rows.h"

namespace pairwise::storage {
namespace {

using domain::WebhookDelivery;
using domain::WebhookDeliveryId;
using domain::WebhookEndpoint;
using domain::WebhookId;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

std::string JoinEvents(const std::vector<std::string>& events) {
  std::string out;
  for (const auto& e : events) out += (out.empty() ? "" : ",") + e;
  return out;
}

std::vector<std::string> SplitEvents(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t comma = text.find(',', at);
    out.push_back(text.substr(at, comma == std::string::npos ? comma : comma - at));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

constexpr std::string_view kEndpointColumns =
    "SELECT id, url, description, events, active, sealed_secret, created_by, created_at_us, "
    "updated_at_us FROM webhook_endpoints ";

std::vector<WebhookEndpoint> SelectEndpoints(soci::session& s, const std::string& where,
                                             std::optional<long long> id) {
  std::vector<WebhookEndpoint> out;
  long long key = 0, created = 0, updated = 0;
  int active = 0;
  std::string url, description, events, secret, by;
  const long long wanted = id.value_or(0);
  soci::statement st =
      id ? (s.prepare << std::string(kEndpointColumns) + where, soci::use(wanted), soci::into(key),
            soci::into(url), soci::into(description), soci::into(events), soci::into(active),
            soci::into(secret), soci::into(by), soci::into(created), soci::into(updated))
         : (s.prepare << std::string(kEndpointColumns) + where, soci::into(key), soci::into(url),
            soci::into(description), soci::into(events), soci::into(active), soci::into(secret),
            soci::into(by), soci::into(created), soci::into(updated));
  for (bool more = st.execute(true); more; more = st.fetch()) {
    WebhookEndpoint e;
    e.id = WebhookId(key);
    e.url = url;
    e.description = description;
    e.events = SplitEvents(events);
    e.active = active != 0;
    e.sealed_secret = secret;
    e.created_by = by;
    e.created_at = FromUs(created);
    e.updated_at = FromUs(updated);
    out.push_back(std::move(e));
  }
  return out;
}

constexpr std::string_view kDeliveryColumns =
    "SELECT id, endpoint_id, event, event_id, payload, status, attempts, last_status, "
    "last_error, created_at_us, next_attempt_at_us, delivered_at_us FROM webhook_deliveries ";

std::vector<WebhookDelivery> SelectDeliveries(soci::session& s, const std::string& sql,
                                              const std::function<void(soci::statement&)>& bind) {
  long long id = 0, endpoint = 0, created = 0, next = 0, delivered = 0;
  int attempts = 0, last_status = 0;
  std::string event, event_id, payload, status, last_error;
  soci::indicator delivered_ind = soci::i_null;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(endpoint));
  st.exchange(soci::into(event));
  st.exchange(soci::into(event_id));
  st.exchange(soci::into(payload));
  st.exchange(soci::into(status));
  st.exchange(soci::into(attempts));
  st.exchange(soci::into(last_status));
  st.exchange(soci::into(last_error));
  st.exchange(soci::into(created));
  st.exchange(soci::into(next));
  st.exchange(soci::into(delivered, delivered_ind));
  bind(st);
  PrepareOnce(st, sql);
  std::vector<WebhookDelivery> out;
  for (bool more = st.execute(true); more; more = st.fetch()) {
    WebhookDelivery d;
    d.id = WebhookDeliveryId(id);
    d.endpoint = WebhookId(endpoint);
    d.event = event;
    d.event_id = event_id;
    d.payload = payload;
    auto parsed = domain::ParseWebhookDeliveryStatus(status);
    if (!parsed) throw soci::soci_error("unknown stored delivery status \"" + status + "\"");
    d.status = *parsed;
    d.attempts = attempts;
    d.last_status = last_status;
    d.last_error = last_error;
    d.created_at = FromUs(created);
    d.next_attempt_at = FromUs(next);
    if (delivered_ind == soci::i_ok) d.delivered_at = FromUs(delivered);
    out.push_back(std::move(d));
  }
  return out;
}

class SqlWebhookRepository final : public domain::WebhookRepository {
 public:
  explicit SqlWebhookRepository(Database& db) : db_(db) {}

  Result<WebhookEndpoint> AddEndpoint(const WebhookEndpoint& endpoint) override {
    WebhookEndpoint out = endpoint;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const std::string events = JoinEvents(endpoint.events);
      const int active = endpoint.active ? 1 : 0;
      const long long created = Us(endpoint.created_at), updated = Us(endpoint.updated_at);
      long long id = 0;
      s << "INSERT INTO webhook_endpoints (url, description, events, active, sealed_secret, "
           "created_by, created_at_us, updated_at_us) VALUES (:u, :d, :e, :a, :s, :b, :c, :m) "
           "RETURNING id",
          soci::use(endpoint.url), soci::use(endpoint.description), soci::use(events),
          soci::use(active), soci::use(endpoint.sealed_secret), soci::use(endpoint.created_by),
          soci::use(created), soci::use(updated), soci::into(id);
      out.id = WebhookId(id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<WebhookEndpoint> UpdateEndpoint(const WebhookEndpoint& endpoint) override {
    bool found = false;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const std::string events = JoinEvents(endpoint.events);
      const int active = endpoint.active ? 1 : 0;
      const long long updated = Us(endpoint.updated_at), id = endpoint.id.value;
      soci::statement st =
          OnceStatement(s,
                        "UPDATE webhook_endpoints SET url = :u, description = :d, events = :e, "
                        "active = :a, updated_at_us = :m WHERE id = :id",
                        soci::use(endpoint.url), soci::use(endpoint.description), soci::use(events),
                        soci::use(active), soci::use(updated), soci::use(id));
      st.execute(true);
      found = st.get_affected_rows() == 1;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!found) return Status::NotFound("no webhook " + std::to_string(endpoint.id.value));
    return FindEndpoint(endpoint.id);
  }

  Status DeleteEndpoint(WebhookId id) override {
    bool found = false;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value;
      s << "DELETE FROM webhook_deliveries WHERE endpoint_id = :id", soci::use(key);
      soci::statement st =
          OnceStatement(s, "DELETE FROM webhook_endpoints WHERE id = :id", soci::use(key));
      st.execute(true);
      found = st.get_affected_rows() == 1;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!found) return Status::NotFound("no webhook " + std::to_string(id.value));
    return Status::Ok();
  }

  Result<std::vector<WebhookEndpoint>> ListEndpoints() override {
    std::vector<WebhookEndpoint> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = SelectEndpoints(s, "ORDER BY id", std::nullopt);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<WebhookEndpoint> FindEndpoint(WebhookId id) override {
    std::vector<WebhookEndpoint> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = SelectEndpoints(s, "WHERE id = :id", id.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (out.empty()) return Status::NotFound("no webhook " + std::to_string(id.value));
    return out.front();
  }

  Result<std::vector<WebhookDeliveryId>> Enqueue(const domain::WebhookEvent& event,
                                                 std::optional<WebhookId> only,
                                                 TimePoint now) override {
    std::vector<WebhookDeliveryId> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      out = QueuedWebhookInsert(s, now, only).Insert(event);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<WebhookDelivery>> Claim(TimePoint now, int limit, const std::string& claimer,
                                             TimePoint lease_until) override {
    std::vector<WebhookDelivery> claimed;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long at = Us(now), until = Us(lease_until);
      const std::string sql = std::string(kDeliveryColumns) +
                              "WHERE status = 'queued' AND next_attempt_at_us <= :now AND "
                              "(lease_until_us IS NULL OR lease_until_us <= :now2) ORDER BY "
                              "next_attempt_at_us, id LIMIT :limit" +
                              std::string(SkipLockedRows(db_.kind()));
      claimed = SelectDeliveries(s, sql, [&](soci::statement& st) {
        st.exchange(soci::use(at));
        st.exchange(soci::use(at));
        st.exchange(soci::use(limit));
      });
      std::vector<long long> ids;
      for (const WebhookDelivery& d : claimed) ids.push_back(d.id.value);
      WriteLeases(s, "webhook_deliveries", "lease_until_us", ids, claimer, until);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return claimed;
  }

  Status MarkDelivered(WebhookDeliveryId id, const std::string& claimer, int http_status,
                       TimePoint now) override {
    return Finish(id, claimer, "delivered", http_status, "", Us(now), std::nullopt);
  }
  Status MarkRetry(WebhookDeliveryId id, const std::string& claimer, int http_status,
                   const std::string& error, TimePoint next_attempt_at) override {
    return Finish(id, claimer, "queued", http_status, error, std::nullopt, Us(next_attempt_at));
  }
  Status MarkFailed(WebhookDeliveryId id, const std::string& claimer, int http_status,
                    const std::string& error) override {
    return Finish(id, claimer, "failed", http_status, error, std::nullopt, std::nullopt);
  }

  Result<domain::WebhookDeliveryPage> ListDeliveries(WebhookId endpoint,
                                                     std::optional<WebhookDeliveryId> before,
                                                     int limit) override {
    domain::WebhookDeliveryPage page;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      const long long below = before ? before->value : std::numeric_limits<long long>::max();
      const long long key = endpoint.value;
      const int fetch = limit + 1;
      page.items =
          SelectDeliveries(s,
                           std::string(kDeliveryColumns) +
                               "WHERE endpoint_id = :e AND id < :b ORDER BY id DESC LIMIT :l",
                           [&](soci::statement& st) {
                             st.exchange(soci::use(key));
                             st.exchange(soci::use(below));
                             st.exchange(soci::use(fetch));
                           });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.resize(limit);
      page.next = page.items.back().id;
    }
    return page;
  }

 private:
  // Ends `claimer`'s lease on a queued delivery, counting the attempt.
  Status Finish(WebhookDeliveryId id, const std::string& claimer, const std::string& new_status,
                int http_status, const std::string& error, std::optional<long long> delivered_at,
                std::optional<long long> next_attempt_at) {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value;
      long long delivered = delivered_at.value_or(0), next = next_attempt_at.value_or(0);
      soci::indicator delivered_ind = delivered_at ? soci::i_ok : soci::i_null;
      const int has_next = next_attempt_at ? 1 : 0;
      soci::statement st =
          OnceStatement(s,
                        "UPDATE webhook_deliveries SET status = :s, attempts = attempts + 1, "
                        "last_status = :h, last_error = :err, delivered_at_us = :d, "
                        "next_attempt_at_us = CASE WHEN :hn = 1 THEN :n ELSE next_attempt_at_us "
                        "END, claimed_by = NULL, lease_until_us = NULL WHERE id = :id AND status "
                        "= 'queued' AND claimed_by = :c",
                        soci::use(new_status), soci::use(http_status), soci::use(error),
                        soci::use(delivered, delivered_ind), soci::use(has_next), soci::use(next),
                        soci::use(key), soci::use(claimer));
      st.execute(true);
      if (st.get_affected_rows() == 1) return Status::Ok();
      long long exists = 0;
      s << "SELECT COUNT(*) FROM webhook_deliveries WHERE id = :id", soci::use(key),
          soci::into(exists);
      if (exists == 0) return Status::NotFound("no such delivery");
      return Status::Conflict("the delivery is not leased to " + claimer);
    });
  }

  Database& db_;
};

}  // namespace

QueuedWebhookInsert::QueuedWebhookInsert(soci::session& session, TimePoint now,
                                         std::optional<domain::WebhookId> only)
    : session_(session),
      at_(Us(now)),
      only_(only.has_value()),
      endpoints_(only ? SelectEndpoints(session, "WHERE id = :id", only->value)
                      : SelectEndpoints(session, "WHERE active = 1 ORDER BY id", std::nullopt)) {}

std::vector<WebhookDeliveryId> QueuedWebhookInsert::Insert(const domain::WebhookEvent& event) {
  std::vector<WebhookDeliveryId> out;
  std::string payload;
  for (const WebhookEndpoint& e : endpoints_) {
    if (!only_ && std::find(e.events.begin(), e.events.end(), event.type) == e.events.end()) {
      continue;
    }
    if (payload.empty()) {
      // The body every retry sends, written once.
      nlohmann::json data = nlohmann::json::object();
      for (const auto& [name, value] : event.data) data[name] = value;
      payload = nlohmann::json{
          {"id", event.id},
          {"type", event.type},
          {"created_at", FormatIso8601(event.at)},
          {"data",
           data}}.dump();
    }
    const long long endpoint = e.id.value;
    long long id = 0;
    session_ << "INSERT INTO webhook_deliveries (endpoint_id, event, event_id, payload, status, "
                "attempts, last_status, last_error, created_at_us, next_attempt_at_us) VALUES "
                "(:e, :t, :i, :p, 'queued', 0, 0, '', :c, :n) RETURNING id",
        soci::use(endpoint), soci::use(event.type), soci::use(event.id), soci::use(payload),
        soci::use(at_), soci::use(at_), soci::into(id);
    out.push_back(WebhookDeliveryId(id));
  }
  return out;
}

std::unique_ptr<domain::WebhookRepository> MakeWebhookRepository(Database& db) {
  return std::make_unique<SqlWebhookRepository>(db);
}

}  // namespace pairwise::storage
