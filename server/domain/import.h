#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/interaction.h"
#include "domain/time.h"

namespace frontdesk::domain {

// Importing complete historical interactions from another tool. A record is validated on its own,
// then built into what storage writes: the interaction as it ended up, its conversation, and the
// revisions of its history. Field names in errors are relative to the record
// (`external_reference`, `interaction.receive_time`, `history[2].change_time`).

// The most records, communications and history entries a batch or a record may hold.
inline constexpr size_t kMaxImportBatch = 1000;
inline constexpr size_t kMaxImportedCommunications = 1000;
inline constexpr size_t kMaxImportedChanges = 1000;

// Every revision an import writes carries this action, so that consumers of the change log can
// tell imported history from live changes.
inline constexpr std::string_view kImportAction = "ImportInteractions";

// The actor of revisions whose source names none.
inline constexpr std::string_view kImportActor = "import";

// One change in an imported interaction's history: the values right after it. Unspecified
// priority, empty queue or agent and a tier of 0 leave the previous value.
struct ImportedChange {
  Timestamp change_time;
  bool has_change_time = false;
  InteractionState state = InteractionState::kUnspecified;
  HoldReason hold_reason = HoldReason::kUnspecified;
  Priority priority = Priority::kUnspecified;
  std::string queue;
  std::string agent;
  int tier = 0;
  std::string actor;
};

// A historical interaction as the source tells it. In `interaction`, a tier of 0 means 1, an
// unspecified type means unclassified and an unspecified initial_type the type; id, contact_id,
// communication_count, version and the record times are ignored.
struct ImportRecord {
  std::string external_reference;
  Interaction interaction;
  std::optional<Timestamp> receive_time;
  std::optional<Duration> handle_duration;  // Unset: the sum of the communications' durations.
  std::optional<Contact> contact;           // Matched or created by external_reference.
  std::vector<Communication> communications;
  std::vector<ImportedChange> history;  // Oldest first.
};

// A record ready to store. Storage sets contact_id on the interaction and on every revision once
// the contact is matched or created, and assigns the revisions' sequences.
struct PreparedImport {
  std::string external_reference;
  Interaction interaction;  // As imported; its version is the last revision's.
  std::optional<Contact> contact;
  std::vector<Communication> communications;
  std::vector<InteractionRevision> revisions;  // Versions 1, 2, ..., oldest first.
};

// Returns INVALID_ARGUMENT naming every field of the record that breaks a rule: the rules of
// CreateInteraction for the fields a create takes, plus consistency of the imported lifecycle
// (timestamps, state, history order).
absl::Status ValidateImportRecord(const ImportRecord& record, Timestamp now);

// Validates the record and builds what storage writes; `ids` supplies new ids for the
// interaction and its communications.
absl::StatusOr<PreparedImport> PrepareImport(const ImportRecord& record, Timestamp now,
                                             const std::function<std::string()>& ids);

// What became of one stored record.
struct StoredImport {
  bool created = false;        // False: the reference was imported before.
  std::string interaction_id;  // The interaction created now or before; empty on error.
  absl::Status error;          // Set when storage rejected this record alone.
};

// Stores prepared records. Implementations store each record whose reference was not imported
// before, exactly once across concurrent callers, and return one result per record in order. A
// record that fails on its own (a constraint of the database) gets an error without affecting
// the others. Returns UNAVAILABLE when the database cannot be reached; records stored before
// stay stored.
class ImportRepository {
 public:
  virtual ~ImportRepository() = default;

  virtual absl::StatusOr<std::vector<StoredImport>> StoreImports(
      const std::vector<PreparedImport>& records) = 0;
};

// The outcome of one record of a batch.
struct ImportResult {
  enum class Outcome { kCreated, kAlreadyImported, kRejected };

  Outcome outcome = Outcome::kRejected;
  std::string interaction_id;  // Unless rejected.
  absl::Status error;          // Why it was rejected.
};

// The import use case: validates every record of a batch, stores the valid ones through the
// repository in one go, and reports an outcome per record.
class Importer {
 public:
  Importer(ImportRepository& repository, const Clock& clock);

  // Returns one result per record, in order; a record whose reference occurs earlier in the
  // batch is answered like a re-import of it. Returns the repository's error when storing
  // fails as a whole.
  absl::StatusOr<std::vector<ImportResult>> Import(const std::vector<ImportRecord>& records);

 private:
  ImportRepository& repository_;
  const Clock& clock_;
};

}  // namespace frontdesk::domain
