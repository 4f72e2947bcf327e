#include "domain/time.h"

#include <cstdio>
#include <string_view>

namespace frontdesk::domain {
namespace {

struct CivilTime {
  std::chrono::year_month_day date;
  std::chrono::hh_mm_ss<Duration> time;
};

CivilTime ToCivil(Timestamp t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  return {std::chrono::year_month_day(day), std::chrono::hh_mm_ss<Duration>(t - day)};
}

std::string Format(Timestamp t, const char* pattern) {
  const CivilTime civil = ToCivil(t);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, pattern, static_cast<int>(civil.date.year()),
                static_cast<unsigned>(civil.date.month()), static_cast<unsigned>(civil.date.day()),
                static_cast<int>(civil.time.hours().count()),
                static_cast<int>(civil.time.minutes().count()),
                static_cast<int>(civil.time.seconds().count()),
                static_cast<long>(civil.time.subseconds().count()));
  return buffer;
}

}  // namespace

std::string FormatDatabaseTime(Timestamp t) {
  const CivilTime civil = ToCivil(t);
  const int year = static_cast<int>(civil.date.year());
  if (year < 0 || year > 9999) return Format(t, "%04d-%02u-%02u %02d:%02d:%02d.%06ld");
  // Written digit by digit: this runs for every time column of every stored row.
  std::string text = "0000-00-00 00:00:00.000000";
  const auto put = [&text](size_t end, long long value, int digits) {
    for (int d = 0; d < digits; ++d, value /= 10) {
      text[end - d] = static_cast<char>('0' + value % 10);
    }
  };
  put(3, year, 4);
  put(6, static_cast<unsigned>(civil.date.month()), 2);
  put(9, static_cast<unsigned>(civil.date.day()), 2);
  put(12, civil.time.hours().count(), 2);
  put(15, civil.time.minutes().count(), 2);
  put(18, civil.time.seconds().count(), 2);
  put(25, civil.time.subseconds().count(), 6);
  return text;
}

std::string FormatRfc3339(Timestamp t) { return Format(t, "%04d-%02u-%02uT%02d:%02d:%02d.%06ldZ"); }

std::optional<Timestamp> ParseDatabaseTime(std::string_view text) {
  // Exactly "YYYY-MM-DD HH:MM:SS" then an optional ".f" to ".ffffff": fixed positions, digits only.
  constexpr std::string_view kShape = "0000-00-00 00:00:00";
  if (text.size() < kShape.size()) return std::nullopt;
  for (size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == '0' ? !digit : text[i] != kShape[i]) return std::nullopt;
  }
  const auto number = [&](size_t at, size_t length) {
    int value = 0;
    for (size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const std::chrono::year_month_day date{std::chrono::year(number(0, 4)),
                                         std::chrono::month(number(5, 2)),
                                         std::chrono::day(number(8, 2))};
  const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  int64_t micros = 0;
  const std::string_view fraction = text.substr(kShape.size());
  if (!fraction.empty()) {
    if (fraction[0] != '.' || fraction.size() > 7 || fraction.size() < 2) return std::nullopt;
    int digits = 0;
    for (char c : fraction.substr(1)) {
      if (c < '0' || c > '9') return std::nullopt;
      micros = micros * 10 + (c - '0');
      ++digits;
    }
    for (; digits < 6; ++digits) micros *= 10;
  }
  return Timestamp(std::chrono::sys_days(date)) + std::chrono::hours(hour) +
         std::chrono::minutes(minute) + std::chrono::seconds(second) + Duration(micros);
}

std::string FormatSeconds(Duration d) {
  const int64_t micros = d.count();
  const uint64_t magnitude = micros < 0 ? -static_cast<uint64_t>(micros) : micros;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s%llu.%06llu", micros < 0 ? "-" : "",
                static_cast<unsigned long long>(magnitude / 1000000),
                static_cast<unsigned long long>(magnitude % 1000000));
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + "s";
}

Timestamp SystemClock::Now() const {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

}  // namespace frontdesk::domain
