#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "google/protobuf/timestamp.pb.h"

namespace frontdesk::cli {

// The data sets carry wall-clock times without a zone. Every parser here reads them as UTC, so
// that reports in UTC cut days and months exactly where the source's local calendar does and
// durations equal the source's wall-clock differences (docs/import-mappings.md).

// A point in time in whole seconds and nanoseconds since the Unix epoch.
struct Instant {
  int64_t seconds = 0;
  int32_t nanos = 0;

  friend auto operator<=>(const Instant&, const Instant&) = default;
};

// Reads the decimal digits of `text` as an integer; nullopt if empty or not all digits.
std::optional<int64_t> ParseDigits(std::string_view text);

// "YYMMDD" (years 1970-2069) at midnight.
std::optional<Instant> ParseYymmdd(std::string_view text);

// "H:MM:SS" or "HH:MM:SS" as seconds after midnight, 0 to 86399.
std::optional<int64_t> ParseClockTime(std::string_view text);

// "YYYY/MM/DD HH:MM:SS" with an optional fraction of up to nine digits.
std::optional<Instant> ParseSlashedDateTime(std::string_view text);

// "D/M/YYYY HH:MM" (day first, no leading zeros needed).
std::optional<Instant> ParseDayFirstDateTime(std::string_view text);

// Writes `instant` into `timestamp`.
void SetTimestamp(const Instant& instant, google::protobuf::Timestamp& timestamp);

// `instant` plus `seconds`.
Instant AddSeconds(const Instant& instant, int64_t seconds);

}  // namespace frontdesk::cli
