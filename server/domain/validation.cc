#include "domain/validation.h"

#include "domain/text.h"

namespace frontdesk::domain {
namespace {

// Clients' clocks drift; an instant up to this far ahead of the server is accepted.
constexpr auto kAllowedClockSkew = std::chrono::minutes(2);

// Returns the length of the UTF-8 sequence starting with `lead`, or 0 when it cannot start one.
int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool IsValidSequence(std::string_view text, size_t i, int length) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  for (int k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return false;
  }
  // Reject overlong forms, surrogates and code points above U+10FFFF.
  if (length == 3 && byte(0) == 0xE0 && byte(1) < 0xA0) return false;
  if (length == 3 && byte(0) == 0xED && byte(1) >= 0xA0) return false;
  if (length == 4 && byte(0) == 0xF0 && byte(1) < 0x90) return false;
  if (length == 4 && byte(0) == 0xF4 && byte(1) >= 0x90) return false;
  return true;
}

// Rejects C0 controls, DEL and the C1 controls U+0080 to U+009F (encoded 0xC2 0x80-0x9F).
bool HasForbiddenControl(std::string_view text, bool multi_line) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool allowed_in_text = multi_line && (c == '\n' || c == '\r' || c == '\t');
    if ((c < 0x20 || c == 0x7F) && !allowed_in_text) return true;
    const bool c1 = c == 0xC2 && i + 1 < text.size() &&
                    static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (c1) return true;
  }
  return false;
}

bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '.';
}

}  // namespace

long Utf8Length(std::string_view text) {
  long count = 0;
  for (size_t i = 0; i < text.size();) {
    const int length = SequenceLength(static_cast<unsigned char>(text[i]));
    if (length == 0 || i + length > text.size() || !IsValidSequence(text, i, length)) return -1;
    i += length;
    ++count;
  }
  return count;
}

void Violations::CheckText(std::string_view field, std::string_view value, size_t max_chars,
                           bool multi_line) {
  const long length = Utf8Length(value);
  if (length < 0) {
    Add(field, "must be valid UTF-8");
  } else if (static_cast<size_t>(length) > max_chars) {
    Add(field, Cat("must be at most ", max_chars, " characters, got ", length));
  } else if (HasForbiddenControl(value, multi_line)) {
    Add(field, "must not contain control characters");
  }
}

void Violations::CheckRequiredText(std::string_view field, std::string_view value,
                                   size_t max_chars) {
  if (value.empty()) {
    Add(field, "is required");
    return;
  }
  CheckText(field, value, max_chars);
}

void Violations::CheckResourceName(std::string_view field, std::string_view value,
                                   std::string_view collection, bool required) {
  if (value.empty()) {
    if (required) Add(field, "is required");
    return;
  }
  const std::string prefix = Cat(collection, "/");
  const std::string_view id =
      value.starts_with(prefix) ? value.substr(prefix.size()) : std::string_view();
  bool valid = !id.empty() && id.size() <= 63;
  for (char c : id) valid = valid && IsIdChar(c);
  if (!valid) {
    Add(field, Cat("must look like \"", collection, "/{id}\" with an id of 1 to 63 ",
                            "letters, digits, '-', '_' or '.'"));
  }
}

void Violations::CheckNotFuture(std::string_view field, Timestamp value, Timestamp now) {
  if (value > now + kAllowedClockSkew) {
    Add(field, Cat("must not be in the future (", FormatRfc3339(value), " is after ",
                            FormatRfc3339(now), ")"));
  }
}

void Violations::CheckNotBefore(std::string_view field, Timestamp value, Timestamp earliest,
                                std::string_view earliest_name) {
  if (value < earliest) {
    Add(field, Cat("must not be before ", earliest_name, " (", FormatRfc3339(earliest),
                            ")"));
  }
}

void Violations::Add(std::string_view field, std::string description) {
  violations_.push_back({std::string(field), std::move(description)});
}

absl::Status Violations::ToStatus() const {
  return violations_.empty() ? absl::OkStatus() : InvalidFields(violations_);
}

}  // namespace frontdesk::domain
