#include "adapters/identity/jwt_verifier.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "adapters/common/digest.h"
#include "adapters/common/http_client.h"
#include "adapters/common/url_policy.h"
#include "glog/logging.h"
#include "google/protobuf/util/json_util.h"
#include "service/domain/nip.h"

namespace discipline::identity {
namespace {

absl::Status Bad(absl::string_view why) { return absl::UnauthenticatedError(absl::StrCat("token: ", why)); }

const google::protobuf::Value* Field(const google::protobuf::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? nullptr : &it->second;
}

std::string StringOf(const google::protobuf::Struct& s, const std::string& name) {
  const auto* v = Field(s, name);
  return v != nullptr && v->has_string_value() ? v->string_value() : "";
}

bool NumberOf(const google::protobuf::Struct& s, const std::string& name, double* out) {
  const auto* v = Field(s, name);
  if (v == nullptr || !v->has_number_value()) return false;
  *out = v->number_value();
  return true;
}

// The claim at a dotted path ("realm_access.roles"); a name without dots is
// one top-level claim.
const google::protobuf::Value* ClaimAt(const google::protobuf::Struct& s, const std::string& path) {
  const google::protobuf::Struct* at = &s;
  const google::protobuf::Value* v = nullptr;
  for (absl::string_view key : absl::StrSplit(path, '.')) {
    if (at == nullptr) return nullptr;
    v = Field(*at, std::string(key));
    if (v == nullptr) return nullptr;
    at = v->has_struct_value() ? &v->struct_value() : nullptr;
  }
  return v;
}

std::string StringAt(const google::protobuf::Struct& s, const std::string& path) {
  const auto* v = ClaimAt(s, path);
  return v != nullptr && v->has_string_value() ? v->string_value() : "";
}

// The roles of a claim: a list of names, or one string of names separated
// by spaces (the form of OAuth 2.0's scope, RFC 6749 section 3.3, which some
// identity providers use for roles too). Names this service does not know
// are ignored.
void AddRoles(const google::protobuf::Value* claim, std::set<domain::Role>& roles) {
  if (claim == nullptr) return;
  auto add = [&](absl::string_view name) {
    if (auto r = domain::RoleNamed(name); r.has_value()) roles.insert(*r);
  };
  if (claim->has_string_value()) {
    for (absl::string_view name : absl::StrSplit(claim->string_value(), ' ', absl::SkipEmpty())) add(name);
    return;
  }
  if (!claim->has_list_value()) return;
  for (const auto& v : claim->list_value().values()) {
    if (v.has_string_value()) add(v.string_value());
  }
}

}  // namespace

absl::StatusOr<std::string> DiscoverJwksUri(const std::string& issuer, absl::Duration timeout) {
  const std::string url = absl::StrCat(absl::StripSuffix(issuer, "/"), "/.well-known/openid-configuration");
  if (absl::Status s = adapters::RequireTlsOffLoopback(url, "identity.oidc_issuer"); !s.ok()) {
    return absl::InvalidArgumentError(s.message());
  }
  auto body = FetchUrl(url, timeout);
  if (!body.ok()) return body.status();
  google::protobuf::Struct doc;
  if (!google::protobuf::util::JsonStringToMessage(*body, &doc).ok()) {
    return absl::InvalidArgumentError(absl::StrCat("identity: ", url, " is not an OpenID configuration (JSON)"));
  }
  // OpenID Connect Discovery 1.0 §4.3: the issuer in the document is the
  // one the configuration was asked of, or the document is not to be used.
  if (const std::string named = StringOf(doc, "issuer"); named != issuer) {
    return absl::InvalidArgumentError(absl::StrCat("identity.oidc_issuer: the discovery document names issuer \"",
                                                   named.substr(0, 200), "\", not \"", issuer, "\""));
  }
  const std::string jwks_uri = StringOf(doc, "jwks_uri");
  if (jwks_uri.empty()) return absl::InvalidArgumentError(absl::StrCat("identity: ", url, " has no jwks_uri"));
  if (absl::Status s = adapters::RequireTlsOffLoopback(jwks_uri, "the discovered jwks_uri"); !s.ok()) {
    return absl::InvalidArgumentError(s.message());
  }
  return jwks_uri;
}

absl::StatusOr<std::string> FetchUrl(const std::string& url, absl::Duration timeout) {
  // A JWKS is small: the call's 1 MiB bound.
  const adapters::HttpReply r = adapters::HttpCall({.url = url, .timeout = timeout});
  if (r.status == 0) return absl::UnavailableError(absl::StrCat("GET ", url, ": ", r.error));
  if (r.status != 200) return absl::UnavailableError(absl::StrCat("GET ", url, ": HTTP ", r.status));
  return r.body;
}

absl::StatusOr<std::unique_ptr<JwtVerifier>> JwtVerifier::Create(VerifierOptions options, const ports::Clock& clock) {
  if (options.issuer.empty() || options.audience.empty()) {
    return absl::InvalidArgumentError("identity: issuer and audience are required");
  }
  if (static_cast<int>(!options.jwks_file.empty()) + static_cast<int>(!options.jwks_uri.empty()) +
          static_cast<int>(options.discover) !=
      1) {
    return absl::InvalidArgumentError("identity: give exactly one of jwks_file, jwks_uri and oidc_issuer");
  }
  if (options.max_skew > absl::Seconds(60) || options.max_skew < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("identity: max_skew is at most 60 s");
  }
  std::unique_ptr<JwtVerifier> v(new JwtVerifier(std::move(options), clock));
  absl::Status loaded = v->LoadKeys();
  if (!loaded.ok()) {
    if (!v->options_.jwks_file.empty()) return absl::InvalidArgumentError(loaded.message());
    // A discovery document that answers but is wrong (another issuer, no
    // jwks_uri) is a configuration error; one that does not answer yet is
    // asked again on the first token.
    if (v->options_.discover && absl::IsInvalidArgument(loaded)) return loaded;
    LOG(WARNING) << "identity: " << loaded << "; fetched again on the first token";
  }
  return v;
}

absl::Status JwtVerifier::LoadKeys() {
  std::string json;
  if (!options_.jwks_file.empty()) {
    std::ifstream in(options_.jwks_file);
    if (!in) return absl::InvalidArgumentError(absl::StrCat("identity: cannot read ", options_.jwks_file));
    std::stringstream ss;
    ss << in.rdbuf();
    json = ss.str();
  } else {
    std::string uri = options_.jwks_uri;
    if (options_.discover) {
      if (discovered_jwks_uri_.empty()) {
        auto found = DiscoverJwksUri(options_.issuer, options_.fetch_timeout);
        if (!found.ok()) return found.status();
        discovered_jwks_uri_ = *found;
        LOG(INFO) << "identity: " << options_.issuer << " publishes its keys at " << discovered_jwks_uri_;
      }
      uri = discovered_jwks_uri_;
    }
    auto body = FetchUrl(uri, options_.fetch_timeout);
    if (!body.ok()) return body.status();
    json = *std::move(body);
  }
  auto keys = ParseJwks(json);
  std::lock_guard<std::mutex> lock(mu_);
  ++fetches_;
  last_fetch_ = clock_.Now();
  if (!keys.ok()) return keys.status();
  keys_ = *std::move(keys);
  return absl::OkStatus();
}

std::shared_ptr<PublicKey> JwtVerifier::KeyFor(const std::string& kid, absl::Status* why) {
  auto find = [&]() -> std::shared_ptr<PublicKey> {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& k : keys_) {
      if (k->kid() == kid || (kid.empty() && keys_.size() == 1)) return k;
    }
    return nullptr;
  };
  if (auto k = find(); k != nullptr) return k;
  // An unknown kid: the issuer may have rotated its keys. Fetch again, at
  // most once per refetch interval.
  std::lock_guard<std::mutex> one(fetch_mu_);
  if (auto k = find(); k != nullptr) return k;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (clock_.Now() - last_fetch_ < options_.refetch_interval && !keys_.empty()) {
      *why = Bad("unknown key id");
      return nullptr;
    }
  }
  if (absl::Status s = LoadKeys(); !s.ok()) {
    LOG(WARNING) << "identity: " << s;
    std::lock_guard<std::mutex> lock(mu_);
    *why = keys_.empty() ? absl::UnavailableError("identity: the issuer's keys cannot be fetched; retry later")
                         : Bad("unknown key id");
    return nullptr;
  }
  if (auto k = find(); k != nullptr) return k;
  *why = Bad("unknown key id");
  return nullptr;
}

// One piece: the claims are checked in the order RFC 7519 section 7.2 and
// the agency's realm give them (issuer, audience, times, azp, then the
// identity claims); a split would hide which check runs first.
absl::StatusOr<domain::Caller> JwtVerifier::CheckClaims(const DecodedJwt& jwt, absl::Time* expires) const {
  const auto& c = jwt.claims;
  if (StringOf(c, "iss") != options_.issuer) return Bad("wrong issuer");
  bool audience = false;
  if (const auto* aud = Field(c, "aud"); aud != nullptr) {
    if (aud->has_string_value()) audience = aud->string_value() == options_.audience;
    if (aud->has_list_value()) {
      for (const auto& a : aud->list_value().values()) audience |= a.string_value() == options_.audience;
    }
  }
  if (!audience) return Bad("wrong audience");
  // Keycloak's authorized party: the client the token was issued to.
  const std::string& client = options_.client_id.empty() ? options_.audience : options_.client_id;
  if (const std::string azp = StringOf(c, "azp");
      !azp.empty() && azp != client &&
      std::find(options_.authorized_parties.begin(), options_.authorized_parties.end(), azp) ==
          options_.authorized_parties.end()) {
    return Bad("wrong authorized party (azp)");
  }
  const absl::Time now = clock_.Now();
  double exp = 0, nbf = 0;
  if (!NumberOf(c, "exp", &exp)) return Bad("no expiry");
  *expires = absl::FromUnixSeconds(static_cast<int64_t>(exp));
  if (now > *expires + options_.max_skew) return Bad("expired");
  if (NumberOf(c, "nbf", &nbf) && now + options_.max_skew < absl::FromUnixSeconds(static_cast<int64_t>(nbf))) {
    return Bad("not yet valid");
  }
  domain::Caller caller;
  std::string nip = StringAt(c, options_.nip_claim.empty() ? "nip" : options_.nip_claim);
  if (nip.empty() && options_.nip_claim.empty()) {
    // Keycloak's username, when it is a NIP.
    if (auto n = domain::NormalizeNip(StringOf(c, "preferred_username"), "nip"); n.ok()) nip = *n;
  }
  if (!nip.empty()) {
    auto n = domain::NormalizeNip(nip, "nip");
    if (!n.ok()) return Bad("the nip claim is not a NIP");
    caller.nip = *n;
  }
  caller.name = StringOf(c, "name").substr(0, 255);
  caller.agency_code = StringAt(c, options_.agency_claim.empty() ? "agency_code" : options_.agency_claim);
  if (caller.agency_code.empty() || caller.agency_code.size() > 64) return Bad("no agency_code claim");
  // Keycloak's client roles of this service, when the token has any, are
  // preferred to the realm's (a realm role is shared by every client).
  if (const auto* access = Field(c, "resource_access"); access != nullptr && access->has_struct_value()) {
    if (const auto* mine = Field(access->struct_value(), client); mine != nullptr && mine->has_struct_value()) {
      AddRoles(Field(mine->struct_value(), "roles"), caller.roles);
    }
  }
  if (caller.roles.empty() && !options_.roles_claim.empty()) {
    AddRoles(ClaimAt(c, options_.roles_claim), caller.roles);
  } else if (caller.roles.empty()) {
    AddRoles(Field(c, "roles"), caller.roles);
    if (const auto* realm = Field(c, "realm_access"); realm != nullptr && realm->has_struct_value()) {
      AddRoles(Field(realm->struct_value(), "roles"), caller.roles);
    }
  }
  if (caller.roles.empty()) return Bad("no role of this service");
  caller.session = StringOf(c, "jti");
  if (caller.session.empty()) caller.session = StringOf(c, "sid");
  return caller;
}

absl::StatusOr<domain::Caller> JwtVerifier::Verify(absl::string_view token) {
  if (token.empty()) return Bad("missing");
  if (token.size() > options_.max_token_bytes) return Bad("too large");
  const std::string digest = adapters::Sha256Hex(token);
  const absl::Time now = clock_.Now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = cache_.find(digest); it != cache_.end()) {
      if (now <= it->second.expires + options_.max_skew) return it->second.caller;
      cache_.erase(it);
    }
  }
  auto jwt = DecodeJwt(token);
  if (!jwt.ok()) return jwt.status();
  // Only the two asymmetric algorithms: never "none", never HMAC (whose
  // secret an attacker would take to be the public key).
  if (jwt->alg != "RS256" && jwt->alg != "ES256") return Bad(absl::StrCat("algorithm not accepted"));
  absl::Status why = absl::OkStatus();
  std::shared_ptr<PublicKey> key = KeyFor(jwt->kid, &why);
  if (key == nullptr) return why;
  if (key->alg() != jwt->alg) return Bad("the key is not of the token's algorithm");
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++checks_;
  }
  if (!key->Verify(jwt->signed_part, jwt->signature)) return Bad("bad signature");
  absl::Time expires;
  auto caller = CheckClaims(*jwt, &expires);
  if (!caller.ok()) return caller.status();
  std::lock_guard<std::mutex> lock(mu_);
  if (cache_.size() >= options_.cache_entries) {
    for (auto it = cache_.begin(); it != cache_.end();) {
      it = now > it->second.expires + options_.max_skew ? cache_.erase(it) : std::next(it);
    }
    if (cache_.size() >= options_.cache_entries) cache_.erase(cache_.begin());
  }
  cache_[digest] = {*caller, expires};
  return caller;
}

int64_t JwtVerifier::signature_checks() const {
  std::lock_guard<std::mutex> lock(mu_);
  return checks_;
}

int64_t JwtVerifier::key_fetches() const {
  std::lock_guard<std::mutex> lock(mu_);
  return fetches_;
}

}  // namespace discipline::identity
