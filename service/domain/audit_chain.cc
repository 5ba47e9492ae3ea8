#include "service/domain/audit_chain.h"

#include "absl/strings/str_cat.h"

namespace discipline::domain {

std::string ChainHash(const AuditEvent& e, const Sha256Fn& sha256) {
  return sha256(absl::StrCat(e.prev_hash, CanonicalEventBytes(e)));
}

std::string CaseDigestOf(absl::string_view payload) {
  constexpr absl::string_view kKey = "\"case_sha256\":\"";
  const size_t at = payload.rfind(kKey);
  if (at == absl::string_view::npos) return "";
  return std::string(payload.substr(at + kKey.size(), 64));
}

ChainVerdict VerifyChain(const ChainHead& head, const std::vector<AuditEvent>& events, const Sha256Fn& sha256) {
  ChainVerdict v;
  auto fail = [&v](int64_t sequence, std::string why) {
    v.first_invalid_sequence = sequence;
    v.reason = std::move(why);
    return v;
  };
  std::string prev = kGenesisHash;
  for (const AuditEvent& e : events) {
    const int64_t expected = v.events_checked + 1;
    if (e.sequence != expected) return fail(expected, absl::StrCat("event ", expected, " is missing"));
    if (e.prev_hash != prev) return fail(e.sequence, "prev_hash does not match the previous event");
    if (ChainHash(e, sha256) != e.hash) return fail(e.sequence, "the event's content does not match its hash");
    prev = e.hash;
    ++v.events_checked;
  }
  if (v.events_checked != head.count || prev != head.head_hash) {
    return fail(v.events_checked + 1, absl::StrCat("the case records ", head.count, " events ending in ",
                                                   head.head_hash.substr(0, 12), "…; the log has ", v.events_checked));
  }
  if (events.empty() || CaseDigestOf(events.back().payload_json) != head.case_sha256) {
    return fail(v.events_checked, "the stored case does not match the digest its last event recorded");
  }
  v.valid = true;
  return v;
}

}  // namespace discipline::domain
