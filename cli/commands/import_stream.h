#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "app/command.h"
#include "frontdesk/v1/interaction_service.grpc.pb.h"

namespace frontdesk::cli {

// What the server answered for the records of one import.
struct ImportCounts {
  int64_t created = 0;
  int64_t already_imported = 0;
  int64_t rejected = 0;

  int64_t answered() const { return created + already_imported + rejected; }
};

struct ImportCallbacks {
  // Called after each answered batch with the records answered so far.
  std::function<void(int64_t answered)> on_progress;
  // Called for each rejected record.
  std::function<void(const frontdesk::v1::ImportResult&)> on_rejected;
};

// Sends `records` in batches of `batch_size` over one ImportInteractions stream. A writer thread
// sends while this thread reads the answers, so the server always has the next batch at hand.
// Returns the stream's final status; the counts cover every answer received before it ended.
grpc::Status StreamImport(frontdesk::v1::InteractionService::StubInterface& stub,
                          const CommandContext& context,
                          const std::vector<frontdesk::v1::ImportedInteraction>& records,
                          size_t batch_size, const ImportCallbacks& callbacks,
                          ImportCounts& counts);

}  // namespace frontdesk::cli
