#include "observability/grpc_metrics_interceptor.h"

#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "observability/metrics.h"

namespace frontdesk::observability {
namespace {

using Labels = std::map<std::string, std::string>;

constexpr char kCheck[] = "/grpc.health.v1.Health/Check";
constexpr char kWatch[] = "/grpc.health.v1.Health/Watch";
constexpr auto kTimeout = std::chrono::seconds(5);

std::optional<double> SampleValue(const Metrics& metrics, const std::string& name,
                                  const Labels& labels) {
  for (const prometheus::MetricFamily& family : metrics.registry()->Collect()) {
    if (family.name != name) continue;
    for (const prometheus::ClientMetric& metric : family.metric) {
      Labels actual;
      for (const auto& label : metric.label) actual[label.name] = label.value;
      if (actual != labels) continue;
      if (family.type == prometheus::MetricType::Histogram) {
        return static_cast<double>(metric.histogram.sample_count);
      }
      return metric.counter.value;
    }
  }
  return std::nullopt;
}

Labels MethodLabels(const std::string& service, const std::string& method) {
  return {{"grpc_service", service}, {"grpc_method", method}};
}

Labels HandledLabels(const std::string& service, const std::string& method,
                     const std::string& code) {
  Labels labels = MethodLabels(service, method);
  labels["grpc_code"] = code;
  return labels;
}

// A HealthCheckRequest serialized by hand: field 1 (service) as a length-delimited string.
grpc::ByteBuffer HealthCheckRequest(const std::string& service) {
  std::string bytes;
  if (!service.empty()) {
    bytes = std::string("\x0a", 1) + static_cast<char>(service.size()) + service;
  }
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// A real server on 127.0.0.1:<free port> serving the standard health service, with the
// metrics interceptor installed. Every other method is answered UNIMPLEMENTED by the default
// generic service; the builder refuses to start a server with no service of its own, and the
// health service is only added once the server starts.
class HealthServer {
 public:
  explicit HealthServer(Metrics& metrics) {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterCallbackGenericService(&other_methods_);
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
    creators.push_back(std::make_unique<GrpcMetricsInterceptorFactory>(metrics));
    builder.experimental().SetInterceptorCreators(std::move(creators));
    server_ = builder.BuildAndStart();
  }
  ~HealthServer() {
    if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now() + kTimeout);
  }

  bool started() const { return server_ != nullptr && port_ > 0; }

  std::shared_ptr<grpc::Channel> NewChannel() const {
    return grpc::CreateChannel("127.0.0.1:" + std::to_string(port_),
                               grpc::InsecureChannelCredentials());
  }

 private:
  int port_ = 0;
  grpc::CallbackGenericService other_methods_;
  std::unique_ptr<grpc::Server> server_;
};

grpc::Status CallUnary(grpc::Channel& channel, const std::string& path,
                       const grpc::ByteBuffer& request) {
  grpc::GenericStub stub(channel.shared_from_this());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kTimeout);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, path, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  return done.get_future().get();
}

grpc::Status CallCheck(grpc::Channel& channel, const std::string& service) {
  return CallUnary(channel, kCheck, HealthCheckRequest(service));
}

std::unique_ptr<Metrics> NewMetrics() {
  absl::StatusOr<std::unique_ptr<Metrics>> metrics = Metrics::Create("test");
  EXPECT_TRUE(metrics.ok()) << metrics.status();
  return metrics.ok() ? *std::move(metrics) : nullptr;
}

std::unique_ptr<Metrics> NewMetricsWithHealthMethods() {
  std::unique_ptr<Metrics> metrics = NewMetrics();
  if (metrics == nullptr) return nullptr;
  EXPECT_TRUE(metrics->RegisterGrpcMethod(kCheck).ok());
  EXPECT_TRUE(metrics->RegisterGrpcMethod(kWatch).ok());
  return metrics;
}

// Waits until `cq` delivers `tag`; false on timeout or failure.
bool AwaitTag(grpc::CompletionQueue& cq, void* tag) {
  void* got = nullptr;
  bool ok = false;
  const auto status = cq.AsyncNext(&got, &ok, std::chrono::system_clock::now() + kTimeout);
  return status == grpc::CompletionQueue::GOT_EVENT && got == tag && ok;
}

TEST(RegisterGrpcServiceMethodsTest, RegistersEveryMethodOfDescriptor) {
  google::protobuf::FileDescriptorProto file;
  file.set_name("frontdesk/v1/test_service.proto");
  file.set_package("frontdesk.v1");
  file.add_message_type()->set_name("Empty");
  google::protobuf::ServiceDescriptorProto* service = file.add_service();
  service->set_name("InteractionService");
  for (const char* name : {"GetInteraction", "ListInteractions"}) {
    google::protobuf::MethodDescriptorProto* method = service->add_method();
    method->set_name(name);
    method->set_input_type(".frontdesk.v1.Empty");
    method->set_output_type(".frontdesk.v1.Empty");
  }
  google::protobuf::DescriptorPool pool;
  const google::protobuf::FileDescriptor* descriptor = pool.BuildFile(file);
  ASSERT_NE(descriptor, nullptr);
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);

  ASSERT_TRUE(RegisterGrpcServiceMethods(*metrics, *descriptor->service(0)).ok());

  EXPECT_EQ(metrics->ForGrpcMethod("/frontdesk.v1.InteractionService/GetInteraction").method(),
            "GetInteraction");
  EXPECT_EQ(metrics->ForGrpcMethod("/frontdesk.v1.InteractionService/ListInteractions").service(),
            "frontdesk.v1.InteractionService");
  EXPECT_EQ(metrics->ForGrpcMethod("/frontdesk.v1.InteractionService/Other").method(), "unknown");
}

TEST(GrpcMetricsInterceptorTest, CountsUnaryCallByCode) {
  const std::unique_ptr<Metrics> metrics = NewMetricsWithHealthMethods();
  ASSERT_NE(metrics, nullptr);
  HealthServer server(*metrics);
  ASSERT_TRUE(server.started());

  const grpc::Status status = CallCheck(*server.NewChannel(), "");

  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(SampleValue(*metrics, "frontdesk_grpc_server_started_total",
                        MethodLabels("grpc.health.v1.Health", "Check")),
            1);
  EXPECT_EQ(SampleValue(*metrics, "frontdesk_grpc_server_handled_total",
                        HandledLabels("grpc.health.v1.Health", "Check", "OK")),
            1);
  EXPECT_EQ(SampleValue(*metrics, "frontdesk_grpc_server_handling_seconds",
                        MethodLabels("grpc.health.v1.Health", "Check")),
            1);
}

TEST(GrpcMetricsInterceptorTest, RecordsErrorCodesByCanonicalName) {
  const std::unique_ptr<Metrics> metrics = NewMetricsWithHealthMethods();
  ASSERT_NE(metrics, nullptr);
  HealthServer server(*metrics);
  ASSERT_TRUE(server.started());

  const grpc::Status status = CallCheck(*server.NewChannel(), "no.such.Service");

  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(SampleValue(*metrics, "frontdesk_grpc_server_handled_total",
                        HandledLabels("grpc.health.v1.Health", "Check", "NOT_FOUND")),
            1);
}

TEST(GrpcMetricsInterceptorTest, CountsUnregisteredMethodsAsUnknown) {
  const std::unique_ptr<Metrics> metrics = NewMetrics();
  ASSERT_NE(metrics, nullptr);
  HealthServer server(*metrics);
  ASSERT_TRUE(server.started());

  ASSERT_TRUE(CallCheck(*server.NewChannel(), "").ok());

  EXPECT_EQ(SampleValue(*metrics, "frontdesk_grpc_server_handled_total",
                        HandledLabels("unknown", "unknown", "OK")),
            1);
  EXPECT_EQ(SampleValue(*metrics, "frontdesk_grpc_server_started_total",
                        MethodLabels("grpc.health.v1.Health", "Check")),
            std::nullopt);
}

TEST(GrpcMetricsInterceptorTest, KeepsArbitraryPathsOutOfLabels) {
  const std::unique_ptr<Metrics> metrics = NewMetricsWithHealthMethods();
  ASSERT_NE(metrics, nullptr);
  HealthServer server(*metrics);
  ASSERT_TRUE(server.started());

  const grpc::Status status =
      CallUnary(*server.NewChannel(), "/attacker.Service/Id12345", HealthCheckRequest(""));

  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(SampleValue(*metrics, "frontdesk_grpc_server_handled_total",
                        HandledLabels("unknown", "unknown", "UNIMPLEMENTED")),
            1);
}

// Opens Watch, reads the first update and then ends the call: by cancelling it, or, when the
// context carries a deadline, by waiting for that to pass. Returns the status the client saw.
grpc::Status WatchOnce(grpc::Channel& channel, grpc::ClientContext& context, bool cancel) {
  grpc::GenericStub stub(channel.shared_from_this());
  grpc::CompletionQueue cq;
  int start = 0, write = 0, read = 0, finish = 0;
  grpc::ByteBuffer response;
  grpc::Status status(grpc::StatusCode::INTERNAL, "Watch did not finish");

  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, kWatch, &cq);
  call->StartCall(&start);
  if (AwaitTag(cq, &start)) {
    call->WriteLast(HealthCheckRequest(""), grpc::WriteOptions(), &write);
    if (AwaitTag(cq, &write)) {
      call->Read(&response, &read);
      if (AwaitTag(cq, &read)) {
        if (cancel) context.TryCancel();
        call->Finish(&status, &finish);
        AwaitTag(cq, &finish);
      }
    }
  }

  cq.Shutdown();
  void* ignored_tag = nullptr;
  bool ignored_ok = false;
  while (cq.Next(&ignored_tag, &ignored_ok)) {
  }
  return status;
}

// The server records the end of a stream asynchronously to the client; polls for a bounded time.
std::optional<double> AwaitHandled(const Metrics& metrics, const Labels& labels) {
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  std::optional<double> value;
  while ((value = SampleValue(metrics, "frontdesk_grpc_server_handled_total", labels)) != 1 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return value;
}

TEST(GrpcMetricsInterceptorTest, CountsCancelledServerStreamingCall) {
  const std::unique_ptr<Metrics> metrics = NewMetricsWithHealthMethods();
  ASSERT_NE(metrics, nullptr);
  HealthServer server(*metrics);
  ASSERT_TRUE(server.started());
  grpc::ClientContext context;

  const grpc::Status status = WatchOnce(*server.NewChannel(), context, /*cancel=*/true);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_EQ(SampleValue(*metrics, "frontdesk_grpc_server_started_total",
                        MethodLabels("grpc.health.v1.Health", "Watch")),
            1);
  // gRPC's health service finishes a cancelled Watch with UNKNOWN; the client saw CANCELLED.
  EXPECT_EQ(AwaitHandled(*metrics, HandledLabels("grpc.health.v1.Health", "Watch", "CANCELLED")),
            1);
}

TEST(GrpcMetricsInterceptorTest, CountsExpiredServerStreamingCallOnce) {
  const std::unique_ptr<Metrics> metrics = NewMetricsWithHealthMethods();
  ASSERT_NE(metrics, nullptr);
  HealthServer server(*metrics);
  ASSERT_TRUE(server.started());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(300));

  const grpc::Status status = WatchOnce(*server.NewChannel(), context, /*cancel=*/false);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  // The client's timer may fire first and cancel the call before the server's own deadline
  // passes (gRPC rounds the timeout it sends upwards); the server then sees a plain cancel.
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  double expired = 0;
  double cancelled = 0;
  while (expired + cancelled == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    expired = SampleValue(*metrics, "frontdesk_grpc_server_handled_total",
                          HandledLabels("grpc.health.v1.Health", "Watch", "DEADLINE_EXCEEDED"))
                  .value_or(0);
    cancelled = SampleValue(*metrics, "frontdesk_grpc_server_handled_total",
                            HandledLabels("grpc.health.v1.Health", "Watch", "CANCELLED"))
                    .value_or(0);
  }
  EXPECT_EQ(expired + cancelled, 1);
  EXPECT_EQ(SampleValue(*metrics, "frontdesk_grpc_server_handled_total",
                        HandledLabels("grpc.health.v1.Health", "Watch", "UNKNOWN")),
            std::nullopt);
}

}  // namespace
}  // namespace frontdesk::observability
