#ifndef DISCIPLINE_SERVICE_DOMAIN_AUDIT_CHAIN_H_
#define DISCIPLINE_SERVICE_DOMAIN_AUDIT_CHAIN_H_

// The hash chain of a case's audit events and its verification, pure: the
// store only reads the rows (the case's head and every event, in one
// snapshot) and asks this code. An exported history verifies offline with
// the same code. Format: adapters/mariadb/AUDIT_FORMAT.md.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "service/domain/audit.h"

namespace discipline::domain {

// Hex SHA-256 of its input; the caller supplies it (OpenSSL in the
// adapters), so that the domain holds no crypto of its own.
using Sha256Fn = std::function<std::string(absl::string_view)>;

// hash = SHA-256(prev_hash_hex || CanonicalEventBytes(event)).
std::string ChainHash(const AuditEvent& e, const Sha256Fn& sha256);

// What the case row says of its chain.
struct ChainHead {
  std::string head_hash;  // the last event's hash
  int64_t count = 0;      // the number of events
  // The stored case's bytes digest, compared with the case_sha256 the last
  // event's payload recorded.
  std::string case_sha256;
};

struct ChainVerdict {
  bool valid = false;
  int64_t events_checked = 0;
  int64_t first_invalid_sequence = 0;
  std::string reason;
};

// Checks `events` (in sequence order, the whole history) against `head`:
// sequence without gaps from 1, each prev_hash the previous hash, each hash
// recomputed, the chain ending at the head, and the case digest.
ChainVerdict VerifyChain(const ChainHead& head, const std::vector<AuditEvent>& events, const Sha256Fn& sha256);

// The case_sha256 a stored payload records ("" when it records none).
std::string CaseDigestOf(absl::string_view payload_json);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_AUDIT_CHAIN_H_
