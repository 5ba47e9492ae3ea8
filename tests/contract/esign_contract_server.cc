// The agency's BSrE e-sign client service as a contract, on loopback (BSrE
// itself cannot run here). API v2 as the project's API contract gives it:
// - POST /api/v2/sign/pdf, HTTP Basic --user/--password (else 401);
// - JSON {"nik", "passphrase" | "totp", "signatureProperties": [{"tampilan",
//   ...}], "file": [<base64 PDF>]}: a body of another shape is 400;
// - the NIK must be --nik (else 400 "NIK tidak terdaftar"), the passphrase
//   --passphrase or the TOTP --totp (else 400 "Passphrase anda salah");
// - answers {"file": [<base64>]}: the input with an appended comment, a
//   stand-in for BSrE's incremental update that carries the signature.
// Faults on demand: --fail_signs (500 for the first N), --hang_signs (the
// first N after those answered only after --hang_seconds). It writes what it
// saw to --state_file as JSON: {"calls", "signed", "refusals",
// "unauthorized", "badRequests"} (never the passphrase).

#include <httplib.h>

#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "listen.h"

ABSL_FLAG(int, port, 0, "the port to listen on (0: any free port)");
ABSL_FLAG(std::string, port_file, "", "the bound port is written here");
ABSL_FLAG(std::string, state_file, "", "the call counts, rewritten after each call");
ABSL_FLAG(std::string, user, "esign", "the agency's client user (HTTP Basic)");
ABSL_FLAG(std::string, password, "esign", "its password");
ABSL_FLAG(std::string, nik, "3174012345678901", "the one registered signer's NIK");
ABSL_FLAG(std::string, passphrase, "passphrase-demo", "that signer's passphrase");
ABSL_FLAG(std::string, totp, "123456", "a TOTP code accepted for that signer");
ABSL_FLAG(int, fail_signs, 0, "answer 500 to this many first calls");
ABSL_FLAG(int, hang_signs, 0, "hang this many calls (after the failed ones) before answering");
ABSL_FLAG(int, hang_seconds, 30, "how long a hanging call waits");

namespace {

namespace gp = google::protobuf;

std::mutex mu;
int calls = 0, signed_count = 0, refusals = 0, unauthorized = 0, bad_requests = 0;

void Save() {
  const std::string f = absl::GetFlag(FLAGS_state_file);
  if (f.empty()) return;
  gp::Struct s;
  auto& m = *s.mutable_fields();
  m["calls"].set_number_value(calls);
  m["signed"].set_number_value(signed_count);
  m["refusals"].set_number_value(refusals);
  m["unauthorized"].set_number_value(unauthorized);
  m["badRequests"].set_number_value(bad_requests);
  std::string json;
  (void)gp::util::MessageToJsonString(s, &json);
  std::ofstream(f + ".tmp") << json << "\n";
  std::rename((f + ".tmp").c_str(), f.c_str());
}

// BSrE's error answer: {"status_code", "error"}.
void Error(httplib::Response& res, int http, int code, const std::string& error) {
  gp::Struct s;
  (*s.mutable_fields())["status_code"].set_number_value(code);
  (*s.mutable_fields())["error"].set_string_value(error);
  std::string json;
  (void)gp::util::MessageToJsonString(s, &json);
  res.status = http;
  res.set_content(json, "application/json");
}

std::string Str(const gp::Struct& s, const char* key) {
  auto it = s.fields().find(key);
  return it != s.fields().end() && it->second.has_string_value() ? it->second.string_value() : "";
}

// Why a body is not a v2 sign request, or "".
std::string Shape(const gp::Struct& body, std::string* pdf) {
  if (Str(body, "nik").empty()) return "nik wajib";
  if (Str(body, "passphrase").empty() == Str(body, "totp").empty()) return "passphrase atau totp wajib (salah satu)";
  auto props = body.fields().find("signatureProperties");
  if (props == body.fields().end() || !props->second.has_list_value() ||
      props->second.list_value().values_size() == 0) {
    return "signatureProperties wajib";
  }
  for (const gp::Value& v : props->second.list_value().values()) {
    if (!v.has_struct_value() || Str(v.struct_value(), "tampilan").empty()) return "signatureProperties.tampilan wajib";
  }
  auto file = body.fields().find("file");
  if (file == body.fields().end() || !file->second.has_list_value() || file->second.list_value().values_size() != 1 ||
      !file->second.list_value().values(0).has_string_value()) {
    return "file wajib (satu dokumen)";
  }
  if (!absl::Base64Unescape(file->second.list_value().values(0).string_value(), pdf)) return "file bukan base64";
  if (!absl::StartsWith(*pdf, "%PDF-")) return "file bukan PDF";
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  httplib::Server server;
  server.Post("/api/v2/sign/pdf", [&](const httplib::Request& req, httplib::Response& res) {
    bool hang = false;
    std::string pdf;
    {
      std::lock_guard<std::mutex> lock(mu);
      const int n = ++calls;
      Save();
      const std::string expected = absl::StrCat(
          "Basic ", absl::Base64Escape(absl::StrCat(absl::GetFlag(FLAGS_user), ":", absl::GetFlag(FLAGS_password))));
      if (req.get_header_value("Authorization") != expected) {
        ++unauthorized;
        Save();
        return Error(res, 401, 401, "Unauthorized");
      }
      if (n <= absl::GetFlag(FLAGS_fail_signs)) return Error(res, 500, 500, "Internal server error");
      hang = n <= absl::GetFlag(FLAGS_fail_signs) + absl::GetFlag(FLAGS_hang_signs);
      gp::Struct body;
      std::string why = "body bukan objek JSON";
      if (absl::StartsWith(req.get_header_value("Content-Type"), "application/json") &&
          gp::util::JsonStringToMessage(req.body, &body).ok()) {
        why = Shape(body, &pdf);
      }
      if (!why.empty()) {
        ++bad_requests;
        Save();
        return Error(res, 400, 1001, why);
      }
      if (Str(body, "nik") != absl::GetFlag(FLAGS_nik)) {
        ++refusals;
        Save();
        return Error(res, 400, 1111, "NIK tidak terdaftar");
      }
      const bool ok = Str(body, "passphrase").empty() ? Str(body, "totp") == absl::GetFlag(FLAGS_totp)
                                                      : Str(body, "passphrase") == absl::GetFlag(FLAGS_passphrase);
      if (!ok) {
        ++refusals;
        Save();
        return Error(res, 400, 2031, "Passphrase anda salah");
      }
      ++signed_count;
      Save();
    }
    if (hang) std::this_thread::sleep_for(std::chrono::seconds(absl::GetFlag(FLAGS_hang_seconds)));
    // The stand-in of BSrE's incremental update.
    pdf += "\n% signed by the BSrE contract server\n%%EOF\n";
    gp::Struct answer;
    (*answer.mutable_fields())["file"].mutable_list_value()->add_values()->set_string_value(absl::Base64Escape(pdf));
    std::string json;
    (void)gp::util::MessageToJsonString(answer, &json);
    res.set_content(json, "application/json");
  });

  if (discipline::contract::BindAndAnnounce(server, absl::GetFlag(FLAGS_port), absl::GetFlag(FLAGS_port_file)) <= 0) {
    return 4;
  }
  Save();
  server.listen_after_bind();
  return 0;
}
