#pragma once

#include <grpcpp/support/server_interceptor.h>

namespace frontdesk::transport {

// Turns gRPC's answer to a request that does not decode (INTERNAL with an empty message, sent
// before any handler runs) into INVALID_ARGUMENT with a field violation on `request`. The
// protobuf runtime rejects, for one, a string field holding invalid UTF-8 before the handler
// could name the field; the client is still at fault, not the server. Install it before other
// interceptors so that they see the corrected status.
class DecodeErrorInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace frontdesk::transport
