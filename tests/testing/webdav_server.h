#ifndef DISCIPLINE_TESTS_TESTING_WEBDAV_SERVER_H_
#define DISCIPLINE_TESTS_TESTING_WEBDAV_SERVER_H_

// A private Apache httpd with mod_dav on a free loopback port
// (tests/testing/webdav_server.sh), stopped by PID in the destructor.

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace discipline::testing {

class WebDavServer {
 public:
  static absl::StatusOr<std::unique_ptr<WebDavServer>> Start();
  ~WebDavServer();
  std::string base_url() const;  // the DAV collection for the service
  std::string credentials_file() const { return dir_ + "/credentials"; }
  // Where the collection's files are on disk.
  std::string files_dir() const { return dir_ + "/htdocs/dav/discipline"; }
  absl::Status Stop();
  // Starts it again on the same port, with the same files and credentials.
  absl::Status Restart();

 private:
  WebDavServer() = default;
  std::string dir_;
  int port_ = 0;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
int FreeLoopbackPort();

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_WEBDAV_SERVER_H_
