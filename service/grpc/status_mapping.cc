#include "service/grpc/status_mapping.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "service/common/errors.h"

namespace discipline::grpc_api {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(message);
  if (auto field = FieldOf(status); field.has_value()) {
    google::rpc::BadRequest bad_request;
    auto* violation = bad_request.add_field_violations();
    violation->set_field(*field);
    violation->set_description(message);
    details.add_details()->PackFrom(bad_request);
  }
  if (auto pesan = IndonesianOf(status); pesan.has_value()) {
    google::rpc::LocalizedMessage localized;
    localized.set_locale("id-ID");
    localized.set_message(*pesan);
    details.add_details()->PackFrom(localized);
  }
  if (details.details_size() == 0) return grpc::Status(code, message);
  return grpc::Status(code, message, details.SerializeAsString());
}

}  // namespace discipline::grpc_api
