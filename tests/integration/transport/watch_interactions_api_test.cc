// WatchInteractions through the API: commit order, resuming after a disconnect with no gap and
// no duplicate, filters, heartbeats, and changes made through another server on the database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "integration/transport/api_test_util.h"

namespace frontdesk::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAreArray;

// Long enough for a heartbeat (every 5 s) and far more than any change needs to arrive.
constexpr auto kWatchDeadline = std::chrono::seconds(10);

// Identifies one committed change: the interaction and the version it produced.
std::string ChangeKey(const v1::Interaction& interaction) {
  return domain::Cat(interaction.name(), "@", VersionOf(interaction.etag()));
}

// One WatchInteractions stream with its own context and deadline.
class Watch {
 public:
  Watch(Stub& stub, const std::string& filter, const std::string& start_cursor) {
    PrepareContext(context_, kTestActor, kWatchDeadline);
    v1::WatchInteractionsRequest request;
    request.set_filter(filter);
    request.set_start_cursor(start_cursor);
    reader_ = stub.WatchInteractions(&context_, request);
  }

  ~Watch() { Stop(); }

  // Blocks until the server has taken the start position (or failed the call).
  void WaitUntilStarted() { reader_->WaitForInitialMetadata(); }

  // Reads the next message; false when the stream ended.
  bool Read(v1::WatchInteractionsResponse* response) {
    if (!reader_->Read(response)) return false;
    last_cursor_ = response->cursor();
    return true;
  }

  // Reads until `count` changes arrived, skipping heartbeats, and appends their keys; false when
  // the stream ended first.
  bool ReadChanges(size_t count, std::vector<std::string>* keys) {
    v1::WatchInteractionsResponse response;
    for (size_t seen = 0; seen < count;) {
      if (!Read(&response)) return false;
      if (!response.has_change()) continue;
      keys->push_back(ChangeKey(response.change().interaction()));
      ++seen;
    }
    return true;
  }

  // Ends the stream as a client going away does, and returns its final status.
  grpc::Status Stop() {
    if (finished_) return status_;
    context_.TryCancel();
    return Finish();
  }

  // Waits for the server to end the stream and returns its status.
  grpc::Status Finish() {
    if (finished_) return status_;
    v1::WatchInteractionsResponse ignored;
    while (reader_->Read(&ignored)) {
    }
    status_ = reader_->Finish();
    finished_ = true;
    return status_;
  }

  const std::string& last_cursor() const { return last_cursor_; }

 private:
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<v1::WatchInteractionsResponse>> reader_;
  std::string last_cursor_;
  grpc::Status status_;
  bool finished_ = false;
};

class WatchInteractionsApiTest : public ApiTest {
 protected:
  // Changes the subject of `interaction` and returns the change's key.
  std::string Touch(v1::Interaction& interaction, const std::string& subject) {
    v1::Interaction patch = interaction;
    patch.set_subject(subject);
    const grpc::Status status = Update(patch, {"subject"}, "", &interaction);
    EXPECT_TRUE(status.ok()) << Describe(status);
    return ChangeKey(interaction);
  }

  std::string CreateKeyed(v1::Channel channel, v1::Interaction* created) {
    const grpc::Status status = Create(NewInteraction(channel, "Watched"), created);
    EXPECT_TRUE(status.ok()) << Describe(status);
    return ChangeKey(*created);
  }
};

TEST_P(WatchInteractionsApiTest, DeliversChangesInCommitOrder) {
  auto watcher_stub = server_->NewInteractionStub();
  Watch watch(*watcher_stub, "", "");
  watch.WaitUntilStarted();
  std::vector<std::string> made;
  v1::Interaction a, b;
  made.push_back(CreateKeyed(v1::CHANNEL_PHONE, &a));
  made.push_back(CreateKeyed(v1::CHANNEL_EMAIL, &b));
  made.push_back(Touch(a, "first edit of a"));
  v1::LogCommunicationResponse logged;
  ASSERT_GRPC_OK(
      Log(b.name(), v1::AUTHOR_KIND_AGENT, v1::COMMUNICATION_DIRECTION_OUTBOUND, "On it", &logged));
  made.push_back(ChangeKey(logged.interaction()));
  made.push_back(Touch(a, "second edit of a"));

  std::vector<v1::WatchInteractionsResponse> received;
  v1::WatchInteractionsResponse response;
  while (received.size() < made.size() && watch.Read(&response)) {
    if (response.has_change()) received.push_back(response);
  }

  std::vector<std::string> keys;
  for (const auto& message : received) keys.push_back(ChangeKey(message.change().interaction()));
  EXPECT_THAT(keys, ElementsAreArray(made));
  ASSERT_EQ(received.size(), 5u);
  EXPECT_EQ(received[0].change().change_type(), v1::CHANGE_TYPE_CREATED);
  EXPECT_EQ(received[0].change().action(), "CreateInteraction");
  EXPECT_EQ(received[2].change().change_type(), v1::CHANGE_TYPE_UPDATED);
  EXPECT_EQ(received[2].change().action(), "UpdateInteraction");
  EXPECT_EQ(received[3].change().action(), "LogCommunication");
  EXPECT_EQ(received[3].change().interaction().state(), v1::INTERACTION_STATE_IN_PROGRESS);
  for (const auto& message : received) EXPECT_FALSE(message.cursor().empty());
}

TEST_P(WatchInteractionsApiTest, ResumesAfterADisconnectWithNoGapAndNoDuplicate) {
  constexpr int kChanges = 30;
  constexpr size_t kReadBeforeDisconnect = 8;
  auto watcher_stub = server_->NewInteractionStub();
  auto first = std::make_unique<Watch>(*watcher_stub, "", "");
  first->WaitUntilStarted();
  std::mutex mutex;
  std::vector<std::string> made;
  std::atomic<int> made_count{0};
  std::thread writer([&] {
    std::vector<v1::Interaction> interactions(3);
    for (int i = 0; i < kChanges; ++i) {
      const std::string key = i < 3 ? CreateKeyed(v1::CHANNEL_CHAT, &interactions[i])
                                    : Touch(interactions[i % 3], domain::Cat("edit ", i));
      {
        std::lock_guard lock(mutex);
        made.push_back(key);
      }
      ++made_count;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });

  std::vector<std::string> received;
  EXPECT_TRUE(first->ReadChanges(kReadBeforeDisconnect, &received));
  const std::string cursor = first->last_cursor();
  first.reset();
  // Reconnect only once changes were made in the gap (bounded wait).
  const auto gap_end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (made_count.load() < static_cast<int>(kReadBeforeDisconnect) + 5 &&
         std::chrono::steady_clock::now() < gap_end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  Watch second(*watcher_stub, "", cursor);
  EXPECT_TRUE(second.ReadChanges(kChanges - received.size(), &received));
  writer.join();

  std::lock_guard lock(mutex);
  EXPECT_THAT(received, ElementsAreArray(made));
}

TEST_P(WatchInteractionsApiTest, SendsOnlyChangesThatMatchTheFilter) {
  auto watcher_stub = server_->NewInteractionStub();
  Watch watch(*watcher_stub, "channel = PHONE", "");
  watch.WaitUntilStarted();
  v1::Interaction email, phone;
  CreateKeyed(v1::CHANNEL_EMAIL, &email);
  const std::string phone_created = CreateKeyed(v1::CHANNEL_PHONE, &phone);
  Touch(email, "email edited");
  const std::string phone_edited = Touch(phone, "phone edited");
  v1::Interaction marker;
  const std::string marker_created = CreateKeyed(v1::CHANNEL_PHONE, &marker);

  std::vector<std::string> received;
  EXPECT_TRUE(watch.ReadChanges(3, &received));

  EXPECT_THAT(received, ElementsAreArray({phone_created, phone_edited, marker_created}));
}

TEST_P(WatchInteractionsApiTest, FiltersOnTheInteractionAsItWasRightAfterTheChange) {
  auto watcher_stub = server_->NewInteractionStub();
  Watch watch(*watcher_stub, "state = QUEUED", "");
  watch.WaitUntilStarted();
  v1::Interaction interaction;
  CreateKeyed(v1::CHANNEL_PHONE, &interaction);
  v1::Interaction patch = interaction;
  patch.set_queue("queues/service-desk");
  ASSERT_GRPC_OK(Update(patch, {"queue"}, "", &interaction));
  const std::string queued = ChangeKey(interaction);
  patch = interaction;
  patch.set_agent("agents/alex");
  ASSERT_GRPC_OK(Update(patch, {"agent"}, "", &interaction));
  v1::Interaction marker_fields = NewInteraction(v1::CHANNEL_EMAIL, "Marker");
  marker_fields.set_queue("queues/service-desk");
  v1::Interaction marker;
  ASSERT_GRPC_OK(Create(marker_fields, &marker));

  std::vector<std::string> received;
  EXPECT_TRUE(watch.ReadChanges(2, &received));

  EXPECT_THAT(received, ElementsAreArray({queued, ChangeKey(marker)}));
}

TEST_P(WatchInteractionsApiTest, HeartbeatsCarryACursorPastFilteredChanges) {
  auto watcher_stub = server_->NewInteractionStub();
  Watch filtered(*watcher_stub, "channel = CHAT", "");
  filtered.WaitUntilStarted();
  v1::Interaction email;
  CreateKeyed(v1::CHANNEL_EMAIL, &email);
  Touch(email, "edited once");
  Touch(email, "edited twice");

  v1::WatchInteractionsResponse heartbeat;
  ASSERT_TRUE(filtered.Read(&heartbeat)) << Describe(filtered.Finish());
  const std::string after_heartbeat = Touch(email, "edited after the heartbeat");
  Watch resumed(*watcher_stub, "", heartbeat.cursor());
  std::vector<std::string> received;
  EXPECT_TRUE(resumed.ReadChanges(1, &received));

  EXPECT_FALSE(heartbeat.has_change());
  EXPECT_FALSE(heartbeat.cursor().empty());
  EXPECT_THAT(received, ElementsAreArray({after_heartbeat}));
}

TEST_P(WatchInteractionsApiTest, SeesChangesMadeThroughAnotherServerOnTheDatabase) {
  auto replica = TestServer::Start(database_->url());
  ASSERT_TRUE(replica.ok()) << replica.status();
  auto replica_stub = (*replica)->NewInteractionStub();
  Watch watch(*replica_stub, "", "");
  watch.WaitUntilStarted();
  std::vector<std::string> made;
  v1::Interaction interaction;
  made.push_back(CreateKeyed(v1::CHANNEL_WALK_IN, &interaction));
  made.push_back(Touch(interaction, "edited on server A"));

  std::vector<std::string> received;
  EXPECT_TRUE(watch.ReadChanges(made.size(), &received));
  watch.Stop();

  EXPECT_THAT(received, ElementsAreArray(made));
}

// Creates one interaction through `stub`, then changes it until `count` changes were made,
// adding the key of each to `made`.
void WriteChanges(Stub& stub, const std::string& prefix, int count, std::mutex& mutex,
                  std::vector<std::string>& made) {
  v1::CreateInteractionRequest create;
  *create.mutable_interaction() = NewInteraction(v1::CHANNEL_MESSAGING, prefix);
  create.set_request_id(domain::Cat(prefix, "-create"));
  v1::CreateInteractionResponse created;
  grpc::Status status = Call(stub, &Stub::CreateInteraction, create, &created);
  v1::Interaction current = created.interaction();
  for (int i = 0; status.ok(); ++i) {
    {
      std::lock_guard lock(mutex);
      made.push_back(ChangeKey(current));
    }
    if (i + 1 == count) return;
    v1::UpdateInteractionRequest update;
    *update.mutable_interaction() = current;
    update.mutable_interaction()->set_subject(domain::Cat(prefix, " edit ", i));
    update.mutable_update_mask()->add_paths("subject");
    update.set_request_id(domain::Cat(prefix, "-edit-", i));
    status = Call(stub, &Stub::UpdateInteraction, update, &current);
  }
  ADD_FAILURE() << prefix << ": " << Describe(status);
}

TEST_P(WatchInteractionsApiTest, DeliversEveryChangeOnceWithWritersOnTwoServers) {
  constexpr int kChangesPerWriter = 15;
  constexpr size_t kReadBeforeDisconnect = 10;
  auto replica = TestServer::Start(database_->url());
  ASSERT_TRUE(replica.ok()) << replica.status();
  auto watcher_stub = (*replica)->NewInteractionStub();
  auto first = std::make_unique<Watch>(*watcher_stub, "", "");
  first->WaitUntilStarted();
  std::mutex mutex;
  std::vector<std::string> made;
  auto stub_a = server_->NewInteractionStub();
  auto stub_b = (*replica)->NewInteractionStub();
  std::thread writer_a([&] { WriteChanges(*stub_a, "a", kChangesPerWriter, mutex, made); });
  std::thread writer_b([&] { WriteChanges(*stub_b, "b", kChangesPerWriter, mutex, made); });

  std::vector<std::string> received;
  EXPECT_TRUE(first->ReadChanges(kReadBeforeDisconnect, &received));
  const std::string cursor = first->last_cursor();
  first.reset();
  Watch second(*watcher_stub, "", cursor);
  EXPECT_TRUE(second.ReadChanges(2 * kChangesPerWriter - received.size(), &received));
  writer_a.join();
  writer_b.join();
  second.Stop();

  std::lock_guard lock(mutex);
  EXPECT_THAT(received, ::testing::UnorderedElementsAreArray(made));
  // One interaction's changes commit one after another, so they arrive in version order.
  std::map<std::string, int64_t> last_version;
  for (const std::string& key : received) {
    const size_t at = key.rfind('@');
    const int64_t version = std::stoll(key.substr(at + 1));
    EXPECT_EQ(version, ++last_version[key.substr(0, at)]) << key;
  }
}

TEST_P(WatchInteractionsApiTest, RejectsABadFilterOrCursor) {
  auto watcher_stub = server_->NewInteractionStub();
  Watch bad_filter(*watcher_stub, "colour = RED", "");
  Watch bad_cursor(*watcher_stub, "", "yesterday");

  const grpc::Status filter_status = bad_filter.Finish();
  const grpc::Status cursor_status = bad_cursor.Finish();

  EXPECT_EQ(filter_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << Describe(filter_status);
  EXPECT_THAT(ViolatedFields(filter_status), Contains("filter"));
  EXPECT_EQ(cursor_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << Describe(cursor_status);
  EXPECT_THAT(ViolatedFields(cursor_status), Contains("start_cursor"));
}

INSTANTIATE_TEST_SUITE_P(Stores, WatchInteractionsApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMySql), BackendTestName);

}  // namespace
}  // namespace frontdesk::testing
