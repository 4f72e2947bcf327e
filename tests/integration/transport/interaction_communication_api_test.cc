// The conversation through the API: what counts as the first response, how the conversation
// moves the lifecycle, and listing it a page at a time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::testing::ElementsAreArray;

class InteractionCommunicationApiTest : public ApiTest {
 protected:
  // Logs a communication with all its fields given.
  grpc::Status LogAt(const std::string& name, v1::AuthorKind author_kind,
                     v1::CommunicationDirection direction,
                     const google::protobuf::Timestamp& occur_time,
                     v1::LogCommunicationResponse* response) {
    v1::LogCommunicationRequest request;
    request.set_name(name);
    request.mutable_communication()->set_author_kind(author_kind);
    request.mutable_communication()->set_direction(direction);
    request.mutable_communication()->set_body("Call summary");
    *request.mutable_communication()->mutable_occur_time() = occur_time;
    request.set_request_id(NextRequestId());
    return Call(*stub_, &Stub::LogCommunication, request, response);
  }

  // Reads the whole conversation with `page_size`, returning the names in order.
  grpc::Status ListNames(const std::string& name, int page_size, std::vector<std::string>* names,
                         int* pages) {
    v1::ListCommunicationsRequest request;
    request.set_parent(name);
    request.set_page_size(page_size);
    for (*pages = 1; *pages <= 100; ++*pages) {
      v1::ListCommunicationsResponse response;
      const grpc::Status status = Call(*stub_, &Stub::ListCommunications, request, &response);
      if (!status.ok()) return status;
      for (const auto& communication : response.communications()) {
        names->push_back(communication.name());
      }
      if (response.next_page_token().empty()) return grpc::Status::OK;
      request.set_page_token(response.next_page_token());
    }
    return grpc::Status(grpc::StatusCode::INTERNAL, "more than 100 pages");
  }
};

TEST_P(InteractionCommunicationApiTest, FirstResponseIsTheFirstAgentReplyNotAnAcknowledgement) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_EMAIL, "Cannot open payslip"), &created));
  v1::LogCommunicationResponse logged;
  ASSERT_GRPC_OK(Log(created.name(), v1::AUTHOR_KIND_SYSTEM, v1::COMMUNICATION_DIRECTION_OUTBOUND,
                     "We received your message", &logged));
  EXPECT_FALSE(logged.interaction().has_first_response_time());
  EXPECT_EQ(logged.interaction().state(), v1::INTERACTION_STATE_NEW);
  ASSERT_GRPC_OK(Log(created.name(), v1::AUTHOR_KIND_END_USER, v1::COMMUNICATION_DIRECTION_INBOUND,
                     "Any news?", &logged));
  ASSERT_GRPC_OK(Log(created.name(), v1::AUTHOR_KIND_AGENT, v1::COMMUNICATION_DIRECTION_INTERNAL,
                     "Probably the PDF viewer", &logged));
  EXPECT_FALSE(logged.interaction().has_first_response_time());

  v1::LogCommunicationResponse reply;
  ASSERT_GRPC_OK(Log(created.name(), v1::AUTHOR_KIND_AGENT, v1::COMMUNICATION_DIRECTION_OUTBOUND,
                     "Please try another viewer", &reply));
  v1::LogCommunicationResponse second_reply;
  ASSERT_GRPC_OK(Log(created.name(), v1::AUTHOR_KIND_AGENT, v1::COMMUNICATION_DIRECTION_OUTBOUND,
                     "Did that help?", &second_reply));

  ASSERT_TRUE(reply.interaction().has_first_response_time());
  EXPECT_EQ(Micros(reply.interaction().first_response_time()),
            Micros(reply.communication().occur_time()));
  EXPECT_EQ(reply.interaction().state(), v1::INTERACTION_STATE_IN_PROGRESS);
  EXPECT_EQ(Micros(second_reply.interaction().first_response_time()),
            Micros(reply.communication().occur_time()));
  EXPECT_EQ(second_reply.interaction().communication_count(), 5);
}

TEST_P(InteractionCommunicationApiTest, RetriedLogReturnsTheSameCommunication) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_EMAIL, "Cannot open payslip"), &created));
  v1::LogCommunicationRequest request;
  request.set_name(created.name());
  request.mutable_communication()->set_author_kind(v1::AUTHOR_KIND_END_USER);
  request.mutable_communication()->set_direction(v1::COMMUNICATION_DIRECTION_INBOUND);
  request.mutable_communication()->set_body("It says the file is damaged");
  request.set_request_id("log-once");
  v1::LogCommunicationResponse first;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::LogCommunication, request, &first));

  v1::LogCommunicationResponse retried;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::LogCommunication, request, &retried));

  EXPECT_EQ(retried.communication().name(), first.communication().name());
  EXPECT_EQ(retried.interaction().etag(), first.interaction().etag());
  EXPECT_EQ(retried.interaction().communication_count(), 1);
  v1::ListCommunicationsRequest list;
  list.set_parent(created.name());
  v1::ListCommunicationsResponse conversation;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::ListCommunications, list, &conversation));
  EXPECT_EQ(conversation.communications_size(), 1);
}

TEST_P(InteractionCommunicationApiTest, ListsTheConversationOldestFirstAPageAtATime) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_CHAT, "Teams keeps crashing"), &created));
  std::vector<std::string> logged;
  for (int i = 0; i < 5; ++i) {
    v1::LogCommunicationResponse response;
    ASSERT_GRPC_OK(
        Log(created.name(), i % 2 == 0 ? v1::AUTHOR_KIND_END_USER : v1::AUTHOR_KIND_AGENT,
            i % 2 == 0 ? v1::COMMUNICATION_DIRECTION_INBOUND : v1::COMMUNICATION_DIRECTION_OUTBOUND,
            domain::Cat("message ", i), &response));
    logged.push_back(response.communication().name());
  }

  std::vector<std::string> listed;
  int pages = 0;
  ASSERT_GRPC_OK(ListNames(created.name(), 2, &listed, &pages));

  EXPECT_THAT(listed, ElementsAreArray(logged));
  EXPECT_EQ(pages, 3);
}

TEST_P(InteractionCommunicationApiTest, ListsABackdatedCommunicationByWhenItHappened) {
  v1::Interaction fields = NewInteraction(v1::CHANNEL_PHONE, "Headset broken");
  *fields.mutable_receive_time() = SecondsAgo(3600);
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(fields, &created));
  v1::LogCommunicationResponse recent;
  ASSERT_GRPC_OK(LogAt(created.name(), v1::AUTHOR_KIND_END_USER,
                       v1::COMMUNICATION_DIRECTION_INBOUND, SecondsAgo(600), &recent));
  // The agent writes up the call that opened the interaction only afterwards.
  v1::LogCommunicationResponse call;
  ASSERT_GRPC_OK(LogAt(created.name(), v1::AUTHOR_KIND_AGENT, v1::COMMUNICATION_DIRECTION_OUTBOUND,
                       SecondsAgo(3000), &call));

  std::vector<std::string> listed;
  int pages = 0;
  ASSERT_GRPC_OK(ListNames(created.name(), 50, &listed, &pages));

  EXPECT_THAT(listed,
              ElementsAreArray({call.communication().name(), recent.communication().name()}));
}

TEST_P(InteractionCommunicationApiTest, AUserAnswerResumesAnInteractionAwaitingTheUser) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_EMAIL, "Laptop slow"), &created));
  v1::LogCommunicationResponse reply;
  ASSERT_GRPC_OK(Log(created.name(), v1::AUTHOR_KIND_AGENT, v1::COMMUNICATION_DIRECTION_OUTBOUND,
                     "Which model is it?", &reply));
  v1::HoldInteractionRequest hold;
  hold.set_name(created.name());
  hold.set_reason(v1::HOLD_REASON_AWAITING_USER);
  hold.set_request_id(NextRequestId());
  v1::Interaction held;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::HoldInteraction, hold, &held));
  ASSERT_EQ(held.state(), v1::INTERACTION_STATE_ON_HOLD);

  v1::LogCommunicationResponse answer;
  ASSERT_GRPC_OK(Log(created.name(), v1::AUTHOR_KIND_END_USER, v1::COMMUNICATION_DIRECTION_INBOUND,
                     "A T14", &answer));

  EXPECT_EQ(answer.interaction().state(), v1::INTERACTION_STATE_IN_PROGRESS);
  EXPECT_EQ(answer.interaction().hold_reason(), v1::HOLD_REASON_UNSPECIFIED);
}

TEST_P(InteractionCommunicationApiTest, RejectsACommunicationOnAClosedInteraction) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "Printer"), &created));
  v1::ResolveInteractionRequest resolve;
  resolve.set_name(created.name());
  resolve.set_resolution_code("FIXED");
  resolve.set_request_id(NextRequestId());
  v1::Interaction resolved;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::ResolveInteraction, resolve, &resolved));
  v1::CloseInteractionRequest close;
  close.set_name(created.name());
  close.set_request_id(NextRequestId());
  v1::Interaction closed;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::CloseInteraction, close, &closed));

  v1::LogCommunicationResponse response;
  const grpc::Status status = Log(created.name(), v1::AUTHOR_KIND_END_USER,
                                  v1::COMMUNICATION_DIRECTION_INBOUND, "Thanks!", &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << Describe(status);
  EXPECT_THAT(MetadataOf(status, "current_state"), NamesState(v1::INTERACTION_STATE_CLOSED));
}

TEST_P(InteractionCommunicationApiTest, ReturnsNotFoundForTheConversationOfAnUnknownInteraction) {
  std::vector<std::string> listed;
  int pages = 0;
  const grpc::Status status =
      ListNames("interactions/01ARZ3NDEKTSV4RRFFQ69G5FAV", 10, &listed, &pages);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(status);
}

INSTANTIATE_TEST_SUITE_P(Stores, InteractionCommunicationApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
