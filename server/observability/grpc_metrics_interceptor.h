#pragma once

#include "absl/status/status.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/support/server_interceptor.h"
#include "observability/metrics.h"

namespace frontdesk::observability {

// Creates, for every RPC the server handles, an interceptor that records
// frontdesk_grpc_server_started_total when the call starts, then
// frontdesk_grpc_server_handled_total (by status code) and frontdesk_grpc_server_handling_seconds
// when the server sends the status. Works for unary and streaming methods of the sync, callback and
// async APIs. The code recorded is the one the client sees: the handler's status, except that a
// call cancelled before the status is sent counts as CANCELLED, or as DEADLINE_EXCEEDED when the
// server's copy of the deadline has passed (a client whose own timer fires first cancels, which
// counts as CANCELLED). Calls that never reach a handler (an unknown method answered UNIMPLEMENTED
// by gRPC itself) are not seen. Methods not registered with Metrics::RegisterGrpcMethod() count as
// service="unknown", method="unknown".
//
// Install with ServerBuilder::experimental().SetInterceptorCreators(); `metrics` must outlive
// the server.
class GrpcMetricsInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit GrpcMetricsInterceptorFactory(Metrics& metrics) : metrics_(metrics) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  Metrics& metrics_;
};

// Registers every method of `service` (for instance one found in a generated file's
// descriptor) with Metrics::RegisterGrpcMethod(). Returns the first error it reports.
absl::Status RegisterGrpcServiceMethods(Metrics& metrics,
                                        const google::protobuf::ServiceDescriptor& service);

}  // namespace frontdesk::observability
