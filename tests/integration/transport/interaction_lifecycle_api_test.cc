// The interaction lifecycle through the API: every transition from every state, and what
// resolve, reopen, close, abandon and the satisfaction survey record.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

enum class Action { kHold, kResume, kResolve, kReopen, kClose, kAbandon };

struct Transition {
  Action action;
  const char* label;
  std::vector<v1::InteractionState> allowed_from;
  v1::InteractionState result;
};

// The lifecycle of interaction.proto, one row per lifecycle method.
const std::vector<Transition>& Transitions() {
  static const std::vector<Transition> kTransitions = {
      {Action::kHold, "hold", {v1::INTERACTION_STATE_IN_PROGRESS}, v1::INTERACTION_STATE_ON_HOLD},
      {Action::kResume,
       "resume",
       {v1::INTERACTION_STATE_ON_HOLD},
       v1::INTERACTION_STATE_IN_PROGRESS},
      {Action::kResolve,
       "resolve",
       {v1::INTERACTION_STATE_NEW, v1::INTERACTION_STATE_QUEUED, v1::INTERACTION_STATE_IN_PROGRESS,
        v1::INTERACTION_STATE_ON_HOLD},
       v1::INTERACTION_STATE_RESOLVED},
      {Action::kReopen,
       "reopen",
       {v1::INTERACTION_STATE_RESOLVED},
       v1::INTERACTION_STATE_IN_PROGRESS},
      {Action::kClose, "close", {v1::INTERACTION_STATE_RESOLVED}, v1::INTERACTION_STATE_CLOSED},
      {Action::kAbandon,
       "abandon",
       {v1::INTERACTION_STATE_NEW, v1::INTERACTION_STATE_QUEUED},
       v1::INTERACTION_STATE_ABANDONED},
  };
  return kTransitions;
}

const std::vector<v1::InteractionState>& AllStates() {
  static const std::vector<v1::InteractionState> kStates = {
      v1::INTERACTION_STATE_NEW,         v1::INTERACTION_STATE_QUEUED,
      v1::INTERACTION_STATE_IN_PROGRESS, v1::INTERACTION_STATE_ON_HOLD,
      v1::INTERACTION_STATE_RESOLVED,    v1::INTERACTION_STATE_CLOSED,
      v1::INTERACTION_STATE_ABANDONED};
  return kStates;
}

class InteractionLifecycleApiTest : public ApiTest {
 protected:
  // Creates a phone interaction received `received_ago` seconds ago and fills `request` to
  // abandon it at `abandoned_ago` seconds ago.
  void PrepareAbandon(int received_ago, int abandoned_ago, v1::AbandonInteractionRequest* request) {
    v1::Interaction fields = NewInteraction(v1::CHANNEL_PHONE, "Caller hung up in queue");
    *fields.mutable_receive_time() = SecondsAgo(received_ago);
    v1::Interaction created;
    ASSERT_GRPC_OK(Create(fields, &created));
    request->set_name(created.name());
    *request->mutable_abandon_time() = SecondsAgo(abandoned_ago);
    request->set_request_id(NextRequestId());
  }

  // Calls the lifecycle method of `action` on `name`.
  grpc::Status Act(Action action, const std::string& name, v1::Interaction* out) {
    switch (action) {
      case Action::kHold: {
        v1::HoldInteractionRequest request;
        request.set_name(name);
        request.set_reason(v1::HOLD_REASON_AWAITING_USER);
        request.set_request_id(NextRequestId());
        return Call(*stub_, &Stub::HoldInteraction, request, out);
      }
      case Action::kResume: {
        v1::ResumeInteractionRequest request;
        request.set_name(name);
        request.set_request_id(NextRequestId());
        return Call(*stub_, &Stub::ResumeInteraction, request, out);
      }
      case Action::kResolve:
        return Resolve(name, "RESTARTED_SERVICE", {}, false, out);
      case Action::kReopen: {
        v1::ReopenInteractionRequest request;
        request.set_name(name);
        request.set_reason("User says it broke again");
        request.set_request_id(NextRequestId());
        return Call(*stub_, &Stub::ReopenInteraction, request, out);
      }
      case Action::kClose: {
        v1::CloseInteractionRequest request;
        request.set_name(name);
        request.set_request_id(NextRequestId());
        return Call(*stub_, &Stub::CloseInteraction, request, out);
      }
      case Action::kAbandon: {
        v1::AbandonInteractionRequest request;
        request.set_name(name);
        request.set_request_id(NextRequestId());
        return Call(*stub_, &Stub::AbandonInteraction, request, out);
      }
    }
    return grpc::Status(grpc::StatusCode::INTERNAL, "unknown action");
  }

  grpc::Status Resolve(const std::string& name, const std::string& code,
                       const std::vector<std::string>& articles, bool first_contact,
                       v1::Interaction* out) {
    v1::ResolveInteractionRequest request;
    request.set_name(name);
    request.set_resolution_code(code);
    request.set_resolution_note("Cleared the print queue");
    for (const std::string& article : articles) request.add_knowledge_articles(article);
    request.set_first_contact_resolution(first_contact);
    request.set_request_id(NextRequestId());
    return Call(*stub_, &Stub::ResolveInteraction, request, out);
  }

  grpc::Status Survey(const std::string& name, int score, v1::Interaction* out) {
    v1::SubmitSatisfactionSurveyRequest request;
    request.set_name(name);
    request.mutable_survey()->set_score(score);
    request.mutable_survey()->set_comment("Quick and friendly");
    request.set_request_id(NextRequestId());
    return Call(*stub_, &Stub::SubmitSatisfactionSurvey, request, out);
  }

  // Creates an interaction and brings it into `state` the way clients do.
  grpc::Status CreateIn(v1::InteractionState state, v1::Interaction* out) {
    grpc::Status status = Create(NewInteraction(v1::CHANNEL_PHONE, "Printer jams"), out);
    switch (state) {
      case v1::INTERACTION_STATE_QUEUED: {
        v1::Interaction patch = *out;
        patch.set_queue("queues/service-desk");
        return status.ok() ? Update(patch, {"queue"}, out->etag(), out) : status;
      }
      case v1::INTERACTION_STATE_ABANDONED:
        return status.ok() ? Act(Action::kAbandon, out->name(), out) : status;
      case v1::INTERACTION_STATE_IN_PROGRESS:
      case v1::INTERACTION_STATE_ON_HOLD:
      case v1::INTERACTION_STATE_RESOLVED:
      case v1::INTERACTION_STATE_CLOSED: {
        v1::LogCommunicationResponse reply;
        if (status.ok()) {
          status = Log(out->name(), v1::AUTHOR_KIND_AGENT, v1::COMMUNICATION_DIRECTION_OUTBOUND,
                       "Looking into it", &reply);
        }
        *out = reply.interaction();
        if (status.ok() && state == v1::INTERACTION_STATE_ON_HOLD) {
          status = Act(Action::kHold, out->name(), out);
        }
        if (status.ok() && state != v1::INTERACTION_STATE_IN_PROGRESS &&
            state != v1::INTERACTION_STATE_ON_HOLD) {
          status = Act(Action::kResolve, out->name(), out);
        }
        if (status.ok() && state == v1::INTERACTION_STATE_CLOSED) {
          status = Act(Action::kClose, out->name(), out);
        }
        return status;
      }
      default:
        return status;
    }
  }
};

bool Allows(const Transition& transition, v1::InteractionState state) {
  for (v1::InteractionState allowed : transition.allowed_from) {
    if (allowed == state) return true;
  }
  return false;
}

TEST_P(InteractionLifecycleApiTest, RejectsEveryIllegalTransitionNamingTheCurrentState) {
  for (v1::InteractionState state : AllStates()) {
    for (const Transition& transition : Transitions()) {
      if (Allows(transition, state)) continue;
      SCOPED_TRACE(domain::Cat(transition.label, " from ", v1::InteractionState_Name(state)));
      v1::Interaction before;
      ASSERT_GRPC_OK(CreateIn(state, &before));
      ASSERT_EQ(before.state(), state);

      v1::Interaction response;
      const grpc::Status status = Act(transition.action, before.name(), &response);

      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << Describe(status);
      EXPECT_EQ(ReasonOf(status), "INVALID_STATE_TRANSITION");
      EXPECT_THAT(MetadataOf(status, "current_state"), NamesState(state));
      v1::Interaction after;
      ASSERT_GRPC_OK(Get(before.name(), &after));
      EXPECT_EQ(after.etag(), before.etag());
    }
  }
}

TEST_P(InteractionLifecycleApiTest, AllowsEveryLegalTransition) {
  for (const Transition& transition : Transitions()) {
    for (v1::InteractionState state : transition.allowed_from) {
      SCOPED_TRACE(domain::Cat(transition.label, " from ", v1::InteractionState_Name(state)));
      v1::Interaction before;
      ASSERT_GRPC_OK(CreateIn(state, &before));

      v1::Interaction after;
      ASSERT_GRPC_OK(Act(transition.action, before.name(), &after));

      EXPECT_EQ(after.state(), transition.result);
      EXPECT_EQ(VersionOf(after.etag()), VersionOf(before.etag()) + 1);
    }
  }
}

TEST_P(InteractionLifecycleApiTest, ResolveRecordsCodeArticlesAndFirstContactResolution) {
  v1::Interaction interaction;
  ASSERT_GRPC_OK(CreateIn(v1::INTERACTION_STATE_IN_PROGRESS, &interaction));
  v1::ResolveInteractionRequest request;
  request.set_name(interaction.name());
  request.set_resolution_code("CLEARED_QUEUE");
  request.set_resolution_note("Cleared the print queue");
  for (const char* article : {"KB0001", "KB0042", "KB0001"})
    request.add_knowledge_articles(article);
  request.set_first_contact_resolution(true);
  request.mutable_wrap_up_duration()->set_seconds(90);
  request.set_request_id(NextRequestId());

  v1::Interaction resolved;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::ResolveInteraction, request, &resolved));

  EXPECT_EQ(resolved.state(), v1::INTERACTION_STATE_RESOLVED);
  EXPECT_EQ(resolved.resolution_code(), "CLEARED_QUEUE");
  EXPECT_EQ(resolved.resolution_note(), "Cleared the print queue");
  EXPECT_THAT(resolved.knowledge_articles(), ElementsAre("KB0001", "KB0042"));
  EXPECT_TRUE(resolved.first_contact_resolution());
  EXPECT_EQ(resolved.handle_duration().seconds(), 90);
  EXPECT_TRUE(resolved.has_resolve_time());
  v1::Interaction fetched;
  ASSERT_GRPC_OK(Get(interaction.name(), &fetched));
  EXPECT_EQ(fetched.resolution_code(), "CLEARED_QUEUE");
  EXPECT_THAT(fetched.knowledge_articles(), ElementsAre("KB0001", "KB0042"));
  EXPECT_TRUE(fetched.first_contact_resolution());
}

TEST_P(InteractionLifecycleApiTest, ReopenCountsAndClearsFirstContactResolution) {
  v1::Interaction interaction;
  ASSERT_GRPC_OK(CreateIn(v1::INTERACTION_STATE_IN_PROGRESS, &interaction));
  ASSERT_GRPC_OK(Resolve(interaction.name(), "CLEARED_QUEUE", {"KB0001"}, true, &interaction));

  v1::Interaction reopened;
  ASSERT_GRPC_OK(Act(Action::kReopen, interaction.name(), &reopened));

  EXPECT_EQ(reopened.state(), v1::INTERACTION_STATE_IN_PROGRESS);
  EXPECT_EQ(reopened.reopen_count(), 1);
  EXPECT_FALSE(reopened.first_contact_resolution());
  v1::Interaction resolved_again;
  ASSERT_GRPC_OK(Resolve(interaction.name(), "REPLACED_DRUM", {"KB0077"}, false, &resolved_again));
  EXPECT_EQ(resolved_again.resolution_code(), "REPLACED_DRUM");
  EXPECT_THAT(resolved_again.knowledge_articles(), ElementsAre("KB0001", "KB0077"));
  EXPECT_EQ(resolved_again.reopen_count(), 1);
}

TEST_P(InteractionLifecycleApiTest, CloseRecordsTheCloseTime) {
  v1::Interaction resolved;
  ASSERT_GRPC_OK(CreateIn(v1::INTERACTION_STATE_RESOLVED, &resolved));

  v1::Interaction closed;
  ASSERT_GRPC_OK(Act(Action::kClose, resolved.name(), &closed));

  EXPECT_EQ(closed.state(), v1::INTERACTION_STATE_CLOSED);
  ASSERT_TRUE(closed.has_close_time());
  EXPECT_GE(Micros(closed.close_time()), Micros(resolved.resolve_time()));
}

TEST_P(InteractionLifecycleApiTest, AbandonRecordsTheGivenAbandonTime) {
  v1::AbandonInteractionRequest request;
  ASSERT_NO_FATAL_FAILURE(PrepareAbandon(120, 60, &request));

  v1::Interaction abandoned;
  ASSERT_GRPC_OK(Call(*stub_, &Stub::AbandonInteraction, request, &abandoned));

  EXPECT_EQ(abandoned.state(), v1::INTERACTION_STATE_ABANDONED);
  EXPECT_EQ(Micros(abandoned.abandon_time()), Micros(request.abandon_time()));
}

TEST_P(InteractionLifecycleApiTest, RejectsAnAbandonTimeBeforeReceipt) {
  v1::AbandonInteractionRequest request;
  ASSERT_NO_FATAL_FAILURE(PrepareAbandon(60, 120, &request));

  v1::Interaction response;
  const grpc::Status status = Call(*stub_, &Stub::AbandonInteraction, request, &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
  EXPECT_THAT(ViolatedFields(status), Contains("abandon_time"));
}

TEST_P(InteractionLifecycleApiTest, AcceptsOneSurveyAfterResolve) {
  v1::Interaction interaction;
  ASSERT_GRPC_OK(CreateIn(v1::INTERACTION_STATE_IN_PROGRESS, &interaction));
  v1::Interaction response;
  const grpc::Status early = Survey(interaction.name(), 5, &response);
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << Describe(early);
  ASSERT_GRPC_OK(Act(Action::kResolve, interaction.name(), &interaction));

  v1::Interaction surveyed;
  ASSERT_GRPC_OK(Survey(interaction.name(), 4, &surveyed));
  const grpc::Status second = Survey(interaction.name(), 1, &response);

  EXPECT_EQ(surveyed.satisfaction().score(), 4);
  EXPECT_EQ(surveyed.satisfaction().comment(), "Quick and friendly");
  EXPECT_TRUE(surveyed.satisfaction().has_submit_time());
  EXPECT_EQ(second.error_code(), grpc::StatusCode::ALREADY_EXISTS) << Describe(second);
  v1::Interaction fetched;
  ASSERT_GRPC_OK(Get(interaction.name(), &fetched));
  EXPECT_EQ(fetched.satisfaction().score(), 4);
}

TEST_P(InteractionLifecycleApiTest, RejectsASurveyScoreOutOfRange) {
  v1::Interaction resolved;
  ASSERT_GRPC_OK(CreateIn(v1::INTERACTION_STATE_RESOLVED, &resolved));

  v1::Interaction response;
  const grpc::Status status = Survey(resolved.name(), 6, &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
  EXPECT_THAT(ViolatedFields(status), Contains("survey.score"));
}

TEST_P(InteractionLifecycleApiTest, RejectsAHoldWithoutAReason) {
  v1::Interaction interaction;
  ASSERT_GRPC_OK(CreateIn(v1::INTERACTION_STATE_IN_PROGRESS, &interaction));
  v1::HoldInteractionRequest request;
  request.set_name(interaction.name());
  request.set_request_id(NextRequestId());

  v1::Interaction response;
  const grpc::Status status = Call(*stub_, &Stub::HoldInteraction, request, &response);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
  EXPECT_THAT(ViolatedFields(status), Contains("reason"));
}

TEST_P(InteractionLifecycleApiTest, ReturnsNotFoundForAnUnknownInteraction) {
  for (const Transition& transition : Transitions()) {
    SCOPED_TRACE(transition.label);
    v1::Interaction response;
    const grpc::Status status =
        Act(transition.action, "interactions/01ARZ3NDEKTSV4RRFFQ69G5FAV", &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(status);
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, InteractionLifecycleApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
