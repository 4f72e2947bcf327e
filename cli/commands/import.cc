// frontdesk import: loads a data set file and imports it through ImportInteractions.
#include <chrono>
#include <ostream>

#include "absl/strings/str_format.h"
#include "app/rpc.h"
#include "commands/commands.h"
#include "commands/import_stream.h"
#include "datasets/dataset.h"
#include "output/progress.h"

namespace frontdesk::cli {
namespace {

// Rejections printed one by one; beyond this only the count, to keep the terminal usable.
constexpr int64_t kRejectionsShown = 50;

void ReportMalformed(const std::string& path, const MappedDataset& mapped, std::ostream& err) {
  for (const RowIssue& issue : mapped.malformed) {
    err << path << ":" << issue.line << ": malformed row skipped: " << issue.reason << "\n";
  }
}

void ReportRejected(const frontdesk::v1::ImportResult& result, int64_t& shown, std::ostream& err) {
  if (++shown > kRejectionsShown) return;
  err << "rejected " << result.external_reference() << ": " << result.error().message() << "\n";
}

void PrintSummary(const MappedDataset& mapped, const ImportCounts& counts, double seconds,
                  std::ostream& out) {
  const double rate = seconds > 0 ? counts.answered() / seconds : 0;
  out << absl::StrFormat(
      "records:          %d (from %d rows)\n"
      "created:          %d\n"
      "already imported: %d\n"
      "rejected:         %d\n"
      "malformed rows:   %d\n"
      "skipped rows:     %d\n"
      "left-out rows:    %d\n"
      "elapsed:          %.2f s\n"
      "records/s:        %.0f\n",
      mapped.records.size(), mapped.source_rows, counts.created, counts.already_imported,
      counts.rejected, mapped.malformed.size(), mapped.skipped_rows, mapped.excluded_rows,
      seconds, rate);
}

int RunImport(const ParsedArgs& args, CommandContext& context) {
  const auto kind = ParseDatasetKind(args.positional[0]);
  const auto batch = IntFlag(args, "batch", 1000, 1, 1000);
  if (!kind || !batch.ok()) {
    context.err << "frontdesk import: "
                << (kind ? std::string(batch.status().message())
                         : "the data set is anonbank, helpdesk or servicenow")
                << "\n";
    return kExitUsage;
  }
  const std::string& path = args.positional[1];
  auto mapped = LoadDataset(*kind, path);
  if (!mapped.ok()) {
    context.err << "frontdesk import: " << mapped.status().message() << "\n";
    return kExitInput;
  }
  ReportMalformed(path, *mapped, context.err);

  const auto start = std::chrono::steady_clock::now();
  Progress progress(context.err, context.err_is_terminal,
                    static_cast<int64_t>(mapped->records.size()), start);
  int64_t rejections_shown = 0;
  ImportCallbacks callbacks{
      [&](int64_t done) { progress.Update(done); },
      [&](const auto& result) { ReportRejected(result, rejections_shown, context.err); }};
  auto stub = frontdesk::v1::InteractionService::NewStub(context.channel);
  ImportCounts counts;
  const grpc::Status status =
      StreamImport(*stub, context, mapped->records, *batch, callbacks, counts);
  progress.Finish(counts.answered());

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (rejections_shown > kRejectionsShown) {
    context.err << "... and " << rejections_shown - kRejectionsShown << " more rejected records\n";
  }
  PrintSummary(*mapped, counts, seconds, context.out);
  if (!status.ok()) return ReportRpcError(status, "import", context.err);
  return counts.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

Command ImportCommand() {
  return {"import",
          "DATASET FILE",
          "Import a service-desk data set: anonbank, helpdesk or servicenow.",
          "FILE is calls_1999_02.tsv (anonbank), helpdesk_events.csv (helpdesk) or\n"
          "incident_event_log.zip or its CSV (servicenow); docs/import-mappings.md gives each\n"
          "mapping. Records are identified by '<dataset>:<source id>', so a re-run creates\n"
          "nothing twice. Malformed rows are reported with their line and skipped. Progress goes\n"
          "to stderr, the summary to stdout. Exit 0 when every record was created or already\n"
          "imported, 5 when the server rejected some, 3 when FILE cannot be read.",
          {{"batch", "N", "records per stream message, 1 to 1000 (default 1000, the fastest)"}},
          2,
          2,
          RunImport};
}

}  // namespace frontdesk::cli
