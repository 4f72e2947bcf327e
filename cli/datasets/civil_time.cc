#include "datasets/civil_time.h"

#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace frontdesk::cli {
namespace {

struct Fields {
  int64_t year, month, day, hour, minute, second;
};

// Builds the instant, refusing values that absl would silently normalise (31 February).
std::optional<Instant> ToInstant(const Fields& f) {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.hour > 23 || f.minute > 59 || f.second > 59) {
    return std::nullopt;
  }
  const absl::CivilSecond civil(f.year, f.month, f.day, f.hour, f.minute, f.second);
  if (civil.month() != f.month || civil.day() != f.day) return std::nullopt;
  return Instant{absl::ToUnixSeconds(absl::FromCivil(civil, absl::UTCTimeZone())), 0};
}

// Splits "a<sep>b<sep>c" into exactly three integers.
std::optional<std::vector<int64_t>> ThreeNumbers(std::string_view text, char separator) {
  const std::vector<absl::string_view> parts =
      absl::StrSplit(absl::string_view(text.data(), text.size()), separator);
  if (parts.size() != 3) return std::nullopt;
  std::vector<int64_t> numbers;
  for (absl::string_view part : parts) {
    const auto number = ParseDigits(std::string_view(part.data(), part.size()));
    if (!number) return std::nullopt;
    numbers.push_back(*number);
  }
  return numbers;
}

// Parses ".ddd" into nanoseconds; an empty text is zero.
std::optional<int32_t> ParseFraction(std::string_view text) {
  if (text.empty()) return 0;
  if (text[0] != '.' || text.size() < 2 || text.size() > 10) return std::nullopt;
  const auto digits = ParseDigits(text.substr(1));
  if (!digits) return std::nullopt;
  int64_t nanos = *digits;
  for (size_t i = text.size() - 1; i < 9; ++i) nanos *= 10;
  return static_cast<int32_t>(nanos);
}

}  // namespace

std::optional<int64_t> ParseDigits(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<Instant> ParseYymmdd(std::string_view text) {
  const auto digits = ParseDigits(text);
  if (!digits || text.size() != 6) return std::nullopt;
  const int64_t yy = *digits / 10000;
  return ToInstant({yy < 70 ? 2000 + yy : 1900 + yy, *digits / 100 % 100, *digits % 100, 0, 0, 0});
}

std::optional<int64_t> ParseClockTime(std::string_view text) {
  const auto parts = ThreeNumbers(text, ':');
  if (!parts || text.size() < 7 || text.size() > 8) return std::nullopt;
  const auto& p = *parts;
  if (p[0] > 23 || p[1] > 59 || p[2] > 59) return std::nullopt;
  return p[0] * 3600 + p[1] * 60 + p[2];
}

std::optional<Instant> ParseSlashedDateTime(std::string_view text) {
  const size_t space = text.find(' ');
  if (space == std::string_view::npos || text.size() < space + 9) return std::nullopt;
  const auto date = ThreeNumbers(text.substr(0, space), '/');
  const auto clock = ParseClockTime(text.substr(space + 1, 8));
  const auto nanos = ParseFraction(text.substr(space + 9));
  if (!date || !clock || !nanos || (*date)[0] < 1000) return std::nullopt;
  auto instant = ToInstant({(*date)[0], (*date)[1], (*date)[2], 0, 0, 0});
  if (!instant) return std::nullopt;
  return Instant{instant->seconds + *clock, *nanos};
}

std::optional<Instant> ParseDayFirstDateTime(std::string_view text) {
  const size_t space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const auto date = ThreeNumbers(text.substr(0, space), '/');
  const std::vector<absl::string_view> clock =
      absl::StrSplit(absl::string_view(text.data() + space + 1, text.size() - space - 1), ':');
  if (!date || (*date)[2] < 1000 || clock.size() != 2 || clock[1].size() != 2) return std::nullopt;
  const auto hour = ParseDigits(std::string_view(clock[0].data(), clock[0].size()));
  const auto minute = ParseDigits(std::string_view(clock[1].data(), clock[1].size()));
  if (!hour || !minute) return std::nullopt;
  return ToInstant({(*date)[2], (*date)[1], (*date)[0], *hour, *minute, 0});
}

void SetTimestamp(const Instant& instant, google::protobuf::Timestamp& timestamp) {
  timestamp.set_seconds(instant.seconds);
  timestamp.set_nanos(instant.nanos);
}

Instant AddSeconds(const Instant& instant, int64_t seconds) {
  return Instant{instant.seconds + seconds, instant.nanos};
}

}  // namespace frontdesk::cli
