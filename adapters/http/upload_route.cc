#include "adapters/http/upload_route.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "adapters/http/json_printer.h"
#include "asn/discipline/v1/documents.grpc.pb.h"
#include "google/protobuf/util/json_util.h"

namespace discipline::http {
namespace {

namespace pb = ::asn::discipline::v1;

constexpr size_t kChunkBytes = 64 * 1024;

std::string MediaType(absl::string_view content_type) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(content_type.substr(0, content_type.find(';'))));
}

}  // namespace

bool IsMultipartUpload(const httplib::Request& req) {
  return req.method == "POST" && req.path == kUploadPath &&
         MediaType(req.get_header_value("Content-Type")) == "multipart/form-data";
}

void HandleMultipartUpload(grpc::Channel& channel, std::unique_ptr<grpc::ClientContext> context,
                           const httplib::Request& req, httplib::Response& res,
                           const std::function<void(httplib::Response&, const grpc::Status&)>& send_error) {
  if (!IsMultipartUpload(req)) {
    send_error(res, grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                 "Content-Type: POST /v1/documents takes multipart/form-data (parts metadata, file)"));
    res.status = 415;
    return;
  }
  if (!req.has_file("metadata")) {
    return send_error(res, grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                        "metadata: the part is required (DocumentMetadata as JSON)"));
  }
  if (!req.has_file("file")) {
    return send_error(res, grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "file: the part is required"));
  }
  const httplib::MultipartFormData meta_part = req.get_file_value("metadata");
  const httplib::MultipartFormData file_part = req.get_file_value("file");
  pb::UploadDocumentRequest first;
  google::protobuf::util::JsonParseOptions parse;
  parse.ignore_unknown_fields = false;
  if (auto s = google::protobuf::util::JsonStringToMessage(meta_part.content, first.mutable_metadata(), parse);
      !s.ok()) {
    return send_error(
        res, grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, absl::StrCat("metadata: not a valid DocumentMetadata: ",
                                                                           std::string(s.message()).substr(0, 200))));
  }
  pb::DocumentMetadata* m = first.mutable_metadata();
  // What the file part says of itself, where the metadata does not.
  if (m->file_name().empty()) m->set_file_name(file_part.filename);
  if (m->media_type().empty()) m->set_media_type(file_part.content_type);

  auto stub = pb::DocumentService::NewStub(std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {}));
  pb::DocumentRef ref;
  auto writer = stub->UploadDocument(context.get(), &ref);
  bool sent = writer->Write(first);
  for (size_t at = 0; sent && at < file_part.content.size(); at += kChunkBytes) {
    pb::UploadDocumentRequest chunk;
    chunk.set_chunk(file_part.content.substr(at, kChunkBytes));
    sent = writer->Write(chunk);
  }
  if (sent) writer->WritesDone();
  const grpc::Status s = writer->Finish();
  if (!s.ok()) return send_error(res, s);
  res.set_header("Cache-Control", "no-store");
  res.set_content(ToJson(ref), "application/json; charset=utf-8");
}

}  // namespace discipline::http
