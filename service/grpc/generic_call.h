#ifndef DISCIPLINE_SERVICE_GRPC_GENERIC_CALL_H_
#define DISCIPLINE_SERVICE_GRPC_GENERIC_CALL_H_

// What the clients that call the API by its descriptors share (the
// operators' CLI and the HTTP gateway): the API's services, and raw bytes
// to and from gRPC's ByteBuffer. Header-only: it needs the generated API and
// gRPC, nothing of the server.

#include <grpcpp/support/byte_buffer.h>

#include <string>
#include <vector>

#include "asn/discipline/v1/audit.pb.h"
#include "asn/discipline/v1/cases.pb.h"
#include "asn/discipline/v1/documents.pb.h"
#include "asn/discipline/v1/letters.pb.h"
#include "asn/discipline/v1/reports.pb.h"
#include "asn/discipline/v1/rules.pb.h"
#include "google/protobuf/descriptor.h"

namespace discipline::grpc_api {

// The API's service descriptors. Naming a message of each file keeps the
// linker from dropping the file's descriptor.
inline std::vector<const google::protobuf::ServiceDescriptor*> ApiServices() {
  std::vector<const google::protobuf::ServiceDescriptor*> out;
  for (const google::protobuf::FileDescriptor* f :
       {asn::discipline::v1::AssessViolationRequest::descriptor()->file(),
        asn::discipline::v1::FileCaseRequest::descriptor()->file(),
        asn::discipline::v1::GetCaseHistoryRequest::descriptor()->file(),
        asn::discipline::v1::GetDocumentRequest::descriptor()->file(),
        asn::discipline::v1::GetFollowThroughReportRequest::descriptor()->file(),
        asn::discipline::v1::RenderLetterRequest::descriptor()->file()}) {
    for (int i = 0; i < f->service_count(); ++i) out.push_back(f->service(i));
  }
  return out;
}

inline grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

inline std::string FromBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  (void)buffer.Dump(&slices);
  std::string out;
  for (const grpc::Slice& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_GENERIC_CALL_H_
