// e2e: the real server trusting an agency's single sign-on configured by
// its issuer URL alone (identity { oidc_issuer }): the keys found by OpenID
// discovery on a contract provider on loopback, the claims where the
// agency's SSO puts them (nip_claim, roles_claim).

#include <grpcpp/client_context.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/identity/jwt.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/contract/oidc_contract_server.h"
#include "tests/testing/server_process.h"
#include "tests/testing/test_db.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::discipline::testing::OidcContractServer;
using ::discipline::testing::ServerProcess;
using ::discipline::testing::TestDatabase;

class OidcE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = *identity::SigningKey::Generate("ES256", "pemda-key");
    idp_ = std::make_unique<OidcContractServer>(*key_);
    auto db = TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    const std::string tmp = std::getenv("DISCIPLINE_TEST_TMP");
    const std::string config = absl::StrCat(tmp, "/server-oidc-", db_->name(), ".textproto");
    std::ofstream(config) << "documents { local_dir: \"" << tmp << "/documents-oidc-" << db_->name() << "\" }\n"
                          << ::discipline::testing::ReporterKeyConfig() << "identity { oidc_issuer: \""
                          << idp_->issuer() << "\" audience: \"asn-discipline\""
                          << " nip_claim: \"attributes.nip\" roles_claim: \"groups\" }\n";
    auto server = ServerProcess::Start(*db_, {"--config=" + config});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  grpc::Status ListAs(const identity::SigningKey& key, const std::string& role) {
    identity::DemoClaims c;
    c.issuer = idp_->issuer();
    c.audience = "asn-discipline";
    c.name = "Rina Marlina";
    c.agency_code = "KOTA-CONTOH";
    c.issued_at = absl::Now();
    c.lifetime = absl::Minutes(10);
    c.jti = absl::StrCat("oidc-", role);
    google::protobuf::Struct claims = identity::ClaimsOf(c);
    auto* attributes = (*claims.mutable_fields())["attributes"].mutable_struct_value();
    (*attributes->mutable_fields())["nip"].set_string_value("198009092005012002");
    (*claims.mutable_fields())["groups"].mutable_list_value()->add_values()->set_string_value(role);
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    ctx.AddMetadata("authorization", "Bearer " + key.Sign(claims));
    pb::ListCasesRequest req;
    pb::ListCasesResponse resp;
    return pb::CaseService::NewStub(server_->Channel())->ListCases(&ctx, req, &resp);
  }

  std::unique_ptr<identity::SigningKey> key_;
  std::unique_ptr<OidcContractServer> idp_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(OidcE2eTest, TheIssuerUrlAloneFindsTheKeysAndTheClaimsAreReadWhereConfigured) {
  EXPECT_GE(idp_->discoveries.load(), 1) << "the discovery document is read at start-up";
  const grpc::Status ok = ListAs(*key_, "operator");
  EXPECT_TRUE(ok.ok()) << ok.error_message();
  // A token of a key the provider does not publish is refused.
  auto other = *identity::SigningKey::Generate("ES256", "pemda-key");
  EXPECT_EQ(ListAs(*other, "operator").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // A group that is no role of this service gives no access.
  EXPECT_EQ(ListAs(*key_, "not-a-role").error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace discipline
