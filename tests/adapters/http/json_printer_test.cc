// The gateway's JSON printer against protobuf's own mapping: for every
// message of the API, random contents printed both ways must give the same
// bytes, so that an intranet client cannot tell which one answered.

#include "adapters/http/json_printer.h"

#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "asn/discipline/v1/audit.pb.h"
#include "asn/discipline/v1/cases.pb.h"
#include "asn/discipline/v1/documents.pb.h"
#include "asn/discipline/v1/reports.pb.h"
#include "asn/discipline/v1/rules.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "service/grpc/generic_call.h"

namespace discipline::http {
namespace {

namespace gp = ::google::protobuf;

std::string Protobufs(const gp::Message& m) {
  std::string out;
  const auto status = gp::util::MessageToJsonString(m, &out);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return out;
}

// Every message type of the API's files (the services' files and what they
// import from asn.discipline.v1), nested types included.
std::vector<const gp::Descriptor*> ApiMessages() {
  std::set<const gp::FileDescriptor*> files;
  std::vector<const gp::FileDescriptor*> todo;
  for (const gp::ServiceDescriptor* s : grpc_api::ApiServices()) todo.push_back(s->file());
  while (!todo.empty()) {
    const gp::FileDescriptor* f = todo.back();
    todo.pop_back();
    if (f->package() != "asn.discipline.v1" || !files.insert(f).second) continue;
    for (int i = 0; i < f->dependency_count(); ++i) todo.push_back(f->dependency(i));
  }
  std::vector<const gp::Descriptor*> out;
  std::vector<const gp::Descriptor*> stack;
  for (const gp::FileDescriptor* f : files) {
    for (int i = 0; i < f->message_type_count(); ++i) stack.push_back(f->message_type(i));
  }
  while (!stack.empty()) {
    const gp::Descriptor* d = stack.back();
    stack.pop_back();
    out.push_back(d);
    for (int i = 0; i < d->nested_type_count(); ++i) stack.push_back(d->nested_type(i));
  }
  return out;
}

// Random contents for a message, through reflection: every kind of value
// the JSON mapping treats apart (64-bit integers, -0.0, NaN, unknown enum
// numbers, characters the converter escapes, 4-byte UTF-8, fractions of
// timestamps at each precision).
class Filler {
 public:
  explicit Filler(uint32_t seed) : rng_(seed) {}

  void Fill(gp::Message* m, int depth) {
    const gp::Descriptor* d = m->GetDescriptor();
    if (d == gp::Timestamp::descriptor()) return FillTimestamp(m);
    for (int i = 0; i < d->field_count(); ++i) {
      const gp::FieldDescriptor* f = d->field(i);
      if (!Chance(0.6)) continue;
      if (f->cpp_type() == gp::FieldDescriptor::CPPTYPE_MESSAGE && depth >= 4) continue;
      const int n = f->is_repeated() ? Pick(0, 3) : 1;
      for (int k = 0; k < n; ++k) Put(m, f, depth);
    }
  }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int Pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::string Text() {
    static const std::vector<std::string> kPieces = {
        "Tidak masuk kerja",
        "PP 94/2021 Pasal 4 huruf f",
        "199303152018031005",
        " ",
        "\"",
        "\\",
        "/",
        "<",
        ">",
        "&",
        "'",
        "\n",
        "\t",
        "\r",
        "\b",
        "\f",
        std::string(1, '\0'),
        "\x01",
        "\x1f",
        "\x7f",
        "\xc2\x85",          // U+0085, a C1 control
        "\xc2\xa0",          // U+00A0, not escaped
        "\xc2\xad",          // U+00AD soft hyphen, escaped
        "\xc3\xa9",          // é
        "\xd8\x80",          // U+0600
        "\xe2\x80\x8b",      // U+200B zero width space
        "\xe2\x80\xa8",      // U+2028 line separator
        "\xe2\x81\xa0",      // U+2060 word joiner
        "\xef\xbb\xbf",      // U+FEFF
        "\xef\xbf\xb9",      // U+FFF9
        "\xe4\xb8\xad",      // 中
        "\xf0\x9f\x98\x80",  // U+1F600, 4 bytes, not escaped
        "\xf0\x9d\x85\xb3",  // U+1D173, escaped as a surrogate pair
        "\xf3\xa0\x80\x81",  // U+E0001 language tag
        "\xf3\xa0\x81\xbf",  // U+E007F
    };
    std::string s;
    const int n = Pick(0, 6);
    for (int i = 0; i < n; ++i) s += kPieces[Pick(0, static_cast<int>(kPieces.size()) - 1)];
    return s;
  }

  std::string Bytes() {
    std::string s(Pick(0, 7), '\0');
    for (char& c : s) c = static_cast<char>(Pick(0, 255));
    return s;
  }

  double Double() {
    static const std::vector<double> kValues = {0.0,
                                                -0.0,
                                                1.0,
                                                0.1,
                                                2.0 / 3.0,
                                                -1.5,
                                                0.875,
                                                100.0,
                                                1e21,
                                                1.7976931348623157e308,
                                                5e-324,
                                                123456789.123456789,
                                                std::numeric_limits<double>::quiet_NaN(),
                                                std::numeric_limits<double>::infinity(),
                                                -std::numeric_limits<double>::infinity()};
    if (Chance(0.5)) return kValues[Pick(0, static_cast<int>(kValues.size()) - 1)];
    return std::uniform_real_distribution<double>(-1e6, 1e6)(rng_);
  }

  int64_t Int64() {
    static const std::vector<int64_t> kValues = {
        0, 1, -1, std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(), 9007199254740993};
    if (Chance(0.5)) return kValues[Pick(0, static_cast<int>(kValues.size()) - 1)];
    return std::uniform_int_distribution<int64_t>()(rng_);
  }

  int EnumNumber(const gp::EnumDescriptor* e) {
    if (Chance(0.1)) return 4242;  // a number this build does not know
    return e->value(Pick(0, e->value_count() - 1))->number();
  }

  void FillTimestamp(gp::Message* m) {
    auto* t = static_cast<gp::Timestamp*>(m);
    t->set_seconds(std::uniform_int_distribution<int64_t>(-62135596800, 253402300799)(rng_));
    switch (Pick(0, 3)) {
      case 0:
        t->set_nanos(0);
        break;
      case 1:
        t->set_nanos(Pick(0, 999) * 1000000);
        break;
      case 2:
        t->set_nanos(Pick(0, 999999) * 1000);
        break;
      default:
        t->set_nanos(Pick(0, 999999999));
        break;
    }
  }

  // One random value into `f`: set, or added when `f` is repeated.
  void Put(gp::Message* m, const gp::FieldDescriptor* f, int depth) {
    const gp::Reflection* r = m->GetReflection();
    const bool rep = f->is_repeated();
    switch (f->cpp_type()) {
      case gp::FieldDescriptor::CPPTYPE_INT32: {
        const auto v = static_cast<int32_t>(Int64());
        rep ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
        break;
      }
      case gp::FieldDescriptor::CPPTYPE_UINT32: {
        const auto v = static_cast<uint32_t>(Int64());
        rep ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
        break;
      }
      case gp::FieldDescriptor::CPPTYPE_INT64: {
        const int64_t v = Int64();
        rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
        break;
      }
      case gp::FieldDescriptor::CPPTYPE_UINT64: {
        const auto v = static_cast<uint64_t>(Int64());
        rep ? r->AddUInt64(m, f, v) : r->SetUInt64(m, f, v);
        break;
      }
      case gp::FieldDescriptor::CPPTYPE_DOUBLE: {
        const double v = Double();
        rep ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
        break;
      }
      case gp::FieldDescriptor::CPPTYPE_FLOAT: {
        const auto v = static_cast<float>(Double());
        rep ? r->AddFloat(m, f, v) : r->SetFloat(m, f, v);
        break;
      }
      case gp::FieldDescriptor::CPPTYPE_BOOL: {
        const bool v = Chance(0.5);
        rep ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
        break;
      }
      case gp::FieldDescriptor::CPPTYPE_ENUM: {
        const int v = EnumNumber(f->enum_type());
        rep ? r->AddEnumValue(m, f, v) : r->SetEnumValue(m, f, v);
        break;
      }
      case gp::FieldDescriptor::CPPTYPE_STRING: {
        std::string v = f->type() == gp::FieldDescriptor::TYPE_BYTES ? Bytes() : Text();
        rep ? r->AddString(m, f, std::move(v)) : r->SetString(m, f, std::move(v));
        break;
      }
      case gp::FieldDescriptor::CPPTYPE_MESSAGE:
        Fill(rep ? r->AddMessage(m, f) : r->MutableMessage(m, f), depth + 1);
        break;
    }
  }

  std::mt19937 rng_;
};

TEST(JsonPrinter, EveryApiMessageWithRandomContentsPrintsAsProtobufDoes) {
  const std::vector<const gp::Descriptor*> types = ApiMessages();
  ASSERT_GT(types.size(), 50u);  // the whole API, not a part of it
  Filler filler(20261202);
  for (const gp::Descriptor* d : types) {
    const gp::Message* prototype = gp::MessageFactory::generated_factory()->GetPrototype(d);
    for (int run = 0; run < 200; ++run) {
      std::unique_ptr<gp::Message> m(prototype->New());
      filler.Fill(m.get(), 0);
      // As the gateway has it: parsed from the service's wire bytes.
      std::unique_ptr<gp::Message> wire(prototype->New());
      ASSERT_TRUE(wire->ParseFromString(m->SerializeAsString()));
      std::string printed;
      ASSERT_TRUE(PrintJson(*wire, &printed)) << d->full_name() << " left to protobuf: " << wire->DebugString();
      ASSERT_EQ(printed, Protobufs(*wire)) << d->full_name() << ", run " << run << ":\n" << wire->DebugString();
    }
  }
}

TEST(JsonPrinter, AnEmptyMessageAndTheEdgesOfTime) {
  asn::discipline::v1::Case empty;
  EXPECT_EQ(ToJson(empty), "{}");
  // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z are the range
  // of the JSON mapping's Timestamp.
  gp::Timestamp t;
  t.set_seconds(-62135596800);
  EXPECT_EQ(ToJson(t), "\"0001-01-01T00:00:00Z\"");
  t.set_seconds(253402300799);
  t.set_nanos(999999999);
  EXPECT_EQ(ToJson(t), "\"9999-12-31T23:59:59.999999999Z\"");
  t.set_seconds(1772409600);
  t.set_nanos(5000000);
  EXPECT_EQ(ToJson(t), "\"2026-03-02T00:00:00.005Z\"");
  t.set_nanos(5000);
  EXPECT_EQ(ToJson(t), "\"2026-03-02T00:00:00.000005Z\"");
}

TEST(JsonPrinter, WhatItDoesNotPrintIsLeftToProtobuf) {
  // google.rpc.Status carries its details as Any: protobuf's mapping prints
  // them with their type URLs.
  google::rpc::Status status;
  status.set_code(3);
  status.set_message("tanggal keputusan tidak sah");
  google::rpc::BadRequest bad;
  auto* v = bad.add_field_violations();
  v->set_field("decided_on");
  v->set_description("before the recommendation");
  status.add_details()->PackFrom(bad);
  std::string printed;
  EXPECT_FALSE(PrintJson(status, &printed));
  EXPECT_EQ(ToJson(status), Protobufs(status));
  EXPECT_NE(ToJson(status).find("type.googleapis.com/google.rpc.BadRequest"), std::string::npos);

  // A Timestamp before year 1: protobuf refuses it, and so does the printer.
  asn::discipline::v1::Case c;
  c.mutable_created_at()->set_seconds(-62135596801);
  EXPECT_FALSE(PrintJson(c, &printed));

  // A string field holding bytes that are not UTF-8 (set in-process; never
  // parsed from the wire): left to protobuf, whatever it makes of them.
  asn::discipline::v1::Case bad_text;
  bad_text.set_agency_code("KOTA\xff\xfe");
  EXPECT_FALSE(PrintJson(bad_text, &printed));
  std::string expected;
  (void)gp::util::MessageToJsonString(bad_text, &expected);
  EXPECT_EQ(ToJson(bad_text), expected);
}

}  // namespace
}  // namespace discipline::http
