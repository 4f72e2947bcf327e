#include "commands/import_stream.h"

#include <string>
#include <thread>

#include "app/rpc.h"

namespace frontdesk::cli {
namespace {

using frontdesk::v1::ImportInteractionsRequest;
using frontdesk::v1::ImportInteractionsResponse;

// Writes every batch, then half-closes. Stops early when the stream breaks; the reader then
// sees the status.
void WriteBatches(grpc::ClientReaderWriterInterface<ImportInteractionsRequest,
                                                    ImportInteractionsResponse>& stream,
                  const std::vector<frontdesk::v1::ImportedInteraction>& records,
                  size_t batch_size) {
  for (size_t begin = 0; begin < records.size(); begin += batch_size) {
    ImportInteractionsRequest request;
    const size_t end = std::min(records.size(), begin + batch_size);
    for (size_t i = begin; i < end; ++i) *request.add_records() = records[i];
    if (!stream.Write(request)) break;
  }
  stream.WritesDone();
}

void Count(const ImportInteractionsResponse& response, const ImportCallbacks& callbacks,
           ImportCounts& counts) {
  for (const auto& result : response.results()) {
    switch (result.outcome()) {
      case frontdesk::v1::IMPORT_OUTCOME_CREATED:
        ++counts.created;
        break;
      case frontdesk::v1::IMPORT_OUTCOME_ALREADY_IMPORTED:
        ++counts.already_imported;
        break;
      default:
        ++counts.rejected;
        callbacks.on_rejected(result);
        break;
    }
  }
}

}  // namespace

grpc::Status StreamImport(frontdesk::v1::InteractionService::StubInterface& stub,
                          const CommandContext& context,
                          const std::vector<frontdesk::v1::ImportedInteraction>& records,
                          size_t batch_size, const ImportCallbacks& callbacks,
                          ImportCounts& counts) {
  grpc::ClientContext call;
  // Generous: a large file on a slow database takes minutes; the bound only stops a hung server.
  PrepareCall(call, context, std::chrono::hours(2));
  auto stream = stub.ImportInteractions(&call);
  std::thread writer([&] { WriteBatches(*stream, records, batch_size); });

  ImportInteractionsResponse response;
  while (stream->Read(&response)) {
    Count(response, callbacks, counts);
    callbacks.on_progress(counts.answered());
  }
  writer.join();
  const grpc::Status status = stream->Finish();
  // A message the server cannot decode ends its side of the stream early without an error, so
  // every record must have been answered for the import to count as complete.
  if (status.ok() && counts.answered() < static_cast<int64_t>(records.size())) {
    return grpc::Status(grpc::StatusCode::DATA_LOSS,
                        "the server answered " + std::to_string(counts.answered()) + " of " +
                            std::to_string(records.size()) +
                            " records; run the import again to resume");
  }
  return status;
}

}  // namespace frontdesk::cli
