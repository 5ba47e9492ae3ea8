#ifndef DISCIPLINE_ADAPTERS_HTTP_DOWNLOADS_H_
#define DISCIPLINE_ADAPTERS_HTTP_DOWNLOADS_H_

// How the answer of a server-streaming RPC goes out: chunked, as each
// message comes, after the first message decided the answer (so that an
// error is still a proper status).
//
// THE RULE: a response is a download when its RPC is server-streaming and
// its response message has a field `info` of type
// asn.discipline.v1.DocumentInfo and a `bytes` field `chunk` (the shape of
// GetDocumentResponse). The first message's `info` names the file (its
// name, media type and SHA-256); every following message's `chunk` is the
// next piece of the file's bytes. Every other server-streaming RPC is NDJSON:
// one JSON line per message. A new RPC of either shape needs no code here.

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "adapters/http/streaming_call.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace httplib {
struct Response;
}  // namespace httplib

namespace discipline::http {

// THE RULE above.
bool IsDownload(const google::protobuf::MethodDescriptor* method);

// A download's Content-Disposition (RFC 6266): always an attachment, its
// name as RFC 8187 UTF-8 `filename*`, and an ASCII `filename` for clients
// without it (non-ASCII, quotes, backslashes and controls as '_'). Neither
// can hold CR/LF, so the header is never dropped.
std::string ContentDisposition(absl::string_view name);

// The file of a download: `first` (the info), then the chunks read from
// `call`. Never rendered by the browser: an attachment, of an allow-listed
// type (else octet-stream), not sniffed, sandboxed should it be opened, not
// kept in a cache (api.md, "Safe edges").
void SendDownload(const google::protobuf::Message& prototype, const std::string& first,
                  std::shared_ptr<StreamingCall> call, httplib::Response& res);

// Every message of the stream, `first` and those read from `call`, as one
// JSON line each (application/x-ndjson).
void SendNdjson(const google::protobuf::Message& prototype, std::string first, std::shared_ptr<StreamingCall> call,
                httplib::Response& res);

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_DOWNLOADS_H_
