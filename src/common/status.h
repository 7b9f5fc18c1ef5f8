// Status and Result<T>: how every expected failure travels in Pairwise.
//
// A Status is either OK or carries an ErrorCode, a log message (for operators: may name
// internal ids, SQL, file paths) and a client message (safe to show to the user), plus the
// input field at fault, if any. Expected failures (bad input, not found, conflict, forbidden)
// are values, never exceptions. An OK Status costs no allocation.
//
// Thread safety: Status and Result are plain values; distinct objects may be used from
// distinct threads freely.
#pragma once

#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace pairwise {

// Protocol-neutral error codes. HttpStatusFor (src/api/http_types.h) is the one place that maps
// them to HTTP statuses; the CLI maps them to exit codes.
enum class ErrorCode {
  kOk,
  kInvalidArgument,       // the input is malformed or breaks a rule; `field` names it
  kNotFound,              // the object does not exist or must not be revealed
  kConflict,              // the request clashes with the current state (duplicate, stale)
  kForbidden,             // the actor may not do this to an object they may know of
  kUnauthenticated,       // no valid session or token
  kPayloadTooLarge,       // body or header over the configured limit
  kUnsupportedMediaType,  // the body is not of a type the route takes
  kMethodNotAllowed,      // the route exists, the method does not
  kRateLimited,           // too many attempts; retry later
  kUnavailable,           // a dependency (database, relay) is down; retry later
  kInternal,              // a bug or an unexpected failure
};

// Stable snake_case name of a code, as sent to clients in {"error":{"code":...}}.
std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  // `client_message` is shown to users; `log_message` defaults to it.
  static Status Error(ErrorCode code, std::string client_message, std::string field = {},
                      std::string log_message = {});
  static Status InvalidArgument(std::string message, std::string field = {}) {
    return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
  }
  static Status NotFound(std::string message) {
    return Error(ErrorCode::kNotFound, std::move(message));
  }
  static Status Conflict(std::string message, std::string field = {}) {
    return Error(ErrorCode::kConflict, std::move(message), std::move(field));
  }
  static Status Forbidden(std::string message) {
    return Error(ErrorCode::kForbidden, std::move(message));
  }
  // An internal failure: the client sees a generic message, the log sees the detail.
  static Status Internal(std::string log_message) {
    return Error(ErrorCode::kInternal, "internal error", {}, std::move(log_message));
  }
  static Status Unavailable(std::string log_message) {
    return Error(ErrorCode::kUnavailable, "a service this request needs is unavailable", {},
                 std::move(log_message));
  }

  bool ok() const { return rep_ == nullptr; }
  ErrorCode code() const { return rep_ ? rep_->code : ErrorCode::kOk; }
  const std::string& client_message() const;
  const std::string& log_message() const;
  const std::string& field() const;
  // A specific, stable snake_case reason for clients ("malformed_json", "enrollment_closed");
  // empty when the code's own name says enough. See ClientCode().
  const std::string& reason() const;
  // What clients see as {"error":{"code":...}}: the reason if set, else ErrorCodeName(code()).
  std::string_view ClientCode() const;
  // Returns this error with `reason` set. No effect on an OK Status.
  Status WithReason(std::string reason) &&;

  // "invalid_argument: <log message> [field]" — for logs and test failure output.
  std::string ToString() const;

  Status(const Status& other) : rep_(other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr) {}
  Status& operator=(const Status& other) {
    if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

 private:
  struct Rep {
    ErrorCode code;
    std::string client_message;
    std::string log_message;
    std::string field;
    std::string reason;
  };
  std::unique_ptr<Rep> rep_;
};

// A value or the Status saying why there is none. Never holds an OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "Result built from an OK Status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // The error; OK when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  // Precondition: ok().
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace pairwise

// Returns the Status of `expr` from the enclosing function when it is not OK.
#define PAIRWISE_RETURN_IF_ERROR(expr)       \
  do {                                       \
    ::pairwise::Status pw_status_ = (expr);  \
    if (!pw_status_.ok()) return pw_status_; \
  } while (false)
