// unit: token verification (adapters/identity) with real keys (OpenSSL,
// RS256 and ES256) and a fake clock: a good token gives its caller, and
// every way a token can be wrong is UNAUTHENTICATED.

#include "adapters/identity/jwt_verifier.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace discipline::identity {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;

class FakeClock final : public ports::Clock {
 public:
  absl::Time Now() const override { return now; }
  absl::Time now = absl::FromUnixSeconds(1796000000);  // Dec 2026
};

constexpr char kIssuer[] = "https://sso.example.invalid/realms/pemda";
constexpr char kAudience[] = "asn-discipline";

class JwtVerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    es_ = *SigningKey::Generate("ES256", "es-1");
    rs_ = *SigningKey::Generate("RS256", "rs-1");
    // One JWKS with both keys.
    jwks_ = ::testing::TempDir() + "/jwks-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + ".json";
    const std::string a = es_->Jwks(), b = rs_->Jwks();
    // {"keys":[A]} + {"keys":[B]} → {"keys":[A,B]}
    std::ofstream(jwks_) << a.substr(0, a.size() - 2) << "," << b.substr(b.find('[') + 1);
    VerifierOptions o;
    o.issuer = kIssuer;
    o.audience = kAudience;
    o.jwks_file = jwks_;
    verifier_ = *JwtVerifier::Create(o, clock_);
  }
  DemoClaims Claims() const {
    DemoClaims c;
    c.issuer = kIssuer;
    c.audience = kAudience;
    c.nip = "199006052015031005";
    c.name = "Andi Saputra";
    c.agency_code = "KOTA-CONTOH";
    c.roles = {"operator", "not-a-role-of-this-service"};
    c.issued_at = clock_.now;
    c.lifetime = absl::Minutes(30);
    c.jti = "jti-1";
    return c;
  }
  FakeClock clock_;
  std::unique_ptr<SigningKey> es_, rs_;
  std::string jwks_;
  std::unique_ptr<JwtVerifier> verifier_;
};

TEST_F(JwtVerifierTest, GoodTokensOfBothAlgorithmsGiveTheirCaller) {
  for (const SigningKey* key : {es_.get(), rs_.get()}) {
    auto caller = verifier_->Verify(key->Sign(ClaimsOf(Claims())));
    ASSERT_TRUE(caller.ok()) << key->alg() << ": " << caller.status();
    EXPECT_EQ(caller->nip, "199006052015031005");
    EXPECT_EQ(caller->agency_code, "KOTA-CONTOH");
    EXPECT_EQ(caller->roles, std::set<domain::Role>{domain::Role::kOperator});
    EXPECT_EQ(caller->session, "jti-1");
  }
}

TEST_F(JwtVerifierTest, KeycloakRealmRolesAndUsernameAreRead) {
  google::protobuf::Struct claims = ClaimsOf(Claims());
  claims.mutable_fields()->erase("nip");
  claims.mutable_fields()->erase("roles");
  (*claims.mutable_fields())["preferred_username"].set_string_value("19900605 201503 1 005");
  auto* realm = (*claims.mutable_fields())["realm_access"].mutable_struct_value();
  (*realm->mutable_fields())["roles"].mutable_list_value()->add_values()->set_string_value("intake");
  auto caller = verifier_->Verify(es_->Sign(claims));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->nip, "199006052015031005");
  EXPECT_TRUE(caller->Has(domain::Role::kIntake));
}

// Keycloak: the client roles of this service (resource_access.<client>)
// are preferred to the realm's; another client's roles are not ours.
TEST_F(JwtVerifierTest, KeycloakClientRolesArePreferredToRealmRoles) {
  google::protobuf::Struct claims = ClaimsOf(Claims());
  claims.mutable_fields()->erase("roles");
  auto* realm = (*claims.mutable_fields())["realm_access"].mutable_struct_value();
  (*realm->mutable_fields())["roles"].mutable_list_value()->add_values()->set_string_value("operator");
  auto* access = (*claims.mutable_fields())["resource_access"].mutable_struct_value();
  auto* mine = (*access->mutable_fields())[kAudience].mutable_struct_value();
  (*mine->mutable_fields())["roles"].mutable_list_value()->add_values()->set_string_value("auditor");
  auto* other = (*access->mutable_fields())["another-client"].mutable_struct_value();
  (*other->mutable_fields())["roles"].mutable_list_value()->add_values()->set_string_value("admin");
  auto caller = verifier_->Verify(es_->Sign(claims));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->roles, std::set<domain::Role>{domain::Role::kAuditor});
}

// Keycloak's azp: a token issued to another client is refused, unless that
// client is configured as an authorized party.
TEST_F(JwtVerifierTest, ATokenIssuedToAnotherClientIsRefused) {
  google::protobuf::Struct claims = ClaimsOf(Claims());
  (*claims.mutable_fields())["azp"].set_string_value("some-other-app");
  EXPECT_THAT(verifier_->Verify(es_->Sign(claims)), StatusIs(absl::StatusCode::kUnauthenticated));
  (*claims.mutable_fields())["azp"].set_string_value(kAudience);
  EXPECT_TRUE(verifier_->Verify(es_->Sign(claims)).ok());
  VerifierOptions o;
  o.issuer = kIssuer;
  o.audience = kAudience;
  o.jwks_file = jwks_;
  o.authorized_parties = {"intranet-portal"};
  auto portal = *JwtVerifier::Create(o, clock_);
  (*claims.mutable_fields())["azp"].set_string_value("intranet-portal");
  EXPECT_TRUE(portal->Verify(es_->Sign(claims)).ok());
}

TEST_F(JwtVerifierTest, ExpiryAndNotBeforeWithAtMostSixtySecondsOfSkew) {
  const std::string token = es_->Sign(ClaimsOf(Claims()));  // valid for 30 min
  clock_.now += absl::Minutes(30) + absl::Seconds(50);      // expired 50 s ago: within skew
  EXPECT_TRUE(verifier_->Verify(token).ok());
  clock_.now += absl::Seconds(20);  // 70 s past exp
  EXPECT_THAT(verifier_->Verify(token), StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("expired")));
  // Not yet valid: issued 2 minutes ahead of the clock.
  DemoClaims future = Claims();
  future.issued_at = clock_.now + absl::Minutes(2);
  EXPECT_THAT(verifier_->Verify(es_->Sign(ClaimsOf(future))),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("not yet valid")));
}

TEST_F(JwtVerifierTest, WrongIssuerAudienceOrKeyIsRefused) {
  DemoClaims issuer = Claims();
  issuer.issuer = "https://elsewhere.invalid/realms/x";
  EXPECT_THAT(verifier_->Verify(es_->Sign(ClaimsOf(issuer))),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("issuer")));
  DemoClaims audience = Claims();
  audience.audience = "another-service";
  EXPECT_THAT(verifier_->Verify(es_->Sign(ClaimsOf(audience))),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("audience")));
  auto stranger = *SigningKey::Generate("ES256", "unknown-kid");
  EXPECT_THAT(verifier_->Verify(stranger->Sign(ClaimsOf(Claims()))),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("unknown key")));
  // A key of another type than the token's algorithm.
  auto mismatch = *SigningKey::Generate("ES256", "rs-1");  // claims the RSA key's kid
  EXPECT_THAT(verifier_->Verify(mismatch->Sign(ClaimsOf(Claims()), "ES256")),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("not of the token's algorithm")));
}

TEST_F(JwtVerifierTest, TamperedPayloadIsRefused) {
  const std::string token = es_->Sign(ClaimsOf(Claims()));
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  DemoClaims admin = Claims();
  admin.roles = {"admin", "supervisor"};
  std::vector<std::string> forged = absl::StrSplit(es_->Sign(ClaimsOf(admin)), '.');
  const std::string tampered = absl::StrCat(parts[0], ".", forged[1], ".", parts[2]);
  EXPECT_THAT(verifier_->Verify(tampered), StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("signature")));
}

TEST_F(JwtVerifierTest, AlgNoneIsRefused) {
  const std::string token = es_->Sign(ClaimsOf(Claims()), "none");
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  EXPECT_THAT(verifier_->Verify(absl::StrCat(parts[0], ".", parts[1], ".")),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("algorithm")));
}

// Key confusion: HS256 "signed" with the public key (the JWKS text) as the
// HMAC secret. A verifier that trusted the header's alg would accept it.
TEST_F(JwtVerifierTest, Hs256WithThePublicKeyAsSecretIsRefused) {
  const std::string template_token = rs_->Sign(ClaimsOf(Claims()), "HS256");
  std::vector<std::string> parts = absl::StrSplit(template_token, '.');
  const std::string signed_part = absl::StrCat(parts[0], ".", parts[1]);
  const std::string secret = rs_->Jwks();
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(), mac, &len);
  const std::string token = absl::StrCat(signed_part, ".", Base64Url(std::string(reinterpret_cast<char*>(mac), len)));
  EXPECT_THAT(verifier_->Verify(token), StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("algorithm")));
}

TEST_F(JwtVerifierTest, OversizedOrMalformedTokensAreRefused) {
  DemoClaims big = Claims();
  big.name = std::string(10000, 'x');
  EXPECT_THAT(verifier_->Verify(es_->Sign(ClaimsOf(big))),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("too large")));
  for (const char* bad : {"", "a.b", "not-a-jwt", "a.b.c.d", "!!!.???.###"}) {
    EXPECT_THAT(verifier_->Verify(bad), StatusIs(absl::StatusCode::kUnauthenticated)) << bad;
  }
  DemoClaims no_roles = Claims();
  no_roles.roles = {"unknown"};
  EXPECT_THAT(verifier_->Verify(es_->Sign(ClaimsOf(no_roles))),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("role")));
}

TEST_F(JwtVerifierTest, AVerifiedTokenIsCachedUntilItExpires) {
  const std::string token = es_->Sign(ClaimsOf(Claims()));
  ASSERT_TRUE(verifier_->Verify(token).ok());
  ASSERT_TRUE(verifier_->Verify(token).ok());
  EXPECT_EQ(verifier_->signature_checks(), 1);
  clock_.now += absl::Hours(1);
  EXPECT_THAT(verifier_->Verify(token), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(JwtVerifierOptions, BadOptionsAreRefused) {
  FakeClock clock;
  VerifierOptions o;
  o.issuer = kIssuer;
  o.audience = kAudience;
  EXPECT_THAT(JwtVerifier::Create(o, clock), StatusIs(absl::StatusCode::kInvalidArgument));
  o.jwks_file = "/nonexistent/jwks.json";
  EXPECT_THAT(JwtVerifier::Create(o, clock), StatusIs(absl::StatusCode::kInvalidArgument));
  o.max_skew = absl::Seconds(300);
  EXPECT_THAT(JwtVerifier::Create(o, clock), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace discipline::identity
