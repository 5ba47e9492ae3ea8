#ifndef DISCIPLINE_SERVICE_GRPC_STATUS_MAPPING_H_
#define DISCIPLINE_SERVICE_GRPC_STATUS_MAPPING_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace discipline::grpc_api {

// The one mapping from absl::Status to grpc::Status: same canonical code and
// message; INVALID_ARGUMENT carries a google.rpc.BadRequest field violation
// when the status names its field, and any status with a Bahasa Indonesia
// text carries a google.rpc.LocalizedMessage (locale id-ID), both in the
// serialized google.rpc.Status of the error details.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_STATUS_MAPPING_H_
