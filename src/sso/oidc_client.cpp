#include "sso/oidc_client.h"

#include <jwt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "common/text.h"

namespace pairwise::sso {

namespace {

using nlohmann::json;

constexpr std::chrono::hours kDiscoveryTtl{1};
// Clocks differ a little between us and the provider.
constexpr std::chrono::seconds kLeeway{60};

Status TokenRefused(std::string reason, std::string message) {
  return Status::Error(ErrorCode::kUnauthenticated, std::move(message))
      .WithReason(std::move(reason));
}

// base64url (padding optional) to bytes; nullopt when it is not base64url.
std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '-')
      v = 62;
    else if (c == '_')
      v = 63;
    else if (c == '=')
      break;
    else
      return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::optional<json> ParseJson(std::string_view text) {
  json out = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (out.is_discarded()) return std::nullopt;
  return out;
}

std::string Str(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// A public key from OpenSSL parameters of key type `type` ("RSA" or "EC").
Pkey KeyFromParams(const char* type, const std::function<bool(OSSL_PARAM_BLD*)>& push) {
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  if (!builder) return nullptr;
  Pkey out;
  OSSL_PARAM* params = nullptr;
  EVP_PKEY_CTX* context = nullptr;
  if (push(builder) && (params = OSSL_PARAM_BLD_to_param(builder)) &&
      (context = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr)) &&
      EVP_PKEY_fromdata_init(context) == 1) {
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params) == 1) out.reset(key);
  }
  EVP_PKEY_CTX_free(context);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(builder);
  return out;
}

std::string ToPem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (!bio) return "";
  std::string out;
  if (PEM_write_bio_PUBKEY(bio, key) == 1) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size > 0) out.assign(data, static_cast<std::size_t>(size));
  }
  BIO_free(bio);
  return out;
}

std::optional<SigningKey> KeyFromJwk(const json& jwk) {
  if (!jwk.is_object()) return std::nullopt;
  const std::string use = Str(jwk, "use");
  if (!use.empty() && use != "sig") return std::nullopt;
  const std::string kty = Str(jwk, "kty"), alg = Str(jwk, "alg");
  SigningKey key;
  key.kid = Str(jwk, "kid");
  Pkey pkey;
  if (kty == "RSA" && (alg.empty() || alg == "RS256")) {
    auto n = Base64UrlDecode(Str(jwk, "n")), e = Base64UrlDecode(Str(jwk, "e"));
    if (!n || !e || n->empty() || e->empty()) return std::nullopt;
    BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                             static_cast<int>(n->size()), nullptr);
    BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()),
                             static_cast<int>(e->size()), nullptr);
    if (bn_n && bn_e && BN_num_bits(bn_n) >= 2048) {
      pkey = KeyFromParams("RSA", [&](OSSL_PARAM_BLD* b) {
        return OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_N, bn_n) == 1 &&
               OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_E, bn_e) == 1;
      });
    }
    BN_free(bn_n);
    BN_free(bn_e);
    key.alg = "RS256";
  } else if (kty == "EC" && Str(jwk, "crv") == "P-256" && (alg.empty() || alg == "ES256")) {
    auto x = Base64UrlDecode(Str(jwk, "x")), y = Base64UrlDecode(Str(jwk, "y"));
    if (!x || !y || x->size() != 32 || y->size() != 32) return std::nullopt;
    std::string point = "\x04" + *x + *y;  // uncompressed point
    pkey = KeyFromParams("EC", [&](OSSL_PARAM_BLD* b) {
      return OSSL_PARAM_BLD_push_utf8_string(b, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1 &&
             OSSL_PARAM_BLD_push_octet_string(b, OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                              point.size()) == 1;
    });
    key.alg = "ES256";
  }
  if (!pkey) return std::nullopt;
  key.pem = ToPem(pkey.get());
  if (key.pem.empty()) return std::nullopt;
  return key;
}

// The https URL `name` of a discovery document, or "" when absent or not https.
std::string HttpsMember(const json& doc, const char* name) {
  std::string url = Str(doc, name);
  return url.starts_with("https://") ? url : "";
}

struct JwtFree {
  void operator()(jwt_t* j) const { jwt_free(j); }
};

}  // namespace

Result<std::vector<SigningKey>> ParseJwks(std::string_view jwks_json) {
  auto doc = ParseJson(jwks_json);
  if (!doc || !doc->is_object() || !doc->contains("keys") || !(*doc)["keys"].is_array()) {
    return Status::InvalidArgument("the provider's key set is not a JWKS document");
  }
  std::vector<SigningKey> keys;
  for (const json& jwk : (*doc)["keys"]) {
    if (auto key = KeyFromJwk(jwk)) keys.push_back(std::move(*key));
  }
  return keys;
}

Result<domain::OidcEndpoints> HttpsOidcProvider::Discover(std::string_view issuer_view) {
  const std::string issuer(issuer_view);
  {
    std::lock_guard lock(mutex_);
    auto it = discovered_.find(issuer);
    if (it != discovered_.end() && clock_.Now() - it->second.second < kDiscoveryTtl) {
      return it->second.first;
    }
  }
  std::string base = issuer;
  while (base.ends_with('/')) base.pop_back();
  auto response = client_.Fetch("GET", base + "/.well-known/openid-configuration");
  if (!response.ok()) return response.status();
  if (response->status != 200) {
    return Status::Error(ErrorCode::kUnavailable, "the discovery document answered HTTP " +
                                                      std::to_string(response->status));
  }
  auto doc = ParseJson(response->body);
  if (!doc || !doc->is_object()) {
    return Status::InvalidArgument("the discovery document is not JSON", "issuer");
  }
  domain::OidcEndpoints endpoints;
  endpoints.issuer = Str(*doc, "issuer");
  if (endpoints.issuer != issuer) {
    return Status::InvalidArgument("the discovery document names the issuer " +
                                       QuoteForMessage(endpoints.issuer) + ", not " +
                                       QuoteForMessage(issuer),
                                   "issuer");
  }
  endpoints.authorization_endpoint = HttpsMember(*doc, "authorization_endpoint");
  endpoints.token_endpoint = HttpsMember(*doc, "token_endpoint");
  endpoints.jwks_uri = HttpsMember(*doc, "jwks_uri");
  if (endpoints.authorization_endpoint.empty() || endpoints.token_endpoint.empty() ||
      endpoints.jwks_uri.empty()) {
    return Status::InvalidArgument(
        "the discovery document lacks an https authorization, token or jwks endpoint", "issuer");
  }
  if (auto methods = doc->find("token_endpoint_auth_methods_supported");
      methods != doc->end() && methods->is_array()) {
    bool basic = false, post = false;
    for (const json& m : *methods) {
      basic |= m == "client_secret_basic";
      post |= m == "client_secret_post";
    }
    endpoints.secret_in_body = post && !basic;
  }
  std::lock_guard lock(mutex_);
  discovered_[issuer] = {endpoints, clock_.Now()};
  return endpoints;
}

Result<std::string> HttpsOidcProvider::RedeemCode(const domain::OidcEndpoints& endpoints,
                                                  const domain::SsoSettings& client,
                                                  std::string_view code,
                                                  std::string_view code_verifier,
                                                  std::string_view redirect_uri) {
  std::string body = "grant_type=authorization_code&code=" + PercentEncode(code) +
                     "&redirect_uri=" + PercentEncode(redirect_uri) +
                     "&code_verifier=" + PercentEncode(code_verifier) +
                     "&client_id=" + PercentEncode(client.client_id);
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/x-www-form-urlencoded"}};
  if (endpoints.secret_in_body) {
    body += "&client_secret=" + PercentEncode(client.client_secret);
  } else {
    // RFC 6749 §2.3.1: both form-encoded, then Basic.
    headers.emplace_back("Authorization",
                         "Basic " + crypto::Base64(PercentEncode(client.client_id) + ":" +
                                                   PercentEncode(client.client_secret)));
  }
  auto response = client_.Fetch("POST", endpoints.token_endpoint, headers, body);
  if (!response.ok()) return response.status();
  auto doc = ParseJson(response->body);
  if (response->status >= 400 && response->status < 500) {
    std::string error = doc && doc->is_object() ? Str(*doc, "error") : "";
    return Status::Error(
        ErrorCode::kUnauthenticated,
        "the provider refused the code (" +
            (error.empty() ? "HTTP " + std::to_string(response->status) : QuoteForMessage(error)) +
            ")");
  }
  if (response->status != 200 || !doc || !doc->is_object()) {
    return Status::Error(ErrorCode::kUnavailable,
                         "the token endpoint answered HTTP " + std::to_string(response->status));
  }
  std::string id_token = Str(*doc, "id_token");
  if (id_token.empty()) {
    return Status::Error(ErrorCode::kUnauthenticated, "the provider sent no ID token")
        .WithReason("malformed_token");
  }
  return id_token;
}

Result<std::vector<SigningKey>> HttpsOidcProvider::Keys(const std::string& jwks_uri, bool refresh) {
  if (!refresh) {
    std::lock_guard lock(mutex_);
    if (auto it = keys_.find(jwks_uri); it != keys_.end()) return it->second;
  }
  auto response = client_.Fetch("GET", jwks_uri);
  if (!response.ok()) return response.status();
  if (response->status != 200) {
    return Status::Error(ErrorCode::kUnavailable,
                         "the key set answered HTTP " + std::to_string(response->status));
  }
  auto keys = ParseJwks(response->body);
  if (!keys.ok()) return keys.status();
  std::lock_guard lock(mutex_);
  keys_[jwks_uri] = *keys;
  return keys;
}

Result<domain::IdTokenClaims> HttpsOidcProvider::VerifyIdToken(
    const domain::OidcEndpoints& endpoints, std::string_view id_token, std::string_view client_id,
    std::string_view expected_nonce, TimePoint now) {
  const auto first_dot = id_token.find('.');
  if (first_dot == std::string_view::npos ||
      id_token.find('.', first_dot + 1) == std::string_view::npos) {
    return TokenRefused("malformed_token", "the ID token is not a signed JWT");
  }
  auto header_text = Base64UrlDecode(id_token.substr(0, first_dot));
  auto header = header_text ? ParseJson(*header_text) : std::nullopt;
  if (!header || !header->is_object()) {
    return TokenRefused("malformed_token", "the ID token's header is not JSON");
  }
  const std::string alg = Str(*header, "alg"), kid = Str(*header, "kid");
  if (alg != "RS256" && alg != "ES256") {
    return TokenRefused(
        "unsupported_algorithm",
        "the ID token is signed with " + QuoteForMessage(alg) + "; RS256 and ES256 are accepted");
  }
  // The key the token names; the set is fetched again once when it does not hold it (the
  // provider rotated its keys since we last looked).
  std::optional<SigningKey> key;
  for (bool refresh : {false, true}) {
    auto keys = Keys(endpoints.jwks_uri, refresh);
    if (!keys.ok()) return keys.status();
    for (const SigningKey& k : *keys) {
      if (k.alg == alg && (kid.empty() || k.kid == kid)) {
        key = k;
        break;
      }
    }
    if (key) break;
  }
  if (!key) {
    return TokenRefused("bad_signature", "no key of the provider matches the ID token's key id " +
                                             QuoteForMessage(kid));
  }
  const std::string token(id_token);
  jwt_t* raw = nullptr;
  const int decoded =
      jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(key->pem.data()),
                 static_cast<int>(key->pem.size()));
  std::unique_ptr<jwt_t, JwtFree> jwt(raw);
  const jwt_alg_t expected_alg = alg == "RS256" ? JWT_ALG_RS256 : JWT_ALG_ES256;
  if (decoded != 0 || !jwt || jwt_get_alg(jwt.get()) != expected_alg) {
    return TokenRefused("bad_signature", "the ID token's signature does not verify");
  }
  char* grants = jwt_get_grants_json(jwt.get(), nullptr);
  auto claims_json = grants ? ParseJson(grants) : std::nullopt;
  free(grants);
  if (!claims_json || !claims_json->is_object()) {
    return TokenRefused("malformed_token", "the ID token's claims are not a JSON object");
  }
  const json& claims = *claims_json;
  if (Str(claims, "iss") != endpoints.issuer) {
    return TokenRefused("wrong_issuer", "the ID token was issued by " +
                                            QuoteForMessage(Str(claims, "iss")) + ", not " +
                                            QuoteForMessage(endpoints.issuer));
  }
  bool audience_ok = false;
  if (auto aud = claims.find("aud"); aud != claims.end()) {
    if (aud->is_string()) {
      audience_ok = *aud == client_id;
    } else if (aud->is_array()) {
      for (const json& a : *aud) audience_ok |= a.is_string() && a == client_id;
      // With several audiences the token must have been issued to us (OIDC Core §3.1.3.7).
      if (aud->size() > 1) audience_ok &= Str(claims, "azp") == client_id;
    }
  }
  if (!audience_ok) {
    return TokenRefused("wrong_audience", "the ID token was issued for another application");
  }
  const auto seconds_since_epoch =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  auto exp = claims.find("exp");
  if (exp == claims.end() || !exp->is_number() ||
      exp->get<double>() + static_cast<double>(kLeeway.count()) <
          static_cast<double>(seconds_since_epoch)) {
    return TokenRefused("expired", "the ID token has expired");
  }
  if (auto iat = claims.find("iat"); iat != claims.end() && iat->is_number() &&
                                     iat->get<double>() - static_cast<double>(kLeeway.count()) >
                                         static_cast<double>(seconds_since_epoch)) {
    return TokenRefused("expired", "the ID token was issued in the future");
  }
  const std::string nonce = Str(claims, "nonce");
  if (nonce.empty() || !crypto::ConstantTimeEquals(nonce, expected_nonce)) {
    return TokenRefused("wrong_nonce",
                        "the ID token belongs to another sign-in (its nonce differs)");
  }
  domain::IdTokenClaims out;
  out.subject = Str(claims, "sub");
  if (out.subject.empty()) return TokenRefused("malformed_token", "the ID token has no subject");
  for (const auto& [name, value] : claims.items()) {
    if (value.is_string()) {
      out.values[name] = value.get<std::string>();
    } else if (value.is_boolean()) {
      out.values[name] = value.get<bool>() ? "true" : "false";
    } else if (value.is_number_integer()) {
      out.values[name] = std::to_string(value.get<long long>());
    }
  }
  return out;
}

}  // namespace pairwise::sso
