#include "support/test_server.h"

#include <atomic>

#include "domain/text.h"

namespace frontdesk::testing {

absl::StatusOr<std::unique_ptr<TestServer>> TestServer::Start(const std::string& database_url) {
  app::Config config;
  config.listen_address = "127.0.0.1:0";
  config.metrics_address = "";  // One /metrics endpoint per process is costly; tests skip it.
  config.database_url = database_url;
  config.database_pool_size = 8;
  auto server = app::FrontdeskServer::Start(config);
  if (!server.ok()) return server.status();
  std::unique_ptr<TestServer> test(new TestServer());
  test->server_ = *std::move(server);
  test->channel_ = grpc::CreateChannel(test->target(), grpc::InsecureChannelCredentials());
  return test;
}

TestServer::~TestServer() {
  channel_.reset();
  server_->Shutdown(std::chrono::seconds(1));
}

std::string TestServer::target() const { return domain::Cat("127.0.0.1:", port()); }

std::unique_ptr<frontdesk::v1::InteractionService::Stub> TestServer::NewInteractionStub() const {
  grpc::ChannelArguments arguments;
  // A distinct argument gives a distinct channel rather than a shared subchannel.
  static std::atomic<int> next_channel{0};
  arguments.SetInt("frontdesk.test.channel", next_channel++);
  return frontdesk::v1::InteractionService::NewStub(grpc::CreateCustomChannel(
      target(), grpc::InsecureChannelCredentials(), arguments));
}

}  // namespace frontdesk::testing
