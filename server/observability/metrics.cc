#include "observability/metrics.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <exception>

#include "prometheus/client_metric.h"
#include "prometheus/metric_type.h"

namespace frontdesk::observability {
namespace {

// From half a millisecond (a cached read) to ten seconds (beyond any sane deadline).
const prometheus::Histogram::BucketBoundaries kGrpcHandlingBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

// Waiting for a pooled connection should take microseconds; seconds mean pool exhaustion.
const prometheus::Histogram::BucketBoundaries kPoolWaitBuckets = {
    0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

constexpr DbErrorKind kDbErrorKinds[] = {DbErrorKind::kConnection, DbErrorKind::kDeadlock,
                                         DbErrorKind::kLockTimeout, DbErrorKind::kDuplicate,
                                         DbErrorKind::kOther};

constexpr std::string_view kUnknown = "unknown";

prometheus::Family<prometheus::Counter>& CounterFamily(prometheus::Registry& registry,
                                                       const std::string& name,
                                                       const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry);
}

prometheus::Family<prometheus::Gauge>& GaugeFamily(prometheus::Registry& registry,
                                                   const std::string& name,
                                                   const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(registry);
}

prometheus::Family<prometheus::Histogram>& HistogramFamily(prometheus::Registry& registry,
                                                           const std::string& name,
                                                           const std::string& help) {
  return prometheus::BuildHistogram().Name(name).Help(help).Register(registry);
}

// Reads a file of /proc whole; they are generated on read and report a size of 0.
std::optional<std::string> ReadProcFile(const char* path) {
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string content;
  char buffer[4096];
  ssize_t read_bytes = 0;
  while ((read_bytes = ::read(fd, buffer, sizeof(buffer))) > 0) {
    content.append(buffer, static_cast<std::size_t>(read_bytes));
  }
  ::close(fd);
  if (read_bytes < 0) return std::nullopt;
  return content;
}

double ParseDouble(std::string_view text) {
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// The fields of /proc/self/stat that follow the command name, starting with field 3 (state).
// The command name is skipped by its closing parenthesis because it may contain spaces.
std::optional<std::vector<std::string_view>> SplitProcStat(std::string_view stat) {
  const std::size_t comm_end = stat.rfind(')');
  if (comm_end == std::string_view::npos) return std::nullopt;
  stat.remove_prefix(comm_end + 1);
  std::vector<std::string_view> fields;
  while (!stat.empty()) {
    const std::size_t begin = stat.find_first_not_of(" \n");
    if (begin == std::string_view::npos) break;
    stat.remove_prefix(begin);
    const std::size_t end = std::min(stat.find_first_of(" \n"), stat.size());
    fields.push_back(stat.substr(0, end));
    stat.remove_prefix(end);
  }
  return fields;
}

double ReadBootTimeSeconds() {
  const std::optional<std::string> stat = ReadProcFile("/proc/stat");
  if (!stat.has_value()) return 0;
  const std::size_t pos = stat->find("\nbtime ");
  if (pos == std::string::npos) return 0;
  const std::size_t begin = pos + 7;
  return ParseDouble(std::string_view(*stat).substr(begin, stat->find('\n', begin) - begin));
}

// Counts /proc/self/fd entries, leaving out the descriptor used to list them.
std::optional<double> CountOpenFds() {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return std::nullopt;
  const std::string own_fd = std::to_string(::dirfd(dir));
  double count = 0;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != ".." && name != own_fd) ++count;
  }
  ::closedir(dir);
  return count;
}

prometheus::MetricFamily SingleValueFamily(std::string name, std::string help,
                                           prometheus::MetricType type, double value) {
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  return prometheus::MetricFamily{std::move(name), std::move(help), type, {metric}};
}

prometheus::MetricFamily Gauge(std::string name, std::string help, double value) {
  return SingleValueFamily(std::move(name), std::move(help), prometheus::MetricType::Gauge, value);
}

// prometheus-cpp registries hold only their own families; adding the process collector here
// means no caller can forget to serve it next to the registry.
class RegistryWithProcessMetrics : public prometheus::Registry {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override {
    std::vector<prometheus::MetricFamily> families = Registry::Collect();
    std::vector<prometheus::MetricFamily> process = process_collector_.Collect();
    families.insert(families.end(), std::make_move_iterator(process.begin()),
                    std::make_move_iterator(process.end()));
    return families;
  }

 private:
  ProcessCollector process_collector_;
};

}  // namespace

std::optional<std::pair<std::string_view, std::string_view>> SplitGrpcMethodPath(
    std::string_view path) {
  if (path.size() < 4 || path.front() != '/') return std::nullopt;
  path.remove_prefix(1);
  const std::size_t slash = path.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == path.size()) {
    return std::nullopt;
  }
  const std::string_view method = path.substr(slash + 1);
  if (method.find('/') != std::string_view::npos) return std::nullopt;
  return std::make_pair(path.substr(0, slash), method);
}

GrpcMethodMetrics::GrpcMethodMetrics(prometheus::Family<prometheus::Counter>& started,
                                     prometheus::Family<prometheus::Counter>& handled,
                                     prometheus::Family<prometheus::Histogram>& handling,
                                     std::string service, std::string method)
    : service_(std::move(service)),
      method_(std::move(method)),
      handled_family_(handled),
      started_(started.Add({{"grpc_service", service_}, {"grpc_method", method_}})),
      handling_(handling.Add({{"grpc_service", service_}, {"grpc_method", method_}},
                             kGrpcHandlingBuckets)) {}

void GrpcMethodMetrics::RecordStarted() { started_.Increment(); }

void GrpcMethodMetrics::RecordHandled(absl::StatusCode code, double seconds) {
  int index = static_cast<int>(code);
  if (index < 0 || index >= kNumCodes) index = static_cast<int>(absl::StatusCode::kUnknown);
  HandledCounter(index).Increment();
  handling_.Observe(seconds);
}

prometheus::Counter& GrpcMethodMetrics::HandledCounter(int code) {
  std::atomic<prometheus::Counter*>& slot = handled_[static_cast<std::size_t>(code)];
  prometheus::Counter* counter = slot.load(std::memory_order_acquire);
  if (counter != nullptr) return *counter;

  // Family::Add returns the existing series for equal labels, so a race here is harmless.
  counter = &handled_family_.Add(
      {{"grpc_service", service_},
       {"grpc_method", method_},
       {"grpc_code", absl::StatusCodeToString(static_cast<absl::StatusCode>(code))}});
  slot.store(counter, std::memory_order_release);
  return *counter;
}

std::string_view DbErrorKindName(DbErrorKind kind) {
  switch (kind) {
    case DbErrorKind::kConnection:
      return "connection";
    case DbErrorKind::kDeadlock:
      return "deadlock";
    case DbErrorKind::kLockTimeout:
      return "lock_timeout";
    case DbErrorKind::kDuplicate:
      return "duplicate";
    case DbErrorKind::kOther:
      return "other";
  }
  return "other";
}

DbErrorKind ParseDbErrorKind(std::string_view name) {
  for (const DbErrorKind kind : kDbErrorKinds) {
    if (DbErrorKindName(kind) == name) return kind;
  }
  return DbErrorKind::kOther;
}

ProcessCollector::ProcessCollector()
    : boot_time_seconds_(ReadBootTimeSeconds()),
      ticks_per_second_(static_cast<double>(::sysconf(_SC_CLK_TCK))),
      page_size_bytes_(static_cast<double>(::sysconf(_SC_PAGESIZE))) {}

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  const std::optional<std::string> stat_text = ReadProcFile("/proc/self/stat");
  if (!stat_text.has_value()) return {};
  const auto stat = SplitProcStat(*stat_text);
  // Indices count from field 3 of proc(5): utime 14, stime 15, num_threads 20, starttime 22,
  // vsize 23, rss 24.
  if (!stat.has_value() || stat->size() < 22) return {};
  const auto field = [&stat](std::size_t proc_field) {
    return ParseDouble((*stat)[proc_field - 3]);
  };

  std::vector<prometheus::MetricFamily> families;
  families.push_back(SingleValueFamily(
      "process_cpu_seconds_total", "User and system CPU time consumed by the process, in seconds.",
      prometheus::MetricType::Counter, (field(14) + field(15)) / ticks_per_second_));
  families.push_back(Gauge("process_resident_memory_bytes", "Resident set size in bytes.",
                           field(24) * page_size_bytes_));
  families.push_back(
      Gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", field(23)));
  families.push_back(Gauge("process_threads", "Number of threads in the process.", field(20)));
  if (boot_time_seconds_ > 0) {
    families.push_back(Gauge("process_start_time_seconds",
                             "Time the process started, in seconds since the Unix epoch.",
                             boot_time_seconds_ + field(22) / ticks_per_second_));
  }
  if (const std::optional<double> open_fds = CountOpenFds(); open_fds.has_value()) {
    families.push_back(Gauge("process_open_fds", "Number of open file descriptors.", *open_fds));
  }
  if (rlimit limit{}; ::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    families.push_back(Gauge("process_max_fds", "Limit on open file descriptors (soft limit).",
                             static_cast<double>(limit.rlim_cur)));
  }
  return families;
}

absl::StatusOr<std::unique_ptr<Metrics>> Metrics::Create(std::string_view version) {
  // prometheus-cpp reports invalid or conflicting families by throwing.
  try {
    return std::unique_ptr<Metrics>(
        new Metrics(version, std::make_shared<RegistryWithProcessMetrics>()));
  } catch (const std::exception& e) {
    return absl::InternalError(std::string("registering metrics: ") + e.what());
  }
}

Metrics::Metrics(std::string_view version, std::shared_ptr<prometheus::Registry> registry)
    : registry_(std::move(registry)),
      grpc_started_(CounterFamily(*registry_, "frontdesk_grpc_server_started_total",
                                  "RPCs the server started to handle.")),
      grpc_handled_(CounterFamily(*registry_, "frontdesk_grpc_server_handled_total",
                                  "RPCs the server finished, by status code.")),
      grpc_handling_seconds_(HistogramFamily(
          *registry_, "frontdesk_grpc_server_handling_seconds",
          "Time from the start of an RPC until the server sends its status, in seconds.")),
      db_pool_connections_(GaugeFamily(*registry_, "frontdesk_db_pool_connections",
                                       "Database connections in the pool, by state.")),
      db_pool_wait_family_(
          HistogramFamily(*registry_, "frontdesk_db_pool_wait_seconds",
                          "Time spent waiting to lease a pooled database connection.")),
      db_errors_family_(
          CounterFamily(*registry_, "frontdesk_db_errors_total", "Database errors, by kind.")),
      build_info_(GaugeFamily(*registry_, "frontdesk_build_info",
                              "Always 1; the version label identifies the running build.")),
      db_pool_in_use_(db_pool_connections_.Add({{"state", "in_use"}})),
      db_pool_idle_(db_pool_connections_.Add({{"state", "idle"}})),
      db_pool_wait_seconds_(db_pool_wait_family_.Add({}, kPoolWaitBuckets)),
      unknown_method_(grpc_started_, grpc_handled_, grpc_handling_seconds_, std::string(kUnknown),
                      std::string(kUnknown)) {
  build_info_.Add({{"version", std::string(version)}}).Set(1);
  for (const DbErrorKind kind : kDbErrorKinds) {
    db_errors_[static_cast<std::size_t>(kind)] =
        &db_errors_family_.Add({{"kind", std::string(DbErrorKindName(kind))}});
  }
}

absl::Status Metrics::RegisterGrpcMethod(std::string_view path) {
  const auto names = SplitGrpcMethodPath(path);
  if (!names.has_value()) {
    // Debian's Abseil has its own string_view, so StrCat cannot take a std::string_view.
    return absl::InvalidArgumentError("gRPC method path \"" + std::string(path) +
                                      "\" is not of the form /Service/Method");
  }
  absl::MutexLock lock(&grpc_methods_mutex_);
  if (grpc_methods_.find(path) != grpc_methods_.end()) return absl::OkStatus();
  grpc_methods_.emplace(
      std::string(path),
      std::make_unique<GrpcMethodMetrics>(grpc_started_, grpc_handled_, grpc_handling_seconds_,
                                          std::string(names->first), std::string(names->second)));
  return absl::OkStatus();
}

GrpcMethodMetrics& Metrics::ForGrpcMethod(std::string_view path) {
  absl::ReaderMutexLock lock(&grpc_methods_mutex_);
  const auto it = grpc_methods_.find(path);
  return it == grpc_methods_.end() ? unknown_method_ : *it->second;
}

prometheus::Counter& Metrics::db_errors(DbErrorKind kind) {
  return *db_errors_[static_cast<std::size_t>(kind)];
}

void PrometheusPoolObserver::OnLeaseAcquired(double wait_seconds) {
  metrics_.db_pool_wait_seconds().Observe(wait_seconds);
  absl::MutexLock lock(&mutex_);
  ++in_use_;
  PublishLocked();
}

void PrometheusPoolObserver::OnLeaseReleased() {
  absl::MutexLock lock(&mutex_);
  in_use_ = std::max(0, in_use_ - 1);
  PublishLocked();
}

void PrometheusPoolObserver::OnPoolSize(int size) {
  absl::MutexLock lock(&mutex_);
  size_ = std::max(0, size);
  PublishLocked();
}

void PrometheusPoolObserver::OnDatabaseError(std::string_view kind) {
  metrics_.db_errors(ParseDbErrorKind(kind)).Increment();
}

void PrometheusPoolObserver::PublishLocked() {
  // Both gauges derive from one locked state, so racing events cannot leave them inconsistent.
  metrics_.db_pool_in_use().Set(in_use_);
  metrics_.db_pool_idle().Set(std::max(0, size_ - in_use_));
}

}  // namespace frontdesk::observability
