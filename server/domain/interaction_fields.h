#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/filter.h"
#include "domain/interaction.h"

namespace frontdesk::domain {

// The fields of an interaction that filters can name, with their types.
const FilterSchema& InteractionFilterSchema();

// Parses a filter over interactions. Contacts are named `contacts/{id}` in filters and matched by
// bare id, as they are stored.
absl::StatusOr<Filter> ParseInteractionFilter(std::string_view text);

// Returns an interaction's value for a filter field, for matching watch events in memory. The
// contact is its bare id.
FieldLookup InteractionFieldLookup(const Interaction& interaction);

// One field's value before and after a change, as text.
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};

// Returns the fields that differ between two revisions of an interaction, in declaration order.
// `update_time` is left out: it changes with every revision.
std::vector<FieldChange> DiffInteractions(const Interaction& before, const Interaction& after);

}  // namespace frontdesk::domain
