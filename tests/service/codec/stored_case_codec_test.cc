// The stored form of a case (asn.discipline.internal.v1.StoredCase): every
// persisted field survives domain → stored bytes → domain; what the view
// computes when a case is read is never in the stored bytes; and a row
// written while the stored form was the API's v1.Case (the golden fixture
// tests/testdata/stored_case_v1.bin) still reads as the same case.

#include "service/codec/stored_case_codec.h"

#include <fstream>
#include <sstream>

#include "asn/discipline/v1/cases.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "service/codec/case_codec.h"
#include "tests/service/codec/golden_case.h"

namespace discipline::codec {
namespace {

namespace d = ::discipline::domain;
using google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::testing::Not;

// The golden case with the fields that came after the fixture, set too.
d::Case RichCase() {
  d::Case c = testing::GoldenCase();
  c.related_case_id = "01JRELATED0000000000000001";
  c.relation = d::CaseRelation::kSuperiorLiability;
  c.related_by = {{"01JRELATEDBY00000000000001", d::CaseRelation::kSuperiorLiability},
                  {"01JRELATEDBY00000000000002", d::CaseRelation::kSuperiorLiability}};
  return c;
}

pb::Case View(const d::Case& c) {
  pb::Case out;
  ToProto(c, &out);
  return out;
}

std::string ReadGolden() {
  std::ifstream in(std::string(DISCIPLINE_SOURCE_DIR) + "/tests/testdata/stored_case_v1.bin", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Every field of a case in every state: the case read back is the case
// written (its whole API view equal, and its stored bytes the same again).
TEST(StoredCaseCodec, EveryFieldRoundTripsInEveryState) {
  for (int state = 0; state <= static_cast<int>(d::CaseState::kTerminated); ++state) {
    SCOPED_TRACE(state);
    d::Case c = RichCase();
    c.state = static_cast<d::CaseState>(state);
    const std::string bytes = SerializeStoredCase(c);
    absl::StatusOr<d::Case> back = ParseStoredCase(bytes);
    ASSERT_TRUE(back.ok()) << back.status();
    std::string diff;
    MessageDifferencer differ;
    differ.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differ.Compare(View(c), View(*back))) << diff;
    EXPECT_EQ(SerializeStoredCase(*back), bytes);
    EXPECT_EQ(back->state, c.state);
    EXPECT_EQ(back->created_at, c.created_at);
    EXPECT_EQ(back->pending_action->requested_at, c.pending_action->requested_at);
    EXPECT_EQ(back->decision->document_id, "doc-sk-1");
    EXPECT_EQ(back->related_case_id, "01JRELATED0000000000000001");
    EXPECT_EQ(back->relation, d::CaseRelation::kSuperiorLiability);
    ASSERT_EQ(back->related_by.size(), 2u);
    EXPECT_EQ(back->related_by[1].case_id, "01JRELATEDBY00000000000002");
  }
}

// The confidential reporter never reaches the stored case (it is sealed
// apart); the commitment that stands in for it does.
TEST(StoredCaseCodec, TheReporterIsNeverStored) {
  d::Case c = RichCase();
  c.reporter = "Pelapor Rahasia";
  const std::string bytes = SerializeStoredCase(c);
  EXPECT_THAT(bytes, Not(HasSubstr("Pelapor Rahasia")));
  absl::StatusOr<d::Case> back = ParseStoredCase(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(back->reporter.empty());
  EXPECT_EQ(back->reporter_commitment, c.reporter_commitment);
}

// What the view computes when a case is read is not in the stored bytes:
// the punishment in force and its end (PP 94/2021 Pasal 8 ayat (3): the
// 9-month tukin cut the keberatan decision imposed instead, from 1 Apr 2026
// to 31 Dec 2026), the SK repeated as decision_document_id, the follow-up
// due day repeated on the recommendation, the working days left, the SIASN
// delivery, the reporter.
TEST(StoredCaseCodec, DerivedFieldsAreNotStored_Pasal8Ayat3) {
  const d::Case c = RichCase();
  pb::Case view = View(c);
  EXPECT_EQ(view.effective_punishment(), pb::PUNISHMENT_POTONGAN_TUKIN_9_BULAN);
  EXPECT_EQ(view.ends_on(), "2026-12-31");
  EXPECT_EQ(view.decision().decision_document_id(), "doc-sk-1");
  EXPECT_EQ(view.external_recommendation().follow_up_due_on(), "2026-03-01");

  // The stored bytes read as the API's message: none of them.
  pb::Case as_v1;
  ASSERT_TRUE(as_v1.ParseFromString(SerializeStoredCase(c)));
  EXPECT_EQ(as_v1.effective_punishment(), pb::PUNISHMENT_UNSPECIFIED);
  EXPECT_EQ(as_v1.ends_on(), "");
  EXPECT_EQ(as_v1.decision().decision_document_id(), "");
  EXPECT_EQ(as_v1.decision().document_id(), "doc-sk-1");
  EXPECT_EQ(as_v1.external_recommendation().follow_up_due_on(), "");
  EXPECT_EQ(as_v1.follow_up().due_on(), "2026-03-01");
  ASSERT_EQ(as_v1.open_deadlines_size(), 1);
  EXPECT_FALSE(as_v1.open_deadlines(0).has_working_days_left());
  EXPECT_FALSE(as_v1.has_siasn_export());
  EXPECT_EQ(as_v1.reporter(), "");
  // And the view's extra fields are nowhere in the stored form's schema.
  const google::protobuf::Descriptor* stored_case = stored::StoredCase::descriptor();
  for (const char* name : {"effective_punishment", "ends_on", "siasn_export", "reporter"}) {
    EXPECT_EQ(stored_case->FindFieldByName(name), nullptr) << name;
    EXPECT_TRUE(stored_case->IsReservedName(name)) << name;
  }
  EXPECT_EQ(stored::StoredDecision::descriptor()->FindFieldByName("decision_document_id"), nullptr);
  EXPECT_EQ(stored::StoredDeadline::descriptor()->FindFieldByName("working_days_left"), nullptr);
}

// A row as the store wrote it before StoredCase (a serialized v1.Case, with
// the view fields of the time in it): it parses, and is the same case.
TEST(StoredCaseCodec, AGoldenRowOfTheOldFormatReadsAsTheSameCase) {
  const std::string golden = ReadGolden();
  ASSERT_FALSE(golden.empty()) << "tests/testdata/stored_case_v1.bin is missing";
  // The fixture is the old format: the view fields were stored then.
  pb::Case old;
  ASSERT_TRUE(old.ParseFromString(golden));
  EXPECT_EQ(old.effective_punishment(), pb::PUNISHMENT_POTONGAN_TUKIN_9_BULAN);
  EXPECT_EQ(old.ends_on(), "2026-12-31");

  absl::StatusOr<d::Case> read = ParseStoredCase(golden);
  ASSERT_TRUE(read.ok()) << read.status();
  std::string diff;
  MessageDifferencer differ;
  differ.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differ.Compare(View(testing::GoldenCase()), View(*read))) << diff;
  EXPECT_EQ(read->case_id, "01JGOLDEN0000000000000001");
  EXPECT_EQ(read->version, 17);
  EXPECT_EQ(read->remedy_decision->punishment, d::Punishment::kPotonganTukin9Bulan);
  EXPECT_EQ(read->updated_at, absl::FromUnixMicros(1772900000654321));

  // Written again, it is the new form: the old view fields are gone, the
  // case is the same.
  const std::string rewritten = SerializeStoredCase(*read);
  pb::Case as_v1;
  ASSERT_TRUE(as_v1.ParseFromString(rewritten));
  EXPECT_EQ(as_v1.effective_punishment(), pb::PUNISHMENT_UNSPECIFIED);
  EXPECT_EQ(as_v1.ends_on(), "");
  absl::StatusOr<d::Case> again = ParseStoredCase(rewritten);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(MessageDifferencer::Equals(View(*read), View(*again)));
}

TEST(StoredCaseCodec, BytesThatDoNotParseAreDataLoss) {
  EXPECT_EQ(ParseStoredCase(std::string("\xff\xff\xff", 3)).status().code(), absl::StatusCode::kDataLoss);
  stored::StoredCase bad;
  bad.set_received_on("2026-13-45");
  absl::StatusOr<d::Case> read = FromStored(bad);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(read.status().message(), HasSubstr("received_on"));
}

}  // namespace
}  // namespace discipline::codec
