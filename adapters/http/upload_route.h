#ifndef DISCIPLINE_ADAPTERS_HTTP_UPLOAD_ROUTE_H_
#define DISCIPLINE_ADAPTERS_HTTP_UPLOAD_ROUTE_H_

// POST /v1/documents: an upload over HTTP for the intranet (api.md, third
// stage): multipart/form-data with a `metadata` part (the UploadDocument
// metadata, asn.discipline.v1.DocumentMetadata in protobuf's JSON mapping)
// and a `file` part (the bytes). Parsed by cpp-httplib's multipart support,
// then sent as DocumentService.UploadDocument over the in-process channel,
// so the validation (file_name, media types), the quotas, the authorization
// and the status codes are those of a gRPC upload. The answer is the
// DocumentRef as JSON. The one /v1 write that is not application/json: the
// gateway's Origin check applies to it as to every write.

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <httplib.h>

#include <functional>
#include <memory>

namespace discipline::http {

inline constexpr char kUploadPath[] = "/v1/documents";

// Whether `req` is the multipart upload (POST /v1/documents with
// Content-Type multipart/form-data).
bool IsMultipartUpload(const httplib::Request& req);

// Answers the upload. `context` carries the caller's Authorization and the
// deadline; `send_error` writes a gRPC status as the gateway's error body.
void HandleMultipartUpload(grpc::Channel& channel, std::unique_ptr<grpc::ClientContext> context,
                           const httplib::Request& req, httplib::Response& res,
                           const std::function<void(httplib::Response&, const grpc::Status&)>& send_error);

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_UPLOAD_ROUTE_H_
