#include "adapters/http/json_printer.h"

#include <array>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"

namespace discipline::http {
namespace {

namespace gp = ::google::protobuf;

// Deeper nesting is left to protobuf (its converter's limit is 64).
constexpr int kMaxDepth = 64;

void AppendHex4(uint32_t unit, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const char u[6] = {
      '\\', 'u', kHex[(unit >> 12) & 0xf], kHex[(unit >> 8) & 0xf], kHex[(unit >> 4) & 0xf], kHex[unit & 0xf]};
  out->append(u, 6);
}

// Whether protobuf's converter writes code point `cp` (at least U+00A0) as
// an escape: characters that are invisible or reorder text, which it
// escapes so that a page showing the JSON cannot be misled by them.
bool EscapedAboveLatin1(uint32_t cp) {
  return cp == 0x00ad || (cp >= 0x0600 && cp <= 0x0603) || cp == 0x06dd || cp == 0x070f || cp == 0x17b4 ||
         cp == 0x17b5 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff ||
         (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0xe0001 || (cp >= 0x1d173 && cp <= 0x1d17a) ||
         (cp >= 0xe0020 && cp <= 0xe007f);
}

// The next code point of well-formed UTF-8 at s[*i], advancing *i; false
// for anything else (a stray or missing continuation byte, an overlong
// form, a surrogate, beyond U+10FFFF).
bool NextCodePoint(absl::string_view s, size_t* i, uint32_t* cp) {
  const unsigned char lead = s[*i];
  int more;
  uint32_t min;
  if (lead < 0x80) {
    *cp = lead;
    ++*i;
    return true;
  } else if (lead >= 0xc2 && lead <= 0xdf) {
    *cp = lead & 0x1f, more = 1, min = 0x80;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    *cp = lead & 0x0f, more = 2, min = 0x800;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    *cp = lead & 0x07, more = 3, min = 0x10000;
  } else {
    return false;
  }
  if (*i + more >= s.size()) return false;
  for (int k = 1; k <= more; ++k) {
    const unsigned char c = s[*i + k];
    if ((c & 0xc0) != 0x80) return false;
    *cp = (*cp << 6) | (c & 0x3f);
  }
  if (*cp < min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff)) return false;
  *i += more + 1;
  return true;
}

// The bytes copied as they are: printable ASCII but for " \\ < >.
struct PlainBytes {
  bool plain[256] = {};
  constexpr PlainBytes() {
    for (int c = 0x20; c < 0x7f; ++c) plain[c] = c != '"' && c != '\\' && c != '<' && c != '>';
  }
};
constexpr PlainBytes kPlain;

// `s` as a JSON string, escaped as protobuf's converter escapes it.
bool AppendString(absl::string_view s, std::string* out) {
  out->push_back('"');
  size_t plain = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size();) {
    if (kPlain.plain[static_cast<unsigned char>(s[i])]) {
      ++i;
      continue;
    }
    const size_t at = i;
    uint32_t cp;
    if (!NextCodePoint(s, &i, &cp)) return false;
    const bool escape = cp < 0xa0 || EscapedAboveLatin1(cp);
    if (!escape) continue;
    out->append(s.data() + plain, at - plain);
    plain = i;
    switch (cp) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        if (cp >= 0x10000) {  // a surrogate pair
          AppendHex4(0xd800 + ((cp - 0x10000) >> 10), out);
          AppendHex4(0xdc00 + ((cp - 0x10000) & 0x3ff), out);
        } else {
          AppendHex4(cp, out);
        }
    }
  }
  out->append(s.data() + plain, s.size() - plain);
  out->push_back('"');
  return true;
}

// A finite double as protobuf prints it: 15 significant digits, or 17 when
// 15 do not read back as the same value.
void AppendDouble(double v, std::string* out) {
  if (std::isnan(v)) {
    out->append("\"NaN\"");
    return;
  }
  if (std::isinf(v)) {
    out->append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    return;
  }
  char buffer[32];
  snprintf(buffer, sizeof buffer, "%.*g", DBL_DIG, v);
  if (std::strtod(buffer, nullptr) != v) snprintf(buffer, sizeof buffer, "%.*g", DBL_DIG + 2, v);
  out->append(buffer);
}

// google.protobuf.Timestamp in RFC 3339, UTC, with 0, 3, 6 or 9 digits of
// the fraction; false outside 0001-01-01 .. 9999-12-31, where protobuf
// refuses it.
bool AppendTimestamp(const gp::Message& m, const gp::Descriptor* d, const gp::Reflection* r, std::string* out) {
  const int64_t seconds = r->GetInt64(m, d->FindFieldByNumber(1));
  const int32_t nanos = r->GetInt32(m, d->FindFieldByNumber(2));
  if (seconds < -62135596800 || seconds > 253402300799 || nanos < 0 || nanos > 999999999) return false;
  const absl::CivilSecond t = absl::ToCivilSecond(absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
  absl::StrAppendFormat(out, "\"%04d-%02d-%02dT%02d:%02d:%02d", t.year(), t.month(), t.day(), t.hour(), t.minute(),
                        t.second());
  if (nanos % 1000000 == 0) {
    if (nanos != 0) absl::StrAppendFormat(out, ".%03d", nanos / 1000000);
  } else if (nanos % 1000 == 0) {
    absl::StrAppendFormat(out, ".%06d", nanos / 1000);
  } else {
    absl::StrAppendFormat(out, ".%09d", nanos);
  }
  out->append("Z\"");
  return true;
}

bool AppendMessage(const gp::Message& m, std::string* out, int depth);

// One value of field `f` (element `index` when it is repeated); `r` is the
// reflection of `m` (looked up once per message: each lookup costs).
bool AppendValue(const gp::Message& m, const gp::Reflection* r, const gp::FieldDescriptor* f, int index,
                 std::string* out, int depth) {
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_INT32:
      absl::StrAppend(out, rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
      return true;
    case gp::FieldDescriptor::CPPTYPE_UINT32:
      absl::StrAppend(out, rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
      return true;
    case gp::FieldDescriptor::CPPTYPE_INT64:
      absl::StrAppend(out, "\"", rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f), "\"");
      return true;
    case gp::FieldDescriptor::CPPTYPE_UINT64:
      absl::StrAppend(out, "\"", rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f), "\"");
      return true;
    case gp::FieldDescriptor::CPPTYPE_BOOL:
      out->append((rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? "true" : "false");
      return true;
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
      AppendDouble(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f), out);
      return true;
    case gp::FieldDescriptor::CPPTYPE_ENUM: {
      if (f->enum_type()->full_name() == "google.protobuf.NullValue") return false;
      const int number = rep ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
      const gp::EnumValueDescriptor* v = f->enum_type()->FindValueByNumber(number);
      if (v == nullptr) {
        absl::StrAppend(out, number);  // a value this build does not know
      } else {
        absl::StrAppend(out, "\"", v->name(), "\"");
      }
      return true;
    }
    case gp::FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const std::string& s =
          rep ? r->GetRepeatedStringReference(m, f, index, &scratch) : r->GetStringReference(m, f, &scratch);
      if (f->type() == gp::FieldDescriptor::TYPE_BYTES) {
        absl::StrAppend(out, "\"", absl::Base64Escape(s), "\"");
        return true;
      }
      return AppendString(s, out);
    }
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
      return AppendMessage(rep ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f), out, depth + 1);
    case gp::FieldDescriptor::CPPTYPE_FLOAT:
      return false;
  }
  return false;
}

bool AppendMessage(const gp::Message& m, std::string* out, int depth) {
  const gp::Descriptor* d = m.GetDescriptor();
  const gp::Reflection* r = m.GetReflection();
  if (d->well_known_type() == gp::Descriptor::WELLKNOWNTYPE_TIMESTAMP) return AppendTimestamp(m, d, r, out);
  if (d->well_known_type() != gp::Descriptor::WELLKNOWNTYPE_UNSPECIFIED || depth > kMaxDepth) return false;
  // What is on the wire, by number, in a list this thread keeps for this
  // depth (no allocation per message once it has grown).
  thread_local std::array<std::vector<const gp::FieldDescriptor*>, kMaxDepth + 1> lists;
  std::vector<const gp::FieldDescriptor*>& fields = lists[depth];
  fields.clear();
  r->ListFields(m, &fields);
  out->push_back('{');
  for (size_t k = 0; k < fields.size(); ++k) {
    const gp::FieldDescriptor* f = fields[k];
    if (f->is_map() || f->is_extension()) return false;
    if (k > 0) out->push_back(',');
    if (!AppendString(f->json_name(), out)) return false;
    out->push_back(':');
    if (!f->is_repeated()) {
      if (!AppendValue(m, r, f, 0, out, depth)) return false;
      continue;
    }
    out->push_back('[');
    const int n = r->FieldSize(m, f);
    for (int i = 0; i < n; ++i) {
      if (i > 0) out->push_back(',');
      if (!AppendValue(m, r, f, i, out, depth)) return false;
    }
    out->push_back(']');
  }
  out->push_back('}');
  return true;
}

}  // namespace

bool PrintJson(const gp::Message& m, std::string* out) { return AppendMessage(m, out, 0); }

std::string ToJson(const gp::Message& m) {
  std::string out;
  out.reserve(1024);  // most answers fit
  if (PrintJson(m, &out)) return out;
  out.clear();
  (void)gp::util::MessageToJsonString(m, &out);
  return out;
}

}  // namespace discipline::http
