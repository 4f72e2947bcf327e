// Concurrent edits through the API: optimistic locking with etags loses no update.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {
namespace {

using SteadyClock = std::chrono::steady_clock;

class InteractionConcurrencyApiTest : public ApiTest {
 protected:
  // Reads the interaction and sets its subject with the etag read, again and again while the
  // update is ABORTED. Returns the first other status; DEADLINE_EXCEEDED after 500 attempts or
  // at `give_up`.
  grpc::Status UpdateWithRetries(Stub& stub, const std::string& name, const std::string& subject,
                                 SteadyClock::time_point give_up, std::atomic<int>& aborted) {
    for (int attempt = 0; attempt < 500 && SteadyClock::now() < give_up; ++attempt) {
      v1::GetInteractionRequest get;
      get.set_name(name);
      v1::Interaction current;
      const grpc::Status read = Call(stub, &Stub::GetInteraction, get, &current);
      if (!read.ok()) return read;

      v1::UpdateInteractionRequest update;
      *update.mutable_interaction() = current;
      update.mutable_interaction()->set_subject(subject);
      update.mutable_update_mask()->add_paths("subject");
      update.set_etag(current.etag());
      update.set_request_id(NextRequestId());
      v1::Interaction updated;
      const grpc::Status status = Call(stub, &Stub::UpdateInteraction, update, &updated);
      if (status.error_code() != grpc::StatusCode::ABORTED) return status;
      ++aborted;
    }
    return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "no update accepted");
  }
};

// Checks that the history is revisions 1..N and that each update's subject "before" is the
// previous update's "after": no update was overwritten without being seen.
void ExpectUnbrokenHistory(const std::vector<v1::InteractionHistoryEntry>& history,
                           std::string subject, int expected_updates) {
  int updates = 0;
  for (size_t i = 0; i < history.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(history[i].revision(), static_cast<int64_t>(i + 1));
    if (history[i].action() != "UpdateInteraction") continue;
    ++updates;
    ASSERT_EQ(history[i].changes_size(), 1);
    EXPECT_EQ(history[i].changes(0).field(), "subject");
    EXPECT_EQ(history[i].changes(0).before(), subject);
    subject = history[i].changes(0).after();
  }
  EXPECT_EQ(updates, expected_updates);
}

TEST_P(InteractionConcurrencyApiTest, EtagRetriesLoseNoUpdate) {
  constexpr int kClients = 10;
  constexpr int kUpdatesPerClient = 10;
  const auto give_up = SteadyClock::now() + std::chrono::seconds(120);
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_PHONE, "Contended"), &created));
  std::atomic<int> succeeded{0};
  std::atomic<int> aborted{0};
  std::vector<std::string> failures(kClients);

  std::latch start(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      auto stub = server_->NewInteractionStub();
      start.arrive_and_wait();
      for (int u = 0; u < kUpdatesPerClient && failures[c].empty(); ++u) {
        const grpc::Status status = UpdateWithRetries(
            *stub, created.name(), domain::Cat("client ", c, " update ", u), give_up, aborted);
        if (status.ok()) ++succeeded;
        if (!status.ok()) failures[c] = Describe(status);
      }
    });
  }
  for (std::thread& client : clients) client.join();

  for (int c = 0; c < kClients; ++c) EXPECT_EQ(failures[c], "") << "client " << c;
  EXPECT_EQ(succeeded.load(), kClients * kUpdatesPerClient);
  v1::Interaction final_state;
  ASSERT_GRPC_OK(Get(created.name(), &final_state));
  EXPECT_EQ(VersionOf(final_state.etag()), 1 + succeeded.load());
  std::vector<v1::InteractionHistoryEntry> history;
  ASSERT_GRPC_OK(History(created.name(), &history, 7));
  ASSERT_EQ(history.size(), static_cast<size_t>(1 + succeeded.load()));
  ExpectUnbrokenHistory(history, "Contended", succeeded.load());
  EXPECT_EQ(final_state.subject(), history.back().changes(0).after());
  RecordProperty("aborted_attempts", aborted.load());
}

TEST_P(InteractionConcurrencyApiTest, ConcurrentRetriesOfOneRequestAllGetItsFirstResult) {
  constexpr int kRetries = 10;
  v1::Interaction created;
  ASSERT_GRPC_OK(Create(NewInteraction(v1::CHANNEL_CHAT, "Retried hold"), &created));
  v1::LogCommunicationResponse reply;
  ASSERT_GRPC_OK(Log(created.name(), v1::AUTHOR_KIND_AGENT, v1::COMMUNICATION_DIRECTION_OUTBOUND,
                     "Can you send a screenshot?", &reply));
  v1::HoldInteractionRequest request;
  request.set_name(created.name());
  request.set_reason(v1::HOLD_REASON_AWAITING_USER);
  request.set_etag(reply.interaction().etag());
  request.set_request_id("hold-once");
  std::vector<grpc::Status> statuses(kRetries);
  std::vector<v1::Interaction> responses(kRetries);

  // A client whose first attempt timed out may send the same request again while it still runs.
  std::latch start(kRetries);
  std::vector<std::thread> clients;
  for (int i = 0; i < kRetries; ++i) {
    clients.emplace_back([&, i] {
      auto stub = server_->NewInteractionStub();
      start.arrive_and_wait();
      statuses[i] = Call(*stub, &Stub::HoldInteraction, request, &responses[i]);
    });
  }
  for (std::thread& client : clients) client.join();

  for (int i = 0; i < kRetries; ++i) {
    SCOPED_TRACE(i);
    EXPECT_GRPC_OK(statuses[i]);
    EXPECT_EQ(responses[i].state(), v1::INTERACTION_STATE_ON_HOLD);
    EXPECT_EQ(VersionOf(responses[i].etag()), VersionOf(reply.interaction().etag()) + 1);
  }
  std::vector<v1::InteractionHistoryEntry> history;
  ASSERT_GRPC_OK(History(created.name(), &history));
  EXPECT_EQ(history.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Stores, InteractionConcurrencyApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
