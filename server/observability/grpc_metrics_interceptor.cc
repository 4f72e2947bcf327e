#include "observability/grpc_metrics_interceptor.h"

#include <atomic>
#include <chrono>
#include <string>

#include "grpcpp/server_context.h"

namespace frontdesk::observability {
namespace {

using grpc::experimental::InterceptionHookPoints;

// Lives exactly as long as one RPC: gRPC creates it with the call and deletes it afterwards.
class GrpcMetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  GrpcMetricsInterceptor(GrpcMethodMetrics& metrics, grpc::ServerContextBase* context)
      : metrics_(metrics), context_(context), start_(std::chrono::steady_clock::now()) {
    metrics_.RecordStarted();
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    // Batches of a streaming call may run on different threads, hence the atomic flag.
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        !handled_.exchange(true)) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
      metrics_.RecordHandled(ObservedCode(methods->GetSendStatus()), elapsed.count());
    }
    methods->Proceed();
  }

 private:
  // The code the client sees. Once a call is cancelled the handler's status never reaches the
  // client, and handlers report that case inconsistently (gRPC's own health Watch says UNKNOWN).
  absl::StatusCode ObservedCode(const grpc::Status& status) const {
    if (context_ != nullptr && context_->IsCancelled()) {
      return context_->deadline() <= std::chrono::system_clock::now()
                 ? absl::StatusCode::kDeadlineExceeded
                 : absl::StatusCode::kCancelled;
    }
    // grpc::StatusCode and absl::StatusCode share the canonical numbering.
    return static_cast<absl::StatusCode>(status.error_code());
  }

  GrpcMethodMetrics& metrics_;
  grpc::ServerContextBase* const context_;
  const std::chrono::steady_clock::time_point start_;
  std::atomic<bool> handled_{false};
};

}  // namespace

grpc::experimental::Interceptor* GrpcMetricsInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  const char* method = info->method();
  return new GrpcMetricsInterceptor(metrics_.ForGrpcMethod(method == nullptr ? "" : method),
                                    info->server_context());
}

absl::Status RegisterGrpcServiceMethods(Metrics& metrics,
                                        const google::protobuf::ServiceDescriptor& service) {
  for (int i = 0; i < service.method_count(); ++i) {
    const std::string path = "/" + service.full_name() + "/" + service.method(i)->name();
    if (absl::Status status = metrics.RegisterGrpcMethod(path); !status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace frontdesk::observability
