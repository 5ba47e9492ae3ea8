// discipline: the operators' command-line client. One subcommand per RPC of
// asn.discipline.v1, JSON in and JSON out (protobuf's JSON mapping), found by
// reflection over the compiled-in API, so a new RPC needs no code here.
//
//   discipline [--server=HOST:PORT] [identity] METHOD ['JSON request']
//   discipline list                 # every METHOD
//   discipline health               # grpc.health.v1 status of the server
//   discipline issuer-init DIR      # create the demo issuer (key, JWKS) in DIR
//                                   # and print the identity { } that trusts it
//   discipline mint                 # print a demo token for the identity flags
//   discipline verify-all           # verify the audit chain of every case the
//                                   # identity may list (after a restore)
//
// Identity: --token_file=FILE (or the environment variable DISCIPLINE_TOKEN),
// or a demo token minted with the demo issuer of --issuer_dir for --as=NIP
// (or ppk:AGENCY), --roles and --agency; never --token on the command line,
// and never in plaintext off loopback. TLS: --ca_file (and
// --cert_file/--key_file for mTLS).
//
// Unary and server-streaming RPCs print one JSON document per response.
// UploadDocument, the one client-streaming RPC, takes its first message as
// the JSON ('{"metadata":{...}}') and the bytes of --file as the chunks.
// Exit status: 0, or the gRPC status code of the failure.

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "adapters/common/url_policy.h"
#include "adapters/identity/demo_issuer.h"
#include "asn/discipline/v1/audit.pb.h"
#include "asn/discipline/v1/cases.pb.h"
#include "asn/discipline/v1/documents.pb.h"
#include "asn/discipline/v1/rules.pb.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "service/grpc/generic_call.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "host:port of the asn-discipline server");
ABSL_FLAG(std::string, token, "",
          "refused: a token on the command line is visible to every user of the machine; use --token_file or "
          "the environment variable DISCIPLINE_TOKEN");
ABSL_FLAG(std::string, token_file, "", "file holding the bearer token (else DISCIPLINE_TOKEN, else a demo token)");
ABSL_FLAG(std::string, as, "", "mint a demo token for this NIP, or ppk:AGENCY for the PPK's office");
ABSL_FLAG(std::string, roles, "operator", "roles of the demo token, comma-separated");
ABSL_FLAG(std::string, agency, "", "agency_code of the demo token (for ppk:AGENCY, that agency)");
ABSL_FLAG(std::string, name, "", "name claim of the demo token");
ABSL_FLAG(std::string, issuer_dir, "var/identity", "directory of the demo issuer (deploy/run.sh creates it)");
ABSL_FLAG(std::string, ca_file, "", "PEM CA of the server's certificate: use TLS");
ABSL_FLAG(std::string, cert_file, "", "PEM client certificate (mTLS)");
ABSL_FLAG(std::string, key_file, "", "PEM client key (mTLS)");
ABSL_FLAG(int, deadline_seconds, 30, "deadline of the call");
ABSL_FLAG(std::string, file, "", "UploadDocument: the file whose bytes follow the metadata");

namespace {

namespace gp = ::google::protobuf;

using discipline::grpc_api::ApiServices;
using discipline::grpc_api::FromBuffer;
using discipline::grpc_api::ToBuffer;

const gp::MethodDescriptor* FindMethod(const std::string& name) {
  for (const gp::ServiceDescriptor* s : ApiServices()) {
    for (int i = 0; i < s->method_count(); ++i) {
      const gp::MethodDescriptor* m = s->method(i);
      if (m->name() == name || m->full_name() == name) return m;
    }
  }
  return nullptr;
}

// Sends one request on `method` (any kind but client streaming) and collects
// every response.
std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// The bearer token: read from --token_file or DISCIPLINE_TOKEN, or minted by
// the demo issuer. Never from the command line (other users see it in the
// process list), and never sent in plaintext off loopback.
absl::StatusOr<std::string> Token() {
  if (!absl::GetFlag(FLAGS_token).empty()) {
    return absl::InvalidArgumentError(
        "--token is refused (a token on the command line is visible to every user of the machine): use "
        "--token_file or the environment variable DISCIPLINE_TOKEN");
  }
  if (const std::string f = absl::GetFlag(FLAGS_token_file); !f.empty()) return ReadFile(f);
  if (const char* env = std::getenv("DISCIPLINE_TOKEN"); env != nullptr && *env != '\0') return std::string(env);
  const std::string as = absl::GetFlag(FLAGS_as);
  if (as.empty()) return std::string();
  auto issuer = discipline::identity::DemoIssuer::Open(absl::GetFlag(FLAGS_issuer_dir));
  if (!issuer.ok()) return issuer.status();
  std::string nip = as, agency = absl::GetFlag(FLAGS_agency);
  if (absl::StartsWith(as, "ppk:")) {
    nip.clear();
    if (agency.empty()) agency = as.substr(4);
  }
  if (agency.empty()) return absl::InvalidArgumentError("--agency is required with --as");
  const std::vector<std::string> roles = absl::StrSplit(absl::GetFlag(FLAGS_roles), ',', absl::SkipEmpty());
  return (*issuer)->Mint(nip, absl::GetFlag(FLAGS_name), agency, roles);
}

std::shared_ptr<grpc::ChannelCredentials> Credentials() {
  const std::string ca = absl::GetFlag(FLAGS_ca_file);
  if (ca.empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions o;
  o.pem_root_certs = ReadFile(ca);
  if (const std::string cert = absl::GetFlag(FLAGS_cert_file); !cert.empty()) {
    o.pem_cert_chain = ReadFile(cert);
    o.pem_private_key = ReadFile(absl::GetFlag(FLAGS_key_file));
  }
  return grpc::SslCredentials(o);
}

// The call's request messages, one at a time: false when there are no more
// (a client-streaming call sends several, the others one).
using Requests = std::function<bool(std::string*)>;

Requests One(std::string request) {
  return [request = std::move(request), sent = false](std::string* out) mutable {
    if (sent) return false;
    *out = request;
    sent = true;
    return true;
  };
}

grpc::Status Call(const std::string& method_path, const Requests& requests, std::vector<std::string>* responses) {
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_server), Credentials());
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_deadline_seconds))));
  auto token = Token();
  if (!token.ok()) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(token.status().message()));
  if (!token->empty()) {
    // A bearer token goes in plaintext only to loopback: elsewhere, TLS.
    const std::string server = absl::GetFlag(FLAGS_server);
    if (absl::GetFlag(FLAGS_ca_file).empty() &&
        !discipline::adapters::IsLoopbackHost(server.substr(0, server.rfind(':')))) {
      return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                          absl::StrCat("the token is not sent in plaintext to ", server,
                                       ": give --ca_file (TLS), or call a loopback address"));
    }
    ctx.AddMetadata("authorization", "Bearer " + *token);
  }
  grpc::CompletionQueue cq;
  void* tag = nullptr;
  bool ok = false;
  auto next = [&] { return cq.Next(&tag, &ok) && ok; };
  auto call = stub.PrepareCall(&ctx, method_path, &cq);
  call->StartCall(reinterpret_cast<void*>(1));
  bool sent = next();
  std::string message, following;
  bool more = sent && requests(&message);
  while (more) {
    more = requests(&following);
    if (more) {
      call->Write(ToBuffer(message), reinterpret_cast<void*>(2));
    } else {
      call->WriteLast(ToBuffer(message), grpc::WriteOptions(), reinterpret_cast<void*>(2));
    }
    sent = next();
    if (!sent) break;
    message.swap(following);
  }
  while (sent) {
    grpc::ByteBuffer buffer;
    call->Read(&buffer, reinterpret_cast<void*>(3));
    if (!next()) break;
    responses->push_back(FromBuffer(buffer));
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
      for (const auto& v : bad.field_violations())
        std::cerr << "  field " << v.field() << ": " << v.description() << "\n";
    } else if (any.UnpackTo(&localized)) {
      std::cerr << "  [" << localized.locale() << "] " << localized.message() << "\n";
    }
  }
}

int Health() {
  std::vector<std::string> responses;
  // grpc.health.v1.HealthCheckRequest{service: ""} is the empty message.
  grpc::Status status = Call("/grpc.health.v1.Health/Check", One(""), &responses);
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

// One JSON document on one line (protobuf's JSON mapping).
void PrintLine(const gp::Struct& s) {
  std::string out;
  (void)gp::util::MessageToJsonString(s, &out);
  std::cout << out << "\n";
}

// verify-all: every case the caller may list (a BKN supervisor lists every
// agency's, an auditor his own agency's), page by page, each history
// verified by the server (AuditService.VerifyCaseHistory). One JSON line per
// broken chain, then a summary line. Exit status 0 when every chain holds,
// 15 (DATA_LOSS) when one does not, or the gRPC code of a failed call.
int VerifyAll() {
  namespace pb = ::asn::discipline::v1;
  int64_t cases = 0, events = 0, broken = 0;
  pb::ListCasesRequest list;
  list.set_page_size(200);
  for (;;) {
    std::vector<std::string> responses;
    grpc::Status status = Call("/asn.discipline.v1.CaseService/ListCases", One(list.SerializeAsString()), &responses);
    pb::ListCasesResponse page;
    if (!status.ok() || responses.empty() || !page.ParseFromString(responses[0])) {
      PrintError(status);
      return status.ok() ? 13 : status.error_code();
    }
    for (const pb::Case& c : page.cases()) {
      pb::VerifyCaseHistoryRequest verify;
      verify.set_case_id(c.case_id());
      responses.clear();
      status = Call("/asn.discipline.v1.AuditService/VerifyCaseHistory", One(verify.SerializeAsString()), &responses);
      pb::VerifyCaseHistoryResponse v;
      if (!status.ok() || responses.empty() || !v.ParseFromString(responses[0])) {
        std::cerr << "case " << c.case_id() << ": ";
        PrintError(status);
        return status.ok() ? 13 : status.error_code();
      }
      ++cases;
      events += v.events_checked();
      if (!v.valid()) {
        ++broken;
        gp::Struct line;
        (*line.mutable_fields())["caseId"].set_string_value(c.case_id());
        (*line.mutable_fields())["registerNumber"].set_string_value(c.register_number());
        (*line.mutable_fields())["valid"].set_bool_value(false);
        (*line.mutable_fields())["firstInvalidSequence"].set_number_value(
            static_cast<double>(v.first_invalid_sequence()));
        (*line.mutable_fields())["reason"].set_string_value(v.reason());
        PrintLine(line);
      }
    }
    if (page.next_page_token().empty()) break;
    list.set_page_token(page.next_page_token());
  }
  gp::Struct summary;
  (*summary.mutable_fields())["casesChecked"].set_number_value(static_cast<double>(cases));
  (*summary.mutable_fields())["eventsChecked"].set_number_value(static_cast<double>(events));
  (*summary.mutable_fields())["broken"].set_number_value(static_cast<double>(broken));
  PrintLine(summary);
  return broken == 0 ? 0 : 15;
}

}  // namespace

// One piece: the subcommands in the order of the usage line; each branch is
// a few lines, and the generic RPC call that ends it needs the flags read here.
int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "discipline [--server=HOST:PORT] [--as=NIP --roles=R,... --agency=CODE | --token=JWT] METHOD ['JSON'] | list | "
      "health | verify-all | issuer-init DIR | mint");
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  if (args.size() < 2) {
    std::cerr << absl::ProgramUsageMessage() << "\n";
    return 2;
  }
  const std::string command = args[1];
  if (command == "health") return Health();
  if (command == "verify-all") return VerifyAll();
  if (command == "issuer-init") {
    if (args.size() < 3) {
      std::cerr << "discipline issuer-init DIR\n";
      return 2;
    }
    auto issuer = discipline::identity::DemoIssuer::OpenOrCreate(args[2]);
    if (!issuer.ok()) {
      std::cerr << issuer.status() << "\n";
      return 1;
    }
    // The ServerConfig block that trusts it.
    std::cout << "identity {\n  issuer: \"" << (*issuer)->issuer() << "\"\n  audience: \"" << (*issuer)->audience()
              << "\"\n  jwks_file: \"" << (*issuer)->jwks_file() << "\"\n}\n";
    return 0;
  }
  if (command == "mint") {
    auto token = Token();
    if (!token.ok() || token->empty()) {
      std::cerr << (token.ok() ? "give --as, --roles and --agency" : token.status().ToString()) << "\n";
      return 2;
    }
    std::cout << *token << "\n";
    return 0;
  }
  if (command == "list") {
    for (const gp::ServiceDescriptor* s : ApiServices()) {
      for (int i = 0; i < s->method_count(); ++i) std::cout << s->method(i)->name() << "  (" << s->full_name() << ")\n";
    }
    return 0;
  }
  const gp::MethodDescriptor* method = FindMethod(command);
  if (method == nullptr) {
    std::cerr << "unknown method '" << command << "'; `discipline list` shows them\n";
    return 2;
  }
  if (method->client_streaming() && method->input_type() != asn::discipline::v1::UploadDocumentRequest::descriptor()) {
    std::cerr << method->name() << " streams from the client; use a gRPC client library for it\n";
    return 2;
  }
  std::ifstream file;
  if (method->client_streaming()) {
    file.open(absl::GetFlag(FLAGS_file), std::ios::binary);
    if (absl::GetFlag(FLAGS_file).empty() || !file) {
      std::cerr << method->name() << " needs --file=PATH, the document to upload (the JSON is its metadata)\n";
      return 2;
    }
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
  Requests requests = One(request->SerializeAsString());
  if (method->client_streaming()) {
    // The metadata, then the file in chunks of 64 KiB, read as they go.
    requests = [first = One(request->SerializeAsString()), &file](std::string* out) mutable {
      if (first(out)) return true;
      std::string chunk(64 * 1024, '\0');
      file.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      if (file.gcount() <= 0) return false;
      chunk.resize(static_cast<size_t>(file.gcount()));
      asn::discipline::v1::UploadDocumentRequest part;
      part.set_chunk(std::move(chunk));
      *out = part.SerializeAsString();
      return true;
    };
  }
  grpc::Status status = Call(path, requests, &responses);
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
