#ifndef DISCIPLINE_SERVICE_PORTS_CLOCK_H_
#define DISCIPLINE_SERVICE_PORTS_CLOCK_H_

#include "absl/time/time.h"

namespace discipline::ports {

// The current time. The domain never reads the clock itself; use cases take
// it from here. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// The system clock.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

}  // namespace discipline::ports

#endif  // DISCIPLINE_SERVICE_PORTS_CLOCK_H_
