#include "transport/decode_error_interceptor.h"

#include "domain/errors.h"
#include "transport/status_mapping.h"

namespace frontdesk::transport {
namespace {

using grpc::experimental::InterceptionHookPoints;

class DecodeErrorInterceptor final : public grpc::experimental::Interceptor {
 public:
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      // Handlers never send INTERNAL without a message, so this can only be a decode failure.
      if (status.error_code() == grpc::StatusCode::INTERNAL && status.error_message().empty()) {
        methods->ModifySendStatus(ToGrpcStatus(domain::InvalidField(
            "request", "is not a valid message of this method; string fields must hold valid "
                       "UTF-8")));
      }
    }
    methods->Proceed();
  }
};

}  // namespace

grpc::experimental::Interceptor* DecodeErrorInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* /*info*/) {
  return new DecodeErrorInterceptor();
}

}  // namespace frontdesk::transport
