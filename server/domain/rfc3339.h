#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace frontdesk::domain {

// Parses an RFC 3339 timestamp such as "2026-01-01T09:30:00.25+02:00" ('T' and 'Z' in either
// case) into microseconds since the Unix epoch, UTC. Returns nullopt for malformed text, leap
// seconds, precision finer than microseconds unless the extra digits are zero, and instants
// outside years 0001 to 9999.
std::optional<std::int64_t> ParseRfc3339Micros(std::string_view text);

}  // namespace frontdesk::domain
