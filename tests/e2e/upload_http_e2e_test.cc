// POST /v1/documents (the project's API contract, third stage: multipart, a
// `metadata` part in JSON and a `file` part): the same validation as the
// gRPC UploadDocument, the DocumentRef as JSON; the one /v1 write that is
// not application/json, still under the Origin check (api.md "Safe edges").

#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/case_e2e.h"

namespace discipline {
namespace {

namespace pb = ::asn::discipline::v1;
using ::testing::HasSubstr;

google::protobuf::Struct Parse(const std::string& json) {
  google::protobuf::Struct s;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &s).ok()) << json.substr(0, 300);
  return s;
}

class UploadHttpE2eTest : public testing::CaseE2eTest {
 protected:
  UploadHttpE2eTest() {
    with_http_ = true;
    extra_config_ = "max_upload_bytes: 1048576";
  }
  void SetUp() override {
    CaseE2eTest::SetUp();
    http_ = std::make_unique<httplib::Client>("127.0.0.1", http_port_);
    http_->set_read_timeout(20, 0);
  }
  httplib::Headers Operator() {
    auto issuer = testing::DemoIssuer();
    return {{"Authorization",
             "Bearer " + (*issuer)->Mint("199208222019032003", "Pengguna Uji", "KOTA-CONTOH", {"operator"})}};
  }
  static httplib::MultipartFormDataItems Form(const std::string& metadata, const std::string& bytes,
                                              const std::string& file_name = "bukti.pdf") {
    return {{"metadata", metadata, "", "application/json"}, {"file", bytes, file_name, "application/pdf"}};
  }
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(UploadHttpE2eTest, AMultipartUploadIsStoredAndReadsBack) {
  const std::string pdf = "%PDF-1.4 bukti (contoh)\n%%EOF\n";
  auto r =
      http_->Post("/v1/documents", Operator(),
                  Form(R"({"kind":"DOCUMENT_KIND_BUKTI","fileName":"bukti.pdf","mediaType":"application/pdf"})", pdf));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const google::protobuf::Struct ref = Parse(r->body);
  const std::string id = ref.fields().at("documentId").string_value();
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(ref.fields().at("sizeBytes").string_value(), std::to_string(pdf.size()));
  EXPECT_EQ(ref.fields().at("sha256").string_value().size(), 64u);
  auto back = http_->Get(("/v1/documents/" + id).c_str(), Operator());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, 200) << back->body;
  EXPECT_EQ(back->body, pdf);
}

TEST_F(UploadHttpE2eTest, ABadFileNameIs400AsOverGrpc) {
  auto r =
      http_->Post("/v1/documents", Operator(),
                  Form(R"({"kind":"DOCUMENT_KIND_BUKTI","fileName":"../etc/passwd","mediaType":"text/plain"})", "x"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_THAT(r->body, HasSubstr("file_name"));
}

TEST_F(UploadHttpE2eTest, MissingPartsAndBadMetadataAre400) {
  auto no_file =
      http_->Post("/v1/documents", Operator(),
                  httplib::MultipartFormDataItems{{"metadata", R"({"kind":"DOCUMENT_KIND_BUKTI"})", "", ""}});
  ASSERT_TRUE(no_file);
  EXPECT_EQ(no_file->status, 400) << no_file->body;
  EXPECT_THAT(no_file->body, HasSubstr("file"));
  auto bad = http_->Post("/v1/documents", Operator(), Form(R"({"kind":"NO_SUCH_KIND"})", "x"));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400) << bad->body;
  EXPECT_THAT(bad->body, HasSubstr("metadata"));
  auto no_kind = http_->Post("/v1/documents", Operator(), Form(R"({"fileName":"a.pdf"})", "x"));
  ASSERT_TRUE(no_kind);
  EXPECT_EQ(no_kind->status, 400) << no_kind->body;
  EXPECT_THAT(no_kind->body, HasSubstr("metadata.kind"));
}

TEST_F(UploadHttpE2eTest, ATextPlainOrJsonBodyIs415) {
  auto text = http_->Post("/v1/documents", Operator(), "metadata=x", "text/plain");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 415) << text->body;
  auto json = http_->Post("/v1/documents", Operator(), R"({"kind":"DOCUMENT_KIND_BUKTI"})", "application/json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 415) << json->body;
}

TEST_F(UploadHttpE2eTest, ACrossSiteMultipartUploadIs403) {
  // A form of another site can post multipart without a preflight.
  httplib::Headers h = Operator();
  h.emplace("Origin", "https://jahat.example.com");
  auto r = http_->Post("/v1/documents", h, Form(R"({"kind":"DOCUMENT_KIND_BUKTI","fileName":"a.pdf"})", "%PDF-1.4"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403) << r->body;
}

TEST_F(UploadHttpE2eTest, WithoutATokenIs401) {
  auto r = http_->Post("/v1/documents", httplib::Headers{},
                       Form(R"({"kind":"DOCUMENT_KIND_BUKTI","fileName":"a.pdf"})", "%PDF-1.4"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401) << r->body;
}

}  // namespace
}  // namespace discipline
