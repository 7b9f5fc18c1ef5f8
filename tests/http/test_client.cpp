#include "test_client.h"

#include <poll.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <stdexcept>

namespace pairwise::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct TestConnection::Impl {
  net::io_context ioc;
  tcp::socket socket{ioc};
  beast::flat_buffer buffer;

  ClientResponse ReadResponse() {
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    parser.skip(head_);
    beast::error_code ec;
    http::read(socket, buffer, parser, ec);
    if (ec) throw std::runtime_error("read failed: " + ec.message());
    auto& res = parser.get();
    ClientResponse out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[name] = std::string(field.value());
    }
    out.body = res.body();
    out.keep_alive = res.keep_alive();
    return out;
  }
  bool head_ = false;
};

TestConnection::TestConnection(uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
}
TestConnection::~TestConnection() = default;
TestConnection::TestConnection(TestConnection&&) noexcept = default;

ClientResponse TestConnection::Request(
    const std::string& method, const std::string& target, const std::string& body,
    const std::vector<std::pair<std::string, std::string>>& headers) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req.body() = body;
    req.prepare_payload();
  }
  // A server may answer (413, 431) and close before the whole request is sent, as HTTP allows:
  // the write then fails with a broken pipe or a reset, and the answer is still there to read.
  beast::error_code written;
  http::write(impl_->socket, req, written);
  if (written && written != net::error::broken_pipe && written != net::error::connection_reset) {
    throw beast::system_error(written);
  }
  impl_->head_ = method == "HEAD";
  return impl_->ReadResponse();
}

ClientResponse TestConnection::Raw(const std::string& bytes) {
  net::write(impl_->socket, net::buffer(bytes));
  impl_->head_ = false;
  return impl_->ReadResponse();
}

bool TestConnection::ClosedByPeer(std::chrono::milliseconds wait) {
  pollfd fd{impl_->socket.native_handle(), POLLIN, 0};
  if (::poll(&fd, 1, static_cast<int>(wait.count())) <= 0) return false;
  char byte;
  beast::error_code ec;
  impl_->socket.read_some(net::buffer(&byte, 1), ec);
  return ec == net::error::eof || ec == net::error::connection_reset;
}

}  // namespace pairwise::testing
