#pragma once

#include <soci/soci.h>

#include "domain/repository.h"
#include "storage/database.h"
#include "storage/sql_row.h"

namespace frontdesk::storage {

// The columns of a contact row.
const std::vector<std::string_view>& ContactColumns();

// Writes a contact into a row of ContactColumns().
void EncodeContact(const domain::Contact& contact, SqlRow& row);

// Contacts in MySQL or SQLite, unique by external reference.
class SqlContactRepository final : public domain::ContactRepository {
 public:
  explicit SqlContactRepository(Database& database) : database_(database) {}

  absl::StatusOr<domain::UpsertOutcome> Upsert(const domain::Contact& contact,
                                               const domain::RequestMeta& meta) override;
  absl::StatusOr<domain::Contact> Get(const std::string& id) override;
  absl::StatusOr<domain::Page<domain::Contact>> List(const domain::PageRequest& page) override;
  absl::StatusOr<std::vector<domain::Contact>> Search(const std::string& text,
                                                      int limit) override;

 private:
  // Creates or updates the contact; the caller holds the transaction.
  domain::UpsertOutcome ApplyUpsert(soci::session& session, const domain::Contact& contact);

  Database& database_;
};

}  // namespace frontdesk::storage
