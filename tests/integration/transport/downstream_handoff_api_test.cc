// Hand-off through the API: linking downstream records, their status reports, and the
// conversation that goes on afterwards.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {
namespace {

class DownstreamHandoffApiTest : public ApiTest {
 protected:
  grpc::Status Link(const std::string& name, v1::DownstreamRecordType type,
                    const std::string& external_id, v1::Interaction* out,
                    const google::protobuf::Timestamp* status_time = nullptr) {
    v1::LinkDownstreamRecordRequest request;
    request.set_name(name);
    request.mutable_link()->set_record_type(type);
    request.mutable_link()->set_system("servicenow");
    request.mutable_link()->set_external_id(external_id);
    request.mutable_link()->set_uri(domain::Cat("https://itsm.example/", external_id));
    if (status_time != nullptr) *request.mutable_link()->mutable_status_time() = *status_time;
    request.set_request_id(NextRequestId());
    return Call(*stub_, &Stub::LinkDownstreamRecord, request, out);
  }

  // Reports a status as of `status_time`, or as of now when it is null.
  grpc::Status Report(const std::string& name, const std::string& external_id,
                      v1::DownstreamStatus status, const std::string& detail,
                      const google::protobuf::Timestamp* status_time, v1::Interaction* out) {
    v1::UpdateDownstreamStatusRequest request;
    request.set_name(name);
    request.set_system("servicenow");
    request.set_external_id(external_id);
    request.set_status(status);
    request.set_status_detail(detail);
    if (status_time != nullptr) *request.mutable_status_time() = *status_time;
    request.set_request_id(NextRequestId());
    return Call(*stub_, &Stub::UpdateDownstreamStatus, request, out);
  }
};

TEST_P(DownstreamHandoffApiTest, LinksRecordsOfEveryKind) {
  v1::Interaction interaction;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "Email down for sales"), &interaction));
  const std::vector<std::pair<v1::DownstreamRecordType, std::string>> records = {
      {v1::DOWNSTREAM_RECORD_TYPE_INCIDENT, "INC0012345"},
      {v1::DOWNSTREAM_RECORD_TYPE_CHANGE, "CHG0000456"},
      {v1::DOWNSTREAM_RECORD_TYPE_SERVICE_REQUEST, "RITM0007788"},
      {v1::DOWNSTREAM_RECORD_TYPE_PROBLEM, "PRB0000042"}};

  for (const auto& [type, external_id] : records) {
    ASSERT_GRPC_OK(Link(interaction.name(), type, external_id, &interaction));
  }

  ASSERT_EQ(interaction.downstream_links_size(), 4);
  for (size_t i = 0; i < records.size(); ++i) {
    SCOPED_TRACE(records[i].second);
    const v1::DownstreamLink& link = interaction.downstream_links(static_cast<int>(i));
    EXPECT_EQ(link.record_type(), records[i].first);
    EXPECT_EQ(link.system(), "servicenow");
    EXPECT_EQ(link.external_id(), records[i].second);
    EXPECT_EQ(link.uri(), domain::Cat("https://itsm.example/", records[i].second));
    EXPECT_EQ(link.status(), v1::DOWNSTREAM_STATUS_OPEN);
    EXPECT_TRUE(link.has_link_time());
  }
  v1::Interaction fetched;
  ASSERT_GRPC_OK(Get(interaction.name(), &fetched));
  EXPECT_EQ(fetched.downstream_links_size(), 4);
}

TEST_P(DownstreamHandoffApiTest, LinkingTheSameRecordAgainChangesNothing) {
  v1::Interaction interaction;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "Email down"), &interaction));
  v1::Interaction linked;
  ASSERT_GRPC_OK(Link(interaction.name(), v1::DOWNSTREAM_RECORD_TYPE_INCIDENT, "INC1", &linked));

  v1::Interaction again;
  ASSERT_GRPC_OK(Link(interaction.name(), v1::DOWNSTREAM_RECORD_TYPE_INCIDENT, "INC1", &again));

  EXPECT_EQ(again.etag(), linked.etag());
  EXPECT_EQ(again.downstream_links_size(), 1);
}

TEST_P(DownstreamHandoffApiTest, KeepsTheLatestStatusAndIgnoresAnOlderReport) {
  v1::Interaction interaction;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "Email down"), &interaction));
  const google::protobuf::Timestamp linked_at = SecondsAgo(600);
  ASSERT_GRPC_OK(Link(interaction.name(), v1::DOWNSTREAM_RECORD_TYPE_INCIDENT, "INC1", &interaction,
                      &linked_at));
  const google::protobuf::Timestamp resolved_at = SecondsAgo(60);
  v1::Interaction resolved;
  ASSERT_GRPC_OK(Report(interaction.name(), "INC1", v1::DOWNSTREAM_STATUS_RESOLVED,
                        "Resolved - workaround", &resolved_at, &resolved));

  const google::protobuf::Timestamp earlier = SecondsAgo(300);
  v1::Interaction late;
  ASSERT_GRPC_OK(Report(interaction.name(), "INC1", v1::DOWNSTREAM_STATUS_IN_PROGRESS,
                        "Work in progress", &earlier, &late));

  ASSERT_EQ(late.downstream_links_size(), 1);
  EXPECT_EQ(late.downstream_links(0).status(), v1::DOWNSTREAM_STATUS_RESOLVED);
  EXPECT_EQ(late.downstream_links(0).status_detail(), "Resolved - workaround");
  EXPECT_EQ(Micros(late.downstream_links(0).status_time()), Micros(resolved_at));
  EXPECT_EQ(late.etag(), resolved.etag());
  v1::Interaction fetched;
  ASSERT_GRPC_OK(Get(interaction.name(), &fetched));
  EXPECT_EQ(fetched.downstream_links(0).status(), v1::DOWNSTREAM_STATUS_RESOLVED);
}

TEST_P(DownstreamHandoffApiTest, ReturnsNotFoundForAnUnknownLink) {
  v1::Interaction interaction;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "Email down"), &interaction));
  ASSERT_GRPC_OK(
      Link(interaction.name(), v1::DOWNSTREAM_RECORD_TYPE_INCIDENT, "INC1", &interaction));

  v1::Interaction response;
  const grpc::Status unknown_link =
      Report(interaction.name(), "INC2", v1::DOWNSTREAM_STATUS_CLOSED, "", nullptr, &response);
  const grpc::Status unknown_interaction =
      Report("interactions/01ARZ3NDEKTSV4RRFFQ69G5FAV", "INC1", v1::DOWNSTREAM_STATUS_CLOSED, "",
             nullptr, &response);

  EXPECT_EQ(unknown_link.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(unknown_link);
  EXPECT_EQ(unknown_interaction.error_code(), grpc::StatusCode::NOT_FOUND)
      << Describe(unknown_interaction);
  v1::Interaction fetched;
  ASSERT_GRPC_OK(Get(interaction.name(), &fetched));
  EXPECT_EQ(fetched.etag(), interaction.etag());
}

TEST_P(DownstreamHandoffApiTest, TheConversationContinuesAfterHandOff) {
  v1::Interaction interaction;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_EMAIL, "New starter laptop"), &interaction));
  ASSERT_GRPC_OK(Link(interaction.name(), v1::DOWNSTREAM_RECORD_TYPE_SERVICE_REQUEST, "RITM0001",
                      &interaction));
  v1::ResolveInteractionRequest resolve;
  resolve.set_name(interaction.name());
  resolve.set_resolution_code("HANDED_OFF");
  resolve.set_request_id(NextRequestId());
  ASSERT_GRPC_OK(Call(*stub_, &Stub::ResolveInteraction, resolve, &interaction));

  v1::LogCommunicationResponse question;
  ASSERT_GRPC_OK(Log(interaction.name(), v1::AUTHOR_KIND_END_USER,
                     v1::COMMUNICATION_DIRECTION_INBOUND, "When will it arrive?", &question));
  v1::LogCommunicationResponse answer;
  ASSERT_GRPC_OK(Log(interaction.name(), v1::AUTHOR_KIND_AGENT,
                     v1::COMMUNICATION_DIRECTION_OUTBOUND, "Friday", &answer));
  v1::Interaction reported;
  ASSERT_GRPC_OK(Report(interaction.name(), "RITM0001", v1::DOWNSTREAM_STATUS_IN_PROGRESS,
                        "Ordered", nullptr, &reported));

  EXPECT_EQ(answer.interaction().communication_count(), 2);
  EXPECT_EQ(reported.downstream_links(0).status(), v1::DOWNSTREAM_STATUS_IN_PROGRESS);
  v1::ListCommunicationsRequest list;
  list.set_parent(interaction.name());
  v1::ListCommunicationsResponse conversation;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::ListCommunications, list, &conversation));
  ASSERT_EQ(conversation.communications_size(), 2);
  EXPECT_EQ(conversation.communications(1).body(), "Friday");
}

TEST_P(DownstreamHandoffApiTest, RejectsALinkOnAnAbandonedInteraction) {
  v1::Interaction interaction;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "Dropped"), &interaction));
  v1::AbandonInteractionRequest abandon;
  abandon.set_name(interaction.name());
  abandon.set_request_id(NextRequestId());
  ASSERT_GRPC_OK(Call(*stub_, &Stub::AbandonInteraction, abandon, &interaction));

  v1::Interaction response;
  const grpc::Status status =
      Link(interaction.name(), v1::DOWNSTREAM_RECORD_TYPE_INCIDENT, "INC1", &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << Describe(status);
  EXPECT_THAT(MetadataOf(status, "current_state"), NamesState(v1::INTERACTION_STATE_ABANDONED));
}

INSTANTIATE_TEST_SUITE_P(Stores, DownstreamHandoffApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
