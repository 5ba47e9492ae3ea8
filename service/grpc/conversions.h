#ifndef DISCIPLINE_SERVICE_GRPC_CONVERSIONS_H_
#define DISCIPLINE_SERVICE_GRPC_CONVERSIONS_H_

// Request → domain values for RulesService (responses and cases go through
// service/codec). The domain enums share the proto enums' numbers (checked
// at compile time in conversions.cc); enum fields are range-checked on the
// way in.

#include "absl/status/statusor.h"
#include "asn/discipline/v1/rules.pb.h"
#include "service/domain/rules_engine.h"

namespace discipline::grpc_api {

absl::StatusOr<domain::ViolationFacts> ToViolationFacts(const asn::discipline::v1::AssessViolationRequest& r);

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_CONVERSIONS_H_
