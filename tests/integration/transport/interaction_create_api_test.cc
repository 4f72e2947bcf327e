// CreateInteraction through the API: idempotent retries, channel-key duplicates and validation.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::Contains;
using ::testing::IsSupersetOf;

class InteractionCreateApiTest : public ApiTest {
 protected:
  // Returns how many interactions the service lists in all.
  size_t CountInteractions() {
    std::vector<v1::Interaction> all;
    const grpc::Status status = ListAll("", "", 1000, &all);
    EXPECT_TRUE(status.ok()) << Describe(status);
    return all.size();
  }
};

v1::CreateInteractionRequest PrinterRequest(const std::string& request_id) {
  v1::CreateInteractionRequest request;
  request.set_request_id(request_id);
  *request.mutable_interaction() = NewInteraction(v1::CHANNEL_PHONE, "Printer on floor 3 jams");
  request.mutable_interaction()->set_channel_key("call-8841");
  return request;
}

TEST_P(InteractionCreateApiTest, MakesOneInteractionFromConcurrentIdenticalCreates) {
  constexpr int kClients = 20;
  std::vector<std::unique_ptr<Stub>> stubs;
  for (int i = 0; i < kClients; ++i) stubs.push_back(server_->NewInteractionStub());
  const v1::CreateInteractionRequest request = PrinterRequest("same-request");
  std::vector<grpc::Status> statuses(kClients);
  std::vector<v1::CreateInteractionResponse> responses(kClients);

  std::latch start(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      start.arrive_and_wait();
      statuses[i] = Call(*stubs[i], &Stub::CreateInteraction, request, &responses[i]);
    });
  }
  for (std::thread& client : clients) client.join();

  for (int i = 0; i < kClients; ++i) {
    SCOPED_TRACE(i);
    ASSERT_GRPC_OK(statuses[i]);
    EXPECT_EQ(responses[i].interaction().name(), responses[0].interaction().name());
    EXPECT_EQ(responses[i].interaction().etag(), responses[0].interaction().etag());
  }
  EXPECT_EQ(CountInteractions(), 1u);
}

TEST_P(InteractionCreateApiTest, RetriedCreateReturnsTheOriginalResponseAfterAChange) {
  const v1::CreateInteractionRequest request = PrinterRequest("create-once");
  v1::CreateInteractionResponse first;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::CreateInteraction, request, &first));
  v1::Interaction changed = first.interaction();
  changed.set_subject("Printer on floor 3 is on fire");
  v1::Interaction updated;
  ASSERT_GRPC_OK(Update(changed, {"subject"}, first.interaction().etag(), &updated));

  v1::CreateInteractionResponse retried;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::CreateInteraction, request, &retried));

  EXPECT_TRUE(MessageDifferencer::Equals(retried, first))
      << "first: " << first.DebugString() << "\nretried: " << retried.DebugString();
  EXPECT_EQ(CountInteractions(), 1u);
}

TEST_P(InteractionCreateApiTest, RejectsReusedRequestIdWithADifferentBody) {
  v1::CreateInteractionResponse first;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::CreateInteraction, PrinterRequest("reused-id"), &first));
  v1::CreateInteractionRequest different = PrinterRequest("reused-id");
  different.mutable_interaction()->set_subject("Laptop will not boot");

  v1::CreateInteractionResponse response;
  const grpc::Status status = Call(*stub_, &Stub::CreateInteraction, different, &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << Describe(status);
  EXPECT_EQ(ReasonOf(status), "REQUEST_ID_REUSED");
  EXPECT_EQ(CountInteractions(), 1u);
}

TEST_P(InteractionCreateApiTest, ReturnsTheFirstInteractionForADuplicateChannelKey) {
  v1::CreateInteractionResponse first;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::CreateInteraction, PrinterRequest("key-1"), &first));
  v1::CreateInteractionRequest again = PrinterRequest("key-2");
  again.mutable_interaction()->set_subject("Same call, logged by the IVR again");

  v1::CreateInteractionResponse second;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::CreateInteraction, again, &second));

  EXPECT_FALSE(first.duplicate());
  EXPECT_TRUE(second.duplicate());
  EXPECT_EQ(second.interaction().name(), first.interaction().name());
  EXPECT_EQ(second.interaction().subject(), "Printer on floor 3 jams");
  EXPECT_EQ(CountInteractions(), 1u);
}

TEST_P(InteractionCreateApiTest, CreatesANewInteractionForTheSameKeyOnAnotherChannel) {
  v1::CreateInteractionResponse phone;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::CreateInteraction, PrinterRequest("chan-1"), &phone));
  v1::CreateInteractionRequest chat = PrinterRequest("chan-2");
  chat.mutable_interaction()->set_channel(v1::CHANNEL_CHAT);

  v1::CreateInteractionResponse response;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::CreateInteraction, chat, &response));

  EXPECT_FALSE(response.duplicate());
  EXPECT_NE(response.interaction().name(), phone.interaction().name());
  EXPECT_EQ(response.interaction().channel(), v1::CHANNEL_CHAT);
  EXPECT_EQ(CountInteractions(), 2u);
}

// One invalid input and the field the error must name.
struct BadField {
  std::string label;
  std::function<void(v1::CreateInteractionRequest&)> spoil;
  std::string field;
};

std::vector<BadField> BadFields() {
  return {
      {"missing channel",
       [](auto& r) { r.mutable_interaction()->set_channel(v1::CHANNEL_UNSPECIFIED); },
       "interaction.channel"},
      {"subject of 257 characters",
       [](auto& r) { r.mutable_interaction()->set_subject(std::string(257, 's')); },
       "interaction.subject"},
      {"queue that is not a resource name",
       [](auto& r) { r.mutable_interaction()->set_queue("Service Desk L1"); }, "interaction.queue"},
      {"tier 7", [](auto& r) { r.mutable_interaction()->set_tier(7); }, "interaction.tier"},
      {"receive_time an hour ahead",
       [](auto& r) { *r.mutable_interaction()->mutable_receive_time() = SecondsAgo(-3600); },
       "interaction.receive_time"},
      {"missing request_id", [](auto& r) { r.clear_request_id(); }, "request_id"},
  };
}

TEST_P(InteractionCreateApiTest, NamesTheBadFieldAndWritesNothing) {
  for (const BadField& bad : BadFields()) {
    SCOPED_TRACE(bad.label);
    v1::CreateInteractionRequest request = PrinterRequest(NextRequestId());
    bad.spoil(request);

    v1::CreateInteractionResponse response;
    const grpc::Status status = Call(*stub_, &Stub::CreateInteraction, request, &response);

    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
    EXPECT_THAT(ViolatedFields(status), Contains(bad.field));
  }
  EXPECT_EQ(CountInteractions(), 0u);
}

TEST_P(InteractionCreateApiTest, NamesEveryBadFieldOfOneRequest) {
  v1::CreateInteractionRequest request = PrinterRequest("");
  std::vector<std::string> fields;
  for (const BadField& bad : BadFields()) {
    bad.spoil(request);
    fields.push_back(bad.field);
  }

  v1::CreateInteractionResponse response;
  const grpc::Status status = Call(*stub_, &Stub::CreateInteraction, request, &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
  EXPECT_THAT(ViolatedFields(status), IsSupersetOf(fields));
  EXPECT_EQ(CountInteractions(), 0u);
}

TEST_P(InteractionCreateApiTest, NamesADescriptionThatIsNotUtf8) {
  v1::CreateInteractionRequest request = PrinterRequest("bad-utf8");
  // 0xC3 starts a two-byte sequence; '(' cannot continue it.
  request.mutable_interaction()->set_description("Screen shows \xC3\x28 after update");

  v1::CreateInteractionResponse response;
  const grpc::Status status = Call(*stub_, &Stub::CreateInteraction, request, &response);

  // proto3 strings must be UTF-8: the server's protobuf runtime rejects the message before any
  // handler runs, so the violation names the request rather than the field.
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
  EXPECT_THAT(ViolatedFields(status), Contains("request"));
  EXPECT_EQ(CountInteractions(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Stores, InteractionCreateApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
