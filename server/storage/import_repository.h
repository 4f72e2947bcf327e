#pragma once

#include "domain/import.h"
#include "storage/database.h"

namespace frontdesk::storage {

// Imported interactions in MySQL or SQLite. A batch is one transaction: the references seen
// before are read, then the new interactions, their contacts, conversations and revisions are
// written with multi-row inserts, and a block of change-log sequences is taken last. The
// reference's primary key in interaction_imports makes a racing import of the same reference
// fail with a duplicate key; the batch is then run again and finds it imported. A batch that
// fails for any other reason than an outage is stored again record by record, so that one bad
// record cannot lose the others.
class SqlImportRepository final : public domain::ImportRepository {
 public:
  SqlImportRepository(Database& database, const domain::Clock& clock)
      : database_(database), clock_(clock) {}

  absl::StatusOr<std::vector<domain::StoredImport>> StoreImports(
      const std::vector<domain::PreparedImport>& records) override;

 private:
  absl::StatusOr<std::vector<domain::StoredImport>> StoreEach(
      const std::vector<domain::PreparedImport>& records);

  Database& database_;
  const domain::Clock& clock_;
};

}  // namespace frontdesk::storage
