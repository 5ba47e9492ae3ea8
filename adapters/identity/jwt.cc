#include "adapters/identity/jwt.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"

namespace discipline::identity {
namespace {

EVP_PKEY* K(void* p) { return static_cast<EVP_PKEY*>(p); }

absl::Status Bad(absl::string_view why) { return absl::UnauthenticatedError(absl::StrCat("token: ", why)); }

bool Unbase64Url(absl::string_view in, std::string* out) { return absl::WebSafeBase64Unescape(in, out); }

std::string StringField(const google::protobuf::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it != s.fields().end() && it->second.has_string_value() ? it->second.string_value() : "";
}

// The raw big-endian bytes of a BIGNUM, left-padded to `width` (0: minimal).
std::string BnBytes(const BIGNUM* bn, int width) {
  const int n = width > 0 ? width : BN_num_bytes(bn);
  std::string out(n, '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), n);
  return out;
}

// EVP_PKEY from OSSL_PARAMs of `type` ("RSA" or "EC"); nullptr on failure.
EVP_PKEY* FromParams(const char* type, OSSL_PARAM* params) {
  EVP_PKEY* pkey = nullptr;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  if (ctx != nullptr && EVP_PKEY_fromdata_init(ctx) == 1) {
    if (EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1) pkey = nullptr;
  }
  EVP_PKEY_CTX_free(ctx);
  return pkey;
}

EVP_PKEY* RsaKey(const std::string& n_b64, const std::string& e_b64) {
  std::string n, e;
  if (!Unbase64Url(n_b64, &n) || !Unbase64Url(e_b64, &e) || n.size() < 256) return nullptr;  // RSA >= 2048 bits
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), n.size(), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), e.size(), nullptr);
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  EVP_PKEY* pkey = nullptr;
  if (bn_n != nullptr && bn_e != nullptr && bld != nullptr &&
      OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) == 1 &&
      OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e) == 1) {
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    if (params != nullptr) pkey = FromParams("RSA", params);
    OSSL_PARAM_free(params);
  }
  OSSL_PARAM_BLD_free(bld);
  BN_free(bn_n);
  BN_free(bn_e);
  return pkey;
}

EVP_PKEY* P256Key(const std::string& x_b64, const std::string& y_b64) {
  std::string x, y;
  if (!Unbase64Url(x_b64, &x) || !Unbase64Url(y_b64, &y) || x.size() != 32 || y.size() != 32) return nullptr;
  std::string point = "\x04" + x + y;
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  EVP_PKEY* pkey = nullptr;
  if (bld != nullptr && OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1 &&
      OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) == 1) {
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    if (params != nullptr) pkey = FromParams("EC", params);
    OSSL_PARAM_free(params);
  }
  OSSL_PARAM_BLD_free(bld);
  return pkey;
}

}  // namespace

std::string Base64Url(absl::string_view bytes) {
  std::string out;
  absl::WebSafeBase64Escape(bytes, &out);
  return out;
}

PublicKey::~PublicKey() { EVP_PKEY_free(K(pkey_)); }

bool PublicKey::Verify(absl::string_view signed_part, absl::string_view signature) const {
  std::string der;
  absl::string_view sig = signature;
  if (alg_ == "ES256") {
    // JWS carries r||s, 32 bytes each; OpenSSL wants DER.
    if (signature.size() != 64) return false;
    ECDSA_SIG* s = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()), 32, nullptr);
    BIGNUM* ss = BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()) + 32, 32, nullptr);
    ECDSA_SIG_set0(s, r, ss);
    unsigned char* buf = nullptr;
    const int len = i2d_ECDSA_SIG(s, &buf);
    ECDSA_SIG_free(s);
    if (len <= 0) return false;
    der.assign(reinterpret_cast<char*>(buf), len);
    OPENSSL_free(buf);
    sig = der;
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx != nullptr && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, K(pkey_)) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

absl::StatusOr<std::vector<std::shared_ptr<PublicKey>>> ParseJwks(absl::string_view json) {
  google::protobuf::Struct doc;
  if (!google::protobuf::util::JsonStringToMessage(std::string(json), &doc).ok()) {
    return absl::InvalidArgumentError("JWKS: not a JSON object");
  }
  auto keys = doc.fields().find("keys");
  if (keys == doc.fields().end() || !keys->second.has_list_value()) {
    return absl::InvalidArgumentError("JWKS: no \"keys\" array");
  }
  std::vector<std::shared_ptr<PublicKey>> out;
  for (const auto& v : keys->second.list_value().values()) {
    if (!v.has_struct_value()) continue;
    const auto& k = v.struct_value();
    const std::string kty = StringField(k, "kty"), use = StringField(k, "use"), alg = StringField(k, "alg");
    if (!use.empty() && use != "sig") continue;
    EVP_PKEY* pkey = nullptr;
    std::string key_alg;
    if (kty == "RSA" && (alg.empty() || alg == "RS256")) {
      pkey = RsaKey(StringField(k, "n"), StringField(k, "e"));
      key_alg = "RS256";
    } else if (kty == "EC" && StringField(k, "crv") == "P-256" && (alg.empty() || alg == "ES256")) {
      pkey = P256Key(StringField(k, "x"), StringField(k, "y"));
      key_alg = "ES256";
    }
    if (pkey != nullptr) out.push_back(std::shared_ptr<PublicKey>(new PublicKey(pkey, StringField(k, "kid"), key_alg)));
  }
  if (out.empty()) return absl::InvalidArgumentError("JWKS: no RS256 or ES256 signing key");
  return out;
}

absl::StatusOr<DecodedJwt> DecodeJwt(absl::string_view token) {
  const std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty())
    return Bad("not a compact JWS (header.payload.signature)");
  std::string header_json, payload_json;
  DecodedJwt out;
  if (!Unbase64Url(parts[0], &header_json) || !Unbase64Url(parts[1], &payload_json) ||
      !Unbase64Url(parts[2], &out.signature)) {
    return Bad("not base64url");
  }
  google::protobuf::Struct header;
  if (!google::protobuf::util::JsonStringToMessage(header_json, &header).ok()) return Bad("header is not JSON");
  if (!google::protobuf::util::JsonStringToMessage(payload_json, &out.claims).ok()) return Bad("claims are not JSON");
  out.alg = StringField(header, "alg");
  out.kid = StringField(header, "kid");
  out.signed_part = absl::StrCat(parts[0], ".", parts[1]);
  return out;
}

SigningKey::~SigningKey() { EVP_PKEY_free(K(pkey_)); }

absl::StatusOr<std::unique_ptr<SigningKey>> SigningKey::FromPem(absl::string_view pem, std::string kid) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = bio != nullptr ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(bio);
  if (pkey == nullptr) return absl::InvalidArgumentError("signing key: not a PEM private key");
  std::string alg;
  if (EVP_PKEY_is_a(pkey, "RSA")) {
    alg = "RS256";
  } else if (EVP_PKEY_is_a(pkey, "EC")) {
    char group[64] = {0};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) == 1 &&
        std::string(group) == "prime256v1") {
      alg = "ES256";
    }
  }
  if (alg.empty()) {
    EVP_PKEY_free(pkey);
    return absl::InvalidArgumentError("signing key: only RSA and P-256 keys are supported");
  }
  return std::unique_ptr<SigningKey>(new SigningKey(pkey, std::move(kid), alg));
}

absl::StatusOr<std::unique_ptr<SigningKey>> SigningKey::Generate(absl::string_view alg, std::string kid) {
  EVP_PKEY* pkey = alg == "RS256" ? EVP_RSA_gen(2048) : alg == "ES256" ? EVP_EC_gen("P-256") : nullptr;
  if (pkey == nullptr) return absl::InvalidArgumentError(absl::StrCat("signing key: cannot generate ", alg));
  return std::unique_ptr<SigningKey>(new SigningKey(pkey, std::move(kid), std::string(alg)));
}

std::string SigningKey::PrivatePem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, K(pkey_), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string out(data, n);
  BIO_free(bio);
  return out;
}

std::string SigningKey::Jwks() const {
  google::protobuf::Struct jwk;
  auto& f = *jwk.mutable_fields();
  f["kid"].set_string_value(kid_);
  f["use"].set_string_value("sig");
  f["alg"].set_string_value(alg_);
  if (alg_ == "RS256") {
    BIGNUM *n = nullptr, *e = nullptr;
    EVP_PKEY_get_bn_param(K(pkey_), OSSL_PKEY_PARAM_RSA_N, &n);
    EVP_PKEY_get_bn_param(K(pkey_), OSSL_PKEY_PARAM_RSA_E, &e);
    f["kty"].set_string_value("RSA");
    f["n"].set_string_value(Base64Url(BnBytes(n, 0)));
    f["e"].set_string_value(Base64Url(BnBytes(e, 0)));
    BN_free(n);
    BN_free(e);
  } else {
    BIGNUM *x = nullptr, *y = nullptr;
    EVP_PKEY_get_bn_param(K(pkey_), OSSL_PKEY_PARAM_EC_PUB_X, &x);
    EVP_PKEY_get_bn_param(K(pkey_), OSSL_PKEY_PARAM_EC_PUB_Y, &y);
    f["kty"].set_string_value("EC");
    f["crv"].set_string_value("P-256");
    f["x"].set_string_value(Base64Url(BnBytes(x, 32)));
    f["y"].set_string_value(Base64Url(BnBytes(y, 32)));
    BN_free(x);
    BN_free(y);
  }
  google::protobuf::Struct doc;
  *(*doc.mutable_fields())["keys"].mutable_list_value()->add_values()->mutable_struct_value() = jwk;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(doc, &json);
  return json;
}

std::string SigningKey::Sign(const google::protobuf::Struct& claims, absl::string_view header_alg) const {
  google::protobuf::Struct header;
  (*header.mutable_fields())["alg"].set_string_value(std::string(header_alg.empty() ? alg_ : header_alg));
  (*header.mutable_fields())["typ"].set_string_value("JWT");
  (*header.mutable_fields())["kid"].set_string_value(kid_);
  std::string header_json, claims_json;
  (void)google::protobuf::util::MessageToJsonString(header, &header_json);
  (void)google::protobuf::util::MessageToJsonString(claims, &claims_json);
  const std::string signed_part = absl::StrCat(Base64Url(header_json), ".", Base64Url(claims_json));
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t len = 0;
  std::string sig;
  if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, K(pkey_)) == 1 &&
      EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(signed_part.data()),
                     signed_part.size()) == 1) {
    sig.resize(len);
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                   reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size());
    sig.resize(len);
  }
  EVP_MD_CTX_free(ctx);
  if (alg_ == "ES256") {
    // DER → r||s.
    const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* s = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    if (s != nullptr) {
      sig = BnBytes(ECDSA_SIG_get0_r(s), 32) + BnBytes(ECDSA_SIG_get0_s(s), 32);
      ECDSA_SIG_free(s);
    }
  }
  return absl::StrCat(signed_part, ".", Base64Url(sig));
}

google::protobuf::Struct ClaimsOf(const DemoClaims& c) {
  google::protobuf::Struct s;
  auto& f = *s.mutable_fields();
  f["iss"].set_string_value(c.issuer);
  f["aud"].set_string_value(c.audience);
  const int64_t iat = absl::ToUnixSeconds(c.issued_at);
  f["iat"].set_number_value(static_cast<double>(iat));
  f["nbf"].set_number_value(static_cast<double>(iat));
  f["exp"].set_number_value(static_cast<double>(iat + absl::ToInt64Seconds(c.lifetime)));
  if (!c.nip.empty()) {
    f["nip"].set_string_value(c.nip);
    f["preferred_username"].set_string_value(c.nip);
    f["sub"].set_string_value(c.nip);
  } else {
    f["sub"].set_string_value(absl::StrCat("office:", c.agency_code));
  }
  f["name"].set_string_value(c.name);
  f["agency_code"].set_string_value(c.agency_code);
  auto* roles = f["roles"].mutable_list_value();
  for (const auto& r : c.roles) roles->add_values()->set_string_value(r);
  if (!c.jti.empty()) f["jti"].set_string_value(c.jti);
  return s;
}

}  // namespace discipline::identity
