#include "service/codec/page_token.h"

#include "absl/strings/escaping.h"
#include "asn/discipline/internal/v1/page_token.pb.h"
#include "service/common/errors.h"
#include "service/domain/calendar.h"

namespace discipline::codec {
namespace {

namespace ipb = ::asn::discipline::internal::v1;

constexpr int kVersion = 1;
constexpr size_t kMaxTokenBytes = 512;

absl::Status NotOurs(absl::string_view why) {
  return InvalidField("page_token", absl::StrCat("is not a token this service issued for this request (", why, ")"),
                      "Penanda halaman tidak sah; muat ulang daftar dari halaman pertama.");
}

template <typename Message>
absl::Status Parse(absl::string_view token, Message& out) {
  if (token.size() > kMaxTokenBytes) return NotOurs("too long");
  std::string bytes;
  if (!absl::WebSafeBase64Unescape(token, &bytes)) return NotOurs("not base64");
  if (!out.ParseFromString(bytes)) return NotOurs("does not parse");
  if (out.version() != kVersion) return NotOurs("unknown version");
  return absl::OkStatus();
}

template <typename Message>
std::string Serialize(const Message& m) {
  std::string out;
  absl::WebSafeBase64Escape(m.SerializeAsString(), &out);
  return out;
}

}  // namespace

std::string EncodeCasePageToken(const ports::CaseFilter& f, const domain::Case& last) {
  ipb::CasePageToken t;
  t.set_version(kVersion);
  t.set_agency_code(f.agency_code);
  t.set_state(static_cast<int>(f.state));
  t.set_employee_nip(f.employee_nip);
  t.set_neutrality_aspect(static_cast<int>(f.neutrality_aspect));
  t.set_overdue_only(f.overdue_only);
  t.set_after_case_id(last.case_id);
  if (f.overdue_only) {
    if (auto due = domain::NextDue(last); due.has_value()) t.set_after_due_on(domain::FormatIsoDate(*due));
  }
  return Serialize(t);
}

absl::Status DecodeCasePageToken(absl::string_view token, ports::CaseFilter& f) {
  f.after_case_id.clear();
  f.after_due_on.reset();
  if (token.empty()) return absl::OkStatus();
  ipb::CasePageToken t;
  if (absl::Status s = Parse(token, t); !s.ok()) return s;
  if (t.agency_code() != f.agency_code || t.state() != static_cast<int>(f.state) ||
      t.employee_nip() != f.employee_nip || t.overdue_only() != f.overdue_only ||
      t.neutrality_aspect() != static_cast<int>(f.neutrality_aspect)) {
    return NotOurs("issued for other filters");
  }
  if (t.after_case_id().empty() || t.after_case_id().size() > 40) return NotOurs("no position");
  f.after_case_id = t.after_case_id();
  if (f.overdue_only) {
    auto due = domain::ParseIsoDate(t.after_due_on(), "page_token");
    if (!due.ok()) return NotOurs("no due date");
    f.after_due_on = *due;
  }
  return absl::OkStatus();
}

std::string EncodeHistoryPageToken(const std::string& case_id, int64_t after_sequence) {
  ipb::HistoryPageToken t;
  t.set_version(kVersion);
  t.set_case_id(case_id);
  t.set_after_sequence(after_sequence);
  return Serialize(t);
}

absl::StatusOr<int64_t> DecodeHistoryPageToken(absl::string_view token, const std::string& case_id) {
  if (token.empty()) return 0;
  ipb::HistoryPageToken t;
  if (absl::Status s = Parse(token, t); !s.ok()) return s;
  if (t.case_id() != case_id) return NotOurs("issued for another case");
  if (t.after_sequence() < 0) return NotOurs("bad position");
  return t.after_sequence();
}

}  // namespace discipline::codec
