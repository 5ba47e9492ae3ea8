#include "adapters/personnel/personnel_source.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "adapters/common/url_policy.h"
#include "adapters/mariadb/connection.h"
#include "adapters/personnel/rest_directory.h"
#include "adapters/personnel/simpeg_directory.h"
#include "adapters/siasn/tokens.h"
#include "service/common/status_macros.h"

namespace discipline::personnel {

absl::StatusOr<std::unique_ptr<ports::PersonnelDirectory>> MakePersonnelSource(const cfg::PersonnelSource& source,
                                                                               const cfg::SiasnConnection& s,
                                                                               const domain::SiasnCodes* codes,
                                                                               const ports::Clock& clock) {
  if (source.has_rest()) {
    ASSIGN_OR_RETURN(auto rest, RestDirectory::FromConfig(source.rest(), codes, clock));
    return std::unique_ptr<ports::PersonnelDirectory>(std::move(rest));
  }
  if (source.has_sql()) {
    // A SIMPEG database, MariaDB or PostgreSQL (sql.driver), and its mapping.
    ASSIGN_OR_RETURN(auto sql, SimpegDirectory::Create(source.sql(), clock));
    return std::unique_ptr<ports::PersonnelDirectory>(std::move(sql));
  }
  if (!source.has_siasn()) {
    return absl::InvalidArgumentError("personnel: name a source (sql { }, rest { } or siasn { })");
  }
  // The tokens of the siasn { } connection (SIASN reference, "Hosts and
  // tokens"), fetched on their own: the outbox sender keeps its own pair.
  siasn::TokenOptions t;
  t.token_url = s.token_url();
  t.client_id = s.client_id();
  t.sso_token_url = s.sso_token_url();
  t.sso_client_id = s.sso_client_id();
  t.sso_username = s.sso_username();
  t.sso_token_file = s.sso_token_file();
  if (s.timeout_seconds() > 0) t.timeout = absl::Seconds(s.timeout_seconds());
  if (t.token_url.empty()) return absl::InvalidArgumentError("personnel.siasn: siasn.token_url is required");
  RETURN_IF_ERROR(
      adapters::RequireTlsOffLoopback({{"siasn.token_url", t.token_url}, {"siasn.sso_token_url", t.sso_token_url}}));
  if (!s.client_secret_file().empty()) {
    ASSIGN_OR_RETURN(t.client_secret, mariadb::ReadSecretFile(s.client_secret_file()));
  }
  if (!s.sso_password_file().empty()) {
    ASSIGN_OR_RETURN(t.sso_password, mariadb::ReadSecretFile(s.sso_password_file()));
  }
  std::string api_base = s.api_base();
  if (api_base.empty()) {
    api_base = s.endpoint();
    const absl::string_view save = "/apisiasn/1.0/hukdis/save";
    if (absl::EndsWith(api_base, save)) api_base.resize(api_base.size() - save.size());
  }
  ASSIGN_OR_RETURN(auto siasn, RestDirectory::ForSiasn(source.siasn(), api_base,
                                                       std::make_shared<siasn::Tokens>(std::move(t)), codes, clock));
  return std::unique_ptr<ports::PersonnelDirectory>(std::move(siasn));
}

std::string DescribePersonnelSource(const cfg::PersonnelSource& source) {
  if (source.has_sql()) {
    return absl::StrCat(source.sql().driver() == cfg::SQL_DRIVER_POSTGRESQL ? "SIMPEG (PostgreSQL) " : "SIMPEG ",
                        source.sql().database(), " via ", source.sql().mapping_file());
  }
  if (source.has_rest()) return "REST " + source.rest().url_template();
  return "SIASN data-utama";
}

}  // namespace discipline::personnel
