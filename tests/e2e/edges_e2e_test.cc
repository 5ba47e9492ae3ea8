// e2e (security): the edges of the server, through the real server binary
// (api.md, third stage, "Safe edges"; docs/security.md "Security"):
//
// - start-up refusals: the HTTP gateway in plaintext off loopback, an
//   outside service's address in plain http off loopback;
// - the gateway bounds slow headers and idle keep-alive connections;
// - uploads: a bounded number in flight per caller, and the quota checked
//   while the stream arrives.

#include <arpa/inet.h>
#include <grpcpp/client_context.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "asn/discipline/v1/documents.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"
#include "tests/testing/status_matchers.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using grpc::StatusCode;
using ::testing::HasSubstr;

constexpr char kOperator[] = "199208222019032003";  // Dewi Lestari

// Start-up refusals of the edges (exit status 2): the HTTP gateway in
// plaintext off loopback, like the gRPC port; an outside service's address
// in plain http off loopback (the issuer's keys here).
std::string ConfigDir(const std::string& name) {
  const std::string dir = absl::StrCat(std::getenv("DISCIPLINE_TEST_TMP"), "/", name, "-", getpid());
  std::system(absl::StrCat("rm -rf '", dir, "' && mkdir -p '", dir, "'").c_str());
  return dir;
}

TEST(EdgeE2eTest, TheHttpGatewayOffLoopbackIsRefusedAtStart) {
  const std::string config = ConfigDir("http-edge") + "/server.textproto";
  std::ofstream(config) << ::discipline::testing::IdentityConfig();
  auto server = ::discipline::testing::ServerProcess::StartWithArgs(
      {"--no_db", "--listen=127.0.0.1:0", "--http_listen=0.0.0.0:0", "--config=" + config});
  EXPECT_THAT(server.status(),
              ::discipline::testing::StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("with status 2")));
}

TEST(EdgeE2eTest, APlainHttpJwksUriOffLoopbackIsRefusedAtStart) {
  const std::string config = ConfigDir("jwks-edge") + "/server.textproto";
  std::ofstream(config) << "identity { issuer: \"https://sso.example.invalid/realms/pemda\" audience: "
                           "\"asn-discipline\" jwks_uri: \"http://sso.example.invalid/realms/pemda/certs\" }\n";
  auto server =
      ::discipline::testing::ServerProcess::StartWithArgs({"--no_db", "--listen=127.0.0.1:0", "--config=" + config});
  EXPECT_THAT(server.status(),
              ::discipline::testing::StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("with status 2")));
}

// SIASN's API base (both bearer tokens go there) and its SSO token URL (the
// operator's password goes there): https off loopback, like the others.
TEST(EdgeE2eTest, PlainHttpSiasnAddressesOffLoopbackAreRefusedAtStart) {
  for (const std::string siasn : {"siasn { api_base: \"http://apimws.example.invalid:8243\" }",
                                  "siasn { sso_token_url: \"http://sso-siasn.example.invalid/token\" }"}) {
    const std::string config = ConfigDir("siasn-edge") + "/server.textproto";
    std::ofstream(config) << ::discipline::testing::IdentityConfig() << "\n" << siasn << "\n";
    auto server =
        ::discipline::testing::ServerProcess::StartWithArgs({"--no_db", "--listen=127.0.0.1:0", "--config=" + config});
    EXPECT_THAT(server.status(),
                ::discipline::testing::StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("with status 2")))
        << siasn;
  }
}

// The gateway bounds a slow sender: a request whose headers stop coming is
// cut off after the read timeout (5 s) and the keep-alive wait (5 s), and an
// idle keep-alive connection is closed after the keep-alive timeout (5 s).
class GatewayEdgeE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  GatewayEdgeE2eTest() { with_http_ = true; }
  int Connect() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(http_port_));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    timeval limit{20, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    return fd;
  }
  // Reads until the server closes the connection (or 20 s pass); how long
  // that took.
  absl::Duration UntilClosed(int fd) {
    const absl::Time start = absl::Now();
    char buffer[4096];
    while (recv(fd, buffer, sizeof buffer, 0) > 0) {
    }
    close(fd);
    return absl::Now() - start;
  }
};

TEST_F(GatewayEdgeE2eTest, SlowHeadersAreCutOffAfterTheReadTimeout) {
  const int fd = Connect();
  const std::string partial = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  ASSERT_EQ(send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  const absl::Duration held = UntilClosed(fd);
  // The read timeout (5 s), then the keep-alive wait (5 s) before the
  // connection closes: 10 s, where the former bounds held it 15 s.
  EXPECT_GE(held, absl::Seconds(4));
  EXPECT_LT(held, absl::Seconds(12)) << "the connection was held " << held;
}

TEST_F(GatewayEdgeE2eTest, AnIdleKeepAliveConnectionIsClosed) {
  const int fd = Connect();
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  ASSERT_EQ(send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  const absl::Duration held = UntilClosed(fd);  // the answer, then the idle wait
  EXPECT_LT(held, absl::Seconds(8)) << "the connection was held " << held;
}

// Uploads: at most max_concurrent_uploads_per_caller in flight per caller,
// and the per-caller quota checked while the stream arrives (the server
// ends the stream before the client has sent it all).
class UploadEdgeE2eTest : public ::discipline::testing::CaseE2eTest {
 protected:
  UploadEdgeE2eTest() { extra_config_ = "max_concurrent_uploads_per_caller: 2 max_bytes_per_caller_per_day: 6000000"; }
  struct Open {
    std::unique_ptr<grpc::ClientContext> ctx;
    pb::DocumentRef ref;
    std::unique_ptr<grpc::ClientWriter<pb::UploadDocumentRequest>> writer;
  };
  std::unique_ptr<Open> Start(pb::DocumentService::Stub& stub, const std::string& nip) {
    auto o = std::make_unique<Open>();
    o->ctx = std::make_unique<grpc::ClientContext>();
    o->ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
    ::discipline::testing::AddToken(*o->ctx, nip, "KOTA-CONTOH", {"operator"});
    o->writer = stub.UploadDocument(o->ctx.get(), &o->ref);
    pb::UploadDocumentRequest m;
    m.mutable_metadata()->set_kind(pb::DOCUMENT_KIND_BUKTI);
    m.mutable_metadata()->set_file_name("bukti.txt");
    m.mutable_metadata()->set_media_type("text/plain");
    o->writer->Write(m);
    return o;
  }
  grpc::Status Done(Open& o, const std::string& bytes) {
    pb::UploadDocumentRequest chunk;
    chunk.set_chunk(bytes);
    o.writer->Write(chunk);
    o.writer->WritesDone();
    return o.writer->Finish();
  }
};

TEST_F(UploadEdgeE2eTest, ACallerHasABoundedNumberOfUploadsInFlight) {
  auto stub = pb::DocumentService::NewStub(server_->Channel());
  auto first = Start(*stub, kOperator);
  auto second = Start(*stub, kOperator);
  // Both have been read by the server before the third arrives.
  absl::SleepFor(absl::Milliseconds(500));
  auto third = Start(*stub, kOperator);
  EXPECT_EQ(Done(*third, "c").error_code(), StatusCode::RESOURCE_EXHAUSTED);
  // Another caller has slots of its own.
  auto other = Start(*stub, "199501302020121006");
  EXPECT_TRUE(Done(*other, "d").ok());
  EXPECT_TRUE(Done(*first, "a").ok());
  EXPECT_TRUE(Done(*second, "b").ok());
  // A finished upload frees its slot.
  auto again = Start(*stub, kOperator);
  EXPECT_TRUE(Done(*again, "e").ok());
}

TEST_F(UploadEdgeE2eTest, TheQuotaIsCheckedWhileTheStreamArrives) {
  auto stub = pb::DocumentService::NewStub(server_->Channel());
  auto o = Start(*stub, kOperator);
  pb::UploadDocumentRequest chunk;
  chunk.set_chunk(std::string(64 * 1024, 'x'));
  // 32 MiB offered against a quota of 6 MB: the server ends the stream
  // long before.
  int sent = 0;
  while (sent < 512 && o->writer->Write(chunk)) ++sent;
  EXPECT_LT(sent, 512) << "the server took every byte before refusing";
  o->writer->WritesDone();
  EXPECT_EQ(o->writer->Finish().error_code(), StatusCode::RESOURCE_EXHAUSTED);
}

}  // namespace
}  // namespace discipline
