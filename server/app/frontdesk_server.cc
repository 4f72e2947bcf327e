#include "app/frontdesk_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/resource_quota.h>

#include "domain/text.h"
#include "observability/logging.h"
#include "storage/migrations.h"
#include "transport/decode_error_interceptor.h"

namespace frontdesk::app {

using domain::Append;
using domain::Cat;
namespace {

// Synchronous handlers block on the database, so each call holds a thread; the cap bounds
// memory under overload, and watch streams hold one thread each.
constexpr int kMaxGrpcThreads = 256;
constexpr auto kHealthCheckPeriod = std::chrono::seconds(2);
constexpr int kMaxReceiveMessageBytes = 64 << 20;
// How often each replica projects the change log and checks SLA clocks falling due; a breach
// is recorded within about this long after it happens.
constexpr auto kProjectionPeriod = std::chrono::milliseconds(500);

const std::vector<std::string>& ServiceNames() {
  static const std::vector<std::string> kNames = {"frontdesk.v1.InteractionService",
                                                  "frontdesk.v1.RoutingService",
                                                  "frontdesk.v1.MetricsService"};
  return kNames;
}

// Methods of services that gRPC provides, which have no descriptor in the generated pool.
constexpr const char* kBuiltInMethods[] = {
    "/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch",
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"};

absl::Status RegisterMethods(observability::Metrics& metrics) {
  for (const char* path : kBuiltInMethods) {
    if (auto s = metrics.RegisterGrpcMethod(path); !s.ok()) return s;
  }
  for (const std::string& name : ServiceNames()) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) return absl::InternalError(Cat("no descriptor for ", name));
    if (auto s = observability::RegisterGrpcServiceMethods(metrics, *service); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<storage::Database>> OpenDatabase(const Config& config,
                                                                storage::PoolObserver* observer) {
  auto url = storage::DatabaseUrl::Parse(config.database_url);
  if (!url.ok()) return url.status();
  if (!config.database_password.empty()) url->password = config.database_password;
  storage::DatabaseOptions options;
  options.pool_size = config.database_pool_size;
  return storage::Database::Open(*url, options, observer);
}

absl::StatusOr<std::unique_ptr<FrontdeskServer>> FrontdeskServer::Start(const Config& config) {
  std::unique_ptr<FrontdeskServer> server(new FrontdeskServer());
  auto metrics = observability::Metrics::Create(FRONTDESK_VERSION);
  if (!metrics.ok()) return metrics.status();
  server->metrics_ = *std::move(metrics);
  if (auto s = RegisterMethods(*server->metrics_); !s.ok()) return s;
  server->pool_observer_ =
      std::make_unique<observability::PrometheusPoolObserver>(*server->metrics_);

  auto database = OpenDatabase(config, server->pool_observer_.get());
  if (!database.ok()) return database.status();
  server->database_ = *std::move(database);
  if (config.migrate_on_start) {
    if (auto version = storage::ApplyMigrations(*server->database_); !version.ok()) {
      return version.status();
    }
  }
  if (auto s = storage::CheckSchemaIsCurrent(*server->database_); !s.ok()) return s;

  server->interactions_ = std::make_unique<storage::SqlInteractionRepository>(*server->database_);
  server->contacts_ = std::make_unique<storage::SqlContactRepository>(*server->database_);
  server->manager_ = std::make_unique<domain::InteractionManager>(
      *server->interactions_, *server->contacts_, server->clock_);
  server->imports_ =
      std::make_unique<storage::SqlImportRepository>(*server->database_, server->clock_);
  server->importer_ = std::make_unique<domain::Importer>(*server->imports_, server->clock_);
  server->interaction_service_ = std::make_unique<transport::InteractionServiceImpl>(
      *server->manager_, *server->importer_);
  server->StartMetricsService(config);

  if (!config.metrics_address.empty()) {
    auto endpoint = observability::MetricsEndpoint::Start(config.metrics_address,
                                                          server->metrics_->registry());
    if (!endpoint.ok()) return endpoint.status();
    server->metrics_endpoint_ = *std::move(endpoint);
  }
  if (auto s = server->StartGrpc(config); !s.ok()) return s;
  return server;
}

void FrontdeskServer::StartMetricsService(const Config& config) {
  sla_catalog_ = std::make_unique<storage::SqlSlaCatalogRepository>(*database_);
  kpi_settings_ = std::make_unique<storage::SqlKpiSettingsRepository>(*database_);
  downstream_totals_ = std::make_unique<storage::SqlDownstreamTotalsRepository>(*database_);
  policy_usage_ = std::make_unique<storage::SqlPolicyUsage>(*database_);
  metrics_catalog_ = std::make_unique<domain::MetricsCatalog>(
      *sla_catalog_, *kpi_settings_, *downstream_totals_, *policy_usage_, clock_);
  projection_ = std::make_unique<storage::SqlKpiProjectionRepository>(*database_);
  business_metrics_ = std::make_unique<observability::BusinessMetrics>(
      *metrics_->registry(),
      observability::LabelCatalog{{config.metrics_services.begin(), config.metrics_services.end()},
                                  {config.metrics_departments.begin(),
                                   config.metrics_departments.end()}});
  projector_ = std::make_unique<domain::kpi::KpiProjector>(
      *projection_, *interactions_, *sla_catalog_, clock_, business_metrics_.get());
  kpi_manager_ = std::make_unique<domain::kpi::KpiManager>(
      *projector_, *projection_, *interactions_, *sla_catalog_, *kpi_settings_,
      *downstream_totals_, clock_);
  metrics_service_ =
      std::make_unique<transport::MetricsServiceImpl>(*metrics_catalog_, *kpi_manager_);
  projection_worker_ = std::make_unique<ProjectionWorker>(*projector_, kProjectionPeriod);
  projection_worker_->Start();
}

absl::Status FrontdeskServer::StartGrpc(const Config& config) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  grpc::ResourceQuota quota("frontdesk");
  quota.SetMaxThreads(kMaxGrpcThreads);
  builder.SetResourceQuota(quota);
  // gRPC sets SO_REUSEPORT by default, which lets a second process bind the same port and take a
  // share of the calls; a port in use must be an error instead.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(config.listen_address, grpc::InsecureServerCredentials(), &grpc_port_);
  // Import batches of long historical records outgrow gRPC's default of 4 MiB.
  builder.SetMaxReceiveMessageSize(kMaxReceiveMessageBytes);
  builder.RegisterService(interaction_service_.get());
  builder.RegisterService(&routing_service_);
  builder.RegisterService(metrics_service_.get());
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(std::make_unique<transport::DecodeErrorInterceptorFactory>());
  creators.push_back(std::make_unique<observability::GrpcMetricsInterceptorFactory>(*metrics_));
  builder.experimental().SetInterceptorCreators(std::move(creators));
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || grpc_port_ == 0) {
    server_.reset();
    return absl::UnavailableError(Cat("cannot listen on ", config.listen_address,
                                               ": address in use or not available"));
  }
  health_monitor_ = std::make_unique<HealthMonitor>(*database_, *server_->GetHealthCheckService(),
                                                    ServiceNames(), kHealthCheckPeriod);
  health_monitor_->Start();
  return absl::OkStatus();
}

FrontdeskServer::~FrontdeskServer() {
  if (server_ != nullptr) Shutdown(std::chrono::seconds(0));
}

void FrontdeskServer::Shutdown(std::chrono::seconds grace) {
  if (health_monitor_ != nullptr) health_monitor_->Stop();
  if (projection_worker_ != nullptr) projection_worker_->Stop();
  if (server_ == nullptr) return;
  interaction_service_->BeginShutdown();
  server_->Shutdown(std::chrono::system_clock::now() + grace);
  server_->Wait();
  server_.reset();
}

void FrontdeskServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace frontdesk::app
