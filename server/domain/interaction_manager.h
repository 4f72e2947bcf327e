#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/interaction_fields.h"
#include "domain/interaction_rules.h"
#include "domain/repository.h"
#include "domain/time.h"

namespace frontdesk::domain {

// A page of results and the token for the next one (empty on the last page).
template <typename T>
struct Listing {
  std::vector<T> items;
  std::string next_page_token;
};

struct ListInteractionsInput {
  std::string filter;
  std::string order_by;
  int page_size = 0;
  std::string page_token;
};

// One audit history entry: a revision and what it changed.
struct HistoryEntry {
  int64_t revision = 0;
  std::string actor;
  std::string action;
  std::string detail;
  Timestamp change_time;
  std::vector<FieldChange> changes;
};

// One committed change seen by a watcher.
struct WatchEvent {
  int64_t sequence = 0;
  bool created = false;
  std::string action;
  Timestamp change_time;
  Interaction interaction;
};

// A watcher's position in the change log and what it watches for.
struct WatchCursor {
  Filter filter;
  int64_t after_sequence = 0;
};

// The interaction use cases: each validates its input, applies the lifecycle rules and stores the
// result through the repositories in one transaction. Errors are as documented on the API.
class InteractionManager {
 public:
  InteractionManager(InteractionRepository& interactions, ContactRepository& contacts,
                     const Clock& clock);

  absl::StatusOr<CreateOutcome> Create(const InteractionDraft& draft, const RequestMeta& meta);

  // Checks a draft without storing anything, so that a request with several faults can report
  // them all at once.
  absl::Status ValidateDraft(const InteractionDraft& draft) const;
  absl::StatusOr<Interaction> Get(const std::string& id);
  absl::StatusOr<Listing<Interaction>> List(const ListInteractionsInput& input);
  absl::StatusOr<Listing<Interaction>> ListForContact(const std::string& contact_id,
                                                      int page_size,
                                                      const std::string& page_token);

  absl::StatusOr<Interaction> Update(const std::string& id, const InteractionPatch& patch,
                                     const RequestMeta& meta);
  absl::StatusOr<MutationOutcome> LogCommunication(const std::string& id,
                                                   const Communication& communication,
                                                   const RequestMeta& meta);
  absl::StatusOr<Interaction> Hold(const std::string& id, HoldReason reason,
                                   const RequestMeta& meta);
  absl::StatusOr<Interaction> Resume(const std::string& id, const RequestMeta& meta);
  absl::StatusOr<Interaction> Resolve(const std::string& id, const Resolution& resolution,
                                      const RequestMeta& meta);
  absl::StatusOr<Interaction> Reopen(const std::string& id, const std::string& reason,
                                     const RequestMeta& meta);
  absl::StatusOr<Interaction> Close(const std::string& id, const RequestMeta& meta);
  absl::StatusOr<Interaction> Abandon(const std::string& id, std::optional<Timestamp> when,
                                      const RequestMeta& meta);
  absl::StatusOr<Interaction> Link(const std::string& id, const DownstreamLink& link,
                                   const RequestMeta& meta);
  absl::StatusOr<Interaction> ReportDownstreamStatus(const std::string& id,
                                                     const DownstreamStatusReport& report,
                                                     const RequestMeta& meta);
  absl::StatusOr<Interaction> SubmitSurvey(const std::string& id,
                                           const SatisfactionSurvey& survey,
                                           const RequestMeta& meta);

  absl::StatusOr<Listing<Communication>> ListCommunications(const std::string& id,
                                                            int page_size,
                                                            const std::string& page_token);
  absl::StatusOr<Listing<HistoryEntry>> ListHistory(const std::string& id, int page_size,
                                                    const std::string& page_token);

  // Parses a watch request. An empty cursor starts after the latest committed change.
  // Returns INVALID_ARGUMENT naming `filter` or `start_cursor`.
  absl::StatusOr<WatchCursor> StartWatch(const std::string& filter,
                                         const std::string& start_cursor);

  // Returns the changes after the cursor that match its filter, at most `limit` read, and
  // advances the cursor past everything read, matching or not.
  absl::StatusOr<std::vector<WatchEvent>> PollChanges(WatchCursor& cursor, int limit);

  absl::StatusOr<UpsertOutcome> UpsertContact(const Contact& contact, const RequestMeta& meta);
  absl::StatusOr<Contact> GetContact(const std::string& id);
  absl::StatusOr<Listing<Contact>> ListContacts(int page_size, const std::string& page_token);
  absl::StatusOr<std::vector<Contact>> SearchContacts(const std::string& query, int page_size);

 private:
  absl::StatusOr<Interaction> MutateInteraction(
      const std::string& id, const RequestMeta& meta, std::string_view action,
      std::function<absl::StatusOr<Mutation>(const Interaction&, Timestamp)> rule);
  absl::StatusOr<Listing<Interaction>> ListQuery(InteractionQuery query, int page_size,
                                                 const std::string& page_token,
                                                 const std::string& request_shape);

  InteractionRepository& interactions_;
  ContactRepository& contacts_;
  const Clock& clock_;
};

}  // namespace frontdesk::domain
