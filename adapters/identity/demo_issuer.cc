#include "adapters/identity/demo_issuer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "adapters/common/digest.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace discipline::identity {
namespace {

constexpr char kIssuer[] = "https://sso.demo.asn-discipline.invalid/realms/demo";
constexpr char kAudience[] = "asn-discipline";

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes `text` to `path` through a fresh temporary file created with
// `mode` (the private key is never readable by others, not even while it is
// written), never through a file or symbolic link left in its place.
absl::Status WriteFile(const std::string& path, const std::string& text, mode_t mode) {
  const std::string tmp = path + ".tmp";
  unlink(tmp.c_str());
  const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) return absl::InternalError(absl::StrCat("cannot create ", tmp));
  bool ok = fchmod(fd, mode) == 0;  // the umask may have narrowed it, never widened
  for (size_t done = 0; ok && done < text.size();) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) ok = false;
    done += n > 0 ? static_cast<size_t>(n) : 0;
  }
  ok = fsync(fd) == 0 && ok;
  ok = close(fd) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    unlink(tmp.c_str());
    return absl::InternalError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

std::string Field(const google::protobuf::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? "" : it->second.string_value();
}

}  // namespace

absl::StatusOr<std::unique_ptr<DemoIssuer>> DemoIssuer::Open(const std::string& dir) {
  auto json = ReadFile(dir + "/demo-issuer.json");
  if (!json.ok()) return json.status();
  auto pem = ReadFile(dir + "/demo-issuer.key");
  if (!pem.ok()) return pem.status();
  google::protobuf::Struct info;
  if (!google::protobuf::util::JsonStringToMessage(*json, &info).ok()) {
    return absl::InvalidArgumentError(absl::StrCat(dir, "/demo-issuer.json does not parse"));
  }
  std::unique_ptr<DemoIssuer> issuer(new DemoIssuer());
  issuer->dir_ = dir;
  issuer->issuer_ = Field(info, "issuer");
  issuer->audience_ = Field(info, "audience");
  auto key = SigningKey::FromPem(*pem, Field(info, "kid"));
  if (!key.ok()) return key.status();
  issuer->key_ = *std::move(key);
  return issuer;
}

absl::StatusOr<std::unique_ptr<DemoIssuer>> DemoIssuer::OpenOrCreate(const std::string& dir) {
  if (auto existing = Open(dir); existing.ok() || existing.status().code() != absl::StatusCode::kNotFound) {
    return existing;
  }
  mkdir(dir.c_str(), 0700);
  const std::string kid = absl::StrCat("demo-", adapters::TimeOrderedId().substr(0, 12));
  auto key = SigningKey::Generate("ES256", kid);
  if (!key.ok()) return key.status();
  google::protobuf::Struct info;
  (*info.mutable_fields())["issuer"].set_string_value(kIssuer);
  (*info.mutable_fields())["audience"].set_string_value(kAudience);
  (*info.mutable_fields())["kid"].set_string_value(kid);
  (*info.mutable_fields())["alg"].set_string_value((*key)->alg());
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(info, &json);
  if (absl::Status s = WriteFile(dir + "/demo-issuer.key", (*key)->PrivatePem(), 0600); !s.ok()) return s;
  if (absl::Status s = WriteFile(dir + "/demo-issuer.jwks.json", (*key)->Jwks(), 0644); !s.ok()) return s;
  if (absl::Status s = WriteFile(dir + "/demo-issuer.json", json, 0644); !s.ok()) return s;
  return Open(dir);
}

DemoClaims DemoIssuer::Claims(const std::string& nip, const std::string& name, const std::string& agency,
                              const std::vector<std::string>& roles, absl::Duration lifetime, absl::Time now) const {
  DemoClaims c;
  c.issuer = issuer_;
  c.audience = audience_;
  c.nip = nip;
  c.name = name;
  c.agency_code = agency;
  c.roles = roles;
  c.issued_at = now;
  c.lifetime = lifetime;
  c.jti = adapters::TimeOrderedId();
  return c;
}

std::string DemoIssuer::Mint(const std::string& nip, const std::string& name, const std::string& agency,
                             const std::vector<std::string>& roles, absl::Duration lifetime, absl::Time now) const {
  return key_->Sign(ClaimsOf(Claims(nip, name, agency, roles, lifetime, now)));
}

}  // namespace discipline::identity
