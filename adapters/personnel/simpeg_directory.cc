#include "adapters/personnel/simpeg_directory.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "adapters/mariadb/connection.h"
#include "adapters/mariadb/pool.h"
#include "adapters/personnel/postgres_reader.h"
#include "glog/logging.h"
#include "google/protobuf/text_format.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/local_time.h"
#include "service/domain/nip.h"

namespace discipline::personnel {
namespace {

using domain::EmployeeSnapshot;

// A superior chain longer than this is a cycle in the data.
constexpr int kMaxWalk = 64;

std::string Column(const std::vector<std::optional<std::string>>& row, size_t i) {
  return i < row.size() ? row[i].value_or("") : "";
}

template <typename Enum>
absl::StatusOr<Enum> MapValue(const google::protobuf::RepeatedPtrField<cfg::ValueMapping>& mappings,
                              const std::string& source, const char* what, const std::string& nip,
                              int (*get)(const cfg::ValueMapping&)) {
  for (const cfg::ValueMapping& m : mappings) {
    if (m.source() == source) return static_cast<Enum>(get(m));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("personnel data: ", what, " code '", source, "' of ", nip, " is not in the SIMPEG mapping"));
}

int PositionKindOf(const cfg::ValueMapping& m) { return m.position_kind(); }
int EnvironmentOf(const cfg::ValueMapping& m) { return m.environment(); }
int EmployeeTypeOf(const cfg::ValueMapping& m) { return m.employee_type(); }

std::string BuildEmployeeSql(const cfg::SimpegMapping& m) {
  const cfg::FieldExpressions& f = m.fields();
  std::string sql =
      absl::StrCat("SELECT ",
                   absl::StrJoin({f.nip(), f.name(), f.employee_type(), f.rank(), f.position_kind(), f.position_title(),
                                  f.unit_code(), f.unit_name(), f.agency_code(), f.superior_key(),
                                  f.siasn_id().empty() ? "''" : f.siasn_id(), f.email().empty() ? "''" : f.email(),
                                  f.phone().empty() ? "''" : f.phone()},
                                 ", "),
                   " FROM ", m.from());
  // The "latest row by TMT" pattern: the history row whose TMT is the most
  // recent one that has already begun.
  for (const cfg::LatestByTmt& l : m.latest()) {
    absl::StrAppend(&sql, " LEFT JOIN ", l.table(), " ", l.alias(), " ON ", l.alias(), ".", l.employee_column(), " = ",
                    l.employee_key(), " AND ", l.alias(), ".", l.tmt_column(), " = (SELECT MAX(x.", l.tmt_column(),
                    ") FROM ", l.table(), " x WHERE x.", l.employee_column(), " = ", l.employee_key(), " AND x.",
                    l.tmt_column(), " <= CURRENT_DATE)");
  }
  if (!m.after_latest().empty()) absl::StrAppend(&sql, " ", m.after_latest());
  absl::StrAppend(&sql, " WHERE ", f.nip(), " = ?");
  return sql;
}

}  // namespace

// One piece: one check per mapping field, in the order of simpeg.proto.
absl::Status ValidateSimpegMapping(const cfg::SimpegMapping& m) {
  const cfg::FieldExpressions& f = m.fields();
  const std::vector<std::pair<const char*, const std::string*>> required = {
      {"from", &m.from()},
      {"fields.nip", &f.nip()},
      {"fields.name", &f.name()},
      {"fields.employee_type", &f.employee_type()},
      {"fields.rank", &f.rank()},
      {"fields.position_kind", &f.position_kind()},
      {"fields.position_title", &f.position_title()},
      {"fields.unit_code", &f.unit_code()},
      {"fields.unit_name", &f.unit_name()},
      {"fields.agency_code", &f.agency_code()},
      {"fields.superior_key", &f.superior_key()},
      {"agency_query", &m.agency_query()}};
  for (const auto& [name, value] : required) {
    if (value->empty()) return absl::InvalidArgumentError(absl::StrCat("SIMPEG mapping: ", name, " is required"));
  }
  switch (m.superior().strategy_case()) {
    case cfg::SuperiorStrategy::kExplicitColumn:
      break;
    case cfg::SuperiorStrategy::kPositionParent:
      if (m.superior().position_parent().parent_query().empty() ||
          m.superior().position_parent().holder_query().empty()) {
        return absl::InvalidArgumentError("SIMPEG mapping: position_parent needs parent_query and holder_query");
      }
      break;
    case cfg::SuperiorStrategy::kUnitHead:
      if (m.superior().unit_head().unit_query().empty()) {
        return absl::InvalidArgumentError("SIMPEG mapping: unit_head needs unit_query");
      }
      break;
    default:
      return absl::InvalidArgumentError("SIMPEG mapping: superior needs one strategy");
  }
  for (const auto* list : {&m.position_kinds(), &m.environments(), &m.employee_types()}) {
    std::set<std::string> seen;
    for (const cfg::ValueMapping& v : *list) {
      if (!seen.insert(v.source()).second) {
        return absl::InvalidArgumentError(absl::StrCat("SIMPEG mapping: code '", v.source(), "' is mapped twice"));
      }
    }
  }
  if (m.position_kinds().empty() || m.environments().empty() || m.employee_types().empty()) {
    return absl::InvalidArgumentError("SIMPEG mapping: position_kinds, environments and employee_types are required");
  }
  if (m.has_history()) {
    if (m.history().query().empty()) return absl::InvalidArgumentError("SIMPEG mapping: history.query is required");
    if (m.history().punishments().empty()) {
      return absl::InvalidArgumentError("SIMPEG mapping: history.punishments is required");
    }
    std::set<std::string> seen;
    for (const cfg::SimpegHistory::PunishmentCode& c : m.history().punishments()) {
      if (!seen.insert(c.source()).second) {
        return absl::InvalidArgumentError(
            absl::StrCat("SIMPEG mapping: history punishment code '", c.source(), "' is mapped twice"));
      }
      if (c.punishment() == 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("SIMPEG mapping: history punishment code '", c.source(), "' maps to no punishment"));
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<cfg::SimpegMapping> LoadSimpegMapping(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read SIMPEG mapping ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  cfg::SimpegMapping m;
  if (!google::protobuf::TextFormat::ParseFromString(ss.str(), &m)) {
    return absl::InvalidArgumentError(absl::StrCat("SIMPEG mapping ", path, " does not parse"));
  }
  RETURN_IF_ERROR(ValidateSimpegMapping(m));
  return m;
}

absl::StatusOr<std::unique_ptr<SimpegDirectory>> SimpegDirectory::Create(const cfg::SimpegConnection& connection,
                                                                         const ports::Clock& clock) {
  ASSIGN_OR_RETURN(cfg::SimpegMapping mapping, LoadSimpegMapping(connection.mapping_file()));
  std::string password;
  if (!connection.password_file().empty()) {
    ASSIGN_OR_RETURN(password, mariadb::ReadSecretFile(connection.password_file()));
  }
  return std::unique_ptr<SimpegDirectory>(
      new SimpegDirectory(connection, std::move(mapping), std::move(password), clock));
}

namespace {

mariadb::ConnectionOptions Options(const cfg::SimpegConnection& c, const std::string& password) {
  mariadb::ConnectionOptions o;
  o.socket = c.socket();
  o.host = c.host().empty() ? "127.0.0.1" : c.host();
  o.port = c.port() > 0 ? c.port() : 3306;
  o.database = c.database();
  o.user = c.user();
  o.password = password;
  o.ssl_ca = c.ssl_ca();
  o.connect_timeout = absl::Seconds(c.connect_timeout_seconds() > 0 ? c.connect_timeout_seconds() : 3);
  const absl::Duration query = absl::Seconds(c.query_timeout_seconds() > 0 ? c.query_timeout_seconds() : 5);
  o.read_timeout = query;
  o.write_timeout = query;
  return o;
}

class MariadbReader final : public SqlReader {
 public:
  MariadbReader(mariadb::ConnectionOptions options, int size) : pool_(std::move(options), size) {}
  absl::StatusOr<Rows> Run(const std::string& sql, const std::string& param) override {
    Rows rows;
    RETURN_IF_ERROR(pool_.Read([&](mariadb::Connection& conn) -> absl::Status {
      ASSIGN_OR_RETURN(rows, conn.Query(sql, {param}));
      return absl::OkStatus();
    }));
    return rows;
  }

 private:
  mariadb::Pool pool_;
};

std::unique_ptr<SqlReader> MakeReader(const cfg::SimpegConnection& c, const std::string& password, int size) {
  if (c.driver() == cfg::SQL_DRIVER_POSTGRESQL) {
    PostgresReader::Options o;
    o.host = !c.socket().empty() ? c.socket() : c.host();
    o.port = c.port() > 0 ? c.port() : 5432;
    o.database = c.database();
    o.user = c.user();
    o.password = password;
    o.ssl_ca = c.ssl_ca();
    o.connect_timeout = absl::Seconds(c.connect_timeout_seconds() > 0 ? c.connect_timeout_seconds() : 3);
    o.query_timeout = absl::Seconds(c.query_timeout_seconds() > 0 ? c.query_timeout_seconds() : 5);
    o.pool_size = size;
    return std::make_unique<PostgresReader>(std::move(o));
  }
  return std::make_unique<MariadbReader>(Options(c, password), size);
}

}  // namespace

SimpegDirectory::SimpegDirectory(cfg::SimpegConnection connection, cfg::SimpegMapping mapping, std::string password,
                                 const ports::Clock& clock)
    : connection_(std::move(connection)),
      mapping_(std::move(mapping)),
      password_(std::move(password)),
      clock_(clock),
      employee_sql_(BuildEmployeeSql(mapping_)),
      reader_(MakeReader(connection_, password_, kPoolSize)) {}

SimpegDirectory::~SimpegDirectory() = default;

absl::StatusOr<SimpegDirectory::Rows> SimpegDirectory::Run(const std::string& sql, const std::string& param) {
  absl::StatusOr<Rows> rows = reader_->Run(sql, param);
  if (rows.ok()) return rows;
  const absl::Status s = rows.status();
  if (s.code() == absl::StatusCode::kUnavailable || s.code() == absl::StatusCode::kInternal ||
      s.code() == absl::StatusCode::kPermissionDenied) {
    LOG(WARNING) << "SIMPEG " << connection_.database() << ": " << s;
    return WithIndonesian(absl::UnavailableError("personnel database (SIMPEG) is unavailable; retry later"),
                          "Basis data kepegawaian (SIMPEG) tidak dapat dihubungi. Coba lagi nanti.");
  }
  return s;
}

template <typename T>
void SimpegDirectory::Remember(std::map<std::string, Cached<T>>& cache, const std::string& key, T value,
                               absl::Time now) {
  const size_t max =
      connection_.cache_max_entries() > 0 ? static_cast<size_t>(connection_.cache_max_entries()) : kMaxCached;
  if (cache.size() >= max && !cache.contains(key)) {
    for (auto it = cache.begin(); it != cache.end();) it = it->second.expires <= now ? cache.erase(it) : std::next(it);
    if (cache.size() >= max) {
      auto soonest = std::min_element(cache.begin(), cache.end(),
                                      [](const auto& a, const auto& b) { return a.second.expires < b.second.expires; });
      cache.erase(soonest);
    }
  }
  cache[key] = {std::move(value), now + absl::Seconds(connection_.cache_ttl_seconds())};
}

size_t SimpegDirectory::cached_entries() {
  std::lock_guard<std::mutex> lock(mu_);
  return employees_.size() + agencies_.size() + priors_.size();
}

absl::StatusOr<EmployeeSnapshot> SimpegDirectory::Fetch(const std::string& nip) {
  ASSIGN_OR_RETURN(Rows rows, Run(employee_sql_, nip));
  if (rows.empty()) {
    return WithIndonesian(absl::NotFoundError(absl::StrCat("employee_nip: no employee with NIP ", nip)),
                          "Pegawai dengan NIP tersebut tidak ditemukan.");
  }
  if (rows.size() > 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("personnel data: NIP ", nip, " is ambiguous (", rows.size(), " rows in SIMPEG)"));
  }
  const auto& r = rows[0];
  EmployeeSnapshot e;
  e.nip = Column(r, 0);
  e.name = Column(r, 1);
  ASSIGN_OR_RETURN(e.employee_type, MapValue<domain::EmployeeType>(mapping_.employee_types(), Column(r, 2),
                                                                   "employee type", nip, &EmployeeTypeOf));
  e.rank = Column(r, 3);
  ASSIGN_OR_RETURN(e.position_kind, MapValue<domain::PositionKind>(mapping_.position_kinds(), Column(r, 4),
                                                                   "position kind", nip, &PositionKindOf));
  e.position_title = Column(r, 5);
  e.unit_code = Column(r, 6);
  e.unit_name = Column(r, 7);
  e.agency_code = Column(r, 8);
  e.siasn_id = Column(r, 10);
  e.email = Column(r, 11);
  e.phone = Column(r, 12);
  if (e.agency_code.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("personnel data: ", nip, " has no agency"));
  }
  ASSIGN_OR_RETURN(domain::Agency agency, GetAgency(e.agency_code));
  e.environment = agency.environment;
  e.is_ppk = !agency.ppk_nip.empty() && agency.ppk_nip == e.nip;
  ASSIGN_OR_RETURN(e.superior_nip, FindSuperior(nip, Column(r, 9)));
  return e;
}

absl::StatusOr<std::string> SimpegDirectory::FindSuperior(const std::string& nip, const std::string& key) {
  const cfg::SuperiorStrategy& s = mapping_.superior();
  if (s.has_position_parent()) {
    // Climb the position tree until a position has exactly one holder.
    std::string position = key;
    for (int i = 0; i < kMaxWalk && !position.empty(); ++i) {
      ASSIGN_OR_RETURN(Rows parent, Run(s.position_parent().parent_query(), position));
      position = parent.empty() ? "" : Column(parent[0], 0);
      if (position.empty()) return std::string();
      ASSIGN_OR_RETURN(Rows holders, Run(s.position_parent().holder_query(), position));
      if (holders.size() > 1) {
        return absl::FailedPreconditionError(
            absl::StrCat("personnel data: the superior position of ", nip, " has ", holders.size(), " holders"));
      }
      if (holders.size() == 1) return Column(holders[0], 0);
    }
    return absl::FailedPreconditionError(absl::StrCat("personnel data: the position tree above ", nip, " has a cycle"));
  }
  if (s.has_unit_head()) {
    // The head of the employee's unit, or, when the employee heads it or it
    // has no head, of the nearest unit above.
    std::string unit = key;
    for (int i = 0; i < kMaxWalk && !unit.empty(); ++i) {
      ASSIGN_OR_RETURN(Rows rows, Run(s.unit_head().unit_query(), unit));
      if (rows.empty()) return std::string();
      const std::string head = Column(rows[0], 0);
      if (!head.empty() && head != nip) return head;
      unit = Column(rows[0], 1);
    }
    if (unit.empty()) return std::string();
    return absl::FailedPreconditionError(absl::StrCat("personnel data: the unit tree above ", nip, " has a cycle"));
  }
  return key;  // explicit column: the expression is the superior's NIP
}

absl::StatusOr<EmployeeSnapshot> SimpegDirectory::GetEmployee(const std::string& raw_nip) {
  ASSIGN_OR_RETURN(std::string nip, domain::NormalizeNip(raw_nip, "employee_nip"));
  const absl::Time now = clock_.Now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = employees_.find(nip); it != employees_.end() && it->second.expires > now) return it->second.value;
  }
  ASSIGN_OR_RETURN(EmployeeSnapshot e, Fetch(nip));
  if (connection_.cache_ttl_seconds() > 0) {
    std::lock_guard<std::mutex> lock(mu_);
    Remember(employees_, nip, e, now);
  }
  return e;
}

absl::StatusOr<std::vector<EmployeeSnapshot>> SimpegDirectory::SuperiorChain(const std::string& nip, int max_depth) {
  ASSIGN_OR_RETURN(EmployeeSnapshot current, GetEmployee(nip));
  std::vector<EmployeeSnapshot> chain;
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

absl::StatusOr<domain::Agency> SimpegDirectory::GetAgency(const std::string& code) {
  const absl::Time now = clock_.Now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = agencies_.find(code); it != agencies_.end() && it->second.expires > now) return it->second.value;
  }
  ASSIGN_OR_RETURN(Rows rows, Run(mapping_.agency_query(), code));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("agency_code: no agency ", code, " in SIMPEG"));
  const auto& r = rows[0];
  domain::Agency a;
  a.code = Column(r, 0);
  a.name = Column(r, 1);
  ASSIGN_OR_RETURN(a.environment, MapValue<domain::Environment>(mapping_.environments(), Column(r, 2), "environment",
                                                                code, &EnvironmentOf));
  a.ppk_title = Column(r, 3);
  a.ppk_name = Column(r, 4);
  a.time_zone = Column(r, 5);
  a.ppk_nip = Column(r, 6);
  RETURN_IF_ERROR(domain::ParseAgencyZone(a.time_zone).status());
  if (connection_.cache_ttl_seconds() > 0) {
    std::lock_guard<std::mutex> lock(mu_);
    Remember(agencies_, code, a, now);
  }
  return a;
}

absl::StatusOr<std::vector<domain::PriorPunishment>> SimpegDirectory::PriorPunishments(const std::string& raw_nip) {
  if (!mapping_.has_history()) return std::vector<domain::PriorPunishment>{};
  ASSIGN_OR_RETURN(std::string nip, domain::NormalizeNip(raw_nip, "employee_nip"));
  const absl::Time now = clock_.Now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = priors_.find(nip); it != priors_.end() && it->second.expires > now) return it->second.value;
  }
  // Down or slow: UNAVAILABLE, never an empty riwayat (counting no prior
  // could miss a repeat offence, law reference §2.5a).
  ASSIGN_OR_RETURN(Rows rows, Run(mapping_.history().query(), nip));
  std::vector<domain::PriorPunishment> priors;
  for (const auto& r : rows) {
    domain::PriorPunishment p;
    p.source = domain::PriorSource::kSimpeg;
    const std::string code = Column(r, 0);
    p.provision_id = Column(r, 1);
    p.decision_number = Column(r, 2);
    const cfg::SimpegHistory::PunishmentCode* mapped = nullptr;
    for (const auto& c : mapping_.history().punishments()) {
      if (c.source() == code) mapped = &c;
    }
    if (mapped == nullptr) {
      LOG(INFO) << "SIMPEG riwayat hukdis " << p.decision_number << ": punishment code '" << code
                << "' is not a PP 94/2021 punishment in the mapping; not counted";
      continue;
    }
    p.punishment = static_cast<domain::Punishment>(mapped->punishment());
    // The nature of the violation is its PP 94/2021 provision (reference
    // §2.5a, "sifatnya sama"): a record without one cannot be compared.
    if (p.provision_id.empty()) {
      LOG(INFO) << "SIMPEG riwayat hukdis " << p.decision_number << ": no PP 94/2021 provision; not counted";
      continue;
    }
    absl::CivilDay decided;
    if (!absl::ParseCivilTime(Column(r, 3).substr(0, 10), &decided)) {
      LOG(INFO) << "SIMPEG riwayat hukdis " << p.decision_number << ": no readable SK date; not counted";
      continue;
    }
    p.decided_on = decided;
    absl::CivilDay effective;
    if (absl::ParseCivilTime(Column(r, 4).substr(0, 10), &effective)) p.effective_on = effective;
    priors.push_back(std::move(p));
  }
  if (connection_.cache_ttl_seconds() > 0) {
    std::lock_guard<std::mutex> lock(mu_);
    Remember(priors_, nip, priors, now);
  }
  return priors;
}

}  // namespace discipline::personnel
