// The calls' log line: one JSON object with who called (NIP, agency,
// roles), the method, the case when the request names one, the code and
// the latency in milliseconds; nothing else of the request.

#include "service/grpc/observability.h"

#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace discipline::grpc_api {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

google::protobuf::Struct Parsed(const std::string& json) {
  google::protobuf::Struct s;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &s).ok()) << json;
  return s;
}

TEST(CallLogLine, NamesCallerMethodCaseCodeAndLatency) {
  CallRecord r;
  r.service = "asn.discipline.v1.CaseService";
  r.method = "GetCase";
  r.case_id = "01JCASE\"X";
  r.caller = CallerNotes::Noted{"199208222019032003", "KOTA-CONTOH", {"operator", "ppk"}};
  r.code = 5;
  r.latency = absl::Microseconds(12'345);
  const std::string line = CallLogLine(r);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto s = Parsed(line);
  const auto& f = s.fields();
  EXPECT_EQ(f.at("event").string_value(), "grpc_call");
  EXPECT_EQ(f.at("service").string_value(), "asn.discipline.v1.CaseService");
  EXPECT_EQ(f.at("method").string_value(), "GetCase");
  EXPECT_EQ(f.at("case_id").string_value(), "01JCASE\"X");
  EXPECT_EQ(f.at("caller_nip").string_value(), "199208222019032003");
  EXPECT_EQ(f.at("caller_agency").string_value(), "KOTA-CONTOH");
  ASSERT_EQ(f.at("caller_roles").list_value().values_size(), 2);
  EXPECT_EQ(f.at("caller_roles").list_value().values(1).string_value(), "ppk");
  EXPECT_EQ(f.at("code").string_value(), "NOT_FOUND");
  EXPECT_DOUBLE_EQ(f.at("latency_ms").number_value(), 12.345);
}

TEST(CallLogLine, EscapesWhatARequestMayCarry) {
  CallRecord r;
  r.service = "asn.discipline.v1.CaseService";
  r.method = "GetCase";
  r.case_id = std::string("a\"b\\c\nd\x01e\tf", 12);
  r.latency = absl::Microseconds(7);
  const std::string line = CallLogLine(r);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto s = Parsed(line);
  EXPECT_EQ(s.fields().at("case_id").string_value(), r.case_id);
  EXPECT_DOUBLE_EQ(s.fields().at("latency_ms").number_value(), 0.007);
}

TEST(CallLogLine, WithoutCallerOrCaseHasNeither) {
  CallRecord r;
  r.service = "asn.discipline.v1.RulesService";
  r.method = "ListProvisions";
  r.code = 16;
  const auto s = Parsed(CallLogLine(r));
  EXPECT_FALSE(s.fields().contains("caller_nip"));
  EXPECT_FALSE(s.fields().contains("case_id"));
  EXPECT_EQ(s.fields().at("code").string_value(), "UNAUTHENTICATED");
}

TEST(CallerNotes, TakenOnceAndNeverTheSession) {
  CallerNotes notes;
  domain::Caller c;
  c.nip = "199006052015031005";
  c.agency_code = "KOTA-CONTOH";
  c.roles = {domain::Role::kExaminer};
  c.session = "jti-secret-session";
  int call = 0;
  notes.Note(&call, c);
  auto taken = notes.Take(&call);
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->nip, "199006052015031005");
  EXPECT_THAT(taken->roles, ElementsAre("examiner"));
  CallRecord r;
  r.caller = taken;
  EXPECT_THAT(CallLogLine(r), Not(HasSubstr("jti-secret-session")));
  EXPECT_FALSE(notes.Take(&call).has_value());
}

TEST(CodeName, EveryGrpcCode) {
  EXPECT_EQ(CodeName(0), "OK");
  EXPECT_EQ(CodeName(3), "INVALID_ARGUMENT");
  EXPECT_EQ(CodeName(9), "FAILED_PRECONDITION");
  EXPECT_EQ(CodeName(14), "UNAVAILABLE");
  EXPECT_EQ(CodeName(99), "UNKNOWN");
}

}  // namespace
}  // namespace discipline::grpc_api
