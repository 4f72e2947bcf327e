// The ImportInteractions RPC of InteractionServiceImpl: a bidirectional stream of batches.
#include <string>
#include <vector>

#include "domain/errors.h"
#include "domain/text.h"
#include "transport/import_convert.h"
#include "transport/interaction_service.h"
#include "transport/rpc_handler.h"

namespace frontdesk::transport {
namespace {

namespace v1 = ::frontdesk::v1;

absl::Status CheckBatchSize(const v1::ImportInteractionsRequest& request) {
  const size_t size = static_cast<size_t>(request.records_size());
  if (size >= 1 && size <= domain::kMaxImportBatch) return absl::OkStatus();
  return domain::InvalidField(
      "records", domain::Cat("must hold 1 to ", domain::kMaxImportBatch, " records, got ", size));
}

}  // namespace

grpc::Status InteractionServiceImpl::ImportInteractions(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::ImportInteractionsResponse, v1::ImportInteractionsRequest>*
        stream) {
  return HandleRpc("ImportInteractions", v1::ImportInteractionsRequest(), [&]() -> absl::Status {
    v1::ImportInteractionsRequest request;
    while (!context->IsCancelled() && stream->Read(&request)) {
      if (shutting_down_) {
        return absl::UnavailableError("server shutting down; resend the unanswered records");
      }
      if (auto status = CheckBatchSize(request); !status.ok()) return status;

      auto response = ImportBatch(request);
      if (!response.ok()) return response.status();

      // A failed write means the client is gone; the batch is stored either way.
      if (!stream->Write(*response)) return absl::OkStatus();
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::ImportInteractionsResponse> InteractionServiceImpl::ImportBatch(
    const v1::ImportInteractionsRequest& request) {
  std::vector<domain::ImportRecord> records;
  std::vector<int> converted_index(request.records_size(), -1);
  std::vector<absl::Status> conversion_errors(request.records_size());
  for (int i = 0; i < request.records_size(); ++i) {
    auto record = ImportRecordFromProto(request.records(i));
    if (!record.ok()) {
      conversion_errors[i] = record.status();
      continue;
    }
    converted_index[i] = static_cast<int>(records.size());
    records.push_back(*std::move(record));
  }

  auto results = importer_.Import(records);
  if (!results.ok()) return results.status();

  v1::ImportInteractionsResponse response;
  for (int i = 0; i < request.records_size(); ++i) {
    const std::string& reference = request.records(i).external_reference();
    domain::ImportResult result;
    if (converted_index[i] < 0) {
      result.error = conversion_errors[i];
    } else {
      result = (*results)[converted_index[i]];
    }
    *response.add_results() = ToProto(reference, result);
  }
  return response;
}

}  // namespace frontdesk::transport
