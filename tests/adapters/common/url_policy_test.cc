// unit: the outside services' addresses are https, except on loopback
// (adapters/common/url_policy.h), as the server checks its config at
// start-up.

#include "adapters/common/url_policy.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace discipline::adapters {
namespace {

using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;

TEST(RequireTlsOffLoopback, HttpsAnywhere) {
  EXPECT_TRUE(RequireTlsOffLoopback("https://sso.pemda.example.go.id/realms/pemda/certs", "identity.jwks_uri").ok());
  EXPECT_TRUE(RequireTlsOffLoopback("HTTPS://apimws.bkn.go.id:8243/apisiasn/1.0", "siasn.endpoint").ok());
}

TEST(RequireTlsOffLoopback, PlainHttpOnlyOnLoopback) {
  for (const char* url :
       {"http://127.0.0.1:8080/dav/", "http://localhost/x", "http://[::1]:9000/", "http://127.10.0.3/"}) {
    EXPECT_TRUE(RequireTlsOffLoopback(url, "documents.webdav.base_url").ok()) << url;
  }
  EXPECT_THAT(RequireTlsOffLoopback("http://dav.pemda.example.go.id/", "documents.webdav.base_url"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("documents.webdav.base_url")));
  EXPECT_THAT(RequireTlsOffLoopback("http://10.0.0.5/certs", "identity.jwks_uri"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("https")));
  // A name that only starts like loopback is not loopback.
  EXPECT_THAT(RequireTlsOffLoopback("http://127.0.0.1.evil.example/", "siasn.token_url"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(RequireTlsOffLoopback("http://localhost.evil.example/", "siasn.token_url"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RequireTlsOffLoopback, OtherSchemesAndNonUrlsAreRefused) {
  EXPECT_THAT(RequireTlsOffLoopback("ftp://127.0.0.1/", "siasn.endpoint"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(RequireTlsOffLoopback("not a url", "siasn.endpoint"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RequireTlsOffLoopback, TheFirstBadAddressOfTheListIsNamedAndEmptyOnesAreSkipped) {
  EXPECT_TRUE(RequireTlsOffLoopback({{"identity.jwks_uri", ""}, {"siasn.endpoint", "https://x.example/"}}).ok());
  EXPECT_THAT(RequireTlsOffLoopback({{"identity.jwks_uri", "https://sso.example/"},
                                     {"siasn.token_url", "http://siasn.example/oauth2/token"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("siasn.token_url")));
}

}  // namespace
}  // namespace discipline::adapters
