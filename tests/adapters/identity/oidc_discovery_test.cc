// e2e: single sign-on as agencies deploy it (api.md third stage, project
// issue "SSO as agencies deploy it"): the keys found by OpenID discovery
// from the issuer URL (OpenID Connect Discovery 1.0), against a contract
// identity provider on loopback serving the discovery document and its JWKS,
// with tokens signed by a test key; and the claim names by configuration.

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/identity/jwt.h"
#include "adapters/identity/jwt_verifier.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/contract/oidc_contract_server.h"
#include "tests/testing/status_matchers.h"

namespace discipline::identity {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;
using ContractIdp = ::discipline::testing::OidcContractServer;

constexpr char kAudience[] = "asn-discipline";

class OidcDiscoveryTest : public ::testing::Test {
 protected:
  void SetUp() override { key_ = *SigningKey::Generate("RS256", "realm-key-1"); }
  VerifierOptions Options() const {
    VerifierOptions o;
    o.issuer = idp_->issuer();
    o.audience = kAudience;
    o.discover = true;
    o.fetch_timeout = absl::Seconds(3);
    return o;
  }
  google::protobuf::Struct Claims() const {
    DemoClaims c;
    c.issuer = idp_->issuer();
    c.audience = kAudience;
    c.nip = "199006052015031005";
    c.name = "Andi Saputra";
    c.agency_code = "KOTA-CONTOH";
    c.roles = {"operator"};
    c.issued_at = absl::Now();
    c.lifetime = absl::Minutes(10);
    c.jti = "jti-oidc";
    return ClaimsOf(c);
  }
  void StartIdp() { idp_ = std::make_unique<ContractIdp>(*key_); }
  ports::SystemClock clock_;
  std::unique_ptr<SigningKey> key_;
  std::unique_ptr<ContractIdp> idp_;
};

TEST_F(OidcDiscoveryTest, KeysComeFromTheDiscoveredJwksUri) {
  StartIdp();
  auto verifier = JwtVerifier::Create(Options(), clock_);
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  EXPECT_EQ(idp_->discoveries.load(), 1);
  EXPECT_EQ(idp_->key_fetches.load(), 1);
  auto caller = (*verifier)->Verify(key_->Sign(Claims()));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->nip, "199006052015031005");
  EXPECT_TRUE(caller->Has(domain::Role::kOperator));
  // A token of another key is still refused: discovery adds no trust.
  auto other = *SigningKey::Generate("RS256", "realm-key-1");
  EXPECT_THAT((*verifier)->Verify(other->Sign(Claims())), StatusIs(absl::StatusCode::kUnauthenticated));
}

// OpenID Connect Discovery 1.0 §4.3: the document's issuer must be the URL
// the configuration names, or it is not used.
TEST_F(OidcDiscoveryTest, ADocumentNamingAnotherIssuerStopsTheStart) {
  StartIdp();
  idp_->named_issuer = "https://sso.attacker.invalid/realms/pemda";
  EXPECT_THAT(JwtVerifier::Create(Options(), clock_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("names issuer")));
  EXPECT_EQ(idp_->key_fetches.load(), 0) << "no keys are taken from a document of another issuer";
}

TEST_F(OidcDiscoveryTest, ADocumentWithoutJwksUriStopsTheStart) {
  StartIdp();
  idp_->with_jwks_uri = false;
  EXPECT_THAT(JwtVerifier::Create(Options(), clock_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("jwks_uri")));
}

// The provider down at start-up: the server starts, a token is UNAVAILABLE
// (not UNAUTHENTICATED) until the provider answers, then it verifies.
TEST_F(OidcDiscoveryTest, AProviderDownAtStartIsAskedAgainOnTheFirstToken) {
  StartIdp();
  idp_->down = true;
  VerifierOptions o = Options();
  o.refetch_interval = absl::ZeroDuration();
  auto verifier = JwtVerifier::Create(o, clock_);
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  const std::string token = key_->Sign(Claims());
  EXPECT_THAT((*verifier)->Verify(token), StatusIs(absl::StatusCode::kUnavailable));
  idp_->down = false;
  auto caller = (*verifier)->Verify(token);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->agency_code, "KOTA-CONTOH");
}

TEST(OidcDiscovery, AnIssuerInTheClearOffLoopbackIsRefused) {
  EXPECT_THAT(DiscoverJwksUri("http://sso.example.invalid/realms/pemda", absl::Seconds(1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// Claim names by configuration: the NIP, the agency and the roles where the
// agency's SSO puts them; Keycloak's client roles still come first.
TEST_F(OidcDiscoveryTest, ClaimNamesByConfiguration) {
  StartIdp();
  VerifierOptions o = Options();
  o.nip_claim = "attributes.nip_baru";
  o.agency_claim = "instansi";
  o.roles_claim = "groups";
  auto verifier = JwtVerifier::Create(o, clock_);
  ASSERT_TRUE(verifier.ok()) << verifier.status();

  google::protobuf::Struct claims = Claims();
  claims.mutable_fields()->erase("nip");
  claims.mutable_fields()->erase("agency_code");
  auto* attributes = (*claims.mutable_fields())["attributes"].mutable_struct_value();
  (*attributes->mutable_fields())["nip_baru"].set_string_value("198009092005012002");
  (*claims.mutable_fields())["instansi"].set_string_value("PROV-CONTOH");
  (*claims.mutable_fields())["groups"].mutable_list_value()->add_values()->set_string_value("ppk");
  auto caller = (*verifier)->Verify(key_->Sign(claims));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->nip, "198009092005012002");
  EXPECT_EQ(caller->agency_code, "PROV-CONTOH");
  // The "roles" claim is not read when roles_claim names another.
  EXPECT_EQ(caller->roles, std::set<domain::Role>{domain::Role::kPpk});

  // Without the configured agency claim the token is refused, even with
  // the default one.
  google::protobuf::Struct default_only = Claims();
  EXPECT_THAT((*verifier)->Verify(key_->Sign(default_only)),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("agency_code")));

  // Keycloak's client roles of this service are preferred to roles_claim's.
  auto* access = (*claims.mutable_fields())["resource_access"].mutable_struct_value();
  auto* mine = (*access->mutable_fields())[kAudience].mutable_struct_value();
  (*mine->mutable_fields())["roles"].mutable_list_value()->add_values()->set_string_value("auditor");
  (*claims.mutable_fields())["jti"].set_string_value("jti-oidc-2");
  auto client = (*verifier)->Verify(key_->Sign(claims));
  ASSERT_TRUE(client.ok()) << client.status();
  EXPECT_EQ(client->roles, std::set<domain::Role>{domain::Role::kAuditor});
}

// A roles claim given as one string of names separated by spaces (the form
// of OAuth 2.0's scope, RFC 6749 section 3.3) is read like a list; a name
// this service does not know gives no role.
TEST_F(OidcDiscoveryTest, ARolesClaimSeparatedBySpacesIsReadLikeAList) {
  StartIdp();
  VerifierOptions o = Options();
  o.roles_claim = "scope_roles";
  auto verifier = JwtVerifier::Create(o, clock_);
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  google::protobuf::Struct claims = Claims();
  (*claims.mutable_fields())["scope_roles"].set_string_value("openid  operator auditor profile");
  auto caller = (*verifier)->Verify(key_->Sign(claims));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->roles, (std::set<domain::Role>{domain::Role::kOperator, domain::Role::kAuditor}));

  (*claims.mutable_fields())["scope_roles"].set_string_value("openid profile");
  (*claims.mutable_fields())["jti"].set_string_value("jti-oidc-scope-2");
  EXPECT_THAT((*verifier)->Verify(key_->Sign(claims)),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("no role")));
}

TEST(OidcOptions, DiscoveryIsOneOfTheKeySources) {
  ports::SystemClock clock;
  VerifierOptions o;
  o.issuer = "https://sso.example.invalid/realms/pemda";
  o.audience = kAudience;
  o.discover = true;
  o.jwks_uri = "https://sso.example.invalid/certs";
  EXPECT_THAT(JwtVerifier::Create(o, clock), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("exactly one")));
}

}  // namespace
}  // namespace discipline::identity
