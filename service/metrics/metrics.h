#ifndef DISCIPLINE_SERVICE_METRICS_METRICS_H_
#define DISCIPLINE_SERVICE_METRICS_METRICS_H_

// A small metrics registry rendered in the Prometheus text exposition format
// 0.0.4 (what GET /metrics answers). Debian 12 ships no Prometheus client
// library for C++, so this keeps to what the service needs: counters and
// histograms with labels, updated on the calls' path, and gauges computed
// by a callback at scrape time. Thread-safe; families are registered once at
// start-up and live as long as the registry.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace discipline::metrics {

// One label value per label name of the family, in the family's order.
using LabelValues = std::vector<std::string>;

class Counter {
 public:
  // Adds `v` (>= 0) to the series of `labels`.
  void Add(const LabelValues& labels, double v = 1);
  // The series' value (0 when it was never touched); for tests.
  double Value(const LabelValues& labels) const;

 private:
  friend class Registry;
  mutable std::mutex mu_;
  std::map<LabelValues, double> series_;
};

class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)) {}
  // Counts `v` in the first bucket whose upper bound is >= v (le), and in
  // _sum/_count.
  void Observe(const LabelValues& labels, double v);

 private:
  friend class Registry;
  struct Series {
    std::vector<uint64_t> buckets;  // non-cumulative counts; rendered cumulative
    double sum = 0;
    uint64_t count = 0;
  };
  const std::vector<double> bounds_;  // ascending, without +Inf
  mutable std::mutex mu_;
  std::map<LabelValues, Series> series_;
};

// One sample of a gauge computed at scrape time.
struct GaugeSample {
  LabelValues labels;
  double value = 0;
};

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // REQUIRES: `name` and the label names match [a-zA-Z_:][a-zA-Z0-9_:]*,
  // each family registered once, before the first Render.
  Counter& AddCounter(std::string name, std::string help, std::vector<std::string> label_names);
  // `bounds`: the buckets' upper bounds, ascending; +Inf is added.
  Histogram& AddHistogram(std::string name, std::string help, std::vector<std::string> label_names,
                          std::vector<double> bounds);
  // `collect` runs at every Render (keep it cheap or cached); a family
  // with no sample is rendered as its HELP and TYPE lines only.
  void AddGauge(std::string name, std::string help, std::vector<std::string> label_names,
                std::function<std::vector<GaugeSample>()> collect);

  // A counter kept elsewhere (e.g. the kernel's CPU time), read by
  // `collect` at every Render.
  void AddCollectedCounter(std::string name, std::string help, std::vector<std::string> label_names,
                           std::function<std::vector<GaugeSample>()> collect);

  // The whole exposition, families in registration order, series in label
  // order.
  std::string Render() const;

 private:
  struct Family;
  std::vector<std::unique_ptr<Family>> families_;
};

// Label value escaping of the text format: backslash, double quote and line
// feed as \\, \" and \n.
std::string EscapeLabelValue(absl::string_view v);
// HELP text escaping: backslash and line feed.
std::string EscapeHelp(absl::string_view v);
// A sample value: integers without exponent, +Inf, -Inf, NaN, else the
// shortest exact form.
std::string FormatValue(double v);

}  // namespace discipline::metrics

#endif  // DISCIPLINE_SERVICE_METRICS_METRICS_H_
