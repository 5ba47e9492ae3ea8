#ifndef DISCIPLINE_ADAPTERS_PERSONNEL_REST_DIRECTORY_H_
#define DISCIPLINE_ADAPTERS_PERSONNEL_REST_DIRECTORY_H_

// PersonnelDirectory over a REST API that answers one employee per call, the
// JSON mapped onto the snapshot by field paths of the configuration
// (proto/asn/discipline/config/v1/personnel.proto): an agency's SIMPEG behind
// a REST API (Kemenag's `GET /v1/pegawai/profil/{NIP}`), or SIASN itself
// (`GET /apisiasn/1.0/pns/data-utama/{nip}` with both SIASN tokens). The
// riwayat hukuman disiplin, when the source has one, is read as prior
// punishments (SIASN's `pns/rw-hukdis/{nip}`).
//
// JSON is read with protobuf's JSON parser into google.protobuf.Struct.
// Answers are cached for the TTL (bounded); no answer, a timeout, 5xx, 401
// after fresh credentials → UNAVAILABLE (the service stays up for reads
// that need no personnel); the not-found status → NOT_FOUND; an answer that
// lacks a field or holds a code the mapping cannot classify →
// FAILED_PRECONDITION. Thread-safe.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "asn/discipline/config/v1/personnel.pb.h"
#include "google/protobuf/struct.pb.h"
#include "service/domain/siasn.h"
#include "service/ports/clock.h"
#include "service/ports/personnel_directory.h"

namespace discipline::siasn {
class Tokens;
}

namespace discipline::personnel {

namespace cfg = ::asn::discipline::config::v1;

// The value at a dotted path ("data.jabatan.nama", "data.0.nip"), or null
// when the path does not lead anywhere.
const google::protobuf::Value* JsonAt(const google::protobuf::Value& root, const std::string& path);
// The text at a path: a string as is, a number as an integer where it is
// one; "" when absent or null.
std::string JsonText(const google::protobuf::Value& root, const std::string& path);

// How one answer is read.
struct RestMapping {
  cfg::RestFieldPaths fields;
  std::vector<cfg::ValueMapping> position_kinds;
  std::vector<cfg::ValueMapping> employee_types;
  // When set, the employee type where the answer has none (SIASN's
  // data-utama holds civil servants).
  domain::EmployeeType default_employee_type = domain::EmployeeType::kUnspecified;
  // Source rank codes → rank text (SIASN's golongan id → "III/b"); a code
  // not listed is kept as it is.
  std::map<std::string, std::string> ranks;
};

// The employee of one answer (the agency's environment and PPK filled in
// later). FAILED_PRECONDITION naming the field that is missing or holds a
// code the mapping does not classify.
absl::StatusOr<domain::EmployeeSnapshot> MapEmployee(const google::protobuf::Value& answer, const RestMapping& mapping);

// The priors of one riwayat answer. A record whose punishment code is not
// known, or whose nature (the PP 94/2021 provision) cannot be told, is
// skipped (it cannot count; logged): SIASN's alasan id is read back through
// `codes` only where it names one provision. `codes` may be null when the
// history maps its own codes and provisions.
std::vector<domain::PriorPunishment> MapHistory(const google::protobuf::Value& answer, const cfg::RestHistory& history,
                                                const domain::SiasnCodes* codes, domain::PriorSource source);

class RestDirectory final : public ports::PersonnelDirectory {
 public:
  struct Options {
    std::string employee_url;  // with {nip}
    std::string history_url;   // with {nip}; "" when there is no history
    RestMapping mapping;
    cfg::RestHistory history;
    std::vector<domain::Agency> agencies;
    // Auth: extra headers per call (SIASN's tokens, a bearer token) and/or
    // HTTP Basic "user:password".
    std::function<absl::StatusOr<std::vector<std::string>>()> headers;
    std::function<void()> unauthorized;  // a 401 came back
    std::string basic_auth;
    absl::Duration timeout = absl::Seconds(5);
    absl::Duration cache_ttl = absl::Seconds(300);
    size_t cache_max_entries = 10000;
    int not_found_status = 404;
    domain::PriorSource prior_source = domain::PriorSource::kSimpeg;
    const domain::SiasnCodes* codes = nullptr;   // outlives the directory
    std::string name = "personnel REST source";  // in logs and errors
  };

  // A REST SIMPEG by configuration: reads the credential files now.
  // INVALID_ARGUMENT naming a missing setting; NOT_FOUND for an unreadable
  // file. `codes` (may be null) reads SIASN codes in the history.
  static absl::StatusOr<std::unique_ptr<RestDirectory>> FromConfig(const cfg::RestPersonnelSource& config,
                                                                   const domain::SiasnCodes* codes,
                                                                   const ports::Clock& clock);
  // SIASN as the personnel source: data-utama and rw-hukdis under
  // `api_base`, with `tokens`' headers on every call.
  static absl::StatusOr<std::unique_ptr<RestDirectory>> ForSiasn(const cfg::SiasnPersonnelSource& config,
                                                                 std::string api_base,
                                                                 std::shared_ptr<siasn::Tokens> tokens,
                                                                 const domain::SiasnCodes* codes,
                                                                 const ports::Clock& clock);

  RestDirectory(Options options, const ports::Clock& clock) : options_(std::move(options)), clock_(clock) {}

  absl::StatusOr<domain::EmployeeSnapshot> GetEmployee(const std::string& nip) override;
  absl::StatusOr<std::vector<domain::EmployeeSnapshot>> SuperiorChain(const std::string& nip,
                                                                      int max_depth = 16) override;
  absl::StatusOr<domain::Agency> GetAgency(const std::string& agency_code) override;
  absl::StatusOr<std::vector<domain::PriorPunishment>> PriorPunishments(const std::string& nip) override;

  size_t cached_entries();

 private:
  // GET the template for `nip`: the parsed answer, or the error as above.
  absl::StatusOr<google::protobuf::Value> Get(const std::string& url_template, const std::string& nip);

  const Options options_;
  const ports::Clock& clock_;
  std::shared_ptr<siasn::Tokens> tokens_;  // kept alive for options_.headers
  std::mutex mu_;                          // the caches only
  template <typename T>
  struct Cached {
    T value;
    absl::Time expires;
  };
  template <typename T>
  void Remember(std::map<std::string, Cached<T>>& cache, const std::string& key, T value);
  std::map<std::string, Cached<domain::EmployeeSnapshot>> employees_;
  std::map<std::string, Cached<std::vector<domain::PriorPunishment>>> priors_;
};

}  // namespace discipline::personnel

#endif  // DISCIPLINE_ADAPTERS_PERSONNEL_REST_DIRECTORY_H_
