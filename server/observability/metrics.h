#pragma once

// Every technical metric family of the process is declared here, in the Metrics class; the
// business metrics of the desk are in business_metrics.h. To add one:
// declare a `prometheus::Family<T>&` member, build it in the constructor with the Counter(),
// Gauge() or Histogram() helpers of metrics.cc, and expose it through an accessor or a small
// recording method. Names start with `frontdesk_` and end in a base unit (`_seconds`, `_bytes`)
// or `_total`; label values come from fixed sets only, never from request data.

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/collectable.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/metric_family.h"
#include "prometheus/registry.h"
#include "storage/pool_observer.h"

namespace frontdesk::observability {

// Splits a gRPC path "/frontdesk.v1.InteractionService/GetInteraction" into its service and
// method names. Returns nullopt unless the path is "/" service "/" method with both non-empty.
std::optional<std::pair<std::string_view, std::string_view>> SplitGrpcMethodPath(
    std::string_view path);

// The series of one gRPC method. Obtained from Metrics::ForGrpcMethod(); thread-safe.
class GrpcMethodMetrics {
 public:
  GrpcMethodMetrics(prometheus::Family<prometheus::Counter>& started,
                    prometheus::Family<prometheus::Counter>& handled,
                    prometheus::Family<prometheus::Histogram>& handling, std::string service,
                    std::string method);
  GrpcMethodMetrics(const GrpcMethodMetrics&) = delete;
  GrpcMethodMetrics& operator=(const GrpcMethodMetrics&) = delete;

  // Counts a call that the server has started to handle.
  void RecordStarted();

  // Counts a finished call by its status code (non-canonical codes count as UNKNOWN) and
  // records how long it took.
  void RecordHandled(absl::StatusCode code, double seconds);

  const std::string& service() const { return service_; }
  const std::string& method() const { return method_; }

 private:
  static constexpr int kNumCodes = 17;  // OK (0) .. UNAUTHENTICATED (16).

  prometheus::Counter& HandledCounter(int code);

  std::string service_;
  std::string method_;
  prometheus::Family<prometheus::Counter>& handled_family_;
  prometheus::Counter& started_;
  prometheus::Histogram& handling_;
  // Created on first use so that /metrics lists only codes that occurred.
  std::array<std::atomic<prometheus::Counter*>, kNumCodes> handled_{};
};

// The fixed set of `kind` label values of frontdesk_db_errors_total.
enum class DbErrorKind { kConnection, kDeadlock, kLockTimeout, kDuplicate, kOther };

// Returns "connection", "deadlock", "lock_timeout", "duplicate" or "other".
std::string_view DbErrorKindName(DbErrorKind kind);

// Maps a kind name to its enumerator; unrecognised names map to kOther.
DbErrorKind ParseDbErrorKind(std::string_view name);

// Reports the standard process_* metrics, reading /proc/self on each Collect() (a few small
// reads). Reports nothing when /proc is unavailable.
class ProcessCollector : public prometheus::Collectable {
 public:
  ProcessCollector();

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  double boot_time_seconds_ = 0;  // From /proc/stat; 0 when unknown.
  double ticks_per_second_;
  double page_size_bytes_;
};

// The process's metric families, created once at start-up and shared by reference.
class Metrics {
 public:
  // Registers all families; `version` becomes the label of frontdesk_build_info. Returns
  // INTERNAL if prometheus-cpp rejects a family (a programming error in this file).
  static absl::StatusOr<std::unique_ptr<Metrics>> Create(std::string_view version);

  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The registry holding every frontdesk_* family. Its Collect() also reports the process_*
  // metrics of a ProcessCollector, so serving or serializing it yields everything.
  const std::shared_ptr<prometheus::Registry>& registry() const { return registry_; }

  // Makes `path` ("/package.Service/Method") a known label value pair. Call for each served
  // method before serving. Returns INVALID_ARGUMENT for a malformed path.
  absl::Status RegisterGrpcMethod(std::string_view path);

  // Returns the series of a registered method, or those labelled service="unknown",
  // method="unknown" for any other path. The reference lives as long as this object.
  GrpcMethodMetrics& ForGrpcMethod(std::string_view path);

  prometheus::Gauge& db_pool_in_use() { return db_pool_in_use_; }
  prometheus::Gauge& db_pool_idle() { return db_pool_idle_; }
  prometheus::Histogram& db_pool_wait_seconds() { return db_pool_wait_seconds_; }
  prometheus::Counter& db_errors(DbErrorKind kind);

 private:
  Metrics(std::string_view version, std::shared_ptr<prometheus::Registry> registry);

  std::shared_ptr<prometheus::Registry> registry_;

  prometheus::Family<prometheus::Counter>& grpc_started_;
  prometheus::Family<prometheus::Counter>& grpc_handled_;
  prometheus::Family<prometheus::Histogram>& grpc_handling_seconds_;
  prometheus::Family<prometheus::Gauge>& db_pool_connections_;
  prometheus::Family<prometheus::Histogram>& db_pool_wait_family_;
  prometheus::Family<prometheus::Counter>& db_errors_family_;
  prometheus::Family<prometheus::Gauge>& build_info_;

  prometheus::Gauge& db_pool_in_use_;
  prometheus::Gauge& db_pool_idle_;
  prometheus::Histogram& db_pool_wait_seconds_;
  std::array<prometheus::Counter*, 5> db_errors_{};

  GrpcMethodMetrics unknown_method_;
  absl::Mutex grpc_methods_mutex_;
  std::map<std::string, std::unique_ptr<GrpcMethodMetrics>, std::less<>> grpc_methods_
      ABSL_GUARDED_BY(grpc_methods_mutex_);
};

// Reports connection-pool events as frontdesk_db_pool_* and frontdesk_db_errors_total. The
// idle gauge is the last reported pool size minus the in_use gauge, never below zero, so the
// two always move together. Thread-safe; `metrics` must outlive the observer.
class PrometheusPoolObserver : public storage::PoolObserver {
 public:
  explicit PrometheusPoolObserver(Metrics& metrics) : metrics_(metrics) {}

  void OnLeaseAcquired(double wait_seconds) override;
  void OnLeaseReleased() override;
  void OnPoolSize(int size) override;
  void OnDatabaseError(std::string_view kind) override;

 private:
  void PublishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  Metrics& metrics_;
  absl::Mutex mutex_;
  int in_use_ ABSL_GUARDED_BY(mutex_) = 0;
  int size_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace frontdesk::observability
