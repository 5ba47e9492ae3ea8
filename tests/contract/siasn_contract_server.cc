// SIASN's hukdis web service as a contract, on loopback: SIASN itself is
// national and cannot run here. It issues OAuth2 client-credentials tokens,
// checks every posted hukdis record against the payload SIASN's API takes
// (field names, every value a string, DD-MM-YYYY dates, the document path),
// and keeps one record per Idempotency-Key: a repeat is answered with the
// record it already has. It can fail (--fail_first: 503 for the first N
// posts) and hang (--hang_first: the first N posts are stored, then
// answered only after --hang_seconds). It writes what it received to
// --state_file as JSON: {"posts": P, "records": [{"key", "id", "payload"}]}.

#include <httplib.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

ABSL_FLAG(std::string, port_file, "", "the bound port is written here");
ABSL_FLAG(std::string, state_file, "", "what was received, rewritten after each post");
ABSL_FLAG(std::string, client_id, "asn-discipline", "the OAuth2 client");
ABSL_FLAG(std::string, client_secret, "rahasia-uji", "its secret");
ABSL_FLAG(int, fail_first, 0, "answer 503 to this many first record posts");
ABSL_FLAG(int, hang_first, 0, "store, then hang before answering, this many first record posts");
ABSL_FLAG(int, hang_seconds, 30, "how long a hanging post waits");

namespace {

namespace gp = google::protobuf;

// The fields of SIASN's hukdis/save body; every one a string.
const char* const kStringFields[] = {
    "akhirHukumanTanggal", "alasanHukumanDisiplinId", "golonganId",  "golonganLama",      "hukumanTanggal",
    "jenisHukumanId",      "jenisTingkatHukumanId",   "kedudukanHukumId", "keterangan",    "masaBulan",
    "masaTahun",           "nomorPp",                 "pnsOrangId",  "skNomor",           "skPembatalanNomor",
    "skPembatalanTanggal", "skTanggal"};
const char* const kRequired[] = {"pnsOrangId", "jenisHukumanId", "alasanHukumanDisiplinId", "hukumanTanggal",
                                 "skNomor",    "skTanggal",      "nomorPp"};

// Why `body` is not a valid hukdis record, or "".
std::string Check(const std::string& body) {
  gp::Struct s;
  if (!gp::util::JsonStringToMessage(body, &s).ok()) return "body is not a JSON object";
  const std::regex date(R"(\d{2}-\d{2}-\d{4})");
  for (const auto& [name, value] : s.fields()) {
    bool known = name == "path";
    for (const char* f : kStringFields) known |= name == f;
    if (!known) return absl::StrCat("unknown field ", name);
    if (name != "path" && !value.has_string_value()) return absl::StrCat(name, " must be a string");
  }
  for (const char* f : kRequired) {
    auto it = s.fields().find(f);
    if (it == s.fields().end() || it->second.string_value().empty()) return absl::StrCat(f, " is required");
  }
  for (const char* f : {"hukumanTanggal", "skTanggal", "akhirHukumanTanggal", "skPembatalanTanggal"}) {
    auto it = s.fields().find(f);
    if (it != s.fields().end() && !it->second.string_value().empty() &&
        !std::regex_match(it->second.string_value(), date)) {
      return absl::StrCat(f, " must be DD-MM-YYYY");
    }
  }
  auto path = s.fields().find("path");
  if (path == s.fields().end() || !path->second.has_list_value() || path->second.list_value().values_size() == 0) {
    return "path must list the SK and the BAP";
  }
  for (const auto& d : path->second.list_value().values()) {
    for (const char* f : {"dok_id", "dok_nama", "dok_uri"}) {
      if (!d.has_struct_value() || !d.struct_value().fields().contains(f)) return absl::StrCat("path[].", f, " is required");
    }
  }
  return "";
}

struct Record {
  std::string key, id, payload;
};

std::mutex mu;
int posts = 0;
std::map<std::string, Record> records;  // by Idempotency-Key
std::vector<std::string> order;

void Save() {
  const std::string path = absl::GetFlag(FLAGS_state_file);
  if (path.empty()) return;
  std::string json = absl::StrCat(R"({"posts":)", posts, R"(,"records":[)");
  for (size_t i = 0; i < order.size(); ++i) {
    const Record& r = records[order[i]];
    gp::Value payload;
    (void)gp::util::JsonStringToMessage(r.payload, payload.mutable_struct_value());
    std::string p;
    (void)gp::util::MessageToJsonString(payload, &p);
    absl::StrAppend(&json, i ? "," : "", R"({"key":")", r.key, R"(","id":")", r.id, R"(","payload":)", p, "}");
  }
  json += "]}";
  std::ofstream(path + ".tmp") << json;
  std::rename((path + ".tmp").c_str(), path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  httplib::Server server;
  const std::string token = "token-" + std::to_string(getpid());
  server.Post("/oauth2/token", [&](const httplib::Request& req, httplib::Response& res) {
    const std::string basic =
        "Basic " + absl::Base64Escape(absl::GetFlag(FLAGS_client_id) + ":" + absl::GetFlag(FLAGS_client_secret));
    if (req.get_header_value("Authorization") != basic || !absl::StrContains(req.body, "grant_type=client_credentials")) {
      res.status = 401;
      res.set_content(R"({"error":"invalid_client"})", "application/json");
      return;
    }
    res.set_content(absl::StrCat(R"({"access_token":")", token, R"(","token_type":"Bearer","expires_in":3600})"),
                    "application/json");
  });
  server.Post("/apisiasn/1.0/hukdis/save", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Authorization") != "Bearer " + token) {
      res.status = 401;
      res.set_content(R"({"success":false,"message":"token"})", "application/json");
      return;
    }
    const std::string key = req.get_header_value("Idempotency-Key");
    int n = 0;
    std::string id;
    {
      std::lock_guard<std::mutex> lock(mu);
      n = ++posts;
      Save();
      if (n <= absl::GetFlag(FLAGS_fail_first)) {
        res.status = 503;
        res.set_content(R"({"success":false,"message":"sedang pemeliharaan"})", "application/json");
        return;
      }
      if (key.empty()) {
        res.status = 400;
        res.set_content(R"({"success":false,"message":"Idempotency-Key is required"})", "application/json");
        return;
      }
      if (const std::string why = Check(req.body); !why.empty()) {
        res.status = 400;
        res.set_content(absl::StrCat(R"({"success":false,"message":")", why, R"("})"), "application/json");
        return;
      }
      auto it = records.find(key);
      if (it == records.end()) {
        Record r{key, absl::StrCat("rw-hukdis-", records.size() + 1), req.body};
        records[key] = r;
        order.push_back(key);
        it = records.find(key);
      }
      id = it->second.id;
      Save();
    }
    if (n <= absl::GetFlag(FLAGS_fail_first) + absl::GetFlag(FLAGS_hang_first)) {
      std::this_thread::sleep_for(std::chrono::seconds(absl::GetFlag(FLAGS_hang_seconds)));
    }
    res.set_content(absl::StrCat(R"({"success":true,"mapData":{"rwHukdisId":")", id, R"("}})"), "application/json");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) return 4;
  if (const std::string f = absl::GetFlag(FLAGS_port_file); !f.empty()) {
    std::ofstream(f + ".tmp") << port << "\n";
    std::rename((f + ".tmp").c_str(), f.c_str());
  }
  server.listen_after_bind();
  return 0;
}
