#include "domain/page_token.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/escaping.h"
#include "domain/errors.h"
#include "domain/text.h"

namespace frontdesk::domain {
namespace {

uint64_t ShapeHash(std::string_view text) { return Fnv1a64(text); }

}  // namespace

std::string EncodePageToken(std::string_view position, std::string_view request_shape) {
  if (position.empty()) return "";
  return absl::WebSafeBase64Escape(Cat(ShapeHash(request_shape), ":", position));
}

absl::StatusOr<std::string> DecodePageToken(std::string_view token,
                                            std::string_view request_shape) {
  if (token.empty()) return std::string();
  std::string decoded;
  const std::string expected_prefix = Cat(ShapeHash(request_shape), ":");
  if (!absl::WebSafeBase64Unescape(std::string(token), &decoded) || !decoded.starts_with(expected_prefix) ||
      decoded.size() == expected_prefix.size()) {
    return InvalidField("page_token",
                        "is not a token returned for this request (filter, order and parent "
                        "must stay the same between pages)");
  }
  return decoded.substr(expected_prefix.size());
}

absl::StatusOr<int> EffectivePageSize(int requested, int default_size, int max_size) {
  if (requested < 0) return InvalidField("page_size", "must not be negative");
  if (requested == 0) return default_size;
  return std::min(requested, max_size);
}

}  // namespace frontdesk::domain
