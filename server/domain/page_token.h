#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace frontdesk::domain {

// Page tokens carry the storage's keyset position and a fingerprint of the request that made
// them, so that a token is rejected when the filter or order changes between pages.

// Returns the token for the next page, or an empty string when there is no next page.
std::string EncodePageToken(std::string_view position, std::string_view request_shape);

// Returns the position in `token`; an empty token gives an empty position. Returns
// INVALID_ARGUMENT (field page_token) for a malformed token or one from another request.
absl::StatusOr<std::string> DecodePageToken(std::string_view token,
                                            std::string_view request_shape);

// Returns the page size to use: `requested` when within (0, max], the default for 0.
// Returns INVALID_ARGUMENT (field page_size) for a negative size.
absl::StatusOr<int> EffectivePageSize(int requested, int default_size, int max_size);

}  // namespace frontdesk::domain
