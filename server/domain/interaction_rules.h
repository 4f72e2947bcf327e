#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/interaction.h"

namespace frontdesk::domain {

// The pure rules of an interaction's lifecycle. Each Apply* function takes the interaction as
// stored and returns what it becomes, or an error: INVALID_ARGUMENT naming the fields, or
// FAILED_PRECONDITION (reason INVALID_STATE_TRANSITION, metadata current_state) for an action
// the current state does not allow. None of them touches storage or the clock.

// What a change produces: the interaction after it, a communication to store with it, and a
// line of context for the audit history. `changed` is false for a change that is a no-op.
struct Mutation {
  Interaction next;
  std::optional<Communication> communication;
  std::string detail;
  bool changed = true;
};

// The client-settable fields of a new interaction; receive_time defaults to now.
struct InteractionDraft {
  Interaction fields;
  std::optional<Timestamp> receive_time;
};

// New values for the fields named in `paths`.
struct InteractionPatch {
  Interaction values;
  std::vector<std::string> paths;
};

// What resolving records.
struct Resolution {
  std::string code;
  std::string note;
  std::vector<std::string> knowledge_articles;
  bool first_contact_resolution = false;
  Duration wrap_up{0};
};

// A status reported by a downstream system for a linked record.
struct DownstreamStatusReport {
  std::string system;
  std::string external_id;
  DownstreamStatus status = DownstreamStatus::kUnspecified;
  std::string status_detail;
  std::optional<Timestamp> status_time;
};

// Returns INVALID_ARGUMENT naming every field of the draft that breaks a rule.
absl::Status ValidateDraft(const InteractionDraft& draft, Timestamp now);

// Validates a draft and returns the interaction to create, in state NEW, QUEUED (queue set) or
// IN_PROGRESS (agent set), at version 1.
absl::StatusOr<Interaction> BuildNewInteraction(const InteractionDraft& draft, std::string id,
                                                Timestamp now);

// Applies an update of the fields in patch.paths; see UpdateInteraction in the API.
absl::StatusOr<Mutation> ApplyUpdate(const Interaction& current, const InteractionPatch& patch,
                                     Timestamp now);

// Adds a communication; a first outbound agent message is the first response.
absl::StatusOr<Mutation> ApplyCommunication(const Interaction& current,
                                            Communication communication, Timestamp now);

absl::StatusOr<Mutation> ApplyHold(const Interaction& current, HoldReason reason, Timestamp now);
absl::StatusOr<Mutation> ApplyResume(const Interaction& current, Timestamp now);
// Returns INVALID_ARGUMENT naming the fields of a resolution that break a rule
// (`resolution_code`, `resolution_note`, `knowledge_articles[i]`, `wrap_up_duration`).
absl::Status ValidateResolution(const Resolution& resolution, bool code_required);

absl::StatusOr<Mutation> ApplyResolve(const Interaction& current, const Resolution& resolution,
                                      Timestamp now);
absl::StatusOr<Mutation> ApplyReopen(const Interaction& current, const std::string& reason,
                                     Timestamp now);
absl::StatusOr<Mutation> ApplyClose(const Interaction& current, Timestamp now);
absl::StatusOr<Mutation> ApplyAbandon(const Interaction& current,
                                      std::optional<Timestamp> abandon_time, Timestamp now);
absl::StatusOr<Mutation> ApplyLink(const Interaction& current, DownstreamLink link,
                                   Timestamp now);
absl::StatusOr<Mutation> ApplyDownstreamStatus(const Interaction& current,
                                               const DownstreamStatusReport& report,
                                               Timestamp now);
absl::StatusOr<Mutation> ApplySurvey(const Interaction& current, SatisfactionSurvey survey,
                                     Timestamp now);

// Returns INVALID_ARGUMENT naming every field of a contact to upsert that breaks a rule
// (`contact.display_name`, ...).
absl::Status ValidateContact(const Contact& contact);

// Returns ABORTED (reason ETAG_MISMATCH) unless `current` holds `etag`; an empty etag always
// matches.
absl::Status CheckEtag(const Interaction& current, const std::string& etag);

}  // namespace frontdesk::domain
