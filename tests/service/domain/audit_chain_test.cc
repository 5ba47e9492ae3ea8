// unit: the audit chain's verification (service/domain/audit_chain.h), with
// a stand-in digest: every way a history can be altered is reported at the
// first sequence it breaks, and an untouched history is valid.

#include "service/domain/audit_chain.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace discipline::domain {
namespace {

using ::testing::HasSubstr;

// Not cryptographic: the chain logic does not depend on the digest. 64 hex
// characters, as SHA-256's.
std::string FakeSha(absl::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return absl::StrFormat("%016x%016x%016x%016x", h, h ^ 1, h ^ 2, h ^ 3);
}

struct History {
  ChainHead head;
  std::vector<AuditEvent> events;
};

// `n` events of one case, chained; the case's digest is "case-v<n>".
History Chain(int n) {
  History h;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEvent e;
    e.case_id = "c1";
    e.sequence = i;
    e.occurred_at = absl::FromUnixSeconds(1767225600 + i);
    e.actor = "198009092005012002";
    e.action = i == 1 ? "FileCase" : "IssueSummons";
    e.payload_json = absl::StrCat("{\"change\":{},\"case_sha256\":\"", FakeSha(absl::StrCat("case-v", i)),
                                  "\",\"version\":", i, "}");
    e.prev_hash = prev;
    e.hash = ChainHash(e, &FakeSha);
    prev = e.hash;
    h.events.push_back(e);
  }
  h.head = {prev, n, FakeSha(absl::StrCat("case-v", n))};
  return h;
}

TEST(AuditChain, UntouchedHistoryIsValid) {
  const History h = Chain(5);
  const ChainVerdict v = VerifyChain(h.head, h.events, &FakeSha);
  EXPECT_TRUE(v.valid) << v.reason;
  EXPECT_EQ(v.events_checked, 5);
}

TEST(AuditChain, ModifiedEventIsFoundAtItsSequence) {
  History h = Chain(5);
  h.events[2].actor = "someone else";
  const ChainVerdict v = VerifyChain(h.head, h.events, &FakeSha);
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_sequence, 3);
  EXPECT_THAT(v.reason, HasSubstr("does not match its hash"));
}

TEST(AuditChain, DeletedEventIsFound) {
  History h = Chain(5);
  h.events.erase(h.events.begin() + 1);
  const ChainVerdict v = VerifyChain(h.head, h.events, &FakeSha);
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_sequence, 2);
  EXPECT_THAT(v.reason, HasSubstr("missing"));
}

TEST(AuditChain, ReplacedEventWithARecomputedHashBreaksTheNextLink) {
  History h = Chain(5);
  h.events[1].actor = "forged";
  h.events[1].hash = ChainHash(h.events[1], &FakeSha);
  const ChainVerdict v = VerifyChain(h.head, h.events, &FakeSha);
  EXPECT_EQ(v.first_invalid_sequence, 3);
  EXPECT_THAT(v.reason, HasSubstr("prev_hash"));
}

TEST(AuditChain, DeletedLastEventIsFoundAgainstTheHead) {
  History h = Chain(5);
  h.events.pop_back();
  const ChainVerdict v = VerifyChain(h.head, h.events, &FakeSha);
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_sequence, 5);
}

TEST(AuditChain, EditedCaseRowIsFoundByItsDigest) {
  History h = Chain(3);
  h.head.case_sha256 = FakeSha("case edited behind the service's back");
  const ChainVerdict v = VerifyChain(h.head, h.events, &FakeSha);
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_sequence, 3);
  EXPECT_THAT(v.reason, HasSubstr("digest"));
}

TEST(AuditChain, CaseDigestIsReadFromThePayload) {
  EXPECT_EQ(CaseDigestOf("{\"change\":{},\"case_sha256\":\"abc\",\"version\":1}").substr(0, 3), "abc");
  EXPECT_EQ(CaseDigestOf("{}"), "");
}

}  // namespace
}  // namespace discipline::domain
