// Streams synthetic historical interactions to a running server's ImportInteractions and
// prints the rate. Each record is a resolved phone call with two communications and four
// historical changes (five revisions once stored). References carry a per-run prefix, so every
// run creates new interactions.
//
//   frontdesk_import_benchmark --target=127.0.0.1:50051 [--records=100000] [--batch=1000]
//                              [--prefix=bench-...] [--timeout_seconds=600]
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "frontdesk/v1/interaction_service.grpc.pb.h"

namespace {

namespace v1 = ::frontdesk::v1;
using Clock = std::chrono::steady_clock;

constexpr long kMaxRecords = 1'000'000;
constexpr int kMaxBatch = 1000;
// Request messages sent ahead of their responses, so the server never waits for the client.
constexpr int kWindow = 3;

struct Options {
  std::string target;
  long records = 100'000;
  int batch = 1000;
  std::string prefix;
  long timeout_seconds = 600;
};

bool ParseFlag(std::string_view arg, std::string_view name, std::string* value) {
  const std::string prefix = absl::StrCat("--", std::string(name), "=");
  if (!arg.starts_with(prefix)) return false;
  *value = std::string(arg.substr(prefix.size()));
  return true;
}

bool ParseOptions(int argc, char** argv, Options* options) {
  options->prefix = absl::StrCat(
      "bench-", std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count());
  for (int i = 1; i < argc; ++i) {
    std::string value;
    const std::string_view arg = argv[i];
    bool ok = true;
    if (ParseFlag(arg, "target", &value)) {
      options->target = value;
    } else if (ParseFlag(arg, "records", &value)) {
      ok = absl::SimpleAtoi(value, &options->records);
    } else if (ParseFlag(arg, "batch", &value)) {
      ok = absl::SimpleAtoi(value, &options->batch);
    } else if (ParseFlag(arg, "prefix", &value)) {
      options->prefix = value;
    } else if (ParseFlag(arg, "timeout_seconds", &value)) {
      ok = absl::SimpleAtoi(value, &options->timeout_seconds);
    } else {
      ok = false;
    }
    if (!ok) {
      std::fprintf(stderr, "bad argument: %s\n", argv[i]);
      return false;
    }
  }
  return !options->target.empty() && options->records >= 1 && options->records <= kMaxRecords &&
         options->batch >= 1 && options->batch <= kMaxBatch && options->timeout_seconds > 0;
}

google::protobuf::Timestamp At(int64_t seconds) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  return t;
}

v1::ImportedInteraction MakeRecord(const std::string& prefix, long k) {
  // A second apart, starting about a year ago, so that every time is in the past.
  const int64_t received = std::time(nullptr) - 366 * 86400 + k % (360 * 86400);
  v1::ImportedInteraction record;
  record.set_external_reference(absl::StrCat(prefix, ":", k));
  v1::Interaction* i = record.mutable_interaction();
  i->set_channel(v1::CHANNEL_PHONE);
  i->set_subject(absl::StrCat("Synthetic call ", k));
  i->set_state(v1::INTERACTION_STATE_RESOLVED);
  i->set_queue("queues/service-desk");
  i->set_agent(absl::StrCat("agents/agent-", k % 40));
  *i->mutable_receive_time() = At(received);
  *i->mutable_queue_time() = At(received + 30);
  *i->mutable_first_response_time() = At(received + 120);
  *i->mutable_resolve_time() = At(received + 900);
  i->set_resolution_code("resolved");
  const v1::InteractionState states[] = {v1::INTERACTION_STATE_NEW, v1::INTERACTION_STATE_QUEUED,
                                         v1::INTERACTION_STATE_IN_PROGRESS,
                                         v1::INTERACTION_STATE_RESOLVED};
  const int64_t offsets[] = {0, 30, 120, 900};
  for (int s = 0; s < 4; ++s) {
    v1::ImportedChange* change = record.add_history();
    *change->mutable_change_time() = At(received + offsets[s]);
    change->set_state(states[s]);
  }
  record.mutable_history(1)->set_queue(i->queue());
  record.mutable_history(2)->set_agent(i->agent());
  for (int c = 0; c < 2; ++c) {
    v1::Communication* message = record.add_communications();
    message->set_direction(c == 0 ? v1::COMMUNICATION_DIRECTION_INBOUND
                                  : v1::COMMUNICATION_DIRECTION_OUTBOUND);
    message->set_author_kind(c == 0 ? v1::AUTHOR_KIND_END_USER : v1::AUTHOR_KIND_AGENT);
    if (c == 1) message->set_author(i->agent());
    message->set_body(c == 0 ? "My headset does not work" : "Replaced the headset cable");
    *message->mutable_occur_time() = At(received + offsets[c + 1] + 10);
  }
  return record;
}

struct Tally {
  long created = 0;
  long already_imported = 0;
  long rejected = 0;
};

// Sends every batch from its own thread, at most kWindow ahead of the responses.
class Sender {
 public:
  Sender(grpc::ClientReaderWriter<v1::ImportInteractionsRequest,
                                  v1::ImportInteractionsResponse>& stream,
         const Options& options)
      : stream_(stream), options_(options) {}

  void Run() {
    for (long first = 0; first < options_.records; first += options_.batch) {
      v1::ImportInteractionsRequest request;
      const long end = std::min(options_.records, first + options_.batch);
      for (long k = first; k < end; ++k) *request.add_records() = MakeRecord(options_.prefix, k);
      std::unique_lock lock(mutex_);
      room_.wait(lock, [&] { return in_flight_ < kWindow; });
      ++in_flight_;
      lock.unlock();
      if (!stream_.Write(request)) break;
    }
    stream_.WritesDone();
  }

  void Answered() {
    std::lock_guard lock(mutex_);
    --in_flight_;
    room_.notify_one();
  }

 private:
  grpc::ClientReaderWriter<v1::ImportInteractionsRequest, v1::ImportInteractionsResponse>&
      stream_;
  const Options& options_;
  std::mutex mutex_;
  std::condition_variable room_;
  int in_flight_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, &options)) {
    std::fprintf(stderr,
                 "usage: frontdesk_import_benchmark --target=HOST:PORT [--records=1..%ld] "
                 "[--batch=1..%d] [--prefix=TEXT] [--timeout_seconds=N]\n",
                 kMaxRecords, kMaxBatch);
    return 2;
  }
  auto channel = grpc::CreateChannel(options.target, grpc::InsecureChannelCredentials());
  auto stub = v1::InteractionService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(options.timeout_seconds));
  context.AddMetadata("x-frontdesk-actor", "agents/import-benchmark");

  const auto start = Clock::now();
  auto stream = stub->ImportInteractions(&context);
  Sender sender(*stream, options);
  std::thread sending([&] { sender.Run(); });
  Tally tally;
  v1::ImportInteractionsResponse response;
  while (stream->Read(&response)) {
    sender.Answered();
    for (const auto& result : response.results()) {
      if (result.outcome() == v1::IMPORT_OUTCOME_CREATED) ++tally.created;
      if (result.outcome() == v1::IMPORT_OUTCOME_ALREADY_IMPORTED) ++tally.already_imported;
      if (result.outcome() == v1::IMPORT_OUTCOME_REJECTED) ++tally.rejected;
    }
  }
  sending.join();
  const grpc::Status status = stream->Finish();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  const long answered = tally.created + tally.already_imported + tally.rejected;
  std::printf("records=%ld created=%ld already_imported=%ld rejected=%ld seconds=%.2f "
              "records_per_second=%.0f\n",
              answered, tally.created, tally.already_imported, tally.rejected, seconds,
              answered / seconds);
  if (!status.ok()) {
    std::fprintf(stderr, "stream ended with code %d: %s\n", static_cast<int>(status.error_code()),
                 status.error_message().c_str());
    return 1;
  }
  return answered == options.records && tally.rejected == 0 ? 0 : 1;
}
