#include "api/http_server.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "api/error_response.h"
#include "common/logging.h"

namespace pairwise::api {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr auto kShutdownGrace = std::chrono::seconds(10);

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t bits = rng();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0xf];
    bits >>= 4;
  }
  return id;
}

// A client's own X-Request-Id is kept when it is short and plain, so traces join up.
bool IsAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

// The request target of the request line at the start of `bytes` ("GET /x HTTP/1.1"), or ""
// when it is not there: for the shape of an error found before Beast parsed the header.
std::string_view TargetOfRequestLine(std::string_view bytes) {
  const std::string_view line = bytes.substr(0, bytes.find_first_of("\r\n"));
  const std::size_t first = line.find(' ');
  if (first == std::string_view::npos) return {};
  const std::string_view rest = line.substr(first + 1);
  return rest.substr(0, rest.find(' '));
}

// How often the server looks for connections past their deadline: timeouts are whole seconds, so
// a connection is closed at most this much after its deadline.
constexpr auto kSweepEvery = std::chrono::milliseconds(250);

int64_t SteadyNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

class Session;

struct HttpServer::Impl {
  Impl(const ServerConfig& cfg, const Dispatcher& d)
      : config(cfg),
        dispatcher(d),
        control(net::make_strand(ioc)),
        acceptor(ioc),
        sweep_timer(control),
        access_log(spdlog::get(std::string(kAccessLoggerName))) {}

  // The access logger InitLogging set up, else the default logger.
  spdlog::logger& AccessLog() const {
    return access_log ? *access_log : *spdlog::default_logger_raw();
  }

  // The connections of one client address that are waiting (idle or mid-header). A connection
  // finds its address's entry once (HoldAddress) and counts itself in and out of `waiting` per
  // request without a lock.
  struct AddressSlot {
    std::atomic<int> waiting{0};
    int connections = 0;  // guarded by sessions_mu: the entry goes with the last connection
  };

  void Accept();
  void Register(Session* session);
  void Unregister(Session* session);
  AddressSlot* HoldAddress(const std::string& address);
  void ReleaseAddress(const std::string& address);
  // Counts a connection of the slot's address as waiting; false, counting nothing, when the
  // address already has config.max_idle_per_address waiting.
  bool EnterWaiting(AddressSlot& slot) const;
  static void LeaveWaiting(AddressSlot& slot) {
    slot.waiting.fetch_sub(1, std::memory_order_relaxed);
  }
  // Every kSweepEvery on the control strand: interrupts the connections past their deadline.
  void ScheduleSweep();
  void BeginStop();  // on the control strand

  ServerConfig config;
  const Dispatcher& dispatcher;
  net::io_context ioc;
  // The server's own timers (the sweep, the shutdown grace) and the stop run here.
  net::strand<net::io_context::executor_type> control;
  tcp::acceptor acceptor;
  net::steady_timer sweep_timer;
  const std::shared_ptr<spdlog::logger> access_log;  // null when InitLogging did not run
  std::optional<net::signal_set> signals;
  std::optional<net::steady_timer> grace_timer;
  std::atomic<bool> stopping{false};
  std::mutex sessions_mu;
  // A session is in here from its construction to its destructor, which waits for sessions_mu
  // to leave: under sessions_mu every pointer here is a live session.
  std::unordered_set<Session*> sessions;                   // guarded by sessions_mu
  std::unordered_map<std::string, AddressSlot> addresses;  // guarded by sessions_mu
};

// One connection. Lives as long as an asynchronous operation holds it: Beast's completion
// handlers need shared ownership, so this is the one place a shared_ptr is the right tool.
//
// A connection has one operation in flight at a time (a read or a write), each started by the
// completion of the one before, so its own handlers never run at once and need no strand.
// Timeouts are deadlines the server's sweep checks (kSweepEvery): one past its deadline is
// shut down (shutdown(2) on its descriptor, the one thing another thread does to it), which
// ends the operation in flight with an error. A timer per operation cost every request two
// timer waits and two cancellations.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, HttpServer::Impl& server)
      : socket_(std::move(socket)), fd_(socket_.native_handle()), server_(server) {
    beast::error_code ec;
    auto endpoint = socket_.remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
    server_.Register(this);
    address_ = server_.HoldAddress(remote_);
  }
  ~Session() {
    if (waiting_) HttpServer::Impl::LeaveWaiting(*address_);
    server_.ReleaseAddress(remote_);
    server_.Unregister(this);
  }

  void Start() { ReadHeader(); }

  // Any thread, under the server's sessions_mu (see Impl::sessions).
  void InterruptIfDue(int64_t now_ns) {
    const int64_t deadline = deadline_ns_.load(std::memory_order_relaxed);
    if (deadline != 0 && now_ns >= deadline) Interrupt();
  }
  void InterruptIfIdle() {
    if (!busy_.load(std::memory_order_relaxed)) Interrupt();
  }

 private:
  void SetDeadline(std::chrono::nanoseconds after) {
    deadline_ns_.store(SteadyNowNs() + after.count(), std::memory_order_relaxed);
  }
  void ClearDeadline() { deadline_ns_.store(0, std::memory_order_relaxed); }

  // Ends the operation in flight (it completes with an error or end of stream, and its handler
  // closes). Thread-safe: the descriptor is only shut down, never closed, here.
  void Interrupt() {
    std::lock_guard lock(socket_mu_);
    if (!closed_) ::shutdown(fd_, SHUT_RDWR);
  }

  // Waits for the next request: its first byte within the idle timeout (the header timeout for
  // a new connection), then the rest of its header within the header timeout.
  void ReadHeader() {
    if (server_.stopping) return Close();
    busy_.store(false, std::memory_order_relaxed);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.config.header_limit));
    // Beast checks Content-Length against the body limit while parsing the header; the limit
    // depends on the route, which is known only after the header, so it is set in OnHeader.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    if (!waiting_) {
      if (!server_.EnterWaiting(*address_)) {
        spdlog::debug("{}: too many idle connections from this address; closing one", remote_);
        return Close();
      }
      waiting_ = true;
    }
    if (buffer_.size() > 0) {  // pipelined: the next request is here
      SetDeadline(server_.config.header_timeout);
      return ParseHeader();
    }
    SetDeadline(served_ == 0 ? server_.config.header_timeout : server_.config.idle_timeout);
    ReadMore(true);
  }

  // Reads what the client sent next into the buffer. The first bytes of a request start its
  // header timeout.
  void ReadMore(bool first) {
    socket_.async_read_some(
        buffer_.prepare(kReadSize),
        [self = shared_from_this(), first](beast::error_code ec, std::size_t bytes) {
          self->buffer_.commit(bytes);
          if (ec) return self->Close();
          if (first) self->SetDeadline(self->server_.config.header_timeout);
          self->ParseHeader();
        });
  }

  // Parses the header from the buffer when it is all there (Beast's parser takes nothing until
  // it is), else reads more; the parser ends with header_limit when the buffer holds more than
  // the limit without a complete header. Parsing here rather than through http::async_read_header
  // spares each request the composed operation and its posted completion.
  void ParseHeader() {
    beast::error_code ec;
    const std::size_t used = parser_->put(buffer_.data(), ec);
    buffer_.consume(used);
    if (ec == http::error::need_more) return ReadMore(false);
    OnHeader(ec);
  }

  void OnHeader(beast::error_code ec) {
    if (waiting_) {
      HttpServer::Impl::LeaveWaiting(*address_);
      waiting_ = false;
    }
    ClearDeadline();
    if (ec) {
      if (ec == http::error::header_limit) {
        return Reject(Status::Error(ErrorCode::kPayloadTooLarge, "request headers are too large")
                          .WithReason(std::string(kHeaderTooLargeReason)));
      }
      // Anything else is a malformed request line or header.
      return Reject(
          Status::InvalidArgument("the request is not valid HTTP/1.1").WithReason("bad_request"));
    }
    busy_.store(true, std::memory_order_relaxed);
    started_ = std::chrono::steady_clock::now();
    // No body follows (GET, HEAD, DELETE...): no body limit to look up, no route to find twice.
    if (parser_->is_done()) return Handle();
    const auto& header = parser_->get();
    const HttpMethod method = ParseHttpMethod(header.method_string());
    const std::size_t limit =
        server_.dispatcher.BodyLimitFor(method, std::string_view(header.target()));
    if (auto length = parser_->content_length(); length && *length > limit) {
      return Reject(
          Status::Error(ErrorCode::kPayloadTooLarge,
                        "the request body is larger than " + std::to_string(limit) + " bytes"));
    }
    parser_->body_limit(limit);
    SetDeadline(server_.config.read_timeout);
    http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnBody(ec); });
  }

  void OnBody(beast::error_code ec) {
    ClearDeadline();
    if (ec == http::error::body_limit) {
      return Reject(Status::Error(ErrorCode::kPayloadTooLarge, "the request body is too large"));
    }
    if (ec) return Close();
    Handle();
  }

  void Handle() {
    auto& raw = parser_->get();
    HttpRequest request;
    request.method = ParseHttpMethod(raw.method_string());
    request.target = std::string(raw.target());
    request.headers.reserve(8);
    for (const auto& field : raw) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(raw.body());
    request.remote_address = remote_;
    const auto incoming_id = request.Header("x-request-id");
    request.request_id = incoming_id && IsAcceptableRequestId(*incoming_id)
                             ? std::string(*incoming_id)
                             : NewRequestId();
    HttpResponse answer = server_.dispatcher.Handle(request);
    ++served_;
    const bool keep_alive = raw.keep_alive() && !server_.stopping;
    Send(std::move(answer), request.method == HttpMethod::kHead, keep_alive, raw.version(),
         HttpMethodName(request.method), request.target, request.request_id);
  }

  // Answers an error found before dispatch, then closes: the rest of the stream is unreadable.
  // The answer's shape follows the target (ErrorResponseFor), taken from the request line in
  // the buffer when Beast stopped before parsing it (the parser takes no bytes of a header it
  // has not parsed whole).
  void Reject(const Status& status) {
    if (!busy_.load(std::memory_order_relaxed)) started_ = std::chrono::steady_clock::now();
    busy_.store(true, std::memory_order_relaxed);
    std::string method = "-";
    std::string target = "-";
    std::string shape_target;
    if (parser_ && (parser_->is_header_done() || !parser_->get().target().empty())) {
      method = std::string(parser_->get().method_string());
      target = std::string(parser_->get().target());
      shape_target = target;
    } else {
      const auto bytes = buffer_.data();
      shape_target = std::string(TargetOfRequestLine(
          std::string_view(static_cast<const char*>(bytes.data()), bytes.size())));
    }
    HttpResponse answer = ErrorResponseFor(shape_target, status);
    Send(std::move(answer), false, false, 11, method, target, NewRequestId());
  }

  void Send(HttpResponse answer, bool head, bool keep_alive, unsigned version,
            std::string_view method, std::string_view target, const std::string& request_id) {
    // The response is written by hand into one string for the status line and fields, sent with
    // the body in one gather write: Beast's serializer, walking its concatenated buffer views,
    // cost a small answer (the health check) about a third of its time.
    const int status = answer.status;
    // 1xx, 204 and 304 carry no body and no Content-Length (RFC 9110 8.6), as Beast's
    // prepare_payload had it.
    const bool bodiless = status / 100 == 1 || status == 204 || status == 304;
    if (bodiless) {
      answer.body.clear();
      answer.file.reset();
    }
    const uint64_t body_size = answer.file ? answer.file->size() : answer.body.size();
    std::string& out = head_bytes_;
    out.clear();
    out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    out += std::to_string(status);
    out += ' ';
    out += http::obsolete_reason(http::int_to_status(static_cast<unsigned>(status)));
    out += "\r\nServer: pairwise\r\n";
    for (const auto& [name, value] : answer.headers) AppendField(out, name, value);
    AppendField(out, "X-Request-Id", request_id);
    // HTTP/1.1 keeps the connection unless told; HTTP/1.0 closes it unless told.
    if (version == 10 && keep_alive) out += "Connection: keep-alive\r\n";
    if (version != 10 && !keep_alive) out += "Connection: close\r\n";
    if (!bodiless) {
      out += "Content-Length: ";
      out += std::to_string(body_size);
      out += "\r\n";
    }
    out += "\r\n";
    body_bytes_ = head ? std::string() : std::move(answer.body);
    file_ = head ? nullptr : std::move(answer.file);
    file_offset_ = 0;
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
            .count();
    // The one access-log line of a request, without the one-time tokens its target may carry.
    server_.AccessLog().info("{} {} {} {} {}B {:.2f}ms id={}", remote_.empty() ? "-" : remote_,
                             method, RedactTargetForLog(target), status, body_size, ms, request_id);
    SetDeadline(server_.config.read_timeout);
    const std::array<net::const_buffer, 2> buffers{net::buffer(head_bytes_),
                                                   net::buffer(body_bytes_)};
    net::async_write(socket_, buffers,
                     [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                       if (ec || !self->file_) return self->OnWrite(ec, keep_alive);
                       self->WriteFilePiece(keep_alive);
                     });
  }

  // A file body (an export) goes out a piece at a time, read from disk as the socket takes it:
  // the connection holds one piece, never the file. Each piece has the write timeout; a client
  // that leaves ends the write with an error, and Close drops the file (its descriptor closes).
  void WriteFilePiece(bool keep_alive) {
    if (file_offset_ >= file_->size()) return OnWrite({}, keep_alive);
    file_piece_.resize(kFilePiece);
    const long n = file_->ReadAt(file_offset_, file_piece_.data(), file_piece_.size());
    if (n <= 0) {
      // The length is promised in the header: the connection cannot go on.
      spdlog::error("{}: reading the response file failed at byte {} of {}", remote_, file_offset_,
                    file_->size());
      return OnWrite(net::error::make_error_code(net::error::broken_pipe), keep_alive);
    }
    file_offset_ += static_cast<uint64_t>(n);
    SetDeadline(server_.config.read_timeout);
    net::async_write(socket_, net::buffer(file_piece_.data(), static_cast<std::size_t>(n)),
                     [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                       if (ec) return self->OnWrite(ec, keep_alive);
                       self->WriteFilePiece(keep_alive);
                     });
  }

  // "Name: value\r\n". A line break in either would split the answer (response splitting):
  // it becomes a space.
  static void AppendField(std::string& out, std::string_view name, std::string_view value) {
    const auto append = [&out](std::string_view text) {
      for (char c : text) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
    };
    append(name);
    out += ": ";
    append(value);
    out += "\r\n";
  }

  void OnWrite(beast::error_code ec, bool keep_alive) {
    ClearDeadline();
    body_bytes_ = std::string();  // may be large: not kept while the connection idles
    file_.reset();                // closes an export's file (it has no name: its space is freed)
    file_piece_ = std::vector<char>();
    if (ec || !keep_alive) return Close();
    ReadHeader();
  }

  void Close() {
    file_.reset();
    ClearDeadline();
    std::lock_guard lock(socket_mu_);
    if (closed_) return;
    closed_ = true;
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  // What a read asks for: a request line and typical headers in one go.
  static constexpr std::size_t kReadSize = 4096;

  tcp::socket socket_;
  const int fd_;          // socket_'s descriptor, for Interrupt
  std::mutex socket_mu_;  // between Interrupt (any thread) and Close
  bool closed_ = false;   // guarded by socket_mu_
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string head_bytes_;  // status line and fields of the answer being written
  std::string body_bytes_;  // its body
  // A file body instead (HttpResponse::file), the bytes of it sent so far, and the piece being
  // written.
  std::shared_ptr<const FileBody> file_;
  uint64_t file_offset_ = 0;
  std::vector<char> file_piece_;
  static constexpr std::size_t kFilePiece = 64 * 1024;
  HttpServer::Impl& server_;
  std::string remote_;
  HttpServer::Impl::AddressSlot* address_ = nullptr;  // remote_'s entry, held until destruction
  std::atomic<bool> busy_{false};  // a request is being answered (read by the stop)
  bool waiting_ = false;           // counted in address_->waiting
  // Steady-clock nanoseconds by which the operation in flight must end; 0: none (while a
  // handler runs). Read by the sweep.
  std::atomic<int64_t> deadline_ns_{0};
  uint64_t served_ = 0;  // requests answered on this connection
  std::chrono::steady_clock::time_point started_;
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      // Out of descriptors and the like: log, keep accepting.
      spdlog::warn("accept failed: {}", ec.message());
      return Accept();
    }
    if (stopping) return;
    auto session = std::make_shared<Session>(std::move(socket), *this);
    Accept();
    session->Start();
  });
}

void HttpServer::Impl::Register(Session* session) {
  std::lock_guard lock(sessions_mu);
  sessions.insert(session);
}

void HttpServer::Impl::Unregister(Session* session) {
  std::lock_guard lock(sessions_mu);
  sessions.erase(session);
  if (stopping && sessions.empty()) {
    net::post(control, [this] {
      if (grace_timer) grace_timer->cancel();
      sweep_timer.cancel();
    });
  }
}

HttpServer::Impl::AddressSlot* HttpServer::Impl::HoldAddress(const std::string& address) {
  std::lock_guard lock(sessions_mu);
  AddressSlot& slot = addresses[address];  // node-based: the entry stays put
  ++slot.connections;
  return &slot;
}

void HttpServer::Impl::ReleaseAddress(const std::string& address) {
  std::lock_guard lock(sessions_mu);
  auto it = addresses.find(address);
  if (it != addresses.end() && --it->second.connections <= 0) addresses.erase(it);
}

bool HttpServer::Impl::EnterWaiting(AddressSlot& slot) const {
  const int before = slot.waiting.fetch_add(1, std::memory_order_relaxed);
  if (config.max_idle_per_address > 0 && before >= config.max_idle_per_address) {
    slot.waiting.fetch_sub(1, std::memory_order_relaxed);
    return false;
  }
  return true;
}

void HttpServer::Impl::ScheduleSweep() {
  sweep_timer.expires_after(kSweepEvery);
  sweep_timer.async_wait([this](beast::error_code ec) {
    if (ec) return;
    const int64_t now = SteadyNowNs();
    bool none_left;
    {
      std::lock_guard lock(sessions_mu);
      for (Session* session : sessions) session->InterruptIfDue(now);
      none_left = sessions.empty();
    }
    // Once stopping with no connection left, the server's work is done (Run returns).
    if (!(stopping && none_left)) ScheduleSweep();
  });
}

void HttpServer::Impl::BeginStop() {
  if (stopping.exchange(true)) return;
  beast::error_code ignored;
  acceptor.close(ignored);
  if (signals) signals->cancel(ignored);
  std::size_t open;
  {
    std::lock_guard lock(sessions_mu);
    for (Session* session : sessions) session->InterruptIfIdle();
    open = sessions.size();
  }
  if (open == 0) {
    sweep_timer.cancel();
  } else {
    grace_timer.emplace(control, kShutdownGrace);
    grace_timer->async_wait([this](beast::error_code ec) {
      if (!ec) {
        spdlog::warn("shutdown grace period over; closing remaining connections");
        ioc.stop();
      }
    });
  }
  spdlog::info("shutting down: {} open connection(s)", open);
}

HttpServer::HttpServer(const ServerConfig& config, const Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(config, dispatcher)) {}

HttpServer::~HttpServer() = default;

Status HttpServer::Bind() {
  beast::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  auto results =
      resolver.resolve(impl_->config.listen.host, std::to_string(impl_->config.listen.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return Status::InvalidArgument("cannot resolve listen host '" + impl_->config.listen.host + "'",
                                   "listen");
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Error(ErrorCode::kUnavailable,
                         "cannot listen on " + impl_->config.listen.host + ":" +
                             std::to_string(impl_->config.listen.port) + ": " + ec.message(),
                         "listen");
  }
  return Status::Ok();
}

uint16_t HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::Run() {
  impl_->Accept();
  impl_->ScheduleSweep();
  int threads = impl_->config.io_threads;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads - 1));
  for (int i = 1; i < threads; ++i) pool.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : pool) t.join();
}

void HttpServer::RunUntilSignalled() {
  impl_->signals.emplace(impl_->control, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}", signal);
    impl_->BeginStop();
  });
  Run();
}

void HttpServer::Stop() {
  net::post(impl_->control, [this] { impl_->BeginStop(); });
}

}  // namespace pairwise::api
