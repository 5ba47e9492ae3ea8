#include "tests/testing/webdav_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "service/common/status_macros.h"
#include "tests/testing/test_db.h"

namespace discipline::testing {

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

absl::StatusOr<std::unique_ptr<WebDavServer>> WebDavServer::Start() {
  // Not under the 0700 test dir: httpd's workers (www-data when the tests run
  // as root) must reach the files.
  std::string templ = "/tmp/discipline-webdav.XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) return absl::InternalError("mkdtemp failed");
  chmod(templ.c_str(), 0755);
  std::unique_ptr<WebDavServer> w(new WebDavServer());
  w->dir_ = templ;
  w->port_ = FreeLoopbackPort();
  RETURN_IF_ERROR(w->Restart());
  return w;
}

absl::Status WebDavServer::Restart() {
  const std::string cmd = absl::StrCat(DISCIPLINE_SOURCE_DIR, "/tests/testing/webdav_server.sh start '", dir_, "' ",
                                       port_, " >'", dir_, "/start.log' 2>&1");
  if (std::system(cmd.c_str()) != 0) {
    return absl::UnavailableError(absl::StrCat("httpd did not start; see ", dir_, "/start.log"));
  }
  return absl::OkStatus();
}

std::string WebDavServer::base_url() const { return absl::StrCat("http://127.0.0.1:", port_, "/dav/discipline/"); }

absl::Status WebDavServer::Stop() {
  const std::string cmd = absl::StrCat(DISCIPLINE_SOURCE_DIR, "/tests/testing/webdav_server.sh stop '", dir_, "'");
  return std::system(cmd.c_str()) == 0 ? absl::OkStatus() : absl::InternalError("httpd stop failed");
}

WebDavServer::~WebDavServer() {
  (void)Stop();
  (void)std::system(absl::StrCat("rm -rf '", dir_, "'").c_str());
}

}  // namespace discipline::testing
