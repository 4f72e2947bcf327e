#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace frontdesk::domain {

// One rule broken by one field of a request.
struct FieldViolation {
  std::string field;
  std::string description;
};

// Returns INVALID_ARGUMENT listing the violations; the first one leads the message. The
// violations travel in a payload so that the transport can return them as structured details.
absl::Status InvalidFields(std::vector<FieldViolation> violations);

// Returns INVALID_ARGUMENT for a single field.
absl::Status InvalidField(std::string field, std::string description);

// Returns the violations carried by a status, or none.
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);

// Returns `status` with every violation whose field starts with `from` renamed to start with `to`
// instead, so that rules written for one request can report fields of another (`link.system`
// becomes `interaction.downstream_links[2].system`). Other statuses are returned unchanged.
absl::Status RenameFields(const absl::Status& status, std::string_view from, std::string_view to);

// Returns a status with a machine-readable reason (UPPER_SNAKE_CASE) and metadata, such as the
// current state for an illegal transition.
absl::Status WithReason(absl::Status status, std::string_view reason,
                        const std::map<std::string, std::string>& metadata = {});

// Returns the reason a status carries, or an empty string.
std::string ReasonOf(const absl::Status& status);

// Returns the metadata a status carries.
std::map<std::string, std::string> ReasonMetadataOf(const absl::Status& status);

}  // namespace frontdesk::domain
