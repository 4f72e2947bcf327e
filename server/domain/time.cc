#include "domain/time.h"

#include <cstdio>

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
  return Format(t, "%04d-%02u-%02u %02d:%02d:%02d.%06ld");
}

std::string FormatRfc3339(Timestamp t) { return Format(t, "%04d-%02u-%02uT%02d:%02d:%02d.%06ldZ"); }

std::optional<Timestamp> ParseDatabaseTime(std::string_view text) {
  int year = 0;
  unsigned month = 0, day = 0;
  int hour = 0, minute = 0, second = 0, consumed = 0;
  const std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2u-%2u %2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                         std::chrono::day(day)};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  int64_t micros = 0;
  std::string_view fraction = text.substr(consumed);
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

Timestamp SystemClock::Now() const {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

}  // namespace frontdesk::domain
