// discipline: the operators' command-line client. One subcommand per RPC of
// asn.discipline.v1, JSON in and JSON out (protobuf's JSON mapping), found by
// reflection over the compiled-in API, so a new RPC needs no code here.
//
//   discipline [--server=HOST:PORT] [--actor=ID] METHOD ['JSON request']
//   discipline list                 # every METHOD
//   discipline health               # grpc.health.v1 status of the server
//
// Unary and server-streaming RPCs print one JSON document per response.
// Exit status: 0, or the gRPC status code of the failure.

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>

#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "asn/discipline/v1/audit.pb.h"
#include "asn/discipline/v1/cases.pb.h"
#include "asn/discipline/v1/documents.pb.h"
#include "asn/discipline/v1/rules.pb.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "host:port of the asn-discipline server");
ABSL_FLAG(std::string, actor, "", "sent as the x-actor header (who acts; recorded in the audit history)");
ABSL_FLAG(int, deadline_seconds, 30, "deadline of the call");

namespace {

namespace gp = ::google::protobuf;

// The API's service descriptors. Naming a message of each file keeps the
// linker from dropping the file's descriptor.
std::vector<const gp::ServiceDescriptor*> Services() {
  std::vector<const gp::ServiceDescriptor*> out;
  for (const gp::FileDescriptor* f :
       {asn::discipline::v1::AssessViolationRequest::descriptor()->file(),
        asn::discipline::v1::FileCaseRequest::descriptor()->file(),
        asn::discipline::v1::GetCaseHistoryRequest::descriptor()->file(),
        asn::discipline::v1::GetDocumentRequest::descriptor()->file()}) {
    for (int i = 0; i < f->service_count(); ++i) out.push_back(f->service(i));
  }
  return out;
}

const gp::MethodDescriptor* FindMethod(const std::string& name) {
  for (const gp::ServiceDescriptor* s : Services()) {
    for (int i = 0; i < s->method_count(); ++i) {
      const gp::MethodDescriptor* m = s->method(i);
      if (m->name() == name || m->full_name() == name) return m;
    }
  }
  return nullptr;
}

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  (void)buffer.Dump(&slices);
  std::string out;
  for (const grpc::Slice& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

// Sends one request on `method` (any kind but client streaming) and collects
// every response.
grpc::Status Call(const std::string& method_path, const std::string& request, std::vector<std::string>* responses) {
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_server), grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_deadline_seconds))));
  if (const std::string actor = absl::GetFlag(FLAGS_actor); !actor.empty()) ctx.AddMetadata("x-actor", actor);
  grpc::CompletionQueue cq;
  void* tag = nullptr;
  bool ok = false;
  auto next = [&] { return cq.Next(&tag, &ok) && ok; };
  auto call = stub.PrepareCall(&ctx, method_path, &cq);
  call->StartCall(reinterpret_cast<void*>(1));
  if (next()) {
    call->WriteLast(ToBuffer(request), grpc::WriteOptions(), reinterpret_cast<void*>(2));
    if (next()) {
      for (;;) {
        grpc::ByteBuffer buffer;
        call->Read(&buffer, reinterpret_cast<void*>(3));
        if (!next()) break;
        responses->push_back(FromBuffer(buffer));
      }
    }
  }
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(4));
  cq.Next(&tag, &ok);
  return status;
}

void PrintError(const grpc::Status& status) {
  std::cerr << "error: " << status.error_code() << " " << status.error_message() << "\n";
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) return;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    google::rpc::LocalizedMessage localized;
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) std::cerr << "  field " << v.field() << ": " << v.description() << "\n";
    } else if (any.UnpackTo(&localized)) {
      std::cerr << "  [" << localized.locale() << "] " << localized.message() << "\n";
    }
  }
}

int Health() {
  std::vector<std::string> responses;
  // grpc.health.v1.HealthCheckRequest{service: ""} is the empty message.
  grpc::Status status = Call("/grpc.health.v1.Health/Check", "", &responses);
  if (!status.ok()) {
    PrintError(status);
    return status.error_code();
  }
  // HealthCheckResponse: field 1 (varint) status; 1 = SERVING.
  const std::string& r = responses.empty() ? std::string() : responses[0];
  const bool serving = r.size() == 2 && r[0] == 0x08 && r[1] == 0x01;
  std::cout << (serving ? "SERVING" : "NOT_SERVING") << "\n";
  return serving ? 0 : 14;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("discipline [--server=HOST:PORT] METHOD ['JSON'] | list | health");
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  if (args.size() < 2) {
    std::cerr << absl::ProgramUsageMessage() << "\n";
    return 2;
  }
  const std::string command = args[1];
  if (command == "health") return Health();
  if (command == "list") {
    for (const gp::ServiceDescriptor* s : Services()) {
      for (int i = 0; i < s->method_count(); ++i) std::cout << s->method(i)->name() << "  (" << s->full_name() << ")\n";
    }
    return 0;
  }
  const gp::MethodDescriptor* method = FindMethod(command);
  if (method == nullptr) {
    std::cerr << "unknown method '" << command << "'; `discipline list` shows them\n";
    return 2;
  }
  if (method->client_streaming()) {
    std::cerr << method->name() << " streams from the client; use a gRPC client library for it\n";
    return 2;
  }
  gp::DynamicMessageFactory factory;
  std::unique_ptr<gp::Message> request(factory.GetPrototype(method->input_type())->New());
  const std::string json = args.size() > 2 ? args[2] : "{}";
  if (auto s = gp::util::JsonStringToMessage(json, request.get()); !s.ok()) {
    std::cerr << "request is not a valid " << method->input_type()->full_name() << ": " << s.ToString() << "\n";
    return 3;
  }
  std::vector<std::string> responses;
  const std::string path = absl::StrCat("/", method->service()->full_name(), "/", method->name());
  grpc::Status status = Call(path, request->SerializeAsString(), &responses);
  gp::util::JsonPrintOptions options;
  options.add_whitespace = true;
  for (const std::string& bytes : responses) {
    std::unique_ptr<gp::Message> response(factory.GetPrototype(method->output_type())->New());
    response->ParseFromString(bytes);
    std::string out;
    (void)gp::util::MessageToJsonString(*response, &out, options);
    std::cout << out;
  }
  if (!status.ok()) {
    PrintError(status);
    return status.error_code();
  }
  return 0;
}
