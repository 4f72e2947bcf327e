#pragma once

#include "domain/repository.h"
#include "storage/database.h"

namespace frontdesk::storage {

// Interactions, their conversation, history and change log in MySQL or SQLite. Every mutation
// locks the interaction row, writes the new row, a revision and the request id, and takes the
// next change-log sequence last, in one transaction.
class SqlInteractionRepository final : public domain::InteractionRepository {
 public:
  explicit SqlInteractionRepository(Database& database) : database_(database) {}

  absl::StatusOr<domain::CreateOutcome> Create(const domain::Interaction& interaction,
                                               const domain::RequestMeta& meta) override;
  absl::StatusOr<domain::Interaction> Get(const std::string& id) override;
  absl::StatusOr<domain::Page<domain::Interaction>> List(
      const domain::InteractionQuery& query) override;
  absl::StatusOr<domain::MutationOutcome> Mutate(const std::string& id,
                                                 const domain::RequestMeta& meta,
                                                 std::string_view action,
                                                 const domain::MutationFunction& mutate) override;
  absl::StatusOr<domain::Page<domain::Communication>> ListCommunications(
      const std::string& id, const domain::PageRequest& page) override;
  absl::StatusOr<domain::Page<domain::InteractionRevision>> ListRevisions(
      const std::string& id, const domain::PageRequest& page) override;
  absl::StatusOr<std::vector<domain::InteractionRevision>> ReadChanges(int64_t after_sequence,
                                                                       int limit) override;
  absl::StatusOr<int64_t> LatestSequence() override;

 private:
  Database& database_;
};

}  // namespace frontdesk::storage
