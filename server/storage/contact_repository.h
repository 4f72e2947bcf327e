#pragma once

#include "domain/repository.h"
#include "storage/database.h"

namespace frontdesk::storage {

// Contacts in MySQL or SQLite, unique by external reference.
class SqlContactRepository final : public domain::ContactRepository {
 public:
  explicit SqlContactRepository(Database& database) : database_(database) {}

  absl::StatusOr<domain::UpsertOutcome> Upsert(const domain::Contact& contact) override;
  absl::StatusOr<domain::Contact> Get(const std::string& id) override;
  absl::StatusOr<domain::Page<domain::Contact>> List(const domain::PageRequest& page) override;
  absl::StatusOr<std::vector<domain::Contact>> Search(const std::string& text,
                                                      int limit) override;

 private:
  Database& database_;
};

}  // namespace frontdesk::storage
