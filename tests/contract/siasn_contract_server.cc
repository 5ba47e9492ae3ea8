// SIASN's web services as a contract, on loopback: SIASN itself is national
// and cannot run here. It behaves as the project's SIASN reference says the
// real one does (what public client code sends and gets):
// - POST /oauth2/token: the API manager's token (client credentials, HTTP
//   Basic with the consumer key and secret);
// - POST /sso/token: the operator's SSO token (password grant);
// - every API call needs both: `Authorization: Bearer <API manager token>`
//   and `Auth: bearer <SSO token>`, else 401;
// - POST /apisiasn/1.0/hukdis/save: checks the record (field names, every
//   value a string, DD-MM-YYYY dates, jenisHukumanId and its
//   jenisTingkatHukumanId, alasanHukumanDisiplinId against SIASN's reference
//   tables below, path[] only with documents SIASN itself holds); `id`
//   empty makes a new record, `id` set saves that record again (it must
//   exist); an annulment names skPembatalanNomor and skPembatalanTanggal;
//   answers mapData.rwHukdisId;
// - POST /apisiasn/1.0/upload-dok-rw: multipart `file` (a PDF),
//   `id_riwayat` (an existing record), `id_ref_dokumen` 882;
// - GET /apisiasn/1.0/pns/rw-hukdis/{nip}: the employee's records.
// Like SIASN it has no idempotency key: a save without `id` posted twice is
// two records. Faults on demand: refuse (--refuse_saves: 400 with that
// message), fail (--fail_saves / --fail_attaches: 503 for the first N),
// hang (--hang_saves / --hang_attaches: the first N are done, then answered
// only after --hang_seconds). It writes what it holds to --state_file as
// JSON (protobuf's JSON printer): {"saves", "attaches", "refusals",
// "unauthorized", "apiTokens", "ssoTokens" (grants), "records": [{"id",
// "saves", "payload", "documents": [{"idRefDokumen", "fileName",
// "bytes"}]}]}. Tokens expire after --token_ttl_seconds; an SSO token the
// agency supplies is --sso_static_token.

#include <httplib.h>
#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "listen.h"

ABSL_FLAG(int, port, 0, "the port to listen on (0: any free port)");
ABSL_FLAG(std::string, port_file, "", "the bound port is written here");
ABSL_FLAG(std::string, state_file, "", "what was received, rewritten after each call");
ABSL_FLAG(std::string, client_id, "siasn", "the API manager's consumer key");
ABSL_FLAG(std::string, client_secret, "siasn", "its consumer secret");
ABSL_FLAG(std::string, sso_client_id, "siasn", "the SSO realm's client");
ABSL_FLAG(std::string, sso_username, "siasn", "the operator account");
ABSL_FLAG(std::string, sso_password, "siasn", "its password");
ABSL_FLAG(int, token_ttl_seconds, 3600, "the tokens' expires_in; an expired token is refused (401)");
ABSL_FLAG(std::string, sso_static_token, "", "an SSO token the agency obtained itself, accepted without expiry");
ABSL_FLAG(std::string, refuse_saves, "", "when set, answer every save 400 with this message");
ABSL_FLAG(int, fail_saves, 0, "answer 503 to this many first saves");
ABSL_FLAG(int, hang_saves, 0, "do, then hang before answering, this many first saves (after the failed ones)");
ABSL_FLAG(int, fail_attaches, 0, "answer 503 to this many first attachments");
ABSL_FLAG(int, hang_attaches, 0, "do, then hang before answering, this many first attachments");
ABSL_FLAG(int, hang_seconds, 30, "how long a hanging call waits");
ABSL_FLAG(std::vector<std::string>, person, {},
          "NIP=pnsOrangId pairs; other NIPs follow the demo SIMPEG (the MD5 of the NIP as a UUID)");

namespace {

namespace gp = google::protobuf;

// SIASN's reference table jenisHukuman → jenisTingkatHukuman (the project's
// SIASN reference, "Reference tables", with the PP 53/2010 types a
// history may hold).
const std::map<std::string, std::string> kJenisHukuman = {
    {"1", "R"},  {"2", "R"},  {"3", "R"},  {"4", "S"},  {"5", "S"},  {"6", "S"},  {"7", "S"},
    {"8", "S"},  {"9", "B"},  {"10", "B"}, {"11", "B"}, {"13", "B"}, {"14", "B"}, {"21", "R"},
    {"22", "R"}, {"23", "S"}, {"24", "S"}, {"25", "S"}, {"27", "B"}, {"28", "B"}};
// SIASN's alasanHukumanDisiplin ids the reference lists.
const std::set<std::string> kAlasan = {
    "11EC54D9B39E57B1E050640A15026590", "11EC54D9B39457B1E050640A15026590", "11EC54D9B39557B1E050640A15026590",
    "11EC54D9B39657B1E050640A15026590", "11EC54D9B39757B1E050640A15026590", "11EC54D9B39857B1E050640A15026590",
    "11EC54D9B39A57B1E050640A15026590", "11EC54D9B39B57B1E050640A15026590", "11EC54D9B39F57B1E050640A15026590",
    "11EC54D9B3A057B1E050640A15026590", "11EC54D9B3A157B1E050640A15026590", "11EC54D9B3A557B1E050640A15026590",
    "11EC54D9B3A657B1E050640A15026590", "11EC54D9B3A757B1E050640A15026590", "11EC54D9B3A857B1E050640A15026590",
    "11EC54D9B3A957B1E050640A15026590", "11EC54D9B3AC57B1E050640A15026590", "11EC54D9B3AD57B1E050640A15026590",
    "11EC54D9B3AE57B1E050640A15026590", "11EC54D9B3AF57B1E050640A15026590", "11EC54D9B3B057B1E050640A15026590",
    "11EC54D9B3B157B1E050640A15026590", "11EC54D9B3B257B1E050640A15026590", "11EC54D9B3B357B1E050640A15026590",
    "11EC54D9B3B457B1E050640A15026590", "11EC54D9B3B557B1E050640A15026590", "11EC54D9B3B657B1E050640A15026590",
    "C7730BC4BB20B892E050640AF2084D0C"};
constexpr char kSkDokumen[] = "882";  // Dok SK Hukuman Disiplin

// The fields of SIASN's hukdis/save body; every one a string (path aside).
const char* const kStringFields[] = {"id",
                                     "akhirHukumanTanggal",
                                     "alasanHukumanDisiplinId",
                                     "golonganId",
                                     "golonganLama",
                                     "hukumanTanggal",
                                     "hukdisYangDiberhentikanId",
                                     "jenisHukumanId",
                                     "jenisTingkatHukumanId",
                                     "kedudukanHukumId",
                                     "keterangan",
                                     "masaBulan",
                                     "masaTahun",
                                     "nomorPp",
                                     "pnsOrangId",
                                     "skNomor",
                                     "skPembatalanNomor",
                                     "skPembatalanTanggal",
                                     "skTanggal"};
const char* const kRequired[] = {
    "pnsOrangId", "jenisHukumanId", "jenisTingkatHukumanId", "alasanHukumanDisiplinId", "hukumanTanggal", "skNomor",
    "skTanggal",  "nomorPp"};

std::string Str(const gp::Struct& s, const char* f) {
  auto it = s.fields().find(f);
  return it == s.fields().end() ? "" : it->second.string_value();
}

// Why `s` is not a valid hukdis record, or "".
std::string Check(const gp::Struct& s) {
  const std::regex date(R"(\d{2}-\d{2}-\d{4})");
  for (const auto& [name, value] : s.fields()) {
    if (name == "path") {
      // path[] holds what upload-dok answered (documents SIASN holds); this
      // stand-in issues none, so no link may come here.
      if (!value.has_list_value() || value.list_value().values_size() > 0) {
        return "path hanya berisi dokumen hasil upload-dok; tautan luar tidak dapat diakses SIASN";
      }
      continue;
    }
    bool known = false;
    for (const char* f : kStringFields) known |= name == f;
    if (!known) return absl::StrCat("field tidak dikenal: ", name);
    if (!value.has_string_value()) return absl::StrCat(name, " harus berupa string");
  }
  for (const char* f : kRequired) {
    if (Str(s, f).empty()) return absl::StrCat(f, " wajib diisi");
  }
  for (const char* f : {"hukumanTanggal", "skTanggal", "akhirHukumanTanggal", "skPembatalanTanggal"}) {
    const std::string v = Str(s, f);
    if (!v.empty() && !std::regex_match(v, date)) return absl::StrCat(f, " harus DD-MM-YYYY");
  }
  auto jenis = kJenisHukuman.find(Str(s, "jenisHukumanId"));
  if (jenis == kJenisHukuman.end()) return absl::StrCat("jenisHukumanId tidak dikenal: ", Str(s, "jenisHukumanId"));
  if (jenis->second != Str(s, "jenisTingkatHukumanId")) {
    return absl::StrCat("jenisTingkatHukumanId ", Str(s, "jenisTingkatHukumanId"), " tidak sesuai jenisHukumanId ",
                        jenis->first, " (", jenis->second, ")");
  }
  if (!kAlasan.contains(Str(s, "alasanHukumanDisiplinId"))) {
    return absl::StrCat("alasanHukumanDisiplinId tidak dikenal: ", Str(s, "alasanHukumanDisiplinId"));
  }
  if (Str(s, "skPembatalanNomor").empty() != Str(s, "skPembatalanTanggal").empty()) {
    return "skPembatalanNomor dan skPembatalanTanggal diisi bersama";
  }
  if (!Str(s, "skPembatalanNomor").empty() && Str(s, "id").empty()) {
    return "pembatalan hanya untuk riwayat yang ada (id)";
  }
  return "";
}

// The demo SIMPEG's pnsOrangId of a NIP: its MD5 as a UUID.
std::string DemoPersonId(const std::string& nip) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(nip.data(), nip.size(), md, &n, EVP_md5(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < n; ++i) absl::StrAppendFormat(&hex, "%02x", md[i]);
  return absl::StrCat(hex.substr(0, 8), "-", hex.substr(8, 4), "-", hex.substr(12, 4), "-", hex.substr(16, 4), "-",
                      hex.substr(20, 12));
}

std::string PersonId(const std::string& nip) {
  for (const std::string& pair : absl::GetFlag(FLAGS_person)) {
    std::vector<std::string> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    if (kv.size() == 2 && kv[0] == nip) return kv[1];
  }
  return DemoPersonId(nip);
}

struct Document {
  std::string ref, file_name;
  size_t bytes = 0;
};
struct Record {
  std::string id;
  gp::Struct payload;
  int saves = 0;
  std::vector<Document> documents;
};

std::mutex mu;
int saves = 0, attaches = 0, refusals = 0, unauthorized = 0, api_grants = 0, sso_grants = 0;
// Issued tokens and when they expire.
std::map<std::string, absl::Time> api_tokens, sso_tokens;
std::vector<Record> records;

Record* Find(const std::string& id) {
  for (Record& r : records) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

void Save() {
  const std::string path = absl::GetFlag(FLAGS_state_file);
  if (path.empty()) return;
  gp::Struct state;
  auto& f = *state.mutable_fields();
  f["saves"].set_number_value(saves);
  f["attaches"].set_number_value(attaches);
  f["refusals"].set_number_value(refusals);
  f["unauthorized"].set_number_value(unauthorized);
  f["apiTokens"].set_number_value(api_grants);
  f["ssoTokens"].set_number_value(sso_grants);
  gp::ListValue* list = f["records"].mutable_list_value();
  for (const Record& r : records) {
    auto& rf = *list->add_values()->mutable_struct_value()->mutable_fields();
    rf["id"].set_string_value(r.id);
    rf["saves"].set_number_value(r.saves);
    *rf["payload"].mutable_struct_value() = r.payload;
    gp::ListValue* docs = rf["documents"].mutable_list_value();
    for (const Document& d : r.documents) {
      auto& df = *docs->add_values()->mutable_struct_value()->mutable_fields();
      df["idRefDokumen"].set_string_value(d.ref);
      df["fileName"].set_string_value(d.file_name);
      df["bytes"].set_number_value(static_cast<double>(d.bytes));
    }
  }
  std::string json;
  (void)gp::util::MessageToJsonString(state, &json);
  std::ofstream(path + ".tmp") << json;
  std::rename((path + ".tmp").c_str(), path.c_str());
}

void Json(httplib::Response& res, int status, const gp::Struct& body) {
  std::string json;
  (void)gp::util::MessageToJsonString(body, &json);
  res.status = status;
  res.set_content(json, "application/json");
}

void Answer(httplib::Response& res, int status, bool success, const std::string& message) {
  gp::Struct s;
  (*s.mutable_fields())["success"].set_bool_value(success);
  (*s.mutable_fields())["message"].set_string_value(message);
  Json(res, status, s);
}

void Hang() { std::this_thread::sleep_for(std::chrono::seconds(absl::GetFlag(FLAGS_hang_seconds))); }

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  httplib::Server server;
  // Each grant a new token, valid for --token_ttl_seconds.
  auto grant = [](std::map<std::string, absl::Time>& issued, int& grants, const char* kind, httplib::Response& res) {
    std::string token;
    {
      std::lock_guard<std::mutex> lock(mu);
      token = absl::StrCat(kind, "-", getpid(), "-", ++grants);
      issued[token] = absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_token_ttl_seconds));
      Save();
    }
    gp::Struct s;
    (*s.mutable_fields())["access_token"].set_string_value(token);
    (*s.mutable_fields())["token_type"].set_string_value("Bearer");
    (*s.mutable_fields())["expires_in"].set_number_value(absl::GetFlag(FLAGS_token_ttl_seconds));
    Json(res, 200, s);
  };
  auto invalid_client = [](httplib::Response& res) {
    gp::Struct s;
    (*s.mutable_fields())["error"].set_string_value("invalid_client");
    Json(res, 401, s);
  };
  server.Post("/oauth2/token", [&](const httplib::Request& req, httplib::Response& res) {
    const std::string basic =
        "Basic " + absl::Base64Escape(absl::GetFlag(FLAGS_client_id) + ":" + absl::GetFlag(FLAGS_client_secret));
    if (req.get_header_value("Authorization") != basic || req.get_param_value("grant_type") != "client_credentials") {
      return invalid_client(res);
    }
    grant(api_tokens, api_grants, "api", res);
  });
  server.Post("/sso/token", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_param_value("grant_type") != "password" ||
        req.get_param_value("client_id") != absl::GetFlag(FLAGS_sso_client_id) ||
        req.get_param_value("username") != absl::GetFlag(FLAGS_sso_username) ||
        req.get_param_value("password") != absl::GetFlag(FLAGS_sso_password)) {
      return invalid_client(res);
    }
    grant(sso_tokens, sso_grants, "sso", res);
  });
  // Both tokens, unexpired, on every API call.
  auto authorized = [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    const absl::Time now = absl::Now();
    auto valid = [&](const std::map<std::string, absl::Time>& issued, const std::string& token) {
      auto it = issued.find(token);
      return it != issued.end() && now < it->second;
    };
    const std::string api = req.get_header_value("Authorization");
    const std::string sso = req.get_header_value("Auth");
    const bool api_ok = absl::StartsWith(api, "Bearer ") && valid(api_tokens, api.substr(7));
    const bool sso_ok = absl::StartsWithIgnoreCase(sso, "bearer ") &&
                        (valid(sso_tokens, sso.substr(7)) || (!absl::GetFlag(FLAGS_sso_static_token).empty() &&
                                                              sso.substr(7) == absl::GetFlag(FLAGS_sso_static_token)));
    if (api_ok && sso_ok) return true;
    ++unauthorized;
    Save();
    Answer(res, 401, false, "token API manager (Authorization) dan token SSO (Auth) wajib dan belum kedaluwarsa");
    return false;
  };

  server.Post("/apisiasn/1.0/hukdis/save", [&](const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, res)) return;
    bool hang = false;
    std::string id;
    {
      std::lock_guard<std::mutex> lock(mu);
      const int n = ++saves;
      Save();
      if (n <= absl::GetFlag(FLAGS_fail_saves)) return Answer(res, 503, false, "sedang pemeliharaan");
      hang = n <= absl::GetFlag(FLAGS_fail_saves) + absl::GetFlag(FLAGS_hang_saves);
      if (const std::string refuse = absl::GetFlag(FLAGS_refuse_saves); !refuse.empty()) {
        ++refusals;
        Save();
        return Answer(res, 400, false, refuse);
      }
      gp::Struct body;
      std::string why;
      if (!gp::util::JsonStringToMessage(req.body, &body).ok()) {
        why = "body bukan objek JSON";
      } else {
        why = Check(body);
      }
      Record* r = nullptr;
      if (why.empty() && !Str(body, "id").empty()) {
        r = Find(Str(body, "id"));
        if (r == nullptr) why = absl::StrCat("riwayat hukdis ", Str(body, "id"), " tidak ditemukan");
      }
      if (!why.empty()) {
        ++refusals;
        Save();
        return Answer(res, 400, false, why);
      }
      if (r == nullptr) {
        // A new record under a fresh id (SIASN's are 32 hex digits).
        records.push_back({absl::StrFormat("%032X", records.size() + 0xA0000001ULL), {}, 0, {}});
        r = &records.back();
        (*body.mutable_fields())["id"].set_string_value(r->id);
      }
      r->payload = body;
      ++r->saves;
      id = r->id;
      Save();
    }
    if (hang) Hang();
    gp::Struct s;
    (*s.mutable_fields())["success"].set_bool_value(true);
    (*s.mutable_fields())["message"].set_string_value("success");
    (*(*s.mutable_fields())["mapData"].mutable_struct_value()->mutable_fields())["rwHukdisId"].set_string_value(id);
    Json(res, 200, s);
  });

  server.Post("/apisiasn/1.0/upload-dok-rw", [&](const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, res)) return;
    bool hang = false;
    {
      std::lock_guard<std::mutex> lock(mu);
      const int n = ++attaches;
      Save();
      if (n <= absl::GetFlag(FLAGS_fail_attaches)) return Answer(res, 503, false, "sedang pemeliharaan");
      hang = n <= absl::GetFlag(FLAGS_fail_attaches) + absl::GetFlag(FLAGS_hang_attaches);
      std::string why;
      Record* r = nullptr;
      if (!req.is_multipart_form_data() || !req.has_file("file") || !req.has_file("id_riwayat") ||
          !req.has_file("id_ref_dokumen")) {
        why = "multipart file, id_riwayat dan id_ref_dokumen wajib";
      } else if (req.get_file_value("id_ref_dokumen").content != kSkDokumen) {
        why = absl::StrCat("id_ref_dokumen ", req.get_file_value("id_ref_dokumen").content,
                           " bukan dokumen SK hukuman disiplin (882)");
      } else if (!absl::StartsWith(req.get_file_value("file").content, "%PDF-")) {
        why = "file harus PDF";
      } else if ((r = Find(req.get_file_value("id_riwayat").content)) == nullptr) {
        why = absl::StrCat("riwayat ", req.get_file_value("id_riwayat").content, " tidak ditemukan");
      }
      if (!why.empty()) {
        ++refusals;
        Save();
        return Answer(res, 400, false, why);
      }
      // One SK per record: a repeat replaces it.
      const auto file = req.get_file_value("file");
      std::erase_if(r->documents, [](const Document& d) { return d.ref == kSkDokumen; });
      r->documents.push_back({kSkDokumen, file.filename, file.content.size()});
      Save();
    }
    if (hang) Hang();
    Answer(res, 200, true, "success");
  });

  server.Get(R"(/apisiasn/1.0/pns/rw-hukdis/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, res)) return;
    const std::string person = PersonId(req.matches[1]);
    gp::Struct s;
    gp::ListValue* data = (*s.mutable_fields())["data"].mutable_list_value();
    std::lock_guard<std::mutex> lock(mu);
    for (const Record& r : records) {
      if (Str(r.payload, "pnsOrangId") == person) *data->add_values()->mutable_struct_value() = r.payload;
    }
    Json(res, 200, s);
  });

  if (discipline::contract::BindAndAnnounce(server, absl::GetFlag(FLAGS_port), absl::GetFlag(FLAGS_port_file)) <= 0) {
    return 4;
  }
  Save();
  server.listen_after_bind();
  return 0;
}
