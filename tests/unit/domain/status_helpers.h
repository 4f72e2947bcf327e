// Helpers that read what the domain puts into an absl::Status, for assertions.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/errors.h"
#include "domain/text.h"

namespace frontdesk::domain::status_helpers {

// Returns the fields named by the violations a status carries, in order.
inline std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

template <typename T>
std::vector<std::string> ViolatedFields(const absl::StatusOr<T>& result) {
  return ViolatedFields(result.status());
}

// Returns the status message as a std::string.
inline std::string MessageOf(const absl::Status& status) {
  return std::string(View(status.message()));
}

template <typename T>
std::string MessageOf(const absl::StatusOr<T>& result) {
  return MessageOf(result.status());
}

}  // namespace frontdesk::domain::status_helpers
