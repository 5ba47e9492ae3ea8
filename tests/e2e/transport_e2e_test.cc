// e2e: the transport and the issuer's keys, with real peers on loopback:
// - the JWKS fetched over HTTP from the issuer's jwks_uri (a real HTTP
//   server), and fetched again when the issuer rotates its key;
// - TLS with a required client certificate (mTLS), with a test CA made by
//   openssl inside the test: no client certificate, or one of another CA,
//   is refused;
// - plaintext on an address that is not loopback is refused at start.

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "adapters/identity/jwt.h"
#include "asn/discipline/v1/rules.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/server_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/webdav_server.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::discipline::testing::ServerProcess;
using ::discipline::testing::StatusIs;
using ::testing::HasSubstr;

std::string Dir(const std::string& name) {
  const std::string dir = absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/", name, "-", getpid());
  std::system(absl::StrCat("rm -rf '", dir, "' && mkdir -p '", dir, "'").c_str());
  return dir;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

grpc::Status Assess(const std::shared_ptr<grpc::Channel>& channel, const std::string& token) {
  auto stub = pb::RulesService::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
  pb::AssessViolationRequest req;
  req.set_provision_id("PP94.4.f");
  req.set_absence_days(12);
  pb::Assessment out;
  return stub->AssessViolation(&ctx, req, &out);
}

identity::DemoClaims Claims(const std::string& issuer) {
  identity::DemoClaims c;
  c.issuer = issuer;
  c.audience = "asn-discipline";
  c.nip = "199208222019032003";
  c.agency_code = "KOTA-CONTOH";
  c.roles = {"operator"};
  c.issued_at = absl::Now();
  return c;
}

// A real HTTP server for the issuer's keys: Python's http.server on a free
// loopback port, serving `dir`. Stopped by PID.
class HttpFiles {
 public:
  explicit HttpFiles(const std::string& dir) : port_(testing::FreeLoopbackPort()) {
    pid_ = fork();
    if (pid_ == 0) {
      execlp("python3", "python3", "-m", "http.server", "--bind", "127.0.0.1", std::to_string(port_).c_str(),
             "--directory", dir.c_str(), nullptr);
      _exit(127);
    }
    // Wait until it answers.
    for (int i = 0; i < 100; ++i) {
      if (std::system(absl::StrCat("bash -c 'exec 3<>/dev/tcp/127.0.0.1/", port_, "' 2>/dev/null").c_str()) == 0) break;
      absl::SleepFor(absl::Milliseconds(100));
    }
  }
  ~HttpFiles() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  std::string url(const std::string& file) const { return absl::StrCat("http://127.0.0.1:", port_, "/", file); }

 private:
  int port_;
  pid_t pid_ = -1;
};

TEST(TransportE2eTest, KeysFetchedFromTheIssuersJwksUriAndAgainAfterARotation) {
  const std::string dir = Dir("jwks");
  const std::string issuer = "https://sso.example.invalid/realms/pemda";
  auto first = *identity::SigningKey::Generate("RS256", "key-2026-1");
  std::ofstream(dir + "/jwks.json") << first->Jwks();
  HttpFiles http(dir);
  const std::string config = dir + "/server.textproto";
  std::ofstream(config) << "identity { issuer: \"" << issuer << "\" audience: \"asn-discipline\" jwks_uri: \""
                        << http.url("jwks.json") << "\" refetch_interval_seconds: 1 }\n";
  auto server = ServerProcess::StartWithArgs({"--no_db", "--config=" + config});
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = (*server)->Channel();
  EXPECT_TRUE(Assess(channel, first->Sign(identity::ClaimsOf(Claims(issuer)))).ok());

  // The issuer rotates: a token of the new key names a kid the server has
  // not seen, and the keys are fetched again.
  auto second = *identity::SigningKey::Generate("ES256", "key-2026-2");
  std::ofstream(dir + "/jwks.json.tmp") << second->Jwks();
  std::rename((dir + "/jwks.json.tmp").c_str(), (dir + "/jwks.json").c_str());
  absl::SleepFor(absl::Milliseconds(1100));
  const grpc::Status rotated = Assess(channel, second->Sign(identity::ClaimsOf(Claims(issuer))));
  EXPECT_TRUE(rotated.ok()) << rotated.error_message();
  // A key the issuer never published stays refused.
  auto stranger = *identity::SigningKey::Generate("ES256", "key-2026-2");
  EXPECT_EQ(Assess(channel, stranger->Sign(identity::ClaimsOf(Claims(issuer)))).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

// Makes a CA and, signed by it, a server certificate for localhost and
// 127.0.0.1 and a client certificate; and a second CA with its own client.
void MakeCertificates(const std::string& dir) {
  const std::string script = absl::StrCat(
      "set -e; cd '", dir, "';",
      "for ca in ca other; do openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $ca.key "
      "-out $ca.pem -days 2 -subj /CN=$ca-test-ca 2>/dev/null; done;",
      "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr "
      "-subj /CN=localhost 2>/dev/null;",
      "printf 'subjectAltName=DNS:localhost,IP:127.0.0.1' > san.ext;",
      "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 "
      "-extfile san.ext 2>/dev/null;",
      "for c in client:ca stranger:other; do n=${c%%:*}; a=${c##*:};",
      " openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $n.key -out $n.csr -subj /CN=$n "
      "2>/dev/null;",
      " openssl x509 -req -in $n.csr -CA $a.pem -CAkey $a.key -CAcreateserial -out $n.pem -days 2 2>/dev/null; done");
  std::ofstream(dir + "/make-ca.sh") << script << "\n";
  ASSERT_EQ(std::system(absl::StrCat("bash '", dir, "/make-ca.sh' >'", dir, "/make-ca.log' 2>&1").c_str()), 0)
      << ReadFile(dir + "/make-ca.log");
}

std::shared_ptr<grpc::Channel> TlsChannel(const std::string& address, const std::string& dir,
                                          const std::string& client) {
  grpc::SslCredentialsOptions o;
  o.pem_root_certs = ReadFile(dir + "/ca.pem");
  if (!client.empty()) {
    o.pem_cert_chain = ReadFile(dir + "/" + client + ".pem");
    o.pem_private_key = ReadFile(dir + "/" + client + ".key");
  }
  return grpc::CreateChannel(address, grpc::SslCredentials(o));
}

TEST(TransportE2eTest, MutualTlsRefusesAMissingOrForeignClientCertificate) {
  const std::string dir = Dir("tls");
  MakeCertificates(dir);
  const std::string config = dir + "/server.textproto";
  std::ofstream(config) << testing::IdentityConfig() << "tls { cert_file: \"" << dir << "/server.pem\" key_file: \""
                        << dir << "/server.key\" client_ca_file: \"" << dir
                        << "/ca.pem\" require_client_cert: true }\n";
  auto server = ServerProcess::StartWithArgs({"--no_db", "--config=" + config});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string address = absl::StrCat("localhost:", (*server)->port());
  auto issuer = testing::DemoIssuer();
  ASSERT_TRUE(issuer.ok());
  const std::string token = (*issuer)->Mint("199208222019032003", "", "KOTA-CONTOH", {"operator"});

  const grpc::Status with_client = Assess(TlsChannel(address, dir, "client"), token);
  EXPECT_TRUE(with_client.ok()) << with_client.error_code() << " " << with_client.error_message();
  EXPECT_EQ(Assess(TlsChannel(address, dir, ""), token).error_code(), grpc::StatusCode::UNAVAILABLE)
      << "no client certificate";
  EXPECT_EQ(Assess(TlsChannel(address, dir, "stranger"), token).error_code(), grpc::StatusCode::UNAVAILABLE)
      << "a client certificate of another CA";
  // TLS does not replace the token.
  EXPECT_EQ(Assess(TlsChannel(address, dir, "client"), "").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // Plaintext to the TLS port does not get through either.
  EXPECT_EQ(Assess(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()), token).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST(TransportE2eTest, PlaintextOffLoopbackIsRefusedAtStart) {
  const std::string config = Dir("plain") + "/server.textproto";
  std::ofstream(config) << testing::IdentityConfig();
  auto server = ServerProcess::StartWithArgs({"--no_db", "--listen=0.0.0.0:0", "--config=" + config});
  EXPECT_THAT(server.status(), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("with status 2")));
}

TEST(TransportE2eTest, NoIdentityConfigurationIsRefusedAtStart) {
  auto server = ServerProcess::StartWithArgs({"--no_db"});
  EXPECT_THAT(server.status(), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("with status 2")));
}

}  // namespace
}  // namespace discipline
