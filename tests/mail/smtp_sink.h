// Test support: a real SMTP server (aiosmtpd through smtp_sink.py) on a loopback port.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace pairwise::mail::testing {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

inline constexpr const char* kPython = "/usr/bin/python3";

inline uint16_t FreePort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A self-signed certificate for `name` (a DNS name and 127.0.0.1) made by the openssl command:
// DIR/NAME.pem and DIR/NAME.key. Returns whether it worked.
inline bool MakeCertificate(const fs::path& dir, const std::string& name) {
  fs::create_directories(dir);
  const std::string base = (dir / name).string();
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=" + name +
      " -addext subjectAltName=DNS:" + name + ",IP:127.0.0.1 -keyout " + base + ".key -out " +
      base + ".pem >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

// How the sink speaks: plain, or TLS (STARTTLS, then required; or from the first byte) with
// the certificate CERT.pem / CERT.key; AUTH required when `auth` ("user:password") is set.
struct SinkSecurity {
  std::string tls;   // "", "starttls" or "implicit"
  std::string cert;  // path without .pem / .key
  std::string auth;
  std::string auth_exclude;  // a mechanism not to offer ("PLAIN")
};

// One aiosmtpd process; stopped (SIGTERM, then waited for) on destruction.
class SmtpSink {
 public:
  SmtpSink(uint16_t port, int reject = 0, const SinkSecurity& security = {}) {
    dir_ = fs::temp_directory_path() /
           ("pairwise-smtp-" + std::to_string(getpid()) + "-" + std::to_string(port));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::vector<std::string> args = {kPython, PAIRWISE_SMTP_SINK, "--port", std::to_string(port),
                                     "--dir", dir_.string()};
    if (reject) {
      args.push_back("--reject");
      args.push_back(std::to_string(reject));
    }
    if (!security.tls.empty()) {
      args.insert(args.end(), {"--tls", security.tls, "--cert", security.cert + ".pem", "--key",
                               security.cert + ".key"});
    }
    if (!security.auth.empty()) args.insert(args.end(), {"--auth", security.auth});
    if (!security.auth_exclude.empty()) {
      args.insert(args.end(), {"--auth-exclude", security.auth_exclude});
    }
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, kPython, nullptr, nullptr, argv.data(), environ) != 0) pid_ = 0;
    const auto deadline = std::chrono::steady_clock::now() + seconds(20);
    while (pid_ && !fs::exists(dir_ / "ready") && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(20));
    }
  }
  ~SmtpSink() {
    if (pid_) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  bool ready() const { return pid_ && fs::exists(dir_ / "ready"); }

  // Waits up to `timeout` for message `n` (1-based); its DATA, or "" when it did not arrive.
  std::string Message(int n, seconds timeout = seconds(10)) const {
    const fs::path path = dir_ / (std::to_string(n) + ".eml");
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!fs::exists(path) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(20));
    }
    return fs::exists(path) ? ReadFile(path) : "";
  }
  // Who signed in to deliver message `n` ("user\n"), or "" without AUTH.
  std::string SignedIn(int n) const {
    const fs::path path = dir_ / (std::to_string(n) + ".auth");
    return fs::exists(path) ? ReadFile(path) : "";
  }
  // "MAIL FROM\nRCPT TO\n" of message `n`.
  std::string Envelope(int n) const { return ReadFile(dir_ / (std::to_string(n) + ".env")); }
  int Count() const {
    int n = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      if (entry.path().extension() == ".eml") ++n;
    }
    return n;
  }

 private:
  fs::path dir_;
  pid_t pid_ = 0;
};

}  // namespace pairwise::mail::testing
