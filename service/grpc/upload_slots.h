#ifndef DISCIPLINE_SERVICE_GRPC_UPLOAD_SLOTS_H_
#define DISCIPLINE_SERVICE_GRPC_UPLOAD_SLOTS_H_

// The uploads each caller has in flight, bounded: one caller cannot hold
// every spool file and executor turn of the server with slow streams.

#include <map>
#include <string>

#include "absl/synchronization/mutex.h"

namespace discipline::grpc_api {

class UploadSlots {
 public:
  // Takes one of `caller`'s at most `max` slots; false when all are taken.
  bool Acquire(const std::string& caller, int max) {
    absl::MutexLock lock(&mu_);
    int& n = in_flight_[caller];
    if (n >= max) {
      if (n == 0) in_flight_.erase(caller);
      return false;
    }
    ++n;
    return true;
  }
  void Release(const std::string& caller) {
    absl::MutexLock lock(&mu_);
    auto it = in_flight_.find(caller);
    if (it != in_flight_.end() && --it->second <= 0) in_flight_.erase(it);
  }
  int InFlight(const std::string& caller) {
    absl::MutexLock lock(&mu_);
    auto it = in_flight_.find(caller);
    return it == in_flight_.end() ? 0 : it->second;
  }

 private:
  absl::Mutex mu_;
  std::map<std::string, int> in_flight_;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_UPLOAD_SLOTS_H_
