// Helpers shared by the catalog use cases: order_by parsing, paging of small in-memory lists,
// and naming violations by their path in the request.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/errors.h"
#include "domain/interaction_manager.h"
#include "domain/page_token.h"
#include "domain/text.h"

namespace frontdesk::domain {

inline constexpr int kCatalogDefaultPageSize = 50;
inline constexpr int kCatalogMaxPageSize = 1000;

// One key of an order_by: a field name and its direction.
struct OrderKey {
  std::string field;
  bool descending = false;
};

// Parses "field[ desc|asc], ..." (any letter case). Returns `fallback` for an empty text and
// INVALID_ARGUMENT naming order_by for a field not in `allowed` or one given twice.
absl::StatusOr<std::vector<OrderKey>> ParseOrderBy(std::string_view text,
                                                   const std::vector<std::string>& allowed,
                                                   std::vector<OrderKey> fallback);

// Returns `status` with every field violation renamed to `prefix` + field.
absl::Status PrefixViolations(const absl::Status& status, std::string_view prefix);


// Returns the page of `items` (already filtered and sorted) that the token points at. Catalog
// lists hold at most a few thousand entries, so they are sorted in memory and paged by offset;
// the token is bound to `request_shape`.
template <typename T>
absl::StatusOr<Listing<T>> PageOf(std::vector<T> items, int page_size,
                                  const std::string& page_token, const std::string& request_shape) {
  auto size = EffectivePageSize(page_size, kCatalogDefaultPageSize, kCatalogMaxPageSize);
  if (!size.ok()) return size.status();
  auto position = DecodePageToken(page_token, request_shape);
  if (!position.ok()) return position.status();
  size_t offset = 0;
  for (char c : *position) {
    if (c < '0' || c > '9' || offset > items.size()) {
      return InvalidField("page_token", "is malformed");
    }
    offset = offset * 10 + static_cast<size_t>(c - '0');
  }
  offset = std::min(offset, items.size());
  const size_t end = std::min(items.size(), offset + static_cast<size_t>(*size));
  Listing<T> listing;
  listing.items.assign(std::make_move_iterator(items.begin() + static_cast<long>(offset)),
                       std::make_move_iterator(items.begin() + static_cast<long>(end)));
  if (end < items.size()) listing.next_page_token = EncodePageToken(Cat(end), request_shape);
  return listing;
}

}  // namespace frontdesk::domain
