// The OpenID Connect provider over HTTPS (domain::OidcProvider): discovery, the token endpoint
// and ID token verification with libjwt over OpenSSL against the provider's JWKS.
//
// Discovery documents are kept for an hour and key sets until a token names a key id they do
// not hold (the provider rotated its keys), in process memory: both are the provider's public
// documents, the same for every user and every server.
//
// Thread safety: every method may be called from any thread at once.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/sso/sso.h"
#include "sso/https_client.h"

namespace pairwise::sso {

// A verification key of the provider's JWKS, converted to PEM for libjwt.
struct SigningKey {
  std::string kid;
  std::string alg;  // "RS256" or "ES256"
  std::string pem;
};

// The usable keys of a JWKS document (RSA of 2048 bits or more, EC P-256; "use" absent or
// "sig"); others are skipped. InvalidArgument when `jwks_json` is not a key set.
Result<std::vector<SigningKey>> ParseJwks(std::string_view jwks_json);

class HttpsOidcProvider final : public domain::OidcProvider {
 public:
  // `clock` (for the discovery cache) must outlive the provider.
  HttpsOidcProvider(HttpsClientOptions options, const Clock& clock)
      : client_(std::move(options)), clock_(clock) {}

  Result<domain::OidcEndpoints> Discover(std::string_view issuer) override;
  Result<std::string> RedeemCode(const domain::OidcEndpoints& endpoints,
                                 const domain::SsoSettings& client, std::string_view code,
                                 std::string_view code_verifier,
                                 std::string_view redirect_uri) override;
  Result<domain::IdTokenClaims> VerifyIdToken(const domain::OidcEndpoints& endpoints,
                                              std::string_view id_token, std::string_view client_id,
                                              std::string_view expected_nonce,
                                              TimePoint now) override;

 private:
  // The keys at `jwks_uri`; fetched when not cached or when `refresh`.
  Result<std::vector<SigningKey>> Keys(const std::string& jwks_uri, bool refresh);

  HttpsClient client_;
  const Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, std::pair<domain::OidcEndpoints, TimePoint>> discovered_;  // by issuer
  std::map<std::string, std::vector<SigningKey>> keys_;                            // by jwks_uri
};

}  // namespace pairwise::sso
