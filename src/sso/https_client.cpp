#include "sso/https_client.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include "common/text.h"

namespace pairwise::sso {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

// One request and its answer on a connected `stream` (TLS or plain).
template <typename Stream>
Result<HttpsResponse> Exchange(Stream& stream, std::string_view method, const std::string& host,
                               const std::string& target,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               std::string_view body, const std::string& where,
                               std::size_t max_response_bytes) {
  boost::system::error_code ec;
  http::request<http::string_body> request(http::string_to_verb(method), target, 11);
  request.set(http::field::host, host);
  request.set(http::field::user_agent, "Pairwise");
  request.set(http::field::accept, "application/json");
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() || method == "POST") {
    request.body() = std::string(body);
    request.prepare_payload();
  }
  http::write(stream, request, ec);
  if (ec)
    return Status::Error(ErrorCode::kUnavailable, "sending to " + where + ": " + ec.message());
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_response_bytes);
  http::read(stream, buffer, parser, ec);
  if (ec) {
    return Status::Error(ErrorCode::kUnavailable,
                         "reading the answer of " + where + ": " + ec.message());
  }
  HttpsResponse out;
  const auto& response = parser.get();
  out.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    out.headers.emplace_back(AsciiLower(std::string(field.name_string())),
                             std::string(field.value()));
  }
  out.body = response.body();
  return out;
}

}  // namespace

std::string HttpsResponse::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return "";
}

Result<HttpsResponse> HttpsClient::FetchPlain(
    std::string_view method, const std::string& host, const std::string& port, bool has_port,
    const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers,
    std::string_view body, const std::string& where) const {
  try {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(options_.timeout);
    boost::system::error_code ec;
    tcp::resolver resolver(io);
    auto endpoints = resolver.resolve(host, port, ec);
    if (ec) {
      return Status::Error(ErrorCode::kUnavailable,
                           "cannot resolve " + QuoteForMessage(host) + ": " + ec.message());
    }
    stream.connect(endpoints, ec);
    if (ec) {
      return Status::Error(ErrorCode::kUnavailable,
                           "cannot connect to " + where + ": " + ec.message());
    }
    auto out = Exchange(stream, method, has_port ? host + ":" + port : host, target, headers, body,
                        where, options_.max_response_bytes);
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return out;
  } catch (const std::exception& e) {
    return Status::Error(ErrorCode::kUnavailable, "talking to " + where + " failed: " + e.what());
  }
}

Result<HttpsResponse> HttpsClient::Fetch(
    std::string_view method, std::string_view url,
    const std::vector<std::pair<std::string, std::string>>& headers, std::string_view body) const {
  auto parsed = boost::urls::parse_absolute_uri(url);
  const std::string scheme = parsed ? AsciiLower(parsed->scheme()) : "";
  const bool plain = scheme == "http" && options_.allow_http;
  if (!parsed || (scheme != "https" && !plain) || parsed->host().empty()) {
    return Status::InvalidArgument("not an https URL: " + QuoteForMessage(url), "url");
  }
  std::string host = parsed->host_type() == boost::urls::host_type::ipv6
                         ? std::string(parsed->host_address())
                         : std::string(parsed->encoded_host());
  const std::string port =
      parsed->has_port() ? std::string(parsed->port()) : (plain ? "80" : "443");
  std::string target = std::string(parsed->encoded_path());
  if (target.empty()) target = "/";
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());

  const std::string where = QuoteForMessage(url, 120);
  if (plain)
    return FetchPlain(method, host, port, parsed->has_port(), target, headers, body, where);
  try {
    asio::io_context io;
    ssl::context context(ssl::context::tls_client);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    boost::system::error_code ec;
    if (options_.ca_file.empty()) {
      context.set_default_verify_paths(ec);
    } else {
      context.load_verify_file(options_.ca_file, ec);
    }
    if (ec) {
      return Status::Error(ErrorCode::kUnavailable,
                           "the trusted certificates cannot be read: " + ec.message());
    }
    context.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(io, context);
    stream.set_verify_callback(ssl::host_name_verification(host));
    // SNI, for servers that serve several names.
    SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());

    beast::get_lowest_layer(stream).expires_after(options_.timeout);
    tcp::resolver resolver(io);
    auto endpoints = resolver.resolve(host, port, ec);
    if (ec) {
      return Status::Error(ErrorCode::kUnavailable,
                           "cannot resolve " + QuoteForMessage(host) + ": " + ec.message());
    }
    beast::get_lowest_layer(stream).connect(endpoints, ec);
    if (ec) {
      return Status::Error(ErrorCode::kUnavailable,
                           "cannot connect to " + where + ": " + ec.message());
    }
    stream.handshake(ssl::stream_base::client, ec);
    if (ec) {
      const long verify = SSL_get_verify_result(stream.native_handle());
      return Status::Error(
          ErrorCode::kUnavailable,
          "TLS with " + where + " failed: " +
              (verify != X509_V_OK ? std::string("certificate not trusted (") +
                                         X509_verify_cert_error_string(verify) + ")"
                                   : ec.message()));
    }
    auto out = Exchange(stream, method, parsed->has_port() ? host + ":" + port : host, target,
                        headers, body, where, options_.max_response_bytes);
    if (!out.ok()) return out;
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
    stream.shutdown(ec);  // the answer is complete; a peer that just closes is fine
    return out;
  } catch (const std::exception& e) {
    return Status::Error(ErrorCode::kUnavailable, "talking to " + where + " failed: " + e.what());
  }
}

}  // namespace pairwise::sso
