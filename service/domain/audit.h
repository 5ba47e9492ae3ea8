#ifndef DISCIPLINE_SERVICE_DOMAIN_AUDIT_H_
#define DISCIPLINE_SERVICE_DOMAIN_AUDIT_H_

// Audit events and their canonical bytes. One hash chain per case:
//   hash = SHA-256(prev_hash_hex || CanonicalEventBytes(event))
// with prev_hash_hex = 64 zeros for the first event. The row format is in
// adapters/mariadb/AUDIT_FORMAT.md.

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "service/domain/case.h"

namespace discipline::domain {

inline constexpr char kGenesisHash[] = "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditEvent {
  std::string case_id;
  int64_t sequence = 0;
  absl::Time occurred_at;
  std::string actor;
  std::string action;  // the RPC name, e.g. "IssueSummons"
  CaseState from_state = CaseState::kUnspecified;
  CaseState to_state = CaseState::kUnspecified;
  std::string payload_json;
  std::string prev_hash;
  std::string hash;
};

// Each field as <decimal length>:<bytes>, in the order case_id, sequence,
// occurred_at (RFC 3339 UTC with microseconds), actor, action, from_state,
// to_state, payload_json. Unambiguous: no field can run into the next.
std::string CanonicalEventBytes(const AuditEvent& e);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_AUDIT_H_
