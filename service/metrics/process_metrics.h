#ifndef DISCIPLINE_SERVICE_METRICS_PROCESS_METRICS_H_
#define DISCIPLINE_SERVICE_METRICS_PROCESS_METRICS_H_

// The process's own figures under the names Prometheus' client libraries
// use (process_cpu_seconds_total, process_resident_memory_bytes,
// process_open_fds, process_start_time_seconds), read from Linux's /proc at
// scrape time.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "service/metrics/metrics.h"

namespace discipline::metrics {

struct ProcessStat {
  double cpu_seconds = 0;         // user + system
  double start_time_seconds = 0;  // since the boot
  double resident_bytes = 0;
};

// /proc/<pid>/stat's fields (proc(5)): utime and stime (14, 15) and
// starttime (22) in clock ticks, rss (24) in pages. None when the text does
// not have them.
std::optional<ProcessStat> ParseProcStat(absl::string_view stat, long ticks_per_second, long page_bytes);

// Adds the process families to `registry`.
void RegisterProcessMetrics(Registry& registry);

}  // namespace discipline::metrics

#endif  // DISCIPLINE_SERVICE_METRICS_PROCESS_METRICS_H_
