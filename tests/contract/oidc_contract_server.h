#ifndef DISCIPLINE_TESTS_CONTRACT_OIDC_CONTRACT_SERVER_H_
#define DISCIPLINE_TESTS_CONTRACT_OIDC_CONTRACT_SERVER_H_

// An OpenID provider on loopback for the tests of single sign-on (OpenID
// Connect Discovery 1.0 and a JWKS), in Keycloak's URL shape.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "adapters/identity/jwt.h"

namespace discipline::testing {

// A Keycloak-shaped identity provider: /realms/pemda/.well-known/
// openid-configuration and the realm's certs.
class OidcContractServer {
 public:
  explicit OidcContractServer(const identity::SigningKey& key) : jwks_(key.Jwks()) {
    server_.Get("/realms/pemda/.well-known/openid-configuration",
                [this](const httplib::Request&, httplib::Response& res) {
                  ++discoveries;
                  if (down) {
                    res.status = 503;
                    return;
                  }
                  const std::string named = named_issuer.empty() ? issuer() : named_issuer;
                  std::string doc = absl::StrCat(R"({"issuer": ")", named, R"(", "authorization_endpoint": ")",
                                                 issuer(), R"(/protocol/openid-connect/auth")");
                  if (with_jwks_uri)
                    absl::StrAppend(&doc, R"(, "jwks_uri": ")", issuer(), R"(/protocol/openid-connect/certs")");
                  res.set_content(doc + "}", "application/json");
                });
    server_.Get("/realms/pemda/protocol/openid-connect/certs", [this](const httplib::Request&, httplib::Response& res) {
      ++key_fetches;
      res.set_content(jwks_, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~OidcContractServer() {
    server_.stop();
    thread_.join();
  }
  std::string issuer() const { return absl::StrCat("http://127.0.0.1:", port_, "/realms/pemda"); }

  std::atomic<bool> down{false};
  std::atomic<bool> with_jwks_uri{true};
  std::string named_issuer;  // set before the first call: another issuer in the document
  std::atomic<int> discoveries{0};
  std::atomic<int> key_fetches{0};

 private:
  std::string jwks_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_CONTRACT_OIDC_CONTRACT_SERVER_H_
