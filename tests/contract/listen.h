#ifndef DISCIPLINE_TESTS_CONTRACT_LISTEN_H_
#define DISCIPLINE_TESTS_CONTRACT_LISTEN_H_

// How a contract server process takes its port: `port` on loopback, or any
// free one when 0, written to `port_file` (through a rename, so the test
// waiting on the file never reads half a number). The port, or -1 when it
// cannot bind.

#include <httplib.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace discipline::contract {

inline int BindAndAnnounce(httplib::Server& server, int port, const std::string& port_file) {
  const int bound =
      port > 0 ? (server.bind_to_port("127.0.0.1", port) ? port : -1) : server.bind_to_any_port("127.0.0.1");
  if (bound > 0 && !port_file.empty()) {
    std::ofstream(port_file + ".tmp") << bound << "\n";
    std::rename((port_file + ".tmp").c_str(), port_file.c_str());
  }
  return bound;
}

}  // namespace discipline::contract

#endif  // DISCIPLINE_TESTS_CONTRACT_LISTEN_H_
