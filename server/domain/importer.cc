#include <map>

#include "domain/ids.h"
#include "domain/import.h"

namespace frontdesk::domain {
namespace {

ImportResult FromStored(const StoredImport& stored, bool repeat) {
  if (!stored.error.ok()) return {ImportResult::Outcome::kRejected, "", stored.error};
  const bool created = stored.created && !repeat;
  return {created ? ImportResult::Outcome::kCreated : ImportResult::Outcome::kAlreadyImported,
          stored.interaction_id, absl::OkStatus()};
}

}  // namespace

Importer::Importer(ImportRepository& repository, const Clock& clock)
    : repository_(repository), clock_(clock) {}

absl::StatusOr<std::vector<ImportResult>> Importer::Import(
    const std::vector<ImportRecord>& records) {
  const Timestamp now = clock_.Now();
  const auto new_id = [now] { return NewId(now); };
  std::vector<ImportResult> results(records.size());
  std::vector<PreparedImport> prepared;
  std::vector<size_t> prepared_of(records.size(), records.size());  // Index into `prepared`.
  std::map<std::string, size_t> first_with_reference;
  for (size_t i = 0; i < records.size(); ++i) {
    auto record = PrepareImport(records[i], now, new_id);
    if (!record.ok()) {
      results[i].error = record.status();
      continue;
    }
    // A reference repeated within the batch is stored once; the repeat is answered like a
    // re-import.
    auto [first, inserted] =
        first_with_reference.emplace(record->external_reference, prepared.size());
    prepared_of[i] = first->second;
    if (inserted) prepared.push_back(*std::move(record));
  }

  auto stored = repository_.StoreImports(prepared);
  if (!stored.ok()) return stored.status();

  std::vector<bool> answered(prepared.size(), false);
  for (size_t i = 0; i < records.size(); ++i) {
    const size_t k = prepared_of[i];
    if (k == records.size()) continue;
    results[i] = FromStored((*stored)[k], answered[k]);
    answered[k] = true;
  }
  return results;
}

}  // namespace frontdesk::domain
