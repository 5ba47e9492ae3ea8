#include "adapters/http/downloads.h"

#include <httplib.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "adapters/http/json_printer.h"
#include "asn/discipline/v1/documents.pb.h"
#include "service/domain/documents.h"

namespace discipline::http {
namespace {

namespace gp = ::google::protobuf;
using asn::discipline::v1::DocumentInfo;

const gp::FieldDescriptor* InfoField(const gp::Descriptor* d) { return d->FindFieldByName("info"); }
const gp::FieldDescriptor* ChunkField(const gp::Descriptor* d) { return d->FindFieldByName("chunk"); }

// The `info` of a download's first message.
DocumentInfo InfoOf(const gp::Message& prototype, const std::string& bytes) {
  std::unique_ptr<gp::Message> head(prototype.New());
  head->ParseFromString(bytes);
  DocumentInfo info;
  info.CopyFrom(head->GetReflection()->GetMessage(*head, InfoField(head->GetDescriptor())));
  return info;
}

}  // namespace

bool IsDownload(const gp::MethodDescriptor* method) {
  if (!method->server_streaming()) return false;
  const gp::FieldDescriptor* info = InfoField(method->output_type());
  const gp::FieldDescriptor* chunk = ChunkField(method->output_type());
  return info != nullptr && !info->is_repeated() && info->message_type() == DocumentInfo::descriptor() &&
         chunk != nullptr && !chunk->is_repeated() && chunk->type() == gp::FieldDescriptor::TYPE_BYTES;
}

std::string ContentDisposition(absl::string_view name) {
  std::string ascii, encoded;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    ascii += c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? ch : '_';
    // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; the rest %XX.
    if (absl::ascii_isalnum(c) || absl::string_view("!#$&+-.^_`|~").find(ch) != absl::string_view::npos) {
      encoded += ch;
    } else {
      // Upper-case hex digits (RFC 3986 section 2.1).
      constexpr char kHex[] = "0123456789ABCDEF";
      encoded += {'%', kHex[c >> 4], kHex[c & 0xF]};
    }
  }
  if (ascii.empty()) ascii = "dokumen";
  return absl::StrCat("attachment; filename=\"", ascii, "\"; filename*=UTF-8''", encoded);
}

void SendDownload(const gp::Message& prototype, const std::string& first, std::shared_ptr<StreamingCall> call,
                  httplib::Response& res) {
  const DocumentInfo info = InfoOf(prototype, first);
  res.set_header("Content-Disposition", ContentDisposition(info.metadata().file_name()));
  res.set_header("X-Document-Sha256", info.ref().sha256());
  res.set_header("Content-Security-Policy", "sandbox");
  res.set_header("Cache-Control", "no-store");
  const std::string type = domain::ServedMediaType(info.metadata().media_type());
  res.set_chunked_content_provider(type, [call, &prototype](size_t, httplib::DataSink& sink) {
    std::string bytes;
    if (!call->Read(&bytes)) {
      sink.done();
      return true;
    }
    std::unique_ptr<gp::Message> part(prototype.New());
    part->ParseFromString(bytes);
    const std::string chunk = part->GetReflection()->GetString(*part, ChunkField(part->GetDescriptor()));
    return sink.write(chunk.data(), chunk.size());
  });
}

void SendNdjson(const gp::Message& prototype, std::string first, std::shared_ptr<StreamingCall> call,
                httplib::Response& res) {
  auto pending = std::make_shared<std::string>(std::move(first));
  res.set_chunked_content_provider("application/x-ndjson",
                                   [call, pending, &prototype](size_t, httplib::DataSink& sink) {
                                     std::string bytes;
                                     if (!pending->empty()) {
                                       bytes.swap(*pending);
                                     } else if (!call->Read(&bytes)) {
                                       sink.done();
                                       return true;
                                     }
                                     std::unique_ptr<gp::Message> event(prototype.New());
                                     event->ParseFromString(bytes);
                                     const std::string line = ToJson(*event) + "\n";
                                     return sink.write(line.data(), line.size());
                                   });
}

}  // namespace discipline::http
