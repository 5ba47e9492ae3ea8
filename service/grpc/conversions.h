#ifndef DISCIPLINE_SERVICE_GRPC_CONVERSIONS_H_
#define DISCIPLINE_SERVICE_GRPC_CONVERSIONS_H_

// proto ⇄ domain values. The domain enums share the proto enums' numbers
// (checked at compile time in conversions.cc); enum fields are range-checked
// on the way in.

#include "absl/status/statusor.h"
#include "asn/discipline/v1/rules.pb.h"
#include "service/domain/rules_engine.h"

namespace discipline::grpc_api {

absl::StatusOr<domain::ViolationFacts> ToViolationFacts(const asn::discipline::v1::AssessViolationRequest& r);
void ToProto(const domain::Assessment& a, asn::discipline::v1::Assessment* out);
void ToProto(const domain::ProvisionSummary& p, asn::discipline::v1::Provision* out);

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_CONVERSIONS_H_
