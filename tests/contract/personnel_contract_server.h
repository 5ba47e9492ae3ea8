#ifndef DISCIPLINE_TESTS_CONTRACT_PERSONNEL_CONTRACT_SERVER_H_
#define DISCIPLINE_TESTS_CONTRACT_PERSONNEL_CONTRACT_SERVER_H_

// The personnel sources as contracts, on loopback, in the test's process:
// - a REST SIMPEG in Kemenag's shape: GET /v1/pegawai/profil/{nip} with
//   `Authorization: Bearer <token>` (else 401); 404 for an unknown NIP;
//   GET /v1/pegawai/hukdis/{nip}: its riwayat;
// - SIASN (the project's SIASN reference): POST /oauth2/token (client
//   credentials, HTTP Basic siasn:siasn), POST /sso/token (password grant),
//   and GET /apisiasn/1.0/pns/data-utama/{nip} and pns/rw-hukdis/{nip}, each
//   needing both tokens (`Authorization: Bearer <API manager token>` and
//   `Auth: bearer <SSO token>`, else 401).
// Faults on demand (`mode`): refuse (403), fail (503) and hang (answer after
// `hang`), for every data call; token calls are always served.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace discipline::testing {

class PersonnelContractServer {
 public:
  enum class Mode { kServe, kRefuse, kFail, kHang };

  PersonnelContractServer() {
    server_.Get(R"(/v1/pegawai/profil/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      ++rest_calls;
      if (req.get_header_value("Authorization") != "Bearer " + rest_token) return Status(res, 401);
      if (Fault(res)) return;
      Answer(res, profiles, req.matches[1]);
    });
    server_.Get(R"(/v1/pegawai/hukdis/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      ++rest_calls;
      if (req.get_header_value("Authorization") != "Bearer " + rest_token) return Status(res, 401);
      if (Fault(res)) return;
      Answer(res, rest_histories, req.matches[1]);
    });
    server_.Post("/oauth2/token", [this](const httplib::Request& req, httplib::Response& res) {
      // "siasn:siasn" in HTTP Basic.
      if (req.get_header_value("Authorization") != "Basic c2lhc246c2lhc24=") return Status(res, 401);
      Grant(res, api_tokens_, "api-");
    });
    server_.Post("/sso/token", [this](const httplib::Request& req, httplib::Response& res) {
      if (!absl::StrContains(req.body, "grant_type=password") || !absl::StrContains(req.body, "username=siasn")) {
        return Status(res, 401);
      }
      Grant(res, sso_tokens_, "sso-");
    });
    server_.Get(R"(/apisiasn/1.0/pns/data-utama/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      ++siasn_calls;
      if (!BothTokens(req)) return Status(res, 401);
      if (Fault(res)) return;
      Answer(res, data_utama, req.matches[1]);
    });
    server_.Get(R"(/apisiasn/1.0/pns/rw-hukdis/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      ++siasn_calls;
      if (!BothTokens(req)) return Status(res, 401);
      if (Fault(res)) return;
      Answer(res, rw_hukdis, req.matches[1]);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~PersonnelContractServer() {
    server_.stop();
    thread_.join();
  }

  std::string base() const { return absl::StrCat("http://127.0.0.1:", port_); }
  // Every token the SIASN side has handed out is refused from now on.
  void ExpireTokens() {
    std::lock_guard<std::mutex> lock(mu_);
    api_tokens_.clear();
    sso_tokens_.clear();
  }
  int token_grants() {
    std::lock_guard<std::mutex> lock(mu_);
    return grants_;
  }

  // Answers by NIP (JSON text); set before the calls.
  std::map<std::string, std::string> profiles, rest_histories, data_utama, rw_hukdis;
  std::string rest_token = "kemenag-token";
  std::atomic<Mode> mode{Mode::kServe};
  std::chrono::seconds hang{5};
  std::atomic<int> rest_calls{0}, siasn_calls{0}, unauthorized{0};

 private:
  void Status(httplib::Response& res, int status) {
    if (status == 401) ++unauthorized;
    res.status = status;
    res.set_content(R"({"message":"refused"})", "application/json");
  }
  bool Fault(httplib::Response& res) {
    switch (mode.load()) {
      case Mode::kServe:
        return false;
      case Mode::kRefuse:
        Status(res, 403);
        return true;
      case Mode::kFail:
        Status(res, 503);
        return true;
      case Mode::kHang:
        std::this_thread::sleep_for(hang);
        return false;
    }
    return false;
  }
  void Answer(httplib::Response& res, const std::map<std::string, std::string>& from, const std::string& nip) {
    auto it = from.find(nip);
    if (it == from.end()) return Status(res, 404);
    res.set_content(it->second, "application/json");
  }
  void Grant(httplib::Response& res, std::set<std::string>& into, const char* prefix) {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string token = absl::StrCat(prefix, ++grants_);
    into.insert(token);
    res.set_content(absl::StrCat(R"({"access_token":")", token, R"(","expires_in":3600})"), "application/json");
  }
  bool BothTokens(const httplib::Request& req) {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string api = req.get_header_value("Authorization"), sso = req.get_header_value("Auth");
    return absl::StartsWith(api, "Bearer ") && api_tokens_.contains(api.substr(7)) &&
           absl::StartsWith(sso, "bearer ") && sso_tokens_.contains(sso.substr(7));
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::set<std::string> api_tokens_, sso_tokens_;
  int grants_ = 0;
};

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_CONTRACT_PERSONNEL_CONTRACT_SERVER_H_
