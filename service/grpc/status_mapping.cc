#include "service/grpc/status_mapping.h"

#include "absl/strings/str_cat.h"
#include "glog/logging.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "service/common/errors.h"

namespace discipline::grpc_api {

namespace {

// gRPC carries the status in trailers (8 KiB by default): a message built
// from a huge bad value must not outgrow them, or the client waits for its
// deadline instead of reading the error.
constexpr size_t kMaxMessageBytes = 1024;

std::string Bounded(absl::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return absl::StrCat(text.substr(0, end), "…");
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // What only the operator may read goes to the log, not to the caller.
  if (auto detail = DetailOf(status); detail.has_value()) {
    LOG(WARNING) << absl::StatusCodeToString(status.code()) << ": " << status.message() << " [" << *detail << "]";
  }
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message = Bounded(status.message(), kMaxMessageBytes);
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(message);
  if (auto field = FieldOf(status); field.has_value()) {
    google::rpc::BadRequest bad_request;
    auto* violation = bad_request.add_field_violations();
    violation->set_field(Bounded(*field, 128));
    violation->set_description(message);
    details.add_details()->PackFrom(bad_request);
  }
  if (auto resource = ResourceOf(status); resource.has_value()) {
    google::rpc::ResourceInfo info;
    info.set_resource_type(resource->resource_type);
    info.set_resource_name(Bounded(resource->resource_name, 128));
    info.set_description(Bounded(resource->description, 256));
    details.add_details()->PackFrom(info);
  }
  if (auto pesan = IndonesianOf(status); pesan.has_value()) {
    google::rpc::LocalizedMessage localized;
    localized.set_locale("id-ID");
    localized.set_message(Bounded(*pesan, kMaxMessageBytes));
    details.add_details()->PackFrom(localized);
  }
  if (details.details_size() == 0) return grpc::Status(code, message);
  return grpc::Status(code, message, details.SerializeAsString());
}

}  // namespace discipline::grpc_api
