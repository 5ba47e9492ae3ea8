#include "adapters/personnel/rest_directory.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "adapters/common/http_client.h"
#include "adapters/common/url_policy.h"
#include "adapters/siasn/tokens.h"
#include "glog/logging.h"
#include "google/protobuf/util/json_util.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/nip.h"

namespace discipline::personnel {
namespace {

namespace gp = google::protobuf;

constexpr char kSiasnApi[] = "/apisiasn/1.0";

absl::StatusOr<std::string> ReadFileText(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(what, ": cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return std::string(absl::StripAsciiWhitespace(text.str()));
}

template <typename Enum>
absl::StatusOr<Enum> MapCode(const std::vector<cfg::ValueMapping>& mappings, const std::string& source,
                             const char* what, const std::string& nip, int (*get)(const cfg::ValueMapping&)) {
  for (const cfg::ValueMapping& m : mappings) {
    if (m.source() == source) return static_cast<Enum>(get(m));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("personnel data: ", what, " code '", source, "' of ", nip, " is not in the mapping"));
}
int PositionKindOf(const cfg::ValueMapping& m) { return m.position_kind(); }
int EmployeeTypeOf(const cfg::ValueMapping& m) { return m.employee_type(); }

// "2024-03-01", "2024-03-01T00:00:00", or "01-03-2024" (SIASN writes
// dates day first).
std::optional<absl::CivilDay> ParseDay(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text.substr(0, 10), absl::ByAnyChar("-/"));
  int a, b, c;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &a) || !absl::SimpleAtoi(parts[1], &b) ||
      !absl::SimpleAtoi(parts[2], &c)) {
    return std::nullopt;
  }
  const bool year_first = parts[0].size() == 4;
  const int y = year_first ? a : c, d = year_first ? c : a;
  if (b < 1 || b > 12 || d < 1 || d > 31 || y < 1900) return std::nullopt;
  absl::CivilDay day(y, b, d);
  if (day.month() != b || day.day() != d) return std::nullopt;
  return day;
}

domain::Agency ToAgency(const cfg::AgencyEntry& e) {
  return {e.code(),      e.name(),   static_cast<domain::Environment>(e.environment()), e.ppk_title(), e.ppk_name(),
          e.time_zone(), e.ppk_nip()};
}

template <typename T>
std::vector<T> ToVector(const gp::RepeatedPtrField<T>& r) {
  return {r.begin(), r.end()};
}

}  // namespace

const gp::Value* JsonAt(const gp::Value& root, const std::string& path) {
  const gp::Value* at = &root;
  if (path.empty()) return at;
  for (absl::string_view key : absl::StrSplit(path, '.')) {
    if (at->has_struct_value()) {
      auto it = at->struct_value().fields().find(std::string(key));
      if (it == at->struct_value().fields().end()) return nullptr;
      at = &it->second;
    } else if (at->has_list_value()) {
      size_t i;
      if (!absl::SimpleAtoi(key, &i) || i >= static_cast<size_t>(at->list_value().values_size())) return nullptr;
      at = &at->list_value().values(static_cast<int>(i));
    } else {
      return nullptr;
    }
  }
  return at;
}

std::string JsonText(const gp::Value& root, const std::string& path) {
  if (path.empty()) return "";
  const gp::Value* v = JsonAt(root, path);
  if (v == nullptr) return "";
  if (v->has_string_value()) return std::string(absl::StripAsciiWhitespace(v->string_value()));
  if (v->has_number_value()) {
    const double n = v->number_value();
    if (n == static_cast<double>(static_cast<int64_t>(n))) return absl::StrCat(static_cast<int64_t>(n));
    return absl::StrCat(n);
  }
  if (v->has_bool_value()) return v->bool_value() ? "true" : "false";
  return "";
}

absl::StatusOr<domain::EmployeeSnapshot> MapEmployee(const gp::Value& answer, const RestMapping& m) {
  const cfg::RestFieldPaths& f = m.fields;
  domain::EmployeeSnapshot e;
  e.nip = JsonText(answer, f.nip());
  e.name = JsonText(answer, f.name());
  if (e.nip.empty() || e.name.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("personnel data: the answer has no ", e.nip.empty() ? f.nip() : f.name()));
  }
  const std::string type = JsonText(answer, f.employee_type());
  if (type.empty() && m.default_employee_type != domain::EmployeeType::kUnspecified) {
    e.employee_type = m.default_employee_type;
  } else {
    ASSIGN_OR_RETURN(e.employee_type,
                     MapCode<domain::EmployeeType>(m.employee_types, type, "employee type", e.nip, &EmployeeTypeOf));
  }
  e.rank = JsonText(answer, f.rank());
  if (auto it = m.ranks.find(e.rank); it != m.ranks.end()) e.rank = it->second;
  ASSIGN_OR_RETURN(e.position_kind, MapCode<domain::PositionKind>(m.position_kinds, JsonText(answer, f.position_kind()),
                                                                  "position kind", e.nip, &PositionKindOf));
  e.position_title = JsonText(answer, f.position_title());
  e.unit_code = JsonText(answer, f.unit_code());
  e.unit_name = JsonText(answer, f.unit_name());
  e.agency_code = JsonText(answer, f.agency_code());
  if (e.agency_code.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("personnel data: ", e.nip, " has no agency"));
  }
  e.superior_nip = JsonText(answer, f.superior_nip());
  e.siasn_id = JsonText(answer, f.siasn_id());
  return e;
}

std::vector<domain::PriorPunishment> MapHistory(const gp::Value& answer, const cfg::RestHistory& h,
                                                const domain::SiasnCodes* codes, domain::PriorSource source) {
  std::vector<domain::PriorPunishment> out;
  const gp::Value* list = JsonAt(answer, h.list_path());
  if (list == nullptr || !list->has_list_value()) return out;
  // SIASN's codes read in reverse: jenisHukumanId → punishment; the alasan
  // id → the provisions mapped to it (PP 94/2021 provisions).
  std::map<std::string, domain::Punishment> by_jenis;
  std::map<std::string, std::set<std::string>> by_reason;
  if (codes != nullptr) {
    for (const auto& [p, code] : codes->punishments) by_jenis[code.first.code] = p;
    for (const auto& [prefix, code] : codes->reasons) by_reason[code.code].insert(prefix);
  }
  for (const cfg::RestHistory::PunishmentCode& c : h.punishments()) {
    by_jenis[c.source()] = static_cast<domain::Punishment>(c.punishment());
  }
  for (const gp::Value& rec : list->list_value().values()) {
    domain::PriorPunishment p;
    p.source = source;
    const std::string code = JsonText(rec, h.punishment());
    auto jenis = by_jenis.find(code);
    p.decision_number = JsonText(rec, h.decision_number());
    if (jenis == by_jenis.end()) {
      LOG(INFO) << "riwayat hukdis " << p.decision_number << ": punishment code '" << code
                << "' is not a PP 94/2021 punishment; not counted";
      continue;
    }
    p.punishment = jenis->second;
    p.provision_id = JsonText(rec, h.provision_id());
    if (p.provision_id.empty()) {
      // The nature of the violation (reference §2.5a) is told only where
      // the reason names one provision.
      auto reason = by_reason.find(JsonText(rec, h.reason()));
      if (reason != by_reason.end() && reason->second.size() == 1) p.provision_id = *reason->second.begin();
    }
    if (p.provision_id.empty()) {
      LOG(INFO) << "riwayat hukdis " << p.decision_number
                << ": the reason names no single PP 94/2021 provision; not counted";
      continue;
    }
    std::optional<absl::CivilDay> decided = ParseDay(JsonText(rec, h.decided_on()));
    if (!decided.has_value()) {
      LOG(INFO) << "riwayat hukdis " << p.decision_number << ": no readable decision date; not counted";
      continue;
    }
    p.decided_on = *decided;
    p.effective_on = ParseDay(JsonText(rec, h.effective_on()));
    out.push_back(std::move(p));
  }
  return out;
}

absl::StatusOr<std::unique_ptr<RestDirectory>> RestDirectory::FromConfig(const cfg::RestPersonnelSource& config,
                                                                         const domain::SiasnCodes* codes,
                                                                         const ports::Clock& clock) {
  if (config.url_template().find("{nip}") == std::string::npos) {
    return absl::InvalidArgumentError("personnel.rest.url_template: must contain {nip}");
  }
  const cfg::RestFieldPaths& f = config.fields();
  for (const auto& [path, name] :
       {std::pair{&f.nip(), "nip"}, std::pair{&f.name(), "name"}, std::pair{&f.position_kind(), "position_kind"},
        std::pair{&f.employee_type(), "employee_type"}, std::pair{&f.agency_code(), "agency_code"}}) {
    if (path->empty()) return absl::InvalidArgumentError(absl::StrCat("personnel.rest.fields.", name, ": required"));
  }
  if (config.has_history() && config.history().url_template().find("{nip}") == std::string::npos) {
    return absl::InvalidArgumentError("personnel.rest.history.url_template: must contain {nip}");
  }
  // The token and the people's data never travel in the clear.
  RETURN_IF_ERROR(adapters::RequireTlsOffLoopback(
      {{"personnel.rest.url_template", absl::StrReplaceAll(config.url_template(), {{"{nip}", "0"}})},
       {"personnel.rest.history.url_template",
        absl::StrReplaceAll(config.history().url_template(), {{"{nip}", "0"}})}}));
  Options o;
  o.employee_url = config.url_template();
  if (config.has_history()) {
    o.history_url = config.history().url_template();
    o.history = config.history();
  }
  o.mapping.fields = f;
  o.mapping.position_kinds = ToVector(config.position_kinds());
  o.mapping.employee_types = ToVector(config.employee_types());
  for (const cfg::AgencyEntry& a : config.agencies()) o.agencies.push_back(ToAgency(a));
  if (!config.basic_credentials_file().empty()) {
    ASSIGN_OR_RETURN(o.basic_auth, ReadFileText(config.basic_credentials_file(), "personnel.rest"));
  }
  if (!config.bearer_token_file().empty()) {
    const std::string file = config.bearer_token_file();
    RETURN_IF_ERROR(ReadFileText(file, "personnel.rest").status());
    // Read on every call: the agency replaces the file when it renews the
    // token.
    o.headers = [file]() -> absl::StatusOr<std::vector<std::string>> {
      absl::StatusOr<std::string> token = ReadFileText(file, "personnel REST token");
      if (!token.ok() || token->empty()) {
        return absl::UnavailableError(absl::StrCat("personnel REST token: ", file, " is empty or unreadable"));
      }
      return std::vector<std::string>{absl::StrCat("Authorization: Bearer ", *token), "Accept: application/json"};
    };
  }
  if (config.timeout_seconds() > 0) o.timeout = absl::Seconds(config.timeout_seconds());
  if (config.cache_ttl_seconds() != 0) o.cache_ttl = absl::Seconds(std::max(0, config.cache_ttl_seconds()));
  if (config.cache_max_entries() > 0) o.cache_max_entries = config.cache_max_entries();
  if (config.not_found_status() > 0) o.not_found_status = config.not_found_status();
  o.prior_source = domain::PriorSource::kSimpeg;
  o.codes = codes;
  return std::make_unique<RestDirectory>(std::move(o), clock);
}

absl::StatusOr<std::unique_ptr<RestDirectory>> RestDirectory::ForSiasn(const cfg::SiasnPersonnelSource& config,
                                                                       std::string api_base,
                                                                       std::shared_ptr<siasn::Tokens> tokens,
                                                                       const domain::SiasnCodes* codes,
                                                                       const ports::Clock& clock) {
  if (!config.api_base().empty()) api_base = config.api_base();
  if (api_base.empty()) return absl::InvalidArgumentError("personnel.siasn.api_base: required (or siasn.api_base)");
  if (tokens == nullptr) return absl::InvalidArgumentError("personnel.siasn: the siasn { } connection is required");
  RETURN_IF_ERROR(adapters::RequireTlsOffLoopback(api_base, "personnel.siasn.api_base"));
  Options o;
  o.name = "SIASN data-utama";
  o.employee_url = absl::StrCat(api_base, kSiasnApi, "/pns/data-utama/{nip}");
  if (!config.has_read_history() || config.read_history()) {
    o.history_url = absl::StrCat(api_base, kSiasnApi, "/pns/rw-hukdis/{nip}");
    // SIASN reference, "Calls used by a discipline service": rw-hukdis holds
    // the save payload's fields per record, under "data".
    o.history.set_list_path("data");
    o.history.set_punishment("jenisHukumanId");
    o.history.set_reason("alasanHukumanDisiplinId");
    o.history.set_decision_number("skNomor");
    o.history.set_decided_on("skTanggal");
    o.history.set_effective_on("hukumanTanggal");
  }
  // data-utama's fields (SIASN reference): under "data".
  cfg::RestFieldPaths& f = o.mapping.fields;
  f.set_nip("data.nipBaru");
  f.set_name("data.nama");
  f.set_employee_type("data.statusPegawai");
  f.set_rank("data.golRuangAkhirId");
  f.set_position_kind("data.jenisJabatanId");
  f.set_position_title("data.jabatanNama");
  f.set_unit_code("data.unorId");
  f.set_unit_name("data.unorNama");
  f.set_agency_code("data.instansiKerjaId");
  f.set_siasn_id("data.id");
  f.MergeFrom(config.fields());  // the agency's paths win
  o.mapping.position_kinds = ToVector(config.position_kinds());
  o.mapping.employee_types = ToVector(config.employee_types());
  // pns/data-utama answers for civil servants.
  o.mapping.default_employee_type = domain::EmployeeType::kPns;
  if (codes != nullptr) {
    for (const auto& [rank, golongan] : codes->ranks) o.mapping.ranks[golongan] = rank;
  }
  for (const cfg::AgencyEntry& a : config.agencies()) o.agencies.push_back(ToAgency(a));
  o.headers = [tokens]() { return tokens->Headers(); };
  o.unauthorized = [tokens]() { tokens->Drop(); };
  if (config.timeout_seconds() > 0) o.timeout = absl::Seconds(config.timeout_seconds());
  if (config.cache_ttl_seconds() != 0) o.cache_ttl = absl::Seconds(std::max(0, config.cache_ttl_seconds()));
  if (config.cache_max_entries() > 0) o.cache_max_entries = config.cache_max_entries();
  o.prior_source = domain::PriorSource::kSiasn;
  o.codes = codes;
  auto d = std::make_unique<RestDirectory>(std::move(o), clock);
  d->tokens_ = std::move(tokens);
  return d;
}

absl::StatusOr<gp::Value> RestDirectory::Get(const std::string& url_template, const std::string& nip) {
  const std::string url = absl::StrReplaceAll(url_template, {{"{nip}", adapters::UrlEncode(nip)}});
  const absl::Status down =
      WithIndonesian(absl::UnavailableError(absl::StrCat(options_.name, " is unavailable; retry later")),
                     "Sumber data kepegawaian tidak dapat dihubungi. Coba lagi nanti.");
  for (int attempt = 0; attempt < 2; ++attempt) {
    adapters::HttpRequest req{.url = url, .basic_auth = options_.basic_auth, .timeout = options_.timeout};
    req.headers = {"Accept: application/json"};
    if (options_.headers) {
      absl::StatusOr<std::vector<std::string>> h = options_.headers();
      if (!h.ok()) {
        LOG(WARNING) << options_.name << ": " << h.status().message();
        return down;
      }
      req.headers = *std::move(h);
    }
    const adapters::HttpReply r = adapters::HttpCall(req);
    if (r.status == 401 && options_.unauthorized && attempt == 0) {
      options_.unauthorized();  // fresh tokens, once
      continue;
    }
    if (r.status == options_.not_found_status) {
      return WithIndonesian(absl::NotFoundError(absl::StrCat("employee_nip: no employee with NIP ", nip)),
                            "Pegawai dengan NIP tersebut tidak ditemukan.");
    }
    if (r.status < 200 || r.status >= 300) {
      // Never the URL's credentials nor a header: the status and transport
      // error only.
      LOG(WARNING) << options_.name << ": " << (r.status == 0 ? r.error : absl::StrCat("HTTP ", r.status));
      return down;
    }
    gp::Value v;
    if (!gp::util::JsonStringToMessage(r.body, &v).ok()) {
      return absl::FailedPreconditionError(absl::StrCat("personnel data: ", options_.name, " answered no JSON"));
    }
    return v;
  }
  return down;
}

template <typename T>
void RestDirectory::Remember(std::map<std::string, Cached<T>>& cache, const std::string& key, T value) {
  if (options_.cache_ttl <= absl::ZeroDuration()) return;
  const absl::Time now = clock_.Now();
  if (cache.size() >= options_.cache_max_entries && !cache.contains(key)) {
    for (auto it = cache.begin(); it != cache.end();) it = it->second.expires <= now ? cache.erase(it) : std::next(it);
    if (cache.size() >= options_.cache_max_entries) {
      cache.erase(std::min_element(cache.begin(), cache.end(),
                                   [](const auto& a, const auto& b) { return a.second.expires < b.second.expires; }));
    }
  }
  cache[key] = {std::move(value), now + options_.cache_ttl};
}

size_t RestDirectory::cached_entries() {
  std::lock_guard<std::mutex> lock(mu_);
  return employees_.size() + priors_.size();
}

absl::StatusOr<domain::EmployeeSnapshot> RestDirectory::GetEmployee(const std::string& raw_nip) {
  ASSIGN_OR_RETURN(std::string nip, domain::NormalizeNip(raw_nip, "employee_nip"));
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = employees_.find(nip); it != employees_.end() && it->second.expires > clock_.Now()) {
      return it->second.value;
    }
  }
  ASSIGN_OR_RETURN(gp::Value answer, Get(options_.employee_url, nip));
  ASSIGN_OR_RETURN(domain::EmployeeSnapshot e, MapEmployee(answer, options_.mapping));
  if (e.nip != nip) {
    return absl::FailedPreconditionError(
        absl::StrCat("personnel data: asked for NIP ", nip, ", the source answered ", e.nip));
  }
  ASSIGN_OR_RETURN(domain::Agency agency, GetAgency(e.agency_code));
  e.environment = agency.environment;
  e.is_ppk = !agency.ppk_nip.empty() && agency.ppk_nip == e.nip;
  std::lock_guard<std::mutex> lock(mu_);
  Remember(employees_, nip, e);
  return e;
}

absl::StatusOr<std::vector<domain::EmployeeSnapshot>> RestDirectory::SuperiorChain(const std::string& nip,
                                                                                   int max_depth) {
  ASSIGN_OR_RETURN(domain::EmployeeSnapshot current, GetEmployee(nip));
  std::vector<domain::EmployeeSnapshot> chain;
  std::set<std::string> seen = {current.nip};
  while (!current.superior_nip.empty() && static_cast<int>(chain.size()) < max_depth) {
    if (!seen.insert(current.superior_nip).second) {
      return absl::FailedPreconditionError(
          absl::StrCat("personnel data: the superior chain of ", nip, " has a cycle at ", current.superior_nip));
    }
    ASSIGN_OR_RETURN(current, GetEmployee(current.superior_nip));
    chain.push_back(current);
  }
  return chain;
}

absl::StatusOr<domain::Agency> RestDirectory::GetAgency(const std::string& agency_code) {
  for (const domain::Agency& a : options_.agencies) {
    if (a.code == agency_code) return a;
  }
  return absl::NotFoundError(absl::StrCat("agency_code: no agency ", agency_code, " in the personnel configuration"));
}

absl::StatusOr<std::vector<domain::PriorPunishment>> RestDirectory::PriorPunishments(const std::string& raw_nip) {
  if (options_.history_url.empty()) return std::vector<domain::PriorPunishment>{};
  ASSIGN_OR_RETURN(std::string nip, domain::NormalizeNip(raw_nip, "employee_nip"));
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = priors_.find(nip); it != priors_.end() && it->second.expires > clock_.Now()) {
      return it->second.value;
    }
  }
  absl::StatusOr<gp::Value> answer = Get(options_.history_url, nip);
  // No riwayat at all is an empty history.
  if (absl::IsNotFound(answer.status())) return std::vector<domain::PriorPunishment>{};
  if (!answer.ok()) return answer.status();
  // An answer without its list says nothing about the riwayat: counting no
  // prior could miss a repeat offence (law reference §2.5a), so the source
  // is unavailable for now (null or [] is an empty riwayat).
  if (JsonAt(*answer, options_.history.list_path()) == nullptr) {
    LOG(WARNING) << options_.name << ": the riwayat answer has no " << options_.history.list_path();
    return WithIndonesian(absl::UnavailableError("personnel source: the riwayat answer has no list; retry later"),
                          "Riwayat hukuman disiplin tidak dapat dibaca. Coba lagi nanti.");
  }
  std::vector<domain::PriorPunishment> priors =
      MapHistory(*answer, options_.history, options_.codes, options_.prior_source);
  std::lock_guard<std::mutex> lock(mu_);
  Remember(priors_, nip, priors);
  return priors;
}

}  // namespace discipline::personnel
