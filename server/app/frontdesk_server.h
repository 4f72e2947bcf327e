#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>

#include "absl/status/statusor.h"
#include "app/config.h"
#include "app/health_monitor.h"
#include "domain/interaction_manager.h"
#include "frontdesk/v1/metrics_service.grpc.pb.h"
#include "frontdesk/v1/routing_service.grpc.pb.h"
#include "observability/grpc_metrics_interceptor.h"
#include "observability/metrics.h"
#include "observability/metrics_exposer.h"
#include "storage/contact_repository.h"
#include "storage/import_repository.h"
#include "storage/interaction_repository.h"
#include "transport/interaction_service.h"

namespace frontdesk::app {

// Opens the database pool with the configured size and the metrics observer.
absl::StatusOr<std::unique_ptr<storage::Database>> OpenDatabase(
    const Config& config, storage::PoolObserver* observer);

// A running Frontdesk server: database pool, gRPC services with health and reflection, and the
// /metrics endpoint. Stateless: any number may share one database.
class FrontdeskServer {
 public:
  // Starts serving. An empty metrics address serves no /metrics (tests that run many servers in
  // one process). Returns UNAVAILABLE when the database cannot be reached, FAILED_PRECONDITION on
  // an old schema, INVALID_ARGUMENT or UNAVAILABLE when an address cannot be bound.
  static absl::StatusOr<std::unique_ptr<FrontdeskServer>> Start(const Config& config);
  ~FrontdeskServer();

  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_endpoint_ ? metrics_endpoint_->port() : 0; }

  // Reports NOT_SERVING, stops accepting calls, and waits up to `grace` for calls in flight
  // before cancelling them.
  void Shutdown(std::chrono::seconds grace);

  // Blocks until the server has shut down.
  void Wait();

 private:
  FrontdeskServer() = default;
  absl::Status StartGrpc(const Config& config);

  std::unique_ptr<observability::Metrics> metrics_;
  std::unique_ptr<observability::PrometheusPoolObserver> pool_observer_;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<storage::SqlInteractionRepository> interactions_;
  std::unique_ptr<storage::SqlContactRepository> contacts_;
  domain::SystemClock clock_;
  std::unique_ptr<domain::InteractionManager> manager_;
  std::unique_ptr<storage::SqlImportRepository> imports_;
  std::unique_ptr<domain::Importer> importer_;
  std::unique_ptr<transport::InteractionServiceImpl> interaction_service_;
  frontdesk::v1::RoutingService::Service routing_service_;
  frontdesk::v1::MetricsService::Service metrics_service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<HealthMonitor> health_monitor_;
  std::unique_ptr<observability::MetricsEndpoint> metrics_endpoint_;
  int grpc_port_ = 0;
};

}  // namespace frontdesk::app
