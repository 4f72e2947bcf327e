#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace frontdesk::domain {

// Instants are UTC with microsecond precision, the precision of the database columns.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;
using Duration = std::chrono::microseconds;

// Returns an instant from microseconds since the Unix epoch.
inline Timestamp FromUnixMicros(int64_t micros) { return Timestamp(Duration(micros)); }

// Returns microseconds since the Unix epoch.
inline int64_t ToUnixMicros(Timestamp t) { return t.time_since_epoch().count(); }

// Formats as "YYYY-MM-DD HH:MM:SS.ffffff", the text form kept in both database dialects; it
// sorts in time order.
std::string FormatDatabaseTime(Timestamp t);

// Parses the database text form; also accepts it without fractional seconds.
std::optional<Timestamp> ParseDatabaseTime(std::string_view text);

// Formats as RFC 3339 in UTC with microseconds, e.g. "2026-12-04T16:54:00.123456Z".
std::string FormatRfc3339(Timestamp t);

// Formats a duration as seconds with exact microseconds, e.g. "90.000250s" or "-1.5s" trimmed of
// trailing zeros ("90.00025s"), as the audit history shows it.
std::string FormatSeconds(Duration d);

// The source of the current time, so that rules are tested with a fixed clock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// Reads the system clock.
class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

}  // namespace frontdesk::domain
