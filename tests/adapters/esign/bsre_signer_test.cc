// The BSrE client's request and answer (the project's API contract, third
// stage: API v2 POST /api/v2/sign/pdf, JSON {nik, passphrase|totp,
// signatureProperties, file:[base64]} → {file:[base64]}).

#include "adapters/esign/bsre_signer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "service/common/errors.h"
#include "tests/testing/status_matchers.h"

namespace discipline::esign {
namespace {

namespace gp = google::protobuf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPdf[] = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
const ports::SignCredentials kPass{"3174012345678901", "rahasia-Sekali-77", ""};

gp::Struct Parse(const std::string& json) {
  gp::Struct s;
  EXPECT_TRUE(gp::util::JsonStringToMessage(json, &s).ok()) << json;
  return s;
}

TEST(BuildSignRequestTest, CarriesNikPassphraseInvisibleSignatureAndBase64File) {
  absl::StatusOr<std::string> json = BuildSignRequest(kPdf, kPass, BsreOptions{});
  ASSERT_TRUE(json.ok()) << json.status();
  const gp::Struct s = Parse(*json);
  const auto& f = s.fields();
  EXPECT_EQ(f.at("nik").string_value(), "3174012345678901");
  EXPECT_EQ(f.at("passphrase").string_value(), "rahasia-Sekali-77");
  EXPECT_EQ(f.count("totp"), 0u);
  ASSERT_EQ(f.at("signatureProperties").list_value().values_size(), 1);
  EXPECT_EQ(f.at("signatureProperties").list_value().values(0).struct_value().fields().at("tampilan").string_value(),
            "INVISIBLE");
  ASSERT_EQ(f.at("file").list_value().values_size(), 1);
  std::string decoded;
  ASSERT_TRUE(absl::Base64Unescape(f.at("file").list_value().values(0).string_value(), &decoded));
  EXPECT_EQ(decoded, kPdf);
}

TEST(BuildSignRequestTest, TotpInsteadOfPassphrase) {
  absl::StatusOr<std::string> json = BuildSignRequest(kPdf, {"3174012345678901", "", "123456"}, BsreOptions{});
  ASSERT_TRUE(json.ok()) << json.status();
  const gp::Struct s = Parse(*json);
  EXPECT_EQ(s.fields().at("totp").string_value(), "123456");
  EXPECT_EQ(s.fields().count("passphrase"), 0u);
}

TEST(BuildSignRequestTest, NeedsNikAndExactlyOneSecret) {
  EXPECT_THAT(BuildSignRequest(kPdf, {"", "x", ""}, BsreOptions{}).status(),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BuildSignRequest(kPdf, {"3174012345678901", "", ""}, BsreOptions{}).status(),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BuildSignRequest(kPdf, {"3174012345678901", "x", "123456"}, BsreOptions{}).status(),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ParseSignAnswerTest, SignedPdfFromFileZero) {
  const std::string signed_pdf = std::string(kPdf) + "% signed\n";
  absl::StatusOr<std::string> pdf =
      ParseSignAnswer(200, "{\"file\":[\"" + absl::Base64Escape(signed_pdf) + "\"]}", "", kPass);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_EQ(*pdf, signed_pdf);
}

TEST(ParseSignAnswerTest, AnAnswerWithoutAPdfIsUnavailable) {
  EXPECT_THAT(ParseSignAnswer(200, "{\"file\":[]}", "", kPass).status(),
              testing::StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(ParseSignAnswer(200, "{\"file\":[\"" + absl::Base64Escape("not a pdf") + "\"]}", "", kPass).status(),
              testing::StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(ParseSignAnswer(200, "<html>", "", kPass).status(), testing::StatusIs(absl::StatusCode::kUnavailable));
}

TEST(ParseSignAnswerTest, WrongPassphraseIsAnIndonesianRefusalWithoutTheSecret) {
  // BSrE echoing the passphrase must not carry it into the error.
  const absl::Status s =
      ParseSignAnswer(400, "{\"status_code\":2031,\"error\":\"Passphrase salah: rahasia-Sekali-77\"}", "", kPass)
          .status();
  EXPECT_THAT(s, testing::StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr("rahasia-Sekali-77")));
  ASSERT_TRUE(IndonesianOf(s).has_value());
  EXPECT_THAT(*IndonesianOf(s), HasSubstr("Passphrase"));
  EXPECT_THAT(*IndonesianOf(s), HasSubstr("salah"));
  EXPECT_THAT(*IndonesianOf(s), Not(HasSubstr("rahasia-Sekali-77")));
}

TEST(ParseSignAnswerTest, UnregisteredNikIsAnIndonesianRefusal) {
  const absl::Status s = ParseSignAnswer(400, "{\"error\":\"NIK tidak terdaftar\"}", "", kPass).status();
  EXPECT_THAT(s, testing::StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_TRUE(IndonesianOf(s).has_value());
  EXPECT_THAT(*IndonesianOf(s), HasSubstr("tidak terdaftar"));
}

TEST(ParseSignAnswerTest, OutagesAndTimeoutsAreUnavailable) {
  for (long status : {500L, 502L, 503L, 408L, 429L, 401L}) {
    EXPECT_THAT(ParseSignAnswer(status, "{\"error\":\"x\"}", "", kPass).status(),
                testing::StatusIs(absl::StatusCode::kUnavailable))
        << status;
  }
  const absl::Status timeout = ParseSignAnswer(0, "", "Operation timed out", kPass).status();
  EXPECT_THAT(timeout, testing::StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_TRUE(IndonesianOf(timeout).has_value());
  EXPECT_THAT(*IndonesianOf(timeout), HasSubstr("belum tentu"));
}

}  // namespace
}  // namespace discipline::esign
