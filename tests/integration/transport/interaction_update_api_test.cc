// UpdateInteraction through the API: update masks, etags, reclassification and the history it
// leaves, and the state changes that assignment makes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;

class InteractionUpdateApiTest : public ApiTest {};

// Returns the change of `field` in `entry`, or nullptr.
const v1::FieldChange* ChangeOf(const v1::InteractionHistoryEntry& entry,
                                const std::string& field) {
  for (const v1::FieldChange& change : entry.changes()) {
    if (change.field() == field) return &change;
  }
  return nullptr;
}

TEST_P(InteractionUpdateApiTest, ChangesOnlyTheMaskedFields) {
  v1::Interaction fields = NewInteraction(v1::CHANNEL_EMAIL, "Mailbox full");
  fields.set_service("email");
  fields.set_impact(v1::IMPACT_LOW);
  fields.set_urgency(v1::URGENCY_LOW);
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(fields, &created));
  v1::Interaction patch = created;
  patch.set_subject("Mailbox full, cannot send");
  patch.set_urgency(v1::URGENCY_HIGH);
  patch.set_service("calendar");  // Not in the mask: must stay "email".

  v1::Interaction updated;
  ASSERT_GRPC_OK(Update(patch, {"subject", "urgency"}, created.etag(), &updated));

  EXPECT_EQ(updated.subject(), "Mailbox full, cannot send");
  EXPECT_EQ(updated.urgency(), v1::URGENCY_HIGH);
  EXPECT_EQ(updated.priority(), v1::PRIORITY_MEDIUM);
  EXPECT_EQ(updated.service(), "email");
  EXPECT_NE(updated.etag(), created.etag());
  v1::Interaction fetched;
  ASSERT_GRPC_OK(Get(created.name(), &fetched));
  EXPECT_EQ(fetched.etag(), updated.etag());
  EXPECT_EQ(fetched.subject(), "Mailbox full, cannot send");
}

TEST_P(InteractionUpdateApiTest, RejectsAStaleEtagAndChangesNothing) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "VPN drops"), &created));
  v1::Interaction patch = created;
  patch.set_subject("VPN drops every hour");
  v1::Interaction first;
  ASSERT_GRPC_OK(Update(patch, {"subject"}, created.etag(), &first));

  patch.set_subject("VPN drops every minute");
  v1::Interaction response;
  const grpc::Status status = Update(patch, {"subject"}, created.etag(), &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << Describe(status);
  EXPECT_EQ(ReasonOf(status), "ETAG_MISMATCH");
  v1::Interaction fetched;
  ASSERT_GRPC_OK(Get(created.name(), &fetched));
  EXPECT_EQ(fetched.etag(), first.etag());
  EXPECT_EQ(fetched.subject(), "VPN drops every hour");
}

TEST_P(InteractionUpdateApiTest, ReadsAStaleEtagFromTheInteractionToo) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "VPN drops"), &created));
  v1::Interaction patch = created;
  patch.set_subject("VPN drops every hour");
  v1::Interaction first;
  ASSERT_GRPC_OK(Update(patch, {"subject"}, "", &first));

  patch.set_subject("VPN drops every minute");  // Still carries the creation etag.
  v1::Interaction response;
  const grpc::Status status = Update(patch, {"subject"}, "", &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << Describe(status);
  EXPECT_EQ(ReasonOf(status), "ETAG_MISMATCH");
}

TEST_P(InteractionUpdateApiTest, RetriedUpdateReturnsTheFirstResultAfterALaterChange) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "VPN drops"), &created));
  v1::UpdateInteractionRequest request;
  *request.mutable_interaction() = created;
  request.mutable_interaction()->set_subject("VPN drops every hour");
  request.mutable_update_mask()->add_paths("subject");
  request.set_etag(created.etag());
  request.set_request_id("update-once");
  v1::Interaction first;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::UpdateInteraction, request, &first));
  v1::Interaction later_patch = first;
  later_patch.set_subject("VPN fixed by itself");
  v1::Interaction later;
  ASSERT_GRPC_OK(Update(later_patch, {"subject"}, first.etag(), &later));

  v1::Interaction retried;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::UpdateInteraction, request, &retried));
  request.mutable_interaction()->set_subject("VPN drops every day");
  v1::Interaction reused;
  const grpc::Status status = Call(*stub_, &Stub::UpdateInteraction, request, &reused);

  EXPECT_EQ(retried.etag(), first.etag());
  EXPECT_EQ(retried.subject(), "VPN drops every hour");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << Describe(status);
  EXPECT_EQ(ReasonOf(status), "REQUEST_ID_REUSED");
  v1::Interaction fetched;
  ASSERT_GRPC_OK(Get(created.name(), &fetched));
  EXPECT_EQ(fetched.etag(), later.etag());
  EXPECT_EQ(fetched.subject(), "VPN fixed by itself");
}

TEST_P(InteractionUpdateApiTest, ReclassificationKeepsInitialTypeAndShowsInHistory) {
  v1::Interaction fields = NewInteraction(v1::CHANNEL_WEB_PORTAL, "Need a second monitor");
  fields.set_type(v1::INTERACTION_TYPE_INCIDENT);
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(fields, &created));
  v1::Interaction patch = created;
  patch.set_type(v1::INTERACTION_TYPE_SERVICE_REQUEST);

  v1::Interaction updated;
  ASSERT_GRPC_OK(Update(patch, {"type"}, created.etag(), &updated, "agents/dana"));

  EXPECT_EQ(updated.type(), v1::INTERACTION_TYPE_SERVICE_REQUEST);
  EXPECT_EQ(updated.initial_type(), v1::INTERACTION_TYPE_INCIDENT);
  std::vector<v1::InteractionHistoryEntry> history;
  ASSERT_GRPC_OK(History(created.name(), &history));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].revision(), 1);
  EXPECT_EQ(history[0].action(), "CreateInteraction");
  EXPECT_EQ(history[0].actor(), kTestActor);
  EXPECT_EQ(history[1].revision(), 2);
  EXPECT_EQ(history[1].action(), "UpdateInteraction");
  EXPECT_EQ(history[1].actor(), "agents/dana");
  const v1::FieldChange* type = ChangeOf(history[1], "type");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->before(), "INCIDENT");
  EXPECT_EQ(type->after(), "SERVICE_REQUEST");
  EXPECT_EQ(ChangeOf(history[1], "initial_type"), nullptr);
}

TEST_P(InteractionUpdateApiTest, RecordsAnonymousWithoutActorMetadata) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_CHAT, "Password reset"), &created));
  v1::Interaction patch = created;
  patch.set_category("passwords");
  v1::Interaction updated;
  ASSERT_GRPC_OK(Update(patch, {"category"}, created.etag(), &updated, ""));

  std::vector<v1::InteractionHistoryEntry> history;
  ASSERT_GRPC_OK(History(created.name(), &history));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].actor(), "anonymous");
}

TEST_P(InteractionUpdateApiTest, RejectsAMaskPathThatCannotBeUpdated) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_EMAIL, "Shared drive"), &created));
  for (const std::string path : {"colour", "state", "initial_type", ""}) {
    SCOPED_TRACE(path);
    v1::Interaction patch = created;
    patch.set_state(v1::INTERACTION_STATE_CLOSED);
    patch.set_initial_type(v1::INTERACTION_TYPE_COMPLAINT);

    v1::Interaction response;
    const grpc::Status status = Update(patch, {path}, created.etag(), &response);

    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
    EXPECT_THAT(ViolatedFields(status), Contains("update_mask"));
  }
  v1::Interaction fetched;
  ASSERT_GRPC_OK(Get(created.name(), &fetched));
  EXPECT_EQ(fetched.etag(), created.etag());
}

TEST_P(InteractionUpdateApiTest, RejectsAnEmptyMask) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_EMAIL, "Shared drive"), &created));

  v1::Interaction response;
  const grpc::Status status = Update(created, {}, created.etag(), &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
  EXPECT_THAT(ViolatedFields(status), Contains("update_mask"));
}

TEST_P(InteractionUpdateApiTest, SettingAQueueOnANewInteractionQueuesIt) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "Printer"), &created));
  ASSERT_EQ(created.state(), v1::INTERACTION_STATE_NEW);
  EXPECT_FALSE(created.has_queue_time());
  v1::Interaction patch = created;
  patch.set_queue("queues/service-desk");

  v1::Interaction updated;
  ASSERT_GRPC_OK(Update(patch, {"queue"}, created.etag(), &updated));

  EXPECT_EQ(updated.state(), v1::INTERACTION_STATE_QUEUED);
  EXPECT_EQ(updated.queue(), "queues/service-desk");
  EXPECT_TRUE(updated.has_queue_time());
}

TEST_P(InteractionUpdateApiTest, SettingAnAgentPutsItInProgress) {
  v1::Interaction fields = NewInteraction(v1::CHANNEL_PHONE, "Printer");
  fields.set_queue("queues/service-desk");
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(fields, &created));
  ASSERT_EQ(created.state(), v1::INTERACTION_STATE_QUEUED);
  v1::Interaction patch = created;
  patch.set_agent("agents/alex");

  v1::Interaction updated;
  ASSERT_GRPC_OK(Update(patch, {"agent"}, created.etag(), &updated));

  EXPECT_EQ(updated.state(), v1::INTERACTION_STATE_IN_PROGRESS);
  EXPECT_EQ(updated.agent(), "agents/alex");
  EXPECT_FALSE(updated.has_first_response_time());
}

TEST_P(InteractionUpdateApiTest, RejectsAnUpdateOfAnAbandonedInteraction) {
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "Dropped call"), &created));
  v1::AbandonInteractionRequest abandon;
  abandon.set_name(created.name());
  abandon.set_request_id(NextRequestId());
  v1::Interaction abandoned;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::AbandonInteraction, abandon, &abandoned));
  v1::Interaction patch = abandoned;
  patch.set_subject("Dropped call, user rang back");

  v1::Interaction response;
  const grpc::Status status = Update(patch, {"subject"}, "", &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << Describe(status);
  EXPECT_THAT(MetadataOf(status, "current_state"), NamesState(v1::INTERACTION_STATE_ABANDONED));
}

TEST_P(InteractionUpdateApiTest, ReturnsNotFoundForAnUnknownInteraction) {
  v1::Interaction patch = NewInteraction(v1::CHANNEL_PHONE, "Ghost");
  patch.set_name("interactions/01ARZ3NDEKTSV4RRFFQ69G5FAV");

  v1::Interaction response;
  const grpc::Status status = Update(patch, {"subject"}, "", &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(status);
  EXPECT_THAT(ViolatedFields(status), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(Stores, InteractionUpdateApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
