#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "datasets/delimited.h"
#include "frontdesk/v1/interaction_service.pb.h"

namespace frontdesk::cli {

// A source file turned into import records.
struct MappedDataset {
  // One record per source interaction, in order of first appearance in the file.
  std::vector<frontdesk::v1::ImportedInteraction> records;
  // Rows that could not be read (bad dates, missing columns, unknown codes, broken UTF-8),
  // with line number and reason. They are left out; the rest is mapped as if they were absent.
  std::vector<RowIssue> malformed;
  // Well-formed rows left out on purpose by the mapping (e.g. anonbank PHANTOM calls).
  int64_t skipped_rows = 0;
  // Well-formed rows of records left out because another of their rows was cut short.
  int64_t excluded_rows = 0;
  // Data rows read, header excluded.
  int64_t source_rows = 0;
};

// The data sets the client can import.
enum class DatasetKind { kAnonbank, kHelpdesk, kServiceNow };

// "anonbank", "helpdesk" or "servicenow"; nullopt for anything else.
std::optional<DatasetKind> ParseDatasetKind(std::string_view name);

// Maps the text of each data set's file; see docs/import-mappings.md. INVALID_ARGUMENT when
// the header is not the expected one (the wrong file), so that nothing is guessed.
absl::StatusOr<MappedDataset> MapAnonbank(std::string_view tsv);
absl::StatusOr<MappedDataset> MapHelpdesk(std::string_view csv);
absl::StatusOr<MappedDataset> MapServiceNow(std::string_view csv);

// Reads the file at `path` (the CSV inside the zip for ServiceNow) and maps it. NOT_FOUND or
// INVALID_ARGUMENT when the file cannot be read or is not the data set named.
absl::StatusOr<MappedDataset> LoadDataset(DatasetKind kind, const std::string& path);

// Reads the one entry of the zip archive at `path` whose name ends with `suffix`.
absl::StatusOr<std::string> ReadZipEntry(const std::string& path, std::string_view suffix);

}  // namespace frontdesk::cli
