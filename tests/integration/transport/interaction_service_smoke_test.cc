#include <gtest/gtest.h>

#include "support/test_database.h"
#include "support/test_server.h"

namespace frontdesk::testing {
namespace {

namespace v1 = frontdesk::v1;

class InteractionServiceSmokeTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto database = TestDatabase::Create(GetParam());
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = *std::move(database);
    auto server = TestServer::Start(database_->url());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = server_->NewInteractionStub();
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<v1::InteractionService::Stub> stub_;
};

TEST_P(InteractionServiceSmokeTest, CreatesThenGetsAnInteraction) {
  v1::CreateInteractionRequest request;
  request.set_request_id("smoke-1");
  request.mutable_interaction()->set_channel(v1::CHANNEL_EMAIL);
  request.mutable_interaction()->set_subject("Printer on floor 3 is jammed");
  v1::CreateInteractionResponse created;
  grpc::ClientContext create_context;
  const grpc::Status create_status = stub_->CreateInteraction(&create_context, request, &created);
  ASSERT_TRUE(create_status.ok()) << create_status.error_message();
  EXPECT_EQ(created.interaction().state(), v1::INTERACTION_STATE_NEW);

  v1::GetInteractionRequest get;
  get.set_name(created.interaction().name());
  v1::Interaction fetched;
  grpc::ClientContext get_context;
  ASSERT_TRUE(stub_->GetInteraction(&get_context, get, &fetched).ok());
  EXPECT_EQ(fetched.subject(), "Printer on floor 3 is jammed");
  EXPECT_EQ(fetched.etag(), created.interaction().etag());
}

INSTANTIATE_TEST_SUITE_P(Stores, InteractionServiceSmokeTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace frontdesk::testing
