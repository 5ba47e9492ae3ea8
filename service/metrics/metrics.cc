#include "service/metrics/metrics.h"

#include <cmath>
#include <cstdio>

#include "absl/strings/str_cat.h"

namespace discipline::metrics {

struct Registry::Family {
  enum class Kind { kCounter, kGauge, kHistogram, kCollectedCounter };
  Kind kind;
  std::string name;
  std::string help;
  std::vector<std::string> label_names;
  std::unique_ptr<Counter> counter;
  std::unique_ptr<Histogram> histogram;
  std::function<std::vector<GaugeSample>()> collect;
};

Registry::Registry() = default;
Registry::~Registry() = default;

namespace {

// `{a="x",b="y"}` for the family's names and the series' values, with one
// more pair (the histogram's le) when `extra_name` is given.
std::string LabelSet(const std::vector<std::string>& names, const LabelValues& values,
                     absl::string_view extra_name = "", absl::string_view extra_value = "") {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    absl::StrAppend(&out, out.empty() ? "{" : ",", names[i], "=\"",
                    EscapeLabelValue(i < values.size() ? values[i] : ""), "\"");
  }
  if (!extra_name.empty()) {
    absl::StrAppend(&out, out.empty() ? "{" : ",", extra_name, "=\"", extra_value, "\"");
  }
  if (!out.empty()) out += "}";
  return out;
}

}  // namespace

void Counter::Add(const LabelValues& labels, double v) {
  if (!(v >= 0)) return;  // a counter only goes up
  std::lock_guard<std::mutex> lock(mu_);
  series_[labels] += v;
}

double Counter::Value(const LabelValues& labels) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = series_.find(labels);
  return it == series_.end() ? 0 : it->second;
}

void Histogram::Observe(const LabelValues& labels, double v) {
  std::lock_guard<std::mutex> lock(mu_);
  Series& s = series_[labels];
  if (s.buckets.empty()) s.buckets.assign(bounds_.size(), 0);
  for (size_t i = 0; i < bounds_.size(); ++i) {
    if (v <= bounds_[i]) {
      ++s.buckets[i];
      break;
    }
  }
  s.sum += v;
  ++s.count;
}

Counter& Registry::AddCounter(std::string name, std::string help, std::vector<std::string> label_names) {
  auto f = std::make_unique<Family>();
  f->kind = Family::Kind::kCounter;
  f->name = std::move(name);
  f->help = std::move(help);
  f->label_names = std::move(label_names);
  f->counter = std::make_unique<Counter>();
  Counter& c = *f->counter;
  families_.push_back(std::move(f));
  return c;
}

Histogram& Registry::AddHistogram(std::string name, std::string help, std::vector<std::string> label_names,
                                  std::vector<double> bounds) {
  auto f = std::make_unique<Family>();
  f->kind = Family::Kind::kHistogram;
  f->name = std::move(name);
  f->help = std::move(help);
  f->label_names = std::move(label_names);
  f->histogram = std::make_unique<Histogram>(std::move(bounds));
  Histogram& h = *f->histogram;
  families_.push_back(std::move(f));
  return h;
}

void Registry::AddGauge(std::string name, std::string help, std::vector<std::string> label_names,
                        std::function<std::vector<GaugeSample>()> collect) {
  auto f = std::make_unique<Family>();
  f->kind = Family::Kind::kGauge;
  f->name = std::move(name);
  f->help = std::move(help);
  f->label_names = std::move(label_names);
  f->collect = std::move(collect);
  families_.push_back(std::move(f));
}

void Registry::AddCollectedCounter(std::string name, std::string help, std::vector<std::string> label_names,
                                   std::function<std::vector<GaugeSample>()> collect) {
  AddGauge(std::move(name), std::move(help), std::move(label_names), std::move(collect));
  families_.back()->kind = Family::Kind::kCollectedCounter;
}

std::string Registry::Render() const {
  std::string out;
  for (const auto& f : families_) {
    const char* type = f->kind == Family::Kind::kHistogram ? "histogram"
                       : f->kind == Family::Kind::kGauge   ? "gauge"
                                                           : "counter";
    absl::StrAppend(&out, "# HELP ", f->name, " ", EscapeHelp(f->help), "\n# TYPE ", f->name, " ", type, "\n");
    switch (f->kind) {
      case Family::Kind::kCounter: {
        std::lock_guard<std::mutex> lock(f->counter->mu_);
        for (const auto& [labels, v] : f->counter->series_) {
          absl::StrAppend(&out, f->name, LabelSet(f->label_names, labels), " ", FormatValue(v), "\n");
        }
        break;
      }
      case Family::Kind::kGauge:
      case Family::Kind::kCollectedCounter: {
        std::vector<GaugeSample> samples = f->collect();
        std::map<LabelValues, double> sorted;
        for (GaugeSample& s : samples) sorted[std::move(s.labels)] = s.value;
        for (const auto& [labels, v] : sorted) {
          absl::StrAppend(&out, f->name, LabelSet(f->label_names, labels), " ", FormatValue(v), "\n");
        }
        break;
      }
      case Family::Kind::kHistogram: {
        const Histogram& h = *f->histogram;
        std::lock_guard<std::mutex> lock(h.mu_);
        for (const auto& [labels, s] : h.series_) {
          uint64_t cumulative = 0;
          for (size_t i = 0; i < h.bounds_.size(); ++i) {
            cumulative += s.buckets[i];
            absl::StrAppend(&out, f->name, "_bucket", LabelSet(f->label_names, labels, "le", FormatValue(h.bounds_[i])),
                            " ", cumulative, "\n");
          }
          absl::StrAppend(&out, f->name, "_bucket", LabelSet(f->label_names, labels, "le", "+Inf"), " ", s.count, "\n");
          absl::StrAppend(&out, f->name, "_sum", LabelSet(f->label_names, labels), " ", FormatValue(s.sum), "\n");
          absl::StrAppend(&out, f->name, "_count", LabelSet(f->label_names, labels), " ", s.count, "\n");
        }
        break;
      }
    }
  }
  return out;
}

std::string EscapeLabelValue(absl::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeHelp(absl::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return absl::StrCat(static_cast<int64_t>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  // The shortest form that reads back the same.
  for (int precision = 1; precision <= 17; ++precision) {
    char shorter[32];
    std::snprintf(shorter, sizeof shorter, "%.*g", precision, v);
    if (std::strtod(shorter, nullptr) == v) return shorter;
  }
  return buf;
}

}  // namespace discipline::metrics
