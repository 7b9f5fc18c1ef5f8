// A minimal blocking HTTP/1.1 client for the HTTP tests. Not for production use.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pairwise::testing {

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool keep_alive = false;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// One keep-alive connection to 127.0.0.1:port. Methods throw std::runtime_error on transport
// failure (tests treat that as a failure).
class TestConnection {
 public:
  explicit TestConnection(uint16_t port);
  ~TestConnection();
  TestConnection(TestConnection&&) noexcept;

  ClientResponse Request(const std::string& method, const std::string& target,
                         const std::string& body = {},
                         const std::vector<std::pair<std::string, std::string>>& headers = {});
  // Writes raw bytes and reads one response (or the server closing).
  ClientResponse Raw(const std::string& bytes);
  // True when the server has closed the connection (reads EOF within `wait`).
  bool ClosedByPeer(std::chrono::milliseconds wait);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pairwise::testing
