#include "domain/errors.h"

#include <utility>

#include "domain/text.h"

namespace frontdesk::domain {
namespace {

// Payload type URLs; the encodings are private to this file: lines of tab-separated fields,
// which is safe because field paths and reasons never contain tabs or newlines and
// descriptions are escaped.
constexpr char kViolationsUrl[] = "frontdesk/field-violations";
constexpr char kReasonUrl[] = "frontdesk/reason";

std::string Escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      out += next == 't' ? '\t' : next == 'n' ? '\n' : next;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> DecodePairs(const absl::Status& status,
                                                             std::string_view url) {
  std::vector<std::pair<std::string, std::string>> pairs;
  const auto payload = status.GetPayload(absl::string_view(url.data(), url.size()));
  if (!payload) return pairs;
  for (const std::string& line : Split(std::string(*payload), '\n', true)) {
    const std::vector<std::string> parts = SplitOnce(line, '\t');
    pairs.emplace_back(Unescape(parts[0]), parts.size() > 1 ? Unescape(parts[1]) : "");
  }
  return pairs;
}

}  // namespace

absl::Status InvalidFields(std::vector<FieldViolation> violations) {
  std::string message = violations.empty()
                            ? "invalid request"
                            : Cat(violations[0].field, ": ", violations[0].description);
  if (violations.size() > 1) {
    Append(&message, " (and ", violations.size() - 1, " more)");
  }
  std::string encoded;
  for (const FieldViolation& v : violations) {
    Append(&encoded, Escape(v.field), "\t", Escape(v.description), "\n");
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kViolationsUrl, absl::Cord(encoded));
  return status;
}

absl::Status InvalidField(std::string field, std::string description) {
  return InvalidFields({{std::move(field), std::move(description)}});
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> violations;
  for (auto& [field, description] : DecodePairs(status, kViolationsUrl)) {
    violations.push_back({std::move(field), std::move(description)});
  }
  return violations;
}

absl::Status RenameFields(const absl::Status& status, std::string_view from,
                          std::string_view to) {
  std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (violations.empty()) return status;
  for (FieldViolation& violation : violations) {
    if (violation.field.starts_with(from)) {
      violation.field = Cat(to, std::string_view(violation.field).substr(from.size()));
    }
  }
  return InvalidFields(std::move(violations));
}

absl::Status WithReason(absl::Status status, std::string_view reason,
                        const std::map<std::string, std::string>& metadata) {
  std::string encoded = Cat(Escape(reason), "\n");
  for (const auto& [key, value] : metadata) {
    Append(&encoded, Escape(key), "\t", Escape(value), "\n");
  }
  status.SetPayload(kReasonUrl, absl::Cord(encoded));
  return status;
}

std::string ReasonOf(const absl::Status& status) {
  const auto pairs = DecodePairs(status, kReasonUrl);
  return pairs.empty() ? "" : pairs.front().first;
}

std::map<std::string, std::string> ReasonMetadataOf(const absl::Status& status) {
  const auto pairs = DecodePairs(status, kReasonUrl);
  std::map<std::string, std::string> metadata;
  for (size_t i = 1; i < pairs.size(); ++i) metadata[pairs[i].first] = pairs[i].second;
  return metadata;
}

}  // namespace frontdesk::domain
