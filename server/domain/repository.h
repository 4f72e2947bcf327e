#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/filter.h"
#include "domain/interaction.h"
#include "domain/interaction_rules.h"

namespace frontdesk::domain {

// Storage interfaces the domain needs. Implementations make every method one transaction and
// return UNAVAILABLE when the database cannot be reached, ABORTED on a conflict that outlived
// their retries, and INTERNAL for anything else.

// Who asks, and how to recognise a retry of the same request.
struct RequestMeta {
  std::string request_id;   // Empty only for reads.
  uint64_t fingerprint = 0; // Identifies the request's content; a reused id must match it.
  std::string actor;
  std::string etag;         // Expected etag, or empty.
};

// A request for one page in a keyset-paginated listing.
struct PageRequest {
  int page_size = 50;
  std::string after_key;  // Opaque position decoded from a page token; empty for the first.
};

// The orderings interactions can be listed in.
enum class InteractionOrder { kReceiveTimeDesc, kReceiveTimeAsc, kUpdateTimeDesc,
                              kUpdateTimeAsc, kCreateTimeDesc, kCreateTimeAsc };

struct InteractionQuery {
  Filter filter;
  InteractionOrder order = InteractionOrder::kReceiveTimeDesc;
  PageRequest page;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_key;  // Position after the last item; empty when there is no more.
};

struct CreateOutcome {
  Interaction interaction;
  bool duplicate = false;  // The channel key matched an existing interaction.
};

struct MutationOutcome {
  Interaction interaction;
  std::optional<Communication> communication;
};

// Computes a change from the interaction as stored (read under a row lock).
using MutationFunction = std::function<absl::StatusOr<Mutation>(const Interaction& current)>;

class InteractionRepository {
 public:
  virtual ~InteractionRepository() = default;

  // Stores a new interaction, unless the request id was seen (returns the interaction as first
  // created) or the channel key is taken (returns that interaction with duplicate set).
  // Returns ALREADY_EXISTS when the request id was used for a different request.
  virtual absl::StatusOr<CreateOutcome> Create(const Interaction& interaction,
                                               const RequestMeta& meta) = 0;

  // Returns NOT_FOUND when no interaction has the id.
  virtual absl::StatusOr<Interaction> Get(const std::string& id) = 0;

  virtual absl::StatusOr<Page<Interaction>> List(const InteractionQuery& query) = 0;

  // Locks the interaction, calls `mutate`, and stores the result with a history revision, all in
  // one transaction. A retried request id returns the revision it first produced.
  virtual absl::StatusOr<MutationOutcome> Mutate(const std::string& id, const RequestMeta& meta,
                                                 std::string_view action,
                                                 const MutationFunction& mutate) = 0;

  virtual absl::StatusOr<Page<Communication>> ListCommunications(const std::string& id,
                                                                 const PageRequest& page) = 0;

  // Lists an interaction's revisions, oldest first.
  virtual absl::StatusOr<Page<InteractionRevision>> ListRevisions(const std::string& id,
                                                                  const PageRequest& page) = 0;

  // Returns up to `limit` revisions of any interaction committed after `after_sequence`, in
  // commit order. Sequences are assigned in commit order, so none can appear later below one
  // already returned.
  virtual absl::StatusOr<std::vector<InteractionRevision>> ReadChanges(int64_t after_sequence,
                                                                       int limit) = 0;

  // Returns the sequence of the latest committed change, 0 when there is none.
  virtual absl::StatusOr<int64_t> LatestSequence() = 0;
};

struct UpsertOutcome {
  Contact contact;
  bool created = false;
};

class ContactRepository {
 public:
  virtual ~ContactRepository() = default;

  // Creates the contact or updates the one with its external reference. A retried request id
  // returns the contact as stored now, with `created` false; one used for a different request
  // returns ALREADY_EXISTS.
  virtual absl::StatusOr<UpsertOutcome> Upsert(const Contact& contact,
                                               const RequestMeta& meta) = 0;

  // Returns NOT_FOUND when no contact has the id.
  virtual absl::StatusOr<Contact> Get(const std::string& id) = 0;

  // Lists contacts ordered by external reference.
  virtual absl::StatusOr<Page<Contact>> List(const PageRequest& page) = 0;

  // Returns contacts whose name or email contains `text`, ignoring the case of Latin, Greek and
  // Cyrillic letters (see domain::FoldCase).
  virtual absl::StatusOr<std::vector<Contact>> Search(const std::string& text, int limit) = 0;
};

}  // namespace frontdesk::domain
