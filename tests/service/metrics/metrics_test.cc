// The exposition of GET /metrics against the Prometheus text format 0.0.4
// (prometheus.io/docs/instrumenting/exposition_formats): label values
// escaped, histogram buckets cumulative and closed by +Inf, _sum and
// _count; and the database's gauges cached for their ttl.

#include "service/metrics/metrics.h"

#include <cmath>
#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/metrics/operational_gauges.h"
#include "service/metrics/process_metrics.h"

namespace discipline::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsFormat, LabelValuesEscapeBackslashQuoteAndLineFeed) {
  // The format: label values escape \ as \\, " as \" and line feed as \n.
  EXPECT_EQ(EscapeLabelValue(R"(a\b"c)"
                             "\nd"),
            R"(a\\b\"c\nd)");
  EXPECT_EQ(EscapeLabelValue("KOTA-CONTOH"), "KOTA-CONTOH");
}

TEST(MetricsFormat, HelpEscapesBackslashAndLineFeedOnly) { EXPECT_EQ(EscapeHelp("a\\b\n\"c\""), "a\\\\b\\n\"c\""); }

TEST(MetricsFormat, ValuesAsGoParsesThem) {
  EXPECT_EQ(FormatValue(3), "3");
  EXPECT_EQ(FormatValue(0.25), "0.25");
  EXPECT_EQ(FormatValue(0.1), "0.1");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
}

TEST(MetricsFormat, CounterHasHelpTypeAndEscapedLabels) {
  Registry r;
  Counter& c = r.AddCounter("calls_total", "Calls.\nTwo lines", {"method", "code"});
  c.Add({"Get\"Case\"", "OK"});
  c.Add({"Get\"Case\"", "OK"}, 2);
  c.Add({"FileCase", "NOT_FOUND"});
  EXPECT_EQ(c.Value({"Get\"Case\"", "OK"}), 3);
  EXPECT_EQ(r.Render(),
            "# HELP calls_total Calls.\\nTwo lines\n"
            "# TYPE calls_total counter\n"
            "calls_total{method=\"FileCase\",code=\"NOT_FOUND\"} 1\n"
            "calls_total{method=\"Get\\\"Case\\\"\",code=\"OK\"} 3\n");
}

TEST(MetricsFormat, CounterNeverGoesDown) {
  Registry r;
  Counter& c = r.AddCounter("c_total", "c", {});
  c.Add({}, 2);
  c.Add({}, -1);
  EXPECT_EQ(c.Value({}), 2);
  EXPECT_THAT(r.Render(), HasSubstr("\nc_total 2\n"));
}

TEST(MetricsFormat, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Registry r;
  Histogram& h = r.AddHistogram("latency_seconds", "Latency", {"method"}, {0.25, 1});
  h.Observe({"GetCase"}, 0.125);
  h.Observe({"GetCase"}, 0.25);  // le is inclusive
  h.Observe({"GetCase"}, 0.5);
  h.Observe({"GetCase"}, 7);
  EXPECT_EQ(r.Render(),
            "# HELP latency_seconds Latency\n"
            "# TYPE latency_seconds histogram\n"
            "latency_seconds_bucket{method=\"GetCase\",le=\"0.25\"} 2\n"
            "latency_seconds_bucket{method=\"GetCase\",le=\"1\"} 3\n"
            "latency_seconds_bucket{method=\"GetCase\",le=\"+Inf\"} 4\n"
            "latency_seconds_sum{method=\"GetCase\"} 7.875\n"
            "latency_seconds_count{method=\"GetCase\"} 4\n");
}

TEST(MetricsFormat, GaugesAreComputedAtEachRenderInLabelOrder) {
  Registry r;
  int renders = 0;
  r.AddGauge("overdue_cases", "Overdue", {"agency"}, [&renders] {
    ++renders;
    return std::vector<GaugeSample>{{{"KOTA-B"}, 2}, {{"KOTA-A"}, static_cast<double>(renders)}};
  });
  r.AddGauge("empty", "Nothing yet", {}, [] { return std::vector<GaugeSample>{}; });
  EXPECT_EQ(r.Render(),
            "# HELP overdue_cases Overdue\n# TYPE overdue_cases gauge\n"
            "overdue_cases{agency=\"KOTA-A\"} 1\noverdue_cases{agency=\"KOTA-B\"} 2\n"
            "# HELP empty Nothing yet\n# TYPE empty gauge\n");
  EXPECT_THAT(r.Render(), HasSubstr("overdue_cases{agency=\"KOTA-A\"} 2\n"));
}

class FakeClock final : public ports::Clock {
 public:
  absl::Time Now() const override { return now; }
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
};

class FakeStats final : public ports::OperationalStats {
 public:
  absl::StatusOr<ports::OperationalSnapshot> Snapshot(absl::CivilDay today) override {
    ++reads;
    last_today = today;
    if (!up) return absl::UnavailableError("database down");
    ports::OperationalSnapshot s;
    s.outbox_pending = 3;
    s.outbox_oldest_age = absl::Seconds(90);
    s.agencies = {{"KOTA-CONTOH", 5, 2}};
    return s;
  }
  std::vector<ports::PoolUse> Pools() override { return {{"cases", 1, 4, 16}}; }
  int reads = 0;
  bool up = true;
  absl::CivilDay last_today;
};

TEST(OperationalGauges, ReadOncePerTtlAndShownPerAgency) {
  FakeClock clock;
  FakeStats stats;
  OperationalGauges gauges(
      stats, clock, [](absl::Time) { return absl::CivilDay(2026, 12, 7); }, absl::Seconds(15));
  Registry r;
  gauges.Register(r);
  const std::string first = r.Render();
  EXPECT_EQ(stats.reads, 1);  // one read for every gauge of the render
  EXPECT_EQ(stats.last_today, absl::CivilDay(2026, 12, 7));
  EXPECT_THAT(first, HasSubstr("discipline_operational_stats_up 1\n"));
  EXPECT_THAT(first, HasSubstr("discipline_siasn_outbox_pending 3\n"));
  EXPECT_THAT(first, HasSubstr("discipline_siasn_outbox_oldest_age_seconds 90\n"));
  EXPECT_THAT(first, HasSubstr("discipline_open_deadline_cases{agency=\"KOTA-CONTOH\"} 5\n"));
  EXPECT_THAT(first, HasSubstr("discipline_overdue_cases{agency=\"KOTA-CONTOH\"} 2\n"));
  EXPECT_THAT(first, HasSubstr("discipline_db_pool_connections_in_use{pool=\"cases\"} 1\n"));
  EXPECT_THAT(first, HasSubstr("discipline_db_pool_size{pool=\"cases\"} 16\n"));
  clock.now += absl::Seconds(14);
  r.Render();
  EXPECT_EQ(stats.reads, 1);
  clock.now += absl::Seconds(1);
  stats.up = false;
  const std::string down = r.Render();
  EXPECT_EQ(stats.reads, 2);
  // No stale figures while the database does not answer: up 0, no samples.
  EXPECT_THAT(down, HasSubstr("discipline_operational_stats_up 0\n"));
  EXPECT_THAT(down, Not(HasSubstr("discipline_siasn_outbox_pending 3")));
  EXPECT_THAT(down, Not(HasSubstr("discipline_overdue_cases{")));
  // The pools need no query.
  EXPECT_THAT(down, HasSubstr("discipline_db_pool_size{pool=\"cases\"} 16\n"));
}

// proc(5): utime (14), stime (15), starttime (22) in clock ticks, rss (24)
// in pages; the command in parentheses may hold spaces and ')'.
TEST(ProcessMetrics, ProcStatFieldsCountedFromTheCommandsEnd) {
  const std::string stat =
      "4242 (discipline ser)ver) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 50 0 0 20 0 17 0 123400 "
      "812345344 7680 18446744073709551615";
  auto s = ParseProcStat(stat, 100, 4096);
  ASSERT_TRUE(s.has_value());
  EXPECT_DOUBLE_EQ(s->cpu_seconds, 3.0);
  EXPECT_DOUBLE_EQ(s->start_time_seconds, 1234.0);
  EXPECT_DOUBLE_EQ(s->resident_bytes, 7680.0 * 4096);
  EXPECT_FALSE(ParseProcStat("4242 (x) S 1 2", 100, 4096).has_value());
}

TEST(ProcessMetrics, OwnProcessIsRendered) {
  Registry r;
  RegisterProcessMetrics(r);
  const std::string text = r.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total "));
  EXPECT_THAT(text, HasSubstr("# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes "));
  EXPECT_THAT(text, HasSubstr("\nprocess_open_fds "));
  EXPECT_THAT(text, HasSubstr("\nprocess_start_time_seconds "));
}

}  // namespace
}  // namespace discipline::metrics
