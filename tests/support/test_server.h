#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "app/frontdesk_server.h"
#include "frontdesk/v1/interaction_service.grpc.pb.h"

namespace frontdesk::testing {

// A Frontdesk server on 127.0.0.1 with a free port, on a given database, and a client channel
// to it: tests call the real service through the generated stub over a real socket.
class TestServer {
 public:
  static absl::StatusOr<std::unique_ptr<TestServer>> Start(const std::string& database_url);
  ~TestServer();

  int port() const { return server_->grpc_port(); }
  std::string target() const;

  // A new stub on a new channel, as a separate client would have.
  std::unique_ptr<frontdesk::v1::InteractionService::Stub> NewInteractionStub() const;

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  app::FrontdeskServer& server() { return *server_; }

 private:
  TestServer() = default;

  std::unique_ptr<app::FrontdeskServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace frontdesk::testing
