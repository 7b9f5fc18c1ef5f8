#include "common/status.h"

namespace pairwise {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kUnsupportedMediaType:
      return "unsupported_media_type";
    case ErrorCode::kMethodNotAllowed:
      return "method_not_allowed";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Status Status::Error(ErrorCode code, std::string client_message, std::string field,
                     std::string log_message) {
  assert(code != ErrorCode::kOk);
  Status s;
  s.rep_ = std::make_unique<Rep>();
  s.rep_->code = code;
  s.rep_->log_message = log_message.empty() ? client_message : std::move(log_message);
  s.rep_->client_message = std::move(client_message);
  s.rep_->field = std::move(field);
  return s;
}

namespace {
const std::string& Empty() {
  static const std::string kEmpty;
  return kEmpty;
}
}  // namespace

const std::string& Status::client_message() const { return rep_ ? rep_->client_message : Empty(); }
const std::string& Status::log_message() const { return rep_ ? rep_->log_message : Empty(); }
const std::string& Status::field() const { return rep_ ? rep_->field : Empty(); }

const std::string& Status::reason() const { return rep_ ? rep_->reason : Empty(); }

std::string_view Status::ClientCode() const {
  if (rep_ && !rep_->reason.empty()) return rep_->reason;
  return ErrorCodeName(code());
}

Status Status::WithReason(std::string reason) && {
  if (rep_) rep_->reason = std::move(reason);
  return std::move(*this);
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(ClientCode());
  out += ": ";
  out += rep_->log_message;
  if (!rep_->field.empty()) out += " [" + rep_->field + "]";
  return out;
}

}  // namespace pairwise
