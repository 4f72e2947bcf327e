#include "domain/rfc3339.h"

#include <chrono>

#include "absl/strings/ascii.h"

namespace frontdesk::domain {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;
// 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the range storage can render as YYYY.
constexpr std::int64_t kMinTimestampMicros = -62'135'596'800 * kMicrosPerSecond;
constexpr std::int64_t kEndTimestampMicros = 253'402'300'800 * kMicrosPerSecond;

// Reads RFC 3339 text from left to right; each method consumes input only when it succeeds.
class TimestampReader {
 public:
  explicit TimestampReader(std::string_view text) : text_(text) {}

  bool Number(int digits, int& out) {
    if (text_.size() < static_cast<std::size_t>(digits)) return false;
    int value = 0;
    for (int i = 0; i < digits; ++i) {
      if (!absl::ascii_isdigit(text_[i])) return false;
      value = value * 10 + (text_[i] - '0');
    }
    text_.remove_prefix(digits);
    out = value;
    return true;
  }

  // Matches `c` ignoring ASCII case, because RFC 3339 allows "t" and "z" in lower case.
  bool Literal(char c) {
    if (text_.empty() || absl::ascii_tolower(text_[0]) != c) return false;
    text_.remove_prefix(1);
    return true;
  }

  // Reads an optional ".digits" part. More digits than microseconds are accepted only as zeros,
  // so that no instant silently moves.
  bool Fraction(std::int64_t& micros) {
    micros = 0;
    if (!Literal('.')) return true;
    std::size_t count = 0;
    while (count < text_.size() && absl::ascii_isdigit(text_[count])) ++count;
    if (count == 0 || count > 9) return false;
    for (std::size_t i = 0; i < 6; ++i) micros = micros * 10 + (i < count ? text_[i] - '0' : 0);
    const bool exact = std::all_of(text_.begin() + std::min<std::size_t>(count, 6),
                                   text_.begin() + count, [](char c) { return c == '0'; });
    text_.remove_prefix(count);
    return exact;
  }

  bool Offset(std::int64_t& seconds) {
    seconds = 0;
    if (Literal('z')) return true;
    const bool negative = Literal('-');
    int hours = 0, minutes = 0;
    if (!negative && !Literal('+')) return false;
    if (!Number(2, hours) || !Literal(':') || !Number(2, minutes)) return false;
    seconds = (negative ? -1 : 1) * (hours * 3600 + minutes * 60);
    return hours <= 23 && minutes <= 59;
  }

  bool AtEnd() const { return text_.empty(); }

 private:
  std::string_view text_;
};

}  // namespace

std::optional<std::int64_t> ParseRfc3339Micros(std::string_view text) {
  TimestampReader reader(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::int64_t fraction = 0, offset = 0;
  const bool well_formed = reader.Number(4, year) && reader.Literal('-') &&
                           reader.Number(2, month) && reader.Literal('-') &&
                           reader.Number(2, day) && reader.Literal('t') && reader.Number(2, hour) &&
                           reader.Literal(':') && reader.Number(2, minute) && reader.Literal(':') &&
                           reader.Number(2, second) && reader.Fraction(fraction) &&
                           reader.Offset(offset) && reader.AtEnd();
  // Leap seconds (second 60) are rejected: the protos and the database cannot represent them.
  if (!well_formed || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;

  const std::int64_t days = std::chrono::sys_days(date).time_since_epoch().count();
  const std::int64_t seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offset;
  const std::int64_t micros = seconds * kMicrosPerSecond + fraction;
  if (micros < kMinTimestampMicros || micros >= kEndTimestampMicros) return std::nullopt;
  return micros;
}

}  // namespace frontdesk::domain
