#include "domain/catalog_support.h"

#include "domain/errors.h"

namespace frontdesk::domain {
namespace {

std::string Lower(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lowered;
}

absl::Status OrderError(const std::vector<std::string>& allowed) {
  std::string fields;
  for (const std::string& field : allowed) Append(&fields, fields.empty() ? "" : ", ", field);
  return InvalidField("order_by", Cat("must list distinct fields out of ", fields,
                                      ", each optionally followed by \"asc\" or \"desc\""));
}

}  // namespace

absl::StatusOr<std::vector<OrderKey>> ParseOrderBy(std::string_view text,
                                                   const std::vector<std::string>& allowed,
                                                   std::vector<OrderKey> fallback) {
  if (Trim(text).empty()) return fallback;
  std::vector<OrderKey> keys;
  for (const std::string& part : Split(text, ',')) {
    const std::vector<std::string> words = Split(Lower(part), ' ', true);
    if (words.empty() || words.size() > 2) return OrderError(allowed);
    if (words.size() == 2 && words[1] != "asc" && words[1] != "desc") return OrderError(allowed);
    const bool known = std::find(allowed.begin(), allowed.end(), words[0]) != allowed.end();
    const bool repeated = std::any_of(keys.begin(), keys.end(),
                                      [&](const OrderKey& key) { return key.field == words[0]; });
    if (!known || repeated) return OrderError(allowed);
    keys.push_back({words[0], words.size() == 2 && words[1] == "desc"});
  }
  return keys;
}

absl::Status PrefixViolations(const absl::Status& status, std::string_view prefix) {
  std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (violations.empty()) return status;
  for (FieldViolation& violation : violations) violation.field = Cat(prefix, violation.field);
  return InvalidFields(std::move(violations));
}


}  // namespace frontdesk::domain
