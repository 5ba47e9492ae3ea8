#include "service/metrics/process_metrics.h"

#include <dirent.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace discipline::metrics {
namespace {

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

// Seconds since the epoch of the boot (/proc/stat's btime).
double BootTime() {
  std::istringstream in(ReadFile("/proc/stat"));
  std::string line;
  while (std::getline(in, line)) {
    double t = 0;
    if (line.rfind("btime ", 0) == 0 && absl::SimpleAtod(line.substr(6), &t)) return t;
  }
  return 0;
}

int OpenFds() {
  DIR* d = opendir("/proc/self/fd");
  if (d == nullptr) return -1;
  int n = 0;
  while (const dirent* e = readdir(d)) n += e->d_name[0] != '.';
  closedir(d);
  return n - 1;  // the directory's own descriptor
}

}  // namespace

std::optional<ProcessStat> ParseProcStat(absl::string_view stat, long ticks_per_second, long page_bytes) {
  // The command (field 2) is in parentheses and may hold spaces: the fields
  // are counted from the last ')'.
  const size_t close = stat.rfind(')');
  if (close == absl::string_view::npos || ticks_per_second <= 0) return std::nullopt;
  std::vector<absl::string_view> f = absl::StrSplit(stat.substr(close + 1), ' ', absl::SkipEmpty());
  // f[0] is field 3 (state): field n is f[n - 3].
  if (f.size() < 22) return std::nullopt;
  double utime = 0, stime = 0, start = 0, rss = 0;
  if (!absl::SimpleAtod(f[11], &utime) || !absl::SimpleAtod(f[12], &stime) || !absl::SimpleAtod(f[19], &start) ||
      !absl::SimpleAtod(f[21], &rss)) {
    return std::nullopt;
  }
  return ProcessStat{(utime + stime) / ticks_per_second, start / ticks_per_second, rss * page_bytes};
}

void RegisterProcessMetrics(Registry& registry) {
  const long ticks = sysconf(_SC_CLK_TCK), page = sysconf(_SC_PAGESIZE);
  const double boot = BootTime();
  auto stat = [ticks, page] { return ParseProcStat(ReadFile("/proc/self/stat"), ticks, page); };
  registry.AddCollectedCounter("process_cpu_seconds_total", "User and system CPU time spent in seconds", {}, [stat] {
    auto s = stat();
    return s ? std::vector<GaugeSample>{{{}, s->cpu_seconds}} : std::vector<GaugeSample>{};
  });
  registry.AddGauge("process_resident_memory_bytes", "Resident memory size in bytes", {}, [stat] {
    auto s = stat();
    return s ? std::vector<GaugeSample>{{{}, s->resident_bytes}} : std::vector<GaugeSample>{};
  });
  registry.AddGauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds", {},
                    [stat, boot] {
                      auto s = stat();
                      return s && boot > 0 ? std::vector<GaugeSample>{{{}, boot + s->start_time_seconds}}
                                           : std::vector<GaugeSample>{};
                    });
  registry.AddGauge("process_open_fds", "Number of open file descriptors", {}, [] {
    const int n = OpenFds();
    return n >= 0 ? std::vector<GaugeSample>{{{}, static_cast<double>(n)}} : std::vector<GaugeSample>{};
  });
}

}  // namespace discipline::metrics
