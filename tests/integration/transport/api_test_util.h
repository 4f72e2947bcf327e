// Shared pieces of the InteractionService API suites: a fixture that runs the real server on a
// fresh database of the backend under test, a way to call any unary method with a deadline and
// an actor, and readers for the google.rpc details that failed calls carry.
#pragma once

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/text.h"
#include "frontdesk/v1/interaction_service.grpc.pb.h"
#include "google/protobuf/util/time_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace frontdesk::testing {

namespace v1 = ::frontdesk::v1;
using Stub = v1::InteractionService::Stub;
using google::protobuf::util::TimeUtil;

// The actor that test calls name in x-frontdesk-actor unless they say otherwise.
inline const std::string kTestActor = "agents/test-runner";

// The deadline of every unary call: far above what any call here needs, so a hang fails fast.
inline constexpr auto kCallDeadline = std::chrono::seconds(30);

// Returns a status as "code N: message", for failure messages.
inline std::string Describe(const grpc::Status& status) {
  return domain::Cat("code ", static_cast<int>(status.error_code()), ": ", status.error_message());
}

#define ASSERT_GRPC_OK(expression)                                                  \
  do {                                                                              \
    const ::grpc::Status grpc_status_ = (expression);                               \
    ASSERT_TRUE(grpc_status_.ok()) << ::frontdesk::testing::Describe(grpc_status_); \
  } while (false)

#define EXPECT_GRPC_OK(expression)                                                  \
  do {                                                                              \
    const ::grpc::Status grpc_status_ = (expression);                               \
    EXPECT_TRUE(grpc_status_.ok()) << ::frontdesk::testing::Describe(grpc_status_); \
  } while (false)

// Gives a client context a deadline and the caller's identity.
inline void PrepareContext(grpc::ClientContext& context, const std::string& actor = kTestActor,
                           std::chrono::milliseconds deadline = kCallDeadline) {
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  if (!actor.empty()) context.AddMetadata("x-frontdesk-actor", actor);
}

// Calls a unary method of `stub` with a fresh context, as `actor`.
template <typename Request, typename Response>
grpc::Status Call(Stub& stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                  const Request& request, Response* response,
                  const std::string& actor = kTestActor) {
  grpc::ClientContext context;
  PrepareContext(context, actor);
  return (stub.*method)(&context, request, response);
}

// The google.rpc details of a failed call.
struct ErrorDetails {
  std::optional<google::rpc::ErrorInfo> error_info;
  std::optional<google::rpc::BadRequest> bad_request;
};

inline ErrorDetails DetailsOf(const grpc::Status& status) {
  ErrorDetails details;
  google::rpc::Status rich;
  if (!rich.ParseFromString(status.error_details())) return details;
  for (const google::protobuf::Any& any : rich.details()) {
    if (any.Is<google::rpc::ErrorInfo>()) {
      any.UnpackTo(&details.error_info.emplace());
    } else if (any.Is<google::rpc::BadRequest>()) {
      any.UnpackTo(&details.bad_request.emplace());
    }
  }
  return details;
}

// Returns the ErrorInfo reason, or "" when there is none.
inline std::string ReasonOf(const grpc::Status& status) {
  const ErrorDetails details = DetailsOf(status);
  return details.error_info ? details.error_info->reason() : "";
}

// Returns an ErrorInfo metadata value, or "" when it is absent.
inline std::string MetadataOf(const grpc::Status& status, const std::string& key) {
  const ErrorDetails details = DetailsOf(status);
  if (!details.error_info) return "";
  const auto found = details.error_info->metadata().find(key);
  return found == details.error_info->metadata().end() ? "" : found->second;
}

// Returns the field of every BadRequest violation, in order.
inline std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  const ErrorDetails details = DetailsOf(status);
  if (!details.bad_request) return fields;
  for (const auto& violation : details.bad_request->field_violations()) {
    fields.push_back(violation.field());
  }
  return fields;
}

// Matches the name of `state` as ErrorInfo metadata gives it: short ("ON_HOLD", as in filters
// and history) or as the proto enum value ("INTERACTION_STATE_ON_HOLD").
inline ::testing::Matcher<std::string> NamesState(v1::InteractionState state) {
  const std::string full = v1::InteractionState_Name(state);
  return ::testing::AnyOf(full, full.substr(std::string("INTERACTION_STATE_").size()));
}

// Returns an instant `seconds` before now, at the microsecond precision the server keeps.
inline google::protobuf::Timestamp SecondsAgo(int64_t seconds) {
  const int64_t now = TimeUtil::TimestampToMicroseconds(TimeUtil::GetCurrentTime());
  return TimeUtil::MicrosecondsToTimestamp(now - seconds * 1'000'000);
}

inline int64_t Micros(const google::protobuf::Timestamp& timestamp) {
  return TimeUtil::TimestampToMicroseconds(timestamp);
}

// The version an etag stands for: the server's etags are the quoted version number.
inline int64_t VersionOf(const std::string& etag) {
  if (etag.size() < 3 || etag.front() != '"' || etag.back() != '"') return -1;
  return std::stoll(etag.substr(1, etag.size() - 2));
}

// Runs each test on a fresh database of the parameter's backend, with a server on port 0.
class ApiTest : public ::testing::TestWithParam<Backend> {
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

  // Returns a request id no other call of this test uses.
  std::string NextRequestId() { return domain::Cat("req-", next_request_.fetch_add(1)); }

  // Creates an interaction from `fields` with a new request id.
  grpc::Status Create(const v1::Interaction& fields, v1::Interaction* created) {
    v1::CreateInteractionRequest request;
    *request.mutable_interaction() = fields;
    request.set_request_id(NextRequestId());
    v1::CreateInteractionResponse response;
    const grpc::Status status = Call(*stub_, &Stub::CreateInteraction, request, &response);
    *created = response.interaction();
    return status;
  }

  grpc::Status Get(const std::string& name, v1::Interaction* interaction) {
    v1::GetInteractionRequest request;
    request.set_name(name);
    return Call(*stub_, &Stub::GetInteraction, request, interaction);
  }

  // Updates the fields named by `paths` to their values in `fields`, expecting `etag` (may be
  // empty).
  grpc::Status Update(const v1::Interaction& fields, const std::vector<std::string>& paths,
                      const std::string& etag, v1::Interaction* updated,
                      const std::string& actor = kTestActor) {
    v1::UpdateInteractionRequest request;
    *request.mutable_interaction() = fields;
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    request.set_etag(etag);
    request.set_request_id(NextRequestId());
    return Call(*stub_, &Stub::UpdateInteraction, request, updated, actor);
  }

  // Logs a communication written by `author_kind` going `direction`.
  grpc::Status Log(const std::string& name, v1::AuthorKind author_kind,
                   v1::CommunicationDirection direction, const std::string& body,
                   v1::LogCommunicationResponse* response) {
    v1::LogCommunicationRequest request;
    request.set_name(name);
    request.mutable_communication()->set_author_kind(author_kind);
    request.mutable_communication()->set_direction(direction);
    if (author_kind == v1::AUTHOR_KIND_AGENT) {
      request.mutable_communication()->set_author("agents/alex");
    }
    request.mutable_communication()->set_body(body);
    request.set_request_id(NextRequestId());
    return Call(*stub_, &Stub::LogCommunication, request, response);
  }

  // Lists every interaction that matches `filter`, following page tokens (at most 100 pages).
  grpc::Status ListAll(const std::string& filter, const std::string& order_by, int page_size,
                       std::vector<v1::Interaction>* out) {
    v1::ListInteractionsRequest request;
    request.set_filter(filter);
    request.set_order_by(order_by);
    request.set_page_size(page_size);
    for (int page = 0; page < 100; ++page) {
      v1::ListInteractionsResponse response;
      const grpc::Status status = Call(*stub_, &Stub::ListInteractions, request, &response);
      if (!status.ok()) return status;
      for (const v1::Interaction& interaction : response.interactions()) {
        out->push_back(interaction);
      }
      if (response.next_page_token().empty()) return grpc::Status::OK;
      request.set_page_token(response.next_page_token());
    }
    return grpc::Status(grpc::StatusCode::INTERNAL, "more than 100 pages");
  }

  // Reads the whole audit history of an interaction.
  grpc::Status History(const std::string& name, std::vector<v1::InteractionHistoryEntry>* out,
                       int page_size = 1000) {
    v1::ListInteractionHistoryRequest request;
    request.set_parent(name);
    request.set_page_size(page_size);
    for (int page = 0; page < 1000; ++page) {
      v1::ListInteractionHistoryResponse response;
      const grpc::Status status = Call(*stub_, &Stub::ListInteractionHistory, request, &response);
      if (!status.ok()) return status;
      for (const auto& entry : response.entries()) out->push_back(entry);
      if (response.next_page_token().empty()) return grpc::Status::OK;
      request.set_page_token(response.next_page_token());
    }
    return grpc::Status(grpc::StatusCode::INTERNAL, "more than 1000 pages");
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Stub> stub_;

 private:
  std::atomic<int> next_request_{0};
};

// A minimal valid interaction on `channel`.
inline v1::Interaction NewInteraction(v1::Channel channel, const std::string& subject) {
  v1::Interaction interaction;
  interaction.set_channel(channel);
  interaction.set_subject(subject);
  return interaction;
}

// Names the test after the backend, for INSTANTIATE_TEST_SUITE_P.
inline std::string BackendTestName(const ::testing::TestParamInfo<Backend>& info) {
  return BackendName(info.param);
}

}  // namespace frontdesk::testing
