#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/enums.h"
#include "domain/errors.h"
#include "domain/time.h"

namespace frontdesk::domain {

// Collects field violations so that a request is reported with every broken rule at once.
class Violations {
 public:
  // Requires `value` to be valid UTF-8 of at most `max_chars` code points. Single-line text
  // may not hold control characters; multi-line text may hold tabs and line breaks.
  void CheckText(std::string_view field, std::string_view value, size_t max_chars,
                 bool multi_line = false);

  // Like CheckText, and the value may not be empty.
  void CheckRequiredText(std::string_view field, std::string_view value, size_t max_chars);

  // Requires a value of the form `{collection}/{id}`, where id is 1 to 63 letters, digits,
  // '-', '_' or '.'. An empty value passes unless `required`.
  void CheckResourceName(std::string_view field, std::string_view value,
                         std::string_view collection, bool required = false);

  // Requires `value` to be no later than `now` plus a small allowance for clock skew.
  void CheckNotFuture(std::string_view field, Timestamp value, Timestamp now);

  // Requires `value` to be no earlier than `earliest`.
  void CheckNotBefore(std::string_view field, Timestamp value, Timestamp earliest,
                      std::string_view earliest_name);

  // Records a violation.
  void Add(std::string_view field, std::string description);

  bool empty() const { return violations_.empty(); }

  // Returns OK, or INVALID_ARGUMENT with every violation.
  absl::Status ToStatus() const;

 private:
  std::vector<FieldViolation> violations_;
};

// Requires `value` to be a value its enumeration defines and, when `required`, not unspecified.
template <typename E>
void CheckEnum(Violations& violations, std::string_view field, E value, bool required) {
  if (!EnumFromNumber<E>(static_cast<int>(value))) {
    violations.Add(field, "has an unknown value");
  } else if (required && value == E::kUnspecified) {
    violations.Add(field, "is required");
  }
}

// Returns the number of code points in valid UTF-8, or -1 when the text is not valid UTF-8.
long Utf8Length(std::string_view text);

}  // namespace frontdesk::domain
