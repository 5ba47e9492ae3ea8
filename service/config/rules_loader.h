#ifndef DISCIPLINE_SERVICE_CONFIG_RULES_LOADER_H_
#define DISCIPLINE_SERVICE_CONFIG_RULES_LOADER_H_

// Reads the rules table, the calendar and the server configuration from
// textproto (protobuf's TextFormat) into the domain's plain values. The
// built-in rules and calendar are compiled into the binary from
// service/domain/rules/; a ServerConfig may replace either from a file and add
// agency days off. Errors: INVALID_ARGUMENT for text that does not parse,
// NOT_FOUND for a missing file, FAILED_PRECONDITION for a table with gaps.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "asn/discipline/config/v1/calendar.pb.h"
#include "asn/discipline/config/v1/rules.pb.h"
#include "asn/discipline/config/v1/server.pb.h"
#include "service/domain/access.h"
#include "service/domain/calendar.h"
#include "service/domain/rule_book.h"
#include "service/domain/rules_engine.h"
#include "service/domain/siasn.h"

namespace discipline::config {

namespace cfg = ::asn::discipline::config::v1;

// The texts compiled into the binary.
absl::string_view BuiltinRulesText();
absl::string_view BuiltinCalendarText();
absl::string_view BuiltinSiasnCodesText();

// SIASN's code tables (a SiasnCodes textproto). FAILED_PRECONDITION when a
// punishment, a level or the reasons are missing.
absl::StatusOr<domain::SiasnCodes> ParseSiasnCodes(absl::string_view text);
// The table of `connection.codes_file`, or the built-in one.
absl::StatusOr<domain::SiasnCodes> LoadSiasnCodes(const cfg::SiasnConnection& connection);

absl::StatusOr<cfg::ServerConfig> ParseServerConfig(absl::string_view text);
absl::StatusOr<cfg::ServerConfig> LoadServerConfigFile(const std::string& path);

absl::StatusOr<domain::RuleBook> ParseRuleBook(absl::string_view text);
domain::LegalSettings ToLegalSettings(const cfg::LegalSettings& legal);
absl::StatusOr<domain::CalendarSpec> ParseCalendar(absl::string_view text);

// The access policy: the API contract's defaults narrowed by `access`.
// INVALID_ARGUMENT for an unknown action or role, or a role the default does
// not allow (configuration may narrow, never widen).
absl::StatusOr<domain::Policy> ToPolicy(const cfg::AccessConfig& access);

// Everything the rules need, built from a ServerConfig (the defaults when
// `config` is empty).
struct LoadedRules {
  domain::RulesEngine engine;
  domain::WorkingDayCalendar calendar;
};
absl::StatusOr<LoadedRules> LoadRules(const cfg::ServerConfig& config);

}  // namespace discipline::config

#endif  // DISCIPLINE_SERVICE_CONFIG_RULES_LOADER_H_
