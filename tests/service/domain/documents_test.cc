// unit: the document rules of the edges (service/domain/documents.h): file
// names, the media-type allow-list, and who reads which kind (api.md, "Safe
// edges": the report is sealed like the reporter).

#include "service/domain/documents.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/common/errors.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::StatusIs;

Caller As(Role role, const std::string& agency = "KOTA-CONTOH") {
  Caller c;
  c.nip = "199501302020121006";
  c.agency_code = agency;
  c.roles = {role};
  return c;
}

TEST(DocumentFileNameTest, ControlCharactersAndPathSeparatorsAreRefused) {
  for (const std::string& name :
       {std::string("a\r\nb.pdf"), std::string("a\rb"), std::string("a\nb"), std::string("a\tb"), std::string("a\x7f"),
        std::string("a\0b", 3), std::string("a\xc2\x85"), std::string("a\xc2\x9f"), std::string("a/b"),
        std::string("a\\b"), std::string(".."), std::string("."), std::string(""), std::string(256, 'a'),
        std::string("\xff\xfe"), std::string("\xc0\xaf"), std::string("\xed\xa0\x80")}) {
    const absl::Status s = CheckDocumentFileName(name, "metadata.file_name");
    EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument)) << name;
    EXPECT_EQ(FieldOf(s), "metadata.file_name") << name;
  }
}

TEST(DocumentFileNameTest, OrdinaryNamesInAnyScriptAreAccepted) {
  for (const std::string& name :
       std::vector<std::string>{"BAP.pdf", "Laporan Pemeriksaan – Andi (ke-2).docx", "surat \"panggilan\".pdf",
                                "bukti_foto 01.jpeg", "ملف.pdf", "照片.png", std::string(255, 'a')}) {
    EXPECT_TRUE(CheckDocumentFileName(name, "metadata.file_name").ok()) << name;
  }
}

TEST(ServedMediaTypeTest, OnlyAllowListedTypesAreServedAsThemselves) {
  EXPECT_EQ(ServedMediaType("application/pdf"), "application/pdf");
  EXPECT_EQ(ServedMediaType("Application/PDF; name=x"), "application/pdf");
  EXPECT_EQ(ServedMediaType("image/png"), "image/png");
  EXPECT_EQ(ServedMediaType("image/jpeg"), "image/jpeg");
  EXPECT_EQ(ServedMediaType("text/plain; charset=iso-8859-1"), "text/plain; charset=utf-8");
  EXPECT_EQ(ServedMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(ServedMediaType("application/vnd.oasis.opendocument.spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet");
  EXPECT_EQ(ServedMediaType("application/msword"), "application/msword");
  EXPECT_EQ(ServedMediaType("application/vnd.ms-excel"), "application/vnd.ms-excel");
  // Anything a browser could render or run, or that is unknown.
  for (const char* t :
       {"text/html", "TEXT/HTML", "text/javascript", "application/javascript", "image/svg+xml", "application/xhtml+xml",
        "text/xml", "application/xml", "text/css", "", "pdf", "application/pdf\r\nX-Evil: 1", "image/png, text/html"}) {
    EXPECT_EQ(ServedMediaType(t), "application/octet-stream") << t;
  }
}

// The report names the reporter: sealed like the reporter (api.md, "Safe
// edges"), intake of the case's agency only.
TEST(AuthorizeDocumentReadTest, TheReportIsReadOnlyByIntake) {
  const DocumentScope laporan{"doc-1", "KOTA-CONTOH", kDocumentKindLaporan};
  CaseScope c;
  c.case_id = "c1";
  c.agency_code = "KOTA-CONTOH";
  const Policy& p = DefaultPolicy();
  EXPECT_TRUE(AuthorizeDocumentRead(As(Role::kIntake), laporan, &c, p).ok());
  EXPECT_TRUE(AuthorizeDocumentRead(As(Role::kIntake), laporan, nullptr, p).ok());
  for (Role r : {Role::kOperator, Role::kExaminer, Role::kOfficial, Role::kPpk, Role::kAuditor, Role::kSupervisor,
                 Role::kAdmin}) {
    EXPECT_THAT(AuthorizeDocumentRead(As(r), laporan, &c, p), StatusIs(absl::StatusCode::kPermissionDenied)) << Name(r);
    EXPECT_THAT(AuthorizeDocumentRead(As(r), laporan, nullptr, p), StatusIs(absl::StatusCode::kPermissionDenied))
        << Name(r);
  }
  EXPECT_THAT(AuthorizeDocumentRead(As(Role::kSupervisor, "BKN"), laporan, &c, p),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // Another agency's intake: the document does not exist for it.
  const absl::Status other = AuthorizeDocumentRead(As(Role::kIntake, "PROV-CONTOH"), laporan, &c, p);
  EXPECT_THAT(other, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(other.message(), NoDocument("doc-1").message());
}

TEST(AuthorizeDocumentReadTest, OtherKindsFollowTheCase) {
  const DocumentScope bap{"doc-2", "KOTA-CONTOH", 3};
  CaseScope c;
  c.case_id = "c1";
  c.agency_code = "KOTA-CONTOH";
  const Policy& p = DefaultPolicy();
  for (Role r : {Role::kOperator, Role::kIntake, Role::kExaminer, Role::kOfficial, Role::kPpk, Role::kAuditor,
                 Role::kSupervisor}) {
    EXPECT_TRUE(AuthorizeDocumentRead(As(r), bap, &c, p).ok()) << Name(r);
  }
  EXPECT_TRUE(AuthorizeDocumentRead(As(Role::kSupervisor, "BKN"), bap, &c, p).ok());
  EXPECT_THAT(AuthorizeDocumentRead(As(Role::kAdmin), bap, &c, p), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(AuthorizeDocumentRead(As(Role::kAuditor, "PROV-CONTOH"), bap, &c, p),
              StatusIs(absl::StatusCode::kNotFound));
  // A document whose case is of another agency than the document (never
  // made by the service) is not read across agencies either.
  CaseScope foreign = c;
  foreign.agency_code = "PROV-CONTOH";
  EXPECT_THAT(AuthorizeDocumentRead(As(Role::kAuditor), bap, &foreign, p), StatusIs(absl::StatusCode::kNotFound));
  // With reads narrowed to named examiners, an examiner not named on the
  // case does not see its documents.
  Policy narrow = p;
  narrow.narrow_to_named = true;
  EXPECT_THAT(AuthorizeDocumentRead(As(Role::kExaminer), bap, &c, narrow), StatusIs(absl::StatusCode::kNotFound));
  c.examiners = {"199501302020121006"};
  EXPECT_TRUE(AuthorizeDocumentRead(As(Role::kExaminer), bap, &c, narrow).ok());
}

}  // namespace
}  // namespace discipline::domain
