#include "observability/metrics.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace frontdesk::observability {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using Labels = std::map<std::string, std::string>;

constexpr char kGetInteraction[] = "/frontdesk.v1.InteractionService/GetInteraction";

std::unique_ptr<Metrics> NewMetrics() {
  absl::StatusOr<std::unique_ptr<Metrics>> metrics = Metrics::Create("1.2.3");
  EXPECT_TRUE(metrics.ok()) << metrics.status();
  return metrics.ok() ? *std::move(metrics) : nullptr;
}

bool HasLabels(const prometheus::ClientMetric& metric, const Labels& labels) {
  Labels actual;
  for (const auto& label : metric.label) actual[label.name] = label.value;
  return actual == labels;
}

// Returns the value of the series `name`{labels}: the value of a counter or gauge, the sample
// count of a histogram.
std::optional<double> SampleValue(const std::vector<prometheus::MetricFamily>& families,
                                  const std::string& name, const Labels& labels = {}) {
  for (const prometheus::MetricFamily& family : families) {
    if (family.name != name) continue;
    for (const prometheus::ClientMetric& metric : family.metric) {
      if (!HasLabels(metric, labels)) continue;
      switch (family.type) {
        case prometheus::MetricType::Counter:
          return metric.counter.value;
        case prometheus::MetricType::Gauge:
          return metric.gauge.value;
        case prometheus::MetricType::Histogram:
          return static_cast<double>(metric.histogram.sample_count);
        default:
          return std::nullopt;
      }
    }
  }
  return std::nullopt;
}

std::string Serialize(const Metrics& metrics) {
  return prometheus::TextSerializer().Serialize(metrics.registry()->Collect());
}

TEST(SplitGrpcMethodPathTest, SplitsWellFormedPathsOnly) {
  const auto names = SplitGrpcMethodPath(kGetInteraction);
  ASSERT_TRUE(names.has_value());
  EXPECT_EQ(names->first, "frontdesk.v1.InteractionService");
  EXPECT_EQ(names->second, "GetInteraction");

  for (const char* bad : {"", "/", "//", "/Service", "/Service/", "//Method", "Service/Method",
                          "/Service/Method/extra"}) {
    EXPECT_FALSE(SplitGrpcMethodPath(bad).has_value()) << bad;
  }
}

TEST(MetricsTest, SerializesEveryFamilyWithHelpAndType) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);
  ASSERT_TRUE(metrics->RegisterGrpcMethod(kGetInteraction).ok());
  // handled_total has no series, and so is not listed, until the first call finishes.
  metrics->ForGrpcMethod(kGetInteraction).RecordHandled(absl::StatusCode::kOk, 0.001);

  const std::string text = Serialize(*metrics);

  EXPECT_THAT(text, HasSubstr("# TYPE frontdesk_grpc_server_started_total counter"));
  EXPECT_THAT(text, HasSubstr("# TYPE frontdesk_grpc_server_handled_total counter"));
  EXPECT_THAT(text, HasSubstr("# TYPE frontdesk_grpc_server_handling_seconds histogram"));
  EXPECT_THAT(text, HasSubstr("# TYPE frontdesk_db_pool_connections gauge"));
  EXPECT_THAT(text, HasSubstr("# TYPE frontdesk_db_pool_wait_seconds histogram"));
  EXPECT_THAT(text, HasSubstr("# TYPE frontdesk_db_errors_total counter"));
  EXPECT_THAT(text, HasSubstr("frontdesk_build_info{version=\"1.2.3\"} 1"));
  EXPECT_THAT(text, HasSubstr("# TYPE process_cpu_seconds_total counter"));
  EXPECT_THAT(text, HasSubstr("# TYPE process_resident_memory_bytes gauge"));
  EXPECT_THAT(text, HasSubstr("# TYPE process_start_time_seconds gauge"));
}

TEST(MetricsTest, CountsRegisteredMethodsByServiceMethodAndCode) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);
  ASSERT_TRUE(metrics->RegisterGrpcMethod(kGetInteraction).ok());

  GrpcMethodMetrics& method = metrics->ForGrpcMethod(kGetInteraction);
  method.RecordStarted();
  method.RecordStarted();
  method.RecordHandled(absl::StatusCode::kOk, 0.002);
  method.RecordHandled(absl::StatusCode::kInvalidArgument, 0.0004);

  const auto families = metrics->registry()->Collect();
  const Labels names = {{"grpc_service", "frontdesk.v1.InteractionService"},
                        {"grpc_method", "GetInteraction"}};
  Labels ok = names;
  ok["grpc_code"] = "OK";
  Labels invalid = names;
  invalid["grpc_code"] = "INVALID_ARGUMENT";
  EXPECT_EQ(SampleValue(families, "frontdesk_grpc_server_started_total", names), 2);
  EXPECT_EQ(SampleValue(families, "frontdesk_grpc_server_handled_total", ok), 1);
  EXPECT_EQ(SampleValue(families, "frontdesk_grpc_server_handled_total", invalid), 1);
  EXPECT_EQ(SampleValue(families, "frontdesk_grpc_server_handling_seconds", names), 2);
}

TEST(MetricsTest, ListsOnlyStatusCodesThatOccurred) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);
  ASSERT_TRUE(metrics->RegisterGrpcMethod(kGetInteraction).ok());

  metrics->ForGrpcMethod(kGetInteraction).RecordHandled(absl::StatusCode::kNotFound, 0.001);

  const std::string text = Serialize(*metrics);
  EXPECT_THAT(text, HasSubstr("grpc_code=\"NOT_FOUND\""));
  EXPECT_THAT(text, Not(HasSubstr("grpc_code=\"OK\"")));
}

TEST(MetricsTest, HistogramSpansHalfMillisecondToTenSeconds) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);
  ASSERT_TRUE(metrics->RegisterGrpcMethod(kGetInteraction).ok());

  const std::string text = Serialize(*metrics);

  EXPECT_THAT(text, HasSubstr("frontdesk_grpc_server_handling_seconds_bucket{grpc_method="
                              "\"GetInteraction\",grpc_service=\"frontdesk.v1.InteractionService\""
                              ",le=\"0.0005\"} 0"));
  EXPECT_THAT(text, HasSubstr(",le=\"10\"} 0"));
}

TEST(MetricsTest, MapsUnregisteredPathsToUnknown) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);

  GrpcMethodMetrics& method = metrics->ForGrpcMethod("/evil.Service/Id12345");
  method.RecordStarted();
  method.RecordHandled(absl::StatusCode::kUnimplemented, 0.001);

  EXPECT_EQ(method.service(), "unknown");
  EXPECT_EQ(method.method(), "unknown");
  const std::string text = Serialize(*metrics);
  EXPECT_THAT(text, Not(HasSubstr("Id12345")));
  EXPECT_EQ(SampleValue(metrics->registry()->Collect(), "frontdesk_grpc_server_handled_total",
                        {{"grpc_service", "unknown"},
                         {"grpc_method", "unknown"},
                         {"grpc_code", "UNIMPLEMENTED"}}),
            1);
}

TEST(MetricsTest, CountsNonCanonicalCodesAsUnknown) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);

  metrics->ForGrpcMethod("/x.Y/Z").RecordHandled(static_cast<absl::StatusCode>(42), 0.001);

  EXPECT_EQ(
      SampleValue(
          metrics->registry()->Collect(), "frontdesk_grpc_server_handled_total",
          {{"grpc_service", "unknown"}, {"grpc_method", "unknown"}, {"grpc_code", "UNKNOWN"}}),
      1);
}

TEST(MetricsTest, RejectsMalformedMethodPath) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);

  EXPECT_EQ(metrics->RegisterGrpcMethod("GetInteraction").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(metrics->RegisterGrpcMethod(kGetInteraction).ok());
  EXPECT_TRUE(metrics->RegisterGrpcMethod(kGetInteraction).ok());
}

TEST(MetricsTest, StartsEveryDatabaseErrorKindAtZero) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);

  const auto families = metrics->registry()->Collect();
  for (const char* kind : {"connection", "deadlock", "lock_timeout", "duplicate", "other"}) {
    EXPECT_EQ(SampleValue(families, "frontdesk_db_errors_total", {{"kind", kind}}), 0) << kind;
  }
}

TEST(PrometheusPoolObserverTest, KeepsInUseAndIdleConsistent) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);
  PrometheusPoolObserver observer(*metrics);

  observer.OnPoolSize(4);
  observer.OnLeaseAcquired(0.0);
  observer.OnLeaseAcquired(0.002);
  observer.OnLeaseAcquired(0.5);
  observer.OnLeaseReleased();

  const auto families = metrics->registry()->Collect();
  EXPECT_EQ(SampleValue(families, "frontdesk_db_pool_connections", {{"state", "in_use"}}), 2);
  EXPECT_EQ(SampleValue(families, "frontdesk_db_pool_connections", {{"state", "idle"}}), 2);
  EXPECT_EQ(SampleValue(families, "frontdesk_db_pool_wait_seconds"), 3);
}

TEST(PrometheusPoolObserverTest, NeverReportsNegativeGauges) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);
  PrometheusPoolObserver observer(*metrics);

  observer.OnPoolSize(1);
  observer.OnLeaseAcquired(0.0);
  observer.OnLeaseAcquired(0.0);
  observer.OnLeaseReleased();
  observer.OnLeaseReleased();
  observer.OnLeaseReleased();

  const auto families = metrics->registry()->Collect();
  EXPECT_EQ(SampleValue(families, "frontdesk_db_pool_connections", {{"state", "in_use"}}), 0);
  EXPECT_EQ(SampleValue(families, "frontdesk_db_pool_connections", {{"state", "idle"}}), 1);
}

TEST(PrometheusPoolObserverTest, CountsErrorsByKnownKindOrOther) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);
  PrometheusPoolObserver observer(*metrics);

  observer.OnDatabaseError("deadlock");
  observer.OnDatabaseError("deadlock");
  observer.OnDatabaseError("Table 'secret' doesn't exist");

  const auto families = metrics->registry()->Collect();
  EXPECT_EQ(SampleValue(families, "frontdesk_db_errors_total", {{"kind", "deadlock"}}), 2);
  EXPECT_EQ(SampleValue(families, "frontdesk_db_errors_total", {{"kind", "other"}}), 1);
}

TEST(ProcessCollectorTest, ReportsPlausibleProcessValues) {
  const ProcessCollector collector;

  const auto families = collector.Collect();

  const double now_seconds =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::optional<double> start = SampleValue(families, "process_start_time_seconds");
  ASSERT_TRUE(start.has_value());
  // /proc/stat gives the boot time in whole seconds, hence the slack.
  EXPECT_LE(*start, now_seconds + 2);
  EXPECT_GT(*start, now_seconds - 3600);
  EXPECT_GT(SampleValue(families, "process_resident_memory_bytes").value_or(0), 0);
  EXPECT_GT(SampleValue(families, "process_virtual_memory_bytes").value_or(0), 0);
  EXPECT_GE(SampleValue(families, "process_cpu_seconds_total").value_or(-1), 0);
  EXPECT_GE(SampleValue(families, "process_threads").value_or(0), 1);
  const double open_fds = SampleValue(families, "process_open_fds").value_or(0);
  EXPECT_GE(open_fds, 1);
  EXPECT_GE(SampleValue(families, "process_max_fds").value_or(0), open_fds);
}

TEST(ProcessCollectorTest, CountsOpenFileDescriptorsExactly) {
  const ProcessCollector collector;
  const std::optional<double> before = SampleValue(collector.Collect(), "process_open_fds");
  ASSERT_TRUE(before.has_value());

  const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  const std::optional<double> after = SampleValue(collector.Collect(), "process_open_fds");
  ::close(fd);

  EXPECT_EQ(after, *before + 1);
}

TEST(DbErrorKindTest, RoundTripsNames) {
  for (const DbErrorKind kind :
       {DbErrorKind::kConnection, DbErrorKind::kDeadlock, DbErrorKind::kLockTimeout,
        DbErrorKind::kDuplicate, DbErrorKind::kOther}) {
    EXPECT_EQ(ParseDbErrorKind(DbErrorKindName(kind)), kind);
  }
  EXPECT_EQ(ParseDbErrorKind("DEADLOCK"), DbErrorKind::kOther);
}

}  // namespace
}  // namespace frontdesk::observability
